"""A policy position: one line of policy held over time as dated versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

STATUSES = (
    "agreed",
    "draft",
    "board-steer",
    "research",
    "council-position",
    "restated",
    "not-restated",
)
"""How a version came to be recorded. `not-restated` marks an ask a later board dropped."""


@dataclass(frozen=True)
class Source:
    """Where a version was printed: document, paragraph as printed, and the seed file."""

    document: str
    paragraph: str = ""
    seed: str = ""
    link: str = ""

    def cite(self) -> str:
        para = f", paragraph {self.paragraph}" if self.paragraph else ""
        return f"{self.document}{para}"


@dataclass(frozen=True)
class Version:
    """One dated stance, as agreed (or noted) by one body."""

    date: date
    agreed_by: str
    status: str
    stance: str
    text: str
    source: Source
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.date.isoformat()} {self.agreed_by}"


@dataclass(frozen=True)
class Position:
    """A policy line: metadata plus its versions, oldest first; the last is current."""

    id: str
    title: str
    pillar: str
    versions: tuple[Version, ...]
    framework: str | None = None
    topics: tuple[str, ...] = ()
    tier: str = "A"
    owner: str = ""
    review_by: date | None = None
    catalogue_ids: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def current(self) -> Version:
        return self.versions[-1]

    @property
    def stance(self) -> str:
        return self.current.stance

    @property
    def updated(self) -> date:
        return self.current.date

    def version(self, on: date | None = None) -> Version | None:
        """The version dated `on`, or the current one when `on` is None."""
        if on is None:
            return self.current
        return next((v for v in self.versions if v.date == on), None)

    def previous(self, version: Version) -> Version | None:
        """The version before `version`, if any."""
        index = self.versions.index(version)
        return self.versions[index - 1] if index > 0 else None
