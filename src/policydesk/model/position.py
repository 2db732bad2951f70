"""A policy position: one line of policy held over time as dated versions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

AGREED = ("agreed", "published")
"""A decision is recorded (minutes, a signed-off response, "the Board agreed"), or the LGA published it as its view."""
PROPOSED = ("proposed", "noted")
"""An LGA view put to a board for direction or discussion (proposed) or for information (noted), not yet decided."""
NOTES = ("board-steer", "member-remark", "not-restated", "research", "council-position")
"""What was said around a line: steers and remarks in minutes, dropped asks, research and councils' own views."""
STATUSES = AGREED + PROPOSED + NOTES
VOICED = {
    "member-remark": "A member",
    "board-steer": "The Board",
    "research": "The researchers",
    "council-position": "The council",
}
"""Whose words a note is, for statuses that are not the LGA's own voice."""

Precision = Literal["day", "month", "year"]

VERBS = {
    "agreed": "agreed by",
    "published": "published by",
    "proposed": "put to",
    "noted": "noted by",
    "board-steer": "a steer from",
    "member-remark": "a member\u2019s remark at",
    "not-restated": "not restated by",
    "research": "research by",
    "council-position": "the position of",
}
"""How a version is described, by its status: 'agreed by the Board', 'a steer from the Board'."""
STATUS_WORD = {
    "agreed": "Agreed",
    "published": "Agreed",
    "proposed": "Proposed",
    "noted": "Noted",
    "board-steer": "Steer",
    "member-remark": "Remark",
    "not-restated": "Dropped",
    "research": "Research",
    "council-position": "Council",
}
"""What a version is, in a word short enough for a table column; each word different, so none is misread."""
STATUS_NOUN = {
    "agreed": "an agreed version",
    "published": "a published version",
    "proposed": "a proposed version",
    "noted": "a version noted for information",
    "board-steer": "a board steer",
    "member-remark": "a member's remark",
    "not-restated": "an ask not restated",
    "research": "a research finding",
    "council-position": "a council's position",
}
"""What a version is, as it reads in a sentence: 'Added Kinship care (a board steer from March 2024)'."""
STATUS_MEANING = {
    "agreed": "the agreed line",
    "published": "the agreed line",
    "proposed": "proposed, no decision recorded",
    "noted": "stated for information, no decision recorded",
    "board-steer": "a steer in the minutes, not a decision",
    "member-remark": "one member's remark, not the LGA's view",
    "not-restated": "an ask a later board did not restate",
    "research": "commissioned research, not LGA policy",
    "council-position": "a council's own position, not the LGA's",
}
"""What each status means for quoting it, in words an officer uses."""


def the(body: str) -> str:
    """'the Children and Young People Board': a body's name as it reads after 'agreed by'."""
    return body if body.lower().startswith("the ") else f"the {body}"


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
    """One dated stance, as agreed, proposed or noted by one body.

    `date` orders versions; `precision` says how much of it the paper gives (a year-only date is held as
    1 January), and `approximate` marks a date inferred rather than printed.
    """

    date: date
    agreed_by: str
    status: str
    stance: str
    text: str
    source: Source
    note: str = ""
    precision: Precision = "day"
    approximate: bool = False

    @property
    def when(self) -> str:
        """The date as a reader should see it: '14 March 2023', 'March 2023', '2023', 'about 2023'."""
        shown = {
            "day": f"{self.date.day} {self.date:%B} {self.date.year}",
            "month": f"{self.date:%B} {self.date.year}",
            "year": str(self.date.year),
        }[self.precision]
        return f"about {shown}" if self.approximate else shown

    @property
    def date_text(self) -> str:
        """The date as written in a position file: 2023-03-14, 2023-03 or 2023."""
        return {"day": self.date.isoformat(), "month": f"{self.date:%Y-%m}", "year": f"{self.date:%Y}"}[self.precision]

    @property
    def standing(self) -> Literal["agreed", "proposed", "note"]:
        if self.status in AGREED:
            return "agreed"
        return "proposed" if self.status in PROPOSED else "note"

    @property
    def label(self) -> str:
        return f"{self.date_text} {self.agreed_by}"

    @property
    def provenance(self) -> str:
        """'agreed by the Children and Young People Board', 'put to the ... Board', 'a steer from the Board'."""
        return f"{VERBS.get(self.status, 'recorded from')} {the(self.agreed_by)}"

    @property
    def standing_note(self) -> str:
        """What the status means for quoting it, in words an officer uses."""
        return STATUS_MEANING.get(self.status, "a note, not the LGA's agreed line")

    @property
    def status_word(self) -> str:
        """'Agreed', 'Steer', 'Research': the status in one plain word, never the code written in the file."""
        return STATUS_WORD.get(self.status, "Note")

    @property
    def status_noun(self) -> str:
        """'a board steer', 'an agreed version': the status as it reads in a sentence."""
        return STATUS_NOUN.get(self.status, "a note")


@dataclass(frozen=True)
class Position:
    """A policy line: metadata plus its versions, oldest first.

    The *line* is what is quoted by default: the latest agreed (or published) version; failing that the latest
    proposed or noted one; failing that the latest version of any kind. Versions after it are later notes.
    """

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
    related: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)
    digest: str | None = field(default=None, compare=False)
    """What the file held when it was read (sha256), so a later write can tell it was changed since."""

    @property
    def line(self) -> Version:
        return _line(self.versions)

    @property
    def latest(self) -> Version:
        return self.versions[-1]

    @property
    def later_notes(self) -> tuple[Version, ...]:
        """Versions recorded after the line: quoted only on purpose."""
        return self.versions[self.versions.index(self.line) + 1 :]

    @property
    def stance(self) -> str:
        return self.line.stance

    @property
    def updated(self) -> date:
        return self.line.date

    def version(self, on: date | None = None) -> Version | None:
        """The version dated `on`, or the line when `on` is None."""
        if on is None:
            return self.line
        return next((v for v in self.versions if v.date == on), None)

    def line_as_at(self, day: date) -> Version | None:
        """The line as it stood on `day`: worked out from the versions recorded by then."""
        known = tuple(v for v in self.versions if v.date <= day)
        return _line(known) if known else None

    def previous(self, version: Version) -> Version | None:
        """The version before `version`, if any."""
        index = self.versions.index(version)
        return self.versions[index - 1] if index > 0 else None


def _line(versions: tuple[Version, ...]) -> Version:
    for standing in ("agreed", "proposed"):
        found = [v for v in versions if v.standing == standing]
        if found:
            return found[-1]
    return versions[-1]
