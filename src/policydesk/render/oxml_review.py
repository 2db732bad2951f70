"""Raw OOXML for review: hidden bookmarks that anchor paragraphs, comment threads (commentsExtended.xml) and
reviewers' dates (python-docx has no API for any of them)."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from lxml import etree

from policydesk.render.oxml import element

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
COMMENTS_EXTENDED = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
RT_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"


def bookmark(p: CT_P, name: str, bookmark_id: int) -> None:
    """A bookmark around the whole paragraph; its start goes first, after the paragraph properties."""
    start = element("w:bookmarkStart", id=str(bookmark_id), name=name)
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(element("w:bookmarkEnd", id=str(bookmark_id)))


def word_date(text: str) -> str | None:
    """A timestamp as Word writes it (UTC, to the second), or None when `text` is not a real date and time."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if when.year < 1900:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def para_id(seed: str) -> str:
    """A stable paragraph id for a comment (8 hex digits below 0x80000000, as Word requires)."""
    value = int(hashlib.sha256(seed.encode("utf-8")).hexdigest()[:8], 16) & 0x7FFFFFFF
    return f"{max(value, 1):08X}"


def mark_comment(comment_elm, seed: str) -> str:
    """Give a comment's last paragraph a w14:paraId, so commentsExtended.xml can name it; returns the id."""
    paragraphs = comment_elm.findall(qn("w:p"))
    value = para_id(seed)
    paragraphs[-1].set(f"{{{W14}}}paraId", value)
    root = comment_elm.getparent()
    if root is not None and not root.get(f"{{{MC}}}Ignorable"):
        root.set(f"{{{MC}}}Ignorable", "w14")
    return value


def add_comments_extended(document_part, threads: list[tuple[str, str | None, bool]]) -> None:
    """Write commentsExtended.xml: each comment's paragraph id, the comment it replies to, and whether it is done."""
    root = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15, "mc": MC})
    for value, parent, done in threads:
        entry = etree.SubElement(root, f"{{{W15}}}commentEx")
        entry.set(f"{{{W15}}}paraId", value)
        if parent:
            entry.set(f"{{{W15}}}paraIdParent", parent)
        entry.set(f"{{{W15}}}done", "1" if done else "0")
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/word/commentsExtended.xml"), COMMENTS_EXTENDED, blob, document_part.package)
    document_part.relate_to(part, RT_COMMENTS_EXTENDED)
