"""Length limits a consultation sets on answers: '(max 250 words)', 'in no more than 500 characters'."""

from __future__ import annotations

import re

from policydesk.model.scales import Limit

UNIT = r"(?P<unit>words?|characters?|chars?)"
COUNT = r"(?P<count>\d{1,3}(?:,\d{3})+|\d+)"
PATTERNS = [
    re.compile(
        r"\b(?:max(?:imum)?\.?(?:\s+of)?|up\s+to|no\s+more\s+than|not\s+more\s+than|no\s+longer\s+than|"
        r"not\s+exceeding|limit(?:ed)?\s+(?:of|to)|within|fewer\s+than|less\s+than)\s+" + COUNT + r"\s*" + UNIT + r"\b",
        re.I,
    ),
    re.compile(COUNT + r"[\s-]*" + UNIT + r"[\s-]*(?:limit|max(?:imum)?|or\s+(?:less|fewer)|at\s+most)\b", re.I),
    re.compile(r"\b(?P<unit>word|character)s?\s+(?:limit|count|maximum)\s*(?:of|:|-|is)?\s*" + COUNT, re.I),
    re.compile(r"\(\s*" + COUNT + r"\s*" + UNIT + r"\s*\)", re.I),
]
BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*?\d[^()\[\]]*?(?:words?|characters?|chars?)\b[^()\[\]]*[)\]]", re.I)


def find_limit(text: str) -> Limit | None:
    """The first length limit the text states, or None."""
    for pattern in PATTERNS:
        match = pattern.search(text)
        if match:
            count = int(match.group("count").replace(",", ""))
            unit = "words" if match.group("unit").lower().startswith("word") else "characters"
            if count > 0:
                return Limit(count, unit)  # type: ignore[arg-type]
    return None


def strip_limit(text: str) -> str:
    """The text without a limit given in brackets: 'Why? (max 250 words)' becomes 'Why?'."""
    return BRACKETED.sub(lambda m: "" if find_limit(m.group()) else m.group(), text).strip()


def only_a_limit(text: str) -> bool:
    """A line that says nothing but the limit: 'Maximum 300 words', '(250 word limit)'."""
    return find_limit(text) is not None and len(text.split()) <= 6 and not text.rstrip().endswith("?")
