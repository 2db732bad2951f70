"""Proposals and review notes in the response file: written, read back the same, and checked like every field."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from conftest import DATA
from policydesk.model.review import Proposal, Reply, Review, ReviewNote
from policydesk.store.atomic import Stamp
from policydesk.store.response_file import read_response, write_response


def test_review_parts_round_trip_and_comments_survive(tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    path.write_bytes((DATA / "responses" / "sample.yaml").read_bytes())
    loaded = read_response(path)
    response = loaded.response
    note = ReviewNote(
        "Ann Reviewer",
        "2024-03-21T10:30:00Z",
        "Name them?",
        "pathfinders",
        False,
        (Reply("Jane Smith", "2024-03-22T09:00:00Z", "Yes: see annex."),),
    )
    edit = Proposal("Ann Reviewer", "2024-03-21T10:31:00Z", "edit", "We welcome it.\n\n- one\n- two", untracked=True)
    para = replace(response.sections[0].paragraphs[1], proposals=(edit, Proposal("Bob", "", "delete")), notes=(note,))
    section = replace(
        response.sections[1],
        notes=(replace(note, resolved=True),),
        proposals=(Proposal("Ann", "", "edit", "Agree", field="answer"),),
    )
    changed = response.set_paragraph(0, 1, para).with_section(1, section)
    changed = replace(
        changed,
        review=Review(
            (Proposal("Ann", "", "edit", "A key point.", field="key message 1"),),
            (replace(note, place="key message 2"),),
        ),
    )
    write_response(path, changed, loaded.stamp)
    again = read_response(path)
    assert [p for p in again.problems if p.is_error] == []
    assert again.response == changed
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A response over the small test knowledge base.")
    assert "!!" not in text and "resolved: false" in text and "untracked: true" in text


def test_a_bad_proposal_is_located_and_explained(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    text = (DATA / "responses" / "sample.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      - text: A detailed point under the paragraph above.\n",
        "      - text: A detailed point under the paragraph above.\n"
        "        proposals:\n          - by: Ann\n            wording: oops\n",
    )
    path.write_text(text, encoding="utf-8")
    problems = [str(p) for p in read_response(path).problems]
    assert any("unknown field 'wording'" in p and "bad.yaml:" in p for p in problems), problems
    assert any("has no 'text'" in p for p in problems), problems


def test_files_without_review_parts_read_as_before() -> None:
    loaded = read_response(DATA / "responses" / "sample.yaml")
    assert loaded.problems == [] or all(not p.is_error for p in loaded.problems)
    assert not loaded.response.review and all(not p.proposals for s in loaded.response.sections for p in s.paragraphs)
    assert Stamp.of_file(DATA / "responses" / "sample.yaml").digest
