"""Read Markdown into blocks with markdown-it-py: # headings, paragraphs, and list items with their numbers."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from policydesk.consultation.blocks import BULLET, Block, clean


def _inline(token: Token) -> tuple[str, list[str]]:
    parts: list[str] = []
    links: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            if href.startswith(("http://", "https://")):
                links.append(href)
        elif child.type == "image":
            parts.append(child.content)
    return clean("".join(parts)), links


def markdown_blocks(text: str) -> list[Block]:
    """Headings keep their level (# is the title), list items their number ("11.") or a bullet."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    lists: list[bool] = []
    label = ""
    heading = 0
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(token.type == "ordered_list_open")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            label = f"{token.info}{token.markup}" if lists and lists[-1] else BULLET
        elif token.type == "heading_open":
            heading = int(token.tag[1])
        elif token.type == "heading_close":
            heading = 0
        elif token.type == "inline":
            content, links = _inline(token)
            if content:
                blocks.append(Block(content, heading, label, tuple(links)))
            label = ""
    return blocks
