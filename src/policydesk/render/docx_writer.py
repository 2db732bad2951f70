"""Page -> .docx bytes on the house template; raw XML goes through oxml only."""

from __future__ import annotations

import io
from datetime import datetime

import docx
from docx.document import Document
from docx.text.paragraph import Paragraph

from policydesk.render import oxml
from policydesk.render.document import Page, Para, Quote, Run
from policydesk.render.house_style import HouseStyle, house_style
from policydesk.render.template import stable_bytes, template_bytes


class _Writer:
    """Writes one page into one document; keeps style ids and the revision id counter."""

    def __init__(self, doc: Document, page: Page, style: HouseStyle):
        self.doc, self.page = doc, page
        self.author = style.colours["revisions_author"]
        self.when = page.stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        quotes = sum(1 for block in page.body if isinstance(block, Quote))
        self.ids = oxml.RevisionIds(start=quotes + 1)
        self.style_ids = {s.name: s.style_id for s in doc.styles}

    def write(self) -> None:
        for block in self.page.body:
            if isinstance(block, Quote):
                written = [self.paragraph(p) for p in block.paras]
                if written:
                    oxml.comment_range(written[0]._p, written[-1]._p, self._comment(block.note))
            else:
                self.paragraph(block)
        if self.page.tracked:
            oxml.turn_on_track_changes(self.doc.settings.element)

    def _comment(self, note: str) -> str:
        comment = self.doc.comments.add_comment(text=note, author=self.author, initials="PD")
        comment._comment_elm.set(oxml.qn("w:date"), self.when)
        return str(comment.comment_id)

    def paragraph(self, para: Para) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        paragraph._p.style = self.style_ids[para.style]
        for run in para.runs:
            self.run(paragraph, run)
        if para.mark:
            oxml.mark_paragraph(paragraph._p, para.mark, self.ids, self.author, self.when)
        return paragraph

    def run(self, paragraph: Paragraph, run: Run) -> None:
        r = oxml.run(
            run.text,
            run.bold,
            run.italic,
            deleted=run.change == "del",
            style_id=self.style_ids["Hyperlink"] if run.href else None,
        )
        if run.change:
            wrapper = oxml.revision(run.change, self.ids, self.author, self.when)
            wrapper.append(r)
            r = wrapper
        if run.href:
            link = oxml.hyperlink(paragraph._p, paragraph.part, run.href)
            link.append(r)
            r = link
        paragraph._p.append(r)


def _property(text: str) -> str:
    """Document properties hold at most 255 characters; the full text is in the document itself."""
    return text if len(text) <= 255 else text[:254] + "…"


def write_docx(page: Page, style: HouseStyle | None = None) -> bytes:
    """The finished document as bytes; identical input gives identical bytes."""
    style = style or house_style()
    doc = docx.Document(io.BytesIO(template_bytes(style)))
    _Writer(doc, page, style).write()
    props = doc.core_properties
    props.title, props.subject = _property(page.title), _property(page.subject)
    props.author, props.language = _property(page.author), page.language
    stamp = page.stamp.replace(tzinfo=None)
    props.created = props.modified = datetime(stamp.year, stamp.month, stamp.day, stamp.hour)
    return stable_bytes(doc)
