"""Word paragraphs back to the response's markdown: the inverse of rendering, for one view of the changes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from policydesk.render.markdown import Block, Span, parse_markdown
from policydesk.review.docx_read import Piece, WordPara

Visible = Callable[[Piece], bool]
BULLET = re.compile(r"^(?:List Bullet|LGA Para [123] Bullet)(?: ([23]))?$")
SPECIAL = re.compile(r"([\\*`\[\]<|])")
LINE_START = re.compile(r"^(\s*)([-+#>]|\d+[.)])")


def bullet_depth(style: str) -> int:
    """1 to 3 for our bullet styles, 0 for any other paragraph."""
    found = BULLET.match(style.strip())
    return int(found.group(1) or 1) if found else 0


def _escape(text: str) -> str:
    text = SPECIAL.sub(r"\\\1", text)
    return re.sub(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])", r"\\_", text)


def _bare(href: str) -> str:
    """A site's address without the slash a word processor adds to it on saving (https://example.org/)."""
    return href[:-1] if re.match(r"^https?://[^/]+/$", href) else href


def inline(pieces: Sequence[Piece]) -> str:
    """Markdown for pieces: bold, italic and links, with whitespace kept outside the markers."""
    groups: list[tuple[bool, bool, str | None, str]] = []
    for piece in pieces:
        key = (piece.bold, piece.italic, piece.href)
        if groups and groups[-1][:3] == key:
            groups[-1] = (*key, groups[-1][3] + piece.text)
        else:
            groups.append((*key, piece.text))
    out = []
    for bold, italic, href, text in groups:
        text = text.replace("\t", " ").replace("\n", " ")
        core = text.strip()
        if not core:
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        body = _escape(core)
        if href:
            body = f"[{body}]({_bare(href)})"
        marker = ("**" if bold else "") + ("*" if italic else "")
        out.append(f"{lead}{marker}{body}{marker[::-1]}{trail}")
    line = "".join(out)
    return LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", line, count=1)


def markdown(paras: Sequence[WordPara], visible: Visible, mark_kept: Callable[[WordPara], bool]) -> str:
    """The markdown of Word paragraphs as one view shows them; a paragraph whose mark the view removes runs on
    into the next one, as it does in Word."""
    lines: list[tuple[str, str]] = []  # (kind, text): kind is "para", "bullet:N" or "table:T"
    pending: list[Piece] = []
    rows: dict[int, dict[int, dict[int, list[Piece]]]] = {}
    for i, para in enumerate(paras):
        if para.cell is not None:
            table, row, column = para.cell
            cells = rows.setdefault(table, {}).setdefault(row, {})
            cells.setdefault(column, []).extend(p for p in para.pieces if visible(p))
            if not lines or lines[-1] != ("table", str(table)):
                lines.append(("table", str(table)))
            continue
        pending.extend(p for p in para.pieces if visible(p))
        last = i == len(paras) - 1
        if mark_kept(para) or last:
            text = inline(pending).strip()
            pending = []
            depth = bullet_depth(para.style)
            if text:
                lines.append((f"bullet:{depth}" if depth else "para", text))
    blocks: list[str] = []
    for kind, text in lines:
        if kind == "table":
            blocks.append(_table(rows[int(text)], visible))
        elif kind.startswith("bullet:"):
            depth = int(kind.split(":")[1])
            item = "  " * (depth - 1) + "- " + text
            if blocks and blocks[-1].lstrip().startswith("- "):
                blocks[-1] += "\n" + item
            else:
                blocks.append(item)
        else:
            blocks.append(text)
    return "\n\n".join(blocks)


def _table(rows: dict[int, dict[int, list[Piece]]], visible: Visible) -> str:
    lines = []
    for number, row in enumerate(sorted(rows)):
        cells = rows[row]
        texts = [inline(_unbold(cells[c]) if number == 0 else cells[c]).strip() for c in sorted(cells)]
        if not any(texts):
            continue
        lines.append("| " + " | ".join(texts) + " |")
        if number == 0:
            lines.append("|" + "---|" * len(texts))
    return "\n".join(lines)


def _unbold(pieces: list[Piece]) -> list[Piece]:
    """A header row is bold because it is a header, not because its text is."""
    return [replace(p, bold=False) for p in pieces]


def normalised(text: str) -> str:
    """A paragraph's markdown written the way markdown() writes it, so texts from YAML and Word compare."""
    return blocks_markdown(parse_markdown(text))


def blocks_markdown(blocks: Sequence[Block]) -> str:
    out: list[str] = []
    for block in blocks:
        if block.kind == "table":
            lines = []
            for number, row in enumerate(block.rows):
                lines.append("| " + " | ".join(inline(_pieces(cell)).strip() for cell in row) + " |")
                if number == 0:
                    lines.append("|" + "---|" * len(row))
            out.append("\n".join(lines))
        elif block.kind == "bullet":
            item = "  " * (block.level - 1) + "- " + inline(_pieces(block.spans)).strip()
            if out and out[-1].lstrip().startswith("- "):
                out[-1] += "\n" + item
            else:
                out.append(item)
        else:
            out.append(inline(_pieces(block.spans)).strip())
    return "\n\n".join(o for o in out if o.strip())


def _pieces(spans: Sequence[Span]) -> list[Piece]:
    return [Piece(s.text, (), s.bold, s.italic, s.href) for s in spans]


def same_text(a: str, b: str) -> bool:
    """Two markdown texts that render alike (same blocks, words and formatting)."""
    try:
        return _key(parse_markdown(a)) == _key(parse_markdown(b))
    except ValueError:
        return a.strip() == b.strip()


def _link(href: str | None) -> str | None:
    """Word processors may add a slash to a bare address on saving; it is the same link."""
    return href.rstrip("/") if href else href


def _key(blocks: Sequence[Block]) -> list:
    return [
        (b.kind, b.level, " ".join(b.text.split()), tuple((s.bold, s.italic, _link(s.href)) for s in b.spans if s.text))
        for b in blocks
        if b.text.strip()
    ]
