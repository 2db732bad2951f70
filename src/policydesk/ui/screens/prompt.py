"""Small modal dialogs: a one-line question, a yes/no confirmation, and a choice of actions."""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from policydesk.ui.widgets.text_field import TextField

BUTTON_EDGES = 5
"""Columns a button takes beyond its label: border, padding and the gap after it."""
ROW_ROOM = 70
"""Columns inside a dialog on an 80-column screen: buttons that need more are stacked instead."""


class Prompt(ModalScreen[str | None]):
    """Ask for one line of text; Enter answers, Escape cancels.

    `check` says what is wrong with an answer (None when it will do): the problem is shown under the box, in
    the dialog, and the officer corrects what they typed there.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self, question: str, value: str = "", check: Callable[[str], str | None] | None = None, replace: bool = False
    ) -> None:
        """`replace`: the value is selected, so that typing replaces it (a date, say, typed anew)."""
        super().__init__()
        self.question, self.value, self.check, self.replace = question, value, check, replace

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question)  # wraps, where a Label would be cut off
            yield TextField(self.value, id="answer", select_on_focus=self.replace)
            yield Static("", id="answer-problem", classes="problem")
            yield Label("Enter to go on · Escape to cancel", classes="hint")

    @on(Input.Submitted)
    def answered(self, event: Input.Submitted) -> None:
        problem = self.check(event.value) if self.check else None
        if problem:
            self.query_one("#answer-problem", Static).update(problem)
            event.input.add_class("invalid")
            event.input.select_all()  # typed anew, the answer replaces what was refused; an arrow key edits it
            return
        self.dismiss(event.value)

    @on(Input.Changed)
    def correcting(self) -> None:
        self.query_one("#answer-problem", Static).update("")
        self.query_one("#answer", Input).remove_class("invalid")

    def action_cancel(self) -> None:
        self.dismiss(None)


class Choice(ModalScreen[str | None]):
    """Offer a few actions as buttons, each with a key; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, message: str, choices: dict[str, str]) -> None:
        """`choices` maps a result (and its key) to a button label, e.g. {"s": "Save"}."""
        super().__init__()
        self.message, self.choices = message, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.message)  # wraps at the dialog's width, where a Label would be cut off
            labels = {key: f"{label} ({key})" for key, label in self.choices.items()}
            in_a_row = sum(len(label) + BUTTON_EDGES for label in labels.values()) <= ROW_ROOM
            with (Horizontal if in_a_row else Vertical)(classes="buttons"):  # a row too long would be cut off
                for key, label in labels.items():
                    yield Button(label, id=f"choice-{key}")

    def on_key(self, event) -> None:
        if event.key in self.choices:
            event.stop()
            self.dismiss(event.key)

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)


def confirm(message: str) -> Choice:
    return Choice(message, {"y": "Yes", "n": "No"})
