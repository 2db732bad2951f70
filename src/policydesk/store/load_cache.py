"""The load cache: each position file's parse and warnings, kept per user, so an unchanged file is not read again.

Entries are plain values in marshal's format, which loads several times faster than pickled objects; results
worked out over the whole knowledge base (`remembered`) are pickled beside them.

An entry is used only when its file's size, modification and change times and inode are as recorded, and the
file was not written in the two seconds before the entry was (a change within one tick of the file system's clock
can leave all of those the same, so such an entry is checked against its content digest instead). Only files
without errors are kept, and one with a version dated after the day it was checked is checked again the next
day. The whole cache is set aside when the taxonomy, policydesk's code or Python changes. It is a speed-up only:
POLICYDESK_CACHE=off turns it off, and a cache that cannot be read or written is ignored without a word.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import stat
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from policydesk.model.position import Position, Source, Version
from policydesk.model.problems import Problem
from policydesk.store.places import CACHE_VAR, cache_dir

FORMAT = 1
RACY_NS = 2_000_000_000
"""Entries for files written this close before the cache was are checked by content, not by stat."""

Row = tuple
"""A position flattened to plain values (dates as ordinals), which load many times faster than objects."""
POSITION_FIELDS = tuple(f.name for f in fields(Position))
VERSION_FIELDS = tuple(f.name for f in fields(Version))
SOURCE_FIELDS = tuple(f.name for f in fields(Source))


def file_key(path: str) -> tuple[int, int, int, int] | None:
    """What a file's stat says about its content (size, modified, changed, inode); None when it cannot be read
    or is a symbolic link (read every time: where a link points is checked on each read)."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISLNK(st.st_mode):
        return None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino


@dataclass
class Entry:
    """One error-free position file as it was last read."""

    key: tuple[int, int, int, int]
    digest: str
    summary: tuple[str, int | None, tuple[str, ...]]
    """Its id, review date (an ordinal) and related ids: what the checks across files need."""
    warnings: tuple[tuple, ...]
    checked_on: int
    latest: int
    """The day it was checked and its latest version's date (ordinals): a version dated after the day it is read
    on is warned about, so the entry holds only while that stays as it was."""
    row: bytes
    """The position as a marshalled row, unpacked only when the position is asked for."""


# Rows ---------------------------------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """`value` with every string a plain str."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def to_row(position: Position) -> Row:
    """A Position as a tuple of plain values, the inverse of `from_row`."""
    values = []
    for name in POSITION_FIELDS:
        value = getattr(position, name)
        if name == "versions":
            value = tuple(_version_row(v) for v in value)
        elif name == "review_by":
            value = value.toordinal() if value else None
        elif name == "path":
            value = str(value) if value is not None else None
        values.append(value)
    return tuple(values)


def _version_row(version: Version) -> Row:
    return tuple(
        value.toordinal()
        if name == "date"
        else tuple(getattr(value, s) for s in SOURCE_FIELDS)
        if name == "source"
        else value
        for name, value in ((n, getattr(version, n)) for n in VERSION_FIELDS)
    )


def _marshalled(row: Row) -> bytes:
    """The row's bytes; a file the round-trip parser read holds str subclasses, which marshal refuses."""
    try:
        return marshal.dumps(row)
    except ValueError:
        return marshal.dumps(_plain(row))


def from_row(row: Row) -> Position:
    """The Position a row was made from (built without running __init__: the row was checked when it was made)."""
    values = dict(zip(POSITION_FIELDS, row, strict=True))
    versions = []
    for version_row in values["versions"]:
        version_values = dict(zip(VERSION_FIELDS, version_row, strict=True))
        version_values["date"] = date.fromordinal(version_values["date"])
        version_values["source"] = _built(Source, dict(zip(SOURCE_FIELDS, version_values["source"], strict=True)))
        versions.append(_built(Version, version_values))
    values["versions"] = tuple(versions)
    values["review_by"] = date.fromordinal(values["review_by"]) if values["review_by"] else None
    values["path"] = Path(values["path"]) if values["path"] is not None else None
    return _built(Position, values)


def _built(cls: type, values: dict[str, Any]) -> Any:
    made = object.__new__(cls)
    made.__dict__.update(values)
    return made


def problem_row(problem: Problem) -> tuple:
    return (problem.file, problem.line, problem.column, problem.message, problem.hint, problem.severity, problem.code)


def entry_for(position: Position, key: tuple, warnings: list[Problem], today: date) -> Entry:
    """The cache entry of a position just read without errors."""
    latest = max(v.date for v in position.versions).toordinal()
    review_by = position.review_by.toordinal() if position.review_by else None
    return Entry(
        key,
        position.digest or "",
        (position.id, review_by, position.related),
        tuple(problem_row(p) for p in warnings),
        today.toordinal(),
        latest,
        _marshalled(to_row(position)),
    )


class LazyPositions(Mapping[str, Position]):
    """Positions by id, in id order; a cached one is built from its marshalled row the first time it is asked for."""

    def __init__(self, rows: dict[str, bytes], built: dict[str, Position]):
        self._rows = rows
        self._built = dict(built)
        self._order = sorted({*rows, *built})

    def __getitem__(self, position_id: str) -> Position:
        found = self._built.get(position_id)
        if found is None:
            found = self._built[position_id] = from_row(marshal.loads(self._rows[position_id]))
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, position_id: object) -> bool:
        return position_id in self._built or position_id in self._rows


