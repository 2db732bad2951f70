"""Find and load a knowledge base folder into a Library, with every problem in it."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from policydesk.model.library import Library
from policydesk.model.position import Position
from policydesk.model.problems import InputError, Problem
from policydesk.model.taxonomy import Taxonomy
from policydesk.store.atomic import Stamp
from policydesk.store.fields import suggest
from policydesk.store.files import scan_folder
from policydesk.store.load_cache import (
    LazyPositions,
    LoadCache,
    entry_for,
    file_key,
    remembered,
)
from policydesk.store.position_file import parse_position, read_position
from policydesk.store.taxonomy_file import load_taxonomy
from policydesk.store.yaml_io import display_path, read_bytes

T = TypeVar("T")
TAXONOMY = "taxonomy.yaml"
ENV_VAR = "POLICYDESK_KB"
PROGRESS_STEP = 250


@dataclass(frozen=True)
class KnowledgeBase:
    """A loaded knowledge base: its folder, the library and what is wrong with it."""

    root: Path
    library: Library
    problems: list[Problem] = field(default_factory=list)
    fingerprint: str = ""
    """A digest of policydesk's code, the taxonomy and every file's content: what the knowledge base is now."""
    cache: Path | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def remember(self, name: str, compute: Callable[[], T]) -> T:
        """`compute()` over the whole knowledge base, kept in the cache until any file in it changes."""
        return remembered(self.cache, name, self.fingerprint, compute)

    def counts(self) -> tuple[dict[str, Counter[str]], int]:
        """Positions by framework, pillar, topic, stance, tier and year, and how many have two or more versions."""
        library = self.library
        return self.remember("counts", lambda: (library.facets(), len(library.with_history())))

    def recent_first(self) -> list[str]:
        """Every position's id, the most recently recorded line first (then by title)."""
        library = self.library
        return self.remember(
            "recent-first", lambda: [p.id for p in sorted(library, key=lambda p: (-p.updated.toordinal(), p.title))]
        )


def bundled_root() -> Path:
    """The knowledge base shipped inside the package (or the repository's, in a source checkout)."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "bundled" / "positions"
    return packaged if packaged.is_dir() else here.parents[1] / "positions"


def find_root(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--kb, then $POLICYDESK_KB, then ./positions, then the bundled copy."""
    for candidate, origin in ((explicit, "--kb"), (os.environ.get(ENV_VAR), ENV_VAR)):
        if candidate:
            path = Path(candidate).expanduser()
            if not (path / TAXONOMY).is_file():
                raise InputError(
                    Problem(
                        str(path),
                        None,
                        None,
                        f"no {TAXONOMY} in the folder given by {origin}",
                        "point it at a knowledge base folder (one holding taxonomy.yaml)",
                    )
                )
            return path
    local = Path("positions")
    return local if (local / TAXONOMY).is_file() else bundled_root()


