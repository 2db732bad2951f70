"""What response and paper files share: located reading of contacts and paragraphs, and writes that keep comments."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from policydesk.model.problems import InputError, Problem
from policydesk.model.response import Contact, Paragraph
from policydesk.model.rules import email_problem
from policydesk.store.atomic import Stamp
from policydesk.store.fields import FieldReader
from policydesk.store.located import parse_located
from policydesk.store.yaml_io import decode, display_path, dump, encode_like, parse, read_bytes

PARAGRAPH_FIELDS = ("position", "version", "text", "level", "subheading")
PARAGRAPH_HINT = "write 'text: ...', 'position: ID' with 'version: DATE', or 'subheading: ...'"

Where = tuple[int | None, int | None]


class Located:
    """A file read from disk whose fields can be found again for messages: needs `path` and `where`."""

    path: Path
    where: dict[tuple[Any, ...], Where]

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def locate(self, *key: Any) -> Where:
        """The location of the most specific field written for `key`, falling back to its parents."""
        while key:
            if key in self.where:
                return self.where[key]
            key = key[:-1]
        return (1, 1)


class DocumentReader(FieldReader):
    """A FieldReader that also records where each field was written, keyed as the file nests it."""

    def __init__(self, file: str):
        super().__init__(file)
        self.where: dict[tuple[Any, ...], Where] = {}

    def note(self, key: tuple[Any, ...], node: Any, name: Any = None) -> None:
        self.where[key] = self.at(node, name)

    def contact(self, data: dict, what: str, required: bool = False) -> Contact | None:
        node = self.mapping(data, "contact", what, required=required)
        if node is None:
            return None
        self.unknown_keys(node, ("name", "position", "email", "phone"), "contact")
        self.note(("contact",), data, "contact")
        name = self.text(node, "name", "contact")
        position = self.text(node, "position", "contact")
        email = self.text(node, "email", "contact")
        phone = self.text(node, "phone", "contact", required=False) or ""
        if email and email_problem(email):
            why = email_problem(email)
            self.report(self.at(node, "email"), f"the contact email {why}", "write it as name@local.gov.uk")
            return None
        if not (name and position and email):
            return None
        return Contact(name.strip(), position.strip(), email.strip(), phone.strip())

    def texts(self, data: dict, key: str, what: str) -> list[str]:
        """A list of text items (key messages, summary paragraphs), each located and checked."""
        if key in data:
            self.note((key,), data, key)
        found = []
        for i, (text, where) in enumerate(self.string_list(data, key, what)):
            self.where[(key, i)] = where
            self.check_characters(text, data[key], i)
            found.append(text.strip())
        return found

    def items(
        self, node: dict, field: str, key: tuple[Any, ...], of: str
    ) -> Iterator[tuple[tuple[Any, ...], dict, str]]:
        """(key, mapping, how messages name it) for each paragraph listed under `field`; other items are reported."""
        listed = self.seq(node, field, of, required=False)
        for p, item in enumerate(listed or []):
            where = (*key, field, p)
            self.where[where] = self.at(listed, p)
            what = f"paragraph {p + 1} of {of}"
            if not isinstance(item, dict):
                self.report(self.at(listed, p), f"{what} must be a mapping", PARAGRAPH_HINT)
                continue
            for name in item:
                self.note((*where, name), item, name)
            yield where, item, what

    def paragraph(
        self, item: dict, what: str, allowed: tuple[str, ...] = PARAGRAPH_FIELDS, make: type = Paragraph
    ) -> Any:
        """A sub-heading, a quoted position or new text, built with `make` (Paragraph or a subclass)."""
        self.unknown_keys(item, allowed, what)
        if "subheading" in item:
            text = self.text(item, "subheading", what)
            return make(text=text.strip(), subheading=True) if text else None
        level = self.level(item)
        if "position" in item:
            pid = self.slug(item, "position", what)
            version = self.date(item, "version", what)
            text = self.text(item, "text", what, required=False, empty_ok=True) or ""
            if pid is None or version is None:
                return None
            return make(text=text.strip(), position=pid, version=version, level=level)
        text = self.text(item, "text", what, empty_ok=True)
        return make(text=text.strip(), level=level) if text is not None else None

    def level(self, item: dict) -> int:
        written = str(item.get("level", "1")).strip()
        if written in ("1", "2", "3"):
            return int(written)
        self.report(
            self.at(item, "level"),
            f"level must be 1, 2 or 3, not '{written}'",
            "level 2 numbers a paragraph 1.1., level 3 numbers it 1.1.1.",
        )
        return 1


def read_document(
    path: Path, reader: DocumentReader, build: Callable[[Any], Any], fast: bool = True
) -> tuple[Any, Stamp, list[Problem], dict[tuple[Any, ...], Where]]:
    """The model `build` makes from the file's YAML with `reader`, the file's stamp, its problems and where each
    field was written; a file that is not YAML gives no model, only its problem. `fast=False` reads it with the
    round-trip parser only, which must always agree with the located one."""
    raw = read_bytes(path)
    stamp = Stamp.of_bytes(raw)
    try:
        data = (parse_located if fast else parse)(decode(raw, reader.file), reader.file)
    except InputError as exc:
        return None, stamp, exc.problems, {}
    model = build(data)
    return model, stamp, reader.problems, reader.where


def contact_yaml(contact: Contact) -> CommentedMap:
    node = CommentedMap(name=contact.name, position=contact.position, email=contact.email)
    if contact.phone:
        node["phone"] = contact.phone
    return node


def paragraph_yaml(paragraph: Paragraph) -> CommentedMap:
    node = CommentedMap()
    if paragraph.subheading:
        node["subheading"] = paragraph.text
        return node
    if paragraph.position:
        node["position"] = paragraph.position
        node["version"] = paragraph.version
    if paragraph.text.strip() or not paragraph.position:
        node["text"] = block(paragraph.text)
    if paragraph.level != 1:
        node["level"] = str(paragraph.level)
    return node


def block(text: str) -> str:
    """Text as policydesk writes it: a '|' block when it runs over lines or is long, else plain."""
    text = text.strip()
    return LiteralScalarString(text + "\n") if "\n" in text or len(text) > 80 else text


def document_bytes(path: Path, document: CommentedMap, stamp: Stamp | None) -> bytes:
    """The file `document` saves as. An existing file is updated in place, so its comments, quoting, layout,
    line endings and byte-order mark survive wherever the content did not change.

    A file whose parts are shared through YAML anchors and aliases is written out in full instead: editing
    a shared part in place would change every section that refers to it.
    """
    original = b""
    if stamp is not None and stamp.digest is not None and path.is_file():
        try:
            original = read_bytes(path)
            existing = parse(decode(original, display_path(path)), display_path(path))
        except InputError:
            existing = None
        if isinstance(existing, CommentedMap) and not shares_nodes(existing):
            document = merge(existing, document)
    return encode_like(dump(document), original)


def shares_nodes(document: Any) -> bool:
    """True when one mapping or list appears in two places (an alias) or a mapping merges another ('<<')."""
    seen: set[int] = set()
    pending = [document]
    while pending:
        node = pending.pop()
        if not isinstance(node, (CommentedMap, CommentedSeq)):
            continue
        if id(node) in seen or (isinstance(node, CommentedMap) and node.merge):
            return True
        seen.add(id(node))
        pending.extend(node.values() if isinstance(node, CommentedMap) else node)
    return False


def merge(old: Any, new: Any) -> Any:
    """`new`'s content in `old`'s clothes: unchanged values keep their node, and with it comments and style."""
    if isinstance(old, CommentedMap) and isinstance(new, CommentedMap):
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = merge(old[key], value) if key in old else value
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq):
        del old[len(new) :]
        for i, value in enumerate(new):
            if i < len(old):
                old[i] = merge(old[i], value)
            else:
                old.append(value)
        return old
    same = str(old).strip() == str(new).strip() and type(old) is not bool and not isinstance(old, (list, dict))
    return old if same else new
