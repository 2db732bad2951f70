"""A board paper: front matter, numbered body sections with "LGA VIEW" blocks, and annexes. Edits return new values."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal

from policydesk.model.response import Contact, Paragraph, Sectioned, inserted, moved, removed, replaced

PURPOSES = ("For information", "For discussion", "For direction", "For decision")
OPENING = "Background"
CLOSING = ("Implications for Wales", "Financial Implications", "Equalities implications", "Next steps")
"""The body's fixed headings (house-style.md §2.3): Background first, these four last, exactly as written."""

SWITCHBOARD = "020 7664 3000"
"""The LGA's main number, the phone a new paper's contact starts with (a paper's contact block needs one)."""

Block = Literal["paragraphs", "lga_view"]
Key = tuple[str | int, ...]
"""Where a paragraph sits, named as in the file: ("sections", 2, "lga_view", 0) or ("annexes", 0, "sections", ...)."""


@dataclass(frozen=True)
class NewPosition:
    """A position a paper drafts for the first time: what its file will need once the Board agrees it."""

    id: str
    title: str
    pillar: str
    stance: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class PaperParagraph(Paragraph):
    """A response paragraph that may also draft a brand new position (`proposes`), with `text` its wording."""

    proposes: NewPosition | None = None

    @property
    def kind(self) -> Literal["quoted", "new", "subheading", "proposed"]:  # type: ignore[override]
        return "proposed" if self.proposes else super().kind


@dataclass(frozen=True)
class Section:
    """A body heading, its numbered paragraphs, then (optionally) the LGA VIEW paragraphs that continue them."""

    heading: str
    paragraphs: tuple[PaperParagraph, ...] = ()
    lga_view: tuple[PaperParagraph, ...] = ()

    def block(self, which: Block) -> tuple[PaperParagraph, ...]:
        return self.paragraphs if which == "paragraphs" else self.lga_view

    def with_block(self, which: Block, paragraphs: tuple[PaperParagraph, ...]) -> Section:
        return replace(self, **{which: tuple(paragraphs)})

    def add_paragraph(self, paragraph: PaperParagraph, at: int | None = None, which: Block = "paragraphs") -> Section:
        return self.with_block(which, inserted(self.block(which), paragraph, at))

    def set_paragraph(self, index: int, paragraph: PaperParagraph, which: Block = "paragraphs") -> Section:
        return self.with_block(which, replaced(self.block(which), index, paragraph))

    def remove_paragraph(self, index: int, which: Block = "paragraphs") -> Section:
        return self.with_block(which, removed(self.block(which), index))

    def move_paragraph(self, index: int, step: int, which: Block = "paragraphs") -> Section:
        return self.with_block(which, moved(self.block(which), index, step))


@dataclass(frozen=True)
class Annex:
    """An annex after Next steps: a title and sections, numbered from 1 again. Its label ("Annex 1") is its place."""

    title: str
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Recommendations:
    """ "That the Board ..." and, when there are several, the lettered items a), b), c) that complete it."""

    lead: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Amendment:
    """What the Board changed in one paragraph, named by its number in the paper: new wording, or not agreed."""

    paragraph: str
    text: str = ""
    agreed: bool = True


@dataclass(frozen=True)
class Paper(Sectioned):
    """One board paper, as saved in papers/SLUG.yaml.

    `summary` is markdown (one to three paragraphs); `decided` is set by adopt: the day the Board decided.
    """

    slug: str
    board: str
    meeting: date
    title: str
    purpose: str
    summary: str = ""
    recommendations: Recommendations | None = None
    contact: Contact | None = None
    sections: tuple[Section, ...] = ()
    annexes: tuple[Annex, ...] = ()
    plan_theme: str = ""
    decided: date | None = None

    def paragraphs(self) -> Iterator[tuple[Key, str, PaperParagraph]]:
        """(key, how messages name it, paragraph) for every paragraph, in document order."""
        for s, section in enumerate(self.sections):
            yield from _section_paragraphs(("sections", s), f'section "{section.heading}"', section)
        for a, annex in enumerate(self.annexes):
            for s, section in enumerate(annex.sections):
                where = f'annex {a + 1}, section "{section.heading}"'
                yield from _section_paragraphs(("annexes", a, "sections", s), where, section)

    def add_paragraph(
        self, section: int, paragraph: PaperParagraph, at: int | None = None, which: Block = "paragraphs"
    ) -> Paper:
        return self.with_section(section, self.sections[section].add_paragraph(paragraph, at, which))

    def set_paragraph(self, section: int, index: int, paragraph: PaperParagraph, which: Block = "paragraphs") -> Paper:
        return self.with_section(section, self.sections[section].set_paragraph(index, paragraph, which))

    def remove_paragraph(self, section: int, index: int, which: Block = "paragraphs") -> Paper:
        return self.with_section(section, self.sections[section].remove_paragraph(index, which))

    def move_paragraph(self, section: int, index: int, step: int, which: Block = "paragraphs") -> Paper:
        return self.with_section(section, self.sections[section].move_paragraph(index, step, which))

    def with_annex(self, index: int, annex: Annex) -> Paper:
        return replace(self, annexes=replaced(self.annexes, index, annex))


SectionAt = tuple[str | int, ...]
"""Where a section sits: ("sections", 2) in the body, or ("annexes", 0, "sections", 1) in an annex."""


def section_at(paper: Paper, where: SectionAt) -> Section:
    if where[0] == "sections":
        return paper.sections[where[1]]  # type: ignore[index]
    return paper.annexes[where[1]].sections[where[3]]  # type: ignore[index]


def with_section_at(paper: Paper, where: SectionAt, section: Section) -> Paper:
    """The paper with the section at `where` replaced."""
    if where[0] == "sections":
        return paper.with_section(where[1], section)  # type: ignore[arg-type]
    annex = paper.annexes[where[1]]  # type: ignore[index]
    return paper.with_annex(where[1], replace(annex, sections=replaced(annex.sections, where[3], section)))  # type: ignore[arg-type]


def _section_paragraphs(key: Key, where: str, section: Section) -> Iterator[tuple[Key, str, PaperParagraph]]:
    for block in ("paragraphs", "lga_view"):
        label = where if block == "paragraphs" else f"the LGA VIEW of {where}"
        for p, paragraph in enumerate(section.block(block)):  # type: ignore[arg-type]
            yield (*key, block, p), f"{label}, paragraph {p + 1}", paragraph


def starter(slug: str, board: str, meeting: date, title: str, purpose: str, contact: Contact | None = None) -> Paper:
    """A new paper that is valid and renders at once, with placeholders that say what to replace."""

    def placeholder(what: str) -> tuple[PaperParagraph, ...]:
        return (PaperParagraph(text=f"Replace this with {what}."),)

    return Paper(
        slug=slug,
        board=board,
        meeting=meeting,
        title=title,
        purpose=purpose,
        summary="Replace this with a summary of the paper in one to three paragraphs.",
        recommendations=Recommendations("That the Board replace this with what the Board is asked to do."),
        contact=contact or Contact("Contact officer", "Senior Adviser", "contact.officer@local.gov.uk", SWITCHBOARD),
        sections=(
            Section(OPENING, placeholder("the background to the paper")),
            Section("Proposal", placeholder("what the paper proposes"), placeholder("the LGA view put to the Board")),
            Section(CLOSING[0], placeholder("the implications for Wales, or None and why")),
            Section(CLOSING[1], (PaperParagraph(text="There are no financial implications for the LGA."),)),
            Section(CLOSING[2], placeholder("the equalities implications")),
            Section(CLOSING[3], placeholder("what happens after the meeting")),
        ),
    )
