"""The keys that matter on a screen, in words, wrapped over as many lines as the width needs."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.events import Resize
from textual.widgets import Static

Keys = Sequence[tuple[str, str]]
"""(key as an officer types it, what it does): ("Ctrl+S", "Save")."""
GAP = 3


def key_label(key: str) -> str:
    """A key as the bar shows it: a letter as the lower-case letter to press (the README writes them so)."""
    return key.lower() if len(key) == 1 else key


class KeyBar(Static):
    """Docked at the bottom of a screen; unlike a one-line footer it never cuts a key off or splits one."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        padding: 0 1;
        background: $panel;
        color: $text;
    }
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.keys: Keys = ()

    def show(self, keys: Keys) -> None:
        self.keys = keys
        self._draw(self.size.width or self.app.size.width)

    def on_resize(self, event: Resize) -> None:
        self._draw(event.size.width)

    def _draw(self, width: int) -> None:
        line, used = Text(no_wrap=True), 0
        for key, words in self.keys:
            key = key_label(key)
            size = len(key) + 1 + len(words)
            if used and used + GAP + size > max(width - 2, size):
                line.append("\n")
                used = 0
            elif used:
                line.append(" " * GAP)
                used += GAP
            line.append(key, style="bold reverse")
            line.append(f" {words}")
            used += size
        self.update(line)
        self._toasts_above(line.plain.count("\n") + 1)

    def _toasts_above(self, lines: int) -> None:
        """Messages pop up just above the bar, never over the keys (Textual leaves room for a one-line footer)."""
        for rack in self.screen.query("#textual-toastrack"):
            rack.styles.margin = (0, 0, lines, 0)
