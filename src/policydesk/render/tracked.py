"""Turn an agreed text and a draft into paragraphs and tables of tracked insertions and deletions."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from policydesk.diff import align, is_word, tokenize
from policydesk.render.document import NUMBERED, Change, Para, Run, Table, body_bullets
from policydesk.render.markdown import Block, Span

Token = tuple[str, bool, bool, str | None]


def block_style(block: Block, level: int) -> str:
    """The style for a block under text numbered at `level` (0: unnumbered text such as key messages)."""
    if block.kind == "bullet":
        return body_bullets(level)[min(block.level, 3) - 1]
    return NUMBERED[min(max(level, 1), 3) - 1]


def plain_paras(blocks: Sequence[Block], level: int) -> list[Para | Table]:
    return [_whole(b, None, level) for b in blocks]


def tracked_paras(old: Sequence[Block], new: Sequence[Block], level: int) -> list[Para | Table]:
    """Paragraphs and tables whose accepted text is `new` and whose rejected text is `old`."""
    out: list[Para | Table] = []
    keys_old = [(b.kind, b.level, b.text) for b in old]
    keys_new = [(b.kind, b.level, b.text) for b in new]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(_whole(b, None, level) for b in new[j1:j2])
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        while olds and news and _comparable(olds[0], news[0]):
            a, b = olds.pop(0), news.pop(0)
            out.append(_edited(a, b, level))
        out.extend(_whole(b, "del", level) for b in olds)
        out.extend(_whole(b, "ins", level) for b in news)
    return out


def _comparable(a: Block, b: Block) -> bool:
    """Two blocks diffed word by word: same kind and level, and for tables the same rows and columns."""
    if (a.kind, a.level) != (b.kind, b.level):
        return False
    return a.kind != "table" or [len(r) for r in a.rows] == [len(r) for r in b.rows]


def _edited(a: Block, b: Block, level: int) -> Para | Table:
    if b.kind == "table":
        rows = tuple(
            tuple(_diff_runs(old_cell, new_cell) for old_cell, new_cell in zip(old_row, new_row, strict=True))
            for old_row, new_row in zip(a.rows, b.rows, strict=True)
        )
        return Table(rows, max(level, 1))
    return Para(block_style(b, level), _diff_runs(a.spans, b.spans))


def _whole(block: Block, change: Change, level: int) -> Para | Table:
    if block.kind == "table":
        return Table(tuple(tuple(_runs(cell, change) for cell in row) for row in block.rows), max(level, 1), change)
    return Para(block_style(block, level), _runs(block.spans, change), mark=change)


def _runs(spans: Sequence[Span], change: Change = None) -> tuple[Run, ...]:
    return tuple(Run(s.text, s.bold, s.italic, s.href, change) for s in spans if s.text)


def _tokens(spans: Sequence[Span]) -> list[Token]:
    return [(t, s.bold, s.italic, s.href) for s in spans for t in tokenize(s.text)]


def _diff_runs(old: Sequence[Span], new: Sequence[Span]) -> tuple[Run, ...]:
    a, b = _tokens(old), _tokens(new)
    runs: list[Run] = []
    for block in align(a, b, lambda token: is_word(token[0])):
        if not block.changed:
            _extend(runs, b[block.b0 : block.b1], None)
            continue
        _extend(runs, a[block.a0 : block.a1], "del")
        _extend(runs, b[block.b0 : block.b1], "ins")
    return tuple(runs)


def _extend(runs: list[Run], tokens: Sequence[Token], change: Change) -> None:
    """Append tokens as runs, merging neighbours with the same formatting and change."""
    for text, bold, italic, href in tokens:
        last = runs[-1] if runs else None
        if last and (last.bold, last.italic, last.href, last.change) == (bold, italic, href, change):
            runs[-1] = Run(last.text + text, bold, italic, href, change)
        else:
            runs.append(Run(text, bold, italic, href, change))
