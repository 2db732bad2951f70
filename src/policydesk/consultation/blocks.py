"""The neutral form every reader turns a document into: a sequence of text blocks, headings and list items."""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLET = "•"
"""The label a reader gives an unnumbered (bulleted) list item."""


@dataclass(frozen=True)
class Block:
    """One paragraph, heading, list item or table cell, in reading order.

    `heading` is 0 for body text, 1 for the document's title and 2 or more for chapter and section
    headings; `label` is the list numbering the reader computed ("3.", "a)", or BULLET), never typed text;
    `guessed` marks a heading inferred from the shape of plain text rather than read from a style or tag.
    """

    text: str
    heading: int = 0
    label: str = ""
    links: tuple[str, ...] = ()
    guessed: bool = False

    @property
    def full_text(self) -> str:
        """The text as a reader of the page sees it, list number included."""
        if self.label and self.label != BULLET:
            return f"{self.label} {self.text}".strip()
        return self.text


@dataclass(frozen=True)
class Document:
    """What a reader found: the blocks, and the web address and publisher a web page records about itself."""

    blocks: tuple[Block, ...]
    link: str = ""
    publisher: str = ""


SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """One line of text: runs of spaces (non-breaking ones too) made single, control characters dropped."""
    text = CONTROL.sub(" ", text.replace("\u00ad", ""))
    return SPACES.sub(" ", text.replace("\n", " ")).strip()
