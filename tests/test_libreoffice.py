"""A real word processor opens every kind of rendered document and shows what we wrote."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx_reader import NS, DocxXml
from libreoffice import convert, pdf_text
from rendered import LOGO_ALT, PAPERS, documents, paper, response

from conftest import DATA, REPO
from policydesk.model.response import Response
from policydesk.render.assemble import document_title
from policydesk.render.house_style import house_style

EXAMPLES = sorted((REPO / "responses").glob("*.yaml"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path | None, object]]:
    """Every document the Word-output tests render (rendered.py), converted to PDF and ODT in two LibreOffice runs,
    each with the response or paper it was rendered from."""
    work = tmp_path_factory.mktemp("lo")
    responses: dict[str, object] = {path.stem: response(path) for path in EXAMPLES}
    responses |= {name: response(DATA / "responses" / f"{name}.yaml") for name in ("sample", "tables")}
    responses |= {path.stem: paper(path) for path in PAPERS}
    sources = []
    for name, data in documents().items():
        out = work / f"{name}.docx"
        out.write_bytes(data)
        sources.append(out)
    pdfs = convert(sources, "pdf", work)
    odts = convert([s for s in sources if not s.stem.endswith("-clean")], "odt", work)
    odt_by_stem = {o.stem: o for o in odts}
    kinds = {src.stem: responses[src.stem.removesuffix("-clean").removesuffix("-logo")] for src in sources}
    return {src.stem: (pdf, odt_by_stem.get(src.stem), kinds[src.stem]) for src, pdf in zip(sources, pdfs, strict=True)}


def test_there_are_two_bundled_examples() -> None:
    assert [p.name for p in EXAMPLES] == ["send-ap-improvement-plan.yaml", "stable-homes-built-on-love.yaml"]


def test_every_document_converts_and_reads_in_order(rendered) -> None:
    for stem, (pdf, _, resp) in rendered.items():
        if stem.startswith("tables") or not isinstance(resp, Response):
            continue  # the tables' numbering is checked below, with its tables; papers after that
        text = pdf_text(pdf)
        flat = " ".join(text.split())
        expected = [" ".join(document_title(resp, house_style()).split())]
        for section in resp.sections:
            expected.append(" ".join(section.heading.split()))
            if section.answer:
                expected.append(f"{section.answer}.")
        position = 0
        for item in expected:
            found = flat.find(item, position)
            assert found >= 0, f"{stem}: '{item}' missing or out of order"
            position = found + len(item)
        numbers = original_numbers(text)
        assert numbers == list(range(1, len(numbers) + 1)), f"{stem}: numbers {numbers}"
        assert len(numbers) >= 3, stem


def original_numbers(text: str) -> list[int]:
    """Level-one paragraph numbers in order. In Show Changes mode LibreOffice 7.4 prints the number a list
    item had before the tracked changes in brackets ("[5.]" or "4.[5.]") for items holding a deletion; the
    bracketed number, when present, is the one that counts every numbered paragraph."""
    found = []
    for match in re.finditer(r"^\s*(?:(\d+)\.)?(?:\[(\d+)\.\])?\s", text, re.M):
        plain, original = match.groups()
        if plain or original:
            found.append(int(original or plain))
    return found


def test_tracked_changes_are_recognised_by_libreoffice(rendered) -> None:
    for stem, (_, odt, _) in rendered.items():
        if odt is None or stem.startswith("tables"):
            continue
        content = zipfile.ZipFile(odt).read("content.xml").decode()
        docx_path = odt.parent.parent / f"{stem}.docx"
        xml = DocxXml(docx_path)
        revisions = len(xml.document.findall(".//w:ins", NS)) + len(xml.document.findall(".//w:del", NS))
        assert revisions > 0, stem
        assert "<text:tracked-changes" in content
        assert content.count("<text:changed-region") == revisions, stem
        comments = len(xml.comments.findall("w:comment", NS))
        assert content.count("<office:annotation ") + content.count("<office:annotation>") == comments, stem


def pages(pdf: Path) -> list[str]:
    """The PDF's text page by page."""
    return pdf_text(pdf).split("\f")[:-1]


