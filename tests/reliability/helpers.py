"""Shared pieces for the reliability suite: how long its loops run, and a signed-off response to adopt."""

from __future__ import annotations

import os
from pathlib import Path

LONG = os.environ.get("POLICYDESK_RELIABILITY") == "long"
"""POLICYDESK_RELIABILITY=long runs the kill and concurrency loops for minutes instead of seconds."""


def loops(short: int, long: int) -> int:
    return long if LONG else short


EDITS = {
    "kinship-carer-support": (
        "2023-03-14",
        "We strongly welcome better support for kinship carers, and want it funded.",
    ),
    "high-needs-deficits": ("2023-03-14", "Councils cannot carry high needs deficits alone."),
    "agency-social-workers": ("2023-03-14", "We are pleased the Department is acting on agency social work at last."),
}


def signed_off_response(folder: Path, name: str = "three", on: str = "2024-02-01", only: tuple[str, ...] = ()) -> Path:
    """A signed-off response that edits the quoted wording of each position in `only` (default: all three)."""
    chosen = only or tuple(EDITS)
    paragraphs = "".join(
        f"      - position: {pid}\n        version: {EDITS[pid][0]}\n        text: {EDITS[pid][1]}\n" for pid in chosen
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text(
        "consultation: {title: Children's services, department: Department for Education}\n"
        "status: signed-off\n"
        f"sign_off: {{by: Children and Young People Board, on: {on}}}\n"
        "contact: {name: Alex Morgan, position: Senior Adviser, email: alex.morgan@local.gov.uk,"
        " phone: 020 7664 3000}\n"
        "key_messages: [We back councils.]\n"
        "sections:\n"
        '  - question: "1"\n'
        "    text: Do you agree?\n"
        "    paragraphs:\n" + paragraphs
    )
    return path
