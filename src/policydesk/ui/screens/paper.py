"""Assemble a board paper: front matter, summary, recommendations, sections with their LGA VIEW, annexes."""

from __future__ import annotations

import re
from dataclasses import replace

from rich.console import Group
from rich.text import Text
from textual import work
from textual.binding import Binding

from policydesk.model.paper import (
    CLOSING,
    OPENING,
    Paper,
    PaperParagraph,
    Recommendations,
    Section,
    section_at,
    with_section_at,
)
from policydesk.model.rules import day_month_year
from policydesk.ui.screens.document_editor import DocumentEditor, Item, Placed
from policydesk.ui.screens.paper_details import PaperDetails
from policydesk.ui.screens.prompt import Prompt
from policydesk.ui.widgets.key_bar import Keys
from policydesk.ui.widgets.paper_outline import PaperOutline

KEYS = {
    "root": [("M", "Details and meeting"), ("H", "Heading"), ("E", "Edit the details")],
    "summary": [("E", "Edit the summary")],
    "recommendations": [("E", "Edit the recommendations")],
    "section": [
        ("E", "Edit the heading"),
        ("A", "Add a position"),
        ("N", "New text"),
        ("H", "Heading after"),
        ("Del", "Delete"),
    ],
    "view": [("A", "Add a position to the LGA VIEW"), ("N", "New text in the LGA VIEW")],
    "para": [
        ("E", "Edit the wording"),
        ("A", "Add a position after"),
        ("N", "New text after"),
        ("U", "Quote the newer line"),
        ("Del", "Delete"),
        ("Ctrl+↑↓", "Move"),
    ],
    "annex": [("E", "Edit the title")],
}
LETTER = re.compile(r"^\s*(?:[a-z]\)|[-*•])\s*")


def recommendations_text(recommendations: Recommendations | None) -> str:
    """'That the Board:' then one lettered item a line, as an officer edits them."""
    if recommendations is None:
        return ""
    items = [f"{chr(ord('a') + i)}) {item}" for i, item in enumerate(recommendations.items)]
    return "\n".join([recommendations.lead, *items])


