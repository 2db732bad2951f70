"""What was sent for review: each rendered document kept beside its response, with the response as rendered.

`responses/.SLUG.sent/ID.docx` is the document exactly as written, and `ID.yaml` the response it was made from;
ID is the local time of rendering (20240314T101530). A returned copy names its ID in a hidden bookmark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from policydesk.model.problems import InputError, Problem
from policydesk.model.response import Response
from policydesk.store.atomic import Stamp, write_atomic
from policydesk.store.files import read_regular
from policydesk.store.response_file import read_response, response_bytes
from policydesk.store.yaml_io import display_path

SENT_ID = re.compile(r"^\d{8}T\d{6}(?:_\d+)?$")


@dataclass(frozen=True)
class SentRecord:
    """One document as it was sent, and the response it was rendered from."""

    sent_id: str
    docx: bytes
    response: Response
    path: Path


def sent_folder(response_path: Path) -> Path:
    return response_path.parent / f".{response_path.stem}.sent"


def new_sent_id(response_path: Path, now: datetime | None = None) -> str:
    """A fresh ID for a render of this response: the time, with _2, _3 ... when one exists already."""
    base = (now or datetime.now()).strftime("%Y%m%dT%H%M%S")
    folder = sent_folder(response_path)
    sent_id, n = base, 1
    while (folder / f"{sent_id}.docx").exists():
        n += 1
        sent_id = f"{base}_{n}"
    return sent_id


def record_sent(response_path: Path, sent_id: str, response: Response, docx: bytes, read: Stamp | None = None) -> Path:
    """Keep the rendered document and the response as rendered; returns the document's path. `read` is the
    stamp of the response file the document was rendered from: while the file still holds that, its own bytes
    are the record (writing the response out again would take longer than rendering it)."""
    folder = sent_folder(response_path)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(
            Problem(display_path(folder), None, None, f"cannot be created ({exc.strerror})", "check the folder")
        ) from None
    snapshot = folder / f"{sent_id}.yaml"
    raw = _unchanged_bytes(response_path, read)
    write_atomic(snapshot, raw if raw is not None else response_bytes(snapshot, response, None))
    document = folder / f"{sent_id}.docx"
    write_atomic(document, docx)
    return document


def _unchanged_bytes(path: Path, read: Stamp | None) -> bytes | None:
    """The file's bytes if it still holds what was read (`read`), else None."""
    if read is None or read.digest is None:
        return None
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    return raw if Stamp.of_bytes(raw) == read else None


def sent_ids(response_path: Path) -> list[str]:
    """Every recorded ID, oldest first."""
    folder = sent_folder(response_path)
    if not folder.is_dir():
        return []
    found = [p.stem for p in folder.glob("*.docx") if SENT_ID.match(p.stem) and p.with_suffix(".yaml").is_file()]
    return sorted(found, key=lambda s: (s.split("_")[0], int(s.split("_")[1]) if "_" in s else 1))


def load_sent(response_path: Path, sent_id: str) -> SentRecord | None:
    """The record with this ID, or None when there is none (or it cannot be read)."""
    if not SENT_ID.match(sent_id):
        return None
    folder = sent_folder(response_path)
    document, snapshot = folder / f"{sent_id}.docx", folder / f"{sent_id}.yaml"
    if not (document.is_file() and snapshot.is_file()):
        return None
    loaded = read_response(snapshot, slug=response_path.stem)
    if loaded.response is None or any(p.is_error for p in loaded.problems):
        return None
    return SentRecord(sent_id, read_regular(document), replace(loaded.response, slug=response_path.stem), document)
