"""Build the house-style Word template from templates/house-style.yaml: every part written by our own code."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import docx
from docx.document import Document
from docx.shared import Mm

from policydesk.render import document as d
from policydesk.render import oxml_parts as parts
from policydesk.render.house_style import HouseStyle
from policydesk.render.oxml_styles import numbering, style_id, style_names, styles

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def required_styles(style: HouseStyle) -> list[str]:
    """Every style name the renderer relies on (comments use 'annotation reference' and 'annotation text')."""
    return style_names(style)


def package_parts(style: HouseStyle) -> dict[str, bytes]:
    """The template's parts by name, before python-docx opens it."""
    header_id, footer_id, wordmark_id = style_id(d.HEADER), style_id(d.FOOTER), style_id(d.WORDMARK)
    wordmark = "" if style.logo else str(style.organisation.get("wordmark") or "")
    xml = {
        "[Content_Types].xml": parts.content_types(),
        "_rels/.rels": parts.package_relationships(),
        "docProps/core.xml": parts.core_properties(style),
        "docProps/app.xml": parts.app_properties(style),
        "word/document.xml": parts.document(style),
        "word/_rels/document.xml.rels": parts.document_relationships(),
        "word/styles.xml": styles(style),
        "word/numbering.xml": numbering(style),
        "word/settings.xml": parts.settings(style),
        "word/fontTable.xml": parts.font_table(style),
        "word/theme/theme1.xml": parts.theme(style),
        "word/header1.xml": parts.header(header_id),
        "word/header2.xml": parts.header(wordmark_id, wordmark),
        "word/footer1.xml": parts.footer(style, footer_id),
        "word/footer2.xml": parts.footer(style, footer_id),
    }
    return {name: parts.serialise(root) for name, root in xml.items()}


def build_template(style: HouseStyle) -> Document:
    """A blank document holding every style, list, header, footer and page setting the renderer relies on."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in package_parts(style).items():
            package.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), data)
    doc = docx.Document(io.BytesIO(raw.getvalue()))
    if style.logo:
        _logo(doc, style)
    return doc


def _logo(doc: Document, style: HouseStyle) -> None:
    """The organisation image at the top of page one, with its alternative text."""
    paragraph = doc.sections[0].first_page_header.paragraphs[0]
    run = paragraph.add_run()
    shape = run.add_picture(str(style.logo), width=Mm(style.organisation.get("image_width_mm") or 60))
    alt = str(style.organisation["image_alt"]).strip()
    properties = shape._inline.docPr
    properties.set("descr", alt)
    properties.set("name", alt)


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
