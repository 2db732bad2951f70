"""Assemble a response: outline, in-place editing, the live departure from the agreed line, save and render."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea, Tree

from policydesk.drift import measure
from policydesk.model.position import Position
from policydesk.model.problems import InputError
from policydesk.model.response import Paragraph, Response, Section
from policydesk.ui.screens.metadata import MetadataScreen
from policydesk.ui.screens.prompt import Choice, Prompt, confirm
from policydesk.ui.widgets.diff_view import diff_text
from policydesk.ui.widgets.outline import Item, Outline


class ComposerScreen(Screen):
    """Work on one response at a time; the app holds the open draft."""

    CSS_PATH = "composer.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+r", "render", "Render"),
        Binding("ctrl+l", "render_clean", "Clean render"),
        Binding("ctrl+o", "open", "Open"),
        Binding("ctrl+n", "new", "New"),
        Binding("a", "add_position", "Add position"),
        Binding("n", "add_text", "New text"),
        Binding("q", "add_question", "Question"),
        Binding("h", "add_heading", "Heading"),
        Binding("k", "add_message", "Key message"),
        Binding("e", "edit", "Edit"),
        Binding("u", "update_pin", "Update pin"),
        Binding("m", "metadata", "Details"),
        Binding("ctrl+up", "move(-1)", "Move up"),
        Binding("ctrl+down", "move(1)", "Move down"),
        Binding("delete", "delete", "Delete"),
        Binding("escape", "stop_editing", "Done editing", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.item: Item = ("root",)
        self.editing: Item | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield Outline("No response open", id="outline")
            with Vertical(id="work"):
                with VerticalScroll(id="detail-scroll"):
                    yield Static("Open a response with ctrl+o, or start one with ctrl+n.", id="detail")
                yield TextArea(id="editor", soft_wrap=True, show_line_numbers=False)
                with VerticalScroll(id="departure-scroll"):
                    yield Static("", id="departure")
        yield Footer()

    @property
    def draft(self):
        return self.app.draft

    def on_mount(self) -> None:
        self.query_one("#editor").display = False
        self.query_one("#departure-scroll").border_title = "Departure from the agreed line"
        self.call_after_refresh(self.refresh_outline, self.item)

    def on_screen_resume(self) -> None:
        self.refresh_outline(self.item)

    def refresh_outline(self, focus: Item | None = None) -> None:
        self.sub_title = self.app.composer_title()
        self.item = focus or self.item
        if self.draft is None or not self.is_mounted:
            return
        self.query_one(Outline).show(self.draft.response, self.app.library, focus)
        self.show_item()

    @on(Tree.NodeHighlighted, "#outline")
    def item_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data is not None and self.editing is None:
            self.item = event.node.data
            self.show_item()

    def show_item(self) -> None:
        detail, departure = self.query_one("#detail", Static), self.query_one("#departure", Static)
        response = self.draft.response if self.draft else None
        if response is None:
            return
        kind = self.item[0]
        if kind == "message" and self.item[1] < len(response.key_messages):
            detail.update(response.key_messages[self.item[1]])
            departure.update("")
        elif kind == "section" and self.item[1] < len(response.sections):
            section = response.sections[self.item[1]]
            detail.update(Text.assemble((section.heading, "bold"), f"\nAnswer: {section.answer or '-'}"))
            departure.update("")
        elif kind == "para" and self._paragraph() is not None:
            self.show_paragraph(self._paragraph())
        else:
            c = response.consultation
            detail.update(
                Text.assemble(
                    (c.title, "bold"), f"\n{c.department}\nStatus: {response.status}", f"\nCloses: {c.closes or '-'}"
                )
            )
            departure.update("")

    def show_paragraph(self, paragraph: Paragraph, text: str | None = None) -> None:
        """Show the paragraph and, for quoted ones, how the (edited) wording departs from the pinned version."""
        if text is not None:
            paragraph = replace(paragraph, text=text)
        library = self.app.library
        shown = paragraph.text
        if paragraph.position and not paragraph.edited and library and library.get(paragraph.position):
            version = library.get(paragraph.position).version(paragraph.version)
            shown = version.text if version else ""
        if text is None:
            self.query_one("#detail", Static).update(shown)
        departure = measure(paragraph, library, nearest=self.app.nearest() if paragraph.kind == "new" else None)
        parts: list = []
        if "missing position" in departure.flags or "missing version" in departure.flags:
            parts.append(Text(f"{paragraph.position} {paragraph.version} is not in the knowledge base.", "bold red"))
        elif departure.summary is not None:
            head = (
                "Verbatim: the agreed text."
                if "verbatim" in departure.flags
                else (
                    f"Edited: {departure.summary.percent}% the same as the agreed text, "
                    f"+{departure.summary.words_added} / -{departure.summary.words_removed} words."
                )
            )
            parts.append(Text(f"{paragraph.position}, version {paragraph.version}. {head}", "bold"))
            if "stale pin" in departure.flags:
                parts.append(
                    Text(
                        f"A newer version ({departure.current_version}) exists: press u to update the pin.", "bold red"
                    )
                )
            if "edited" in departure.flags:
                parts.append(diff_text(departure.chunks))
        elif departure.suggestion:
            parts.append(Text(f"New text. It {departure.suggestion}: consider quoting that position instead.", "cyan"))
        elif paragraph.kind == "new":
            parts.append(Text("New text: not from the knowledge base.", "dim"))
        self.query_one("#departure", Static).update(Group(*parts))

    def _paragraph(self) -> Paragraph | None:
        if self.item[0] != "para" or self.draft is None:
            return None
        _, s, p = self.item
        sections = self.draft.response.sections
        return sections[s].paragraphs[p] if s < len(sections) and p < len(sections[s].paragraphs) else None

    def _section_index(self) -> int | None:
        if self.draft is None or not self.draft.response.sections:
            return None
        if self.item[0] in ("section", "para"):
            return self.item[1]
        return len(self.draft.response.sections) - 1

    def change(self, response: Response, focus: Item | None = None) -> None:
        self.app.change_draft(response)
        self.refresh_outline(focus or self.item)

    # Editing -----------------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        if self.draft is None:
            return
        response, kind = self.draft.response, self.item[0]
        if kind == "para" and (paragraph := self._paragraph()) is not None:
            text = paragraph.text
            if paragraph.position and not paragraph.edited and self.app.library:
                version = self.app.library.get(paragraph.position).version(paragraph.version)
                text = version.text.strip() if version else ""
        elif kind == "message":
            text = response.key_messages[self.item[1]]
        elif kind == "section":
            text = response.sections[self.item[1]].title
        else:
            self.action_metadata()
            return
        self.editing = self.item
        editor = self.query_one("#editor", TextArea)
        editor.load_text(text)
        editor.move_cursor(editor.document.end)
        editor.display = True
        self.query_one("#detail-scroll").display = False
        editor.focus()

    @on(TextArea.Changed, "#editor")
    def edited(self, event: TextArea.Changed) -> None:
        if self.editing is None or self.draft is None:
            return
        text = event.text_area.text
        response = self.draft.response
        kind = self.editing[0]
        if kind == "para":
            _, s, p = self.editing
            paragraph = response.sections[s].paragraphs[p]
            if paragraph.position and self._agreed_text(paragraph).strip() == text.strip():
                text = ""
            updated = replace(paragraph, text=text)
            self.app.change_draft(response.set_paragraph(s, p, updated))
            self.show_paragraph(updated, text=text)
        elif kind == "message":
            messages = list(response.key_messages)
            messages[self.editing[1]] = " ".join(text.split())
            self.app.change_draft(replace(response, key_messages=tuple(messages)))
        elif kind == "section":
            s = self.editing[1]
            self.app.change_draft(response.with_section(s, replace(response.sections[s], title=" ".join(text.split()))))
        self.sub_title = self.app.composer_title()

    def _agreed_text(self, paragraph: Paragraph) -> str:
        position = self.app.library.get(paragraph.position) if self.app.library else None
        version = position.version(paragraph.version) if position else None
        return version.text if version else ""

    def action_stop_editing(self) -> None:
        if self.editing is None:
            return
        focus, self.editing = self.editing, None
        self.query_one("#editor").display = False
        self.query_one("#detail-scroll").display = True
        self.refresh_outline(focus)
        self.query_one(Outline).focus()

    # Structure ---------------------------------------------------------------------------------------------

    def add_position(self, position: Position) -> None:
        """Quote `position`, pinned to its current version, at the end of the current section."""
        s = self._section_index()
        if s is None:
            self.notify("Add a question or heading first (q or h).", severity="warning")
            return
        paragraph = Paragraph(position=position.id, version=position.updated)
        at = self.item[2] + 1 if self.item[0] == "para" else len(self.draft.response.sections[s].paragraphs)
        self.change(self.draft.response.add_paragraph(s, paragraph, at), ("para", s, at))
        self.notify(f"Added {position.id} ({position.updated}) to {self.draft.response.sections[s].label}.")

    def action_add_position(self) -> None:
        if self.draft is None:
            self.notify("Open or create a response first (ctrl+o or ctrl+n).", severity="warning")
            return
        self.app.pick_position()

    def action_add_text(self) -> None:
        s = self._section_index()
        if s is None:
            self.notify("Add a question or heading first (q or h).", severity="warning")
            return
        at = self.item[2] + 1 if self.item[0] == "para" else len(self.draft.response.sections[s].paragraphs)
        self.change(self.draft.response.add_paragraph(s, Paragraph(text="New paragraph."), at), ("para", s, at))
        self.action_edit()

    def action_add_message(self) -> None:
        if self.draft is None:
            return
        response = self.draft.response
        self.change(
            replace(response, key_messages=(*response.key_messages, "New key message.")),
            ("message", len(response.key_messages)),
        )
        self.action_edit()

    def action_add_heading(self) -> None:
        self._ask_section(question=False)

    def action_add_question(self) -> None:
        self._ask_section(question=True)

    @work
    async def _ask_section(self, question: bool) -> None:
        if self.draft is None:
            return
        number = None
        if question:
            count = sum(s.is_question for s in self.draft.response.sections)
            number = await self.app.push_screen_wait(Prompt("Question number", str(count + 1)))
            if not number:
                return
        title = await self.app.push_screen_wait(Prompt("Question text" if question else "Heading"))
        if not title:
            return
        answer = None
        if question:
            answer = await self.app.push_screen_wait(
                Choice(
                    "Our one-word answer",
                    {"a": "Agree", "d": "Disagree", "p": "Partly", "k": "Don't know", "n": "None"},
                )
            )
            answer = {"a": "Agree", "d": "Disagree", "p": "Partly", "k": "Don't know"}.get(answer or "n")
        current = self._section_index()
        at = 0 if current is None else current + 1
        self.change(self.draft.response.add_section(Section(title, (), number, answer), at), ("section", at))

    def action_move(self, step: int) -> None:
        if self.draft is None:
            return
        response, kind = self.draft.response, self.item[0]
        if kind == "para":
            _, s, p = self.item
            target = p + step
            if 0 <= target < len(response.sections[s].paragraphs):
                self.change(response.move_paragraph(s, p, step), ("para", s, target))
        elif kind == "section":
            target = self.item[1] + step
            if 0 <= target < len(response.sections):
                self.change(response.move_section(self.item[1], step), ("section", target))

    @work
    async def action_delete(self) -> None:
        if self.draft is None or self.item[0] not in ("para", "section", "message"):
            return
        what = {
            "para": "this paragraph",
            "section": "this section and all its paragraphs",
            "message": "this key message",
        }[self.item[0]]
        if await self.app.push_screen_wait(confirm(f"Delete {what}?")) != "y":
            return
        response, kind = self.draft.response, self.item[0]
        if kind == "para":
            self.change(response.remove_paragraph(self.item[1], self.item[2]), ("section", self.item[1]))
        elif kind == "section":
            self.change(response.remove_section(self.item[1]), ("root",))
        else:
            messages = response.key_messages[: self.item[1]] + response.key_messages[self.item[1] + 1 :]
            self.change(replace(response, key_messages=messages), ("messages",))

    def action_update_pin(self) -> None:
        paragraph = self._paragraph()
        if paragraph is None or paragraph.position is None or self.app.library is None:
            return
        position = self.app.library.get(paragraph.position)
        if position is None or position.updated == paragraph.version:
            self.notify("The pin is already the current version.")
            return
        _, s, p = self.item
        self.change(self.draft.response.set_paragraph(s, p, replace(paragraph, version=position.updated)))
        self.notify(f"Pinned {position.id} to its current version, {position.updated}.")

    def action_metadata(self) -> None:
        if self.draft is None:
            return

        def done(response: Response | None) -> None:
            if response is not None:
                self.change(response)

        self.app.push_screen(MetadataScreen(self.draft.response), done)

    # Files -------------------------------------------------------------------------------------------------

    def action_save(self) -> None:
        self.action_stop_editing()
        self.app.save_draft()

    def action_open(self) -> None:
        self.app.choose_response()

    def action_new(self) -> None:
        self.app.new_response()

    def action_render(self) -> None:
        self.app.render_draft(clean=False)

    def action_render_clean(self) -> None:
        self.app.render_draft(clean=True)


def problems_text(error: InputError, limit: int = 6) -> str:
    lines = [str(p) for p in error.problems[:limit]]
    if len(error.problems) > limit:
        lines.append(f"… and {len(error.problems) - limit} more")
    return "\n".join(lines)
