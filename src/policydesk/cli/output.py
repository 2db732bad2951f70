"""Command output: rich in a terminal, plain lines in a pipe, JSON when asked.

Rich is imported only when something styled is printed: a command that writes plain lines starts without it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, TextIO

from policydesk.cli.streams import can_show
from policydesk.diff import Chunk, marked
from policydesk.model.problems import Problem

if TYPE_CHECKING:
    from rich.console import Console


class Output:
    """Where a command writes; `styled` is true only when stdout is a terminal."""

    def __init__(self, stream: TextIO | None = None, styled: bool | None = None, width: int | None = None):
        self.stream = stream or sys.stdout
        self.styled = self.stream.isatty() if styled is None else styled
        self.width = width

    @cached_property
    def console(self) -> Console:
        from rich.console import Console

        return Console(
            file=self.stream,
            force_terminal=self.styled,
            no_color=not self.styled,
            highlight=False,
            soft_wrap=not self.styled,
            width=self.width,
        )

    def line(self, text: str = "", style: str | None = None) -> None:
        if self.styled:
            from rich.text import Text

            self.console.print(Text(text, style=style or ""))
        else:
            self.stream.write(text + "\n")

    def rich(self, renderable: Any, plain: str) -> None:
        """Print `renderable` in a terminal, or `plain` in a pipe."""
        if self.styled:
            self.console.print(renderable)
        else:
            self.stream.write(plain.rstrip("\n") + "\n")

    def table(self, headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
        if not self.styled:
            if title:
                self.stream.write(f"{title}\n")
            for row in rows:
                self.stream.write("\t".join(str(c) for c in row) + "\n")
            return
        from rich.table import Table
        from rich.text import Text

        table = Table(*headers, title=title, title_justify="left", header_style="bold")
        for row in rows:
            table.add_row(*(c if isinstance(c, Text) else str(c) for c in row))
        self.console.print(table)

    def diff(self, chunks: Sequence[Chunk], indent: str = "") -> None:
        if not self.styled:
            self.stream.write(indent + marked(chunks).rstrip("\n").replace("\n", "\n" + indent) + "\n")
            return
        from rich.text import Text

        from policydesk.ui.widgets.diff_view import diff_text

        self.console.print(Text(indent) + diff_text(chunks))

    def json(self, data: Any) -> None:
        self.stream.write(json.dumps(data, indent=2, ensure_ascii=not can_show(self.stream), default=str) + "\n")


def print_problems(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
    """Problems go to stderr, one per line, errors first."""
    stream = stream or sys.stderr
    for problem in sorted(problems, key=lambda p: (not p.is_error, p.file, p.line or 0, p.column or 0)):
        stream.write(f"{problem}\n")


def counted(number: int, thing: str) -> str:
    """'1 error', '2 errors', '0 warnings'."""
    return f"{number} {thing}" if number == 1 else f"{number} {thing}s"
