"""Page -> .docx bytes on the house template; raw XML goes through oxml only."""

from __future__ import annotations

import io
import itertools
from datetime import datetime

import docx
from docx.document import Document
from docx.oxml.text.paragraph import CT_P
from docx.text.paragraph import Paragraph

from policydesk.render import anchors, oxml, oxml_review
from policydesk.render import document as d
from policydesk.render.document import Page, Para, Quote, Run, Table
from policydesk.render.house_style import HouseStyle, house_style
from policydesk.render.oxml_styles import BODY_ABSTRACT_ID, restart_num_id
from policydesk.render.template import stable_bytes, template_bytes


class _Writer:
    """Writes one page into one document; keeps style ids and the revision id counter."""

    def __init__(self, doc: Document, page: Page, style: HouseStyle):
        self.doc, self.page, self.style = doc, page, style
        self.source = style.colours["revisions_author"]
        self.author = page.revisions_by or self.source
        self.when = page.stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
        self.ids = oxml.RevisionIds(start=_comment_count(page) + 1)
        self.bookmarks = self.furnished = 0
        self.threads: list[tuple[str, str | None, bool]] = []
        self.style_ids = {s.name: s.style_id for s in doc.styles}
        self.body = doc.element.body
        self.end = self.body.find(oxml.qn("w:sectPr"))
        self.comments = None
        self.comment_ids = itertools.count()
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
        if self.page.sent_id:
            self.bookmark(self.body.find(oxml.qn("w:p")), anchors.sent(self.page.sent_id))
        if any(parent for _, parent, _ in self.threads):
            oxml_review.add_comments_extended(self.doc.part, self.threads)

    def _furniture(self) -> str:
        self.furnished += 1
        return anchors.furniture(self.furnished)

    def bookmark(self, p: CT_P, name: str) -> None:
        self.bookmarks += 1
        oxml_review.bookmark(p, name, self.bookmarks)

    def review_comments(self, p: CT_P, comments: tuple[d.Comment, ...]) -> None:
        """Reviewers' open notes on a paragraph, each reply a comment of its own in the same thread."""
        for note in comments:
            parent = self._comment_on(p, note.author, note.when, note.text)
            self.threads.append((parent[1], None, note.resolved))
            for author, when, text in note.replies:
                reply = self._comment_on(p, author, when, text)
                self.threads.append((reply[1], parent[1], note.resolved))

    def _comment_on(self, p: CT_P, author: str, when: str, text: str) -> tuple[str, str]:
        comment_id, element = self._new_comment(author, _initials(author), oxml_review.word_date(when) or "", text)
        oxml.comment_range(p, p, comment_id)
        return comment_id, oxml_review.mark_comment(element, f"{comment_id}:{author}:{text}")

    def _new_comment(self, author: str, initials: str, when: str, text: str):
        """A comment with the next id; one counter serves provenance and reviewers' comments alike."""
        if self.comments is None:
            self.comments = self.doc.comments._comments_elm
        comment_id = str(next(self.comment_ids))
        return comment_id, oxml.comment(self.comments, comment_id, author, initials, when, text)

    def block(self, block: Para | Table) -> list[CT_P]:
        """Write a paragraph or a table; returns the paragraphs written, in order."""
        if isinstance(block, Table):
            return self.table(block)
        return [self.paragraph(block)._p]

    def _comment(self, note: str) -> str:
        comment_id, _ = self._new_comment(self.source, "PD", self.when, note)
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
        self.fill(paragraph, para.runs, para.mark, para.mark_author, para.mark_when)
        self.bookmark(paragraph._p, para.anchor or self._furniture())
        if para.comments:
            self.review_comments(paragraph._p, para.comments)
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

    def fill(
        self, paragraph: Paragraph, runs: tuple[Run, ...], mark: d.Change, author: str = "", when: str = ""
    ) -> None:
        for run in runs:
            self.run(paragraph, run)
        if mark:
            oxml.mark_paragraph(paragraph._p, mark, self.ids, author or self.author, self._when(when))

    def _when(self, when: str) -> str:
        return oxml_review.word_date(when) or self.when if when else self.when

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
        if table.anchor and written:
            self.bookmark(written[0], table.anchor)
        return written

    def run(self, paragraph: Paragraph, run: Run) -> None:
        r = oxml.run(
            run.text,
            run.bold,
            run.italic,
            deleted=run.change in ("del", "insdel"),
            style_id=self.style_ids["Hyperlink"] if run.href else None,
        )
        if run.change:
            author, when = run.author or self.author, self._when(run.when)
            wrapper = oxml.revision("del" if run.change == "insdel" else run.change, self.ids, author, when)
            if run.author and not oxml_review.word_date(run.when):
                del wrapper.attrib[oxml.qn("w:date")]  # a reviewer's change whose time is not known
            wrapper.append(r)
            r = wrapper
        if run.change == "insdel":
            wrapper = oxml.revision("ins", self.ids, self.author, self.when)
            wrapper.append(r)
            r = wrapper
        if run.href:
            link = oxml.hyperlink(paragraph.part, run.href, self.links)
            link.append(r)
            r = link
        paragraph._p.append(r)


def _comment_count(page: Page) -> int:
    """Every comment the page will carry (provenance and reviewers' threads), so revision ids start above them."""
    count = 0
    for block in page.body:
        paras = block.paras if isinstance(block, Quote) else (block,)
        count += 1 if isinstance(block, Quote) else 0
        for para in paras:
            if isinstance(para, Para):
                count += sum(1 + len(c.replies) for c in para.comments)
    return count


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha())[:4].upper()


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
