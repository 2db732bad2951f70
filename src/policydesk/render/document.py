"""The page model between a response and Word: styled paragraphs of runs and tables, with tracked changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Change = Literal["ins", "del"] | None

HEADING_1, HEADING_2, HEADING_3 = "Heading 1", "Heading 2", "Heading 3"
DATE_LINE, SIGN_OFF, ANSWER, CONTACT, BODY = "LGA Date", "LGA Sign-off", "LGA Answer", "LGA Contact", "Normal"
NUMBERED = ("LGA Para 1", "LGA Para 2", "LGA Para 3")
BULLETS = ("List Bullet", "List Bullet 2", "List Bullet 3")
TABLE, TABLE_TEXT = "LGA Table", "LGA Table Text"
HEADER, FOOTER, WORDMARK = "Header", "Footer", "LGA Wordmark"
VIEW_HEADING, RECOMMENDATION = "LGA View Heading", "LGA Recommendation"
HEADINGS = (HEADING_1, HEADING_2, HEADING_3)
BULLET_DEPTHS = 3


def body_bullets(level: int) -> tuple[str, ...]:
    """Bullet styles, one per nesting depth, for bullets under a paragraph numbered at `level` (0: unnumbered)."""
    if level == 0:
        return BULLETS
    base = f"{NUMBERED[level - 1]} Bullet"
    return (base, *(f"{base} {depth}" for depth in range(2, BULLET_DEPTHS + 1)))


ALL_BULLETS = tuple(name for level in range(len(NUMBERED) + 1) for name in body_bullets(level))


@dataclass(frozen=True)
class Run:
    """Text with formatting; `change` marks it as a tracked insertion or deletion.

    `author` and `when` credit a change to someone other than the page's author (a reviewer's proposal).
    """

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    change: Change = None
    author: str = ""
    when: str = ""


@dataclass(frozen=True)
class Comment:
    """A Word comment on a whole paragraph: a reviewer's note, with its replies and whether it is resolved."""

    author: str
    when: str
    text: str
    replies: tuple[tuple[str, str, str], ...] = ()
    resolved: bool = False


@dataclass(frozen=True)
class Para:
    """One Word paragraph; `mark` tracks the paragraph itself as inserted or deleted.

    `page_break` starts it on a new page. `restart` says which list a numbered paragraph counts in: 0 the
    document's one list, n its nth copy, which counts from 1 again (an annex).
    """

    style: str
    runs: tuple[Run, ...]
    mark: Change = None
    page_break: bool = False
    restart: int = 0
    anchor: str = ""
    comments: tuple[Comment, ...] = ()
    mark_author: str = ""
    mark_when: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class Table:
    """A table whose first row is a header repeated on every page; `change` tracks the whole table.

    `level` is the numbering level of the text it sits under, so it lines up with that text.
    """

    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    level: int = 1
    change: Change = None
    anchor: str = ""


@dataclass(frozen=True)
class Quote:
    """The paragraphs (and tables) of one quoted position, carrying its provenance as a Word comment."""

    paras: tuple[Para | Table, ...]
    note: str


@dataclass(frozen=True)
class Page:
    """A whole document: properties, running header and body, ready for the Word writer.

    `first_header` goes under the name block at the top of page one, `first_footer` above its page number.
    """

    title: str
    subject: str
    author: str
    language: str
    body: tuple[Para | Table | Quote, ...]
    stamp: datetime
    tracked: bool = False
    running_header: str = ""
    first_header: tuple[Para, ...] = ()
    first_footer: tuple[Para, ...] = ()
    revisions_by: str = ""
    sent_id: str = ""


def para(style: str, text: str, **formatting: object) -> Para:
    """A paragraph with a single run."""
    return Para(style, (Run(text, **formatting),))  # type: ignore[arg-type]
