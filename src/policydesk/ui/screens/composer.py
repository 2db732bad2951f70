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
from textual.widgets import Header, Static, TextArea, Tree

from policydesk.answer_text import answer_text, count_note, response_count, section_count
from policydesk.drift import measure
from policydesk.model.position import Position, Version
from policydesk.model.problems import InputError
from policydesk.model.response import Paragraph, Response, Section
from policydesk.model.review import Proposal, ReviewNote
from policydesk.suggest import Suggestion, suggest
from policydesk.ui.screens.metadata import MetadataScreen
from policydesk.ui.screens.prompt import Choice, Prompt, confirm
from policydesk.ui.screens.question_editor import QuestionEditor
from policydesk.ui.screens.review import ReviewScreen, entries
from policydesk.ui.widgets.diff_view import diff_text
from policydesk.ui.widgets.key_bar import KeyBar
from policydesk.ui.widgets.outline import Item, Outline

EVERYWHERE = [
    ("Ctrl+Z", "Undo"),
    ("Ctrl+S", "Save"),
    ("Ctrl+R", "Word document"),
    ("F2", "Library"),
    ("F1", "Help"),
    ("Ctrl+Q", "Quit"),
]
KEYS = {
    "none": [
        ("Ctrl+O", "Open a response"),
        ("Ctrl+N", "New response"),
        ("I", "Import a consultation"),
        ("F2", "Library"),
        ("F1", "Help"),
        ("Ctrl+Q", "Quit"),
    ],
    "root": [
        ("M", "Details and dates"),
        ("V", "Review comments and changes"),
        ("K", "Key message"),
        ("Q", "Question"),
        ("H", "Heading"),
        ("I", "Import questions"),
    ],
    "messages": [("K", "Add a key message"), ("Q", "Question")],
    "message": [("E", "Edit"), ("K", "Add a key message"), ("Del", "Delete"), ("Ctrl+↑↓", "Move")],
    "section": [
        ("E", "Edit the question"),
        ("A", "Add a position"),
        ("N", "New text"),
        ("1-5", "Quote a suggestion"),
        ("C", "Copy the answer"),
        ("V", "Review"),
        ("Del", "Delete"),
        ("Ctrl+↑↓", "Move"),
    ],
    "heading": [("E", "Edit"), ("A", "Add a position"), ("N", "New text"), ("Del", "Delete"), ("Ctrl+↑↓", "Move")],
    "para": [
        ("E", "Edit the wording"),
        ("A", "Add a position after"),
        ("N", "New text after"),
        ("U", "Update pin"),
        ("V", "Review"),
        ("Del", "Delete"),
        ("Ctrl+↑↓", "Move"),
    ],
    "editing": [("Escape", "Finish editing"), ("Ctrl+Z", "Undo typing"), ("Ctrl+S", "Save")],
}
SUGGESTIONS = 5


