"""Reading and writing the review parts of a response file: proposals and review notes, located for errors."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, PlainScalarString

from policydesk.model.review import Proposal, Reply, Review, ReviewNote
from policydesk.store.fields import FieldReader

PROPOSAL_FIELDS = ("by", "on", "text", "delete", "insert", "untracked", "conflict", "moved", "field")
NOTE_FIELDS = ("by", "on", "text", "anchor", "resolved", "replies", "place")
REPLY_FIELDS = ("by", "on", "text")
REVIEW_FIELDS = ("proposals", "notes")


def _stamp(reader: FieldReader, node: CommentedMap, what: str) -> str:
    """`on:` as written: a word processor's timestamp kept as text (YAML may have read it as a date)."""
    value = node.get("on")
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return reader.text(node, "on", what, required=False, empty_ok=True) or ""


def _items(reader: FieldReader, node: CommentedMap, key: str, what: str) -> list[tuple[CommentedMap, str]]:
    items = reader.seq(node, key, what, required=False) or []
    found = []
    for i, item in enumerate(items):
        label = f"{key} item {i + 1} of {what}"
        if not isinstance(item, CommentedMap):
            reader.report(reader.at(items, i), f"{label} must be a mapping", "write 'by:', 'on:' and 'text:' under it")
            continue
        found.append((item, label))
    return found


def read_proposals(reader: FieldReader, node: CommentedMap, what: str) -> tuple[Proposal, ...]:
    proposals = []
    for item, label in _items(reader, node, "proposals", what):
        reader.unknown_keys(item, PROPOSAL_FIELDS, label)
        by = reader.text(item, "by", label) or ""
        kinds = [k for k in ("delete", "insert") if reader.flag(item, k, label)]
        text = reader.text(item, "text", label, required=not kinds, empty_ok=True) or ""
        if len(kinds) > 1:
            reader.report(reader.at(item), f"{label} both deletes and inserts", "keep one of 'delete:' and 'insert:'")
        proposals.append(
            Proposal(
                by.strip(),
                _stamp(reader, item, label),
                kinds[0] if kinds else "edit",  # type: ignore[arg-type]
                text.strip(),
                untracked=reader.flag(item, "untracked", label),
                conflict=reader.flag(item, "conflict", label),
                moved=reader.flag(item, "moved", label),
                field=(reader.text(item, "field", label, required=False) or "").strip(),
            )
        )
    return tuple(proposals)


def read_notes(reader: FieldReader, node: CommentedMap, what: str) -> tuple[ReviewNote, ...]:
    notes = []
    for item, label in _items(reader, node, "notes", what):
        reader.unknown_keys(item, NOTE_FIELDS, label)
        replies = []
        for reply, reply_label in _items(reader, item, "replies", label):
            reader.unknown_keys(reply, REPLY_FIELDS, reply_label)
            replies.append(
                Reply(
                    (reader.text(reply, "by", reply_label) or "").strip(),
                    _stamp(reader, reply, reply_label),
                    (reader.text(reply, "text", reply_label, empty_ok=True) or "").strip(),
                )
            )
        notes.append(
            ReviewNote(
                (reader.text(item, "by", label) or "").strip(),
                _stamp(reader, item, label),
                (reader.text(item, "text", label, empty_ok=True) or "").strip(),
                (reader.text(item, "anchor", label, required=False, empty_ok=True) or "").strip(),
                reader.flag(item, "resolved", label),
                tuple(replies),
                (reader.text(item, "place", label, required=False) or "").strip(),
            )
        )
    return tuple(notes)


def read_review(reader: FieldReader, data: CommentedMap) -> Review:
    node = reader.mapping(data, "review", "the response", required=False)
    if node is None:
        return Review()
    reader.unknown_keys(node, REVIEW_FIELDS, "review")
    return Review(read_proposals(reader, node, "review"), read_notes(reader, node, "review"))


def _text(text: str) -> str:
    text = text.strip()
    return LiteralScalarString(text + "\n") if "\n" in text or len(text) > 80 else text


def _flag(value: bool) -> str:
    """true or false, written plain as policydesk files have them (they are read as text)."""
    return PlainScalarString("true" if value else "false")


def _when(on: str) -> str:
    return DoubleQuotedScalarString(on)


def proposals_yaml(proposals: tuple[Proposal, ...]) -> CommentedSeq:
    seq = CommentedSeq()
    for p in proposals:
        node = CommentedMap(by=p.by, on=_when(p.on))
        if p.field:
            node["field"] = p.field
        if p.kind == "edit":
            node["text"] = _text(p.text)
        else:
            node[p.kind] = _flag(True)
            if p.text:
                node["text"] = _text(p.text)
        for flag in ("untracked", "conflict", "moved"):
            if getattr(p, flag):
                node[flag] = _flag(True)
        seq.append(node)
    return seq


def notes_yaml(notes: tuple[ReviewNote, ...]) -> CommentedSeq:
    seq = CommentedSeq()
    for n in notes:
        node = CommentedMap(by=n.by, on=_when(n.on), text=_text(n.text))
        if n.anchor:
            node["anchor"] = _text(n.anchor)
        if n.place:
            node["place"] = n.place
        node["resolved"] = _flag(n.resolved)
        if n.replies:
            node["replies"] = CommentedSeq(CommentedMap(by=r.by, on=_when(r.on), text=_text(r.text)) for r in n.replies)
        seq.append(node)
    return seq


def add_review_yaml(node: CommentedMap, proposals: tuple[Proposal, ...], notes: tuple[ReviewNote, ...]) -> None:
    """Add `proposals:` and `notes:` to a paragraph or section node, only when there are any."""
    if proposals:
        node["proposals"] = proposals_yaml(proposals)
    if notes:
        node["notes"] = notes_yaml(notes)


def review_yaml(review: Review) -> Any:
    node = CommentedMap()
    add_review_yaml(node, review.proposals, review.notes)
    return node
