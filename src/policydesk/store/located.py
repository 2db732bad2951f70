"""Plain data with the line and column of every value, built from libyaml's C parser.

The round-trip parser (ruamel) also locates every value but is several times slower; checking a
file needs only locations, so this reader serves checking and the round-trip one serves editing.
Files in the parts of YAML the two parsers read differently (fast_refused) and files with syntax
errors go to the round-trip parser, so both always give the same verdict.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import yaml as libyaml

from policydesk.model.problems import InputError, Problem
from policydesk.store.yaml_io import MAX_DEPTH, InvalidDate, fast_loader, fast_refused, parse, too_deep

Where = tuple[int, int]


class Lines:
    """Where a mapping or list and its parts start (0-based), with the method names ruamel's `.lc` uses."""

    __slots__ = ("col", "line", "_keys", "_values")

    def __init__(self, mark: Any):
        self.line, self.col = mark.line, mark.column
        self._keys: dict[Any, Where] = {}
        self._values: dict[Any, Where] = {}

    def key(self, key: Any) -> Where:
        return self._keys[key]

    def value(self, key: Any) -> Where:
        return self._values[key]

    def item(self, index: int) -> Where:
        return self._values[index]


class LocatedMap(dict):
    """A dict that knows where each key and value is written."""

    __slots__ = ("lc",)


class LocatedSeq(list):
    """A list that knows where each item is written."""

    __slots__ = ("lc",)


class _Unsupported(Exception):
    """Something this reader leaves to the round-trip parser."""


_TIMESTAMPS = libyaml.SafeLoader("")


def parse_located(text: str, shown: str) -> Any:
    """LocatedMap / LocatedSeq / scalars for reading and checking a file: from libyaml when it can read the
    file as the round-trip parser would, otherwise from the round-trip parser (whose maps also carry `.lc`)."""
    if not fast_refused(text):
        try:
            node = libyaml.compose(text, Loader=fast_loader())
            return None if node is None else _build(node, shown, 1)
        except (libyaml.YAMLError, _Unsupported, RecursionError, ValueError):
            pass
    return parse(text, shown)


def _build(node: Any, shown: str, depth: int) -> Any:
    if isinstance(node, libyaml.ScalarNode):
        return _scalar(node)
    if depth > MAX_DEPTH:
        raise too_deep(shown, node.start_mark.line + 1)
    if isinstance(node, libyaml.SequenceNode):
        items = LocatedSeq()
        items.lc = Lines(node.start_mark)
        for index, child in enumerate(node.value):
            items.lc._values[index] = (child.start_mark.line, child.start_mark.column)
            items.append(_build(child, shown, depth + 1))
        return items
    if isinstance(node, libyaml.MappingNode):
        mapping = LocatedMap()
        mapping.lc = Lines(node.start_mark)
        for key_node, value_node in node.value:
            if not isinstance(key_node, libyaml.ScalarNode):
                raise _Unsupported
            key = _scalar(key_node)
            if key in mapping:
                first = node.start_mark.line + 1
                raise InputError(
                    Problem(
                        shown,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        f"duplicate key '{key}' in one mapping (the mapping starts on line {first})",
                        "keep one of the two entries",
                    )
                )
            mapping.lc._keys[key] = (key_node.start_mark.line, key_node.start_mark.column)
            mapping.lc._values[key] = (value_node.start_mark.line, value_node.start_mark.column)
            mapping[key] = _build(value_node, shown, depth + 1)
        return mapping
    raise _Unsupported


def _scalar(node: Any) -> Any:
    if node.tag.endswith(":str"):
        return node.value
    if node.tag.endswith(":null"):
        return None
    if node.tag.endswith(":timestamp"):
        try:
            value = _TIMESTAMPS.construct_yaml_timestamp(node)
        except ValueError:
            return InvalidDate(node.value, node.start_mark.line + 1, node.start_mark.column + 1)
        return value if isinstance(value, (date, datetime)) else node.value
    raise _Unsupported
