"""Word-level comparison of two texts, cleaned up so the result reads like a person's edit."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from rapidfuzz.distance import Indel

T = TypeVar("T")
Op = Literal["equal", "insert", "delete"]

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
"""Words, runs of whitespace, and each punctuation mark on its own."""


def tokenize(text: str) -> list[str]:
    return TOKEN.findall(text)


def is_word(token: str) -> bool:
    return token[:1].isalnum() or token[:1] == "_"


@dataclass(frozen=True)
class Chunk:
    """One stretch of the comparison: tokens kept, inserted or deleted."""

    op: Op
    text: str


@dataclass(frozen=True)
class Block:
    """A stretch of aligned sequences: a[a0:a1] against b[b0:b1]; equal or changed."""

    changed: bool
    a0: int
    a1: int
    b0: int
    b1: int


def align(a: Sequence[T], b: Sequence[T], word: Callable[[T], bool]) -> list[Block]:
    """Compare two token sequences and merge small equalities caught between changes.

    The alignment is a longest common subsequence (rapidfuzz's Indel, fast on long texts). An
    equality is then folded into the surrounding change when it holds no more words than the change
    on either side of it, so "the" is not left stranded inside a rewritten clause.
    """
    raw = Indel.opcodes(list(a), list(b)).as_list()
    blocks = [Block(tag != "equal", i1, i2, j1, j2) for tag, i1, i2, j1, j2 in raw]
    blocks = _merge_adjacent(blocks)
    changed = True
    while changed:
        changed = False
        for k in range(1, len(blocks) - 1):
            mid = blocks[k]
            if mid.changed or not (blocks[k - 1].changed and blocks[k + 1].changed):
                continue
            words = sum(1 for t in a[mid.a0 : mid.a1] if word(t))
            if words <= min(_size(blocks[k - 1], a, b, word), _size(blocks[k + 1], a, b, word)):
                blocks[k] = Block(True, mid.a0, mid.a1, mid.b0, mid.b1)
                blocks = _merge_adjacent(blocks)
                changed = True
                break
    return blocks


def _size(block: Block, a: Sequence[T], b: Sequence[T], word: Callable[[T], bool]) -> int:
    deleted = sum(1 for t in a[block.a0 : block.a1] if word(t))
    inserted = sum(1 for t in b[block.b0 : block.b1] if word(t))
    return max(deleted, inserted)


def _merge_adjacent(blocks: list[Block]) -> list[Block]:
    merged: list[Block] = []
    for block in blocks:
        if merged and merged[-1].changed == block.changed:
            last = merged.pop()
            block = Block(block.changed, last.a0, block.a1, last.b0, block.b1)
        merged.append(block)
    return merged


def diff_words(old: str, new: str) -> list[Chunk]:
    """The edit from `old` to `new` as chunks; within a change, the deletion comes first."""
    a, b = tokenize(old), tokenize(new)
    chunks: list[Chunk] = []
    for block in align(a, b, is_word):
        if not block.changed:
            chunks.append(Chunk("equal", "".join(a[block.a0 : block.a1])))
            continue
        if block.a1 > block.a0:
            chunks.append(Chunk("delete", "".join(a[block.a0 : block.a1])))
        if block.b1 > block.b0:
            chunks.append(Chunk("insert", "".join(b[block.b0 : block.b1])))
    return chunks


def old_text(chunks: Sequence[Chunk]) -> str:
    return "".join(c.text for c in chunks if c.op != "insert")


def new_text(chunks: Sequence[Chunk]) -> str:
    return "".join(c.text for c in chunks if c.op != "delete")


@dataclass(frozen=True)
class Summary:
    """How much changed: similarity from 0 to 1, and words added and removed."""

    similarity: float
    words_added: int
    words_removed: int

    @property
    def identical(self) -> bool:
        return self.words_added == 0 and self.words_removed == 0 and self.similarity == 1.0

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def summarise(chunks: Sequence[Chunk]) -> Summary:
    """Similarity is the share of characters kept, over both texts."""
    kept = sum(len(c.text) for c in chunks if c.op == "equal")
    total = sum(len(c.text) * (2 if c.op == "equal" else 1) for c in chunks)
    similarity = 1.0 if total == 0 else 2 * kept / total
    count = {
        op: sum(1 for c in chunks if c.op == op for t in tokenize(c.text) if is_word(t)) for op in ("insert", "delete")
    }
    return Summary(similarity, count["insert"], count["delete"])


def compare(old: str, new: str) -> tuple[list[Chunk], Summary]:
    chunks = diff_words(old, new)
    return chunks, summarise(chunks)


def marked(chunks: Sequence[Chunk]) -> str:
    """Plain-text form for pipes and logs: [-deleted-]{+inserted+}."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[c.op].format(c.text) for c in chunks)
