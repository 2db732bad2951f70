"""Edit a response's consultation details, dates, status and contact officer, checked as they are typed."""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from policydesk.model.response import STATUSES, Consultation, Contact, Response, SignOff
from policydesk.model.rules import email_problem, link_problem, parse_day, text_problem
from policydesk.ui.widgets.key_bar import KeyBar

FIELDS = (
    ("title", "Consultation title", "The title of the government's consultation"),
    ("department", "Department", "For example Department for Education"),
    ("closes", "Closing date", "Day-month-year or 2023-05-11; leave empty if none"),
    ("link", "Link", "The consultation's web address, starting https://"),
    ("date", "Date on the document", "The date the response carries; empty means the day it is written"),
    ("contact_name", "Contact name", "The officer lead members and government can contact"),
    ("contact_position", "Contact position", "For example Senior Adviser"),
    ("contact_email", "Contact email", "name@local.gov.uk"),
    ("contact_phone", "Contact phone", "For example 020 7664 3000"),
    ("sign_off_by", "Signed off by", "Who approved the response, once it is signed off"),
    ("sign_off_on", "Signed off on", "The day it was approved"),
)
DATES = ("closes", "date", "sign_off_on")


class MetadataScreen(ModalScreen[Response | None]):
    """Tab between fields; ctrl+s keeps the changes, Escape drops them. Problems show beside their field."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep changes", priority=True),
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "app.focus_next", "Next field"),
    ]

    def __init__(self, response: Response):
        super().__init__()
        self.response = response

    def compose(self) -> ComposeResult:
        r, c = self.response, self.response.consultation
        contact = r.contact or Contact("", "", "")
        values = {
            "title": c.title,
            "department": c.department,
            "closes": str(c.closes or ""),
            "link": c.link,
            "date": str(r.date or ""),
            "contact_name": contact.name,
            "contact_position": contact.position,
            "contact_email": contact.email,
            "contact_phone": contact.phone,
            "sign_off_by": r.sign_off.by if r.sign_off else "",
            "sign_off_on": str(r.sign_off.on) if r.sign_off else "",
        }
        with Vertical(classes="dialog wide", id="details"):
            yield Label("Response details: ctrl+s keeps them, Escape cancels", classes="title")
            with VerticalScroll(id="fields", can_focus=False):
                yield Label("Status")
                yield Select([(s, s) for s in STATUSES], value=r.status, allow_blank=False, id="status")
                yield Static("", id="status-problem", classes="problem")
                for key, label, placeholder in FIELDS:
                    yield Label(label)
                    yield Input(values[key], placeholder=placeholder, id=key)
                    yield Static("", id=f"{key}-problem", classes="problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(KeyBar).show([("Tab", "Next field"), ("Ctrl+S", "Keep the changes"), ("Escape", "Cancel")])
        self.query_one("#title", Input).focus()

    def _value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value.strip()

    def problems(self) -> dict[str, str]:
        """Field id -> what is wrong with it, by the same rules the response file is read with."""
        found: dict[str, str | None] = {
            "title": text_problem(self._value("title")),
            "department": text_problem(self._value("department")),
            "link": link_problem(self._value("link")),
            "contact_phone": text_problem(self._value("contact_phone"), required=False),
            "sign_off_by": text_problem(self._value("sign_off_by"), required=False),
        }
        contact = [self._value(k) for k in ("contact_name", "contact_position", "contact_email")]
        if any(contact) or self._value("contact_phone"):
            found["contact_name"] = text_problem(contact[0])
            found["contact_position"] = text_problem(contact[1])
            found["contact_email"] = email_problem(contact[2])
        for key in DATES:
            if self._value(key):
                try:
                    parse_day(self._value(key))
                except ValueError:
                    found[key] = f"'{self._value(key)}' is not a date: write it as 11 May 2023 or 2023-05-11"
        status = str(self.query_one("#status", Select).value)
        if status in ("signed-off", "submitted"):
            for key in ("sign_off_by", "sign_off_on"):
                if not self._value(key):
                    found[key] = f"a response that is {status} needs this"
            if not self._value("date"):
                found["date"] = f"a response that is {status} needs the date it carries"
        return {key: why for key, why in found.items() if why}

    @on(Input.Changed)
    def field_changed(self, event: Input.Changed) -> None:
        if event.input.has_class("invalid"):
            self.show_problems(self.problems(), only=event.input.id)

    def show_problems(self, problems: dict[str, str], only: str | None = None) -> None:
        for key, *_ in FIELDS:
            if only is None or key == only:
                self.query_one(f"#{key}-problem", Static).update(problems.get(key, ""))
                self.query_one(f"#{key}", Input).set_class(key in problems, "invalid")

    def action_keep(self) -> None:
        problems = self.problems()
        self.show_problems(problems)
        if problems:
            first = next(key for key, *_ in FIELDS if key in problems)
            self.query_one(f"#{first}", Input).focus()
            self.notify(f"{len(problems)} field{'s' if len(problems) > 1 else ''} to correct.", severity="error")
            return
        day = {key: parse_day(self._value(key)) if self._value(key) else None for key in DATES}
        contact = Contact(
            self._value("contact_name"),
            self._value("contact_position"),
            self._value("contact_email"),
            self._value("contact_phone"),
        )
        signed = SignOff(self._value("sign_off_by"), day["sign_off_on"]) if day["sign_off_on"] else None
        self.dismiss(
            replace(
                self.response,
                consultation=Consultation(
                    self._value("title"), self._value("department"), day["closes"], self._value("link")
                ),
                status=str(self.query_one("#status", Select).value),
                date=day["date"],
                contact=contact if contact.name else None,
                sign_off=signed if signed and signed.by else None,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
