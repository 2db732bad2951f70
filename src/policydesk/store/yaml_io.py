"""The one configured ruamel.yaml instance: safe round-trip loading and byte-stable dumping."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import ConstructorError, DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from policydesk.model.problems import InputError, Problem
from policydesk.store.files import display_path, read_regular
from policydesk.store.plain_yaml import UNSURE, read_plain


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


RESOLVED = (":timestamp", ":null")
"""The only scalars given a type: dates and empty values. Everything else stays the text as written, so
`id: 0x10` is reported as '0x10', and both parsers read every file alike."""
YAML_UNSAFE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow anywhere in a file, even in a comment."""
MAX_DEPTH = 50
"""Lists and mappings nested deeper than this are refused: no position or response needs a tenth of it."""


class _PlainResolver(VersionedResolver):
    """ruamel's resolver, keeping only the date and null rules."""

    _cache: dict[Any, dict[Any, list[Any]]] = {}

    @property
    def versioned_resolver(self) -> Any:
        version = self.processing_version
        key = version if isinstance(version, str) else tuple(version)
        found = _PlainResolver._cache.get(key)
        if found is None:
            full = super().versioned_resolver
            found = {first: [(t, rx) for t, rx in rules if t.endswith(RESOLVED)] for first, rules in full.items()}
            _PlainResolver._cache[key] = found
        return found


def make_yaml() -> YAML:
    """A round-trip YAML that keeps comments, key order, quotes and block scalars."""
    yaml = YAML(typ="rt")
    yaml.Resolver = _PlainResolver
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    yaml.preserve_quotes = True
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
    for tag in TYPED_TAGS:
        yaml.constructor.add_constructor(f"tag:yaml.org,2002:{tag}", _refuse_tag)
    yaml.constructor.add_multi_constructor("!", _refuse_local_tag)
    yaml.constructor.add_multi_constructor("tag:", _refuse_local_tag)
    return yaml


TYPED_TAGS = ("int", "float", "bool", "binary", "set", "omap", "pairs", "value", "yaml")
"""Explicit tags that would turn text into another type; policydesk files never need them."""


def _refuse_local_tag(constructor: RoundTripConstructor, suffix: str, node: Any) -> Any:
    return _refuse_tag(constructor, node)


def _refuse_tag(constructor: RoundTripConstructor, node: Any) -> Any:
    raise ConstructorError(
        None, None, f"the explicit tag '{node.tag}' is not used in policydesk files", node.start_mark
    )


_STANDARD = VersionedResolver()


def as_text(value: str) -> str:
    """`value` written so any YAML reader takes it as text: quoted when it would read as a number ("41")."""
    tag = _STANDARD.resolve(ScalarNode, value, (True, False))
    return DoubleQuotedScalarString(value) if value and not str(tag).endswith(":str") else value


