"""What a second render adds for review: anchors on every paragraph, pending proposals as tracked changes by
their reviewers, and open review notes as Word comments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from policydesk.diff import align, diff_words, is_word, tokenize
from policydesk.merge import merged_text
from policydesk.model.response import Paragraph
from policydesk.model.review import Proposal, ReviewNote
from policydesk.render import anchors
from policydesk.render import document as d
from policydesk.render.markdown import Block, Span, parse_markdown
from policydesk.render.tracked import block_style, plain_paras, tracked_paras

Token = tuple[str, bool, bool, str | None]
Layer = tuple[str, str] | None  # (author, when) of a change, None for the page's own author


def comments_for(notes: Iterable[ReviewNote]) -> tuple[d.Comment, ...]:
    """Open review notes as Word comments; resolved ones stay in the response file only."""
    return tuple(
        d.Comment(n.by, n.on, n.text, tuple((r.by, r.on, r.text) for r in n.replies), n.resolved)
        for n in notes
        if not n.resolved
    )


def placed_comments(notes: Iterable[ReviewNote], place: str) -> tuple[d.Comment, ...]:
    """Open notes kept on the response as a whole that were made on `place` (such as "key message 2")."""
    return comments_for(n for n in notes if n.place == place)


def conflicts_for(proposals: Iterable[Proposal]) -> tuple[d.Comment, ...]:
    """A reviewer's wording that meets a different change by the officer, shown beside the paragraph."""
    return tuple(
        d.Comment(p.by, p.on, f"Proposed wording (the paragraph was changed since it was sent): {p.text}")
        for p in proposals
        if p.conflict
    )


def anchored(blocks: Iterable, section: int, paragraph: int, notes: tuple[d.Comment, ...] = ()) -> list:
    """Name every Word paragraph (or table) of one response paragraph; notes go on its first Word paragraph."""
    out = []
    number = 0
    for item in blocks:
        if isinstance(item, d.Quote):
            inner = []
            for part in item.paras:
                number += 1
                inner.append(_named(part, anchors.block(section, paragraph, number)))
            out.append(replace(item, paras=tuple(inner)))
        else:
            number += 1
            out.append(_named(item, anchors.block(section, paragraph, number)))
    if notes:
        out = _with_comments(out, notes)
    return out


def _named(item, name: str):
    return replace(item, anchor=name)


def _with_comments(items: list, notes: tuple[d.Comment, ...]) -> list:
    for i, item in enumerate(items):
        if isinstance(item, d.Para):
            items[i] = replace(item, comments=item.comments + notes)
            return items
        if isinstance(item, d.Quote):
            for j, part in enumerate(item.paras):
                if isinstance(part, d.Para):
                    paras = list(item.paras)
                    paras[j] = replace(part, comments=part.comments + notes)
                    items[i] = replace(item, paras=tuple(paras))
                    return items
    return items


def edits(paragraph: Paragraph) -> list[Proposal]:
    return [p for p in paragraph.proposals if p.kind == "edit" and not p.conflict]


def proposed_text(draft: str, proposals: Sequence[Proposal]) -> str:
    """The draft with every pending edit applied, where they do not overlap (later overlapping ones are left out)."""
    text = draft
    for proposal in proposals:
        combined = merged_text(draft, text, proposal.text)
        if combined is not None:
            text = combined
    return text


def _credit(proposals: Sequence[Proposal], draft: str):
    """Who made a change: the first proposal whose own edit inserted (or deleted) that text."""
    chunks = [(p, diff_words(draft, p.text)) for p in proposals]

    def credit(text: str, op: str) -> Layer:
        wanted = text.strip()
        for proposal, found in chunks:
            if any(c.op == op and wanted and wanted in c.text for c in found):
                return proposal.by, proposal.on
        return (proposals[0].by, proposals[0].on) if proposals else None

    return credit


def proposal_paras(
    agreed: Sequence[Block] | None, draft_text: str, paragraph: Paragraph, level: int
) -> list[d.Para | d.Table]:
    """Paragraphs whose tracked changes take the agreed text (if quoted) to the draft, credited to the officer,
    and the draft to the reviewers' proposals, credited to each reviewer."""
    pending = edits(paragraph)
    draft = parse_markdown(draft_text)
    target = parse_markdown(proposed_text(draft_text, pending))
    credit = _credit(pending, draft_text)
    base = list(agreed) if agreed is not None else list(draft)
    if _same_shape(base, draft) and _same_shape(draft, target):
        out: list[d.Para | d.Table] = []
        for a, b, c in zip(base, draft, target, strict=True):
            if b.kind == "table":
                out.extend(tracked_paras([b], [c], level))
                continue
            out.append(d.Para(block_style(b, level), _layered(a.spans, b.spans, c.spans, credit)))
        return out
    return [_credited(p, credit) for p in tracked_paras(draft, target, level)]


