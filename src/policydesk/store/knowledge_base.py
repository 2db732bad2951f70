"""Find and load a knowledge base folder into a Library, with every problem in it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from policydesk.model.library import Library
from policydesk.model.position import Position
from policydesk.model.problems import InputError, Problem
from policydesk.store.fields import suggest
from policydesk.store.files import scan_folder
from policydesk.store.position_file import read_position
from policydesk.store.taxonomy_file import load_taxonomy
from policydesk.store.yaml_io import display_path

TAXONOMY = "taxonomy.yaml"
ENV_VAR = "POLICYDESK_KB"
PROGRESS_STEP = 250


@dataclass(frozen=True)
class KnowledgeBase:
    """A loaded knowledge base: its folder, the library and what is wrong with it."""

    root: Path
    library: Library
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


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


def position_files(root: Path) -> list[Path]:
    """Every position file under root, at any depth, in a stable order."""
    return scan_folder(root, TAXONOMY)[0]


def load_knowledge_base(
    root: Path, today: date | None = None, progress: Callable[[int, int], None] | None = None
) -> KnowledgeBase:
    """Load every position under root; problems are collected, never raised.

    `progress(done, total)` is called every few hundred files, for a progress bar.
    """
    taxonomy, problems = load_taxonomy(root / TAXONOMY, root)
    if any(p.is_error for p in problems):
        return KnowledgeBase(root, Library([], taxonomy), problems)
    positions: list[Position] = []
    seen: dict[str, Path] = {}
    files, skipped = scan_folder(root, TAXONOMY)
    problems.extend(skipped)
    for done, path in enumerate(files, 1):
        if progress is not None and (done % PROGRESS_STEP == 0 or done == len(files)):
            progress(done, len(files))
        position, found = read_position(path, taxonomy, root)
        problems.extend(found)
        if position is None:
            continue
        if position.id in seen:
            problems.append(
                Problem(
                    display_path(path),
                    1,
                    1,
                    f"duplicate id '{position.id}', also used by {display_path(seen[position.id])}",
                    "ids must be unique across the knowledge base: rename one of the files and its id",
                )
            )
            continue
        seen[position.id] = path
        positions.append(position)
    problems.extend(_review_warnings(positions, today or date.today()))
    problems.extend(_unknown_related(positions, set(seen)))
    return KnowledgeBase(root, Library(positions, taxonomy), problems)


def _unknown_related(positions: list[Position], ids: set[str]) -> list[Problem]:
    return [
        Problem(
            display_path(p.path) if p.path else p.id,
            None,
            None,
            f"related position '{other}' is not in the knowledge base{suggest(other, ids)}",
            "correct the id under 'related:' or remove it",
        )
        for p in positions
        for other in p.related
        if other not in ids
    ]


def _review_warnings(positions: list[Position], today: date) -> list[Problem]:
    return [
        Problem(
            display_path(p.path) if p.path else p.id,
            None,
            None,
            f"review date {p.review_by} has passed",
            "review the position and set a new review_by date",
            "warning",
        )
        for p in positions
        if p.review_by and p.review_by < today
    ]


def require(kb: KnowledgeBase) -> Library:
    """The library, or an InputError listing every error in the knowledge base."""
    if kb.errors:
        raise InputError(kb.errors)
    return kb.library
