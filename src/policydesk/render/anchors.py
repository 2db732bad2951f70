"""Bookmark names that tie each rendered paragraph to its place in the response, so a returned copy can be read back.

Names start with an underscore, which Word treats as a hidden bookmark: invisible, and kept when edited.
Numbers count from 1: `_pd_s2_p3_1` is section 2, paragraph 3, first Word paragraph (or table) of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PREFIX = "_pd_"
PATTERN = re.compile(r"^_pd_(?:k(\d+)|s(\d+)_(h|a)|s(\d+)_p(\d+)_(\d+)|sent_([0-9A-Za-z_]+)|d(\d+))$")


def key_message(number: int) -> str:
    return f"{PREFIX}k{number}"


def heading(section: int) -> str:
    return f"{PREFIX}s{section}_h"


def answer(section: int) -> str:
    return f"{PREFIX}s{section}_a"


def block(section: int, paragraph: int, number: int) -> str:
    return f"{PREFIX}s{section}_p{paragraph}_{number}"


def furniture(number: int) -> str:
    """A paragraph that does not come from the response's own text (title, date, about, contact)."""
    return f"{PREFIX}d{number}"


def sent(sent_id: str) -> str:
    """The bookmark naming the record of what was sent (a timestamp such as 20240314T101530)."""
    return f"{PREFIX}sent_{sent_id}"


@dataclass(frozen=True, order=True)
class Anchor:
    """A parsed anchor: what part of the response a Word paragraph came from (numbers from 1)."""

    part: str  # "key message", "heading", "answer", "paragraph", "document" or "sent"
    section: int = 0
    paragraph: int = 0
    block: int = 0
    sent_id: str = ""

    @property
    def label(self) -> str:
        if self.part == "key message":
            return f"key message {self.section}"
        if self.part == "document":
            return f"document paragraph {self.section}"
        if self.part in ("heading", "answer"):
            return f"section {self.section} {self.part}"
        return f"section {self.section}, paragraph {self.paragraph}"


def parse(name: str) -> Anchor | None:
    found = PATTERN.match(name)
    if found is None:
        return None
    k, hs, part, ps, pp, pb, sid, doc = found.groups()
    if doc:
        return Anchor("document", int(doc))
    if k:
        return Anchor("key message", int(k))
    if hs:
        return Anchor("heading" if part == "h" else "answer", int(hs))
    if ps:
        return Anchor("paragraph", int(ps), int(pp), int(pb))
    return Anchor("sent", sent_id=sid)
