"""What a consultation document says about itself: title, department, closing date and web address."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from policydesk.consultation.blocks import Document

DEPARTMENTS = (
    "Department for Education", "Department of Health and Social Care", "Department for Work and Pensions",
    "Ministry of Housing, Communities and Local Government", "Department for Levelling Up, Housing and Communities",
    "Department for Transport", "Department for Environment, Food & Rural Affairs",
    "Department for Environment, Food and Rural Affairs", "Department for Culture, Media and Sport",
    "Department for Digital, Culture, Media & Sport", "Department for Science, Innovation and Technology",
    "Department for Energy Security and Net Zero", "Department for Business and Trade",
    "Department for Business, Energy & Industrial Strategy", "Ministry of Justice", "Ministry of Defence",
    "Foreign, Commonwealth & Development Office", "HM Treasury", "HM Revenue & Customs", "Home Office",
    "Cabinet Office", "Department for International Development", "Government Equalities Office",
    "Office for Students", "Ofsted", "Department of Health",
)  # fmt: skip
FROM = re.compile(r"^(?:from|published by|issued by)\s*:?\s+(?P<who>.+)$", re.I)
GENERIC = re.compile(
    r"\b(?:Department (?:for|of)|Ministry (?:of|for)) [A-Z][\w'’]*(?:(?:,\s*|\s+)(?:and\s+|&\s+)?[A-Z][\w'’]*)*"
)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")  # fmt: skip
MONTH = "(?:" + "|".join(m.capitalize() for m in MONTHS) + "|" + "|".join(MONTHS) + ")"
DATE = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{MONTH}),?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<y3>\d{4})-(?P<m3>\d{2})-(?P<d3>\d{2}))"
)
CLOSING = re.compile(
    r"(?:\bclos(?:es|ing)(?:\s+date)?|\brespond\s+by|\bresponses?\s+(?:\w+\s+){0,4}?by|\bdeadline(?:\s+for\s+\w+)?"
    r"|\bends?\s+on|\bran\s+from\s+.{0,40}?\bto)\b[^\n]{0,60}?" + DATE,
    re.I,
)
URL = re.compile(r"https?://[^\s<>\"')\]]+")


@dataclass(frozen=True)
class Details:
    """What was found; empty strings and None where the document does not say."""

    title: str = ""
    department: str = ""
    closes: date | None = None
    link: str = ""


def _title(document: Document) -> str:
    for wanted in (lambda b: b.heading == 1, lambda b: b.heading > 0, lambda b: True):
        block = next((b for b in document.blocks if wanted(b)), None)
        if block is not None:
            return block.full_text.strip()
    return ""


def _known(text: str) -> str:
    """The first department of the list named in the text; of two at one place, the longer name."""
    lowered = text.lower()
    hits = sorted((lowered.find(d.lower()), -len(d), d) for d in DEPARTMENTS if d.lower() in lowered)
    return hits[0][2] if hits else ""


def _department(document: Document) -> str:
    if document.publisher:
        return document.publisher
    early = [b.full_text for b in document.blocks[:80]]
    for text in early:
        said = FROM.match(text)
        if said:
            known = _known(said.group("who"))
            generic = GENERIC.search(said.group("who"))
            if known or generic:
                return known or generic.group()
    for text in early:
        known = _known(text)
        if known:
            return known
    for text in early:
        generic = GENERIC.search(text)
        if generic:
            return generic.group()
    return ""


def _closes(document: Document) -> date | None:
    for block in document.blocks:
        match = CLOSING.search(block.full_text)
        if not match:
            continue
        g = match.groupdict()
        day, month, year = ([g[f"{part}{n}"] for n in "123" if g[f"{part}{n}"]][0] for part in "dmy")
        number = int(month) if month.isdigit() else MONTHS.index(month.lower()) + 1
        try:
            return date(int(year), number, int(day))
        except ValueError:
            continue
    return None


def _link(document: Document) -> str:
    if document.link:
        return document.link
    found = [u.rstrip(".,;:") for b in document.blocks for u in (*b.links, *URL.findall(b.full_text))]
    for wanted in ("gov.uk/government/consultations/", "consult"):
        for url in found:
            if wanted in url.lower():
                return url
    return ""


def find_details(document: Document) -> Details:
    return Details(_title(document), _department(document), _closes(document), _link(document))
