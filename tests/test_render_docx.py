"""The Word document's XML follows the house style (house-style.md §8 checks 1-6 and 14-25)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from docx_reader import NS, DocxXml, document_view, q

from conftest import DATA
from policydesk.model.library import Library
from policydesk.render.assemble import RenderOptions
from policydesk.render.pipeline import render_to_bytes
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.response_file import read_response

HEADING_STYLES = {"Heading1", "Heading2", "Heading3"}
MONTH_LINE = re.compile(
    r"^(\d{1,2} )?(January|February|March|April|May|June|July|August|September|October|"
    r"November|December) \d{4}$"
)


@pytest.fixture
def library(kb_dir: Path) -> Library:
    return load_knowledge_base(kb_dir).library


@pytest.fixture
def response_path(kb_dir: Path) -> Path:
    target = kb_dir.parent / "responses"
    target.mkdir()
    return Path(shutil.copy(DATA / "responses" / "sample.yaml", target))


@pytest.fixture
def xml(library: Library, response_path: Path) -> DocxXml:
    return DocxXml(render_to_bytes(read_response(response_path).response, library))


def headings(doc: DocxXml) -> list[tuple[str, str]]:
    return [(p.style_id, p.accepted) for p in doc.paragraphs if p.style_id in HEADING_STYLES]


def test_title_date_and_heading_order(xml: DocxXml) -> None:
    first = xml.paragraphs[0]
    assert first.style_id == "Heading1"
    assert (
        first.accepted == "LGA response to the Department for Education’s consultation on Stable Homes, Built on Love"
    )
    assert re.match(r"^(LGA|Local Government Association) response to .+", first.accepted)
    first_h2 = next(i for i, p in enumerate(xml.paragraphs) if p.style_id == "Heading2")
    assert any(MONTH_LINE.match(p.accepted) for p in xml.paragraphs[:first_h2])
    assert xml.paragraphs[1].accepted == "May 2023"
    assert xml.paragraphs[2].accepted == (
        "This response was approved by Lead Members of the Children and Young People Board on 1 May 2023."
    )
    h2 = [text for style, text in headings(xml) if style == "Heading2"]
    assert h2 == [
        "About the Local Government Association",
        "Key messages",
        "Question 1: Do you agree with the proposals for kinship care?",
        "Question 2: Do you agree with the plans for the social care workforce?",
        "Funding",
        "Contact",
    ]


def test_heading_levels_never_skip(xml: DocxXml) -> None:
    levels = {"Heading1": 1, "Heading2": 2, "Heading3": 3}
    seen = [levels[p.style_id] for p in xml.paragraphs if p.style_id in levels]
    assert all(b <= a + 1 for a, b in zip(seen, seen[1:], strict=False))


def test_key_messages_are_bullets_only(xml: DocxXml) -> None:
    paras = xml.paragraphs
    start = next(i for i, p in enumerate(paras) if p.accepted == "Key messages")
    end = next(i for i in range(start + 1, len(paras)) if paras[i].style_id in HEADING_STYLES)
    between = paras[start + 1 : end]
    assert 1 <= len(between) <= 7
    for p in between:
        assert p.style_name == "List Bullet"
        assert xml.level_format(*p.num)[0] == "bullet"
    assert [p.accepted for p in between] == [
        "We welcome better support for kinship carers.",
        "Funding must reach every council, not only pathfinders.",
    ]


def test_contact_block(xml: DocxXml) -> None:
    paras = xml.paragraphs
    assert paras[-5].accepted == "Contact"
    contact = [p.accepted for p in paras[-4:]]
    assert contact == [
        "Contact officer: Jane Smith",
        "Position: Senior Adviser",
        "Phone no: 020 7664 3000",
        "Email: jane.smith@local.gov.uk",
    ]
    link = paras[-1].element.find("w:hyperlink", NS)
    target = xml.rels.find(
        f"{{*}}Relationship[@Id='{link.get('{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id')}']"
    )
    assert target.get("Target") == "mailto:jane.smith@local.gov.uk"
    assert re.match(r"^[a-z0-9.\-]+@local\.gov\.uk$", "".join(link.itertext()))
    assert all(p.num is None for p in paras[-5:])


def test_every_body_paragraph_is_numbered(xml: DocxXml) -> None:
    paras = xml.paragraphs
    start = next(i for i, p in enumerate(paras) if p.accepted.startswith("Question 1"))
    end = next(i for i, p in enumerate(paras) if p.accepted == "Contact")
    for p in paras[start:end]:
        if (
            p.style_id in HEADING_STYLES
            or p.style_id == "LGAAnswer"
            or (p.num and xml.level_format(*p.num)[0] == "bullet")
        ):
            continue
        assert p.num is not None and xml.level_format(*p.num)[0] == "decimal", p.accepted


def test_numbering_definition(xml: DocxXml) -> None:
    body_num = xml.style_num("LGAPara1")[0]
    assert [xml.level_format(body_num, i) for i in range(3)] == [
        ("decimal", "%1.", 1),
        ("decimal", "%1.%2.", 1),
        ("decimal", "%1.%2.%3.", 1),
    ]
    numbered = [p for p in xml.paragraphs if p.num and xml.level_format(*p.num)[0] == "decimal"]
    assert {p.num[0] for p in numbered} == {body_num}
    assert xml.document.find(".//w:numPr", NS) is None, "numbers come from styles, never typed or set by hand"


def test_numbers_run_without_gaps_across_sections(xml: DocxXml) -> None:
    labels = [(p.label, p.accepted[:30]) for p in xml.paragraphs if p.label and p.label[0].isdigit()]
    assert [label for label, _ in labels] == ["1.", "2.", "2.1.", "3.", "4."]
    assert labels[0][1].startswith("We strongly welcome")
    assert labels[4][1].startswith("Lowering the deficit trigger")


def test_headings_and_contact_carry_no_numbering(xml: DocxXml) -> None:
    for p in xml.paragraphs:
        if p.style_id in HEADING_STYLES or p.style_id in ("LGAAnswer", "LGAContact", "LGADate", "LGASign-off"):
            assert p.num is None, p.accepted
        assert not re.match(r"^\s*\d+(\.\d+)*\.?\s", p.accepted), f"typed number: {p.accepted}"


def test_typography(xml: DocxXml) -> None:
    defaults = xml.styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
    fonts = defaults.find("w:rFonts", NS)
    assert (fonts.get(q("w:ascii")), fonts.get(q("w:hAnsi"))) == ("Arial", "Arial")
    assert defaults.find("w:sz", NS).get(q("w:val")) == "24"
    assert defaults.find("w:lang", NS).get(q("w:val")) == "en-GB"
    for style_id, size in (("Heading1", "32"), ("Heading2", "28"), ("Heading3", "24")):
        rpr = xml.style_by_id[style_id].find("w:rPr", NS)
        assert rpr.find("w:b", NS) is not None
        assert rpr.find("w:sz", NS).get(q("w:val")) == size
        assert rpr.find("w:rFonts", NS).get(q("w:ascii")) == "Arial"
    for rfonts in xml.styles.iter(q("w:rFonts")):
        assert {rfonts.get(q(f"w:{k}")) for k in ("ascii", "hAnsi")} <= {"Arial", None}
    for rfonts in xml.document.iter(q("w:rFonts")):
        assert rfonts.get(q("w:ascii")) in (None, "Arial")
    for size in xml.document.iter(q("w:sz")):
        assert int(size.get(q("w:val"))) >= 24


def test_layout(xml: DocxXml) -> None:
    assert not xml.document.findall(".//w:jc[@w:val='both']", NS)
    assert not xml.styles.findall(".//w:jc[@w:val='both']", NS)
    for u in xml.document.iter(q("w:u")):
        assert any(a.tag == q("w:hyperlink") for a in u.iterancestors())
    page = xml.document.find("w:body/w:sectPr/w:pgSz", NS)
    assert (page.get(q("w:w")), page.get(q("w:h")), page.get(q("w:orient"))) == ("11906", "16838", None)
    margins = xml.document.find("w:body/w:sectPr/w:pgMar", NS)
    assert {margins.get(q(f"w:{side}")) for side in ("top", "bottom", "left", "right")} == {"1440"}
    assert not xml.document.findall(".//w:drawing", NS)


def test_core_properties(xml: DocxXml) -> None:
    text = {el.tag.split("}")[1]: el.text for el in xml.core}
    assert text["title"].startswith("LGA response to the Department for Education")
    assert text["subject"] == "Stable Homes, Built on Love"
    assert text["creator"] == "Local Government Association"
    assert text["language"] == "en-GB"


def test_markdown_becomes_bullets_bold_and_links(xml: DocxXml) -> None:
    bullets = [p.accepted for p in xml.paragraphs if p.style_name == "LGA Para 1 Bullet"]
    assert bullets == ["training for carers;", "money that follows the child; and", "advice from Kinship."]
    bold = xml.paragraphs[next(i for i, p in enumerate(xml.paragraphs) if p.accepted.startswith("We welcome"))]
    assert [
        r.findtext("w:t", namespaces=NS)
        for r in bold.element.iterfind("w:r", NS)
        if r.find("w:rPr/w:b", NS) is not None
    ] == ["welcome"]


def test_rendering_is_reproducible(library: Library, response_path: Path) -> None:
    response = read_response(response_path).response
    assert render_to_bytes(response, library) == render_to_bytes(response, library)


def test_draft_notice_replaces_sign_off(library: Library, response_path: Path) -> None:
    response = read_response(response_path).response
    from dataclasses import replace

    draft = replace(response, status="draft", sign_off=None, date=None)
    doc = DocxXml(render_to_bytes(draft, library, RenderOptions(today=date(2026, 11, 2))))
    assert [p.accepted for p in doc.paragraphs[1:3]] == [
        "November 2026",
        "Draft for review by lead members: not yet signed off.",
    ]


def test_clean_render_has_no_revisions_or_comments(library: Library, response_path: Path) -> None:
    response = read_response(response_path).response
    doc = DocxXml(render_to_bytes(response, library, RenderOptions(clean=True)))
    assert doc.comments is None
    assert not doc.document.findall(".//w:ins", NS) and not doc.document.findall(".//w:del", NS)
    assert "We are very pleased the Department is acting quickly" in "\n".join(document_view(doc, accept=True))
