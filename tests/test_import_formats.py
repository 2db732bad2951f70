"""One 33-question consultation, written as .docx, .odt, .doc, .pdf, .html, .md and .txt, imports the same way."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from consultation_documents import (
    ABOUT_YOU,
    DEPARTMENT,
    LINK,
    QUESTIONS,
    TITLE,
    write_docx,
    write_html,
    write_markdown,
    write_text,
)
from libreoffice import convert, pdf_text

from policydesk.consultation.blocks import Document
from policydesk.consultation.details import find_details
from policydesk.consultation.finder import FoundQuestion, find_questions
from policydesk.consultation.read import read_document

FORMATS = ["docx", "odt", "doc", "pdf", "html", "md", "txt"]


@pytest.fixture(scope="module")
def paths(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each format read once: the .odt, .doc and .pdf converted from the .docx by LibreOffice, one run each."""
    work = tmp_path_factory.mktemp("consultation")
    source = write_docx(work / "kinship.docx")
    paths = {
        "docx": source,
        "html": write_html(work / "kinship.html"),
        "md": write_markdown(work / "kinship.md"),
        "txt": write_text(work / "kinship.txt"),
    }
    for fmt in ("odt", "doc", "pdf"):
        paths[fmt] = convert([source], fmt, work)[0]
    return paths


@pytest.fixture(scope="module")
def documents(paths: dict[str, Path]) -> dict[str, Document]:
    return {fmt: read_document(path) for fmt, path in paths.items()}


def rows(questions: tuple[FoundQuestion, ...]) -> list[tuple]:
    return [
        (q.number, q.text, q.scale, q.options, (q.limit.unit, q.limit.count) if q.limit else None, q.chapter)
        for q in questions
    ]


def test_the_consultation_has_enough_questions_of_every_kind() -> None:
    assert len(QUESTIONS) >= 25
    kinds = {q[2] for q in QUESTIONS}
    assert kinds == {"agreement", "agree-disagree", "yes-no", "support-oppose", "free-text", None}
    assert {q[4][0] for q in QUESTIONS if q[4]} == {"words", "characters"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_question_number_type_and_limit(documents: dict[str, Document], fmt: str) -> None:
    found = find_questions(list(documents[fmt].blocks))
    assert rows(found.questions) == QUESTIONS
    assert [q.number for q in found.about_you] == ["1", "2", "3", "4"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_all_keeps_the_about_you_questions_under_their_heading(documents: dict[str, Document], fmt: str) -> None:
    found = find_questions(list(documents[fmt].blocks), include_about_you=True)
    assert rows(found.questions) == ABOUT_YOU + QUESTIONS
    assert found.about_you == ()


@pytest.mark.parametrize("fmt", FORMATS)
def test_title_department_closing_date_and_link(documents: dict[str, Document], fmt: str) -> None:
    details = find_details(documents[fmt])
    assert (details.title, details.department, details.closes, details.link) == (
        TITLE,
        DEPARTMENT,
        date(2025, 6, 30),
        LINK,
    )


def test_every_format_gives_identical_questions(documents: dict[str, Document]) -> None:
    results = {
        fmt: (find_questions(list(doc.blocks), include_about_you=True), find_details(doc))
        for fmt, doc in documents.items()
    }
    first = results["docx"]
    assert {fmt for fmt, result in results.items() if result != first} == set()
    assert len(first[0].questions) == 33


def test_the_docx_numbers_come_from_word_numbering_not_typed_digits(documents: dict[str, Document]) -> None:
    blocks = {b.text: b for b in documents["docx"].blocks}
    assert blocks["What is your name?"].label == "1."
    assert blocks["Would you like your response to be kept confidential?"].label == "4."
    assert blocks["How could family help teams work more closely with kinship carers?"].label == "11."
    assert blocks["which roles are hardest to recruit to?"].label == "a)"
    assert blocks["Are there any other barriers to joining up family help and kinship support?"].label == "15."
    assert blocks["Strongly agree"].label == "•"
    assert blocks["Chapter 2: Family help"].heading == 2
    assert blocks["Financial support"].heading == 3
    assert blocks[TITLE].heading == 1


def test_the_web_page_chrome_is_not_read(documents: dict[str, Document]) -> None:
    text = " ".join(b.text for b in documents["html"].blocks)
    for chrome in ("cookies", "Skip to main content", "Is this page useful", "Print this page", "Licence", "Menu"):
        assert chrome not in text
    assert documents["html"].link == LINK
    assert "From: Department for Education" in [b.text for b in documents["html"].blocks]


def test_pdf_page_numbers_are_dropped(paths: dict[str, Path], documents: dict[str, Document]) -> None:
    printed = [line.strip() for line in pdf_text(paths["pdf"]).splitlines() if line.strip().isdigit()]
    assert printed[:3] == ["1", "2", "3"]
    assert [b.text for b in documents["pdf"].blocks if b.text.strip().isdigit()] == []
