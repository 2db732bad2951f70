"""What a field may hold: one set of rules for the file readers, the command line and the UI's forms.

Each function returns why a value is not acceptable, or None when it is, so whatever a form accepts a file
reader accepts too.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from policydesk.model.text import first_unsafe

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_HINT = "use only a-z, 0-9 and single hyphens (for example kinship-carer-support); it cannot name a path"
RESERVED_NAMES = re.compile(r"^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$")
"""Names Windows cannot give a file (con.yaml, nul.yaml, ...), so they cannot be ids or response names."""
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
LINK = re.compile(r"^https?://[^\s/.]+(?:\.[^\s/.]+)+(?:[/?#]\S*)?$", re.I)
QUESTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*[a-z]?$")
"""A consultation's own question number: 3, 3a or 3.1."""
PLACEHOLDER = "unfinished"
"""The code of problems a draft may still have (placeholder text, no contact yet): a draft render allows them."""
STALE_PIN = "stale-pin"
"""The code of the warning that a quotation pins a version older than its position's line."""
DATE_ORDER = "date-order"
"""The code of the warning that a response's dates are out of order: dated after it closed, or signed off later."""
PLACEHOLDERS = re.compile(r"\breplace this\b|\bcontact officer\b|contact\.officer@|\bnew paragraph\.$", re.I)
"""Text policydesk writes into a new response to show what goes where: never to be sent."""


def slug_problem(value: str) -> str | None:
    if not SLUG.match(value):
        return "is not a lower-case slug"
    if RESERVED_NAMES.match(value):
        return "is a name Windows reserves for a device"
    if len(value) > 120:
        return "is longer than 120 characters"
    return None


SLUG_LENGTH = 60


def slug_from(text: str) -> str:
    """A file name from a title or what an officer typed: "Children's social care Q1" gives childrens-social-care-q1.

    Accents are dropped, apostrophes removed, long titles cut at a word, and device names avoided.
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", re.sub(r"['\u2019]", "", plain)).strip("-")
    while len(slug) > SLUG_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    slug = slug[:SLUG_LENGTH].strip("-")
    return f"{slug}-response" if slug and RESERVED_NAMES.match(slug) else slug


def text_problem(value: str, required: bool = True) -> str | None:
    if not value.strip():
        return "is empty" if required else None
    bad = first_unsafe(value)
    return f"contains {bad}" if bad else None


def email_problem(value: str) -> str | None:
    if not value.strip():
        return "is empty"
    return None if EMAIL.match(value.strip()) else f"'{value.strip()}' is not an email address"


def link_problem(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not LINK.match(value):
        return f"'{value}' is not a web address"
    return text_problem(value)


def placeholder_problem(value: str) -> str | None:
    return "still holds placeholder text from a new response" if PLACEHOLDERS.search(value.strip()) else None


MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)


def parse_day(text: str) -> date:
    """A day as an officer might type it: 2023-05-11, 11/05/2023 or 11 May 2023; ValueError otherwise."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    parts = re.split(r"[\s/.,-]+", text)
    if len(parts) == 3:
        day, month, year = parts[::-1] if len(parts[0]) == 4 else parts  # 2023-13-01 is year first
        number = (
            int(month)
            if month.isdigit()
            else next((i for i, name in enumerate(MONTHS, 1) if len(month) >= 3 and name.startswith(month.lower())), 0)
        )
        if day.isdigit() and year.isdigit() and len(year) == 4 and number:
            try:
                return date(int(year), number, int(day))
            except ValueError:
                reason = (
                    f"there is no month {number}"
                    if number > 12
                    else f"{MONTHS[number - 1].title()} {year} has no day {int(day)}"
                )
                raise ValueError(f"'{text}' is not a date: {reason}") from None
    raise ValueError(f"'{text}' is not a date: write it as 1 June 2023, 01/06/2023 or 2023-06-01")


def day_problem(text: str) -> str | None:
    """Why `text` is not a day, or None when it is one or is empty (an empty answer is the caller's to judge)."""
    try:
        if text.strip():
            parse_day(text)
    except ValueError as exc:
        return str(exc)
    return None


def day_month_year(day: date) -> str:
    """'1 June 2023': a day as officers write it, without a leading zero."""
    return f"{day.day} {day:%B} {day.year}"


def question_number_problem(number: str, others: list[str]) -> str | None:
    """Why `number` cannot number a question in a response whose other questions are numbered `others`."""
    if not QUESTION_NUMBER.match(number.strip()):
        return f"'{number}' is not a question number: write the consultation's own number, such as 3, 3a or 3.1"
    if number.strip() in others:
        return f"another question is already numbered {number.strip()}"
    return None


LIMIT = re.compile(r"^\s*([\d,]+)\s*(words?|char(?:acter)?s?)?\s*$", re.I)


def parse_limit(text: str) -> tuple[int, str] | None:
    """'250 words' or '500 characters' (a bare number counts words); ValueError when it is neither."""
    if not text.strip():
        return None
    found = LIMIT.match(text)
    if not found or not found.group(1).replace(",", "").isdigit() or int(found.group(1).replace(",", "")) < 1:
        raise ValueError(f"'{text}' is not a limit: write it as 250 words or 500 characters")
    unit = "characters" if (found.group(2) or "w").lower().startswith("c") else "words"
    return int(found.group(1).replace(",", "")), unit
