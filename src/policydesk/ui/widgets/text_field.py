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

    def on_mount(self) -> None:
        self.call_after_refresh(self._cursor_in_sight)

    def _cursor_in_sight(self) -> None:
        """Show the end of a long value, where the cursor is: Textual first shows a box from its start."""
        end = self.cursor_position
        self.cursor_position = 0  # moving the cursor is what scrolls the box to it
        self.cursor_position = end
