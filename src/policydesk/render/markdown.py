"""Allow-listed markdown (bold, italic, links, bullet lists, pipe tables) to plain blocks of styled spans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

LINK_SCHEMES = ("http://", "https://", "mailto:")
BAR = re.compile(r"(?<!\\)\|")


@dataclass(frozen=True)
class Span:
    """A run of text with its inline formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None

    def same_format(self, other: Span) -> bool:
        return (self.bold, self.italic, self.href) == (other.bold, other.italic, other.href)


Cell = tuple[Span, ...]
Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Block:
    """A paragraph, a bullet item (level 1 to 3) made of spans, or a table whose first row is its header.

    `line` is the block's first line in the source text (0-based), `end` the line after its last.
    """

    kind: Literal["para", "bullet", "table"]
    spans: tuple[Span, ...] = ()
    level: int = 1
    rows: tuple[Row, ...] = ()
    line: int = 0
    end: int = 0

    @property
    def text(self) -> str:
        if self.kind == "table":
            return "\n".join(" | ".join("".join(s.text for s in cell) for cell in row) for row in self.rows)
        return "".join(s.text for s in self.spans)


class MarkdownError(ValueError):
    """Markdown outside the allowed subset; the message says what and how to fix it.

    `line` is the 1-based line of the text where the problem is, when one line can be named.
    """

    def __init__(self, message: str, hint: str, line: int | None = None):
        super().__init__(message)
        self.message, self.hint, self.line = message, hint, line


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
    md = MarkdownIt("commonmark", {"html": True}).disable(["linkify"], ignoreInvalid=True).enable("table")
    md.validateLink = lambda url: True  # every link reaches us, so a bad scheme is reported, not kept as text
    return md


def parse_markdown(text: str) -> list[Block]:
    """Blocks of spans for `text`; raises MarkdownError for anything outside the allowed subset."""
    blocks: list[Block] = []
    depth = 0
    lines = text.splitlines()
    tokens = _parser().parse(text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = _line_of(token)
        try:
            _refuse(token)
        except MarkdownError as exc:
            raise MarkdownError(exc.message, exc.hint, line) from None
        if token.type == "bullet_list_open":
            depth += 1
            if depth > 3:
                raise MarkdownError("bullets are nested more than three deep", "flatten the list to three levels", line)
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "table_open":
            if depth:
                raise MarkdownError(
                    "a table cannot sit inside a bullet list", "leave a blank line and start the table unindented", line
                )
            index = _table(tokens, index, blocks)
            continue
        elif token.type == "inline":
            _refuse_stray_bars(token, lines)
            spans = _spans(token.children or [])
            if spans:
                start, end = token.map or (0, 0)
                blocks.append(Block("bullet" if depth else "para", tuple(spans), max(depth, 1), line=start, end=end))
        index += 1
    return blocks


def _line_of(token: Token) -> int | None:
    return token.map[0] + 1 if token.map else None


def _table(tokens: list[Token], index: int, blocks: list[Block]) -> int:
    """Collect the table opening at `index` into one block; returns the index after table_close."""
    start, end = tokens[index].map or (0, 0)
    rows: list[Row] = []
    cells: list[Cell] = []
    index += 1
    while tokens[index].type != "table_close":
        token = tokens[index]
        _refuse(token)
        if token.type == "tr_open":
            cells = []
        elif token.type == "tr_close":
            rows.append(tuple(cells))
        elif token.type == "inline":
            cells.append(tuple(_spans(token.children or [])))
        index += 1
    blocks.append(Block("table", rows=tuple(rows), line=start, end=end))
    return index + 1


def _refuse_stray_bars(token: Token, lines: list[str]) -> None:
    """A paragraph line that looks like a table row is refused, so no document ever shows literal bars."""
    start, end = token.map or (0, 0)
    for number in range(start, min(end, len(lines))):
        source = lines[number].strip()
        bars = len(BAR.findall(source))
        if bars >= 2 or (bars and (source.startswith("|") or source.endswith("|"))):
            shown = source if len(source) <= 40 else source[:37] + "..."
            raise MarkdownError(
                f"'{shown}' looks like a table row, but it is not part of a table",
                "a table needs a header row, then a row such as |---|---|, then its rows; "
                "write \\| for a bar that is not a table",
                number + 1,
            )


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
    """The words a reader sees, one block (or table row) per line, without markdown syntax."""
    return "\n".join(b.text for b in parse_markdown(text))


def table_lines(text: str) -> set[int]:
    """The 0-based lines of `text` that belong to tables, where house conventions allow '%' and the like."""
    return {n for b in parse_markdown(text) if b.kind == "table" for n in range(b.line, b.end)}
