"""House writing conventions (house-style.md §6 and §8 checks 27 to 35) as located warnings."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from policydesk.spelling import Speller

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
PERCENT_SIGN = re.compile(r"\d+(?:\.\d+)?\s?%")
RULES: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(r"\bpercent\b", re.I), "'{0}' is one word", "write 'per cent'"),
    (PERCENT_SIGN, "'{0}' uses the % sign in prose", "write the number followed by 'per cent'"),
    (
        re.compile(r"£\d[\d,.]*\s?(?:m|bn|k)\b"),
        "'{0}' abbreviates a sum of money",
        "write it out, for example '£40 million' or '£1.7 billion'",
    ),
    (
        re.compile(r"£0\.\d+ (?:million|billion)"),
        "'{0}' is a fraction of a million or billion",
        "write the full figure, for example '£500,000'",
    ),
    (
        re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)\s+(?:{MONTHS})\b"),
        "'{0}' is an ordinal date",
        "write the day without 'st', 'nd', 'rd' or 'th', for example '2 March'",
    ),
    (
        re.compile(rf"\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)\b"),
        "'{0}' is an ordinal date",
        "write it as day month year, for example '2 March 2023'",
    ),
    (
        re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"),
        "'{0}' is a numeric date",
        "write the month in words, for example '2 March 2023'",
    ),
    (re.compile(r"\bAdvisors?\b"), "'{0}' is not the LGA spelling", "write 'Adviser'"),
    (
        re.compile(r"\b\d{4}-\d{2}\b(?!-)"),
        "'{0}' looks like a financial year with a hyphen",
        "write financial years with a slash, for example 2023/24",
    ),
    (re.compile(r"\b(?:[A-Z]\.){2,}"), "'{0}' is an abbreviation with full stops", "drop the full stops"),
    (
        re.compile(r"\[(?:here|click here|this link)\]\(", re.I),
        "link text '{0}' does not say where it goes",
        "use descriptive link text, such as the publication's title",
    ),
    (
        re.compile(r"\[https?://[^\]]*\]\(|<https?://[^>]*>"),
        "'{0}' shows a bare web address as link text",
        "use descriptive link text, such as the publication's title",
    ),
]

AMERICAN_ONLY = Speller(whole_words=False)


@dataclass(frozen=True)
class Finding:
    """One breach of the house conventions in one piece of text: `found` at `offset`."""

    message: str
    hint: str
    offset: int = 0
    found: str = ""


def lint_text(text: str, table_lines: Collection[int] = (), speller: Speller | None = None) -> Iterator[Finding]:
    """Every convention `text` breaks, in the order they appear; the % sign is allowed on `table_lines` (0-based).
    Spelling is checked by `speller` (American spellings only when none is given)."""
    found: list[Finding] = []
    for pattern, message, hint in RULES:
        for m in pattern.finditer(text):
            if pattern is PERCENT_SIGN and text.count("\n", 0, m.start()) in table_lines:
                continue
            found.append(Finding(message.format(m.group()), hint, m.start(), m.group()))
    for slip in (speller or AMERICAN_ONLY).misspellings(text):
        found.append(Finding(slip.message, slip.hint, slip.offset, slip.word))
    yield from sorted(found, key=lambda finding: finding.offset)
