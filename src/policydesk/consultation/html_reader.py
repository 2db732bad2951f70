"""Read a web page (as saved from a gov.uk consultation) into blocks, with lxml.html parsing it as a browser would."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from lxml import etree

from policydesk.consultation.blocks import BULLET, Block, Document, clean
from policydesk.consultation.word_numbering import format_number
from policydesk.model.problems import InputError, Problem
from policydesk.store.yaml_io import display_path

SKIP_TAGS = {"script", "style", "noscript", "template", "nav", "svg", "button", "form", "select", "iframe", "aside"}
SKIP_CLASSES = (
    "gem-c-cookie-banner", "govuk-skip-link", "gem-c-contents-list", "govuk-breadcrumbs", "gem-c-breadcrumbs",
    "gem-c-print-link", "gem-c-related-navigation", "gem-c-contextual-sidebar", "gem-c-feedback",
    "gem-c-share-links", "gem-c-single-page-notification-button", "govuk-visually-hidden", "gem-c-back-to-top",
)  # fmt: skip
HEADINGS = {f"h{n}": n for n in range(1, 7)}
BLOCK_TAGS = {
    "address", "article", "blockquote", "details", "dialog", "dd", "div", "dl", "dt", "fieldset", "figcaption",
    "figure", "footer", "header", "hgroup", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table",
    "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "ul", "legend", *HEADINGS,
}  # fmt: skip
LIST_TYPES = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman", "I": "upperRoman"}


def _skipped(el: etree._Element) -> bool:
    if not isinstance(el.tag, str) or el.tag in SKIP_TAGS:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    classes = el.get("class", "").split()
    return any(name in classes for name in SKIP_CLASSES)


class _Walker:
    """Turns a page's elements into blocks: a block element (p, li, h2, td...) ends the run of text before it."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._run: list[str] = []
        self._links: list[str] = []

    def _inline(self, el: etree._Element) -> None:
        """Add an inline element's text (and its links) to the current run."""
        if _skipped(el):
            self._run.append(el.tail or "")
            return
        if el.tag == "br":
            self._run.append(" ")
        elif el.tag == "a" and el.get("href", "").startswith(("http://", "https://")):
            self._links.append(el.get("href", ""))
        self._run.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and child.tag in BLOCK_TAGS and not _skipped(child):
                self._flush()
                self.walk(child)
                self._run.append(child.tail or "")
            else:
                self._inline(child)
        self._run.append(el.tail or "")

    def _flush(self, heading: int = 0, label: str = "") -> None:
        text = clean("".join(self._run))
        if text:
            self.blocks.append(Block(text, heading, label, tuple(dict.fromkeys(self._links))))
        self._run, self._links = [], []

    def _contents(self, el: etree._Element) -> None:
        self._run.append(el.text or "")
        for child in el:
            if not isinstance(child.tag, str) or _skipped(child):
                self._run.append(child.tail or "")
            elif child.tag in BLOCK_TAGS:
                self._flush()
                self.walk(child)
                self._run.append(child.tail or "")
            else:
                self._inline(child)
        self._flush()

    def walk(self, el: etree._Element) -> None:
        if _skipped(el):
            return
        if el.tag in HEADINGS:
            self._flush()
            self._inner(el)
            self._flush(heading=HEADINGS[el.tag])
        elif el.tag in ("ul", "ol"):
            self._flush()
            self._list(el)
        elif el.tag == "dl":
            self._flush()
            self._definitions(el)
        else:
            self._contents(el)

    def _list(self, el: etree._Element) -> None:
        ordered = el.tag == "ol"
        fmt = LIST_TYPES.get(el.get("type", "1"), "decimal")
        number = _int(el.get("start"), 1) - 1
        for item in el:
            if not isinstance(item.tag, str) or item.tag != "li" or _skipped(item):
                continue
            number = _int(item.get("value"), number + 1)
            label = f"{format_number(number, fmt)}." if ordered else BULLET
            self._run.append(item.text or "")
            first = True
            for child in item:
                if not isinstance(child.tag, str) or _skipped(child):
                    self._run.append(child.tail or "")
                elif child.tag in BLOCK_TAGS:
                    if first and child.tag == "p" and not clean("".join(self._run)):
                        self._inner(child)
                        self._run.append(child.tail or "")
                    else:
                        self._flush(label=label if first else "")
                        first = False
                        self.walk(child)
                        self._run.append(child.tail or "")
                else:
                    self._inline(child)
            self._flush(label=label if first else "")

    def _inner(self, el: etree._Element) -> None:
        """Add an element's own text and inline children to the run (its tail belongs to its parent)."""
        self._run.append(el.text or "")
        for child in el:
            self._inline(child)

    def _definitions(self, el: etree._Element) -> None:
        """A definition list as 'term definition' lines: 'From: Department for Education'."""
        for child in el:
            if not isinstance(child.tag, str) or _skipped(child):
                continue
            if child.tag == "dt":
                self._flush()
            self._inner(child)
            self._run.append(" ")
        self._flush()


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def read_html(path: Path, raw: bytes) -> Document:
    """The blocks of a web page's main content (its <main>, else its body), and its canonical address."""
    try:
        text: str | bytes = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw
    try:
        try:
            root = lxml.html.document_fromstring(text)
        except ValueError:
            root = lxml.html.document_fromstring(raw)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(
            Problem(
                display_path(path),
                None,
                None,
                f"the file is not a readable web page ({exc})",
                "save the consultation page again from the browser (File, Save page as, HTML only)",
            )
        ) from None
    link = ""
    for found in root.xpath("//link[@rel='canonical']/@href | //meta[@property='og:url']/@content"):
        if str(found).startswith(("http://", "https://")):
            link = str(found)
            break
    publisher = next(iter(root.xpath("//meta[@name='govuk:primary-publishing-organisation']/@content")), "")
    main = root.xpath("//main") or root.xpath("//*[@id='content']") or root.xpath("//body") or [root]
    walker = _Walker()
    walker.walk(main[0])
    return Document(tuple(walker.blocks), link, clean(str(publisher)))
