"""The only module that builds raw OOXML: numbering, revisions, hyperlinks, comments and settings."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P

BODY_NUM_ID, BULLET_NUM_ID = 2, 1
BODY_ABSTRACT_ID, BULLET_ABSTRACT_ID = 20, 10
BULLET_CHARS = ("\u2022", "\u2013", "\u25e6")


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


def abstract_numbering(abstract_id: int, levels: list[tuple[str, str, str, int, int]]) -> OxmlElement:
    """An abstractNum; each level is (numFmt, lvlText, pStyle id, left indent, hanging indent)."""
    abstract = element("w:abstractNum", abstractNumId=str(abstract_id))
    _child(abstract, "w:multiLevelType", val="multilevel")
    for ilvl, (fmt, text, style_id, left, hanging) in enumerate(levels):
        lvl = _child(abstract, "w:lvl", ilvl=str(ilvl))
        _child(lvl, "w:start", val="1")
        _child(lvl, "w:numFmt", val=fmt)
        _child(lvl, "w:pStyle", val=style_id)
        _child(lvl, "w:lvlText", val=text)
        _child(lvl, "w:lvlJc", val="left")
        ppr = _child(lvl, "w:pPr")
        _child(ppr, "w:ind", left=str(left), hanging=str(hanging))
    return abstract


def replace_numbering(numbering: OxmlElement, abstracts: list[OxmlElement], nums: dict[int, int]) -> None:
    """Make `abstracts` and `nums` (numId -> abstractNumId) the whole numbering part; abstracts come first."""
    for child in list(numbering):
        numbering.remove(child)
    for abstract in abstracts:
        numbering.append(abstract)
    for num_id, abstract_id in nums.items():
        num = _child(numbering, "w:num", numId=str(num_id))
        _child(num, "w:abstractNumId", val=str(abstract_id))


def link_style_to_list(style_element: OxmlElement, num_id: int, ilvl: int) -> None:
    numpr = style_element.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


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


def hyperlink(p: CT_P, part, url: str) -> OxmlElement:
    """A w:hyperlink to an external address, related from `part`."""
    link = element("w:hyperlink")
    link.set(qn("r:id"), part.relate_to(url, RT.HYPERLINK, is_external=True))
    return link


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
