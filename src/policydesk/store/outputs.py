"""Where a command may write what it produces: a new file of the right kind, or one policydesk wrote before."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from policydesk.model.problems import InputError, Problem
from policydesk.store.atomic import refuse_unwritable
from policydesk.store.files import display_path


@dataclass(frozen=True)
class OutputKind:
    """A kind of file a command writes: its suffix, what to call it, and how to tell a file policydesk wrote."""

    suffix: str
    name: str
    ours: Callable[[Path], bool]


def output_path(response: Path, out: Path | None, force: bool, kind: OutputKind | None = None) -> Path:
    """Where to write; refuses anything but a new file of the kind's suffix, or one policydesk wrote before."""
    kind = kind or WORD
    target = out if out is not None else response.with_suffix(kind.suffix)

    def refuse(message: str, hint: str) -> InputError:
        return InputError(Problem(str(target) or "--out", None, None, message, hint))

    if target.suffix.lower() != kind.suffix or not target.stem:
        raise refuse(
            f"the {kind.name}'s name must end in {kind.suffix}", f"give --out a file name such as response{kind.suffix}"
        )
    if target.exists() and target.resolve() == response.resolve():
        raise refuse("this is the file being rendered itself", "give --out another name")
    for folder in (target.parent, *target.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise refuse(f"{display_path(folder)} is a file, not a folder", "choose another --out")
            break
    refuse_unwritable(target)
    if target.exists() and not force and not kind.ours(target):
        raise refuse(
            "a file of this name exists and policydesk did not write it, so it is not replaced",
            "choose another --out, or add --force to replace it",
        )
    return target


def written_by_policydesk(path: Path) -> bool:
    """True for a .docx that names policydesk as the program that wrote it (docProps/app.xml)."""
    try:
        with zipfile.ZipFile(path) as archive:
            root = ElementTree.fromstring(archive.read("docProps/app.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return False
    return any(e.tag.rpartition("}")[2] == "Application" and e.text == "policydesk" for e in root)


WORD = OutputKind(".docx", "Word document", written_by_policydesk)
