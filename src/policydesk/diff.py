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


DIRECT_TOKENS = 4000
"""Texts up to this many tokens (both sides together) are compared word by word in one go."""
SENTENCE_ENDS = frozenset(".!?\n")
LOOKAHEAD = 3
SIMILAR = 0.5


def align(a: Sequence[T], b: Sequence[T], word: Callable[[T], bool], text: Callable[[T], str] = str) -> list[Block]:
    """Compare two token sequences and merge small equalities caught between changes.

    Short texts are aligned word by word (a longest common subsequence, rapidfuzz's Indel). Long texts are
    aligned sentence by sentence first, then word by word within sentences that changed, so the cost grows
    with the length of the text rather than its square. An equality is folded into the surrounding change
    when it holds no more words than the change on either side, so "the" is not left stranded inside a
    rewritten clause.
    """
    blocks = _word_blocks(a, b, 0, 0) if len(a) + len(b) <= DIRECT_TOKENS else _sentence_blocks(a, b, text)
    return _fold_small_equalities(_merge_adjacent(blocks), _word_counts(a, word), _word_counts(b, word))


def _word_blocks(a: Sequence[T], b: Sequence[T], a_at: int, b_at: int) -> list[Block]:
    return [
        Block(tag != "equal", a_at + i1, a_at + i2, b_at + j1, b_at + j2)
        for tag, i1, i2, j1, j2 in Indel.opcodes(list(a), list(b)).as_list()
    ]


def _sentences(tokens: Sequence[T], text: Callable[[T], str]) -> list[tuple[int, int]]:
    """Token ranges of sentences: each ends after '.', '!', '?' or a line break, with the space after it."""
    spans, start = [], 0
    for i, token in enumerate(tokens):
        piece = text(token)
        if piece[-1:] in SENTENCE_ENDS and (i + 1 == len(tokens) or text(tokens[i + 1])[:1].isspace()):
            end = i + 2 if i + 1 < len(tokens) and not text(tokens[i + 1]).strip() else i + 1
            if end > start:
                spans.append((start, end))
                start = end
    if start < len(tokens):
        spans.append((start, len(tokens)))
    return [(s, e) for s, e in spans if e > s]


def _sentence_blocks(a: Sequence[T], b: Sequence[T], text: Callable[[T], str]) -> list[Block]:
    sa, sb = _sentences(a, text), _sentences(b, text)
    regions = _merge_adjacent(
        [
            Block(tag != "equal", i1, i2, j1, j2)
            for tag, i1, i2, j1, j2 in Indel.opcodes(
                [tuple(a[s:e]) for s, e in sa], [tuple(b[s:e]) for s, e in sb]
            ).as_list()
        ]
    )
    blocks: list[Block] = []
    for region in regions:
        a0, a1 = _token_range(sa, region.a0, region.a1, len(a))
        b0, b1 = _token_range(sb, region.b0, region.b1, len(b))
        if not region.changed:
            blocks.append(Block(False, a0, a1, b0, b1))
        elif (a1 - a0) + (b1 - b0) <= DIRECT_TOKENS:
            blocks.extend(_word_blocks(a[a0:a1], b[b0:b1], a0, b0))
        else:
            blocks.extend(_paired(a, b, sa[region.a0 : region.a1], sb[region.b0 : region.b1], a0, b0))
    return blocks


def _token_range(spans: list[tuple[int, int]], first: int, last: int, length: int) -> tuple[int, int]:
    """The tokens of sentences first..last-1; an empty range sits where sentence `first` would start."""
    if last > first:
        return spans[first][0], spans[last - 1][1]
    at = spans[first][0] if first < len(spans) else length
    return at, at


def _paired(
    a: Sequence[T], b: Sequence[T], sa: list[tuple[int, int]], sb: list[tuple[int, int]], a0: int, b0: int
) -> list[Block]:
    """A long stretch of changed sentences, paired in order with their most similar counterpart nearby."""

    def similar(i: int, j: int) -> bool:
        return Indel.normalized_similarity(list(a[slice(*sa[i])]), list(b[slice(*sb[j])])) >= SIMILAR

    blocks: list[Block] = []
    i = j = 0
    at_a, at_b = a0, b0
    while i < len(sa) and j < len(sb):
        if similar(i, j):
            blocks.extend(_word_blocks(a[slice(*sa[i])], b[slice(*sb[j])], sa[i][0], sb[j][0]))
            i, j = i + 1, j + 1
        elif k := next((k for k in range(1, LOOKAHEAD + 1) if j + k < len(sb) and similar(i, j + k)), 0):
            blocks.append(Block(True, sa[i][0], sa[i][0], sb[j][0], sb[j + k - 1][1]))
            j += k
        elif k := next((k for k in range(1, LOOKAHEAD + 1) if i + k < len(sa) and similar(i + k, j)), 0):
            blocks.append(Block(True, sa[i][0], sa[i + k - 1][1], sb[j][0], sb[j][0]))
            i += k
        else:
            blocks.append(Block(True, *sa[i], *sb[j]))
            i, j = i + 1, j + 1
        at_a, at_b = (sa[i - 1][1] if i else a0), (sb[j - 1][1] if j else b0)
    rest_a = sa[i][0] if i < len(sa) else at_a
    rest_b = sb[j][0] if j < len(sb) else at_b
    end_a = sa[-1][1] if sa else a0
    end_b = sb[-1][1] if sb else b0
    if rest_a < end_a or rest_b < end_b:
        blocks.append(Block(True, rest_a, end_a, rest_b, end_b))
    return blocks


def _word_counts(tokens: Sequence[T], word: Callable[[T], bool]) -> list[int]:
    """Running count of words: counts[k] is the number of words among the first k tokens."""
    counts = [0]
    for token in tokens:
        counts.append(counts[-1] + word(token))
    return counts


def _fold_small_equalities(blocks: list[Block], words_a: list[int], words_b: list[int]) -> list[Block]:
    """One pass with a stack: an equality between two changes joins them when it is no bigger than either."""

    def size(block: Block) -> int:
        return max(words_a[block.a1] - words_a[block.a0], words_b[block.b1] - words_b[block.b0])

    out: list[Block] = []
    for block in blocks:
        out.append(block)
        while len(out) >= 3 and out[-1].changed and not out[-2].changed and out[-3].changed:
            before, middle, after = out[-3], out[-2], out[-1]
            if words_a[middle.a1] - words_a[middle.a0] > min(size(before), size(after)):
                break
            del out[-3:]
            merged = Block(True, before.a0, after.a1, before.b0, after.b1)
            if out and out[-1].changed:
                last = out.pop()
                merged = Block(True, last.a0, merged.a1, last.b0, merged.b1)
            out.append(merged)
    return out


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


MARKS = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}
"""How every output marks a deletion and an insertion, so the two never run together, with or without colour."""


def marked(chunks: Sequence[Chunk]) -> str:
    """Plain-text form for pipes and logs: [-deleted-]{+inserted+}."""
    return "".join(MARKS[c.op][0] + c.text + MARKS[c.op][1] for c in chunks)
