"""Word document bytes -> PDF bytes, converted by LibreOffice with a private profile in a temporary folder."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx

from policydesk.model.problems import InputError, Problem

MARK = "policydesk"
"""Written as the PDF's keywords, so a later export knows the file is its own to replace."""
TIMEOUT = 180
INSTALL_HINT = (
    "install LibreOffice (for example 'sudo apt-get install libreoffice-writer-nogui'), or run 'policydesk render "
    "RESPONSE --clean' and save the Word document as PDF from a word processor"
)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_from_docx(data: bytes, where: str) -> bytes:
    """The PDF of a Word document; `where` names the response in any message."""
    program = soffice()
    if program is None:
        raise InputError(Problem(where, None, None, "a PDF needs LibreOffice, which is not installed", INSTALL_HINT))
    with tempfile.TemporaryDirectory(prefix="policydesk-pdf-") as folder:
        work = Path(folder)
        source = work / "response.docx"
        source.write_bytes(_marked(data))
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise InputError(
                Problem(
                    where,
                    None,
                    None,
                    f"LibreOffice did not finish the PDF within {TIMEOUT} seconds",
                    "try again when the machine is less busy, or export --format html",
                )
            ) from None
        result = work / "out" / "response.pdf"
        produced = result.read_bytes() if result.is_file() else b""
    if not produced.startswith(b"%PDF"):
        said = " ".join((proc.stderr or proc.stdout).split())[:200]
        raise InputError(
            Problem(
                where,
                None,
                None,
                "LibreOffice did not produce a PDF" + (f" ({said})" if said else ""),
                "check that 'soffice --headless --convert-to pdf' works on this machine",
            )
        )
    return produced


def written_by_policydesk(data: bytes) -> bool:
    """True for a PDF whose keywords name policydesk, as LibreOffice writes them (plain or UTF-16)."""
    utf16 = "".join(f"{b:02X}" for b in ("\ufeff" + MARK).encode("utf-16-be"))
    marks = (f"/Keywords({MARK})".encode(), f"/Keywords<{utf16}>".encode())
    return data.startswith(b"%PDF") and any(mark in data for mark in marks)


def _marked(data: bytes) -> bytes:
    document = docx.Document(io.BytesIO(data))
    document.core_properties.keywords = MARK
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
