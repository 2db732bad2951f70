"""Rich text for word-level diffs: deletions struck through in red, insertions underlined in green, both marked."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from policydesk.diff import MARKS, Chunk

STYLES = {"equal": "", "delete": "strike red", "insert": "underline bold green"}


def diff_text(chunks: Sequence[Chunk]) -> Text:
    text = Text()
    for chunk in chunks:
        start, end = MARKS[chunk.op]
        text.append(start, style="dim")
        text.append(chunk.text, style=STYLES[chunk.op])
        text.append(end, style="dim")
    return text
