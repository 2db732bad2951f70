"""The officer's decisions on what a review left: accept or reject a proposal, reply to or resolve a note.

Each function takes a Response and returns a new one. `Owner` names what holds the proposal or note: a paragraph
(section and paragraph indexes, from 0), a section (paragraph None), or the response as a whole (section None).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from policydesk.merge import merged_text
from policydesk.model.problems import InputError, Problem
from policydesk.model.response import Paragraph, Response
from policydesk.model.review import Proposal, Reply, Review, ReviewNote

Decision = Literal["accept", "reject"]
DraftOf = Callable[[Paragraph], str]


@dataclass(frozen=True)
class Owner:
    """What a proposal or note belongs to."""

    section: int | None = None
    paragraph: int | None = None


def _refuse(message: str) -> InputError:
    return InputError(Problem("review", None, None, message, "reload the response and try again"))


def proposals_of(response: Response, owner: Owner) -> tuple[Proposal, ...]:
    if owner.section is None:
        return response.review.proposals
    section = response.sections[owner.section]
    return section.proposals if owner.paragraph is None else section.paragraphs[owner.paragraph].proposals


def notes_of(response: Response, owner: Owner) -> tuple[ReviewNote, ...]:
    if owner.section is None:
        return response.review.notes
    section = response.sections[owner.section]
    return section.notes if owner.paragraph is None else section.paragraphs[owner.paragraph].notes


def _with(response: Response, owner: Owner, proposals=None, notes=None) -> Response:
    def keep(old, new):
        return old if new is None else tuple(new)

    if owner.section is None:
        review = Review(keep(response.review.proposals, proposals), keep(response.review.notes, notes))
        return replace(response, review=review)
    section = response.sections[owner.section]
    if owner.paragraph is None:
        section = replace(section, proposals=keep(section.proposals, proposals), notes=keep(section.notes, notes))
        return response.with_section(owner.section, section)
    para = section.paragraphs[owner.paragraph]
    para = replace(para, proposals=keep(para.proposals, proposals), notes=keep(para.notes, notes))
    return response.set_paragraph(owner.section, owner.paragraph, para)


def decide(response: Response, owner: Owner, index: int, decision: Decision, draft_of: DraftOf) -> Response:
    """Accept or reject proposal `index` of `owner`; the other proposals stay, moved onto the new text."""
    proposals = proposals_of(response, owner)
    if not 0 <= index < len(proposals):
        raise _refuse(f"there is no proposal {index + 1} here")
    proposal = proposals[index]
    rest = proposals[:index] + proposals[index + 1 :]
    if decision == "reject":
        if proposal.kind == "insert" and owner.paragraph is not None:
            return response.remove_paragraph(owner.section, owner.paragraph)  # type: ignore[arg-type]
        return _with(response, owner, proposals=rest)
    if owner.section is None:
        return _accept_on_response(response, proposal, rest)
    if owner.paragraph is None:
        return _accept_on_section(response, owner, proposal, rest)
    para = response.sections[owner.section].paragraphs[owner.paragraph]
    if proposal.kind == "delete":
        return response.remove_paragraph(owner.section, owner.paragraph)
    if proposal.kind == "insert":
        return _with(response, owner, proposals=rest)
    old = draft_of(para)
    moved = []
    for other in rest:
        if other.kind == "edit":
            text = merged_text(old, proposal.text, other.text)
            other = replace(other, text=text) if text is not None else replace(other, conflict=True)
        moved.append(other)
    para = replace(para, text=proposal.text, proposals=tuple(moved))
    return response.set_paragraph(owner.section, owner.paragraph, para)


def _accept_on_section(response: Response, owner: Owner, proposal: Proposal, rest: tuple) -> Response:
    assert owner.section is not None
    section = response.sections[owner.section]
    if proposal.kind == "delete" and proposal.field != "answer":
        return response.remove_section(owner.section)
    if proposal.field == "answer":
        answer = None if proposal.kind == "delete" else proposal.text.strip().rstrip(".")
        if answer is not None and section.answers and answer not in section.answers:
            raise _refuse(f"'{answer}' is not one of the answers {section.label} allows")
        section = replace(section, answer=answer, proposals=rest)
    else:
        title = proposal.text.removeprefix(f"Question {section.number}: ").strip()
        section = replace(section, title=title, proposals=rest)
    return response.with_section(owner.section, section)


def _accept_on_response(response: Response, proposal: Proposal, rest: tuple) -> Response:
    if proposal.field.startswith("key message ") and proposal.kind == "edit":
        number = int(proposal.field.removeprefix("key message ").split()[0])
        messages = list(response.key_messages)
        if 0 < number <= len(messages):
            messages[number - 1] = proposal.text.removeprefix("- ").strip()
            response = replace(response, key_messages=tuple(messages))
    return replace(response, review=replace(response.review, proposals=rest))


def reply(response: Response, owner: Owner, index: int, by: str, on: str, text: str) -> Response:
    """Add the officer's reply to note `index`; the next render shows it in the comment's thread."""
    notes = list(notes_of(response, owner))
    if not 0 <= index < len(notes):
        raise _refuse(f"there is no note {index + 1} here")
    if not text.strip():
        raise _refuse("the reply is empty")
    notes[index] = replace(notes[index], replies=notes[index].replies + (Reply(by, on, text.strip()),))
    return _with(response, owner, notes=notes)


def resolve(response: Response, owner: Owner, index: int, resolved: bool = True) -> Response:
    """Mark note `index` resolved (it stays in the file, and is no longer shown in Word), or open again."""
    notes = list(notes_of(response, owner))
    if not 0 <= index < len(notes):
        raise _refuse(f"there is no note {index + 1} here")
    notes[index] = replace(notes[index], resolved=resolved)
    return _with(response, owner, notes=notes)


def owners(response: Response) -> list[Owner]:
    """Everything that carries proposals or notes, in document order (for stepping through them)."""
    found = [Owner()] if response.review else []
    for s, section in enumerate(response.sections):
        if section.proposals or section.notes:
            found.append(Owner(s))
        found.extend(Owner(s, p) for p, para in enumerate(section.paragraphs) if para.proposals or para.notes)
    return found
