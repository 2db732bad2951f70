"""The house template is built by our own code, the same bytes every time, with every style the renderer uses."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
from docx_reader import NS, q
from lxml import etree

from conftest import REPO
from policydesk.render import document as d
from policydesk.render.house_style import HouseStyle, house_style
from policydesk.render.template import build_template, required_styles, stable_bytes, template_bytes


def part(name: str, data: bytes | None = None) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data or template_bytes(house_style()))) as package:
        return etree.fromstring(package.read(name))


def test_building_twice_gives_identical_bytes() -> None:
    style = house_style()
    assert stable_bytes(build_template(style)) == stable_bytes(build_template(style))


def test_every_style_the_renderer_uses_is_defined() -> None:
    document = docx.Document(io.BytesIO(template_bytes(house_style())))
    names = {s.name for s in document.styles}
    needed = [*d.HEADINGS, d.ANSWER, d.DATE_LINE, d.SIGN_OFF, d.CONTACT, d.BODY, *d.NUMBERED, *d.ALL_BULLETS]
    needed += [d.TABLE, d.TABLE_TEXT, d.HEADER, d.FOOTER, d.WORDMARK, d.VIEW_HEADING, d.RECOMMENDATION, "Hyperlink"]
    assert [name for name in needed if name not in names] == []
    assert set(required_styles(house_style())) == names
    ids = {s.style_id for s in document.styles}
    assert {"CommentReference", "CommentText"} <= ids, "python-docx's comments use these ids"


def test_only_our_own_parts() -> None:
    with zipfile.ZipFile(io.BytesIO(template_bytes(house_style()))) as package:
        names = set(package.namelist())
    assert names == {
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/app.xml",
        "docProps/core.xml",
        "word/_rels/document.xml.rels",
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/settings.xml",
        "word/fontTable.xml",
        "word/theme/theme1.xml",
        "word/header1.xml",
        "word/header2.xml",
        "word/footer1.xml",
        "word/footer2.xml",
    }


def test_settings_are_ours() -> None:
    settings = part("word/settings.xml")
    zoom = settings.find("w:zoom", NS)
    assert zoom.get(q("w:percent")) == "100" and zoom.get(q("w:val")) is None
    languages = settings.find("w:themeFontLang", NS)
    assert {languages.get(q(f"w:{k}")) for k in ("val", "eastAsia", "bidi")} == {"en-GB"}
    assert settings.find("w:rsids", NS) is None and settings.find("w:trackRevisions", NS) is None


def test_application_properties_name_policydesk_and_claim_no_counts() -> None:
    app = part("docProps/app.xml")
    values = {etree.QName(el).localname: el.text for el in app}
    assert values["Application"] == "policydesk"
    assert not {"Pages", "Words", "Characters", "Lines", "Paragraphs", "TotalTime", "AppVersion", "Template"} & set(
        values
    )
    assert b"Microsoft" not in b"".join(etree.tostring(part(n)) for n in ("docProps/app.xml", "word/settings.xml"))


def test_every_style_that_names_a_list_names_one_that_exists() -> None:
    styles, numbering = part("word/styles.xml"), part("word/numbering.xml")
    nums = {n.get(q("w:numId")): n.find("w:abstractNumId", NS).get(q("w:val")) for n in numbering.iterfind("w:num", NS)}
    abstracts = {a.get(q("w:abstractNumId")) for a in numbering.iterfind("w:abstractNum", NS)}
    linked = [el.get(q("w:val")) for el in styles.iterfind(".//w:numPr/w:numId", NS)]
    assert linked, "the numbered and bullet styles are linked to lists"
    assert [n for n in linked if n not in nums] == []
    assert set(nums.values()) <= abstracts
    style_ids = {s.get(q("w:styleId")) for s in styles.iterfind("w:style", NS)}
    assert {el.get(q("w:val")) for el in numbering.iterfind(".//w:lvl/w:pStyle", NS)} <= style_ids


def test_theme_fonts_are_the_house_font() -> None:
    theme = part("word/theme/theme1.xml")
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    assert {el.get("typeface") for el in theme.iter(f"{a}latin")} == {"Arial"}


def test_settings_change_the_template(tmp_path: Path) -> None:
    text = (REPO / "templates" / "house-style.yaml").read_text().replace("body: Arial", "body: Verdana")
    custom = tmp_path / "house-style.yaml"
    custom.write_text(text)
    style: HouseStyle = house_style.__wrapped__(custom)
    document = docx.Document(io.BytesIO(stable_bytes(build_template(style))))
    assert document.styles["Normal"].font.name == "Verdana"


def test_the_build_script_writes_the_template(tmp_path: Path) -> None:
    out = tmp_path / "lga-house.docx"
    result = subprocess.run(
        [sys.executable, str(REPO / "templates" / "build_template.py"), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == stable_bytes(build_template(house_style()))
