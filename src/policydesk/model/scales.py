"""How a consultation question is answered: a scale of allowed answers, and an optional length limit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

SCALES: dict[str, tuple[str, ...]] = {
    "agreement": (
        "Strongly agree",
        "Agree",
        "Neither agree nor disagree",
        "Disagree",
        "Strongly disagree",
        "Don't know",
    ),
    "agree-disagree": ("Agree", "Disagree", "Partly", "Neither agree nor disagree", "Don't know"),
    "yes-no": ("Yes", "No", "Don't know"),
    "support-oppose": (
        "Strongly support",
        "Support",
        "Neither support nor oppose",
        "Oppose",
        "Strongly oppose",
        "Don't know",
    ),
}
"""The common consultation scales, by the id a response file names them with."""
LEGACY_ANSWERS = ("Agree", "Disagree", "Neither agree nor disagree", "Don't know", "Yes", "No", "Partly")
"""What a question with no scale may hold: any common one-word answer, so files written before scales still open."""
SCALE_NAMES = {
    "agreement": "Strongly agree to strongly disagree (five points)",
    "agree-disagree": "Agree, disagree or partly",
    "yes-no": "Yes or no",
    "support-oppose": "Strongly support to strongly oppose (five points)",
    "choice": "A choice among the question's own options",
    "free-text": "Free text: no one-word answer",
}


@dataclass(frozen=True)
class Limit:
    """A length limit the consultation sets on an answer."""

    count: int
    unit: Literal["words", "characters"] = "words"

    def __str__(self) -> str:
        return f"{self.count:,} {self.unit}"

    def measure(self, text: str) -> int:
        return count_words(text) if self.unit == "words" else count_characters(text)


WORD = re.compile(r"\S*[^\W_]\S*")
"""A word as a consultation form counts it: a run without spaces holding a letter or digit (not a lone '-')."""


def count_words(text: str) -> int:
    return len(WORD.findall(text))


def count_characters(text: str) -> int:
    """Characters as pasted into a form: spaces count, and a line break counts once however it is written."""
    return len(text.replace("\r\n", "\n"))


def allowed_answers(scale: str | None, options: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The answers a question may hold: its own options, a named scale's, or none for free text."""
    if options:
        return options
    if scale == "free-text":
        return ()
    if scale is None:
        return LEGACY_ANSWERS
    return SCALES[scale]