def recommendations_from(text: str) -> Recommendations:
    """The inverse: the first line leads, each further line is an item (its letter, if typed, dropped)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return Recommendations("")
    return Recommendations(lines[0], tuple(LETTER.sub("", line) for line in lines[1:]))


class PaperScreen(DocumentEditor):
    """A paper: ("root",), ("summary",), ("recommendations",), ("section", at), ("view", at), ("annex", a) and
    ("para", key) items, where `at` places a section (model.paper.SectionAt) and `key` a paragraph in it."""

    BINDINGS = [
        Binding("m", "details", "Details and meeting"),
        Binding("h", "add_heading", "Heading"),
    ]
    NEW_PARAGRAPH = PaperParagraph
    NO_PLACE = "Choose a section, or its LGA VIEW, to add the paragraph to."

    def make_outline(self) -> PaperOutline:
        return PaperOutline("No paper open", id="outline")

    def keys(self, item: Item) -> Keys:
        return KEYS.get(item[0], KEYS["root"])

    def outline_title(self) -> str:
        return f"Board paper for {self.document.board}"

    def show_other(self, item: Item) -> None:
        detail = self.query_one("#detail")
        paper: Paper = self.document
        kind = item[0]
        if kind == "summary":
            detail.update(Group(Text("Summary", "bold"), Text(paper.summary or "Empty: press e to write it.")))
        elif kind == "recommendations":
            detail.update(Group(Text("Recommendations", "bold"), Text(recommendations_text(paper.recommendations))))
        elif kind == "section":
            section = section_at(paper, item[1])
            detail.update(
                Text.assemble(
                    (section.heading, "bold"),
                    f"\n{len(section.paragraphs)} paragraphs, {len(section.lga_view)} in its LGA VIEW.",
                    ("\n\nPress a to quote a position, n to write new text.", "dim"),
                )
            )
        elif kind == "view":
            section = section_at(paper, item[1])
            detail.update(
                Text.assemble(
                    (f"LGA VIEW of {section.heading}", "bold"),
                    "\nThe view put to the Board: quote positions (a), or draft new wording (n). Edited wording of a "
                    "position shows in Word as tracked changes against its agreed text.",
                )
            )
        elif kind == "annex":
            detail.update(Text(f"Annex {item[1] + 1}: {paper.annexes[item[1]].title}", "bold"))
        else:
            c = paper.contact
            detail.update(
                Text.assemble(
                    (paper.title, "bold"),
                    f"\n{paper.purpose}\nBoard: {paper.board}\nMeeting: {day_month_year(paper.meeting)}",
                    f"\nContact: {c.name}, {c.position}" if c else "\nContact: not given",
                    f"\nDecided: {day_month_year(paper.decided)}" if paper.decided else "",
                    ("\n\nPress m for the details, meeting and contact officer.", "dim"),
                )
            )

    def departure_notes(self, paragraph) -> list:
        new = getattr(paragraph, "proposes", None)
        if new is None:
            return []
        return [
            Text(
                f"Drafts a new position, {new.id} ({new.pillar}): marked as proposed until the Board agrees it.",
                "yellow",
            )
        ]

    # Where things are -------------------------------------------------------------------------------------

    def paragraph_of(self, item: Item) -> PaperParagraph | None:
        if item[0] != "para" or self.draft is None:
            return None
        *where, block, p = item[1]
        try:
            paragraphs = section_at(self.document, tuple(where)).block(block)
        except IndexError:
            return None
        return paragraphs[p] if p < len(paragraphs) else None

    def _edit_section(self, where: tuple, edit) -> Paper:
        return with_section_at(self.document, where, edit(section_at(self.document, where)))

    def with_paragraph(self, item: Item, paragraph: PaperParagraph) -> Paper:
        *where, block, p = item[1]
        return self._edit_section(tuple(where), lambda s: s.set_paragraph(p, paragraph, block))

    def insert_paragraph(self, item: Item, paragraph: PaperParagraph) -> Placed | None:
        kind = item[0]
        if kind == "para":
            *where, block, p = item[1]
            where, at = tuple(where), p + 1
        elif kind in ("section", "view"):
            where, block = item[1], "lga_view" if kind == "view" else "paragraphs"
            at = len(section_at(self.document, where).block(block))
        else:
            return None
        document = self._edit_section(where, lambda s: s.add_paragraph(paragraph, at, block))
        return document, ("para", (*where, block, at))

    def place_name(self, item: Item) -> str:
        *where, block, _ = item[1]
        heading = section_at(self.document, tuple(where)).heading
        return f'the LGA VIEW of "{heading}"' if block == "lga_view" else f'"{heading}"'

    def moved(self, item: Item, step: int) -> Placed | None:
        if item[0] == "para":
            *where, block, p = item[1]
            if 0 <= p + step < len(section_at(self.document, tuple(where)).block(block)):
                document = self._edit_section(tuple(where), lambda s: s.move_paragraph(p, step, block))
                return document, ("para", (*where, block, p + step))
        return None

    def deletion(self, item: Item) -> tuple[str, object, Item] | None:
        if item[0] == "para":
            *where, block, p = item[1]
            where = tuple(where)
            return (
                "this paragraph",
                self._edit_section(where, lambda s: s.remove_paragraph(p, block)),
                ("section", where),
            )
        if item[0] == "section" and item[1][0] == "sections":
            heading = section_at(self.document, item[1]).heading
            if heading in (OPENING, *CLOSING):
                self.notify(f'"{heading}" is one of the headings every paper has, so it stays.', severity="warning")
                return None
            return (
                f'the section "{heading}" and all its paragraphs',
                self.document.remove_section(item[1][1]),
                ("root",),
            )
        return None

    # Editing what is not a paragraph ------------------------------------------------------------------------

    def text_of(self, item: Item) -> str | None:
        paper: Paper = self.document
        kind = item[0]
        if kind == "summary":
            return paper.summary
        if kind == "recommendations":
            return recommendations_text(paper.recommendations)
        if kind == "section":
            return section_at(paper, item[1]).heading
        if kind == "annex":
            return paper.annexes[item[1]].title
        if kind == "root":
            self.action_details()
        return None

    def with_text(self, item: Item, text: str) -> Paper | None:
        paper: Paper = self.document
        kind, flat = item[0], " ".join(text.split())
        if kind == "summary":
            return replace(paper, summary=text.strip())
        if kind == "recommendations":
            return replace(paper, recommendations=recommendations_from(text))
        if kind == "section":
            return self._edit_section(item[1], lambda s: replace(s, heading=flat))
        if kind == "annex":
            return paper.with_annex(item[1], replace(paper.annexes[item[1]], title=flat))
        return None

    # Structure ----------------------------------------------------------------------------------------------

    @work(exit_on_error=False)
    async def action_add_heading(self) -> None:
        """A topic heading after the selected body section (before the closing headings when none is)."""
        if self.draft is None:
            return
        paper: Paper = self.document
        title = await self.app.push_screen_wait(Prompt("Heading of the new section"))
        if not title or not title.strip():
            return
        selected = self.item[1] if self.item[0] in ("section", "view") and self.item[1][0] == "sections" else None
        closing = next((i for i, s in enumerate(paper.sections) if s.heading in CLOSING), len(paper.sections))
        at = min(selected[1] + 1, closing) if selected else closing
        self.change(paper.add_section(Section(" ".join(title.split())), at), ("section", ("sections", at)))

    def action_details(self) -> None:
        if self.draft is None:
            return

        def done(paper: Paper | None) -> None:
            if paper is not None:
                self.change(paper)

        self.app.push_screen(PaperDetails(self.document), done)
