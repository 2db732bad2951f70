"""A form of labelled fields checked as they are typed: the details of a response or of a board paper."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from policydesk.model.rules import day_problem, parse_day
from policydesk.ui.screens.form import Form
from policydesk.ui.widgets.key_bar import KeyBar
from policydesk.ui.widgets.text_field import TextField

Field = tuple[str, str, str]
"""(id, label, placeholder)."""


class DetailsForm(Form):
    """Tab between fields; Ctrl+S keeps the changes, Escape drops them. Problems show beside their field.

    A subclass names its FIELDS and CHOICES (drop-down lists shown first), their starting `values`, what is
    wrong with what was typed (`problems`), and the document the form makes (`result`).
    """

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep changes", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    HEADING = "Details"
    FIELDS: tuple[Field, ...] = ()
    CHOICES: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    """(id, label, the values to choose from)."""
    DATES: tuple[str, ...] = ()
    """Fields holding a day: Tab into one selects it, so that a new date typed replaces the old one."""

    def values(self) -> dict[str, str]:
        raise NotImplementedError

    def problems(self) -> dict[str, str]:
        raise NotImplementedError

    def result(self) -> object:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        values = self.values()
        with Vertical(classes="dialog wide", id="details"):
            yield Label(f"{self.HEADING}: Ctrl+S keeps them, Escape cancels", classes="title")
            yield Static("", id="went-round", classes="went-round")
            with VerticalScroll(id="fields", can_focus=False):
                for key, label, options in self.CHOICES:
                    yield Label(label)
                    yield Select([(o, o) for o in options], value=values[key], allow_blank=False, id=key)
                    yield Static("", id=f"{key}-problem", classes="problem")
                for key, label, placeholder in self.FIELDS:
                    yield Label(label)
                    yield TextField(values[key], placeholder=placeholder, id=key, select_on_focus=key in self.DATES)
                    yield Static("", id=f"{key}-problem", classes="problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(KeyBar).show([("Tab", "Next field"), ("Ctrl+S", "Keep the changes"), ("Escape", "Cancel")])
        self.query_one(f"#{self.FIELDS[0][0]}", Input).focus(scroll_visible=False)
        self.call_after_refresh(self.query_one("#fields", VerticalScroll).scroll_home, animate=False)  # labels too

    def value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value.strip()

    def choice(self, key: str) -> str:
        return str(self.query_one(f"#{key}", Select).value)

    def date_problem(self, key: str) -> str | None:
        """Why a date field cannot be read, if it cannot (an empty field is for the caller to judge)."""
        return day_problem(self.value(key))

    def day(self, key: str):
        return parse_day(self.value(key)) if self.value(key) else None

    @on(Input.Changed)
    def field_changed(self, event: Input.Changed) -> None:
        if event.input.has_class("invalid"):
            self.show_problems(self.problems(), only=event.input.id)

    def show_problems(self, problems: dict[str, str], only: str | None = None) -> None:
        for key, *_ in self.FIELDS:
            if only is None or key == only:
                self.query_one(f"#{key}-problem", Static).update(problems.get(key, ""))
                self.query_one(f"#{key}", Input).set_class(key in problems, "invalid")

    def action_keep(self) -> None:
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            first = next(key for key, *_ in self.FIELDS if key in problems)
            self.query_one(f"#{first}", Input).focus()
            self.notify(f"{len(problems)} field{'s' if len(problems) > 1 else ''} to correct.", severity="error")
            return
        self.dismiss(self.result())

    def action_cancel(self) -> None:
        self.dismiss(None)
