"""A real word processor opens every kind of rendered document and shows what we wrote."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from docx_reader import NS, DocxXml
from libreoffice import convert, pdf_text

from conftest import DATA, REPO
from policydesk.render.assemble import RenderOptions, document_title
from policydesk.render.house_style import house_style
from policydesk.render.pipeline import render_to_bytes
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.response_file import read_response

EXAMPLES = sorted((REPO / "responses").glob("*.yaml"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path, object]]:
    """Every example (tracked and clean) and the test sample, converted to PDF and ODT in two LibreOffice runs."""
    work = tmp_path_factory.mktemp("lo")
    bundled = load_knowledge_base(REPO / "positions").library
    small_root = work / "positions"
    shutil.copytree(DATA / "kb-small", small_root)
    small = load_knowledge_base(small_root).library
    jobs = [(p, bundled, p.stem) for p in EXAMPLES] + [(DATA / "responses" / "sample.yaml", small, "sample")]
    docs: dict[str, tuple[Path, object]] = {}
    for path, library, name in jobs:
        response = read_response(path).response
        for clean in (False, True):
            out = work / f"{name}{'-clean' if clean else ''}.docx"
            out.write_bytes(render_to_bytes(response, library, RenderOptions(clean=clean)))
            docs[out.stem] = (out, response)
    sources = [path for path, _ in docs.values()]
    pdfs = convert(sources, "pdf", work)
    odts = convert([s for s in sources if not s.stem.endswith("-clean")], "odt", work)
    odt_by_stem = {o.stem: o for o in odts}
    return {stem: (pdf, odt_by_stem.get(stem), docs[stem][1]) for stem, pdf in zip(docs, pdfs, strict=True)}


def test_there_are_two_bundled_examples() -> None:
    assert [p.name for p in EXAMPLES] == ["send-ap-improvement-plan.yaml", "stable-homes-built-on-love.yaml"]


def test_every_document_converts_and_reads_in_order(rendered) -> None:
    for stem, (pdf, _, response) in rendered.items():
        text = pdf_text(pdf)
        flat = " ".join(text.split())
        expected = [" ".join(document_title(response, house_style()).split())]
        for section in response.sections:
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
        if odt is None:
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
