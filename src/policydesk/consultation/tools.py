"""The outside programs some formats need: LibreOffice to turn .odt and .doc into .docx, poppler's pdftotext."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from policydesk.model.problems import InputError, Problem
from policydesk.store.yaml_io import display_path

LIBREOFFICE_HINT = (
    "install LibreOffice (for example 'sudo apt-get install libreoffice-writer-nogui'), "
    "or open the file in a word processor and save it as .docx"
)
PDFTOTEXT_HINT = (
    "install poppler's pdftotext (for example 'sudo apt-get install poppler-utils'), "
    "or import the consultation's .docx or web page instead"
)
TIMEOUT = 180


def _missing(path: Path, program: str, hint: str) -> InputError:
    kind = path.suffix.lower()
    return InputError(
        Problem(display_path(path), None, None, f"reading a {kind} file needs {program}, which is not installed", hint)
    )


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: Path, workdir: Path) -> Path:
    """Convert a .odt or .doc to .docx in `workdir` with LibreOffice, using a private profile there."""
    program = soffice()
    if program is None:
        raise _missing(path, "LibreOffice", LIBREOFFICE_HINT)
    out = workdir / "converted"
    profile = (workdir / "profile").as_uri()
    command = [
        program,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx:MS Word 2007 XML",
        "--outdir",
        str(out),
        str(path.resolve()),
    ]
    try:
        proc = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise InputError(
            Problem(
                display_path(path),
                None,
                None,
                f"LibreOffice did not finish converting the file within {TIMEOUT} seconds",
                "open it in LibreOffice and save it as .docx, then import the .docx",
            )
        ) from None
    result = out / f"{path.stem}.docx"
    if not result.is_file():
        said = " ".join((proc.stderr or proc.stdout).split())[:200]
        raise InputError(
            Problem(
                display_path(path),
                None,
                None,
                "LibreOffice could not read the file" + (f" ({said})" if said else ""),
                "check that it opens in a word processor; if it does, save it as .docx and import that",
            )
        )
    return result


def pdf_text(path: Path) -> str:
    """The text layer of a PDF, laid out as on the page (pdftotext -layout)."""
    program = shutil.which("pdftotext")
    if program is None:
        raise _missing(path, "pdftotext (poppler-utils)", PDFTOTEXT_HINT)
    try:
        proc = subprocess.run(
            [program, "-layout", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            timeout=TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        proc = None
    if proc is None or proc.returncode != 0:
        said = "" if proc is None else " ".join(proc.stderr.decode("utf-8", "replace").split())[:200]
        raise InputError(
            Problem(
                display_path(path),
                None,
                None,
                "the file is not a readable PDF" + (f" ({said})" if said else ""),
                "check that it opens in a PDF viewer, or import the consultation's .docx or web page instead",
            )
        )
    text = proc.stdout.decode("utf-8", "replace")
    if not text.strip():
        raise InputError(
            Problem(
                display_path(path),
                None,
                None,
                "the PDF has no text layer (it may be a scan of printed pages)",
                "import the consultation's .docx or web page instead, or run the PDF through text recognition",
            )
        )
    return text


def private_folder() -> tempfile.TemporaryDirectory[str]:
    return tempfile.TemporaryDirectory(prefix="policydesk-import-")
