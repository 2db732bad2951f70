"""`policydesk import` end to end: the response it writes, the checks it passes, and every refusal."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest
from consultation_documents import QUESTIONS, write_docx

from conftest import run_process
from policydesk.consultation import import_consultation
from policydesk.model.scales import Limit
from policydesk.store.response_file import read_response

RESPONSE = Path("responses/supporting-kinship-families.yaml")
CHAPTERS = [
    "Chapter 1: Recognising kinship care",
    "Chapter 2: Family help",
    "Chapter 3: Legal and practical help",
    "Chapter 4: Education and health",
    "Chapter 5: Putting the changes in place",
]


@pytest.fixture
def consultation(workspace: Path) -> Path:
    return write_docx(workspace / "kinship.docx")


def written(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_import_writes_a_response_that_checks_and_renders(consultation: Path, workspace: Path, cli) -> None:
    result = cli("import", "kinship.docx")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == (
        "Wrote responses/supporting-kinship-families.yaml: 29 questions under 5 chapter headings from kinship.docx."
    )
    assert lines[1] == "Consultation: Supporting kinship families, Department for Education, closes 30 June 2025"
    assert lines[2] == (
        "Answers: 2 agreement, 3 agree/disagree, 5 yes/no, 1 support/oppose, 16 free text, 2 choice; "
        "6 with a length limit."
    )
    assert lines[3] == "Left out 4 'About you' questions; --all imports them."
    response = read_response(workspace / RESPONSE).response
    assert response.consultation.closes == date(2025, 6, 30)
    assert [s.title for s in response.sections if not s.is_question] == CHAPTERS
    questions = [s for s in response.sections if s.is_question]
    assert [(s.number, s.title, s.scale, s.options) for s in questions] == [q[:4] for q in QUESTIONS]
    assert [s.limit for s in questions] == [Limit(q[4][1], q[4][0]) if q[4] else None for q in QUESTIONS]
    assert all(s.paragraphs == () and s.answer is None for s in response.sections)
    assert response.sections[0].title == CHAPTERS[0] and response.sections[1].number == "5"
    check = cli("check", str(RESPONSE))
    assert check.code == 2, "the contact and key message are placeholders until the officer writes them"
    assert check.out.strip() == f"{RESPONSE}: 2 errors, 1 warning"
    assert all("still holds placeholder text" in line for line in check.err.splitlines() if "warning" not in line)
    assert cli("render", str(RESPONSE), "--draft").code == 0
    assert (workspace / RESPONSE.with_suffix(".docx")).is_file()


def test_the_function_for_the_terminal_ui_builds_the_same_response_and_writes_nothing(
    consultation: Path, workspace: Path, cli
) -> None:
    response = import_consultation(consultation)
    assert written(workspace / "responses") == []
    assert cli("import", "kinship.docx").code == 0
    assert read_response(workspace / RESPONSE).response == response


def test_options_name_the_response_and_keep_about_you(consultation: Path, workspace: Path, cli) -> None:
    result = cli(
        "import", "kinship.docx", "--slug", "kinship", "--title", "Kinship families", "--department",
        "Department of Health and Social Care", "--closes", "2025-07-01", "--all", "--dir", "drafts",
    )  # fmt: skip
    assert result.code == 0, result.err
    assert "Left out" not in result.out
    response = read_response(workspace / "drafts" / "kinship.yaml").response
    assert (response.consultation.title, response.consultation.department, response.consultation.closes) == (
        "Kinship families",
        "Department of Health and Social Care",
        date(2025, 7, 1),
    )
    assert [s.number for s in response.sections if s.is_question][:5] == ["1", "2", "3", "4", "5"]
    assert [s.title for s in response.sections if not s.is_question] == ["About you", *CHAPTERS]
    assert written(workspace / "responses") == []


def test_an_existing_response_is_never_overwritten(consultation: Path, workspace: Path, cli) -> None:
    target = workspace / RESPONSE
    target.write_text("kept: true\n")
    result = cli("import", "kinship.docx")
    assert result.code == 2
    assert result.err == (
        "responses/supporting-kinship-families.yaml: a response with this name already exists; "
        "choose another name with --slug, or edit the existing file\n"
    )
    assert target.read_text() == "kept: true\n"
    (workspace / "responses" / "mine.yaml").write_text("kept: true\n")
    assert cli("import", "kinship.docx", "--slug", "mine").code == 2


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("notes.md", "# Notes\n\nNothing to ask here. 1. A numbered statement.\n",
         "notes.md: no consultation questions were found in the document; questions are found when numbered "
         "('Question 1:', 'Q1.', '1.', '1a)' or a numbered list) and worded as questions; check that this is the "
         "consultation document, or start with 'policydesk new'\n"),
        ("form.txt", "About you\n\n1. What is your name?\n\n2. What is your email address?\n",
         "form.txt: the document asks only 'About you' questions (2); add --all to import them, or check that "
         "this is the consultation document itself\n"),
        ("broken.docx", "PK\x03\x04 this is not really a zip",
         "broken.docx: the file is not a readable Word document (it is not a .docx package); open it in Word or "
         "LibreOffice and save it again as .docx\n"),
        ("scan.pdf", "not a pdf at all",
         "scan.pdf: the file is not a PDF (it does not begin as one does); check that it opens in a word "
         "processor or PDF viewer, save it again and import that\n"),
        ("paper.rtf", "{\\rtf1 Question 1: Why?}",
         "paper.rtf: policydesk cannot import '.rtf'; save the consultation as .docx, .odt, .doc, .html, .md, "
         ".txt or .pdf and import that\n"),
        ("undated.md", "# Funding\n\nQuestion 1: Should funding rise?\n",
         "undated.md: the document does not name the government department consulting; give it with "
         "--department, for example --department 'Department for Education'\n"),
    ],
)  # fmt: skip
def test_refusals_say_what_to_do_and_write_nothing(workspace: Path, cli, name: str, content: str, error: str) -> None:
    (workspace / name).write_text(content)
    result = cli("import", name)
    assert (result.code, result.err, result.out) == (2, error, "")
    assert written(workspace / "responses") == []


def test_a_missing_file_and_a_bad_slug(workspace: Path, cli) -> None:
    assert cli("import", "gone.docx").err == "gone.docx: no such file; check the path to the consultation document\n"
    assert cli("import", "gone.docx", "--slug", "Bad_Name").err.startswith("Bad_Name: the response name is not")


def test_without_libreoffice_or_pdftotext_the_message_says_what_to_install(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "paper.odt", "w") as odt:
        odt.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        odt.writestr("content.xml", "<office:document-content/>")
    (tmp_path / "paper.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    empty = tmp_path / "bin"
    empty.mkdir()
    odt = run_process("import", "paper.odt", cwd=tmp_path, env={"PATH": str(empty)})
    assert (odt.returncode, odt.stderr) == (
        2,
        "paper.odt: reading a .odt file needs LibreOffice, which is not installed; install LibreOffice (for "
        "example 'sudo apt-get install libreoffice-writer-nogui'), or open the file in a word processor and save "
        "it as .docx\n",
    )
    pdf = run_process("import", "paper.pdf", cwd=tmp_path, env={"PATH": str(empty)})
    assert (pdf.returncode, pdf.stderr) == (
        2,
        "paper.pdf: reading a .pdf file needs pdftotext (poppler-utils), which is not installed; install "
        "poppler's pdftotext (for example 'sudo apt-get install poppler-utils'), or import the consultation's "
        ".docx or web page instead\n",
    )
    assert not (tmp_path / "responses").exists()


def test_the_installed_command_imports_outside_the_repository(tmp_path: Path) -> None:
    write_docx(tmp_path / "kinship.docx")
    result = run_process("import", "kinship.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / RESPONSE).is_file()
    check = run_process("check", str(RESPONSE), cwd=tmp_path)
    assert check.returncode == 2 and "still holds placeholder text" in check.stderr
