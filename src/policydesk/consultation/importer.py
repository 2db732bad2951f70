"""Turn a consultation document into a new draft response: chapter headings, then every question, unanswered."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from policydesk.consultation.details import Details, find_details
from policydesk.consultation.finder import FoundQuestion, find_questions
from policydesk.consultation.read import read_document
from policydesk.model.problems import InputError, Problem
from policydesk.model.response import Consultation, Response, Section, starter
from policydesk.model.rules import slug_from, slug_problem
from policydesk.store.yaml_io import display_path


@dataclass(frozen=True)
class ImportedConsultation:
    """The new response, the questions it holds and the 'About you' questions left out of it."""

    response: Response
    questions: tuple[FoundQuestion, ...]
    about_you: tuple[FoundQuestion, ...]
    details: Details

    @property
    def chapters(self) -> int:
        return sum(1 for s in self.response.sections if not s.is_question)

    def answer_types(self) -> Counter[str]:
        return Counter(q.scale or "choice" for q in self.questions)


def _sections(questions: tuple[FoundQuestion, ...]) -> tuple[Section, ...]:
    sections: list[Section] = []
    chapter: str | None = None
    for question in questions:
        if question.chapter and question.chapter != chapter:
            sections.append(Section(question.chapter))
        chapter = question.chapter
        sections.append(
            Section(
                question.text,
                number=question.number,
                scale=question.scale,
                options=question.options,
                limit=question.limit,
            )
        )
    return tuple(sections)


def read_consultation(
    path: Path,
    *,
    slug: str | None = None,
    title: str | None = None,
    department: str | None = None,
    closes: date | None = None,
    link: str | None = None,
    include_about_you: bool = False,
) -> ImportedConsultation:
    """Read the document and build the response; raises InputError when it cannot be read or asks nothing."""
    shown = display_path(path)
    document = read_document(path)
    found = find_questions(list(document.blocks), include_about_you)
    if not found.questions:
        if found.about_you:
            message = f"the document asks only 'About you' questions ({len(found.about_you)})"
            hint = "add --all to import them, or check that this is the consultation document itself"
        else:
            message = "no consultation questions were found in the document"
            hint = (
                "questions are found when numbered ('Question 1:', 'Q1.', '1.', '1a)' or a numbered list) and "
                "worded as questions; check that this is the consultation document, or start with 'policydesk new'"
            )
        raise InputError(Problem(shown, None, None, message, hint))
    details = find_details(document)
    title = (title or details.title).strip()
    department = (department or details.department).strip()
    if not title:
        raise InputError(
            Problem(shown, None, None, "the document gives no title", "give the consultation's title with --title")
        )
    if not department:
        raise InputError(
            Problem(
                shown,
                None,
                None,
                "the document does not name the government department consulting",
                "give it with --department, for example --department 'Department for Education'",
            )
        )
    slug = slug or slug_from(title) or slug_from(path.stem)
    if slug_problem(slug):
        raise InputError(
            Problem(shown, None, None, f"'{slug}' is not a usable response name", "give one with --slug send-plan")
        )
    consultation = Consultation(title, department, closes or details.closes, link or details.link)
    response = replace(starter(slug, consultation), sections=_sections(found.questions))
    return ImportedConsultation(response, found.questions, found.about_you, details)


def import_consultation(
    path: Path,
    *,
    slug: str | None = None,
    title: str | None = None,
    department: str | None = None,
    closes: date | None = None,
    link: str | None = None,
    include_about_you: bool = False,
) -> Response:
    """The new response for a consultation document, not yet saved; raises InputError as read_consultation does."""
    return read_consultation(
        path,
        slug=slug,
        title=title,
        department=department,
        closes=closes,
        link=link,
        include_about_you=include_about_you,
    ).response