def load_knowledge_base(
    root: Path, today: date | None = None, progress: Callable[[int, int], None] | None = None
) -> KnowledgeBase:
    """Load every position under root; problems are collected, never raised.

    Unchanged files come from the load cache (store/load_cache.py), built into positions only when asked for.
    `progress(done, total)` is called every few hundred files, for a progress bar.
    """
    today = today or date.today()
    taxonomy_digest = Stamp.of_file(root / TAXONOMY).digest or ""  # before reading it: see the save below
    taxonomy, problems = load_taxonomy(root / TAXONOMY, root)
    if any(p.is_error for p in problems):
        return KnowledgeBase(root, Library([], taxonomy), problems)
    files, skipped = scan_folder(root, TAXONOMY)
    problems.extend(skipped)
    cache = LoadCache.open(root, taxonomy_digest)
    rows: dict[str, bytes] = {}
    built: dict[str, Position] = {}
    summaries: list[Summary] = []
    digests: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    inside = len(str(root)) + 1
    for done, path in enumerate(files, 1):
        if progress is not None and (done % PROGRESS_STEP == 0 or done == len(files)):
            progress(done, len(files))
        name = path[inside:].replace(os.sep, "/")
        found = _read(path, name, root, taxonomy, cache, today)
        digests.append((name, found.digest))
        problems.extend(found.problems)
        if found.id is None:
            continue
        if found.id in seen:
            problems.append(
                Problem(
                    display_path(Path(path)),
                    1,
                    1,
                    f"duplicate id '{found.id}', also used by {display_path(Path(seen[found.id]))}",
                    "ids must be unique across the knowledge base: rename one of the files and its id",
                )
            )
            continue
        seen[found.id] = path
        summaries.append(found)
        if found.position is not None:
            built[found.id] = found.position
        else:
            rows[found.id] = found.row
    cache.forget_others({name for name, _ in digests})
    # Entries checked against a taxonomy that changed meanwhile are not saved; a warm start has nothing to save.
    if cache.changed and Stamp.of_file(root / TAXONOMY).digest == taxonomy_digest:
        cache.save()
    problems.extend(_review_warnings(summaries, today))
    problems.extend(_unknown_related(summaries, set(seen)))
    library = Library.of_mapping(LazyPositions(rows, built), taxonomy)
    return KnowledgeBase(root, library, problems, cache.fingerprint(digests), cache.path)


@dataclass
class Summary:
    """What the cross-file checks need of one file: its id, path, review date and related ids (and the
    position itself when it was just read, or its cached row)."""

    id: str | None
    path: str
    digest: str
    review_by: date | None = None
    related: tuple[str, ...] = ()
    problems: list[Problem] = field(default_factory=list)
    position: Position | None = None
    row: bytes = b""


def _read(path: str, name: str, root: Path, taxonomy: Taxonomy, cache: LoadCache, today: date) -> Summary:
    """One position file: from the cache when it still describes the file, else read and checked (and kept)."""
    raw: bytes | None = None

    def digest_of() -> str | None:
        nonlocal raw
        try:
            raw = read_bytes(Path(path), root)
        except InputError:
            return None
        return Stamp.of_bytes(raw).digest

    key = file_key(path)
    entry = cache.usable(name, key, today.toordinal(), digest_of)
    if entry is not None:
        pid, review_by, related = entry.summary
        return Summary(
            pid,
            path,
            entry.digest,
            date.fromordinal(review_by) if review_by else None,
            related,
            [Problem(*w) for w in entry.warnings],
            row=entry.row,
        )
    if raw is None:
        position, found = read_position(Path(path), taxonomy, root, today=today)
    else:
        position, found = parse_position(raw, Path(path), taxonomy, today=today)
    errors = any(p.is_error for p in found)
    try:
        cache.keep(name, entry_for(position, key, found, today) if position and key and not errors else None)
    except ValueError:  # a value the cache cannot hold: read this file every time instead
        cache.keep(name, None)
    if position is None:
        return Summary(None, path, Stamp.of_file(Path(path)).digest or "", problems=found)
    return Summary(position.id, path, position.digest or "", position.review_by, position.related, found, position)


def _unknown_related(summaries: list[Summary], ids: set[str]) -> list[Problem]:
    return [
        Problem(
            display_path(Path(s.path)),
            None,
            None,
            f"related position '{other}' is not in the knowledge base{suggest(other, ids)}",
            "correct the id under 'related:' or remove it",
        )
        for s in summaries
        for other in s.related
        if other not in ids
    ]


def _review_warnings(summaries: list[Summary], today: date) -> list[Problem]:
    return [
        Problem(
            display_path(Path(s.path)),
            None,
            None,
            f"review date {s.review_by} has passed",
            "review the position and set a new review_by date",
            "warning",
        )
        for s in summaries
        if s.review_by and s.review_by < today
    ]


def require(kb: KnowledgeBase) -> Library:
    """The library, or an InputError listing every error in the knowledge base."""
    if kb.errors:
        raise InputError(kb.errors)
    return kb.library
