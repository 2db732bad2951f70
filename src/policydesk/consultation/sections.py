"""Which parts of a consultation hold no questions to answer: introductions, privacy notices and 'About you'."""

from __future__ import annotations

import re

from policydesk.consultation.wording import fold

NUMBERING = re.compile(
    r"^(?:(?:chapter|part|section|annex|appendix)\s+[\w.]+\s*[:.\-–—]?\s*|\d+(?:\.\d+)*\.?\s+|[a-z][.)]\s+)", re.I
)
INTRODUCTION = (
    "introduction", "foreword", "ministerial foreword", "executive summary", "about this consultation",
    "how to respond", "how to take part", "responding to this consultation", "who this is for",
    "who this consultation is for", "who is this consultation for", "contents", "table of contents",
    "consultation principles", "next steps", "after the consultation", "glossary", "complaints", "enquiries",
    "deadline", "issue date", "additional copies",
)  # fmt: skip
PRIVACY = ("privacy", "data protection", "personal data", "personal information", "confidentiality",
           "freedom of information", "how we will use your")  # fmt: skip
ABOUT_YOU = ("about you", "your details", "about your organisation", "about your organization", "respondent",
             "personal details", "equalities monitoring", "equality monitoring", "demographic")  # fmt: skip
SUMMARY = re.compile(r"\b(?:summary|list) of (?:the )?(?:consultation )?questions\b|^consultation questions$")
DEMOGRAPHIC = re.compile(
    r"\bwhat is your (?:full )?name\b|\byour (?:full )?name\?|\be-?mail address\b|\bpostcode\b|"
    r"\brespond\w* (?:as an individual|on behalf of|in a personal|in an official)|"
    r"\bname of (?:your|the) organisation\b|"
    r"\bwhat is (?:your|the) organisation|\bwhich (?:of the following )?(?:best )?describes? (?:you|your)\b|"
    r"\bwhat type of organisation\b|\bwhat is your (?:job title|role in (?:your|the) organisation)\b|"
    r"\b(?:kept|treated as|remain) confidential\b|\b(?:may|can) we contact you\b|\bcontact you about\b|"
    r"\bwhat is your (?:age|gender|sex|ethnicity|ethnic group)\b|"
    r"\bwhich (?:region|area|local authority) (?:do you|are you)",
    re.I,
)


def _opens_with(heading: str, phrases: tuple[str, ...], short: bool = False) -> bool:
    bare = NUMBERING.sub("", fold(heading)).strip(" :.")
    if short and len(bare.split()) > 6:
        return False
    return any(bare == p or bare.startswith(p + " ") or bare.startswith(p + ":") for p in phrases)


def heading_kind(heading: str) -> str | None:
    """'about-you', 'privacy', 'introduction' or 'summary' for a heading of that kind; None for a chapter."""
    if _opens_with(heading, ABOUT_YOU, short=True):
        return "about-you"
    if _opens_with(heading, PRIVACY, short=True):
        return "privacy"
    if _opens_with(heading, INTRODUCTION, short=True):
        return "introduction"
    if SUMMARY.search(NUMBERING.sub("", fold(heading)).strip()):
        return "summary"
    return None


def asks_about_the_respondent(question: str) -> bool:
    """A demographic question (name, email, organisation type, confidentiality) wherever it appears."""
    return bool(DEMOGRAPHIC.search(question))
