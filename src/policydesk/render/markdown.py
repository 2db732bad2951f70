"""Allow-listed markdown (bold, italic, links, bullet lists) to plain blocks of styled spans."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True)
class Span:
    """A run of text with its inline formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None

    def same_format(self, other: Span) -> bool:
        return (self.bold, self.italic, self.href) == (other.bold, other.italic, other.href)


@dataclass(frozen=True)
class Block:
    """A paragraph or a bullet item (level 1 to 3) made of spans."""

    kind: Literal["para", "bullet"]
    spans: tuple[Span, ...]
    level: int = 1

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


class MarkdownError(ValueError):
    """Markdown outside the allowed subset; the message says what and how to fix it."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


REFUSED = {
    "heading_open": ("headings are not allowed inside a paragraph", "use a subheading item instead of '#'"),
    "ordered_list_open": ("numbered lists are not allowed", "use '- ' bullets; paragraph numbers are added for you"),
    "blockquote_open": ("quotation blocks are not allowed", "write the quotation in double quotes instead of '>'"),
    "code_block": ("code blocks are not allowed", "remove the indentation at the start of the line"),
    "fence": ("code blocks are not allowed", "remove the ``` fence"),
    "hr": ("horizontal rules are not allowed", "remove the '---' line"),
    "html_block": ("raw HTML is not allowed", "use markdown: **bold**, *italic*, [text](https://...)"),
    "html_inline": ("raw HTML is not allowed", "use markdown: **bold**, *italic*, [text](https://...)"),
    "image": ("images are not allowed", "remove the image; link to it with [text](https://...) if needed"),
    "code_inline": ("code formatting is not allowed", "remove the backticks"),
}


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).disable(["linkify"], ignoreInvalid=True)
    md.validateLink = lambda url: True  # every link reaches us, so a bad scheme is reported, not kept as text
    return md


def parse_markdown(text: str) -> list[Block]:
    """Blocks of spans for `text`; raises MarkdownError for anything outside the allowed subset."""
    blocks: list[Block] = []
    depth = 0
    for token in _parser().parse(text):
        _refuse(token)
        if token.type == "bullet_list_open":
            depth += 1
            if depth > 3:
                raise MarkdownError("bullets are nested more than three deep", "flatten the list to three levels")
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "inline":
            spans = _spans(token.children or [])
            if spans:
                blocks.append(Block("bullet" if depth else "para", tuple(spans), max(depth, 1)))
    return blocks


def _refuse(token: Token) -> None:
    if token.type in REFUSED:
        raise MarkdownError(*REFUSED[token.type])
    for child in token.children or []:
        _refuse(child)


def _spans(children: list[Token]) -> list[Span]:
    spans: list[Span] = []
    bold = italic = 0
    href: str | None = None
    for token in children:
        kind = token.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif kind == "link_open":
            href = _checked_link(str(token.attrs.get("href", "")))
        elif kind == "link_close":
            href = None
        elif kind in ("text", "softbreak", "hardbreak"):
            content = token.content if kind == "text" else " "
            span = Span(content, bold > 0, italic > 0, href)
            if spans and spans[-1].same_format(span):
                span = Span(spans[-1].text + content, span.bold, span.italic, href)
                spans.pop()
            spans.append(span)
    return spans


def _checked_link(href: str) -> str:
    if not href.lower().startswith(LINK_SCHEMES):
        raise MarkdownError(
            f"link '{href}' is not a web or email address", "links must start with https://, http:// or mailto:"
        )
    return href


def plain_text(text: str) -> str:
    """The words a reader sees, one block per line, without markdown syntax."""
    return "\n".join(b.text for b in parse_markdown(text))
