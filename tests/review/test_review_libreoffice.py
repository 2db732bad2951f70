"""LibreOffice as the second editor: a rendered response is reviewed in LibreOffice (a Basic macro records
changes, edits, accepts one of our changes, rejects another, comments, saves as .docx) and read back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx_reader import DocxXml, q
from lo_editor import edit
from review_helpers import loaded, policydesk, sent_docx, workspace

from policydesk.render import anchors


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One LibreOffice session: the review, and a copy opened and saved with no edits."""
    root = tmp_path_factory.mktemp("lo-review")
    response = workspace(root)
    sent = sent_docx(response)
    returned, untouched = root / "returned.docx", root / "untouched.docx"
    edit([(sent, returned, "review"), (sent, untouched, "none")], root)
    return {"root": root, "response": response, "sent": sent, "returned": returned, "untouched": untouched}


def review(reviewed, *extra: str) -> dict:
    code, out = policydesk(
        "--kb",
        str(reviewed["root"] / "positions"),
        "review",
        str(reviewed["response"]),
        str(reviewed["returned"]),
        "--json",
        *extra,
    )
    assert code == 0
    return json.loads(out)


def test_anchors_survive_an_edit_and_save_in_libreoffice(reviewed) -> None:
    def names(path: Path) -> set[str]:
        doc = DocxXml(path)
        return {b.get(q("w:name")) for b in doc.document.iter(q("w:bookmarkStart"))}

    sent = {n for n in names(reviewed["sent"]) if n.startswith(anchors.PREFIX)}
    assert len(sent) > 20 and any(n.startswith("_pd_sent_") for n in sent)
    assert sent <= names(reviewed["untouched"])
    deleted = {"_pd_s1_p3_1"}  # the paragraph the reviewer deleted keeps its bookmark inside the deletion
    assert sent - deleted <= names(reviewed["returned"])


