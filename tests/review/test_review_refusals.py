"""A returned file that cannot be reviewed is refused with what to do, exit status 2, and the response untouched."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from review_helpers import policydesk, sent_docx, workspace

from conftest import run_process


def _blank_word_document() -> bytes:
    """A real .docx that policydesk did not render: no anchors."""
    document = docx.Document()
    document.add_paragraph("Our response, typed again from the printout.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


CASES = {
    "not ours": (_blank_word_document, "has none of the hidden anchors"),
    "corrupt zip": (lambda: b"PK\x03\x04" + b"\x00" * 40, "is not a readable Word document"),
    "truncated": (None, "is not a readable Word document"),
    ".doc": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "older Word file (.doc)"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_unreviewable_files_are_refused_and_nothing_changes(tmp_path: Path, case: str) -> None:
    response = workspace(tmp_path)
    make, message = CASES[case]
    data = make() if make else sent_docx(response).read_bytes()[:3000]
    returned = tmp_path / ("returned.doc" if case == ".doc" else "returned.docx")
    returned.write_bytes(data)
    before = response.read_bytes()
    sent_before = sorted(p.name for p in response.parent.glob(".sample.sent/*"))
    result = run_process(
        "--kb", str(tmp_path / "positions"), "review", str(response), str(returned), "--apply", cwd=tmp_path
    )
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert str(returned.name) in result.stderr
    assert response.read_bytes() == before
    assert sorted(p.name for p in response.parent.glob(".sample.sent/*")) == sent_before


def test_a_response_never_rendered_has_no_record_to_compare_with(tmp_path: Path) -> None:
    response = workspace(tmp_path)
    returned = tmp_path / "returned.docx"
    returned.write_bytes(sent_docx(response).read_bytes())
    for leftover in response.parent.glob(".sample.sent/*"):
        leftover.unlink()
    code, _ = policydesk("--kb", str(tmp_path / "positions"), "review", str(response), str(returned))
    assert code == 2


def test_a_missing_returned_file_is_named(tmp_path: Path) -> None:
    response = workspace(tmp_path)
    result = run_process("--kb", str(tmp_path / "positions"), "review", str(response), "nowhere.docx", cwd=tmp_path)
    assert result.returncode == 2 and "nowhere.docx" in result.stderr and "Traceback" not in result.stderr
