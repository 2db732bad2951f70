"""A reader for the plain shape of YAML that position files are written in, about three times quicker than libyaml.

It reads block mappings and sequences, one-line flow lists and mappings, one-line plain and quoted scalars and
literal block scalars, resolving only dates and nulls as the libyaml loader in yaml_io does. On anything else it
gives up and returns UNSURE, so the caller reads the file with libyaml instead; whatever it does return is what
that loader returns for the same text (tests compare the two on generated and real files).
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

UNSURE: Any = object()
"""What read_plain returns for text outside the shape it reads exactly."""

KEY = re.compile(r"(?!(?:null|Null|NULL):)([A-Za-z][A-Za-z0-9_-]{0,99}):(?: (.*))?$")
"""A mapping key and what follows it. A key that YAML would read as a date or a null never matches, nor does a
long one (libyaml refuses keys over 1,024 characters)."""
MAX_NESTING = 16
"""Collections nested deeper than this go to libyaml, whose own recursion decides what becomes of them."""
NULLS = frozenset({"null", "Null", "NULL", "~"})
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}$")
TIMESTAMPISH = re.compile(r"[0-9]{4}-")
"""A plain scalar starting like a timestamp: only a bare day is read here, anything longer goes to libyaml."""
DOUBLE_QUOTED = re.compile(r'"(?:[^"\\]++|\\["\\nt]|\\u(?![dD][89a-fA-F])[0-9a-fA-F]{4})*+"$')
"""A double-quoted scalar using only the escapes JSON and YAML read alike (no surrogate halves). The quantifiers
are possessive: a quote followed by more text must fail at once, not after trying every split of the runs."""
PLAIN_WORDS = re.compile(r"[A-MO-Za-mo-z][^:#]*$")
"""A plain scalar that can only be text: no indicator, digit, null or colon or hash that could end it."""
PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
FLOW_STOPS = re.compile(r"[,\[\]{}:]| #")
BLOCK_STOPS = re.compile(r": | #|:$")
REFUSED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
"""Carriage returns, tabs, other line breaks, byte-order marks and characters YAML does not print: libyaml
decides what those mean. (Listed, not negated: a negated class over all of Unicode takes milliseconds to compile.)"""


class _Unsure(Exception):
    """The text leaves the shape this reader reads exactly."""


def read_plain(text: str) -> Any:
    """The data in `text`, or UNSURE when it is not in the plain shape (the caller then asks libyaml)."""
    if REFUSED.search(text):
        return UNSURE
    try:
        return _Reader(text).document()
    except (_Unsure, ValueError):
        return UNSURE


class _Reader:
    """One pass over the lines; `at` is the next line to read, `depth` how many collections it is inside."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.at = 0
        self.depth = 0

    def document(self) -> dict[str, Any]:
        start = self._next_content()
        if start is None or _indent(self.lines[start]) != 0:
            raise _Unsure
        data = self._mapping(0)
        if self._next_content() is not None:
            raise _Unsure
        return data

    def _next_content(self) -> int | None:
        """The index of the next line that is neither blank nor a comment, moving past those."""
        lines, at = self.lines, self.at
        while at < len(lines):
            stripped = lines[at].lstrip(" ")
            if stripped and not stripped.startswith("#"):
                self.at = at
                return at
            at += 1
        self.at = at
        return None

    def _mapping(self, indent: int) -> dict[str, Any]:
        self._deeper()
        data: dict[str, Any] = {}
        while (at := self._next_content()) is not None:
            line = self.lines[at]
            here = _indent(line)
            if here < indent:
                break
            match = KEY.match(line, here)
            if here > indent or match is None or match[1] in data:
                raise _Unsure
            self.at = at + 1
            rest = (match[2] or "").strip(" ")
            data[match[1]] = rest if PLAIN_WORDS.match(rest) else self._value(rest, indent)
        self.depth -= 1
        return data

    def _sequence(self, indent: int) -> list[Any]:
        self._deeper()
        items: list[Any] = []
        while (at := self._next_content()) is not None:
            line = self.lines[at]
            here = _indent(line)
            if here != indent or not line.startswith("- ", here):
                if here > indent:
                    raise _Unsure
                break
            rest = line[here + 2 :].rstrip(" ")
            if not rest or rest.startswith(" "):
                raise _Unsure
            if KEY.match(rest):  # "- key: value" begins a mapping: read its line as that mapping's first
                self.lines[at] = " " * (here + 2) + rest
                items.append(self._mapping(here + 2))
            else:
                self.at = at + 1
                items.append(_inline(rest))
        self.depth -= 1
        return items

    def _deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _Unsure

    def _value(self, rest: str, indent: int) -> Any:
        if rest.startswith("|"):
            return self._literal(rest, indent)
        if rest:
            return _inline(rest)
        at = self._next_content()
        if at is not None:
            line = self.lines[at]
            here = _indent(line)
            if line.startswith("- ", here) and here >= indent:
                return self._sequence(here)
            if here > indent:
                return self._mapping(here)
        return None

    def _literal(self, header: str, indent: int) -> str:
        """A `|` or `|-` block scalar whose first line is not blank."""
        if header not in ("|", "|-"):
            raise _Unsure
        lines, first = self.lines, self.at
        if first >= len(lines) or not lines[first].strip(" "):
            raise _Unsure
        body_indent = _indent(lines[first])
        if body_indent <= indent:
            raise _Unsure
        body: list[str] = []
        last = first
        at = first
        while at < len(lines):
            line = lines[at]
            if not line.strip(" "):
                if len(line) > body_indent:
                    raise _Unsure
                body.append("")
            elif _indent(line) < body_indent:
                break
            else:
                body.append(line[body_indent:])
                last = at
            at += 1
        self.at = at
        text = "\n".join(body[: last - first + 1])
        if header == "|" and last < len(lines) - 1:
            text += "\n"
        return text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _inline(rest: str) -> Any:
    """A value written on the line of its key or dash: a flow list, a flow mapping or a scalar."""
    if rest.startswith("["):
        if not rest.endswith("]"):
            raise _Unsure
        return [_scalar(item, flow=True) for item in _flow_items(rest[1:-1])]
    if rest.startswith("{"):
        if not rest.endswith("}"):
            raise _Unsure
        data: dict[str, Any] = {}
        for item in _flow_items(rest[1:-1]):
            match = KEY.match(item)
            if match is None or not match[2] or match[1] in data:
                raise _Unsure
            data[match[1]] = _scalar(match[2].strip(" "), flow=True)
        return data
    return _scalar(rest, flow=False)


