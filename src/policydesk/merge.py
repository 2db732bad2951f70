"""Three-way merge of texts, word by word: both sides' changes kept where they do not touch, None where they do."""

from __future__ import annotations

from policydesk.diff import align, is_word, tokenize

Hunk = tuple[int, int, list[str]]  # base[start:end] replaced by tokens


def _hunks(base: list[str], other: list[str]) -> list[Hunk]:
    return [(b.a0, b.a1, other[b.b0 : b.b1]) for b in align(base, other, is_word) if b.changed]


def merged_text(base: str, ours: str, theirs: str) -> str | None:
    """`base` with the changes of both `ours` and `theirs`; None when they change the same words differently.

    A change both sides made identically is taken once.
    """
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    b = tokenize(base)
    tagged = sorted(
        [(h, 0) for h in _hunks(b, tokenize(ours))] + [(h, 1) for h in _hunks(b, tokenize(theirs))],
        key=lambda item: (item[0][0], item[0][1], item[1]),
    )
    kept: list[Hunk] = []
    sides: list[int] = []
    for hunk, side in tagged:
        if kept and _overlap(kept[-1], hunk):
            if sides[-1] != side and kept[-1] == hunk:
                continue
            return None
        kept.append(hunk)
        sides.append(side)
    out: list[str] = []
    at = 0
    for start, end, tokens in kept:
        out.extend(b[at:start])
        out.extend(tokens)
        at = end
    out.extend(b[at:])
    return "".join(out)


def _overlap(x: Hunk, y: Hunk) -> bool:
    """Two hunks touch when their base ranges overlap, or both insert at the same place."""
    if x[0] == x[1] and y[0] == y[1]:
        return x[0] == y[0]
    return (
        x[0] < y[1]
        and y[0] < x[1]
        or (x[0] == x[1] and y[0] <= x[0] <= y[1])
        or (y[0] == y[1] and x[0] <= y[0] <= x[1])
    )
