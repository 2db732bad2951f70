"""house-style.md §8 checks 7 to 13 and 19 on the bundled board papers (tracked and clean), named by number.

Checks 14 to 18 and 20 to 35 run on papers and responses alike in test_house_checks.py; the paper's own fixed
labels (check 35) are checked here too. Each check reads the rendered .docx, never the YAML it came from.
"""

from __future__ import annotations

import re

import pytest
from docx_reader import NS, DocxXml, Para, R, document_view, q
from rendered import PAPERS, bundled_library, documents, paper, paper_names

from conftest import REPO
from policydesk.changes import readable
from policydesk.model.paper import CLOSING
from policydesk.render.docx_writer import write_docx
from policydesk.render.house_style import house_style
from policydesk.render.paper_layout import assemble_paper

PURPOSES = ("For information", "For discussion", "For direction", "For decision")
CONTACT_LABELS = ("Contact officer:", "Position:", "Phone no:", "Email:")


@pytest.fixture(scope="module", params=paper_names())
def doc(request: pytest.FixtureRequest) -> DocxXml:
    return DocxXml(documents()[request.param])


def index_of(doc: DocxXml, text: str, start: int = 0, style: str | None = None) -> int:
    return next(
        i
        for i, p in enumerate(doc.paragraphs)
        if i >= start and p.accepted.strip().lower() == text.lower() and (style is None or p.style_id == style)
    )


def body_start(doc: DocxXml) -> int:
    """The first paragraph after the front matter: the one that starts a new page."""
    return next(i for i, p in enumerate(doc.paragraphs) if p.element.find("w:pPr/w:pageBreakBefore", NS) is not None)


def annex_start(doc: DocxXml) -> int:
    found = [i for i, p in enumerate(doc.paragraphs) if p.style_id == "Heading1" and p.accepted.startswith("Annex ")]
    return found[0] if found else len(doc.paragraphs)


def level_0(doc: DocxXml, p: Para) -> bool:
    return p.num is not None and p.num[1] == 0 and doc.level_format(*p.num)[0] == "decimal"


def test_there_is_a_bundled_paper() -> None:
    assert [p.name for p in PAPERS] == ["stable-homes-initial-view.yaml"]


def test_check_07_front_matter_in_order(doc: DocxXml) -> None:
    paras = doc.paragraphs
    assert paras[0].style_id == "Heading1" and paras[0].accepted == paper(PAPERS[0]).title
    purpose = index_of(doc, "Purpose of report", style="Heading2")
    assert paras[purpose + 1].accepted.rstrip(".") in PURPOSES
    summary = index_of(doc, "Summary", purpose, "Heading2")
    recommendations = next(
        i for i, p in enumerate(paras) if i > summary and p.accepted in ("Recommendation(s)", "Recommendations")
    )
    contact = index_of(doc, "Contact details", recommendations, "Heading2")
    assert purpose < summary < recommendations < contact < body_start(doc)
    between = [p.accepted for p in paras[summary + 1 : recommendations]]
    assert between and all(not p.startswith("LGA Plan Theme:") or p.split(": ", 1)[1] for p in between)


def test_check_08_recommendations_start_that_and_letter_their_items(doc: DocxXml) -> None:
    start = index_of(doc, "Recommendation(s)")
    end = index_of(doc, "Contact details", start)
    block = doc.paragraphs[start + 1 : end]
    assert block[0].accepted.startswith("That ")
    items = [p for p in block if p.num is not None]
    assert items, "the bundled paper's recommendation has lettered items"
    assert {doc.level_format(*p.num)[:2] for p in items} == {("lowerLetter", "%1)")}
    assert [p.label for p in items] == [f"{chr(97 + i)})" for i in range(len(items))]
    assert not any(re.match(r"^\(?[a-z]\)", p.accepted) for p in block), "letters are Word numbering, not typed"


def test_check_09_four_contact_lines_and_a_mailto_link(doc: DocxXml) -> None:
    start = index_of(doc, "Contact details")
    lines = doc.paragraphs[start + 1 : body_start(doc)]
    assert len(lines) == len(CONTACT_LABELS)
    for line, label in zip(lines, CONTACT_LABELS, strict=True):
        assert line.accepted.startswith(label) and line.accepted.removeprefix(label).strip(), line.accepted
    email = lines[-1]
    links = email.element.findall("w:hyperlink", NS)
    assert len(links) == 1
    target = {r.get("Id"): r.get("Target") for r in doc.rels}[links[0].get(f"{{{R}}}id")]
    assert target == "mailto:" + "".join(links[0].itertext())


def test_check_10_page_break_then_the_title_again(doc: DocxXml) -> None:
    start = body_start(doc)
    contact = index_of(doc, "Contact details")
    assert start == contact + 1 + len(CONTACT_LABELS), "the break comes straight after the contact block"
    assert doc.paragraphs[start].style_id == "Heading1"
    assert doc.paragraphs[start].accepted == doc.paragraphs[0].accepted


def test_check_11_the_standard_sections_close_the_body(doc: DocxXml) -> None:
    start, end = body_start(doc), annex_start(doc)
    headings = [(i, p.accepted) for i, p in enumerate(doc.paragraphs[:end]) if i > start and p.style_id == "Heading2"]
    assert headings[0][1] == "Background"
    assert [text for _, text in headings[-4:]] == list(CLOSING)
    bounds = [i for i, _ in headings[-4:]] + [end]
    for (i, text), after in zip(headings[-4:], bounds[1:], strict=True):
        assert any(level_0(doc, p) for p in doc.paragraphs[i + 1 : after]), f"{text} has no numbered paragraph"


