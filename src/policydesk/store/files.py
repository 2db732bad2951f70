"""Which files a folder holds for policydesk, and reading them without following anything unsafe."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from policydesk.model.problems import InputError, Problem

MAX_BYTES = 64 * 1024 * 1024
"""The largest file read: far above any real position or response, far below what exhausts memory."""


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(os.path.abspath(path)) if os.path.abspath(path).startswith(os.getcwd()) else str(path)
    except (ValueError, OSError):
        return str(path)


def _refusal(path: Path, message: str, hint: str) -> InputError:
    return InputError(Problem(display_path(path), None, None, message, hint))


def read_regular(path: Path, inside: Path | None = None) -> bytes:
    """The bytes of a regular file, refusing devices, FIFOs, folders, oversized files and links out of `inside`.

    The file is opened without blocking and checked after opening, so a FIFO cannot hang the read and a
    file swapped for something else between check and read is still refused.
    """
    if inside is not None and path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            raise _refusal(path, "is a broken or looping symbolic link", "remove the link") from None
        if not target.is_relative_to(inside.resolve()):
            raise _refusal(
                path,
                "is a symbolic link to a file outside the knowledge base, so it is not read",
                "copy the file into the knowledge base instead of linking to it",
            )
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise _refusal(path, f"cannot be read ({exc.strerror})", "check the path and its permissions") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refusal(path, f"is {_kind(info.st_mode)}, not a file", "give the path of a file")
        if info.st_size > MAX_BYTES:
            raise _refusal(
                path,
                f"is {info.st_size // (1024 * 1024)} MB, more than policydesk reads ({MAX_BYTES // (1024 * 1024)} MB)",
                "check that this is the file you meant",
            )
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            if total > MAX_BYTES:
                raise _refusal(path, "grew past the size policydesk reads while being read", "try again")
        return b"".join(chunks)
    except OSError as exc:
        raise _refusal(path, f"cannot be read ({exc.strerror})", "check the path and its permissions") from None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def describe(path: Path) -> str:
    """What kind of thing is at `path`, for messages: 'a folder', 'a device', ... or 'a file'."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "missing"
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    return "a file" if stat.S_ISREG(mode) else _kind(mode)


def scan_folder(root: Path, taxonomy: str) -> tuple[list[str], list[Problem]]:
    """Every `*.yaml` position file under `root`, in a stable order, and warnings for what is not read.

    Hidden files and folders (a leading '.', as in .git) are skipped without a word. Links to folders are
    not followed; `.yml` files, special files and a second taxonomy.yaml are named, so nothing is dropped
    without the keeper being told. Paths are strings (root joined to the path inside it): a knowledge base of
    thousands of files is scanned on every start, and strings cost a tenth of Path objects.
    """
    found: list[str] = []
    problems: list[Problem] = []
    top = str(root)

    def warn(path: str, message: str, hint: str) -> None:
        problems.append(Problem(display_path(Path(path)), None, None, message, hint, "warning"))

    def walk(folder: str) -> None:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                Problem(
                    display_path(Path(folder)),
                    None,
                    None,
                    f"cannot be listed ({exc.strerror})",
                    "check the folder's permissions",
                )
            )
            return
        for entry in entries:
            name, path = entry.name, entry.path
            if name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(path)
            elif entry.is_symlink() and os.path.isdir(path):
                warn(path, "is a link to a folder, which is not followed", "move the files into the knowledge base")
            elif name.endswith(".yml"):
                warn(path, "ends in .yml, so it is not read", f"rename it to {name[:-4]}.yaml")
            elif not name.endswith(".yaml"):
                continue
            elif name == taxonomy and folder != top:
                warn(
                    path,
                    f"only the {taxonomy} at the top of the knowledge base is read",
                    "merge it into that file, or rename this one",
                )
            elif name != taxonomy:
                if entry.is_file(follow_symlinks=False) or entry.is_symlink():
                    found.append(path)
                else:
                    kind = describe(Path(path))
                    warn(path, f"is {kind}, not a file, so it is not read", "remove it from the knowledge base")

    walk(top)
    return found, problems
