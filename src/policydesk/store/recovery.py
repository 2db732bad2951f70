"""Recovery copies of unsaved responses and papers, so nothing typed is lost if the program dies."""

from __future__ import annotations

from pathlib import Path

from policydesk.model.paper import Paper
from policydesk.model.problems import InputError
from policydesk.model.response import Response
from policydesk.store.atomic import Stamp, write_atomic
from policydesk.store.document_file import Located
from policydesk.store.paper_file import LoadedPaper, is_paper_file, paper_to_yaml, read_paper
from policydesk.store.response_file import LoadedResponse, read_response, response_to_yaml
from policydesk.store.yaml_io import dump


def recovery_path(path: Path) -> Path:
    """responses/.SLUG.recovery.yaml (or papers/...) beside the file it protects."""
    return path.with_name(f".{path.stem}.recovery.yaml")


def _text(document: Response | Paper) -> str:
    return dump(paper_to_yaml(document) if isinstance(document, Paper) else response_to_yaml(document))


def write_recovery(path: Path, document: Response | Paper) -> Path:
    target = recovery_path(path)
    write_atomic(target, _text(document).encode("utf-8"))
    return target


def _read(path: Path, slug: str | None = None) -> Located:
    return read_paper(path, slug=slug) if is_paper_file(path) else read_response(path, slug=slug)


def pending_recovery(path: Path) -> Located | None:
    """The recovery copy of `path` when one exists and differs from the saved file, with any problems in it
    (`.document` is None when it cannot be read at all).

    A copy with errors is still returned: the officer decides what to do with it, nothing is dropped.
    """
    target = recovery_path(path)
    if not target.is_file():
        return None
    try:
        recovered = _read(target, slug=path.stem)
    except InputError as exc:
        kind = LoadedPaper if path.parent.name == "papers" else LoadedResponse
        return kind(target, None, Stamp.absent(), exc.problems)
    if recovered.document is not None and path.is_file():
        try:
            saved = _read(path).document
        except InputError:
            saved = None
        if saved is not None and _text(saved) == _text(recovered.document):
            clear_recovery(path)
            return None
    return recovered


def clear_recovery(path: Path) -> None:
    recovery_path(path).unlink(missing_ok=True)
