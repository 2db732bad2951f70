"""Page -> a web page for the organisation's site: semantic HTML in the Word document's order, with its numbers.

Built as an element tree by lxml, so every piece of text and every attribute is escaped by the serialiser; links
keep only the web and email addresses the markdown subset allows.
"""

from __future__ import annotations

from lxml import etree, html

from policydesk.render.document import Page, Para, Run, Table
from policydesk.render.markdown import LINK_SCHEMES
from policydesk.render.outline import Item, outline

GENERATOR = "policydesk"
"""Named in the page's generator meta element, so a later export knows the file is its own to replace."""
CSS = """
body { font-family: Arial, Helvetica, sans-serif; line-height: 1.45; max-width: 46em; margin: 2em auto; padding: 0 1em }
ol.paras { list-style: none; padding-left: 0; }
ol.paras > li { position: relative; padding-left: 3.6em; }
ol.paras > li::before { content: attr(data-number); position: absolute; left: 0; }
ol.paras > li.continued::before { content: none; }
ol.paras ol.paras { margin-left: -1.2em; }
.answer { font-weight: bold; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #595959; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
a { color: #1f4e79; }
""".strip()


def write_html(page: Page) -> str:
    """The whole page as an HTML document (UTF-8), ending in a newline."""
    root = etree.Element("html", lang=page.language)
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "meta", charset="utf-8")
    etree.SubElement(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    etree.SubElement(head, "meta", name="generator", content=GENERATOR)
    etree.SubElement(head, "meta", name="author", content=page.author)
    etree.SubElement(head, "title").text = page.title
    etree.SubElement(head, "style").text = "\n" + CSS + "\n"
    article = etree.SubElement(etree.SubElement(etree.SubElement(root, "body"), "main"), "article")
    _Builder(article).build(outline(page))
    return html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode", method="html", pretty_print=True)


class _Builder:
    """Places each outline item: numbered paragraphs as nested ordered lists, bullets and tables inside them."""

    def __init__(self, article: etree._Element):
        self.article = article
        self.numbered: list[tuple[int, etree._Element, etree._Element | None]] = []
        self.bullets: list[tuple[int, etree._Element, etree._Element]] = []
        self.bullet_owner: etree._Element | None = None

    def build(self, items: list[Item]) -> None:
        for item in items:
            if item.kind == "numbered":
                self.bullets.clear()
                self.number(item)
            elif item.kind == "bullet":
                self.bullet(item)
            elif item.kind == "table":
                self.bullets.clear()
                self.table(item.block, self.owner(item.level))  # type: ignore[arg-type]
            else:
                self.bullets.clear()
                self.numbered.clear()
                self.plain(item)

    def owner(self, level: int) -> etree._Element:
        """Where a bullet or table under text numbered at `level` goes: inside that paragraph's list item."""
        for frame_level, _, item in reversed(self.numbered):
            if frame_level <= level and item is not None:
                return item
        return self.article

    def number(self, item: Item) -> None:
        while self.numbered and self.numbered[-1][0] > item.level:
            self.numbered.pop()
        if not self.numbered or self.numbered[-1][0] < item.level:
            while (self.numbered[-1][0] if self.numbered else 0) < item.level - 1:
                self._open_list(self.numbered[-1][0] + 1 if self.numbered else 1, continued=True)
            self._open_list(item.level)
        level, ordered, _ = self.numbered[-1]
        entry = etree.SubElement(ordered, "li", value=str(item.counter))
        entry.set("data-number", item.number)
        _runs(etree.SubElement(entry, "p"), item.block.runs)  # type: ignore[union-attr]
        self.numbered[-1] = (level, ordered, entry)

    def _open_list(self, level: int, continued: bool = False) -> None:
        parent = self.numbered[-1][2] if self.numbered and self.numbered[-1][2] is not None else self.article
        ordered = etree.SubElement(parent, "ol", {"class": "paras"})
        entry = etree.SubElement(ordered, "li", {"class": "continued"}) if continued else None
        self.numbered.append((level, ordered, entry))

    def bullet(self, item: Item) -> None:
        owner = self.owner(item.level)
        if owner is not self.bullet_owner:
            self.bullets.clear()
            self.bullet_owner = owner
        while self.bullets and self.bullets[-1][0] > item.depth:
            self.bullets.pop()
        if not self.bullets or self.bullets[-1][0] < item.depth:
            parent = self.bullets[-1][2] if self.bullets else owner
            listed = etree.SubElement(parent, "ul")
            self.bullets.append((item.depth, listed, listed))
        depth, listed, _ = self.bullets[-1]
        entry = etree.SubElement(listed, "li")
        _runs(entry, item.block.runs)  # type: ignore[union-attr]
        self.bullets[-1] = (depth, listed, entry)

    def plain(self, item: Item) -> None:
        block: Para = item.block  # type: ignore[assignment]
        if item.kind == "heading":
            _runs(etree.SubElement(self.article, f"h{item.level}"), block.runs)
        elif item.kind == "contact":
            last = self.article[-1] if len(self.article) else None
            if last is not None and last.tag == "address":
                etree.SubElement(last, "br")
                _runs(last, block.runs)
            else:
                _runs(etree.SubElement(self.article, "address"), block.runs)
        elif item.kind == "answer":
            strong = etree.SubElement(etree.SubElement(self.article, "p", {"class": "answer"}), "strong")
            _runs(strong, block.runs)
        else:
            classes = {"date": {"class": "date"}, "sign-off": {"class": "sign-off"}}.get(item.kind, {})
            _runs(etree.SubElement(self.article, "p", classes), block.runs)

    def table(self, table: Table, parent: etree._Element) -> None:
        element = etree.SubElement(parent, "table")
        header, *rows = table.rows
        head_row = etree.SubElement(etree.SubElement(element, "thead"), "tr")
        for cell in header:
            _runs(etree.SubElement(head_row, "th", scope="col"), cell)
        body = etree.SubElement(element, "tbody")
        for row in rows:
            tr = etree.SubElement(body, "tr")
            for cell in row:
                _runs(etree.SubElement(tr, "td"), cell)


def _runs(parent: etree._Element, runs: tuple[Run, ...]) -> None:
    for run in runs:
        if run.change == "del":
            continue
        target = parent
        if run.href and run.href.lower().startswith(LINK_SCHEMES):
            target = etree.SubElement(target, "a", href=run.href)
        if run.bold:
            target = etree.SubElement(target, "strong")
        if run.italic:
            target = etree.SubElement(target, "em")
        if target is parent:
            _append_text(parent, run.text)
        else:
            target.text = run.text


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text
