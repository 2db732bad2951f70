"""Every paragraph we render is anchored to its place, reads back to the text it came from, and our changes are
credited to the officer."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_reader import DocxXml, q
from rendered import BUNDLED, bundled_library, response, small_library
from review_helpers import policydesk, sent_docx, workspace

from conftest import DATA
from policydesk.render import anchors
from policydesk.render.assemble import RenderOptions, assemble, pinned
from policydesk.render.docx_writer import write_docx
from policydesk.review.compare import compare, groups
from policydesk.review.docx_read import read_docx
from policydesk.review.markdown_out import same_text

CASES = [(p, bundled_library) for p in BUNDLED] + [
    (DATA / "responses" / "sample.yaml", small_library),
    (DATA / "responses" / "tables.yaml", small_library),
]


@pytest.fixture(scope="module", params=CASES, ids=lambda c: c[0].stem)
def rendered(request):
    path, library = request.param
    resp = response(path)
    return resp, library(), write_docx(assemble(resp, library(), RenderOptions(sent_id="20240314T101530")))


def test_every_body_paragraph_carries_one_anchor(rendered) -> None:
    resp, _, data = rendered
    doc = DocxXml(data)
    for para in doc.paragraphs:
        names = [b.get(q("w:name")) for b in para.element.iter(q("w:bookmarkStart"))]
        ours = [n for n in names if n.startswith(anchors.PREFIX) and not n.startswith("_pd_sent_")]
        assert len(ours) == 1, (para.accepted, names)
    found = {anchors.parse(b.get(q("w:name"))) for b in doc.document.iter(q("w:bookmarkStart"))}
    assert anchors.Anchor("sent", sent_id="20240314T101530") in found
    for s, section in enumerate(resp.sections, 1):
        assert anchors.Anchor("heading", s) in found
        for p, _ in enumerate(section.paragraphs, 1):
            assert any(a and a.part == "paragraph" and (a.section, a.paragraph) == (s, p) for a in found), (s, p)
    assert {anchors.Anchor("key message", k) for k in range(1, len(resp.key_messages) + 1)} <= found


def test_each_place_reads_back_to_the_text_it_came_from(rendered) -> None:
    resp, library, data = rendered
    doc = read_docx(data, "sent.docx")
    placed, loose = groups(doc)
    assert loose == []
    from policydesk.review.compare import Views, _Ours

    views = Views(_Ours(doc))
    for s, section in enumerate(resp.sections, 1):
        for p, paragraph in enumerate(section.paragraphs, 1):
            if paragraph.subheading:
                continue
            draft = (
                paragraph.text
                if paragraph.position is None or paragraph.edited
                else pinned(paragraph, library, "")[1].text
            )
            read = views.accepted(placed[("paragraph", s, p)].paras)
            assert same_text(read, draft), (s, p, read, draft)
            if paragraph.position:
                agreed = pinned(paragraph, library, "")[1].text
                assert same_text(views.rejected(placed[("paragraph", s, p)].paras), agreed), (s, p)


def test_a_document_compared_with_itself_has_no_items(rendered) -> None:
    resp, _, data = rendered
    doc = read_docx(data, "sent.docx")
    result = compare(doc, read_docx(data, "same.docx"), resp)
    assert result.items == [] and result.unread == {}


def test_our_changes_are_credited_to_the_officer_and_provenance_to_the_knowledge_base(tmp_path: Path) -> None:
    path = workspace(tmp_path)
    doc = DocxXml(sent_docx(path))
    authors = {el.get(q("w:author")) for el in doc.document.iter(q("w:ins"), q("w:del"))}
    assert authors == {"Jane Smith"}  # the contact officer of sample.yaml
    assert {c.get(q("w:author")) for c in doc.comments} == {"policydesk"}
    out = tmp_path / "by-alex.docx"
    code, _ = policydesk(
        "--kb", str(tmp_path / "positions"), "render", str(path), "--out", str(out), "--author", "Alex Morgan"
    )
    assert code == 0
    assert {el.get(q("w:author")) for el in DocxXml(out).document.iter(q("w:ins"))} == {"Alex Morgan"}


def test_each_render_is_recorded_as_sent(tmp_path: Path) -> None:
    path = workspace(tmp_path)
    folder = path.parent / ".sample.sent"
    (first,) = sorted(folder.glob("*.docx"))
    assert first.with_suffix(".yaml").is_file()
    assert first.read_bytes() == path.with_suffix(".docx").read_bytes()
    code, _ = policydesk("--kb", str(tmp_path / "positions"), "render", str(path), "--clean")
    assert code == 0
    assert len(list(folder.glob("*.docx"))) == 2  # a second render in the same second gets its own record
