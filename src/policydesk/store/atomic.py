"""Atomic file writes that refuse to overwrite a file someone else changed since it was read."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from policydesk.model.problems import InputError, Problem
from policydesk.store.yaml_io import display_path


@dataclass(frozen=True)
class Stamp:
    """What a file held when we read it: enough to tell whether it changed since."""

    digest: str | None

    @classmethod
    def of_bytes(cls, raw: bytes) -> Stamp:
        return cls(hashlib.sha256(raw).hexdigest())

    @classmethod
    def of_file(cls, path: Path) -> Stamp:
        """The file's stamp now; a missing file has digest None."""
        try:
            return cls.of_bytes(path.read_bytes())
        except FileNotFoundError:
            return cls(None)

    @classmethod
    def absent(cls) -> Stamp:
        return cls(None)


class ChangedOnDisk(InputError):
    """The file on disk is not the one that was read: someone else saved it in between."""


def write_atomic(path: Path, data: bytes, expected: Stamp | None = None) -> Stamp:
    """Write `data` to `path` via a temporary file in the same folder, fsync, then rename.

    When `expected` is given, the write is refused if the file's current content differs.
    On any failure the old file is left exactly as it was and no temporary file remains.
    """
    if expected is not None and Stamp.of_file(path) != expected:
        raise ChangedOnDisk(
            Problem(
                display_path(path),
                None,
                None,
                "the file was changed on disk by someone else since it was opened",
                "reload it to see their changes, or save your version under another name",
            )
        )
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)
    return Stamp.of_bytes(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