def _flow_items(inner: str) -> list[str]:
    """The comma-separated items of a one-line flow collection; a quote opens a scalar only at an item's or a
    value's start (elsewhere it is a letter of a plain scalar). Nesting is left to libyaml."""
    if not inner.strip(" "):
        return []
    items, at, end = [], 0, len(inner)
    while True:
        while at < end and inner[at] == " ":
            at += 1
        start = at
        while at < end and inner[at] != ",":
            if inner[at] in "\"'" and (at == start or inner.startswith(": ", at - 2)):
                at = _after_quote(inner, at)
            else:
                at += 1
        item = inner[start:at].rstrip(" ")
        if not item:
            raise _Unsure
        items.append(item)
        while at < end and inner[at] == " ":
            at += 1
        if at == end:
            return items
        if inner[at] != ",":
            raise _Unsure
        at += 1


def _after_quote(text: str, start: int) -> int:
    """The index just past the quoted scalar that opens at `start`."""
    quote, at, end = text[start], start + 1, len(text)
    while at < end:
        char = text[at]
        if quote == '"' and char == "\\":
            at += 2
        elif char == quote:
            if quote == "'" and text.startswith("''", at):
                at += 2
            else:
                return at + 1
        else:
            at += 1
    raise _Unsure


def _scalar(token: str, flow: bool) -> Any:
    first = token[0]
    if first == '"':
        if not DOUBLE_QUOTED.match(token):
            raise _Unsure
        return json.loads(token) if "\\" in token else token[1:-1]
    if first == "'":
        if len(token) < 2 or _after_quote(token, 0) != len(token):
            raise _Unsure
        return token[1:-1].replace("''", "'")
    if first in PLAIN_START or (FLOW_STOPS if flow else BLOCK_STOPS).search(token):
        raise _Unsure
    if token in NULLS:
        return None
    if TIMESTAMPISH.match(token):
        if not DAY.match(token):
            raise _Unsure
        return date(int(token[:4]), int(token[5:7]), int(token[8:10]))
    return token
