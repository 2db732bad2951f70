"""Where a draft response departs from the agreed positions, paragraph by paragraph."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz import fuzz, process

from policydesk.changes import readable
from policydesk.diff import Chunk, Summary, compare
from policydesk.model.library import Library
from policydesk.model.paper import Paper
from policydesk.model.response import Paragraph, Response

Flag = Literal["verbatim", "edited", "stale pin", "later note", "missing position", "missing version", "new text"]
STRONG_MATCH = 70


@dataclass(frozen=True)
class Suggestion:
    """The position a piece of new text reads most like."""

    position_id: str
    score: int

    def __str__(self) -> str:
        return f"reads like {self.position_id}, {self.score}%"


@dataclass(frozen=True)
class Departure:
    """One paragraph of a response measured against the agreed line."""

    where: str
    paragraph: Paragraph
    flags: tuple[Flag, ...]
    chunks: list[Chunk] = field(default_factory=list)
    summary: Summary | None = None
    current_version: str = ""
    suggestion: Suggestion | None = None

    @property
    def blocking(self) -> bool:
        """A stale pin or a missing position or version must be fixed before sign-off."""
        return any(f in ("stale pin", "missing position", "missing version") for f in self.flags)


class NearestPosition:
    """Finds the position whose current text a new paragraph reads most like."""

    def __init__(self, library: Library):
        self._ids = library.ids
        self._texts = [readable(p.line.text).casefold() for p in library]

    def __call__(self, text: str) -> Suggestion | None:
        found = process.extractOne(
            readable(text).casefold(), self._texts, scorer=fuzz.token_sort_ratio, score_cutoff=STRONG_MATCH
        )
        return Suggestion(self._ids[found[2]], round(found[1])) if found else None


def measure(
    paragraph: Paragraph, library: Library, where: str = "", nearest: NearestPosition | None = None
) -> Departure:
    """Compare one paragraph with its pinned version, or suggest a position for new text."""
    if paragraph.position is None:
        suggestion = (nearest or NearestPosition(library))(paragraph.text)
        return Departure(where, paragraph, ("new text",), suggestion=suggestion)
    position = library.get(paragraph.position)
    if position is None:
        return Departure(where, paragraph, ("missing position",))
    version = position.version(paragraph.version)
    if version is None:
        return Departure(where, paragraph, ("missing version",))
    draft = paragraph.text if paragraph.edited else version.text
    chunks, summary = compare(readable(version.text), readable(draft))
    flags: list[Flag] = ["verbatim" if summary.identical else "edited"]
    if version.date > position.line.date:
        flags.append("later note")
    elif version is not position.line:
        flags.append("stale pin")
    return Departure(where, paragraph, tuple(flags), chunks, summary, position.updated.isoformat())


def drift_paper(paper: Paper, library: Library) -> list[Departure]:
    """Every paragraph of a board paper, measured; a new position's wording counts as new text."""
    nearest = NearestPosition(library)
    return [
        measure(paragraph, library, where, nearest)
        for _, where, paragraph in paper.paragraphs()
        if not paragraph.subheading
    ]


def drift(response: Response, library: Library) -> list[Departure]:
    """Every quoted and new paragraph of the response, measured."""
    nearest = NearestPosition(library)
    return [
        measure(paragraph, library, f"{section.label}, paragraph {p}", nearest)
        for section in response.sections
        for p, paragraph in enumerate(section.paragraphs, 1)
        if not paragraph.subheading
    ]
