"""Read plain text (a .txt file, or a PDF's text layer) into blocks, inferring paragraphs and headings from shape."""

from __future__ import annotations

import re
from collections import Counter

from policydesk.consultation.blocks import BULLET, Block, clean

BULLETS = "•●▪◦‣∙·○–—*-\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
BULLET_LINE = re.compile(rf"^[{re.escape(BULLETS)}](?:\s+|$)|^o\s{{2,}}")
ITEM_START = re.compile(
    r"^(?:(?:question|q)\s*\d|\(?\d+(?:\.\d+)*[a-z]?[.):](?:\s|(?=[A-Z]))|\(?[a-hA-H][.)]\s|\([ivx]+\)\s|[☐□❑☑☒]|\[\s?\]\s)",
    re.I,
)
PAGE_FURNITURE = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.I)
CHAPTER_LIKE = re.compile(
    r"^(?:(?:chapter|part|section|annex|appendix|pillar|theme)\s+[\w.]+\b|\d{1,2}\.\s+[A-Z])", re.I
)
SUBSECTION = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s+[A-Z]")
SHORT = 0.8
JOINING = {"a", "an", "and", "the", "of", "on", "for", "to", "in", "with", "by", "from", "at", "or", "&", "into"}


def _furniture(pages: list[list[str]]) -> set[str]:
    """Running headers and footers: lines that open or close most pages of a document of three or more."""
    if len(pages) < 3:
        return set()
    ends: Counter[str] = Counter()
    for lines in pages:
        filled = [line.strip() for line in lines if line.strip()]
        ends.update({filled[0], filled[-1]} if filled else set())
    return {line for line, count in ends.items() if count >= max(3, len(pages) // 2 + 1)}


def _width(lines: list[str]) -> int:
    """The right edge of a typical full line: lines that end well short of it end a paragraph."""
    edges = sorted(len(line.rstrip()) for line in lines if len(line.split()) >= 5)
    return edges[int(len(edges) * 0.9)] if edges else 0


def _title_goes_on(line: str, following: str) -> bool:
    """Whether a title line wraps onto the next: it stops on a joining word, or the next goes on in lower case."""
    last = line.split()[-1].lower() if line.split() else ""
    return following[:1].islower() or last.endswith((",", ":", "-", "–")) or last in JOINING


def _paragraphs(lines: list[str]) -> list[list[str]]:
    width = _width(lines)
    groups: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        text = line.strip()
        if not text:
            if current:
                groups.append(current)
            current = []
            continue
        starts_item = bool(BULLET_LINE.match(text) or ITEM_START.match(text))
        previous_short = bool(current) and len(current[-1].rstrip()) < width * SHORT
        title_goes_on = not groups and len(current) < 3 and bool(current) and _title_goes_on(current[-1], text)
        if current and (starts_item or (previous_short and not title_goes_on)):
            groups.append(current)
            current = []
        current.append(line)
    if current:
        groups.append(current)
    return groups


def _heading_shape(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 12
        and len(text) <= 100
        and (text[0].isupper() or text[0].isdigit())
        and text[-1] not in ".,;:?!"
        and not any(mark in text for mark in ("://", "@", " / ", "☐", "□", "www."))
        and not text.replace(" ", "").isdigit()
        and not re.match(r"^(?:question|q)\s*\d", text, re.I)
    )


def text_blocks(text: str) -> list[Block]:
    """Blocks of plain text: blank lines, list markers and short lines end paragraphs; pages are joined."""
    pages = [page.splitlines() for page in text.replace("\r\n", "\n").replace("\r", "\n").split("\f")]
    furniture = _furniture(pages)
    lines = [
        line.expandtabs()
        for page in pages
        for line in page
        if not PAGE_FURNITURE.match(line) and line.strip() not in furniture
    ]
    groups = _paragraphs(lines)
    chaptered = any(CHAPTER_LIKE.match(g[0].strip()) for g in groups if len(g) == 1 and _heading_shape(g[0].strip()))
    blocks: list[Block] = []
    for i, group in enumerate(groups):
        joined = clean(" ".join(line.strip() for line in group))
        bullet = BULLET_LINE.match(joined)
        if bullet:
            blocks.append(Block(clean(joined[bullet.end() :]), label=BULLET))
            continue
        heading = 0
        if i == 0 and len(joined.split()) <= 20:
            heading = 1
        elif len(group) == 1 and _heading_shape(joined):
            if SUBSECTION.match(joined):
                heading = 3
            elif CHAPTER_LIKE.match(joined):
                heading = 2
            else:
                heading = 3 if chaptered else 2
        blocks.append(Block(joined, heading=heading, guessed=heading > 0))
    return [b for b in blocks if b.text]
