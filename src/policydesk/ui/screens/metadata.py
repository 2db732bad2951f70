"""Edit a response's consultation details, status and contact officer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from policydesk.model.response import STATUSES, Consultation, Contact, Response, SignOff

FIELDS = (
    ("title", "Consultation title"),
    ("department", "Department"),
    ("closes", "Closing date (YYYY-MM-DD)"),
    ("link", "Link"),
    ("contact_name", "Contact name"),
    ("contact_position", "Contact position"),
    ("contact_email", "Contact email"),
    ("contact_phone", "Contact phone"),
    ("sign_off_by", "Signed off by"),
    ("sign_off_on", "Signed off on (YYYY-MM-DD)"),
)


class MetadataScreen(ModalScreen[Response | None]):
    """Tab between fields; ctrl+s keeps the changes, Escape drops them."""

    BINDINGS = [Binding("ctrl+s", "keep", "Keep", priority=True), Binding("escape", "cancel", "Cancel")]

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
            "contact_name": contact.name,
            "contact_position": contact.position,
            "contact_email": contact.email,
            "contact_phone": contact.phone,
            "sign_off_by": r.sign_off.by if r.sign_off else "",
            "sign_off_on": str(r.sign_off.on) if r.sign_off else "",
        }
        with Vertical(classes="dialog wide"):
            yield Label("Response details (ctrl+s to keep, Escape to cancel)", classes="title")
            with Grid(id="fields"):
                yield Label("Status")
                yield Select([(s, s) for s in STATUSES], value=r.status, allow_blank=False, id="status")
                for key, label in FIELDS:
                    yield Label(label)
                    yield Input(values[key], id=key)

    def _value(self, key: str) -> str:
        return self.query_one(f"#{key}", Input).value.strip()

    def _date(self, key: str) -> date | None:
        value = self._value(key)
        if not value:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"'{value}' is not a date; write it as YYYY-MM-DD") from None

    def action_keep(self) -> None:
        try:
            closes, signed_on = self._date("closes"), self._date("sign_off_on")
        except ValueError as exc:
            self.notify(str(exc), severity="error")
            return
        status = str(self.query_one("#status", Select).value)
        if status in ("signed-off", "submitted") and not (self._value("sign_off_by") and signed_on):
            self.notify("A signed-off response needs 'Signed off by' and 'Signed off on'.", severity="error")
            return
        contact = Contact(
            self._value("contact_name"),
            self._value("contact_position"),
            self._value("contact_email"),
            self._value("contact_phone"),
        )
        self.dismiss(
            replace(
                self.response,
                consultation=Consultation(self._value("title"), self._value("department"), closes, self._value("link")),
                status=status,
                contact=contact if contact.name and contact.email else None,
                sign_off=SignOff(self._value("sign_off_by"), signed_on)
                if self._value("sign_off_by") and signed_on
                else None,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
