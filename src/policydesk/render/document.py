"""The page model between a response and Word: styled paragraphs of runs, with tracked changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Change = Literal["ins", "del"] | None

HEADING_1, HEADING_2, HEADING_3 = "Heading 1", "Heading 2", "Heading 3"
DATE_LINE, SIGN_OFF, ANSWER, CONTACT, BODY = "LGA Date", "LGA Sign-off", "LGA Answer", "LGA Contact", "Normal"
NUMBERED = ("LGA Para 1", "LGA Para 2", "LGA Para 3")
BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")
HEADINGS = (HEADING_1, HEADING_2, HEADING_3, ANSWER)


@dataclass(frozen=True)
class Run:
    """Text with formatting; `change` marks it as a tracked insertion or deletion."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    change: Change = None


@dataclass(frozen=True)
class Para:
    """One Word paragraph; `mark` tracks the paragraph itself as inserted or deleted."""

    style: str
    runs: tuple[Run, ...]
    mark: Change = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Quote:
    """The paragraphs of one quoted position, carrying its provenance as a Word comment."""

    paras: tuple[Para, ...]
    note: str


@dataclass(frozen=True)
class Page:
    """A whole document: properties and body, ready for the Word writer."""

    title: str
    subject: str
    author: str
    language: str
    body: tuple[Para | Quote, ...]
    stamp: datetime
    tracked: bool = False


def para(style: str, text: str, **formatting: object) -> Para:
    """A paragraph with a single run."""
    return Para(style, (Run(text, **formatting),))  # type: ignore[arg-type]
