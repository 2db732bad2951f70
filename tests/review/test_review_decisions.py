"""The officer's decisions on a review, through the headless API a review screen calls."""

from __future__ import annotations

from dataclasses import replace

from policydesk.model.response import Consultation, Paragraph, Response, Section
from policydesk.model.review import Proposal, ReviewNote
from policydesk.review.decisions import Owner, decide, owners, reply, resolve

DRAFT = "Councils need sustained funding for kinship care and more staff."


def draft_of(paragraph: Paragraph) -> str:
    return paragraph.text


def response_with(*proposals: Proposal, notes: tuple[ReviewNote, ...] = ()) -> Response:
    para = Paragraph(text=DRAFT, proposals=proposals, notes=notes)
    added = Paragraph(text="A new point.", proposals=(Proposal("Ann", "", "insert", "A new point."),))
    section = Section("Do you agree?", (para, added), number="1", answer="Agree", scale="agreement")
    return Response("r", Consultation("T", "D"), sections=(section,))


def test_accepting_one_edit_moves_the_other_onto_the_new_text() -> None:
    first = Proposal("Ann", "2024-03-20T10:00:00Z", "edit", DRAFT.replace("sustained", "long-term"))
    second = Proposal("Bob", "2024-03-20T11:00:00Z", "edit", DRAFT.replace("more staff", "more social workers"))
    after = decide(response_with(first, second), Owner(0, 0), 0, "accept", draft_of)
    para = after.sections[0].paragraphs[0]
    assert para.text == first.text
    (left,) = para.proposals
    assert left.by == "Bob" and left.text == "Councils need long-term funding for kinship care and more social workers."


def test_rejecting_keeps_the_text_and_drops_the_proposal() -> None:
    first = Proposal("Ann", "", "edit", DRAFT.replace("sustained", "long-term"))
    after = decide(response_with(first), Owner(0, 0), 0, "reject", draft_of)
    assert after.sections[0].paragraphs[0].text == DRAFT and after.sections[0].paragraphs[0].proposals == ()


def test_proposed_paragraphs_and_deletions() -> None:
    base = response_with()
    kept = decide(base, Owner(0, 1), 0, "accept", draft_of)
    assert kept.sections[0].paragraphs[1].proposals == () and kept.sections[0].paragraphs[1].text == "A new point."
    dropped = decide(base, Owner(0, 1), 0, "reject", draft_of)
    assert [p.text for p in dropped.sections[0].paragraphs] == [DRAFT]
    deleting = response_with(Proposal("Ann", "", "delete"))
    assert [p.text for p in decide(deleting, Owner(0, 0), 0, "accept", draft_of).sections[0].paragraphs] == [
        "A new point."
    ]


def test_an_answer_proposal_must_be_an_allowed_answer() -> None:
    base = response_with()
    section = replace(base.sections[0], proposals=(Proposal("Ann", "", "edit", "Disagree.", field="answer"),))
    after = decide(base.with_section(0, section), Owner(0), 0, "accept", draft_of)
    assert after.sections[0].answer == "Disagree"


def test_replying_and_resolving_keep_the_thread() -> None:
    note = ReviewNote("Ann", "2024-03-20T10:00:00Z", "Which survey?", anchor="kinship care")
    base = response_with(notes=(note,))
    assert owners(base) == [Owner(0, 0), Owner(0, 1)]
    answered = reply(base, Owner(0, 0), 0, "Jane Smith", "2024-03-22T09:00:00Z", "The 2023 one.")
    (thread,) = answered.sections[0].paragraphs[0].notes
    assert [(r.by, r.text) for r in thread.replies] == [("Jane Smith", "The 2023 one.")]
    assert resolve(answered, Owner(0, 0), 0).sections[0].paragraphs[0].notes[0].resolved
