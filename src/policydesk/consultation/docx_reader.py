"""Read a Word document (.docx) into blocks: headings from styles, list labels from numbering.xml, tables in order."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError, PackageNotFoundError
from lxml import etree

from policydesk.consultation.blocks import Block, Document, clean
from policydesk.consultation.word_numbering import NS, VAL, W, WordNumbering
from policydesk.model.problems import InputError, Problem
from policydesk.store.yaml_io import display_path

R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
HEADING_NAME = re.compile(r"^heading\s*([1-9])$", re.I)
FIELD_LINK = re.compile(r'HYPERLINK\s+"([^"]+)"')
CONTAINERS = {f"{{{W}}}{name}" for name in ("sdt", "sdtContent", "customXml", "smartTag", "ins")}


class _Styles:
    """Heading levels of paragraph styles: Title is 1, Heading N is N + 1, or an outline level, through basedOn."""

    def __init__(self, styles: etree._Element | None):
        self._styles: dict[str, tuple[str, str | None, str | None]] = {}
        self.default = ""
        for style in [] if styles is None else styles.findall("w:style", NS):
            if style.get(f"{{{W}}}type") != "paragraph":
                continue
            sid = style.get(f"{{{W}}}styleId", "")
            name = style.find("w:name", NS)
            based = style.find("w:basedOn", NS)
            outline = style.find("w:pPr/w:outlineLvl", NS)
            self._styles[sid] = (
                "" if name is None else name.get(VAL, ""),
                None if based is None else based.get(VAL),
                None if outline is None else outline.get(VAL),
            )
            if style.get(f"{{{W}}}default") in ("1", "true"):
                self.default = sid

    def heading(self, style_id: str | None) -> int:
        seen: set[str] = set()
        sid = style_id or self.default
        while sid and sid not in seen:
            seen.add(sid)
            name, based, outline = self._styles.get(sid, ("", None, None))
            if name.lower() == "title":
                return 1
            match = HEADING_NAME.match(name)
            if match:
                return int(match.group(1)) + 1
            if outline is not None and outline.isdigit() and int(outline) < 6:
                return int(outline) + 2
            sid = based
        return 0


def _paragraph_text(p: etree._Element) -> tuple[str, list[str]]:
    """Visible text of a w:p (insertions kept, deletions, text boxes and field codes left out) and field links."""
    parts: list[str] = []
    fields: list[str] = []
    stack = list(reversed(p))
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str) or tag in (f"{{{W}}}del", f"{{{W}}}txbxContent", MC_FALLBACK, f"{{{W}}}pPr"):
            continue
        if tag == f"{{{W}}}t":
            parts.append(node.text or "")
        elif tag in (f"{{{W}}}tab", f"{{{W}}}br", f"{{{W}}}cr"):
            parts.append(" ")
        elif tag == f"{{{W}}}noBreakHyphen":
            parts.append("-")
        elif tag == f"{{{W}}}instrText":
            fields.extend(FIELD_LINK.findall(node.text or ""))
        else:
            stack.extend(reversed(node))
    return "".join(parts), fields


def _related(part: Any, reltype: str) -> etree._Element | None:
    """The XML of the part related by `reltype` (numbering, styles), or None when the document has none."""
    for rel in part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return getattr(rel.target_part, "element", None)
    return None


class _Reader:
    def __init__(self, document: docx.document.Document):
        part = document.part
        styles = _related(part, RT.STYLES)
        self.numbering = WordNumbering(_related(part, RT.NUMBERING), styles)
        self.styles = _Styles(styles)
        self.rels = part.rels
        self.blocks: list[Block] = []

    def walk(self, parent: etree._Element) -> None:
        for child in parent:
            tag = child.tag
            if tag == f"{{{W}}}p":
                self.paragraph(child)
            elif tag == f"{{{W}}}tbl":
                for row in child.findall("w:tr", NS):
                    for cell in row.findall("w:tc", NS):
                        self.walk(cell)
            elif tag in CONTAINERS:
                self.walk(child.find("w:sdtContent", NS) if tag == f"{{{W}}}sdt" else child)

    def paragraph(self, p: etree._Element) -> None:
        text, field_links = _paragraph_text(p)
        text = clean(text)
        style = p.find("w:pPr/w:pStyle", NS)
        outline = p.find("w:pPr/w:outlineLvl", NS)
        heading = self.styles.heading(None if style is None else style.get(VAL))
        if outline is not None and (outline.get(VAL) or "").isdigit() and int(outline.get(VAL)) < 6:
            heading = int(outline.get(VAL)) + 2
        label = self.numbering.label(p) if text else ""
        links = [*self._links(p), *field_links]
        if text:
            self.blocks.append(Block(text, heading, label, tuple(links)))
        for box in p.iter(f"{{{W}}}txbxContent"):
            if not any(a.tag == MC_FALLBACK for a in box.iterancestors()):
                self.walk(box)

    def _links(self, p: etree._Element) -> Iterator[str]:
        for link in p.iter(f"{{{W}}}hyperlink"):
            rel = self.rels.get(link.get(R_ID, ""))
            if rel is not None and rel.is_external:
                yield rel.target_ref


def _unreadable(path: Path, why: str) -> InputError:
    return InputError(
        Problem(
            display_path(path),
            None,
            None,
            f"the file is not a readable Word document ({why})",
            "open it in Word or LibreOffice and save it again as .docx",
        )
    )


def read_docx(path: Path) -> Document:
    """The blocks of a .docx; a file Word could not open either is refused with what to do about it."""
    try:
        document = docx.Document(str(path))
        reader = _Reader(document)
        reader.walk(document.element.body)
    except (PackageNotFoundError, zipfile.BadZipFile):
        raise _unreadable(path, "it is not a .docx package") from None
    except (OpcError, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise _unreadable(path, f"it is damaged: {' '.join(str(exc).split())[:120]}") from None
    return Document(tuple(reader.blocks))
