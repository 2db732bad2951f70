"""Round-trip edits of YAML files: change one thing, keep every other byte."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from policydesk.model.position import Version
from policydesk.model.problems import InputError
from policydesk.store.atomic import Stamp, write_atomic
from policydesk.store.yaml_io import as_text, decode, display_path, dump, encode_like, parse, read_bytes


def open_for_edit(path: Path) -> tuple[Any, Stamp]:
    """The file's round-trip document and the stamp that guards saving it back."""
    raw = read_bytes(path)
    return parse(decode(raw, display_path(path)), display_path(path)), Stamp.of_bytes(raw)


def save_edit(path: Path, data: Any, stamp: Stamp) -> Stamp:
    """Write an edited document back atomically, refusing if the file changed since it was opened.

    The file keeps its own line endings and byte-order mark.
    """
    return write_atomic(path, encode_like(dump(data), _current(path)), expected=stamp)


def _current(path: Path) -> bytes:
    try:
        return read_bytes(path)
    except InputError:
        return b""


def version_node(version: Version) -> CommentedMap:
    """A version as a YAML mapping in the knowledge base's usual layout."""
    node = CommentedMap()
    node["date"] = version.date if version.precision == "day" else version.date_text
    if version.approximate:
        node["approximate"] = "true"
    node["agreed_by"] = version.agreed_by
    node["status"] = version.status
    node["stance"] = version.stance
    source = CommentedMap(document=as_text(version.source.document))
    for key in ("paragraph", "seed", "link"):
        if getattr(version.source, key):
            source[key] = as_text(getattr(version.source, key))
    source.fa.set_flow_style()
    node["source"] = source
    if version.note:
        node["note"] = version.note
    node["text"] = LiteralScalarString(version.text.strip() + "\n")
    return node


def new_position_bytes(
    pid: str, title: str, pillar: str, framework: str | None, topics: tuple[str, ...], owner: str, version: Version
) -> bytes:
    """A new position file holding one version, in the knowledge base's usual layout (tier A: it is agreed)."""
    data = CommentedMap(id=pid, title=title)
    if framework:
        data["framework"] = framework
    data["pillar"] = pillar
    if topics:
        listed = CommentedSeq(topics)
        listed.fa.set_flow_style()
        data["topics"] = listed
    data["tier"] = "A"
    if owner:
        data["owner"] = owner
    data["versions"] = CommentedSeq([version_node(version)])
    return dump(data).encode("utf-8")


def with_version(raw: bytes, path: Path, version: Version, tier: str | None = None) -> bytes:
    """The file's new bytes with `version` placed in date order (and the tier set, when given).

    Nothing is written: adopt builds every file first and writes them together.
    """
    shown = display_path(path)
    data = parse(decode(raw, shown), shown)
    versions = data["versions"]
    at = next((i for i, node in enumerate(versions) if _sort_date(node) > version.date), len(versions))
    versions.insert(at, version_node(version))
    if tier is not None and "tier" in data:
        data["tier"] = tier
    return encode_like(dump(data), raw)


def _sort_date(node: Any) -> date:
    value = node.get("date") if isinstance(node, dict) else None
    if isinstance(value, date):
        return value
    text = str(value or "")
    try:
        return date(int(text[:4]), int(text[5:7] or 1), 1)
    except ValueError:
        return date.max


def append_version(path: Path, version: Version, stamp: Stamp | None = None) -> Stamp:
    """Add `version` to the position stored at `path`, in date order."""
    raw = read_bytes(path)
    return write_atomic(path, with_version(raw, path, version), expected=stamp or Stamp.of_bytes(raw))
