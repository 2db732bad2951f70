"""Convert documents with a real word processor (LibreOffice) and read them back (pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import need

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert(sources: list[Path], fmt: str, workdir: Path) -> list[Path]:
    """Convert every source in one LibreOffice run, with a private profile; fail if any output is missing."""
    need(SOFFICE is not None and shutil.which("pdftotext") is not None, "LibreOffice and pdftotext")
    out = workdir / "converted"
    profile = (workdir / "lo-profile").as_uri()
    proc = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    results = [out / f"{src.stem}.{fmt.split(':')[0]}" for src in sources]
    missing = [r.name for r in results if not r.exists()]
    assert not missing, f"LibreOffice produced no {missing}: rc={proc.returncode} {proc.stdout} {proc.stderr}"
    return results


def pdf_text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
