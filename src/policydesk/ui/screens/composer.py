"""Assemble a response: key messages, questions and headings, suggested positions, review, copy an answer."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group
from rich.text import Text
from textual import work
from textual.binding import Binding

from policydesk.answer_text import answer_text, count_note, response_count, section_count
from policydesk.model.response import Paragraph, Response, Section
from policydesk.model.review import Proposal, ReviewNote
from policydesk.model.rules import day_month_year
from policydesk.suggest import Suggestion, suggest
from policydesk.ui.screens.document_editor import DocumentEditor, Item, Placed, marked, problems_text
from policydesk.ui.screens.metadata import MetadataScreen
from policydesk.ui.screens.prompt import Choice, Prompt
from policydesk.ui.screens.question_editor import QuestionEditor
from policydesk.ui.screens.review import ReviewScreen, entries
from policydesk.ui.widgets.key_bar import Keys
from policydesk.ui.widgets.outline import Outline

KEYS = {
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
        ("U", "Quote the newer line"),
        ("V", "Review"),
        ("Del", "Delete"),
        ("Ctrl+↑↓", "Move"),
    ],
}
SUGGESTIONS = 5


class ComposerScreen(DocumentEditor):
    """A response: ("root",), ("messages",), ("message", i), ("section", s) and ("para", s, p) items."""

    BINDINGS = [
        Binding("q", "add_question", "Question"),
        Binding("h", "add_heading", "Heading"),
        Binding("k", "add_message", "Key message"),
        Binding("m", "metadata", "Details and dates"),
        Binding("i", "import", "Import a consultation"),
        Binding("c", "copy_answer", "Copy the answer"),
        Binding("v", "review", "Review: a returned Word copy's changes and comments"),
        *[Binding(str(n), f"quote_suggestion({n})", f"Quote suggestion {n}", show=False) for n in range(1, 6)],
    ]

    def __init__(self) -> None:
        super().__init__()
        self.suggested: list[Suggestion] = []

    def make_outline(self) -> Outline:
        return Outline("No response open", id="outline")

    def keys(self, item: Item) -> Keys:
        kind = item[0]
        if kind == "section" and not self._section().is_question:
            kind = "heading"
        return KEYS.get(kind, KEYS["root"])

    def outline_title(self) -> str:
        library = self.app.library
        return f"Whole response: {response_count(self.document, library)}" if library is not None else ""

    def show_item(self) -> None:
        self.suggested = []
        super().show_item()

    def show_other(self, item: Item) -> None:
        detail = self.query_one("#detail")
        response = self.document
        kind = item[0]
        if kind == "message" and item[1] < len(response.key_messages):
            message = response.key_messages[item[1]]
            empty = Text("An empty key message: press e to write it.", "dim")
            detail.update(marked(self.speller(), message) if message else empty)
            self.show_spelling(message)
        elif kind == "section" and item[1] < len(response.sections):
            detail.update(self._question_detail(item[1]))
        else:
            c = response.consultation
            detail.update(
                Text.assemble(
                    (c.title, "bold"),
                    f"\n{c.department}\nStatus: {response.status}",
                    f"\nCloses: {day_month_year(c.closes)}" if c.closes else "\nCloses: not given",
                    f"\nDate on the document: {day_month_year(response.date)}" if response.date else "",
                    ("\n\nPress m for the details, dates and contact officer.", "dim"),
                )
            )

    def _question_detail(self, index: int) -> Group:
        response, library = self.document, self.app.library
        section = response.sections[index]
        parts: list = [Text(section.heading, "bold")]
        if section.is_question:
            answers = section.answers
            how = "free text, no one-word answer" if not answers else " / ".join(answers)
            chosen = section.answer or "none yet"
            parts.append(Text.assemble(("One-word answer: ", "dim"), chosen, ("   Choices: ", "dim"), how))
        if library is not None:
            parts.append(Text.assemble(("This answer: ", "dim"), count_note(section, section_count(section, library))))
            if section.is_question:
                self.suggested = suggest(response, library, index, limit=SUGGESTIONS)
        parts += review_lines(section.proposals, section.notes)
        if self.suggested:  # below, one line each, so that all five fit even at 80 by 24
            lines = [Text("Press the number to quote one.", "dim")]
            for n, found in enumerate(self.suggested, 1):
                why = found.reasons[0].text if found.reasons else ""
                standing = found.position.line.status_word
                line = Text.assemble(
                    (f" {n} ", "bold reverse"), (f" {standing}: ", "dim"), found.position.title, (f"  ({why})", "dim")
                )
                line.no_wrap, line.overflow = True, "ellipsis"
                lines.append(line)
            self.show_panel("Suggested positions", Group(*lines))
        return Group(*parts)

    def departure_notes(self, paragraph: Paragraph) -> list:
        return review_lines(paragraph.proposals, paragraph.notes)

    # Where things are -------------------------------------------------------------------------------------

    def _section(self) -> Section:
        return self.document.sections[self.item[1]]

    def paragraph_of(self, item: Item) -> Paragraph | None:
        if item[0] != "para" or self.draft is None:
            return None
        _, s, p = item
        sections = self.document.sections
        return sections[s].paragraphs[p] if s < len(sections) and p < len(sections[s].paragraphs) else None

    def with_paragraph(self, item: Item, paragraph: Paragraph) -> Response:
        _, s, p = item
        return self.document.set_paragraph(s, p, paragraph)

    def _section_index(self) -> int | None:
        if self.draft is None or not self.document.sections:
            return None
        if self.item[0] in ("section", "para"):
            return self.item[1]
        return len(self.document.sections) - 1

    def insert_paragraph(self, item: Item, paragraph: Paragraph) -> Placed | None:
        s = self._section_index()
        if s is None:
            return None
        at = item[2] + 1 if item[0] == "para" else len(self.document.sections[s].paragraphs)
        return self.document.add_paragraph(s, paragraph, at), ("para", s, at)

    def place_name(self, item: Item) -> str:
        return self.document.sections[item[1]].label

    def moved(self, item: Item, step: int) -> Placed | None:
        response, kind = self.document, item[0]
        if kind == "para":
            _, s, p = item
            if 0 <= p + step < len(response.sections[s].paragraphs):
                return response.move_paragraph(s, p, step), ("para", s, p + step)
        elif kind == "section":
            target = item[1] + step
            if 0 <= target < len(response.sections):
                return response.move_section(item[1], step), ("section", target)
        elif kind == "message":
            target = item[1] + step
            messages = list(response.key_messages)
            if 0 <= target < len(messages):
                messages[item[1]], messages[target] = messages[target], messages[item[1]]
                return replace(response, key_messages=tuple(messages)), ("message", target)
        return None

    def deletion(self, item: Item) -> tuple[str, object, Item] | None:
        response, kind = self.document, item[0]
        if kind == "para":
            return "this paragraph", response.remove_paragraph(item[1], item[2]), ("section", item[1])
        if kind == "section":
            return "this section and all its paragraphs", response.remove_section(item[1]), ("root",)
        if kind == "message":
            messages = response.key_messages[: item[1]] + response.key_messages[item[1] + 1 :]
            return "this key message", replace(response, key_messages=messages), ("messages",)
        return None

    # Editing what is not a paragraph ------------------------------------------------------------------------

    def text_of(self, item: Item) -> str | None:
        kind = item[0]
        if kind == "section" and self._section().is_question:
            self._edit_question(item[1])
            return None
        if kind == "message":
            return self.document.key_messages[item[1]]
        if kind == "section":
            return self.document.sections[item[1]].title
        self.action_metadata()
        return None

    def with_text(self, item: Item, text: str) -> Response | None:
        response, kind = self.document, item[0]
        if kind == "message":
            messages = list(response.key_messages)
            messages[item[1]] = " ".join(text.split())
            return replace(response, key_messages=tuple(messages))
        if kind == "section":
            section = replace(response.sections[item[1]], title=" ".join(text.split()))
            return response.with_section(item[1], section)
        return None

    @work(exit_on_error=False)
    async def _edit_question(self, index: int) -> None:
        response = self.document
        others = [s.number for i, s in enumerate(response.sections) if s.is_question and i != index]
        edited = await self.app.push_screen_wait(QuestionEditor(response.sections[index], others))
        if edited is not None:
            self.change(response.with_section(index, edited), ("section", index))

    # Structure ----------------------------------------------------------------------------------------------

    def action_quote_suggestion(self, number: int) -> None:
        if self.item[0] != "section" or not 0 < number <= len(self.suggested):
            return
        self.add_position(self.suggested[number - 1].position)

    def action_add_message(self) -> None:
        if self.draft is None:
            return
        response = self.document
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
        response = self.document
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

    def action_review(self) -> None:
        if self.draft is None:
            self.notify("Open the response the Word copy was made from first (Ctrl+O).", severity="warning")
        elif entries(self.document):
            self.app.push_screen(ReviewScreen())
        else:
            self.app.bring_in_review()

    def action_metadata(self) -> None:
        if self.draft is None:
            return

        def done(response: Response | None) -> None:
            if response is not None:
                self.change(response)

        self.app.push_screen(MetadataScreen(self.document), done)

    def action_copy_answer(self) -> None:
        if self.draft is None or self.app.library is None or self.item[0] not in ("section", "para"):
            return
        section = self.document.sections[self.item[1]]
        text = answer_text(section, self.app.library)
        self.app.copy_to_clipboard(text)
        counted = count_note(section, section_count(section, self.app.library))
        self.notify(f"Copied the answer to {section.label} ({counted}), ready to paste into the online form.")

    def action_import(self) -> None:
        self.app.import_questions()


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


__all__ = ["Choice", "ComposerScreen", "problems_text"]
