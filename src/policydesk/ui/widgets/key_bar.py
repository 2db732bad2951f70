"""The keys that matter on a screen, in words, wrapped over as many lines as the width needs."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

Keys = Sequence[tuple[str, str]]
"""(key as an officer types it, what it does): ("Ctrl+S", "Save")."""


class KeyBar(Static):
    """Docked at the bottom of a screen; unlike a one-line footer it never cuts a key off."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    def show(self, keys: Keys) -> None:
        line = Text()
        for index, (key, words) in enumerate(keys):
            if index:
                line.append("   ")
            line.append(key, style="bold reverse")
            line.append(f" {words}")
        self.update(line)
