"""Recovery copies of unsaved responses, so nothing typed is lost if the program dies."""

from __future__ import annotations

from pathlib import Path

from policydesk.model.problems import InputError
from policydesk.model.response import Response
from policydesk.store.atomic import Stamp, write_atomic
from policydesk.store.response_file import LoadedResponse, read_response, response_to_yaml
from policydesk.store.yaml_io import dump


def recovery_path(path: Path) -> Path:
    """responses/.SLUG.recovery.yaml beside the response it protects."""
    return path.with_name(f".{path.stem}.recovery.yaml")


def write_recovery(path: Path, response: Response) -> Path:
    target = recovery_path(path)
    write_atomic(target, dump(response_to_yaml(response)).encode("utf-8"))
    return target


def pending_recovery(path: Path) -> LoadedResponse | None:
    """The recovery copy of `path` when one exists and differs from the saved file, with any problems in it.

    A copy with errors is still returned: the officer decides what to do with it, nothing is dropped.
    """
    target = recovery_path(path)
    if not target.is_file():
        return None
    try:
        recovered = read_response(target, slug=path.stem)
    except InputError as exc:
        return LoadedResponse(target, None, Stamp.absent(), exc.problems)
    if recovered.response is not None and path.is_file():
        try:
            saved = read_response(path).response
        except InputError:
            saved = None
        if saved is not None and _same(saved, recovered.response):
            clear_recovery(path)
            return None
    return recovered


def _same(a: Response, b: Response) -> bool:
    return dump(response_to_yaml(a)) == dump(response_to_yaml(b))


def clear_recovery(path: Path) -> None:
    recovery_path(path).unlink(missing_ok=True)
