"""Page -> CommonMark (with pipe tables) for a website: the Word document's order, numbers and formatting.

Numbered paragraphs become ordered lists carrying Word's numbers (sub-paragraphs nest, numbered from 1 within their
paragraph); every character that markdown would read as markup is escaped, and links keep only allowed addresses.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from policydesk.render.document import Para, Run, Table
from policydesk.render.markdown import LINK_SCHEMES
from policydesk.render.outline import Item, outline

INLINE = re.compile(r"([\\`*_\[\]<>|~&#!])")
"""Characters that can open markup anywhere in a line."""
BLOCK_START = re.compile(r"^(\s*)(?:([-+=>])|(\d+)([.)]))")
"""What reads as a list, quotation or heading underline at the start of a block."""
URL_SAFE = ":/?#[]@!$&'()*+,;=%~-._"


def write_markdown(page) -> str:
    """The whole page as markdown, ending in a newline."""
    lines: list[str] = []
    columns: list[int] = []
    previous: Item | None = None
    for item in outline(page):
        if item.kind not in ("numbered", "bullet", "table") or (item.kind == "table" and not item.level):
            columns = []
        if item.kind == "numbered":
            columns = columns[: item.level - 1]
            while len(columns) < item.level - 1:
                columns.append(columns[-1] + 3 if columns else 3)
            indent = columns[-1] if columns else 0
            marker = f"{item.counter}. "
            columns.append(indent + len(marker))
            block = _inline(item.block.runs, start=True)  # type: ignore[union-attr]
            _add(lines, " " * indent + marker + block)
        elif item.kind == "bullet":
            indent = _column(columns, item.level) + 2 * (item.depth - 1)
            tight = previous is not None and previous.kind == "bullet"
            _add(lines, " " * indent + "- " + _inline(item.block.runs, start=True), tight)  # type: ignore[union-attr]
        elif item.kind == "table":
            indent = _column(columns, item.level)
            _add(lines, "\n".join(" " * indent + row for row in _table(item.block)))  # type: ignore[arg-type]
        else:
            _add(lines, _plain(item))
        previous = item
    return "\n".join(lines).rstrip("\n") + "\n"


def _column(columns: list[int], level: int) -> int:
    """Where the text of the nearest paragraph numbered at `level` or above starts, for what sits under it."""
    return columns[min(level, len(columns)) - 1] if level and columns else 0


def _add(lines: list[str], text: str, tight: bool = False) -> None:
    if lines and not tight:
        lines.append("")
    lines.append(text)


def _plain(item: Item) -> str:
    block: Para = item.block  # type: ignore[assignment]
    if item.kind == "heading":
        return "#" * item.level + " " + _inline(block.runs, start=False)
    text = _inline(block.runs, start=True)
    if item.kind == "answer":
        return f"**{text}**"
    return text


def _table(table: Table) -> list[str]:
    width = max(len(row) for row in table.rows)

    def row(cells) -> str:
        shown = [_inline(cell, start=False) for cell in cells] + [""] * (width - len(cells))
        return "| " + " | ".join(shown) + " |"

    header, *rows = table.rows
    return [row(header), "|" + "---|" * width, *(row(r) for r in rows)]


def _inline(runs: tuple[Run, ...], start: bool) -> str:
    """Runs as inline markdown; `start` escapes what would begin a block (a list marker, '>', '+')."""
    out = ""
    for run in runs:
        if run.change == "del" or not run.text:
            continue
        text = " ".join(run.text.replace("\n", " ").split(" "))
        if not out:
            text = text.lstrip()
        escaped = INLINE.sub(r"\\\1", text)
        if not out and start:
            escaped = BLOCK_START.sub(_escape_start, escaped, count=1)
        out += _formatted(escaped, run)
    return out


def _escape_start(match: re.Match[str]) -> str:
    space, mark, digits, stop = match.groups()
    return f"{space}\\{mark}" if mark else f"{space}{digits}\\{stop}"


def _formatted(text: str, run: Run) -> str:
    """Bold, italic and link markers around `text`, with its outer spaces kept outside the markers."""
    core = text.strip(" ")
    if not core:
        return text
    lead, trail = text[: len(text) - len(text.lstrip(" "))], text[len(text.rstrip(" ")) :]
    if run.italic:
        core = f"*{core}*"
    if run.bold:
        core = f"**{core}**"
    if run.href and run.href.lower().startswith(LINK_SCHEMES):
        core = f"[{core}](<{quote(run.href, safe=URL_SAFE)}>)"
    return lead + core + trail
