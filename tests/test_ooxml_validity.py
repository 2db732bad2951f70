"""Every rendered document is valid OOXML: schema-valid in every part, with every reference resolved.

Word is stricter than LibreOffice about element order and required attributes; validating against the
ISO/IEC 29500 transitional and ECMA-376 OPC schemas is the proxy we can test here.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter

import pytest
from docx_reader import NS, DocxXml, R, q
from ooxml_schemas import parts_checked, schema_errors
from rendered import ALL_NAMES, documents

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
STYLE_REFERENCES = ("pStyle", "rStyle", "tblStyle", "basedOn", "next", "link", "numStyleLink", "styleLink")
REVISIONS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange")


@pytest.fixture(scope="module", params=ALL_NAMES)
def named(request: pytest.FixtureRequest) -> tuple[str, bytes]:
    return request.param, documents()[request.param]


def test_every_xml_part_is_schema_valid(named: tuple[str, bytes]) -> None:
    name, data = named
    assert schema_errors(data) == [], name


def test_the_parts_checked_are_every_part_of_the_package(named: tuple[str, bytes]) -> None:
    name, data = named
    checked = set(parts_checked(data))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        everything = {n for n in package.namelist() if not n.startswith("word/media/")}
    assert checked == everything
    expected = {"word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml"}
    expected |= {"word/header1.xml", "word/header2.xml", "word/footer1.xml", "word/footer2.xml"}
    expected |= {"docProps/core.xml", "docProps/app.xml", "[Content_Types].xml", "_rels/.rels"}
    if not name.endswith("-clean"):
        expected.add("word/comments.xml")
    assert expected <= checked


def mutate(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.namelist():
            content = src.read(item)
            if item == part:
                assert old in content
                content = content.replace(old, new, 1)
            dst.writestr(item, content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("part", "old", "new", "complaint"),
    [
        ("word/settings.xml", b'<w:zoom w:percent="100"/>', b'<w:zoom w:val="bestFit"/>', "percent"),
        (
            "word/document.xml",
            b'<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>',
            b'<w:pPr><w:jc w:val="left"/><w:pStyle w:val="Heading1"/></w:pPr>',
            "pStyle': This element is not expected",
        ),
        ("word/comments.xml", b"w:author=", b"w:writer=", "writer"),
        ("docProps/core.xml", b"<dcterms:created", b"<dc:date>2023</dc:date><dcterms:created", "date"),
        ("word/footer1.xml", b'w:fldCharType="begin"', b'w:fldCharType="start"', "start"),
    ],
)
def test_the_schemas_catch_what_word_would_reject(part: str, old: bytes, new: bytes, complaint: str) -> None:
    errors = schema_errors(mutate(documents()["sample"], part, old, new))
    assert errors and all(e.startswith(f"{part}:") for e in errors) and complaint in errors[0], errors


def test_every_style_id_referenced_is_defined(named: tuple[str, bytes]) -> None:
    name, data = named
    doc = DocxXml(data)
    defined = {s.get(q("w:styleId")) for s in doc.styles.iterfind("w:style", NS)}
    referenced = Counter()
    for part, root in doc.parts.items():
        for tag in STYLE_REFERENCES:
            for el in root.iter(q(f"w:{tag}")):
                referenced[(part, el.get(q("w:val")))] += 1
    missing = sorted({(part, sid) for part, sid in referenced if sid not in defined})
    assert missing == [], name
    used = {sid for _, sid in referenced}
    assert {"Heading1", "LGAPara1", "Header", "Footer", "LGAWordmark", "ListBullet"} <= used
    if not name.endswith("-clean"):
        assert {"CommentReference", "CommentText"} <= used


def test_every_list_referenced_exists(named: tuple[str, bytes]) -> None:
    name, data = named
    doc = DocxXml(data)
    nums = {
        n.get(q("w:numId")): n.find("w:abstractNumId", NS).get(q("w:val")) for n in doc.numbering.iterfind("w:num", NS)
    }
    abstracts = {a.get(q("w:abstractNumId")): a for a in doc.numbering.iterfind("w:abstractNum", NS)}
    referenced = [(part, el.get(q("w:val"))) for part, root in doc.parts.items() for el in root.iter(q("w:numId"))]
    assert referenced
    assert [(part, n) for part, n in referenced if n not in nums] == [], name
    assert set(nums.values()) <= set(abstracts)
    for root in doc.parts.values():
        for numpr in root.iter(q("w:numPr")):
            abstract = abstracts[nums[numpr.find("w:numId", NS).get(q("w:val"))]]
            level = numpr.find("w:ilvl", NS).get(q("w:val"))
            assert abstract.find(f"w:lvl[@w:ilvl='{level}']", NS) is not None, name


def test_revision_comment_and_drawing_ids_are_unique(named: tuple[str, bytes]) -> None:
    name, data = named
    doc = DocxXml(data)
    revisions = [el.get(q("w:id")) for root in doc.parts.values() for t in REVISIONS for el in root.iter(q(f"w:{t}"))]
    comments = [c.get(q("w:id")) for c in doc.comments.iterfind("w:comment", NS)] if doc.comments is not None else []
    annotation_ids = revisions + comments
    assert [i for i, n in Counter(annotation_ids).items() if n > 1] == [], name
    if name.endswith("-clean"):
        assert revisions == [] and comments == []
    else:
        assert revisions and comments, "a tracked render carries revisions and provenance comments"
    for kind in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        anchored = [el.get(q("w:id")) for el in doc.document.iter(q(f"w:{kind}"))]
        assert sorted(anchored) == sorted(comments), (name, kind)
    drawings = [el.get("id") for root in doc.parts.values() for el in root.iter(f"{{{WP}}}docPr")]
    assert len(drawings) == len(set(drawings))


def test_every_relationship_points_at_a_part_or_an_address(named: tuple[str, bytes]) -> None:
    name, data = named
    doc = DocxXml(data)
    for part, root in doc.parts.items():
        if not part.endswith(".rels"):
            continue
        base = part.split("_rels/")[0].rstrip("/")  # relationship targets are relative to the source part's folder
        for rel in root:
            if rel.get("TargetMode") == "External":
                assert rel.get("Target").startswith(("https://", "http://", "mailto:")), (name, rel.get("Target"))
                continue
            target = f"{base}/{rel.get('Target')}".lstrip("/") if base else rel.get("Target")
            assert target in doc.names, (name, part, target)
        ids = [rel.get("Id") for rel in root]
        assert len(ids) == len(set(ids))
    for part, root in doc.parts.items():
        if part.endswith(".xml") and part.startswith("word/"):
            rels = doc.parts.get(part.replace("word/", "word/_rels/") + ".rels")
            known = {rel.get("Id") for rel in rels} if rels is not None else set()
            used = {v for el in root.iter() for k, v in el.attrib.items() if k.startswith(f"{{{R}}}")}
            assert used <= known, (name, part, used - known)


def test_markup_a_part_marks_ignorable_is_left_out_of_validation() -> None:
    w14 = b'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    mc = b'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    sample = documents()["sample"]
    start = b"<w:settings "
    extended = mutate(sample, "word/settings.xml", start, start + w14 + b" " + mc + b' mc:Ignorable="w14" ')
    extended = mutate(extended, "word/settings.xml", b"</w:settings>", b'<w14:docId w14:val="1A2B3C4D"/></w:settings>')
    assert schema_errors(extended) == []
    undeclared = mutate(sample, "word/settings.xml", start, start + w14 + b" ")
    undeclared = mutate(undeclared, "word/settings.xml", b"</w:settings>", b'<w14:docId w14:val="1"/></w:settings>')
    assert len(schema_errors(undeclared)) == 1
