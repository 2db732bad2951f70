"""The officer keeps working while the document is out for review: both sides' changes are kept, a clash is a
conflict shown side by side, and a deleted question goes only when the officer confirms it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from review_helpers import loaded, policydesk, sent_docx, workspace
from word_style import WordEdit

from policydesk.store.response_file import read_response, write_response

PATEL, T1 = "Cllr Priya Patel", "2024-03-20T09:15:00Z"


@pytest.fixture
def response(tmp_path: Path) -> Path:
    return workspace(tmp_path)


def officer_edits(path: Path, section: int, paragraph: int, text: str) -> None:
    """The officer changes a paragraph after sending, and saves (as the composer does)."""
    found = read_response(path)
    assert found.response is not None
    para = found.response.sections[section].paragraphs[paragraph]
    from dataclasses import replace

    write_response(path, found.response.set_paragraph(section, paragraph, replace(para, text=text)), found.stamp)


def reviewed(response: Path, edit) -> Path:
    word = WordEdit(sent_docx(response).read_bytes())
    edit(word)
    out = response.parent.parent / "returned.docx"
    out.write_bytes(word.save())
    return out


def run(response: Path, returned: Path, *extra: str) -> tuple[int, dict]:
    code, out = policydesk(
        "--kb",
        str(response.parent.parent / "positions"),
        "review",
        str(response),
        str(returned),
        "--json",
        "--apply",
        *extra,
    )
    return code, json.loads(out) if code == 0 else {}


QUICKLY = (
    "We are very pleased the Department is acting quickly on agency social work, and we want to keep working with it."
)


def test_officer_and_reviewer_edit_different_paragraphs_and_both_are_kept(response: Path) -> None:
    returned = reviewed(
        response,
        lambda w: (
            w.settle_ours("quickly ", accept=False),
            w.replace("Lowering the deficit trigger", "takes flexibility away", "removes flexibility", PATEL, T1),
        ),
    )
    officer_edits(
        response,
        0,
        1,
        "We would add four points:\n\n- training for carers;\n- respite;\n"
        "- money that follows the child; and\n- advice from [Kinship](https://kinship.org.uk).",
    )
    code, data = run(response, returned)
    assert code == 0 and data["applied"]["conflicts"] == []
    after = loaded(response)
    assert after.sections[0].paragraphs[1].text.startswith("We would add four points:")
    assert "- respite;" in after.sections[0].paragraphs[1].text
    assert after.sections[1].paragraphs[0].text == QUICKLY.replace("quickly ", "")
    (proposal,) = after.sections[2].paragraphs[1].proposals
    assert "removes flexibility" in proposal.text and not proposal.conflict


def test_both_change_the_same_paragraph_in_different_places_and_both_are_kept(response: Path) -> None:
    returned = reviewed(response, lambda w: w.settle_ours("quickly ", accept=False))
    officer_edits(response, 1, 0, QUICKLY.replace("keep working", "go on working"))
    code, data = run(response, returned)
    assert code == 0 and data["applied"]["conflicts"] == []
    assert loaded(response).sections[1].paragraphs[0].text == (
        "We are very pleased the Department is acting on agency social work, and we want to go on working with it."
    )


def test_both_change_the_same_words_differently_and_it_is_a_conflict(response: Path) -> None:
    returned = reviewed(response, lambda w: w.settle_ours("quickly ", accept=False))
    officer = QUICKLY.replace("quickly", "swiftly")
    officer_edits(response, 1, 0, officer)
    code, data = run(response, returned)
    assert code == 0
    (conflict,) = data["applied"]["conflicts"]
    assert "swiftly" in conflict and "acting on agency" in conflict  # officer and reviewer side by side
    para = loaded(response).sections[1].paragraphs[0]
    assert para.text == officer  # the officer's words stay
    (kept,) = [p for p in para.proposals if p.conflict]
    assert kept.text.startswith("We are very pleased the Department is acting on agency")  # and the reviewer's too
    code, out = policydesk(
        "--kb",
        str(response.parent.parent / "positions"),
        "render",
        str(response),
        "--out",
        str(response.parent / "again.docx"),
    )
    assert code == 0


def _delete_question_two(w: WordEdit) -> None:
    for words in ("Question 2:", "Neither agree nor disagree.", "pleased the Department"):
        w.delete_paragraph(words, PATEL, T1)


def test_a_deleted_question_is_reported_and_kept_until_confirmed(response: Path) -> None:
    returned = reviewed(response, _delete_question_two)
    code, data = run(response, returned)
    assert code == 0
    assert data["deleted_questions"] == [2]
    assert any(i["kind"] == "question deleted" and i["place"]["section"] == 2 for i in data["items"])
    assert any("with a proposal to delete it" in m for m in data["applied"]["messages"])
    after = loaded(response)
    assert [s.number for s in after.sections if s.is_question] == ["1", "2"]
    assert any(p.kind == "delete" for p in after.sections[1].proposals)


def test_a_deleted_question_is_removed_when_confirmed(response: Path) -> None:
    returned = reviewed(response, _delete_question_two)
    code, data = run(response, returned, "--confirm-deletions")
    assert code == 0
    assert [s.number for s in loaded(response).sections if s.is_question] == ["1"]
