"""Per-user folders policydesk keeps things in: the cache, and reports of faults."""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime
from pathlib import Path

from policydesk import __version__

CACHE_VAR = "POLICYDESK_CACHE"


def cache_dir() -> Path:
    """$POLICYDESK_CACHE, else the platform's cache folder for policydesk (POLICYDESK_CACHE=off turns off only the
    knowledge-base cache: fault reports and the last response still go to the platform's folder)."""
    chosen = os.environ.get(CACHE_VAR, "").strip()
    if chosen and chosen.lower() != "off":
        return Path(chosen).expanduser()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "policydesk" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "policydesk"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "policydesk"


def save_fault_report(exc: BaseException, what: str) -> Path | None:
    """Write the details of a fault in policydesk itself to a report file; None when it cannot be saved."""
    folder = cache_dir() / "fault-reports"
    path = folder / f"fault-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
    body = f"policydesk {__version__}, Python {sys.version.split()[0]}, {sys.platform}\n{what}\n\n" + "".join(
        traceback.format_exception(exc)
    )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    except OSError:
        return None
    return path


def remember_last_response(path: Path) -> None:
    """Note the response last opened, so the next session can open it again; a failure to note it is harmless."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "last-response.txt").write_text(str(path.resolve()), encoding="utf-8")
    except OSError:
        pass


def last_response() -> Path | None:
    """The response last opened, when it still exists."""
    try:
        path = Path((cache_dir() / "last-response.txt").read_text(encoding="utf-8").strip())
    except (OSError, ValueError):
        return None
    return path if path.is_file() else None
