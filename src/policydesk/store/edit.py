"""Round-trip edits of YAML files: change one thing, keep every other byte."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import LiteralScalarString

from policydesk.model.position import Version
from policydesk.store.atomic import Stamp, write_atomic
from policydesk.store.yaml_io import decode, display_path, dump, parse, read_bytes


def open_for_edit(path: Path) -> tuple[Any, Stamp]:
    """The file's round-trip document and the stamp that guards saving it back."""
    raw = read_bytes(path)
    return parse(decode(raw, display_path(path)), display_path(path)), Stamp.of_bytes(raw)


def save_edit(path: Path, data: Any, stamp: Stamp) -> Stamp:
    """Write an edited document back atomically, refusing if the file changed since it was opened."""
    return write_atomic(path, dump(data).encode("utf-8"), expected=stamp)


def version_node(version: Version) -> CommentedMap:
    """A version as a YAML mapping in the knowledge base's usual layout."""
    node = CommentedMap()
    node["date"] = version.date
    node["agreed_by"] = version.agreed_by
    node["status"] = version.status
    node["stance"] = version.stance
    source = CommentedMap(document=version.source.document)
    for key in ("paragraph", "seed", "link"):
        if getattr(version.source, key):
            source[key] = getattr(version.source, key)
    source.fa.set_flow_style()
    node["source"] = source
    if version.note:
        node["note"] = version.note
    node["text"] = LiteralScalarString(version.text.strip() + "\n")
    return node


def append_version(path: Path, version: Version, stamp: Stamp | None = None) -> Stamp:
    """Add `version` as the newest version of the position stored at `path`."""
    data, current = open_for_edit(path)
    data["versions"].append(version_node(version))
    return save_edit(path, data, stamp or current)
