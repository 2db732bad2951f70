"""How a position moved between two versions, and where a draft departs from its pinned version."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from policydesk.diff import Chunk, Summary, compare
from policydesk.model.position import Position, Version
from policydesk.render.markdown import MarkdownError, plain_text


def readable(text: str) -> str:
    """The words a reader sees: markdown removed, one line per block, whitespace folded."""
    try:
        return plain_text(text)
    except MarkdownError:
        return " ".join(text.split())


REWRITTEN = 0.6
"""Below this share of words kept, versions are compared point by point rather than word by word."""
SAME_POINT = 0.35
"""Two sentences make the same point when this share of the shorter one's substantial words is in the other."""
SHARED_WORDS = 3
WORDS = re.compile(r"[a-z0-9£]{4,}")
SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")


@dataclass(frozen=True)
class Point:
    """One sentence of a rewritten text: carried over (with its word changes), dropped, or new."""

    kind: Literal["carried over", "dropped", "new"]
    old: str = ""
    new: str = ""
    chunks: tuple[Chunk, ...] = ()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(readable(text)) if s.strip()]


def compare_points(old: str, new: str) -> list[Point]:
    """The points of `old` and `new` matched up: each new sentence with the old one making the same point."""
    before, after = sentences(old), sentences(new)
    used: set[int] = set()
    points: list[Point] = []
    for sentence in after:
        scores = [(_shared(sentence, earlier), i) for i, earlier in enumerate(before) if i not in used]
        score, match = max(scores, default=(0.0, -1))
        if score >= SAME_POINT:
            used.add(match)
            chunks, _ = compare(before[match], sentence)
            points.append(Point("carried over", before[match], sentence, tuple(chunks)))
        else:
            points.append(Point("new", new=sentence))
    points.extend(Point("dropped", old=s) for i, s in enumerate(before) if i not in used)
    return points


def _shared(one: str, other: str) -> float:
    a, b = set(WORDS.findall(one.casefold())), set(WORDS.findall(other.casefold()))
    common = len(a & b)
    return common / min(len(a), len(b)) if common >= SHARED_WORDS else 0.0


@dataclass(frozen=True)
class VersionChange:
    """Two versions of one position compared word by word."""

    position: Position
    old: Version
    new: Version
    chunks: list[Chunk]
    summary: Summary

    @property
    def rewritten(self) -> bool:
        """Rewritten rather than edited: better read point by point than as one word-level diff."""
        return self.summary.similarity < REWRITTEN

    def points(self) -> list[Point]:
        return compare_points(self.old.text, self.new.text)

    @property
    def stance_change(self) -> str:
        """'concern → call', or 'unchanged (call)'."""
        if self.old.stance == self.new.stance:
            return f"unchanged ({self.new.stance})"
        return f"{self.old.stance} → {self.new.stance}"

    def headline(self) -> str:
        """One line an officer can scan: stance, status and size of the change."""
        if self.new.status == "not-restated":
            return f"not restated by {self.new.agreed_by} ({self.new.date})"
        if self.summary.similarity >= 0.9:
            return f"restated, stance {self.stance_change}, {self.summary.percent}% the same"
        if self.rewritten:
            kinds = [p.kind for p in self.points()]
            kept, dropped, new = kinds.count("carried over"), kinds.count("dropped"), kinds.count("new")
            return (
                f"rewritten, stance {self.stance_change}: {kept} point{'s' * (kept != 1)} carried over, "
                f"{dropped} dropped, {new} new"
            )
        return (
            f"stance {self.stance_change}; {self.summary.words_added} words added, "
            f"{self.summary.words_removed} removed ({self.summary.percent}% the same)"
        )


def version_change(position: Position, old: Version, new: Version) -> VersionChange:
    chunks, summary = compare(readable(old.text), readable(new.text))
    return VersionChange(position, old, new, chunks, summary)


def history(position: Position) -> list[tuple[Version, VersionChange | None]]:
    """Each version with the change from the one before it (None for the first)."""
    return [
        (v, version_change(position, position.versions[i - 1], v) if i else None)
        for i, v in enumerate(position.versions)
    ]