def _same_shape(a: Sequence[Block], b: Sequence[Block]) -> bool:
    return [(x.kind, x.level) for x in a] == [(y.kind, y.level) for y in b] and all(
        x.kind != "table" or [len(r) for r in x.rows] == [len(r) for r in y.rows] for x, y in zip(a, b, strict=True)
    )


def _credited(item, credit):
    if isinstance(item, d.Table):
        return item
    runs = tuple(_credit_run(r, credit) for r in item.runs)
    author = credit(item.text, "insert" if item.mark == "ins" else "delete") if item.mark else None
    return replace(item, runs=runs, mark_author=author[0] if author else "", mark_when=author[1] if author else "")


def _credit_run(run: d.Run, credit) -> d.Run:
    if not run.change:
        return run
    who = credit(run.text, "insert" if run.change == "ins" else "delete")
    return replace(run, author=who[0], when=who[1]) if who else run


def _tokens(spans: Sequence[Span]) -> list[Token]:
    return [(t, s.bold, s.italic, s.href) for s in spans for t in tokenize(s.text)]


def _layered(agreed: Sequence[Span], draft: Sequence[Span], target: Sequence[Span], credit) -> tuple[d.Run, ...]:
    """Runs over three texts: the officer's change (agreed to draft) under the reviewers' (draft to target)."""
    a, b, c = _tokens(agreed), _tokens(draft), _tokens(target)
    officer = {}  # draft token index -> True when the officer inserted it
    removed: list[tuple[int, list[Token]]] = []  # agreed tokens deleted by the officer, before draft index
    for blk in align(a, b, lambda t: is_word(t[0])):
        if blk.changed:
            if blk.a1 > blk.a0:
                removed.append((blk.b0, a[blk.a0 : blk.a1]))
            for j in range(blk.b0, blk.b1):
                officer[j] = True
    before: dict[int, list[tuple[str, Token]]] = {}
    for at, tokens in removed:
        before.setdefault(at, []).extend(("officer-del", t) for t in tokens)
    runs: list[d.Run] = []

    def emit(token: Token, change: d.Change, who: Layer, under: bool = False) -> None:
        text, bold, italic, href = token
        author, when = who if who else ("", "")
        kind = "insdel" if under else change
        run = d.Run(text, bold, italic, href, kind, author, when)  # type: ignore[arg-type]
        last = runs[-1] if runs else None
        if last and (last.bold, last.italic, last.href, last.change, last.author) == (bold, italic, href, kind, author):
            runs[-1] = replace(last, text=last.text + text)
        else:
            runs.append(run)

    def flush(index: int) -> None:
        for _, token in before.pop(index, []):
            emit(token, "del", None)

    for blk in align(b, c, lambda t: is_word(t[0])):
        for j in range(blk.a0, blk.a1):
            flush(j)
            if not blk.changed:
                emit(b[j], "ins" if officer.get(j) else None, None)
            else:
                who = credit("".join(t[0] for t in b[blk.a0 : blk.a1]), "delete")
                emit(b[j], "del", who, under=bool(officer.get(j)))
        if blk.changed and blk.b1 > blk.b0:
            who = credit("".join(t[0] for t in c[blk.b0 : blk.b1]), "insert")
            for token in c[blk.b0 : blk.b1]:
                emit(token, "ins", who)
    flush(len(b))
    return tuple(runs)


def whole(blocks: Sequence[Block], change: d.Change, proposal: Proposal, level: int) -> list[d.Para | d.Table]:
    """A paragraph a reviewer proposes to insert or delete, marked as theirs."""
    out: list[d.Para | d.Table] = []
    for item in plain_paras(blocks, level):
        if isinstance(item, d.Table):
            out.append(replace(item, change=change))
            continue
        runs = tuple(replace(r, change=change, author=proposal.by, when=proposal.on) for r in item.runs)
        out.append(replace(item, runs=runs, mark=change, mark_author=proposal.by, mark_when=proposal.on))
    return out
