"""Raw OOXML for document content: revisions, hyperlinks, comments, tables and settings (python-docx has no API)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P


def element(tag: str, **attrs: str) -> OxmlElement:
    """A w: element with w: attributes; values are escaped by lxml, never formatted into XML text."""
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def _child(parent: OxmlElement, tag: str, **attrs: str) -> OxmlElement:
    el = element(tag, **attrs)
    parent.append(el)
    return el


class RevisionIds:
    """One counter for revision and comment ids, so no two annotations share an id."""

    def __init__(self, start: int = 1):
        self._ids: Iterator[int] = itertools.count(start)

    def next(self) -> str:
        return str(next(self._ids))


def run(
    text: str, bold: bool = False, italic: bool = False, deleted: bool = False, style_id: str | None = None
) -> OxmlElement:
    """A w:r; deleted text must be w:delText to stay hidden once the deletion is accepted."""
    r = element("w:r")
    if bold or italic or style_id:
        rpr = _child(r, "w:rPr")
        if style_id:
            _child(rpr, "w:rStyle", val=style_id)
        if bold:
            _child(rpr, "w:b")
        if italic:
            _child(rpr, "w:i")
    t = _child(r, "w:delText" if deleted else "w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    return r


def revision(kind: str, ids: RevisionIds, author: str, when: str) -> OxmlElement:
    """An empty w:ins or w:del carrying id, author and date."""
    return element(f"w:{kind}", id=ids.next(), author=author, date=when)


def hyperlink(part, url: str, known: dict[str, str]) -> OxmlElement:
    """A w:hyperlink to an external address, related from `part` once per address (`known` remembers them)."""
    if url not in known:
        known[url] = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = element("w:hyperlink")
    link.set(qn("r:id"), known[url])
    return link


def comment(comments: OxmlElement, comment_id: str, author: str, initials: str, when: str, text: str) -> OxmlElement:
    """Append a one-paragraph w:comment to the comments part (undated when `when` is empty)."""
    node = _child(comments, "w:comment", id=comment_id, author=author, initials=initials)
    if when:
        node.set(qn("w:date"), when)
    p = _child(node, "w:p")
    _child(_child(p, "w:pPr"), "w:pStyle", val="CommentText")
    mark = _child(p, "w:r")
    _child(_child(mark, "w:rPr"), "w:rStyle", val="CommentReference")
    _child(mark, "w:annotationRef")
    words = _child(_child(p, "w:r"), "w:t")
    words.set(qn("xml:space"), "preserve")
    words.text = text
    return node


def mark_paragraph(p: CT_P, kind: str, ids: RevisionIds, author: str, when: str) -> None:
    """Track the paragraph mark itself, so accepting or rejecting removes the whole paragraph."""
    ppr = p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = element("w:rPr")
        sect = ppr.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(rpr)
        else:
            ppr.append(rpr)
    rpr.append(revision(kind, ids, author, when))


def comment_range(first: CT_P, last: CT_P, comment_id: str) -> None:
    """Anchor comment `comment_id` from the start of `first` to the end of `last`."""
    start = element("w:commentRangeStart", id=comment_id)
    ppr = first.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        first.insert(0, start)
    last.append(element("w:commentRangeEnd", id=comment_id))
    reference = element("w:r")
    rpr = _child(reference, "w:rPr")
    _child(rpr, "w:rStyle", val="CommentReference")
    _child(reference, "w:commentReference", id=comment_id)
    last.append(reference)


def turn_on_track_changes(settings: OxmlElement) -> None:
    """Ask Word to track the reviewer's own edits too."""
    if settings.find(qn("w:trackRevisions")) is None:
        settings.insert_element_before(
            element("w:trackRevisions"),
            "w:doNotTrackMoves",
            "w:doNotTrackFormatting",
            "w:documentProtection",
            "w:autoFormatOverride",
            "w:styleLockTheme",
            "w:styleLockQFSet",
            "w:defaultTabStop",
        )


def table(style_id: str, indent: int, widths: list[int], caption: str) -> OxmlElement:
    """An empty w:tbl in the house table style, indented to line up with the text it sits under."""
    tbl = element("w:tbl")
    tblpr = _child(tbl, "w:tblPr")
    _child(tblpr, "w:tblStyle", val=style_id)
    _child(tblpr, "w:tblW", w=str(sum(widths)), type="dxa")
    _child(tblpr, "w:tblInd", w=str(indent), type="dxa")
    _child(tblpr, "w:tblLayout", type="fixed")
    _child(tblpr, "w:tblLook", firstRow="1", lastRow="0", firstColumn="0", lastColumn="0", noHBand="1", noVBand="1")
    _child(tblpr, "w:tblCaption", val=caption)
    grid = _child(tbl, "w:tblGrid")
    for width in widths:
        _child(grid, "w:gridCol", w=str(width))
    return tbl


def table_row(tbl: OxmlElement, header: bool, change: OxmlElement | None) -> OxmlElement:
    """A row that never splits across pages; the header row repeats at the top of each page."""
    tr = _child(tbl, "w:tr")
    trpr = _child(tr, "w:trPr")
    _child(trpr, "w:cantSplit")
    if header:
        _child(trpr, "w:tblHeader")
    if change is not None:
        trpr.append(change)
    return tr


def table_cell(tr: OxmlElement, width: int, style_id: str) -> CT_P:
    """A cell of `width` twips holding one paragraph in `style_id`; returns the paragraph."""
    tc = _child(tr, "w:tc")
    tcpr = _child(tc, "w:tcPr")
    _child(tcpr, "w:tcW", w=str(width), type="dxa")
    p = _child(tc, "w:p")
    ppr = _child(p, "w:pPr")
    _child(ppr, "w:pStyle", val=style_id)
    return p


def number(p: CT_P, num_id: int, ilvl: int) -> None:
    """Count paragraph `p` in list `num_id` at level `ilvl`, whichever list its style names."""
    numpr = p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


def restarted_list(numbering: OxmlElement, num_id: int, abstract_id: int) -> None:
    """Make sure numbering.xml has list `num_id`: another copy of `abstract_id`, whose first level counts from 1
    again."""
    if numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{num_id}']") is not None:
        return
    num = element("w:num", numId=str(num_id))
    _child(num, "w:abstractNumId", val=str(abstract_id))
    override = _child(num, "w:lvlOverride", ilvl="0")
    _child(override, "w:startOverride", val="1")
    numbering.append(num)
