"""Word list labels computed from numbering.xml as Word and LibreOffice show them, and read from real .docx files."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from policydesk.consultation.docx_reader import read_docx
from policydesk.consultation.finder import find_questions
from policydesk.consultation.word_numbering import WordNumbering, format_number

W = nsdecls("w")


def level(ilvl: int, fmt: str, text: str, start: int = 1) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
    )


def numbering(abstracts: dict[int, str], nums: dict[int, tuple[int, dict[int, int]]]) -> etree._Element:
    xml = "".join(f'<w:abstractNum w:abstractNumId="{a}">{levels}</w:abstractNum>' for a, levels in abstracts.items())
    for num, (abstract, overrides) in nums.items():
        extra = "".join(
            f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>' for i, v in overrides.items()
        )
        xml += f'<w:num w:numId="{num}"><w:abstractNumId w:val="{abstract}"/>{extra}</w:num>'
    return parse_xml(f"<w:numbering {W}>{xml}</w:numbering>")


def para(num: int | None = None, ilvl: int = 0, style: str | None = None) -> etree._Element:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'
    return parse_xml(f"<w:p {W}><w:pPr>{props}</w:pPr></w:p>")


TWO_LEVELS = level(0, "decimal", "%1.") + level(1, "lowerLetter", "%2)")


def labels(counter: WordNumbering, paragraphs: list[etree._Element]) -> list[str]:
    return [counter.label(p) for p in paragraphs]


def test_counting_restarts_and_sub_levels() -> None:
    counter = WordNumbering(numbering({1: TWO_LEVELS}, {1: (1, {}), 2: (1, {0: 7})}), None)
    assert labels(counter, [para(1), para(1, 1), para(1, 1), para(1), para(1, 1), para(2), para(2)]) == [
        "1.", "a)", "b)", "2.", "a)", "7.", "8.",
    ]  # fmt: skip


def test_two_nums_sharing_a_list_continue_each_other() -> None:
    counter = WordNumbering(numbering({1: TWO_LEVELS}, {1: (1, {}), 2: (1, {})}), None)
    assert labels(counter, [para(1), para(2), para(1)]) == ["1.", "2.", "3."]


def test_a_sub_level_before_its_parent_counts_the_parent() -> None:
    counter = WordNumbering(numbering({1: TWO_LEVELS}, {1: (1, {})}), None)
    assert labels(counter, [para(1, 1), para(1)]) == ["a)", "2."]


def test_label_patterns_formats_and_bullets() -> None:
    abstracts = {
        1: level(0, "decimal", "Question %1:", start=4),
        2: level(0, "upperRoman", "%1.") + level(1, "decimal", "%1.%2"),
        3: level(0, "bullet", "\uf0b7"),
        4: level(0, "lowerLetter", "(%1)", start=26),
    }
    counter = WordNumbering(numbering(abstracts, {n: (n, {}) for n in abstracts}), None)
    assert labels(counter, [para(1), para(1), para(2), para(2, 1), para(3), para(4), para(4), para(None)]) == [
        "Question 4:", "Question 5:", "I.", "I.1", "•", "(z)", "(aa)", "",
    ]  # fmt: skip
    assert [format_number(n, "lowerRoman") for n in (4, 9, 14, 40)] == ["iv", "ix", "xiv", "xl"]


def test_numbering_set_by_a_style_and_the_style_it_is_based_on() -> None:
    styles = parse_xml(
        f"<w:styles {W}>"
        '<w:style w:type="paragraph" w:styleId="QList"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="QListSub"><w:basedOn w:val="QList"/>'
        '<w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="QListBased"><w:basedOn w:val="QList"/></w:style>'
        "</w:styles>"
    )
    counter = WordNumbering(numbering({1: TWO_LEVELS}, {1: (1, {})}), styles)
    assert labels(counter, [para(style="QList"), para(style="QListBased"), para(1, 1, style="QList")]) == [
        "1.", "2.", "a)",
    ]  # fmt: skip


def test_a_word_document_numbered_by_a_question_list_with_outline_levels_and_tables(tmp_path: Path) -> None:
    document = docx.Document()
    part = document.part.numbering_part.element
    part.find(f"{{{part.nsmap['w']}}}num").addprevious(
        parse_xml(f'<w:abstractNum {W} w:abstractNumId="70">{level(0, "decimal", "Question %1:")}</w:abstractNum>')
    )
    part.append(parse_xml(f'<w:num {W} w:numId="70"><w:abstractNumId w:val="70"/></w:num>'))
    custom = document.styles.add_style("Consultation chapter", 1)
    custom.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="0"/>'))
    numbered = f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="70"/></w:numPr>'
    document.add_paragraph("Chapter one", style="Consultation chapter")
    document.add_paragraph("Should the duty apply to academies?")._p.get_or_add_pPr().append(parse_xml(numbered))
    table = document.add_table(rows=1, cols=3)
    for cell, answer in zip(table.rows[0].cells, ("Agree", "Disagree", "Partly"), strict=True):
        cell.text = answer
    document.add_paragraph("What would it cost?")._p.get_or_add_pPr().append(parse_xml(numbered))
    document.add_heading("Chapter two", level=1)
    broken = document.add_paragraph("Question 3: Is anything")
    broken.runs[0].add_break()
    broken.add_run("missing?")
    path = tmp_path / "listed.docx"
    document.save(str(path))
    read = read_docx(path)
    assert [(b.text, b.heading, b.label) for b in read.blocks] == [
        ("Chapter one", 2, ""),
        ("Should the duty apply to academies?", 0, "Question 1:"),
        ("Agree", 0, ""),
        ("Disagree", 0, ""),
        ("Partly", 0, ""),
        ("What would it cost?", 0, "Question 2:"),
        ("Chapter two", 2, ""),
        ("Question 3: Is anything missing?", 0, ""),
    ]
    found = find_questions(list(read.blocks))
    assert [(q.number, q.text, q.scale, q.chapter) for q in found.questions] == [
        ("1", "Should the duty apply to academies?", "agree-disagree", "Chapter one"),
        ("2", "What would it cost?", "free-text", "Chapter one"),
        ("3", "Is anything missing?", "free-text", "Chapter two"),
    ]


def test_tracked_changes_read_as_accepted_and_text_boxes_in_place(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Introduction text.")
    revised = document.add_paragraph("Question 1: Should ")
    revised._p.append(
        parse_xml(
            f'<w:del {W} w:id="1" w:author="DfE" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>councils</w:delText>'
            "</w:r></w:del>"
        )
    )
    revised._p.append(
        parse_xml(
            f'<w:ins {W} w:id="2" w:author="DfE" w:date="2025-01-01T00:00:00Z"><w:r><w:t>schools</w:t></w:r></w:ins>'
        )
    )
    revised.add_run(" lead?")
    boxed = document.add_paragraph("Chapter text beside a box.")
    boxed._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
            "<w:p><w:r><w:t>Question 2: What would help?</w:t></w:r></w:p>"
            "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    path = tmp_path / "revised.docx"
    document.save(str(path))
    assert [b.text for b in read_docx(path).blocks] == [
        "Introduction text.",
        "Question 1: Should schools lead?",
        "Chapter text beside a box.",
        "Question 2: What would help?",
    ]