def test_check_12_annexes_follow_next_steps_and_every_reference_resolves(doc: DocxXml) -> None:
    next_steps = index_of(doc, "Next steps", body_start(doc), "Heading2")
    annexes = [
        (i, p.accepted)
        for i, p in enumerate(doc.paragraphs)
        if re.match(r"^(Annex|Appendix) ", p.accepted) and p.style_id == "Heading1"
    ]
    assert annexes, "the bundled paper has an annex"
    assert all(i > next_steps for i, _ in annexes)
    labels = {re.match(r"^(Annex \d+|Appendix [A-Z])\b", text).group(1) for _, text in annexes}
    assert len({label.split()[0] for label in labels}) == 1, "one labelling system"
    referred = {
        m.group()
        for p in doc.paragraphs
        if p.style_id != "Heading1"
        for m in re.finditer(r"\b(Annex \d+|Appendix [A-Z])\b", p.accepted)
    }
    assert referred and referred <= labels


def test_check_13_first_page_header_and_footer_and_a_page_field_in_every_footer(doc: DocxXml) -> None:
    headers, footers = doc.story("header"), doc.story("footer")
    first_header = " ".join("".join(p.itertext()) for p in headers["first"].iter(q("w:p")))
    assert "Meeting: Children and Young People Board" in first_header and "Date: 14 March 2023" in first_header
    assert "Meeting:" not in " ".join(headers["default"].itertext()), "only the first page says it"
    assert "18 Smith Square" in "".join(footers["first"].itertext())
    assert "18 Smith Square" not in "".join(footers["default"].itertext())
    for kind, part in footers.items():
        fields = [t.text.strip() for t in part.iter(q("w:instrText"))]
        assert fields == ["PAGE"], kind
    assert doc.document.find("w:body/w:sectPr/w:titlePg", NS) is not None


def test_the_footer_names_come_from_the_house_style(doc: DocxXml) -> None:
    footer = "".join(doc.story("footer")["first"].itertext())
    assert "Chairman: Councillor James Jamieson OBE" in footer and "company number 11177145" in footer


def test_check_19_lga_view_headings_continue_the_numbering(doc: DocxXml) -> None:
    """The seed's defect (house-style.md §2.4): a view heading took a number, so 6, 8, 10... were skipped."""
    paras = doc.paragraphs
    views = [i for i, p in enumerate(paras) if p.style_id == "LGAViewHeading"]
    assert len(views) >= 6
    for accept in (True, False):
        gone = "del" if accept else "ins"
        shown = [p for p in paras[: annex_start(doc)] if p.mark != gone]
        count, after_view = 0, None
        for p in shown:
            if p.style_id == "LGAViewHeading":
                assert p.accepted == "LGA VIEW" and p.num is None
                after_view = count
            elif level_0(doc, p):
                count += 1
                if after_view is not None:
                    assert count == after_view + 1, "the view's first paragraph takes the next number"
                    after_view = None
            elif after_view is not None and p.style_id.startswith("Heading"):
                pytest.fail("an LGA VIEW heading with no numbered paragraph under it")
        assert after_view is None


def test_check_35_the_paper_labels_exactly(doc: DocxXml) -> None:
    front = [p.accepted for p in doc.paragraphs[: body_start(doc)] if p.style_id == "Heading2"]
    assert front == ["Purpose of report", "Summary", "Recommendation(s)", "Contact details"]
    start = index_of(doc, "Contact details")
    labels = [p.accepted.split(": ", 1)[0] + ":" for p in doc.paragraphs[start + 1 : body_start(doc)]]
    assert labels == list(CONTACT_LABELS)


def test_the_footer_names_are_configured_in_house_style_yaml(tmp_path) -> None:
    text = (REPO / "templates" / "house-style.yaml").read_text(encoding="utf-8")
    text = text.replace("Chairman: Councillor James Jamieson OBE", "Chair: Councillor Alex Example")
    custom = tmp_path / "house-style.yaml"
    custom.write_text(text, encoding="utf-8")
    style = house_style.__wrapped__(custom)
    page = assemble_paper(paper(PAPERS[0]), bundled_library(), style=style)
    footer = "".join(DocxXml(write_docx(page, style)).story("footer")["first"].itertext())
    assert "Chair: Councillor Alex Example" in footer and "Jamieson" not in footer


def test_accepting_every_change_gives_the_paper_and_rejecting_gives_what_is_agreed() -> None:
    drafted, library = paper(PAPERS[0]), bundled_library()
    xml = DocxXml(documents()[PAPERS[0].stem])
    accepted, rejected = "\n".join(document_view(xml, True)), "\n".join(document_view(xml, False))
    views = [p for _, _, p in drafted.paragraphs() if p.kind in ("quoted", "proposed")]
    for view in views:
        if view.proposes is not None:
            assert readable(view.text) in accepted and readable(view.text) not in rejected
            continue
        agreed = library.get(view.position).version(view.version).text
        assert readable(view.text if view.edited else agreed) in accepted
        assert readable(agreed) in rejected
    assert len(xml.comments) == len(views), "a provenance comment on every view, the proposal's included"
