"""The one configured ruamel.yaml instance: safe round-trip loading and byte-stable dumping."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError

from policydesk.model.problems import InputError, Problem


@dataclass(frozen=True)
class InvalidDate:
    """A scalar that looks like a date but names no real day, such as 2023-02-30."""

    text: str
    line: int
    column: int


def _construct_timestamp(constructor: RoundTripConstructor, node: Any) -> Any:
    try:
        return RoundTripConstructor.construct_yaml_timestamp(constructor, node)
    except ValueError:
        mark = node.start_mark
        return InvalidDate(str(node.value), mark.line + 1, mark.column + 1)


def make_yaml() -> YAML:
    """A round-trip YAML that keeps comments, key order, quotes and block scalars."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    return yaml


class _FastLoader(getattr(libyaml, "CSafeLoader", libyaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser, resolving only dates and nulls (everything else stays the text written)."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag.endswith((":timestamp", ":null"))]
        for first, resolvers in libyaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _unique_mapping(loader: Any, node: Any) -> dict[Any, Any]:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise ValueError(f"duplicate key {key!r}")
        seen.add(key)
    return libyaml.SafeLoader.construct_mapping(loader, node, deep=True)


_FastLoader.add_constructor("tag:yaml.org,2002:map", _unique_mapping)


def fast_parse(text: str) -> Any:
    """Plain data from YAML text, quickly; raises on anything unusual, so the caller falls back to parse()."""
    return libyaml.load(text, Loader=_FastLoader)


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def decode(raw: bytes, shown: str) -> str:
    """Decode UTF-8 bytes, or raise an InputError naming the line and column of the bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise InputError(
            Problem(
                shown,
                line,
                column,
                f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x})",
                "save it as UTF-8 in your editor",
            )
        ) from None


def _at(shown: str, mark: Any, message: str, hint: str) -> InputError:
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    return InputError(Problem(shown, line, column, message, hint))


def parse(text: str, shown: str) -> Any:
    """Parse YAML text, turning syntax and duplicate-key errors into located problems."""
    try:
        return make_yaml().load(text)
    except DuplicateKeyError as exc:
        key = re.search(r'found duplicate key "([^"]*)"', str(exc))
        first = exc.context_mark.line + 1 if exc.context_mark else None
        raise _at(
            shown,
            exc.problem_mark,
            f"duplicate key '{key.group(1) if key else '?'}' in one mapping (the mapping starts on line {first})",
            "keep one of the two entries",
        ) from None
    except MarkedYAMLError as exc:
        what = (exc.problem or exc.context or "invalid YAML").strip()
        raise _at(
            shown,
            exc.problem_mark or exc.context_mark,
            f"YAML syntax error: {what}",
            "check the indentation, colons and quotes on this line or the one before",
        ) from None


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or an InputError saying it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(
            Problem(display_path(path), None, None, f"cannot read the file ({exc.strerror})", "check the path")
        ) from None


def load_file(path: Path) -> Any:
    """Read and parse one YAML file."""
    shown = display_path(path)
    return parse(decode(read_bytes(path), shown), shown)


def dump(data: Any) -> str:
    """Serialise a round-trip document back to YAML text."""
    out = io.StringIO()
    make_yaml().dump(data, out)
    return out.getvalue()
