"""`policydesk review RESPONSE RETURNED.docx`: what a reviewer changed and said, and --apply to take it in."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from policydesk.cli.output import Output
from policydesk.cli.response_commands import load_error_free
from policydesk.diff import Chunk
from policydesk.review.apply import apply_review, draft_text
from policydesk.review.items import Item, ReviewResult
from policydesk.review.returned import review_returned
from policydesk.store.knowledge_base import KnowledgeBase, require
from policydesk.store.response_file import write_response
from policydesk.store.yaml_io import display_path

DESCRIBED = {
    "change": "tracked change",
    "move": "moved text",
    "format": "formatting change",
    "accepted": "our change accepted",
    "rejected": "our change rejected",
    "untracked": "edited with Track Changes off",
    "comment": "comment",
    "deleted": "paragraph deleted",
    "inserted": "paragraph inserted",
    "moved": "paragraph moved",
    "question deleted": "whole question deleted",
}


def cmd_review(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = require(kb)
    loaded = load_error_free(args.response, library)
    assert loaded.response is not None
    result = review_returned(args.response, args.returned, args.sent)
    applied = None
    if args.apply:
        assert result.sent is not None
        applied = apply_review(
            loaded.response, result.sent, result, draft_text(library), confirm_deletions=args.confirm_deletions
        )
        write_response(args.response, applied.response, loaded.stamp)
    if args.json:
        data = result_data(result)
        if applied is not None:
            data["applied"] = {"conflicts": applied.conflicts, "messages": applied.messages}
        out.json(data)
        return 0
    show(result, out)
    if applied is not None:
        for conflict in applied.conflicts:
            out.line(f"conflict: {conflict}", style="bold red")
        for message in applied.messages:
            out.line(message)
        if result.deleted_questions and not args.confirm_deletions:
            out.line("To remove the questions the reviewer deleted, apply again with --confirm-deletions.")
        out.line(f"Updated {display_path(args.response)}.")
    elif result.items:
        out.line(f"Run again with --apply to take this review into {display_path(args.response)}.")
    return 0


def show(result: ReviewResult, out: Output) -> None:
    out.line(f"{result.returned}: reviewed by {result.reviewer}, compared with what was sent ({result.sent_id})")
    if not result.items:
        out.line("No changes and no comments.")
    current = None
    for item in result.placed:
        if item.place.label != current:
            current = item.place.label
            out.line("")
            out.line(current, style="bold")
        _item(item, out)
    if result.not_placed:
        out.line("")
        out.line("Not placed", style="bold")
        for item in result.not_placed:
            out.line(f"  ({item.place.label})")
            _item(item, out)
    if result.unread:
        out.line("")
        out.line("Not read: " + ", ".join(f"{what} ({n})" for what, n in sorted(result.unread.items())))


def _item(item: Item, out: Output) -> None:
    who = ", ".join(x for x in (item.author, item.date) if x)
    head = f"  [{item.id}] {DESCRIBED.get(item.kind, item.kind)}" + (f" ({who})" if who else "")
    if item.kind == "moved" and item.target is not None:
        head += f" to {item.target.label}"
    out.line(head)
    if item.kind == "comment":
        status = "resolved" if item.resolved else "open"
        if item.anchor:
            out.line(f"      on \u201c{item.anchor}\u201d ({status})")
        else:
            out.line(f"      ({status})")
        out.line(f"      {item.text}")
        for reply in item.replies:
            out.line(f"      reply from {reply.by}{', ' + reply.on if reply.on else ''}: {reply.text}")
    elif item.chunks:
        out.diff(_shown(item.chunks), indent="      ")
    elif item.text:
        out.line(f"      {' '.join(item.text.split())}")


def _shown(chunks: tuple[Chunk, ...], context: int = 6) -> list[Chunk]:
    """The diff with long unchanged stretches cut to a few words either side of each change."""
    shown = []
    for i, chunk in enumerate(chunks):
        words = chunk.text.split(" ")
        if chunk.op != "equal" or len(words) <= 2 * context + 1:
            shown.append(chunk)
            continue
        head = " ".join(words[:context]) if i > 0 else ""
        tail = " ".join(words[-context:]) if i < len(chunks) - 1 else ""
        shown.append(Chunk("equal", f"{head} … {tail}".strip() if head or tail else chunk.text))
    return shown


def result_data(result: ReviewResult) -> dict[str, Any]:
    return {
        "returned": result.returned,
        "sent": result.sent_id,
        "reviewer": result.reviewer,
        "items": [item_data(i) for i in result.placed],
        "not_placed": [item_data(i) for i in result.not_placed],
        "not_read": result.unread,
        "deleted_questions": result.deleted_questions,
    }


def item_data(item: Item) -> dict[str, Any]:
    data = {
        "id": item.id,
        "kind": item.kind,
        "place": asdict(item.place),
        "author": item.author,
        "date": item.date,
        "text": item.text,
    }
    if item.chunks:
        data["diff"] = [{"op": c.op, "text": c.text} for c in item.chunks]
    if item.kind == "comment":
        data |= {"anchor": item.anchor, "resolved": item.resolved, "replies": [asdict(r) for r in item.replies]}
    if item.target is not None:
        data["to"] = asdict(item.target)
    return data
