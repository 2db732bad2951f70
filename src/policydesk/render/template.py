"""Build the house-style Word template from the settings in templates/house-style.yaml."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from policydesk.render import document as d
from policydesk.render import oxml
from policydesk.render.house_style import HouseStyle

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
REQUIRED_STYLES = (
    *d.HEADINGS,
    d.DATE_LINE,
    d.SIGN_OFF,
    d.CONTACT,
    d.BODY,
    *d.NUMBERED,
    *d.BULLETS,
    "Hyperlink",
    "annotation reference",
    "annotation text",
)


def build_template(style: HouseStyle) -> Document:
    """A blank document holding every style, list and page setting the renderer relies on."""
    doc = docx.Document()
    _drop_unused_parts(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _page(doc, style)
    _fonts(doc, style)
    _headings(doc, style)
    _custom_styles(doc, style)
    _numbering(doc, style)
    props = doc.core_properties
    props.language, props.author, props.title, props.comments = style.fonts["language"], style.label("author"), "", ""
    props.last_modified_by, props.revision = style.label("author"), 1
    return doc


def _drop_unused_parts(doc: Document) -> None:
    """Remove the default template's leftovers: Word 2010 style effects, thumbnail, custom XML."""
    for rel_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects") or rel.reltype == RT.CUSTOM_XML:
            del doc.part.rels[rel_id]
    package_rels = doc.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rel_id]


def _page(doc: Document, style: HouseStyle) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Twips(style.page["width_twips"]), Twips(style.page["height_twips"])
    margin = Twips(style.page["margin_twips"])
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = margin


def _fonts(doc: Document, style: HouseStyle) -> None:
    """One body font everywhere: theme fonts and colours are stripped from every style."""
    font, language = style.fonts["body"], style.fonts["language"]
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in list(rfonts.attrib):
            if attr.endswith("Theme") or attr.endswith("theme"):
                del rfonts.attrib[attr]
        for key in ("ascii", "hAnsi", "cs", "eastAsia"):
            rfonts.set(qn(f"w:{key}"), font)
    for colour in styles.iter(qn("w:color")):
        for attr in list(colour.attrib):
            if "theme" in attr.lower():
                del colour.attrib[attr]
        colour.set(qn("w:val"), "000000")
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:val"), language)
    size = defaults.find(qn("w:sz"))
    if size is None:
        size = oxml.element("w:sz")
        defaults.append(size)
    size.set(qn("w:val"), str(style.fonts["body_size_pt"] * 2))
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = font, Pt(style.fonts["body_size_pt"])
    fmt = normal.paragraph_format
    fmt.space_after, fmt.line_spacing, fmt.alignment = (
        Pt(style.spacing["after_pt"]),
        style.spacing["line"],
        WD_ALIGN_PARAGRAPH.LEFT,
    )


def _headings(doc: Document, style: HouseStyle) -> None:
    sizes = {d.HEADING_1: "title_size_pt", d.HEADING_2: "heading2_size_pt", d.HEADING_3: "heading3_size_pt"}
    for name, key in sizes.items():
        heading = doc.styles[name]
        heading.font.name, heading.font.size = style.fonts["body"], Pt(style.fonts[key])
        heading.font.bold, heading.font.italic = True, False
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.paragraph_format.space_before = Pt(18 if name == d.HEADING_1 else 12)
        heading.paragraph_format.space_after = Pt(6)


def _paragraph_style(doc: Document, name: str, base: str, **font: object):
    new = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    new.base_style = doc.styles[base]
    new.quick_style = True
    for key, value in font.items():
        setattr(new.font, key, value)
    return new


def _custom_styles(doc: Document, style: HouseStyle) -> None:
    _paragraph_style(doc, d.DATE_LINE, d.BODY)
    _paragraph_style(doc, d.SIGN_OFF, d.BODY, italic=True)
    answer = _paragraph_style(doc, d.ANSWER, d.HEADING_3)
    answer.paragraph_format.space_before = Pt(6)
    _paragraph_style(doc, d.CONTACT, d.BODY).paragraph_format.space_after = Pt(0)
    for name in d.NUMBERED:
        _paragraph_style(doc, name, d.BODY)
    link = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline, link.font.color.rgb = True, RGBColor.from_string(style.colours["hyperlink"])
    ref = doc.styles.add_style("annotation reference", WD_STYLE_TYPE.CHARACTER)
    ref.font.size = Pt(8)
    text = _paragraph_style(doc, "annotation text", d.BODY, size=Pt(10))
    text.paragraph_format.space_after = Pt(0)


def _numbering(doc: Document, style: HouseStyle) -> None:
    """One three-level decimal list for body paragraphs (1., 1.1., 1.1.1.) and one bullet list."""
    ids = {name: doc.styles[name].style_id for name in (*d.NUMBERED, *d.BULLETS)}
    indents = [(n["left"], n["hanging"]) for n in style.numbering]
    body_levels = [
        ("decimal", text, ids[name], *indent)
        for text, name, indent in zip(("%1.", "%1.%2.", "%1.%2.%3."), d.NUMBERED, indents, strict=True)
    ]
    bullet_levels = [
        ("bullet", char, ids[name], 360 * (i + 1), 360)
        for i, (char, name) in enumerate(zip(oxml.BULLET_CHARS, d.BULLETS, strict=True))
    ]
    oxml.replace_numbering(
        doc.part.numbering_part.element,
        [
            oxml.abstract_numbering(oxml.BULLET_ABSTRACT_ID, bullet_levels),
            oxml.abstract_numbering(oxml.BODY_ABSTRACT_ID, body_levels),
        ],
        {oxml.BULLET_NUM_ID: oxml.BULLET_ABSTRACT_ID, oxml.BODY_NUM_ID: oxml.BODY_ABSTRACT_ID},
    )
    for ilvl, name in enumerate(d.NUMBERED):
        oxml.link_style_to_list(doc.styles[name].element, oxml.BODY_NUM_ID, ilvl)
    for ilvl, name in enumerate(d.BULLETS):
        oxml.link_style_to_list(doc.styles[name].element, oxml.BULLET_NUM_ID, ilvl)


def stable_bytes(doc: Document) -> bytes:
    """Save with fixed zip timestamps and order, so the same input gives the same bytes."""
    raw = io.BytesIO()
    doc.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, FIXED_ZIP_TIME)
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


@cache
def template_bytes(style: HouseStyle) -> bytes:
    return stable_bytes(build_template(style))
