"""A dialog of boxes that Tab moves between, saying so when it goes round from the last box to the first."""

from __future__ import annotations

from typing import TypeVar

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

R = TypeVar("R")

ROUND = {1: "Back at the first box", -1: "At the last box"}


class Form(ModalScreen[R]):
    """Tab and Shift+Tab move between boxes; past either end the form says where the cursor went, in a
    `Static#went-round` the subclass places under its title, so an officer never loses their place unawares."""

    BINDINGS = [
        Binding("tab", "move(1)", "Next field", show=False),
        Binding("shift+tab", "move(-1)", "Previous field", show=False),
    ]
    KEEP = "Ctrl+S keeps, Escape cancels"

    def action_move(self, step: int) -> None:
        chain = self.focus_chain
        going_round = bool(chain) and self.focused is chain[-1 if step > 0 else 0]
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()
        said = self.query_one("#went-round", Static)
        said.update(f"{ROUND[step]}: {self.KEEP}." if going_round else "")
        said.display = going_round
