"""Turn an agreed text and a draft into paragraphs of tracked insertions and deletions."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from policydesk.diff import align, is_word, tokenize
from policydesk.render.document import Change, Para, Run
from policydesk.render.markdown import Block, Span

Token = tuple[str, bool, bool, str | None]


def block_style(block: Block, numbered: Sequence[str], bullets: Sequence[str], level: int) -> str:
    if block.kind == "bullet":
        return bullets[min(block.level, 3) - 1]
    return numbered[min(level, 3) - 1]


def plain_paras(blocks: Sequence[Block], styles: tuple[Sequence[str], Sequence[str]], level: int) -> list[Para]:
    return [Para(block_style(b, *styles, level), _runs(b.spans)) for b in blocks]


def tracked_paras(
    old: Sequence[Block], new: Sequence[Block], styles: tuple[Sequence[str], Sequence[str]], level: int
) -> list[Para]:
    """Paragraphs whose accepted text is `new` and whose rejected text is `old`."""
    paras: list[Para] = []
    keys_old = [(b.kind, b.level, b.text) for b in old]
    keys_new = [(b.kind, b.level, b.text) for b in new]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keys_old, keys_new, autojunk=False).get_opcodes():
        if tag == "equal":
            paras.extend(Para(block_style(b, *styles, level), _runs(b.spans)) for b in new[j1:j2])
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        while olds and news and (olds[0].kind, olds[0].level) == (news[0].kind, news[0].level):
            a, b = olds.pop(0), news.pop(0)
            paras.append(Para(block_style(b, *styles, level), _diff_runs(a.spans, b.spans)))
        paras.extend(_whole(b, "del", styles, level) for b in olds)
        paras.extend(_whole(b, "ins", styles, level) for b in news)
    return paras


def _whole(block: Block, change: Change, styles: tuple[Sequence[str], Sequence[str]], level: int) -> Para:
    return Para(block_style(block, *styles, level), _runs(block.spans, change), mark=change)


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