def test_every_page_shows_its_number_and_later_pages_the_running_header(rendered) -> None:
    for stem, (pdf, _, resp) in rendered.items():
        if not isinstance(resp, Response):
            continue
        texts = pages(pdf)
        assert texts, stem
        header = f"LGA response: {resp.consultation.title}"
        for number, text in enumerate(texts, 1):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            assert f"Page {number}" in lines, f"{stem}: page {number} has no page number"
            assert (header in " ".join(lines)) == (number > 1), f"{stem}: running header on page {number}"
        first = [line.strip() for line in texts[0].splitlines() if line.strip()]
        if stem.endswith("-logo"):
            assert "Local Government Association" not in first[:1]
        else:
            assert first[0] == "Local Government Association", f"{stem}: the name block opens page one"
    assert len(pages(rendered["send-ap-improvement-plan"][0])) >= 3, "a long response runs to several pages"


def test_the_logo_is_drawn_on_page_one(rendered) -> None:
    pdf = rendered["sample-logo"][0]
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    assert [(row[0], row[3], row[4]) for row in rows] == [("1", "120", "30")]
    styles = zipfile.ZipFile(rendered["sample-logo"][1]).read("styles.xml").decode()  # headers live here
    assert f"<svg:desc>{LOGO_ALT}</svg:desc>" in styles, "LibreOffice reads the alternative text"


def test_tables_keep_their_cells_and_numbering(rendered) -> None:
    for stem in ("tables", "tables-clean"):
        flat = " ".join(pdf_text(rendered[stem][0]).split())
        assert "Region Councils in deficit Share" in flat and "North East 9 75%" in flat, stem
        assert "|" not in flat, stem
        assert "1.1. We would add:" in flat, stem


def paper_pdfs(rendered) -> dict[str, tuple[Path, object]]:
    return {stem: (pdf, kind) for stem, (pdf, _, kind) in rendered.items() if not isinstance(kind, Response)}


def test_a_paper_shows_its_number_on_every_page_and_the_meeting_on_page_one(rendered) -> None:
    papers = paper_pdfs(rendered)
    assert sorted(papers) == ["stable-homes-initial-view", "stable-homes-initial-view-clean"]
    for stem, (pdf, kind) in papers.items():
        texts = pages(pdf)
        assert len(texts) >= 4, stem
        for number, text in enumerate(texts, 1):
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            assert f"Page {number}" in lines, f"{stem}: page {number} has no page number"
            first = number == 1
            assert (f"Meeting: {kind.board}" in lines) == first, f"{stem}: the meeting header on page {number}"
            assert ("Date: 14 March 2023" in lines) == first, stem
            assert any("18 Smith Square" in line for line in lines) == first, f"{stem}: the address on page {number}"
        front = [line.strip() for line in texts[0].splitlines() if line.strip()]
        assert front[0] == "Local Government Association" and kind.title in front
        assert texts[1].strip().splitlines()[0].strip() == kind.title, "the body opens a page with the title again"


def test_a_paper_numbers_on_through_its_lga_view_headings(rendered) -> None:
    for stem, (pdf, kind) in paper_pdfs(rendered).items():
        text = pdf_text(pdf)
        body, _, annex = text.partition("Annex 1: ")
        numbers = original_numbers(body)
        assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 40, f"{stem}: {numbers}"
        assert original_numbers(annex) == [1, 2], "an annex numbers from 1 again"
        lines = [line.strip() for line in body.splitlines() if line.strip()]
        views = [i for i, line in enumerate(lines) if line == "LGA VIEW"]
        assert len(views) == sum(1 for s in kind.sections if s.lga_view), stem
        for i in views:
            before = max(int(m.group(1)) for line in lines[:i] if (m := re.match(r"^(\d+)\.\s", line)))
            assert lines[i + 1].startswith(f"{before + 1}. "), f"{stem}: after LGA VIEW comes {lines[i + 1]}"
        for letter in "abc":
            assert any(line.startswith(f"{letter}) ") for line in lines), f"{stem}: recommendation {letter})"


def test_libreoffice_sees_a_proposed_position_as_a_tracked_insertion(rendered) -> None:
    odt = rendered["stable-homes-initial-view"][1]
    content = zipfile.ZipFile(odt).read("content.xml").decode()
    changes = re.findall(r"<text:changed-region[^>]*>\s*<text:(\w+)>", content)
    assert changes and set(changes) == {"insertion"}, "the new position, and the words added to an edited one"
    assert "Proposed new position csc-p5-pay-and-grading" in content, "its comment says it is not yet agreed"