class ComposerScreen(Screen):
    """Work on one response at a time; the app holds the open draft and its history of changes."""

    CSS_PATH = "composer.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+r", "render", "Word document"),
        Binding("ctrl+l", "render_clean", "Clean Word document"),
        Binding("ctrl+o", "open", "Open a response"),
        Binding("ctrl+n", "new", "New response"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo"),
        Binding("a", "add_position", "Add a position"),
        Binding("n", "add_text", "New text"),
        Binding("q", "add_question", "Question"),
        Binding("h", "add_heading", "Heading"),
        Binding("k", "add_message", "Key message"),
        Binding("e", "edit", "Edit"),
        Binding("u", "update_pin", "Update pin"),
        Binding("m", "metadata", "Details and dates"),
        Binding("i", "import", "Import a consultation"),
        Binding("c", "copy_answer", "Copy the answer"),
        Binding("v", "review", "Review: a returned Word copy's changes and comments"),
        *[Binding(str(n), f"quote_suggestion({n})", f"Quote suggestion {n}", show=False) for n in range(1, 6)],
        Binding("ctrl+up", "move(-1)", "Move up"),
        Binding("ctrl+down", "move(1)", "Move down"),
        Binding("delete", "delete", "Delete"),
        Binding("escape", "stop_editing", "Finish editing"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.item: Item = ("root",)
        self.editing: Item | None = None
        self.suggested: list[Suggestion] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield Outline("No response open", id="outline")
            with Vertical(id="work"):
                with VerticalScroll(id="detail-scroll"):
                    yield Static("Open a response with Ctrl+O, or start one with Ctrl+N.", id="detail")
                yield TextArea(id="editor", soft_wrap=True, show_line_numbers=False)
                with VerticalScroll(id="departure-scroll"):
                    yield Static("", id="departure")
        yield KeyBar()

    @property
    def draft(self):
        return self.app.draft

    def on_mount(self) -> None:
        self.query_one("#editor").display = False
        self.query_one("#departure-scroll").border_title = "Departure from the agreed line"
        self.call_after_refresh(self.refresh_outline, self.item)

    def on_screen_resume(self) -> None:
        self.refresh_outline(self.item)

    def update_keys(self) -> None:
        if self.editing is not None:
            keys = KEYS["editing"]
        elif self.draft is None:
            keys = KEYS["none"]
        else:
            kind = self.item[0]
            if kind == "section" and not self._section().is_question:
                kind = "heading"
            keys = KEYS.get(kind, KEYS["root"]) + EVERYWHERE
        self.query_one(KeyBar).show(keys)

    def refresh_outline(self, focus: Item | None = None) -> None:
        self.sub_title = self.app.composer_title()
        self.item = focus or self.item
        if not self.is_mounted:
            return
        if self.draft is not None:
            outline = self.query_one(Outline)
            outline.show(self.draft.response, self.app.library, focus)
            if self.app.library is not None:
                outline.border_title = f"Whole response: {response_count(self.draft.response, self.app.library)}"
            self.show_item()
        self.update_keys()

    @on(Tree.NodeHighlighted, "#outline")
    def item_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data is not None and self.editing is None:
            self.item = event.node.data
            self.show_item()
            self.update_keys()

    def show_item(self) -> None:
        detail, departure = self.query_one("#detail", Static), self.query_one("#departure", Static)
        response = self.draft.response if self.draft else None
        if response is None:
            return
        self.suggested = []
        kind = self.item[0]
        departure.update("")
        if kind == "message" and self.item[1] < len(response.key_messages):
            message = response.key_messages[self.item[1]]
            detail.update(message or Text("An empty key message: press e to write it.", "dim"))
        elif kind == "section" and self.item[1] < len(response.sections):
            detail.update(self._question_detail(self.item[1]))
        elif kind == "para" and self._paragraph() is not None:
            self.show_paragraph(self._paragraph())
        else:
            c = response.consultation
            detail.update(
                Text.assemble(
                    (c.title, "bold"),
                    f"\n{c.department}\nStatus: {response.status}",
                    f"\nCloses: {c.closes:%d %B %Y}" if c.closes else "\nCloses: not given",
                    f"\nDate on the document: {response.date:%d %B %Y}" if response.date else "",
                    ("\n\nPress m for the details, dates and contact officer.", "dim"),
                )
            )

    def _question_detail(self, index: int) -> Group:
        response, library = self.draft.response, self.app.library
        section = response.sections[index]
        parts: list = [Text(section.heading, "bold")]
        if section.is_question:
            answers = section.answers
            how = "free text, no one-word answer" if not answers else " / ".join(answers)
            parts.append(Text.assemble(("Answer: ", "dim"), section.answer or "none yet", ("   Choices: ", "dim"), how))
        if library is not None:
            parts.append(Text.assemble(("This answer: ", "dim"), count_note(section, section_count(section, library))))
            if section.is_question:
                self.suggested = suggest(response, library, index, limit=SUGGESTIONS)
        parts += review_lines(section.proposals, section.notes)
        if self.suggested:
            parts.append(Text("\nSuggested positions (press the number to quote one):", "bold"))
            for n, found in enumerate(self.suggested, 1):
                why = "; ".join(r.text for r in found.reasons[:2])
                parts.append(
                    Text.assemble((f" {n} ", "bold reverse"), f" {found.position.title}", (f"  ({why})", "dim"))
                )
        return Group(*parts)

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
            self.query_one("#detail", Static).update(shown or Text("An empty paragraph: press e to write it.", "dim"))
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
            version = library.get(paragraph.position).version(paragraph.version)
            parts.append(Text(f"{paragraph.position}, {version.when}, {version.provenance}. {head}", "bold"))
            if "stale pin" in departure.flags:
                parts.append(
                    Text(f"A newer line ({departure.current_version}) exists: press u to quote it instead.", "bold red")
                )
            if "later note" in departure.flags:
                parts.append(Text("This quotes a later note, not the line: check that is meant.", "bold magenta"))
            if "edited" in departure.flags:
                parts.append(diff_text(departure.chunks))
        elif departure.suggestion:
            parts.append(Text(f"New text. It {departure.suggestion}: consider quoting that position instead.", "cyan"))
        elif paragraph.kind == "new":
            parts.append(Text("New text: not from the knowledge base.", "dim"))
        parts += review_lines(paragraph.proposals, paragraph.notes)
        self.query_one("#departure", Static).update(Group(*parts))

    def _section(self) -> Section:
        return self.draft.response.sections[self.item[1]]

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

    def change(self, response: Response, focus: Item | None = None, group: object = None) -> None:
        self.app.change_draft(response, group)
        self.refresh_outline(focus or self.item)

    # Editing -----------------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        if self.draft is None:
            return
        response, kind = self.draft.response, self.item[0]
        if kind == "section" and self._section().is_question:
            self._edit_question(self.item[1])
            return
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
        editor.placeholder = "Type here. Escape when you have finished; Ctrl+Z undoes typing."
        editor.load_text(text)
        editor.move_cursor(editor.document.end)
        editor.display = True
        self.query_one("#detail-scroll").display = False
        editor.focus()
        self.update_keys()

    @work(exit_on_error=False)
    async def _edit_question(self, index: int) -> None:
        response = self.draft.response
        others = [s.number for i, s in enumerate(response.sections) if s.is_question and i != index]
        edited = await self.app.push_screen_wait(QuestionEditor(response.sections[index], others))
        if edited is not None:
            self.change(response.with_section(index, edited), ("section", index))

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
            self.app.change_draft(response.set_paragraph(s, p, updated), self.editing)
            self.show_paragraph(updated, text=text)
        elif kind == "message":
            messages = list(response.key_messages)
            messages[self.editing[1]] = " ".join(text.split())
            self.app.change_draft(replace(response, key_messages=tuple(messages)), self.editing)
        elif kind == "section":
            s = self.editing[1]
            section = replace(response.sections[s], title=" ".join(text.split()))
            self.app.change_draft(response.with_section(s, section), self.editing)
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

    def add_position(self, position: Position, version: Version | None = None) -> None:
        """Quote `position` at its line (or, chosen on purpose in its history, another version)."""
        s = self._section_index()
        if s is None:
            self.notify("Add a question or heading first (q or h).", severity="warning")
            return
        pinned = version or position.line
        paragraph = Paragraph(position=position.id, version=pinned.date)
        at = self.item[2] + 1 if self.item[0] == "para" else len(self.draft.response.sections[s].paragraphs)
        self.change(self.draft.response.add_paragraph(s, paragraph, at), ("para", s, at))
        note = "" if pinned is position.line else f" (a {pinned.status} from {pinned.when}, not the line)"
        self.notify(f"Added {position.title}{note} to {self.draft.response.sections[s].label}.")

    def action_add_position(self) -> None:
        if self.draft is None:
            self.notify("Open or create a response first (Ctrl+O or Ctrl+N).", severity="warning")
            return
        self.app.pick_position()

    def action_quote_suggestion(self, number: int) -> None:
        if self.item[0] != "section" or not 0 < number <= len(self.suggested):
            return
        self.add_position(self.suggested[number - 1].position)

    def action_add_text(self) -> None:
        s = self._section_index()
        if s is None:
            self.notify("Add a question or heading first (q or h).", severity="warning")
            return
        at = self.item[2] + 1 if self.item[0] == "para" else len(self.draft.response.sections[s].paragraphs)
        self.change(self.draft.response.add_paragraph(s, Paragraph(text=""), at), ("para", s, at))
        self.action_edit()

    def action_add_message(self) -> None:
        if self.draft is None:
            return
        response = self.draft.response
        self.change(
            replace(response, key_messages=(*response.key_messages, "")), ("message", len(response.key_messages))
        )
        self.action_edit()

    def action_add_heading(self) -> None:
        self._ask_section(question=False)

    def action_add_question(self) -> None:
        self._ask_section(question=True)

    @work(exit_on_error=False)
    async def _ask_section(self, question: bool) -> None:
        if self.draft is None:
            return
        response = self.draft.response
        current = self._section_index()
        at = 0 if current is None else current + 1
        if question:
            numbers = [s.number for s in response.sections if s.is_question]
            following = str(max((int(n) for n in numbers if n and n.isdigit()), default=0) + 1)
            section = await self.app.push_screen_wait(QuestionEditor(Section("", number=following), numbers))
        else:
            title = await self.app.push_screen_wait(Prompt("Heading"))
            section = Section(" ".join(title.split())) if title and title.strip() else None
        if section is not None:
            self.change(response.add_section(section, at), ("section", at))

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
        elif kind == "message":
            target = self.item[1] + step
            messages = list(response.key_messages)
            if 0 <= target < len(messages):
                messages[self.item[1]], messages[target] = messages[target], messages[self.item[1]]
                self.change(replace(response, key_messages=tuple(messages)), ("message", target))

    @work(exit_on_error=False)
    async def action_delete(self) -> None:
        if self.draft is None or self.item[0] not in ("para", "section", "message"):
            return
        what = {
            "para": "this paragraph",
            "section": "this section and all its paragraphs",
            "message": "this key message",
        }[self.item[0]]
        if await self.app.push_screen_wait(confirm(f"Delete {what}? (Ctrl+Z brings it back)")) != "y":
            return
        response, kind = self.draft.response, self.item[0]
        if kind == "para":
            self.change(response.remove_paragraph(self.item[1], self.item[2]), ("section", self.item[1]))
        elif kind == "section":
            self.change(response.remove_section(self.item[1]), ("root",))
        else:
            messages = response.key_messages[: self.item[1]] + response.key_messages[self.item[1] + 1 :]
            self.change(replace(response, key_messages=messages), ("messages",))

    def action_undo(self) -> None:
        if self.editing is None:
            self.app.undo()

    def action_redo(self) -> None:
        if self.editing is None:
            self.app.redo()

    def action_update_pin(self) -> None:
        paragraph = self._paragraph()
        if paragraph is None or paragraph.position is None or self.app.library is None:
            return
        position = self.app.library.get(paragraph.position)
        if position is None or position.updated == paragraph.version:
            self.notify("This already quotes the position's line.")
            return
        _, s, p = self.item
        self.change(self.draft.response.set_paragraph(s, p, replace(paragraph, version=position.updated)))
        self.notify(f"Now quoting the line of {position.title}, {position.line.when}.")

    def action_review(self) -> None:
        if self.draft is None:
            self.notify("Open the response the Word copy was made from first (Ctrl+O).", severity="warning")
        elif entries(self.draft.response):
            self.app.push_screen(ReviewScreen())
        else:
            self.app.bring_in_review()

    def action_metadata(self) -> None:
        if self.draft is None:
            return

        def done(response: Response | None) -> None:
            if response is not None:
                self.change(response)

        self.app.push_screen(MetadataScreen(self.draft.response), done)

    def action_copy_answer(self) -> None:
        if self.draft is None or self.app.library is None or self.item[0] not in ("section", "para"):
            return
        section = self.draft.response.sections[self.item[1]]
        text = answer_text(section, self.app.library)
        self.app.copy_to_clipboard(text)
        counted = count_note(section, section_count(section, self.app.library))
        self.notify(f"Copied the answer to {section.label} ({counted}), ready to paste into the online form.")

    # Files -------------------------------------------------------------------------------------------------

    def action_save(self) -> None:
        self.action_stop_editing()
        self.app.save_draft()

    def action_open(self) -> None:
        self.app.choose_response()

    def action_new(self) -> None:
        self.app.new_response()

    def action_import(self) -> None:
        self.app.import_questions()

    def action_render(self) -> None:
        self.app.render_draft(clean=False)

    def action_render_clean(self) -> None:
        self.app.render_draft(clean=True)


def review_lines(proposals: tuple[Proposal, ...], notes: tuple[ReviewNote, ...]) -> list[Text]:
    """What a review left here, in a line, for the composer's panels."""
    open_notes = [n for n in notes if not n.resolved]
    if not proposals and not open_notes:
        return []
    said = []
    if proposals:
        who = ", ".join(dict.fromkeys(p.by for p in proposals if p.by)) or "the reviewer"
        said.append(f"{len(proposals)} change{'s' * (len(proposals) != 1)} proposed by {who}")
    if open_notes:
        said.append(f"{len(open_notes)} open comment{'s' * (len(open_notes) != 1)}")
    return [Text(f"\nReview: {'; '.join(said)}. Press v to go through them.", "bold magenta")]


def problems_text(error: InputError, limit: int = 6) -> str:
    lines = [str(p) for p in error.problems[:limit]]
    if len(error.problems) > limit:
        lines.append(f"… and {len(error.problems) - limit} more")
    return "\n".join(lines)


__all__ = ["Choice", "ComposerScreen", "problems_text"]
