"""The page model read as an outline, for writers other than Word: what each block is, and the number Word shows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from policydesk.render import document as d
from policydesk.render.document import Page, Para, Quote, Table

Kind = Literal["heading", "numbered", "bullet", "table", "answer", "contact", "date", "sign-off", "text"]
ROLES: dict[str, Kind] = {d.ANSWER: "answer", d.CONTACT: "contact", d.DATE_LINE: "date", d.SIGN_OFF: "sign-off"}
BULLET_PLACES = {name: (level, depth) for level in range(4) for depth, name in enumerate(d.body_bullets(level), 1)}
"""Bullet style -> (the numbered level it sits under, 0 for none; its nesting depth)."""


@dataclass(frozen=True)
class Item:
    """One block of the page: its kind, its level (heading 1-3, numbered 1-3, or the numbered level a bullet or
    table sits under, 0 for none), a bullet's depth, and a numbered paragraph's number as Word shows it ("5.1.")."""

    kind: Kind
    block: Para | Table
    level: int = 0
    depth: int = 0
    number: str = ""
    counter: int = 0


def outline(page: Page) -> list[Item]:
    """Every block of the page in order, quotations opened up; numbering runs on across sections, as in Word."""
    items: list[Item] = []
    counters = [0, 0, 0]
    for block in _blocks(page):
        if isinstance(block, Table):
            items.append(Item("table", block, block.level))
        elif block.style in d.HEADINGS:
            items.append(Item("heading", block, d.HEADINGS.index(block.style) + 1))
        elif block.style in d.NUMBERED:
            level = d.NUMBERED.index(block.style) + 1
            counters[level - 1] += 1
            counters[level:] = [0] * (3 - level)
            number = "".join(f"{max(c, 1)}." for c in counters[:level])
            items.append(Item("numbered", block, level, number=number, counter=counters[level - 1]))
        elif block.style in BULLET_PLACES:
            level, depth = BULLET_PLACES[block.style]
            items.append(Item("bullet", block, level, depth))
        else:
            items.append(Item(ROLES.get(block.style, "text"), block))
    return items


def _blocks(page: Page):
    for block in page.body:
        if isinstance(block, Quote):
            yield from block.paras
        else:
            yield block
