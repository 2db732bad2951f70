"""Returned documents as Word writes them: other reviewers, w:rsid runs, threaded and resolved comments,
moved text and tracked formatting, all read back to their place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from review_helpers import loaded, policydesk, sent_docx, workspace
from word_style import WordEdit

PATEL, WONG = "Cllr Priya Patel", "Cllr Sam Wong"
T1, T2 = "2024-03-20T09:15:00Z", "2024-03-20T11:40:00Z"


@pytest.fixture
def returned(tmp_path: Path) -> tuple[Path, Path]:
    response = workspace(tmp_path)
    word = WordEdit(sent_docx(response).read_bytes())
    word.replace("Lowering the deficit trigger", "takes flexibility away", "removes flexibility", PATEL, T1)
    word.settle_ours("quickly ", accept=True)
    word.settle_ours("very ", accept=False)
    word.bold("We would add three points", "three points", WONG, T2)
    word.restyle("Funding must reach every council", "ListBullet2", WONG, T2)
    word.move("A detailed point under the paragraph above.", "keep working with it", PATEL, T1)
    word.comment(
        "Funding must reach every council",
        "every council",
        PATEL,
        T1,
        "Which councils miss out?",
        replies=((WONG, T2, "The ones outside the pathfinders."), ("Jane Smith", "2024-03-21T08:00:00Z", "Agreed.")),
        done=True,
    )
    word.comment(
        "We strongly welcome",
        "kinship carers",
        WONG,
        T2,
        "Add the figure from the survey.",
        replies=((PATEL, "2024-03-20T12:00:00Z", "Which survey?"),),
    )
    out = tmp_path / "returned-from-word.docx"
    out.write_bytes(word.save())
    return response, out


def review(response: Path, returned: Path, *extra: str) -> dict:
    code, out = policydesk(
        "--kb", str(response.parent.parent / "positions"), "review", str(response), str(returned), "--json", *extra
    )
    assert code == 0, out
    return json.loads(out)


def test_word_changes_comments_and_moves_are_placed(returned) -> None:
    response, docx = returned
    data = review(response, docx)
    assert data["not_placed"] == []
    items = data["items"]
    kinds = sorted((i["kind"], i["place"]["label"], i["author"]) for i in items)
    assert kinds == sorted(
        [
            ("accepted", "question 2, paragraph 1", PATEL),
            ("rejected", "question 2, paragraph 1", PATEL),
            ("change", 'section "Funding", paragraph 2', PATEL),
            ("format", "question 1, paragraph 2", WONG),
            ("moved", "question 1, paragraph 3", PATEL),
            ("comment", "key message 2", PATEL),
            ("format", "key message 2", WONG),
            ("comment", "question 1, paragraph 1", WONG),
        ]
    ), kinds
    moved = next(i for i in items if i["kind"] == "moved")
    assert moved["to"]["label"] == "question 2, paragraph 1"
    thread = next(i for i in items if i["text"] == "Which councils miss out?")
    assert thread["resolved"] and thread["anchor"] == "every council"
    assert [(r["by"], r["text"]) for r in thread["replies"]] == [
        (WONG, "The ones outside the pathfinders."),
        ("Jane Smith", "Agreed."),
    ]
    change = next(i for i in items if i["kind"] == "change")
    assert change["date"] == T1
    assert {"op": "insert", "text": "removes"} in change["diff"] or any(
        d["op"] == "insert" and "removes" in d["text"] for d in change["diff"]
    )


def test_applying_a_word_review_keeps_every_word(returned) -> None:
    response, docx = returned
    review(response, docx, "--apply")
    after = loaded(response)
    q1, q2, funding = after.sections
    # our "quickly " was accepted and "very " rejected: the draft now reads that way
    assert q2.paragraphs[0].text.startswith("We are pleased the Department is acting quickly")
    (moved_away,) = q1.paragraphs[2].proposals
    assert moved_away.kind == "delete" and moved_away.moved and moved_away.by == PATEL
    arrived = q2.paragraphs[1]
    assert arrived.text == "A detailed point under the paragraph above." and arrived.proposed.moved
    (bold,) = q1.paragraphs[1].proposals
    assert bold.by == WONG and "**three points**" in bold.text
    (trigger,) = funding.paragraphs[1].proposals
    assert "removes flexibility from councils" in trigger.text
    (thread,) = after.review.notes
    assert thread.resolved and [r.by for r in thread.replies] == [WONG, "Jane Smith"]
    (survey,) = q1.paragraphs[0].notes
    assert (survey.by, survey.on, survey.resolved) == (WONG, T2, False)
    assert [(r.by, r.text) for r in survey.replies] == [(PATEL, "Which survey?")]


def test_a_second_render_threads_open_comments_and_passes_the_schemas(returned, tmp_path: Path) -> None:
    from docx_reader import DocxXml, q
    from ooxml_schemas import schema_errors

    response, docx = returned
    review(response, docx, "--apply")
    out = tmp_path / "again.docx"
    code, _ = policydesk("--kb", str(response.parent.parent / "positions"), "render", str(response), "--out", str(out))
    assert code == 0
    data = out.read_bytes()
    assert schema_errors(data) == []
    doc = DocxXml(data)
    comments = {"".join(c.itertext()): c.get(q("w:author")) for c in doc.comments}
    assert comments["Add the figure from the survey."] == WONG and comments["Which survey?"] == PATEL
    assert "word/commentsExtended.xml" in doc.names
    w14, w15 = (
        "http://schemas.microsoft.com/office/word/2010/wordml",
        "http://schemas.microsoft.com/office/word/2012/wordml",
    )
    ids = {"".join(c.itertext()): c.findall(q("w:p"))[-1].get(f"{{{w14}}}paraId") for c in doc.comments}
    extended = doc.parts["word/commentsExtended.xml"]
    thread = {e.get(f"{{{w15}}}paraId"): e.get(f"{{{w15}}}paraIdParent") for e in extended}
    assert thread[ids["Which survey?"]] == ids["Add the figure from the survey."]
    assert "Which councils miss out?" not in comments  # resolved: kept in the response file, not shown again
    authors = {el.get(q("w:author")) for el in doc.document.iter(q("w:ins"), q("w:del"))}
    assert {PATEL, WONG, "Jane Smith"} <= authors
