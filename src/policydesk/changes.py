"""How a position moved between two versions, and where a draft departs from its pinned version."""

from __future__ import annotations

from dataclasses import dataclass

from policydesk.diff import Chunk, Summary, compare
from policydesk.model.position import Position, Version
from policydesk.render.markdown import MarkdownError, plain_text


def readable(text: str) -> str:
    """The words a reader sees: markdown removed, one line per block, whitespace folded."""
    try:
        return plain_text(text)
    except MarkdownError:
        return " ".join(text.split())


@dataclass(frozen=True)
class VersionChange:
    """Two versions of one position compared word by word."""

    position: Position
    old: Version
    new: Version
    chunks: list[Chunk]
    summary: Summary

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
