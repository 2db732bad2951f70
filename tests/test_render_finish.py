"""The finished response (issue 14 §1): page furniture, the answer style, bullets, tables, wording and refusals."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docx_reader import NS, DocxXml, R, q, view
from lxml import etree
from rendered import LOGO_ALT, documents, image_style, render, response, small_library

from conftest import DATA, REPO
from policydesk.model.problems import InputError
from policydesk.render.assemble import RenderOptions
from policydesk.render.house_style import house_style
from policydesk.render.pipeline import render_to_bytes
from policydesk.response_checks import check_response
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.response_file import read_response

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"


@pytest.fixture(scope="module")
def sample() -> DocxXml:
    return DocxXml(documents()["sample"])


@pytest.fixture(scope="module")
def tables() -> DocxXml:
    return DocxXml(documents()["tables"])


def text_of(element: etree._Element) -> str:
    return "".join(element.itertext())


def ppr_value(style: etree._Element, path: str) -> str | None:
    found = style.find(path, NS)
    return None if found is None else found.get(q("w:val"), "")


# Page furniture


def test_every_footer_has_a_page_field(sample: DocxXml) -> None:
    footers = sample.story("footer")
    assert set(footers) == {"default", "first"}
    for footer in footers.values():
        instructions = [t.text.strip() for t in footer.iter(q("w:instrText"))]
        assert instructions == ["PAGE"]
        kinds = [f.get(q("w:fldCharType")) for f in footer.iter(q("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert text_of(footer).startswith("Page ")
    assert sample.document.find("w:body/w:sectPr/w:titlePg", NS) is not None


def test_running_header_on_later_pages_and_wordmark_on_page_one(sample: DocxXml) -> None:
    headers = sample.story("header")
    assert text_of(headers["default"]) == "LGA response: Stable Homes, Built on Love"
    assert headers["default"].find(".//w:pStyle", NS).get(q("w:val")) == "Header"
    first = headers["first"]
    assert text_of(first) == "Local Government Association"
    assert first.find(".//w:pStyle", NS).get(q("w:val")) == "LGAWordmark"
    assert not sample.media and first.find(f".//{{{WP}}}docPr") is None
    assert sample.paragraphs[0].style_id == "Heading1", "the name block sits above the body, which opens with the title"


def test_an_image_can_replace_the_wordmark() -> None:
    doc = DocxXml(documents()["sample-logo"])
    first = doc.story("header")["first"]
    assert text_of(first) == ""
    pictures = list(first.iter(f"{{{WP}}}docPr"))
    assert [p.get("descr") for p in pictures] == [LOGO_ALT]
    blip = first.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}blip")
    rels = doc.parts["word/_rels/header2.xml.rels"]
    target = next(r.get("Target") for r in rels if r.get("Id") == blip.get(f"{{{R}}}embed"))
    assert doc.media[f"word/{target}"] == (image_style().logo).read_bytes()


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("  image: missing.png", "organisation.image: there is no file 'missing.png' beside house-style.yaml"),
        ("  image: logo.gif", "organisation.image: 'logo.gif' is not a PNG or JPEG file"),
        ("  image: logo.png\n  image_alt: ''", "organisation.image: the image has no alternative text"),
    ],
)
def test_an_unusable_image_is_refused(tmp_path: Path, setting: str, message: str) -> None:
    (tmp_path / "logo.png").write_bytes((image_style().logo).read_bytes())
    text = (REPO / "templates" / "house-style.yaml").read_text(encoding="utf-8")
    text = text.replace("  image_alt: Local Government Association", "").replace('  image: ""', setting)
    if "image_alt" not in setting:
        text = text.replace(setting, f"{setting}\n  image_alt: Logo")
    (tmp_path / "house-style.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        house_style.__wrapped__(tmp_path / "house-style.yaml")
    assert message in str(caught.value)
    assert str(tmp_path / "house-style.yaml") in str(caught.value)


# Styles


def test_the_answer_is_a_bold_body_paragraph_not_a_heading(sample: DocxXml) -> None:
    answer = sample.style_by_id["LGAAnswer"]
    chain, style_id = [], "LGAAnswer"
    while style_id:
        chain.append(style_id)
        style_id = ppr_value(sample.style_by_id[style_id], "w:basedOn") or ""
    assert chain == ["LGAAnswer", "Normal"]
    assert answer.find("w:pPr/w:outlineLvl", NS) is None
    assert answer.find("w:pPr/w:keepNext", NS) is not None
    assert answer.find("w:rPr/w:b", NS) is not None
    assert ppr_value(answer, "w:next") == "LGAPara1"
    answers = [p.accepted for p in sample.paragraphs if p.style_id == "LGAAnswer"]
    assert answers == ["Agree.", "Neither agree nor disagree."]


def test_every_heading_and_the_answer_name_their_next_style(sample: DocxXml) -> None:
    expected = {"Heading1": "LGADate", "Heading2": "LGAPara1", "Heading3": "LGAPara1", "LGAAnswer": "LGAPara1"}
    assert {sid: ppr_value(sample.style_by_id[sid], "w:next") for sid in expected} == expected
    for level, sid in enumerate(("Heading1", "Heading2", "Heading3")):
        assert ppr_value(sample.style_by_id[sid], "w:pPr/w:outlineLvl") == str(level)


def indents(doc: DocxXml, style_id: str) -> tuple[int, int]:
    """(where the bullet or number sits, where the text starts) for a list style, in twips."""
    num_id, ilvl = doc.style_num(style_id)
    abstract = doc.numbering.find(f"w:num[@w:numId='{num_id}']/w:abstractNumId", NS).get(q("w:val"))
    ind = doc.numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[@w:ilvl='{ilvl}']/w:pPr/w:ind", NS)
    left, hanging = int(ind.get(q("w:left"))), int(ind.get(q("w:hanging")))
    return left - hanging, left


def test_bullets_sit_under_the_text_of_their_paragraph(sample: DocxXml) -> None:
    for level in (1, 2, 3):
        _, text = indents(sample, f"LGAPara{level}")
        marks = [indents(sample, f"LGAPara{level}Bullet{'' if depth == 1 else depth}") for depth in (1, 2, 3)]
        assert marks[0][0] == text, f"level {level}: the bullet sits where the numbered text starts"
        assert marks[1][0] == marks[0][1] and marks[2][0] == marks[1][1], "each nested bullet sits under the text"
    assert indents(sample, "ListBullet")[0] == 0, "key messages, under no numbered text, start at the margin"


def test_level_2_bullets_nest_under_a_level_2_paragraph(tables: DocxXml) -> None:
    start = next(i for i, p in enumerate(tables.paragraphs) if p.accepted == "We would add:")
    got = [(p.style_name, p.accepted) for p in tables.paragraphs[start : start + 5]]
    assert got == [
        ("LGA Para 2", "We would add:"),
        ("LGA Para 2 Bullet", "earlier help;"),
        ("LGA Para 2 Bullet 2", "in schools; and"),
        ("LGA Para 2 Bullet 3", "in early years settings;"),
        ("LGA Para 2 Bullet", "a national plan."),
    ]
    assert tables.paragraphs[start].label == "1.1."


# Wording


def test_fixed_wording_uses_curly_apostrophes(sample: DocxXml) -> None:
    assert [key for key, text in house_style().text.items() if "'" in text] == []
    assert sample.paragraphs[0].accepted.startswith("LGA response to the Department for Education\u2019s ")


def test_comments_name_the_board_that_agreed(sample: DocxXml) -> None:
    notes = [text_of(c) for c in sample.comments.iterfind("w:comment", NS)]
    assert notes[0] == (
        "Quoted verbatim from position kinship-carer-support (\u201cBetter support for kinship carers\u201d), "
        "version of 14 March 2023, agreed by the Children and Young People Board (Stable Homes briefing, "
        "paragraph 11.8)"
    )
    assert "agreed by the Children and Young People Board (Stable Homes briefing, paragraph 15.16)" in notes[1]
    steer = "version of 16 January 2019, a steer from the Children and Young People Board, not a decision (Minutes"
    assert steer in notes[2], "a lead member is told a quoted steer is not a decision"
    assert notes[2].endswith(". The current line is the version of 14 March 2023"), "and that it is not the line"


# Tables


def test_pipe_tables_become_word_tables_with_a_repeated_header(tables: DocxXml) -> None:
    first = tables.tables[0]
    rows = first.findall("w:tr", NS)
    cells = [[text_of(tc) for tc in tr.findall("w:tc", NS)] for tr in rows]
    assert cells == [["Region", "Councils in deficit", "Share"], ["North East", "9", "75%"], ["London", "25", "3 in 4"]]
    assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
    assert all(tr.find("w:trPr/w:tblHeader", NS) is None for tr in rows[1:])
    assert first.find("w:tblPr/w:tblStyle", NS).get(q("w:val")) == "LGATable"
    assert first.find("w:tblPr/w:tblInd", NS).get(q("w:w")) == "567", "lined up with level 1 text"
    header_runs = rows[0].findall(".//w:r", NS)
    assert header_runs and all(r.find("w:rPr/w:b", NS) is not None for r in header_runs)
    bold = [text_of(r) for r in rows[2].iter(q("w:r")) if r.find("w:rPr/w:b", NS) is not None]
    assert bold == ["25"]


def test_no_document_shows_literal_table_bars() -> None:
    for name, data in documents().items():
        doc = DocxXml(data)
        for p in doc.document.iter(q("w:p")):
            assert "|" not in view(p, accept=True) + view(p, accept=False), name


def cell_texts(table: etree._Element, accept: bool) -> list[list[str]]:
    gone = "w:trPr/w:del" if accept else "w:trPr/w:ins"
    rows = [tr for tr in table.findall("w:tr", NS) if tr.find(gone, NS) is None]
    return [[view(tc.find("w:p", NS), accept) for tc in tr.findall("w:tc", NS)] for tr in rows]


def test_an_edited_quoted_table_is_tracked_cell_by_cell(tables: DocxXml) -> None:
    quoted = tables.tables[1]
    assert cell_texts(quoted, accept=True)[2] == ["2022/23", "£2.5 billion"]
    assert cell_texts(quoted, accept=False)[2] == ["2022/23", "£2.4 billion"]
    assert quoted.find("w:tr/w:trPr/w:ins", NS) is None and quoted.find("w:tr/w:trPr/w:del", NS) is None


def test_a_reshaped_quoted_table_is_replaced_as_a_tracked_whole(tables: DocxXml) -> None:
    old, new = tables.tables[2], tables.tables[3]
    assert all(tr.find("w:trPr/w:del", NS) is not None for tr in old.findall("w:tr", NS))
    assert all(tr.find("w:trPr/w:ins", NS) is not None for tr in new.findall("w:tr", NS))
    assert cell_texts(old, accept=True) == [] and cell_texts(new, accept=False) == []
    assert cell_texts(new, accept=True)[0] == ["Year", "Deficit", "Councils"]
    assert cell_texts(old, accept=False)[0] == ["Year", "Deficit"]


def test_a_clean_render_keeps_the_draft_tables() -> None:
    clean = DocxXml(documents()["tables-clean"])
    assert len(clean.tables) == 3
    assert clean.document.find(".//w:ins", NS) is None and clean.document.find(".//w:del", NS) is None
    assert cell_texts(clean.tables[1], accept=True)[2] == ["2022/23", "£2.5 billion"]


# Refusals and check warnings


def level_warnings(loaded, library) -> list[str]:
    found = [str(p) for p in check_response(loaded, library)]
    return [p for p in found if "paragraph is level" in p or "level is skipped" in p]


def test_a_line_that_only_looks_like_a_table_is_refused_by_render_and_check(tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    text = (DATA / "responses" / "sample.yaml").read_text()
    path.write_text(text.replace("          - training for carers;\n", "          | training | carers |\n"))
    loaded = read_response(path)
    with pytest.raises(InputError) as caught:
        render_to_bytes(loaded.response, small_library())
    assert str(caught.value).startswith(
        "question 1, paragraph 2: line 3 of the text: '| training | carers |' looks like a table row, but it is "
        "not part of a table; a table needs a header row, then a row such as |---|---|"
    )
    found = [str(p) for p in check_response(loaded, small_library()) if p.is_error]
    assert len(found) == 1 and found[0].startswith(f"{loaded.shown}:28:1: question 1, paragraph 2: '| training")


def test_a_table_is_refused_in_a_key_message(tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    text = (DATA / "responses" / "sample.yaml").read_text()
    path.write_text(
        text.replace("  - Funding must reach every council", '  - "| a | b |\\n|---|---|\\n| 1 | 2 |"\n  - F')
    )
    loaded = read_response(path)
    assert any(
        "key message 2: a key message cannot hold a table" in str(p) for p in check_response(loaded, small_library())
    )
    with pytest.raises(InputError, match="a key message cannot hold a table"):
        render_to_bytes(loaded.response, small_library())


def test_a_percent_sign_is_allowed_in_a_table_but_not_in_prose(tmp_path: Path) -> None:
    loaded = read_response(DATA / "responses" / "tables.yaml")
    warnings = [str(p) for p in check_response(loaded, small_library())]
    assert not any("%" in w for w in warnings), warnings
    path = tmp_path / "tables.yaml"
    path.write_text((DATA / "responses" / "tables.yaml").read_text().replace("in every region:", "by 75% in places:"))
    warnings = [str(p) for p in check_response(read_response(path), small_library())]
    assert [w for w in warnings if "%" in w] == [
        f"{read_response(path).shown}:14:34: warning: section \"The scale of deficits\", paragraph 1: '75%' uses "
        "the % sign in prose; write the number followed by 'per cent'"
    ]


def test_check_warns_when_a_section_opens_below_level_1(tmp_path: Path) -> None:
    workspace = tmp_path / "w"
    shutil.copytree(DATA / "kb-small", workspace / "positions")
    path = workspace / "sample.yaml"
    text = (DATA / "responses" / "sample.yaml").read_text()
    path.write_text(
        text.replace(
            "      - subheading: High needs\n",
            "      - subheading: High needs\n      - text: Opening.\n        level: 2\n",
        )
    )
    library = load_knowledge_base(workspace / "positions").library
    found = level_warnings(read_response(path), library)
    assert found == [
        f'{read_response(path).shown}:45:16: warning: section "Funding", paragraph 2: the section\'s first '
        "paragraph is level 2, so it is numbered as a sub-paragraph of the paragraph before the section (1.1. at "
        "the start of a response); make it level 1, or put a level 1 paragraph before it"
    ]


def test_check_warns_when_a_level_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    path.write_text(
        (DATA / "responses" / "sample.yaml").read_text().replace("        level: 2\n", "        level: 3\n")
    )
    found = level_warnings(read_response(path), small_library())
    assert found == [
        f"{read_response(path).shown}:32:16: warning: question 1, paragraph 3: level 3 follows a level 1 "
        "paragraph, so a numbering level is skipped; make it level 2"
    ]


def test_the_bundled_responses_pass_the_level_checks() -> None:
    library = load_knowledge_base(REPO / "positions").library
    for path in sorted((REPO / "responses").glob("*.yaml")):
        assert level_warnings(read_response(path), library) == []


def test_a_signed_off_response_without_a_date_is_refused() -> None:
    signed = replace(response(DATA / "responses" / "sample.yaml"), date=None)
    assert signed.status == "signed-off"
    with pytest.raises(InputError) as caught:
        render_to_bytes(signed, small_library(), RenderOptions(today=date(2026, 1, 5)))
    assert str(caught.value) == (
        "sample.yaml: the response is signed-off but has no date, so the document would carry today's; "
        "add 'date: YYYY-MM-DD' to the response: the date the document should show"
    )
    submitted = replace(signed, status="submitted")
    with pytest.raises(InputError, match="is submitted but has no date"):
        render_to_bytes(submitted, small_library())


def test_a_draft_without_a_date_still_shows_the_day_it_is_rendered() -> None:
    draft = replace(response(DATA / "responses" / "sample.yaml"), date=None, status="draft", sign_off=None)
    doc = DocxXml(render_to_bytes(draft, small_library(), RenderOptions(today=date(2026, 1, 5))))
    assert doc.paragraphs[1].accepted == "January 2026"


def test_a_quoted_table_renders_at_the_paragraphs_level() -> None:
    base = response(DATA / "responses" / "tables.yaml")
    section = base.sections[0]
    quoted = replace(section.paragraphs[3], level=2)
    moved = base.with_section(0, replace(section, paragraphs=(*section.paragraphs[:3], quoted)))
    doc = DocxXml(render_to_bytes(moved, small_library()))
    assert doc.tables[1].find("w:tblPr/w:tblInd", NS).get(q("w:w")) == "1247"


def test_a_document_with_a_logo_is_reproducible() -> None:
    resp = response(DATA / "responses" / "sample.yaml")
    assert render(resp, small_library(), style=image_style()) == documents()["sample-logo"]
