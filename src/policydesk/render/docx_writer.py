"""Page -> .docx bytes on the house template; raw XML goes through oxml only."""

from __future__ import annotations

import io
from datetime import datetime

import docx
from docx.document import Document
from docx.oxml.text.paragraph import CT_P
from docx.text.paragraph import Paragraph

from policydesk.render import document as d
from policydesk.render import oxml
from policydesk.render.document import Page, Para, Quote, Run, Table
from policydesk.render.house_style import HouseStyle, house_style
from policydesk.render.oxml_styles import BODY_ABSTRACT_ID, restart_num_id
from policydesk.render.template import stable_bytes, template_bytes


class _Writer:
    """Writes one page into one document; keeps style ids and the revision id counter."""

    def __init__(self, doc: Document, page: Page, style: HouseStyle):
        self.doc, self.page, self.style = doc, page, style
        self.author = style.colours["revisions_author"]
        self.when = page.stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        quotes = sum(1 for block in page.body if isinstance(block, Quote))
        self.ids = oxml.RevisionIds(start=quotes + 1)
        self.style_ids = {s.name: s.style_id for s in doc.styles}
        self.body = doc.element.body
        self.end = self.body.find(oxml.qn("w:sectPr"))
        self.comments = doc.comments._comments_elm if quotes else None
        self.comment_ids = iter(range(quotes))
        self.links: dict[str, str] = {}

    def write(self) -> None:
        if self.page.running_header:
            self.doc.sections[0].header.paragraphs[0].add_run(self.page.running_header)
        self.first_page(self.page.first_header, self.page.first_footer)
        for block in self.page.body:
            if isinstance(block, Quote):
                written = [p for part in block.paras for p in self.block(part)]
                if written:
                    oxml.comment_range(written[0], written[-1], self._comment(block.note))
            else:
                self.block(block)
        if self.page.tracked:
            oxml.turn_on_track_changes(self.doc.settings.element)

    def block(self, block: Para | Table) -> list[CT_P]:
        """Write a paragraph or a table; returns the paragraphs written, in order."""
        if isinstance(block, Table):
            return self.table(block)
        return [self.paragraph(block)._p]

    def _comment(self, note: str) -> str:
        comment_id = str(next(self.comment_ids))
        oxml.comment(self.comments, comment_id, self.author, "PD", self.when, note)
        return comment_id

    def _append(self, element) -> None:
        """Add a block before the closing section properties (in constant time, however long the document)."""
        self.end.addprevious(element)

    def paragraph(self, para: Para) -> Paragraph:
        p = oxml.element("w:p")
        self._append(p)
        paragraph = Paragraph(p, self.doc._body)
        paragraph._p.style = self.style_ids[para.style]
        if para.page_break:
            paragraph.paragraph_format.page_break_before = True
        if para.restart and para.style in d.NUMBERED:
            numbering = self.doc.part.numbering_part.element
            oxml.restarted_list(numbering, restart_num_id(para.restart), BODY_ABSTRACT_ID)
            oxml.number(paragraph._p, restart_num_id(para.restart), d.NUMBERED.index(para.style))
        self.fill(paragraph, para.runs, para.mark)
        return paragraph

    def first_page(self, header: tuple[Para, ...], footer: tuple[Para, ...]) -> None:
        """Lines under the name block at the top of page one, and above the page number at its foot."""
        section = self.doc.sections[0]
        for para in header:
            paragraph = section.first_page_header.add_paragraph()
            paragraph._p.style = self.style_ids[para.style]
            self.fill(paragraph, para.runs, None)
        page_number = section.first_page_footer.paragraphs[0]
        for para in footer:
            paragraph = page_number.insert_paragraph_before()
            paragraph._p.style = self.style_ids[para.style]
            self.fill(paragraph, para.runs, None)

    def fill(self, paragraph: Paragraph, runs: tuple[Run, ...], mark: d.Change) -> None:
        for run in runs:
            self.run(paragraph, run)
        if mark:
            oxml.mark_paragraph(paragraph._p, mark, self.ids, self.author, self.when)

    def table(self, table: Table) -> list[CT_P]:
        """A table lined up with its text, header row repeated; a tracked table marks every row and paragraph."""
        page = self.style.page
        indent = self.style.numbering[table.level - 1]["left"]
        columns = max(len(row) for row in table.rows)
        usable = page["width_twips"] - 2 * page["margin_twips"] - indent
        widths = [usable // columns] * columns
        caption = "Table: " + ", ".join("".join(r.text for r in cell) for cell in table.rows[0])
        tbl = oxml.table(self.style_ids[d.TABLE], indent, widths, caption)
        self._append(tbl)
        written = []
        for number, row in enumerate(table.rows):
            change = oxml.revision(table.change, self.ids, self.author, self.when) if table.change else None
            tr = oxml.table_row(tbl, header=number == 0, change=change)
            for column in range(columns):
                p = oxml.table_cell(tr, widths[column], self.style_ids[d.TABLE_TEXT])
                cell = row[column] if column < len(row) else ()
                runs = tuple(Run(r.text, r.bold or number == 0, r.italic, r.href, r.change) for r in cell)
                self.fill(Paragraph(p, self.doc._body), runs, table.change)
                written.append(p)
        return written

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
            link = oxml.hyperlink(paragraph.part, run.href, self.links)
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