class _FastLoader(getattr(libyaml, "CSafeLoader", libyaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser, resolving only dates and nulls (everything else stays the text written)."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag.endswith(RESOLVED)]
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


_REFUSED_PARTS = (
    re.compile(r"[\t\x85\u2028\u2029\ufeff]"),
    re.compile(r"[&*!]\w"),
    re.compile(r"^(?:\s*[?%]|---|\.\.\.)", re.MULTILINE),
)
"""Three searches, not one with alternatives: a search for one set of characters scans several times quicker."""


def fast_refused(text: str) -> bool:
    """Tabs, complex keys, directives, anchors, aliases, tags and extra documents: rare in our files, and read
    differently by the two parsers, so such files always take the round-trip parser."""
    return any(part.search(text) for part in _REFUSED_PARTS)


def fast_loader() -> type:
    """The libyaml loader both fast readers use: dates and nulls resolved, duplicate keys refused."""
    return _FastLoader


def fast_parse(text: str) -> Any:
    """Plain data from YAML text, quickly; raises on anything unusual, so the caller falls back to parse().

    Files in the plain shape policydesk writes are read by read_plain, the rest by libyaml."""
    if fast_refused(text):
        raise ValueError("not in the subset the fast parser reads like the round-trip one")
    data = read_plain(text)
    return libyaml.load(text, Loader=_FastLoader) if data is UNSURE else data


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
    """Parse YAML text, turning every way it can be wrong into a located problem."""
    _refuse_unreadable(text, shown)
    try:
        data = make_yaml().load(text)
    except RecursionError:
        raise too_deep(shown, _deep_node_line(text)) from None
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
        raise _syntax_error(exc, shown) from None
    except TypeError:
        line = next((n for n, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith("?")), None)
        raise InputError(
            Problem(shown, line, 1 if line else None, "a mapping key is a list or mapping", "write keys as plain words")
        ) from None
    line = deep_line(data)
    if line is not None:
        raise too_deep(shown, line)
    return data


def too_deep(shown: str, line: int | None) -> InputError:
    return InputError(
        Problem(
            shown,
            line,
            1 if line else None,
            f"lists or mappings are nested more than {MAX_DEPTH} deep",
            "a position or response needs only a few levels; remove the extra brackets or indentation",
        )
    )


def deep_line(data: Any) -> int | None:
    """The line (1-based) of the first list or mapping nested more than MAX_DEPTH deep, in reading order."""
    pending, seen = [(data, 1)], set()
    while pending:
        node, depth = pending.pop()
        if not isinstance(node, (dict, list)) or id(node) in seen:
            continue
        seen.add(id(node))
        if depth > MAX_DEPTH:
            return node.lc.line + 1
        children = list(node.values()) if isinstance(node, dict) else list(node)
        pending.extend((child, depth + 1) for child in reversed(children))
    return None


def _deep_node_line(text: str) -> int | None:
    """deep_line for a file too deep for the round-trip parser, found with libyaml's composer."""
    try:
        node = libyaml.compose(text, Loader=_FastLoader)
    except libyaml.YAMLError:
        return None
    pending, seen = [(node, 1)], set()
    while pending:
        current, depth = pending.pop()
        if isinstance(current, libyaml.ScalarNode) or current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if depth > MAX_DEPTH:
            return current.start_mark.line + 1
        children = [v for _, v in current.value] if isinstance(current, libyaml.MappingNode) else current.value
        pending.extend((child, depth + 1) for child in reversed(children))
    return None


def _syntax_error(exc: MarkedYAMLError, shown: str) -> InputError:
    what = (exc.problem or exc.context or "invalid YAML").strip()
    mark = exc.problem_mark or exc.context_mark
    if "'\\t'" in what or "\t" in what:
        return _at(shown, mark, "a tab character is used for spacing", "YAML needs spaces: replace the tab with spaces")
    if "explicit tag" in what:
        return _at(shown, mark, what, "remove the '!' tag and write the value as plain text")
    if "could not find expected ':'" in what and exc.context_mark is not None:
        return _at(shown, exc.context_mark, "this line has no ':' after its key", "write it as 'key: value'")
    hint = "check the indentation, colons and quotes on this line or the one before"
    return _at(shown, mark, f"YAML syntax error: {what}", hint)


def _refuse_unreadable(text: str, shown: str) -> None:
    """Control characters are refused with their place before either parser sees them."""
    bad = YAML_UNSAFE.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise InputError(
            Problem(
                shown,
                line,
                column,
                f"the file contains U+{ord(bad.group()):04X}, a control character YAML does not allow",
                "delete it (even in a comment); it is often pasted in by accident from another program",
            )
        )


def read_bytes(path: Path, inside: Path | None = None) -> bytes:
    """A file's bytes, or an InputError saying why it cannot be read (see store.files.read_regular)."""
    return read_regular(path, inside)


def load_file(path: Path, inside: Path | None = None) -> Any:
    """Read and parse one YAML file."""
    shown = display_path(path)
    return parse(decode(read_bytes(path, inside), shown), shown)


def dump(data: Any) -> str:
    """Serialise a round-trip document back to YAML text."""
    out = io.StringIO()
    make_yaml().dump(data, out)
    return out.getvalue()


def encode_like(text: str, original: bytes) -> bytes:
    """`text` as bytes in the conventions of the file it replaces: its byte-order mark and line endings."""
    if b"\r\n" in original and original.count(b"\r\n") == original.count(b"\n"):
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    data = text.encode("utf-8")
    return b"\xef\xbb\xbf" + data if original.startswith(b"\xef\xbb\xbf") else data
