"""Our own reader of .docx XML for tests: styles, numbering labels, and accepted/rejected text."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W}


def q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{W}}}{name}"


@dataclass
class Para:
    """One w:p as a reader sees it."""

    element: etree._Element
    style_id: str
    style_name: str
    num: tuple[int, int] | None
    accepted: str
    rejected: str
    mark: str | None
    label: str = ""


class DocxXml:
    """The parts of a .docx that tests assert on, parsed with lxml."""

    def __init__(self, source: Path | bytes):
        import io

        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
            self.names = z.namelist()
            self.parts = {n: etree.fromstring(z.read(n)) for n in self.names if n.endswith((".xml", ".rels"))}
            self.media = {n: z.read(n) for n in self.names if n.startswith("word/media/")}
            self.document = etree.fromstring(z.read("word/document.xml"))
            self.styles = etree.fromstring(z.read("word/styles.xml"))
            self.numbering = etree.fromstring(z.read("word/numbering.xml"))
            self.settings = etree.fromstring(z.read("word/settings.xml"))
            self.comments = etree.fromstring(z.read("word/comments.xml")) if "word/comments.xml" in self.names else None
            self.rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
            self.core = etree.fromstring(z.read("docProps/core.xml"))
        self.style_by_id = {s.get(q("w:styleId")): s for s in self.styles.iterfind("w:style", NS)}
        self.paragraphs = [self._para(p) for p in self.document.iterfind("w:body/w:p", NS)]
        self.tables = self.document.findall("w:body/w:tbl", NS)
        self._resolve_labels()

    def story(self, kind: str) -> dict[str, etree._Element]:
        """Header or footer parts ('header' or 'footer') by the type the section gives them (default, first)."""
        rels = {r.get("Id"): r.get("Target") for r in self.rels}
        found = {}
        for ref in self.document.iterfind(f"w:body/w:sectPr/w:{kind}Reference", NS):
            target = rels[ref.get(f"{{{R}}}id")]
            found[ref.get(q("w:type"))] = self.parts[f"word/{target}"]
        return found

    def cell_paragraphs(self) -> list[Para]:
        """Paragraphs inside body tables, in order."""
        return [self._para(p) for tbl in self.tables for p in tbl.iter(q("w:p"))]

    def style_name(self, style_id: str) -> str:
        style = self.style_by_id.get(style_id)
        return style.find("w:name", NS).get(q("w:val")) if style is not None else ""

    def style_num(self, style_id: str) -> tuple[int, int] | None:
        """numId and ilvl from the style chain."""
        while style_id:
            style = self.style_by_id.get(style_id)
            if style is None:
                return None
            numpr = style.find("w:pPr/w:numPr", NS)
            if numpr is not None:
                ilvl = numpr.find("w:ilvl", NS)
                return int(numpr.find("w:numId", NS).get(q("w:val"))), int(
                    ilvl.get(q("w:val"))
                ) if ilvl is not None else 0
            based = style.find("w:basedOn", NS)
            style_id = based.get(q("w:val")) if based is not None else ""
        return None

    def _para(self, p: etree._Element) -> Para:
        pstyle = p.find("w:pPr/w:pStyle", NS)
        style_id = pstyle.get(q("w:val")) if pstyle is not None else "Normal"
        numpr = p.find("w:pPr/w:numPr", NS)
        num = None
        if numpr is not None:
            num = (int(numpr.find("w:numId", NS).get(q("w:val"))), int(numpr.find("w:ilvl", NS).get(q("w:val"))))
        else:
            num = self.style_num(style_id)
        mark = None
        for kind in ("ins", "del"):
            if p.find(f"w:pPr/w:rPr/w:{kind}", NS) is not None:
                mark = kind
        return Para(p, style_id, self.style_name(style_id), num, view(p, accept=True), view(p, accept=False), mark)

    def level_format(self, num_id: int, ilvl: int) -> tuple[str, str, int]:
        """(numFmt, lvlText, start) for a list level."""
        num = self.numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        abstract_id = num.find("w:abstractNumId", NS).get(q("w:val"))
        abstract = self.numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
        lvl = abstract.find(f"w:lvl[@w:ilvl='{ilvl}']", NS)
        return (
            lvl.find("w:numFmt", NS).get(q("w:val")),
            lvl.find("w:lvlText", NS).get(q("w:val")),
            int(lvl.find("w:start", NS).get(q("w:val"))),
        )

    def _resolve_labels(self) -> None:
        """Compute each numbered paragraph's displayed label, as a word processor would: lists that share an
        abstract definition count on together, and a list with a startOverride restarts its level when it is
        first used."""
        counters: dict[str, list[int]] = {}
        started: set[int] = set()
        for para in self.paragraphs:
            if para.num is None or para.num[0] == 0:
                continue
            num_id, ilvl = para.num
            fmt, text, start = self.level_format(num_id, ilvl)
            if fmt == "bullet":
                para.label = text
                continue
            num = self.numbering.find(f"w:num[@w:numId='{num_id}']", NS)
            abstract = num.find("w:abstractNumId", NS).get(q("w:val"))
            counts = counters.setdefault(abstract, [start - 1] * 9)
            if num_id not in started:
                started.add(num_id)
                for override in num.iterfind("w:lvlOverride", NS):
                    restart = override.find("w:startOverride", NS)
                    if restart is not None:
                        level = int(override.get(q("w:ilvl")))
                        counts[level:] = [int(restart.get(q("w:val"))) - 1] + [0] * (8 - level)
            counts[ilvl] += 1
            for deeper in range(ilvl + 1, 9):
                counts[deeper] = 0
            label = text
            for level in range(ilvl + 1):
                shown = chr(96 + counts[level]) if fmt == "lowerLetter" else str(counts[level])
                label = label.replace(f"%{level + 1}", shown)
            para.label = label


def view(p: etree._Element, accept: bool) -> str:
    """A paragraph's text with every change accepted (or rejected)."""
    skip = q("w:del") if accept else q("w:ins")
    parts = []
    for node in p.iter(q("w:t"), q("w:delText"), q("w:tab"), q("w:br")):
        if any(a.tag == skip for a in node.iterancestors()):
            continue
        if node.tag == q("w:tab"):
            parts.append("\t")
        elif node.tag == q("w:br"):
            parts.append("\n")
        else:
            parts.append(node.text or "")
    return "".join(parts)


def document_view(doc: DocxXml, accept: bool) -> list[str]:
    """The paragraphs that remain once every change is accepted (or rejected)."""
    gone = "del" if accept else "ins"
    return [(p.accepted if accept else p.rejected) for p in doc.paragraphs if p.mark != gone]
