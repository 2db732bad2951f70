"""Bring a review into the response: decided text, pending proposals and notes, without overwriting the officer.

The response may have changed since the document was sent. Each place is found again in the current response;
where the officer changed a paragraph and the reviewer changed it too, both are merged when they touch different
words, and otherwise the officer's text stays and the reviewer's is kept beside it as a conflicting proposal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from policydesk.merge import merged_text
from policydesk.model.library import Library
from policydesk.model.problems import InputError
from policydesk.model.response import Paragraph, Response, Section
from policydesk.model.review import Proposal, Review, ReviewNote
from policydesk.render.assemble import pinned
from policydesk.review.items import Outcome, ReviewResult
from policydesk.review.markdown_out import normalised, same_text

DraftOf = Callable[[Paragraph], str]


def draft_text(library: Library) -> DraftOf:
    """How a paragraph reads in the draft: its own wording, or the text of the version it quotes."""

    def draft(paragraph: Paragraph) -> str:
        if paragraph.position is None or paragraph.edited:
            return paragraph.text
        try:
            return pinned(paragraph, library, paragraph.position)[1].text
        except InputError:
            return paragraph.text

    return draft


@dataclass
class Applied:
    """The updated response and what the officer should know about it."""

    response: Response
    conflicts: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def _content(p: Paragraph) -> tuple:
    return p.position, p.version, p.text.strip(), p.level, p.subheading


def match_section(sent: Response, current: Response, s: int) -> int | None:
    """The index in `current` of section `s` (0-based) of `sent`: same question number, else same heading."""
    if not 0 <= s < len(sent.sections):
        return None
    wanted = sent.sections[s]
    for i, section in enumerate(current.sections):
        if wanted.is_question and section.number == wanted.number:
            return i
    for i, section in enumerate(current.sections):
        if not wanted.is_question and not section.is_question and section.title == wanted.title:
            return i
    return None


def match_paragraph(sent: Section, current: Section, p: int) -> int | None:
    """The index in `current` of paragraph `p` (0-based) of `sent`: unchanged, else the same position, else the
    most alike text."""
    wanted = sent.paragraphs[p]
    same = [i for i, q in enumerate(current.paragraphs) if _content(q) == _content(wanted)]
    if same:
        return min(same, key=lambda i: abs(i - p))
    if wanted.position:
        quoted = [i for i, q in enumerate(current.paragraphs) if q.position == wanted.position]
        if quoted:
            return min(quoted, key=lambda i: abs(i - p))
    scored = [(fuzz.ratio(q.text, wanted.text), i) for i, q in enumerate(current.paragraphs) if not q.subheading]
    best = max(scored, default=(0, None))
    return best[1] if best[0] >= 60 else None


def _same(a, b) -> bool:
    """The same proposal or note seen again (a later round of the same review), whatever its flags and dates."""
    if isinstance(a, Proposal) and isinstance(b, Proposal):
        return (a.by, a.kind, a.field) == (b.by, b.kind, b.field) and same_text(a.text, b.text)
    if isinstance(a, ReviewNote) and isinstance(b, ReviewNote):
        return (a.by, a.text, a.anchor) == (b.by, b.text, b.anchor)
    return a == b


def _add(items: tuple, new: list) -> tuple:
    added = list(items)
    for x in new:
        if not any(_same(x, y) for y in added):
            added.append(x)
    return tuple(added)


class _Applier:
    def __init__(self, current: Response, sent: Response, result: ReviewResult, draft_of: DraftOf, confirm: bool):
        self.response, self.sent, self.result, self.draft_of, self.confirm = current, sent, result, draft_of, confirm
        self.applied = Applied(current)
        self.review_proposals: list[Proposal] = []
        self.review_notes: list[ReviewNote] = []
        self.inserts: list[tuple[int, int, list[Paragraph]]] = []

    def run(self) -> Applied:
        for key, outcome in sorted(self.result.outcomes.items()):
            part = key[0]
            if part == "paragraph":
                self.paragraph(key[1] - 1, key[2] - 1, outcome)
            elif part in ("heading", "answer"):
                self.section_part(key[1] - 1, part, outcome)
            else:
                self.elsewhere(outcome.place.label, outcome)
        for item in self.result.not_placed:
            if item.note is not None:
                self.review_notes.append(item.note)
            elif item.kind == "inserted" and item.text:
                proposal = Proposal(item.author, item.date, "insert", item.text, field=item.place.label)
                self.review_proposals.append(proposal)
        for s, at, paragraphs in sorted(self.inserts, key=lambda x: (x[0], x[1]), reverse=True):
            for paragraph in reversed(paragraphs):
                self.response = self.response.add_paragraph(s, paragraph, at)
        self.deleted_questions()
        review = self.response.review
        self.response = replace(
            self.response,
            review=Review(_add(review.proposals, self.review_proposals), _add(review.notes, self.review_notes)),
        )
        self.applied.response = self.response
        return self.applied

    def unplaced(self, label: str, outcome: Outcome, why: str) -> None:
        """Keep what belongs to a place the current response no longer has, on the response as a whole."""
        self.review_proposals.extend(replace(p, field=label) for p in outcome.proposals)
        if outcome.deleted:
            self.review_proposals.append(replace(outcome.deleted, field=label))
        self.review_proposals.extend(replace(p, field=label) for p in outcome.inserted)
        if not same_text(outcome.decided, outcome.sent_text):
            self.review_proposals.append(Proposal(self.result.reviewer, "", "edit", outcome.decided, field=label))
        self.review_notes.extend(replace(n, place=n.place or label) for n in outcome.notes)
        if outcome.proposals or outcome.notes or outcome.deleted or outcome.inserted:
            self.applied.messages.append(f"{label}: {why}; its review is kept on the response as a whole")

    def elsewhere(self, label: str, outcome: Outcome) -> None:
        self.review_proposals.extend(replace(p, field=label) for p in outcome.proposals)
        self.review_proposals.extend(replace(p, field=label) for p in outcome.inserted)
        if outcome.deleted:
            self.review_proposals.append(replace(outcome.deleted, field=label))
        self.review_notes.extend(replace(n, place=n.place or label) for n in outcome.notes)

    def section_part(self, s: int, part: str, outcome: Outcome) -> None:
        index = match_section(self.sent, self.response, s)
        if index is None:
            self.unplaced(outcome.place.label, outcome, "the section is no longer in the response")
            return
        section = self.response.sections[index]
        proposals = [replace(p, field="heading" if part == "heading" else "answer") for p in outcome.proposals]
        if outcome.deleted and part == "answer":
            proposals.append(replace(outcome.deleted, field="answer"))
        section = replace(
            section, proposals=_add(section.proposals, proposals), notes=_add(section.notes, outcome.notes)
        )
        self.response = self.response.with_section(index, section)
        new = [Paragraph(text=p.text, proposals=(p,)) for p in outcome.inserted]
        if new:
            self.inserts.append((index, 0, new))

    def paragraph(self, s: int, p: int, outcome: Outcome) -> None:
        index = match_section(self.sent, self.response, s)
        at = match_paragraph(self.sent.sections[s], self.response.sections[index], p) if index is not None else None
        if index is None or at is None:
            self.unplaced(outcome.place.label, outcome, "the paragraph is no longer in the response")
            return
        sent_para = self.sent.sections[s].paragraphs[p]
        para = self.response.sections[index].paragraphs[at]
        changed = _content(para) != _content(sent_para)
        base = outcome.sent_text
        ours = normalised(self.draft_of(para)) if changed else base
        proposals: list[Proposal] = []
        text = para.text
        if not same_text(outcome.decided, base):
            merged = merged_text(base, ours, outcome.decided) if changed else outcome.decided
            if merged is None:
                proposals.append(Proposal(self.result.reviewer, "", "edit", outcome.decided, conflict=True))
                self._conflict(outcome.place.label, ours, outcome.decided)
            else:
                text = merged
        for proposal in outcome.proposals:
            if changed:
                rebased = merged_text(base, ours, proposal.text)
                if rebased is None:
                    proposals.append(replace(proposal, conflict=True))
                    self._conflict(outcome.place.label, ours, proposal.text)
                    continue
                proposal = replace(proposal, text=rebased)
            proposals.append(proposal)
        if outcome.deleted:
            proposals.append(outcome.deleted)
        para = replace(
            para, text=text, proposals=_add(para.proposals, proposals), notes=_add(para.notes, outcome.notes)
        )
        self.response = self.response.set_paragraph(index, at, para)
        fresh = [x for x in outcome.inserted if not any(_same(x, y) for y in para.proposals)]
        new = [Paragraph(text=x.text, proposals=(x,)) for x in fresh]
        if new:
            self.inserts.append((index, at + 1, new))

    def _conflict(self, label: str, officer: str, reviewer: str) -> None:
        self.applied.conflicts.append(f"{label}\n  officer:  {officer}\n  reviewer: {reviewer}")

    def deleted_questions(self) -> None:
        for s in sorted(self.result.deleted_questions, reverse=True):
            index = match_section(self.sent, self.response, s - 1)
            if index is None:
                continue
            section = self.response.sections[index]
            sent = self.sent.sections[s - 1]
            untouched = [_content(p) for p in sent.paragraphs] == [
                _content(replace(p, proposals=(), notes=())) for p in section.paragraphs
            ]
            if self.confirm and untouched:
                self.response = self.response.remove_section(index)
                self.applied.messages.append(f"{sent.label} was deleted by the reviewer and is removed, as confirmed")
                continue
            deletion = Proposal(self.result.reviewer, "", "delete")
            section = replace(section, proposals=_add(section.proposals, [deletion]))
            self.response = self.response.with_section(index, section)
            why = "it changed since it was sent" if self.confirm else "accept the proposal to remove it"
            self.applied.messages.append(
                f"{sent.label} was deleted by the reviewer; it is kept, with a proposal to delete it ({why})"
            )


def apply_review(
    current: Response, sent: Response, result: ReviewResult, draft_of: DraftOf, confirm_deletions: bool = False
) -> Applied:
    """The current response with the review taken in; `sent` is the response as it was rendered and sent."""
    return _Applier(current, sent, result, draft_of, confirm_deletions).run()
