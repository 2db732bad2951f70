"""Atomic file writes that refuse to overwrite a file someone else changed since it was read."""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from policydesk.model.problems import InputError, Problem
from policydesk.store.files import describe, display_path, read_regular

try:
    import fcntl
except ImportError:  # Windows: writes stay atomic, but concurrent writers are not locked out
    fcntl = None  # type: ignore[assignment]


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
            return cls.of_bytes(read_regular(path))
        except InputError:
            return cls(None) if not path.exists() else cls("unreadable")

    @classmethod
    def absent(cls) -> Stamp:
        return cls(None)


class ChangedOnDisk(InputError):
    """The file on disk is not the one that was read: someone else saved it in between."""


class WriteFailed(InputError):
    """The file could not be written; the old one, if any, is untouched."""


HINTS = {
    errno.ENOSPC: "the disk is full: free some space and try again",
    errno.EDQUOT: "your disk quota is used up: free some space and try again",
    errno.EFBIG: "the file is larger than this disk or your account allows",
    errno.EACCES: "you do not have permission to write there: choose another folder",
    errno.EPERM: "you do not have permission to write there: choose another folder",
    errno.EROFS: "that disk is read-only: choose another folder",
    errno.ENAMETOOLONG: "the name is too long: choose a shorter one",
    errno.ENOENT: "the folder does not exist: create it or choose another",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "that is a folder: give a file name inside it",
}


def _failed(path: Path, message: str, hint: str) -> WriteFailed:
    return WriteFailed(Problem(display_path(path), None, None, message, hint))


def refuse_unwritable(path: Path) -> None:
    """Refuse to replace a link, folder, device, pipe or read-only file: only regular files are rewritten."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    except OSError as exc:
        hint = HINTS.get(exc.errno or 0, "check the path")
        raise _failed(path, f"cannot be checked ({exc.strerror})", hint) from None
    if stat.S_ISLNK(info.st_mode):
        raise _failed(path, "is a symbolic link, which policydesk will not replace", "write to the file it points to")
    if not stat.S_ISREG(info.st_mode):
        raise _failed(path, f"is {describe(path)}, not a file, so it is not replaced", "choose a file name")
    if not info.st_mode & 0o222:
        raise _failed(path, "is read-only, so it is not replaced", "make it writable first if you mean to replace it")


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` so check-then-rename is one step for every policydesk writer."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _temporary_prefix(path: Path) -> str:
    return f".{path.name}."


def clean_stale_temporaries(path: Path) -> None:
    """Remove temporary files left by a writer that was killed; call with the folder lock held."""
    for leftover in path.parent.glob(f"{glob.escape(_temporary_prefix(path))}*.tmp"):
        leftover.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes, expected: Stamp | None = None) -> Stamp:
    """Write `data` to `path` via a temporary file in the same folder, fsync, then rename.

    When `expected` is given, the write is refused if the file's current content differs. The check and
    the rename happen under one lock, so two policydesk processes cannot both pass the check. On any
    failure the old file is left exactly as it was and no temporary file remains.
    """
    refuse_unwritable(path)
    try:
        with folder_lock(path.parent):
            clean_stale_temporaries(path)
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
            _replace(path, data)
    except OSError as exc:
        raise _failed(
            path, f"could not be written ({exc.strerror})", HINTS.get(exc.errno or 0, "check the path")
        ) from None
    _fsync_dir(path.parent)
    return Stamp.of_bytes(data)


@dataclass(frozen=True)
class Planned:
    """One file of a multi-file write: its new bytes and what it must still hold when written."""

    path: Path
    data: bytes
    expected: Stamp


def write_all(planned: list[Planned]) -> None:
    """Write several files as nearly all-or-nothing as a file system allows.

    Every new file is written and synced beside its target first, and every stamp is checked with all the
    folders locked; only then are the files renamed into place, one after another. A refusal or failure
    before that point leaves every file as it was. A crash during the renames can leave some renamed; the
    callers (adopt) are written so that running them again completes the rest.
    """
    for item in planned:
        refuse_unwritable(item.path)
    folders = sorted({item.path.parent.resolve() for item in planned})
    temporaries: list[tuple[str, Path]] = []
    try:
        with ExitStack() as locks:
            for folder in folders:
                locks.enter_context(folder_lock(folder))
            for item in planned:
                clean_stale_temporaries(item.path)
                if Stamp.of_file(item.path) != item.expected:
                    raise ChangedOnDisk(
                        Problem(
                            display_path(item.path),
                            None,
                            None,
                            "the file was changed on disk since the knowledge base was loaded, so nothing was written",
                            "run the command again: it will read the latest version",
                        )
                    )
            for item in planned:
                temporaries.append((_written_temporary(item.path, item.data), item.path))
            for tmp, path in temporaries:
                os.replace(tmp, path)
    except OSError as exc:
        hint = HINTS.get(exc.errno or 0, "check the folder")
        raise _failed(planned[0].path, f"could not be written ({exc.strerror})", hint) from None
    finally:
        for tmp, _ in temporaries:
            Path(tmp).unlink(missing_ok=True)
    for folder in folders:
        _fsync_dir(folder)


def _written_temporary(path: Path, data: bytes) -> str:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=_temporary_prefix(path), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _replace(path: Path, data: bytes) -> None:
    tmp = _written_temporary(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
