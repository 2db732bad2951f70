"""A consultation response: metadata, key messages and sections of paragraphs. Edits return new values."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, Self

from policydesk.model.review import Proposal, Review, ReviewNote
from policydesk.model.scales import Limit, allowed_answers

STATUSES = ("draft", "for-review", "signed-off", "submitted")


@dataclass(frozen=True)
class Consultation:
    """What is being answered: the government's consultation."""

    title: str
    department: str
    closes: date | None = None
    link: str = ""


@dataclass(frozen=True)
class Contact:
    """The officer named at the end of the response."""

    name: str
    position: str
    email: str
    phone: str = ""


@dataclass(frozen=True)
class SignOff:
    """Who approved the response, and when."""

    by: str
    on: date


@dataclass(frozen=True)
class Paragraph:
    """A quoted position (pinned to a version, maybe edited), new text, or a sub-heading."""

    text: str = ""
    position: str | None = None
    version: date | None = None
    level: int = 1
    subheading: bool = False
    proposals: tuple[Proposal, ...] = ()
    notes: tuple[ReviewNote, ...] = ()

    @property
    def kind(self) -> Literal["quoted", "new", "subheading"]:
        if self.subheading:
            return "subheading"
        return "quoted" if self.position else "new"

    @property
    def edited(self) -> bool:
        """A quoted paragraph whose wording was changed from the pinned version."""
        return self.position is not None and bool(self.text.strip())

    @property
    def proposed(self) -> Proposal | None:
        """The proposal that makes this whole paragraph a reviewer's pending addition, if it is one."""
        return next((p for p in self.proposals if p.kind == "insert"), None)


@dataclass(frozen=True)
class Section:
    """A consultation question (number, text, its answer scale, optional answer and limit) or a plain heading."""

    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    number: str | None = None
    answer: str | None = None
    scale: str | None = None
    options: tuple[str, ...] = ()
    limit: Limit | None = None
    proposals: tuple[Proposal, ...] = ()
    notes: tuple[ReviewNote, ...] = ()

    @property
    def answers(self) -> tuple[str, ...]:
        """The one-word answers this question allows (none for a free-text question)."""
        return allowed_answers(self.scale, self.options)

    @property
    def is_question(self) -> bool:
        return self.number is not None

    @property
    def label(self) -> str:
        """How messages name the section: 'question 2' or 'section "Overall view"'."""
        return f"question {self.number}" if self.is_question else f'section "{self.title}"'

    @property
    def heading(self) -> str:
        return f"Question {self.number}: {self.title}" if self.is_question else self.title


class Sectioned:
    """Edits of a document's `sections`, each returning a new document (responses and papers alike)."""

    sections: tuple

    def with_section(self, index: int, section: object) -> Self:
        return replace(self, sections=replaced(self.sections, index, section))  # type: ignore[type-var]

    def add_section(self, section: object, at: int | None = None) -> Self:
        return replace(self, sections=inserted(self.sections, section, at))  # type: ignore[type-var]

    def remove_section(self, index: int) -> Self:
        return replace(self, sections=removed(self.sections, index))  # type: ignore[type-var]

    def move_section(self, index: int, step: int) -> Self:
        return replace(self, sections=moved(self.sections, index, step))  # type: ignore[type-var]


@dataclass(frozen=True)
class Response(Sectioned):
    """One consultation response, as saved in responses/SLUG.yaml."""

    slug: str
    consultation: Consultation
    status: str = "draft"
    date: date | None = None
    sign_off: SignOff | None = None
    contact: Contact | None = None
    key_messages: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    title_override: str = ""
    review: Review = Review()

    def quoted(self) -> list[tuple[int, int, Paragraph]]:
        """(section index, paragraph index, paragraph) for every quoted paragraph."""
        return [
            (s, p, para)
            for s, section in enumerate(self.sections)
            for p, para in enumerate(section.paragraphs)
            if para.kind == "quoted"
        ]

    def add_paragraph(self, section: int, paragraph: Paragraph, at: int | None = None) -> Response:
        return self._paragraphs(section, inserted(self.sections[section].paragraphs, paragraph, at))

    def set_paragraph(self, section: int, index: int, paragraph: Paragraph) -> Response:
        return self._paragraphs(section, replaced(self.sections[section].paragraphs, index, paragraph))

    def remove_paragraph(self, section: int, index: int) -> Response:
        return self._paragraphs(section, removed(self.sections[section].paragraphs, index))

    def move_paragraph(self, section: int, index: int, step: int) -> Response:
        return self._paragraphs(section, moved(self.sections[section].paragraphs, index, step))

    def _paragraphs(self, section: int, paragraphs: tuple[Paragraph, ...]) -> Response:
        return self.with_section(section, replace(self.sections[section], paragraphs=paragraphs))


def starter(slug: str, consultation: Consultation, contact: Contact | None = None) -> Response:
    """A new response that is valid and renders at once, with placeholders that say what to replace."""
    return Response(
        slug=slug,
        consultation=consultation,
        contact=contact or Contact("Contact officer", "Senior Adviser", "contact.officer@local.gov.uk"),
        key_messages=("Replace this with our first key message.",),
        sections=(
            Section(
                "Replace this with the text of the consultation's first question.",
                (Paragraph(text="Replace this with our answer, or add positions from the library."),),
                number="1",
            ),
        ),
    )


def replaced(items: tuple, index: int, item: object) -> tuple:
    """`items` with the one at `index` replaced by `item`."""
    return items[:index] + (item,) + items[index + 1 :]


def inserted(items: tuple, item: object, at: int | None = None) -> tuple:
    """`items` with `item` inserted before position `at` (at the end when `at` is None)."""
    listed = list(items)
    listed.insert(len(listed) if at is None else at, item)
    return tuple(listed)


def removed(items: tuple, index: int) -> tuple:
    return items[:index] + items[index + 1 :]


def moved(items: tuple, index: int, step: int) -> tuple:
    """`items` with the item at `index` swapped with its neighbour `step` away (unchanged at either end)."""
    target = index + step
    if not (0 <= index < len(items) and 0 <= target < len(items)):
        return items
    listed = list(items)
    listed[index], listed[target] = listed[target], listed[index]
    return tuple(listed)