# The cache file -----------------------------------------------------------------------------------------------------


def code_stamp() -> str:
    """Changes whenever policydesk's code or the Python running it does (an editable install included)."""
    package = Path(__file__).resolve().parents[1]
    import ruamel.yaml  # noqa: PLC0415 (already loaded by the readers)
    import yaml  # noqa: PLC0415

    parts: list[Any] = [FORMAT, sys.version, sys.implementation.cache_tag, yaml.__version__, ruamel.yaml.__version__]
    inside = len(str(package)) + 1
    for folder, subfolders, names in os.walk(package):  # strings, not Paths: this runs on every start
        subfolders[:] = sorted(f for f in subfolders if f != "__pycache__")
        for name in sorted(n for n in names if n.endswith(".py")):
            st = os.stat(path := os.path.join(folder, name))
            parts.append((path[inside:], st.st_size, st.st_mtime_ns))
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def cache_file(root: Path) -> Path | None:
    """Where the cache for the knowledge base at `root` (as given, from this folder) lives; None when turned off."""
    if os.environ.get(CACHE_VAR, "").strip().lower() == "off":
        return None
    try:
        place = repr((str(root), str(root.resolve()), os.getcwd()))
    except OSError:  # the working folder was deleted: go without
        return None
    name = hashlib.blake2b(place.encode(), digest_size=12).hexdigest()
    return cache_dir() / "knowledge-bases" / f"{name}.marshal"


def remembered(cache: Path | None, name: str, fingerprint: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, or what it gave last time for the same knowledge base content (`fingerprint`)."""
    if cache is None:
        return compute()
    path = cache.with_name(f"{cache.stem}.{name}.pickle")
    try:
        with open(path, "rb") as handle:
            saved, value = pickle.load(handle)
        if saved == fingerprint:
            return value
    except Exception:  # none yet, or unreadable: work it out again
        pass
    value = compute()
    _write(path, pickle.dumps((fingerprint, value), protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _write(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically; a cache that cannot be written is simply not kept."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)


@dataclass
class LoadCache:
    """The entries of one knowledge base's cache, and whether they changed while loading."""

    path: Path | None
    stamp: str
    taxonomy_digest: str
    entries: dict[str, Entry]
    written_ns: int = 0
    changed: bool = False
    started_ns: int = field(default_factory=time.time_ns)
    """When this load began: saved as the time the entries were seen, since a file may change after it is read."""

    @classmethod
    def open(cls, root: Path, taxonomy_digest: str) -> LoadCache:
        """The cache for `root`, or an empty one when it is off, missing, unreadable or for other code or taxonomy."""
        path = cache_file(root)
        stamp = code_stamp() if path else ""
        empty = cls(path, stamp, taxonomy_digest, {}, changed=path is not None)
        if path is None:
            return empty
        try:
            data = path.read_bytes()
            body = memoryview(data)[4:]  # not a slice: that would copy megabytes twice
            if zlib.crc32(body).to_bytes(4, "big") != data[:4]:
                return empty  # damaged: a row could otherwise unpack to the wrong text
            saved = marshal.loads(body)
            if saved["stamp"] != stamp or saved["taxonomy"] != taxonomy_digest:
                return empty
            entries = {name: Entry(*values) for name, values in saved["entries"].items()}
            return cls(path, stamp, taxonomy_digest, entries, saved["written_ns"])
        except Exception:  # a missing, truncated or foreign file: start again
            return empty

    def usable(self, name: str, key: tuple | None, today: int, digest_of: Callable[[], str | None]) -> Entry | None:
        """The entry for file `name` if it still describes the file; `digest_of` reads the file when in doubt."""
        entry = self.entries.get(name)
        if entry is None or key is None:
            return None
        if today != entry.checked_on and not entry.latest <= min(today, entry.checked_on):
            return None  # a version was, or now is, dated after the day: check it again
        racy = max(key[1], key[2]) >= self.written_ns - RACY_NS
        if entry.key == key and not racy:
            return entry
        if digest_of() != entry.digest:
            return None
        entry.key, self.changed = key, True  # the same content: record its stat, and when it was seen
        return entry

    def keep(self, name: str, entry: Entry | None) -> None:
        if entry is None:
            self.changed |= self.entries.pop(name, None) is not None
        else:
            self.entries[name] = entry
            self.changed = True

    def fingerprint(self, digests: list[tuple[str, str]]) -> str:
        """One digest of the code, the taxonomy and every position file's content, in order."""
        return hashlib.blake2b(repr((self.stamp, self.taxonomy_digest, digests)).encode(), digest_size=16).hexdigest()

    def forget_others(self, names: set[str]) -> None:
        """Drop the entries of files no longer in the knowledge base."""
        gone = set(self.entries) - names
        for name in gone:
            del self.entries[name]
        self.changed |= bool(gone)

    def save(self) -> None:
        """Write the cache atomically if anything changed; a failure leaves the old cache or none, never half."""
        if self.path is None or not self.changed:
            return
        saved = {
            "stamp": self.stamp,
            "taxonomy": self.taxonomy_digest,
            "written_ns": self.started_ns,
            "entries": {
                name: (e.key, e.digest, e.summary, e.warnings, e.checked_on, e.latest, e.row)
                for name, e in self.entries.items()
            },
        }
        data = marshal.dumps(saved)
        _write(self.path, zlib.crc32(data).to_bytes(4, "big") + data)
