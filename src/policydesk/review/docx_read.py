"""A .docx read as a reviewer left it: paragraphs of text pieces, each with the tracked changes it sits in,
our hidden anchors, comments with their threads, and a list of what the reader does not take in."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from policydesk.model.problems import InputError, Problem
from policydesk.render import anchors

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CHANGES = ("ins", "del", "moveFrom", "moveTo")
DESCEND = ("hyperlink", "smartTag", "customXml", "sdtContent", "fldSimple", "dir", "bdo")
UNREAD = {
    "drawing": "pictures or drawings",
    "pict": "pictures or text boxes",
    "object": "embedded objects",
    "footnoteReference": "footnotes",
    "endnoteReference": "endnotes",
    "oMath": "equations",
    "oMathPara": "equations",
    "altChunk": "embedded documents",
}


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass(frozen=True)
class Rev:
    """A tracked change: insertion, deletion, either half of a move, or a formatting change."""

    kind: str
    author: str
    date: str
    move: str = ""


@dataclass(frozen=True)
class Piece:
    """Text in one formatting, inside the tracked changes listed outermost first."""

    text: str
    revs: tuple[Rev, ...] = ()
    bold: bool = False
    italic: bool = False
    href: str | None = None
    format_change: Rev | None = None
    was: tuple[bool, bool] | None = None  # (bold, italic) before a tracked formatting change


@dataclass
class WordPara:
    """One w:p: our anchors in it, its style name, its pieces, and how its paragraph mark is tracked."""

    index: int
    style: str
    pieces: list[Piece] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    mark: Rev | None = None
    format_change: Rev | None = None
    cell: tuple[int, int, int] | None = None  # (table, row, column)


@dataclass
class Comment:
    """A comment as comments.xml and commentsExtended.xml give it; `start` and `end` locate its range."""

    comment_id: str
    author: str
    date: str
    text: str
    para_id: str = ""
    parent: str = ""
    done: bool = False
    start: tuple[int, int] | None = None  # (paragraph index, piece index)
    end: tuple[int, int] | None = None


@dataclass
class ReadDocument:
    """Everything read from one .docx."""

    name: str
    paragraphs: list[WordPara]
    comments: list[Comment]
    last_modified_by: str = ""
    unread: dict[str, int] = field(default_factory=dict)

    @property
    def sent_id(self) -> str:
        for para in self.paragraphs:
            for name in para.anchors:
                found = anchors.parse(name)
                if found is not None and found.part == "sent":
                    return found.sent_id
        return ""

    @property
    def has_anchors(self) -> bool:
        return any(a for p in self.paragraphs for a in p.anchors if not a.startswith(anchors.PREFIX + "sent_"))


def refuse(name: str, message: str, hint: str) -> InputError:
    return InputError(Problem(name, None, None, message, hint))


def read_docx(data: bytes, name: str) -> ReadDocument:
    """Read a returned document; anything that is not a readable .docx is refused with what to do instead."""
    if data.startswith(OLE):
        raise refuse(
            name,
            "is an older Word file (.doc) or a password-protected document, not a .docx",
            "open it in Word or LibreOffice, remove any password, and save it as a Word document (.docx)",
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = {n: archive.read(n) for n in archive.namelist() if n.endswith((".xml", ".rels"))}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise refuse(
            name, f"is not a readable Word document ({exc})", "check it is the .docx the reviewer sent back"
        ) from None
    if "word/document.xml" not in parts:
        raise refuse(name, "has no word/document.xml, so it is not a Word document", "ask for the .docx again")
    try:
        return _Reader(name, parts).read()
    except etree.XMLSyntaxError as exc:
        raise refuse(name, f"holds XML that cannot be read ({exc})", "open and save it again in Word") from None


def read_docx_file(path: Path) -> ReadDocument:
    from policydesk.store.files import read_regular

    return read_docx(read_regular(path), str(path))


def _parse(blob: bytes) -> etree._Element:
    return etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False))


def _on(el: etree._Element, tag: str) -> bool:
    found = el.find(w(tag))
    return found is not None and found.get(w("val"), "true") not in ("0", "false", "off")


class _Reader:
    def __init__(self, name: str, parts: dict[str, bytes]):
        self.name = name
        self.parts = parts
        self.paragraphs: list[WordPara] = []
        self.unread: dict[str, int] = {}
        self.comment_marks: dict[str, dict[str, tuple[int, int]]] = {"start": {}, "end": {}, "ref": {}}
        self.links = self._links()
        self.styles = self._styles()
        self.tables = 0
        self.moves: dict[str, str] = {}

    def _links(self) -> dict[str, str]:
        rels = self.parts.get("word/_rels/document.xml.rels")
        if rels is None:
            return {}
        return {r.get("Id"): r.get("Target") for r in _parse(rels) if r.get("TargetMode") == "External"}

    def _styles(self) -> dict[str, str]:
        styles = self.parts.get("word/styles.xml")
        if styles is None:
            return {}
        names = {}
        for style in _parse(styles).iterfind(w("style")):
            name = style.find(w("name"))
            names[style.get(w("styleId"))] = name.get(w("val")) if name is not None else style.get(w("styleId"))
        return names

    def note_unread(self, what: str) -> None:
        self.unread[what] = self.unread.get(what, 0) + 1

    def read(self) -> ReadDocument:
        body = _parse(self.parts["word/document.xml"]).find(w("body"))
        if body is None:
            raise refuse(self.name, "has an empty document body", "ask for the .docx again")
        self.block(body, None)
        for part, blob in self.parts.items():
            if part.startswith(("word/header", "word/footer")) and (b"<w:ins " in blob or b"<w:del " in blob):
                self.note_unread("tracked changes in headers or footers")
        comments = self._comments()
        return ReadDocument(self.name, self.paragraphs, comments, self._modified_by(), self.unread)

    def _modified_by(self) -> str:
        core = self.parts.get("docProps/core.xml")
        if core is None:
            return ""
        found = _parse(core).find(f"{{{CP}}}lastModifiedBy")
        return (found.text or "").strip() if found is not None else ""

    def block(self, parent: etree._Element, cell: tuple[int, int, int] | None) -> None:
        for child in parent:
            tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if tag == "p":
                self.paragraph(child, cell)
            elif tag == "tbl":
                self.table(child)
            elif tag in ("sdt", "customXml"):
                content = child.find(w("sdtContent")) if tag == "sdt" else child
                if content is not None:
                    self.block(content, cell)
            elif tag in ("ins", "del", "moveFrom", "moveTo"):
                self.block(child, cell)
            elif tag in UNREAD:
                self.note_unread(UNREAD[tag])

    def table(self, tbl: etree._Element) -> None:
        self.tables += 1
        for r, tr in enumerate(tbl.iterfind(w("tr"))):
            row_rev = None
            trpr = tr.find(w("trPr"))
            if trpr is not None:
                for kind in ("ins", "del"):
                    found = trpr.find(w(kind))
                    if found is not None:
                        row_rev = self.rev(kind, found)
            for c, tc in enumerate(tr.iterfind(w("tc"))):
                before = len(self.paragraphs)
                self.block(tc, (self.tables, r, c))
                if row_rev is not None:
                    for para in self.paragraphs[before:]:
                        para.mark = para.mark or row_rev

    def rev(self, kind: str, el: etree._Element, move: str = "") -> Rev:
        return Rev(kind, el.get(w("author"), ""), el.get(w("date"), ""), move)

    def paragraph(self, p: etree._Element, cell: tuple[int, int, int] | None) -> None:
        ppr = p.find(w("pPr"))
        style_id = ""
        para = WordPara(len(self.paragraphs), "", cell=cell)
        if ppr is not None:
            pstyle = ppr.find(w("pStyle"))
            style_id = pstyle.get(w("val"), "") if pstyle is not None else ""
            rpr = ppr.find(w("rPr"))
            if rpr is not None:
                for kind in CHANGES:
                    found = rpr.find(w(kind))
                    if found is not None:
                        para.mark = self.rev(kind, found)
            change = ppr.find(w("pPrChange"))
            if change is not None:
                para.format_change = self.rev("format", change)
        para.style = self.styles.get(style_id, style_id) or "Normal"
        self.paragraphs.append(para)
        self.inline(p, para, (), None)

    def inline(self, parent: etree._Element, para: WordPara, revs: tuple[Rev, ...], href: str | None) -> None:
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            if tag == "r":
                self.run(child, para, revs, href)
            elif tag in CHANGES:
                self.inline(child, para, (*revs, self.rev(tag, child, self.moves.get(tag, ""))), href)
            elif tag in ("moveFromRangeStart", "moveToRangeStart"):
                self.moves[tag.replace("RangeStart", "")] = child.get(w("name"), "")
            elif tag == "hyperlink":
                target = self.links.get(child.get(f"{{{R}}}id", ""))
                self.inline(child, para, revs, target or href)
            elif tag in DESCEND or tag == "sdt":
                content = child.find(w("sdtContent")) if tag == "sdt" else child
                if content is not None:
                    self.inline(content, para, revs, href)
            elif tag == "bookmarkStart":
                name = child.get(w("name"), "")
                if name.startswith(anchors.PREFIX):
                    para.anchors.append(name)
            elif tag in ("commentRangeStart", "commentRangeEnd"):
                which = "start" if tag.endswith("Start") else "end"
                self.comment_marks[which][child.get(w("id"), "")] = (para.index, len(para.pieces))
            elif tag in UNREAD:
                self.note_unread(UNREAD[tag])

    def run(self, r: etree._Element, para: WordPara, revs: tuple[Rev, ...], href: str | None) -> None:
        rpr = r.find(w("rPr"))
        bold = italic = False
        change = None
        was = None
        if rpr is not None:
            bold, italic = _on(rpr, "b"), _on(rpr, "i")
            found = rpr.find(w("rPrChange"))
            if found is not None:
                change = self.rev("format", found)
                old = found.find(w("rPr"))
                was = (_on(old, "b"), _on(old, "i")) if old is not None else (False, False)
        in_field = False
        for child in r:
            if not isinstance(child.tag, str):
                continue
            tag = etree.QName(child).localname
            text = None
            if tag in ("t", "delText") and not in_field:
                text = child.text or ""
            elif tag == "tab":
                text = "\t"
            elif tag in ("br", "cr"):
                text = " "
            elif tag == "noBreakHyphen":
                text = "\u2011"
            elif tag == "sym":
                text = chr(int(child.get(w("char"), "20"), 16)) if child.get(w("char"), "").isalnum() else ""
            elif tag == "commentReference":
                self.comment_marks["ref"][child.get(w("id"), "")] = (para.index, len(para.pieces))
            elif tag in UNREAD:
                self.note_unread(UNREAD[tag])
            if text:
                para.pieces.append(Piece(text, revs, bold, italic, href, change, was))

    def _comments(self) -> list[Comment]:
        blob = self.parts.get("word/comments.xml")
        if blob is None:
            return []
        threads = {}
        extended = self.parts.get("word/commentsExtended.xml")
        if extended is not None:
            for entry in _parse(extended).iter(f"{{{W15}}}commentEx"):
                threads[entry.get(f"{{{W15}}}paraId", "").upper()] = (
                    entry.get(f"{{{W15}}}paraIdParent", "").upper(),
                    entry.get(f"{{{W15}}}done", "0") in ("1", "true", "on"),
                )
        comments = []
        for el in _parse(blob).iterfind(w("comment")):
            paragraphs = el.findall(f".//{w('p')}")
            text = "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in paragraphs).strip()
            para_id = (paragraphs[-1].get(f"{{{W14}}}paraId", "") if paragraphs else "").upper()
            parent, done = threads.get(para_id, ("", False))
            cid = el.get(w("id"), "")
            start = self.comment_marks["start"].get(cid) or self.comment_marks["ref"].get(cid)
            end = self.comment_marks["end"].get(cid) or self.comment_marks["ref"].get(cid)
            comments.append(
                Comment(cid, el.get(w("author"), ""), el.get(w("date"), ""), text, para_id, parent, done, start, end)
            )
        return comments