def test_a_round_trip_with_no_edits_reports_nothing(reviewed) -> None:
    code, out = policydesk(
        "--kb",
        str(reviewed["root"] / "positions"),
        "review",
        str(reviewed["response"]),
        str(reviewed["untouched"]),
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["items"] == [] and data["not_placed"] == [], data


def test_every_change_and_comment_is_placed(reviewed) -> None:
    data = review(reviewed)
    assert data["not_placed"] == []
    found = {(i["kind"], i["place"]["part"], i["place"]["section"], i["place"]["paragraph"]) for i in data["items"]}
    assert found == {
        ("untracked", "paragraph", 1, 2),  # "training for all carers", typed with Track Changes off
        ("deleted", "paragraph", 1, 3),  # the level-2 paragraph, deleted with tracking
        ("accepted", "paragraph", 2, 1),  # our "very "
        ("rejected", "paragraph", 2, 1),  # our "quickly "
        ("format", "paragraph", 2, 1),  # "agency social work" made bold
        ("inserted", "paragraph", 2, 1),  # a new paragraph after it
        ("change", "paragraph", 3, 2),  # "flexibility" -> "room for manoeuvre"
        ("comment", "key message", 2, 0),
        ("comment", "paragraph", 1, 1),
    }
    by_kind = {i["kind"]: i for i in data["items"] if i["kind"] != "comment"}
    assert {i["author"] for i in data["items"]} == {"Ann Reviewer"}
    change = by_kind["change"]["diff"]
    assert {"op": "delete", "text": "flexibility"} in change
    assert {"op": "insert", "text": "room for manoeuvre"} in change
    assert by_kind["accepted"]["diff"] == [{"op": "insert", "text": "very "}]
    assert by_kind["rejected"]["diff"] == [{"op": "insert", "text": "quickly "}]
    assert {"op": "insert", "text": "all "} in by_kind["untracked"]["diff"]
    comments = {i["text"]: i for i in data["items"] if i["kind"] == "comment"}
    assert comments["Name the pathfinder areas?"]["anchor"] == "pathfinders"
    assert not comments["Name the pathfinder areas?"]["resolved"]
    assert comments["Good."]["resolved"] and comments["Good."]["anchor"] == "wider family"
    assert comments["Good."]["date"].startswith("2024-03-21T10:30")


def test_apply_then_a_second_render_shows_the_reviewers_proposals_and_open_comments(reviewed, tmp_path: Path) -> None:
    before = loaded(reviewed["response"])
    data = review(reviewed, "--apply")
    assert data["applied"]["conflicts"] == []
    after = loaded(reviewed["response"])
    q1, q2, funding = after.sections
    # accepted text: our rejected "quickly " is gone from the draft, our accepted "very " stays
    assert q2.paragraphs[0].text == (
        "We are very pleased the Department is acting on agency social work, and we want to keep working with it."
    )
    assert q2.paragraphs[0].position == "agency-social-workers"  # a quoted position stays quoted
    # pending proposals, each by its reviewer
    (bold,) = q2.paragraphs[0].proposals
    assert bold.by == "Ann Reviewer" and "**agency social work**" in bold.text
    assert q2.paragraphs[1].text == "We also ask for a national recruitment campaign."
    assert q2.paragraphs[1].proposed is not None and q2.paragraphs[1].proposed.by == "Ann Reviewer"
    (manoeuvre,) = funding.paragraphs[1].proposals
    assert "room for manoeuvre" in manoeuvre.text and funding.paragraphs[1].text == ""
    (deletion,) = q1.paragraphs[2].proposals
    assert deletion.kind == "delete" and q1.paragraphs[2].text == before.sections[0].paragraphs[2].text
    (untracked,) = q1.paragraphs[1].proposals
    assert untracked.untracked and "training for all carers" in untracked.text
    assert q1.paragraphs[1].text == before.sections[0].paragraphs[1].text
    # comments as review notes
    (good,) = q1.paragraphs[0].notes
    assert (good.by, good.text, good.anchor, good.resolved) == ("Ann Reviewer", "Good.", "wider family", True)
    (pathfinders,) = after.review.notes
    assert (pathfinders.place, pathfinders.text, pathfinders.resolved) == (
        "key message 2",
        "Name the pathfinder areas?",
        False,
    )
    # second render: proposals as tracked changes by their reviewer, open notes as comments, our changes by the officer
    out = tmp_path / "second.docx"
    kb = str(reviewed["root"] / "positions")
    code, _ = policydesk("--kb", kb, "render", str(reviewed["response"]), "--out", str(out))
    assert code == 0
    doc = DocxXml(out)
    authors = {(el.tag.rpartition("}")[2], el.get(q("w:author"))) for el in doc.document.iter(q("w:ins"), q("w:del"))}
    assert ("del", "Ann Reviewer") in authors and ("ins", "Ann Reviewer") in authors
    assert ("ins", "Jane Smith") in authors  # the officer's own departure from the agreed text
    assert all(author in ("Ann Reviewer", "Jane Smith") for _, author in authors)
    texts = {(c.get(q("w:author")), "".join(c.itertext())) for c in doc.comments}
    assert ("Ann Reviewer", "Name the pathfinder areas?") in texts
    assert ("Ann Reviewer", "Good.") not in texts  # resolved notes stay in the file only
    accepted = [p.accepted for p in doc.paragraphs if p.mark != "del"]
    assert any("room for manoeuvre" in t for t in accepted)
    assert "We also ask for a national recruitment campaign." in accepted


def test_a_second_round_saved_with_no_edits_reports_nothing_new(reviewed, tmp_path: Path) -> None:
    """The second render carries the first reviewer's proposals as their tracked changes; opened and saved in
    LibreOffice with no edits, the review finds nothing new, and applying it changes nothing."""
    if not loaded(reviewed["response"]).review:
        review(reviewed, "--apply")
    kb = str(reviewed["root"] / "positions")
    code, _ = policydesk("--kb", kb, "render", str(reviewed["response"]))
    assert code == 0
    second = sent_docx(reviewed["response"])
    untouched = tmp_path / "second-untouched.docx"
    edit([(second, untouched, "none")], tmp_path)
    code, out = policydesk("--kb", kb, "review", str(reviewed["response"]), str(untouched), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["not_placed"] == []
    assert {i["author"] for i in data["items"]} == {"Ann Reviewer"}  # her proposals, still pending
    assert not [i for i in data["items"] if i["kind"] in ("comment", "accepted", "rejected")]
    before = loaded(reviewed["response"])
    code, _ = policydesk("--kb", kb, "review", str(reviewed["response"]), str(untouched), "--apply")
    assert code == 0
    assert loaded(reviewed["response"]) == before
