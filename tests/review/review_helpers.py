"""A workspace with a rendered response, as the review tests start from."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from conftest import DATA
from policydesk.cli import main
from policydesk.cli.output import Output
from policydesk.store.response_file import read_response
from policydesk.store.sent import sent_folder, sent_ids


def policydesk(*args: str) -> tuple[int, str]:
    stream = io.StringIO()
    code = main(list(args), out=Output(stream, styled=False))
    return code, stream.getvalue()


def workspace(root: Path, name: str = "sample") -> Path:
    """root/positions (the small knowledge base) and root/responses/NAME.yaml, rendered once; returns the YAML."""
    if not (root / "positions").exists():
        shutil.copytree(DATA / "kb-small", root / "positions")
    (root / "responses").mkdir(exist_ok=True)
    target = root / "responses" / f"{name}.yaml"
    shutil.copy(DATA / "responses" / "sample.yaml", target)
    code, _ = policydesk("--kb", str(root / "positions"), "render", str(target))
    assert code == 0
    return target


def sent_docx(response: Path) -> Path:
    return sent_folder(response) / f"{sent_ids(response)[-1]}.docx"


def loaded(response: Path):
    found = read_response(response)
    assert found.response is not None and not [p for p in found.problems if p.is_error], found.problems
    return found.response
