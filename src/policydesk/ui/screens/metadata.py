"""Edit a response's consultation details, dates, status and contact officer, checked as they are typed."""

from __future__ import annotations

from dataclasses import replace

from policydesk.model.response import STATUSES, Consultation, Contact, Response, SignOff
from policydesk.model.rules import day_month_year, email_problem, link_problem, text_problem
from policydesk.ui.screens.details_form import DetailsForm

CONTACT_FIELDS = (
    ("contact_name", "Contact name", "The officer lead members and government can contact"),
    ("contact_position", "Contact position", "For example Senior Adviser"),
    ("contact_email", "Contact email", "name@local.gov.uk"),
    ("contact_phone", "Contact phone", "For example 020 7664 3000"),
)
FIELDS = (
    ("title", "Consultation title", "The title of the government's consultation"),
    ("department", "Department", "For example Department for Education"),
    ("closes", "Closing date", "For example 11 May 2023; leave empty if none"),
    ("link", "Link", "The consultation's web address, starting https://"),
    ("date", "Date on the document", "The date the response carries; empty means the day it is written"),
    *CONTACT_FIELDS,
    ("sign_off_by", "Signed off by", "Who approved the response, once it is signed off"),
    ("sign_off_on", "Signed off on", "The day it was approved"),
)
DATES = ("closes", "date", "sign_off_on")


def contact_values(contact: Contact | None) -> dict[str, str]:
    contact = contact or Contact("", "", "")
    return {
        "contact_name": contact.name,
        "contact_position": contact.position,
        "contact_email": contact.email,
        "contact_phone": contact.phone,
    }


def contact_problems(form: DetailsForm, phone_required: bool = False) -> dict[str, str | None]:
    """A contact is optional, but once any of it is given, name, position and email are needed."""
    found = {"contact_phone": text_problem(form.value("contact_phone"), required=phone_required)}
    given = [form.value(k) for k in ("contact_name", "contact_position", "contact_email")]
    if any(given) or form.value("contact_phone") or phone_required:
        found["contact_name"] = text_problem(given[0])
        found["contact_position"] = text_problem(given[1])
        found["contact_email"] = email_problem(given[2])
    return found


def contact_from(form: DetailsForm) -> Contact | None:
    contact = Contact(*(form.value(k) for k, *_ in CONTACT_FIELDS))
    return contact if contact.name else None


class MetadataScreen(DetailsForm):
    """The response's details; problems show beside their field, by the rules the file is read with."""

    HEADING = "Response details"
    FIELDS = FIELDS
    DATES = DATES
    CHOICES = (("status", "Status", STATUSES),)

    def __init__(self, response: Response):
        super().__init__()
        self.response = response

    def values(self) -> dict[str, str]:
        r, c = self.response, self.response.consultation
        return {
            "status": r.status,
            "title": c.title,
            "department": c.department,
            "closes": day_month_year(c.closes) if c.closes else "",
            "link": c.link,
            "date": day_month_year(r.date) if r.date else "",
            **contact_values(r.contact),
            "sign_off_by": r.sign_off.by if r.sign_off else "",
            "sign_off_on": day_month_year(r.sign_off.on) if r.sign_off else "",
        }

    def problems(self) -> dict[str, str]:
        found: dict[str, str | None] = {
            "title": text_problem(self.value("title")),
            "department": text_problem(self.value("department")),
            "link": link_problem(self.value("link")),
            "sign_off_by": text_problem(self.value("sign_off_by"), required=False),
            **contact_problems(self),
        }
        for key in DATES:
            found[key] = found.get(key) or self.date_problem(key)
        status = self.choice("status")
        if status in ("signed-off", "submitted"):
            for key in ("sign_off_by", "sign_off_on"):
                if not self.value(key):
                    found[key] = f"a response that is {status} needs this"
            if not self.value("date"):
                found["date"] = f"a response that is {status} needs the date it carries"
        return {key: why for key, why in found.items() if why}

    def result(self) -> Response:
        signed = SignOff(self.value("sign_off_by"), self.day("sign_off_on")) if self.day("sign_off_on") else None
        return replace(
            self.response,
            consultation=Consultation(
                self.value("title"), self.value("department"), self.day("closes"), self.value("link")
            ),
            status=self.choice("status"),
            date=self.day("date"),
            contact=contact_from(self),
            sign_off=signed if signed and signed.by else None,
        )
