"""A one-line box that behaves as Word's do."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class TextField(Input):
    """A one-line box where Ctrl+A selects all its text, as in Word (Home still goes to the start)."""

    BINDINGS = [Binding("ctrl+a", "select_all", "Select all", show=False)]

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)  # the cursor goes to the end, as in Word: nothing is replaced
        super().__init__(*args, **kwargs)
