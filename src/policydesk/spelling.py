"""British spelling: American spellings always, and words a British English dictionary lacks when one is installed.

The dictionary is Debian's hunspell en_GB, read through pyenchant; without it only the American list is checked.
Acronyms and words with capitals inside (DSG, EHCPs, DfE) are never checked, and a knowledge base adds its own
words (taxonomy.yaml `words:`, and every abbreviation under `synonyms:`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

AMERICAN = {
    "organize": "organise",
    "organized": "organised",
    "organizes": "organises",
    "organizing": "organising",
    "organization": "organisation",
    "organizations": "organisations",
    "organizational": "organisational",
    "prioritize": "prioritise",
    "prioritized": "prioritised",
    "prioritization": "prioritisation",
    "recognize": "recognise",
    "recognized": "recognised",
    "realize": "realise",
    "specialize": "specialise",
    "specialized": "specialised",
    "standardize": "standardise",
    "standardized": "standardised",
    "emphasize": "emphasise",
    "minimize": "minimise",
    "maximize": "maximise",
    "utilize": "utilise",
    "mobilize": "mobilise",
    "center": "centre",
    "centers": "centres",
    "behavior": "behaviour",
    "behaviors": "behaviours",
    "favor": "favour",
    "favorable": "favourable",
    "program": "programme",
    "programs": "programmes",
    "labor": "labour",
    "color": "colour",
    "neighborhood": "neighbourhood",
    "judgment": "judgement",
    "analyze": "analyse",
    "analyzed": "analysed",
    "catalog": "catalogue",
    "defense": "defence",
    "offense": "offence",
    "enroll": "enrol",
    "enrollment": "enrolment",
    "fulfill": "fulfil",
    "fulfillment": "fulfilment",
    "traveling": "travelling",
    "modeling": "modelling",
    "canceled": "cancelled",
    "counseling": "counselling",
    "pediatric": "paediatric",
    "esthetic": "aesthetic",
    "fetal": "foetal",
    "maneuver": "manoeuvre",
}
WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:['’][^\W\d_]+)*(?!\w)")  # letters of any alphabet; not '1bn' or '16th'
NOT_PROSE = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\S+|\]\([^)\s]*\)")
ROMAN = re.compile(r"(?i)[ivxlc]+")
POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class Misspelling:
    """A word at `offset` in a text that is not British English, with what to write instead."""

    offset: int
    word: str
    message: str
    hint: str
    instead: tuple[str, ...] = ()


@cache
def dictionary() -> Any | None:
    """The installed en_GB dictionary, or None when pyenchant, the enchant library or the dictionary is missing."""
    try:
        import enchant  # noqa: PLC0415 (loads a C library: only when spelling is first checked)
    except Exception:  # ImportError without the C library; pyenchant asserts on a broken PYENCHANT_LIBRARY_PATH
        return None
    try:
        return enchant.Dict("en_GB")
    except enchant.errors.Error:  # the library is there, the en_GB dictionary is not
        return None


def dictionary_installed() -> bool:
    return dictionary() is not None


INSTALL_HINT = (
    "British spelling is checked against the American list only: install a British English dictionary "
    "(sudo apt-get install libenchant-2-2 hunspell-en-gb) to check every word"
)


class Speller:
    """Finds the American spellings and unknown words in a text; `house_words` are accepted as spelt, and
    `whole_words=False` checks the American list only."""

    def __init__(self, house_words: Iterable[str] = (), whole_words: bool = True):
        self.house = {w.lower() for w in house_words}
        self.whole_words = whole_words
        self.known: dict[str, bool] = {}

    def _spelt_right(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = self._look_up(word)
        return found

    def _look_up(self, word: str) -> bool:
        bare = POSSESSIVE.sub("", word)  # 'children's' is right when 'children' is
        if bare.lower() in self.house or ROMAN.fullmatch(bare):
            return True
        words = dictionary() if self.whole_words else None
        return words is None or words.check(bare) or words.check(bare.lower())

    def misspellings(self, text: str) -> Iterator[Misspelling]:
        """Each word of `text` that is American or unknown, in order; web addresses and link targets are skipped."""
        prose = NOT_PROSE.sub(lambda m: " " * len(m.group()), text)
        for m in WORD.finditer(prose):
            word = m.group()
            if len(word) < 2 or any(c.isupper() for c in word[1:]):
                continue  # an acronym, or a name with capitals inside
            bare = POSSESSIVE.sub("", word)
            british = AMERICAN.get(bare.lower())
            if british:
                message = f"'{bare}' is an American spelling"
                yield Misspelling(m.start(), bare, message, f"write '{british}'", (british,))
            elif not self._spelt_right(word):
                close = suggestions(word)
                offer = f"did you mean {' or '.join(repr(s) for s in close)}; " if close else ""
                message = f"'{word}' is not in the British English dictionary"
                yield Misspelling(m.start(), word, message, offer + UNKNOWN_HINT, close)


UNKNOWN_HINT = "if it is right (a name, say), the keeper can add it under 'words:' in taxonomy.yaml"


@cache
def suggestions(word: str) -> tuple[str, ...]:
    """The dictionary's two closest single words to a misspelt one (tens of milliseconds each: only `check`
    and the editor's panel ask, never a render)."""
    words = dictionary()
    if words is None:
        return ()
    found = words.suggest(word)
    return tuple(s for s in found if s.replace("'", "").isalpha() and s.lower() != word.lower())[:2]


@cache
def speller_for(house_words: frozenset[str]) -> Speller:
    """One Speller per set of house words, so its look-ups are shared by every check and editor."""
    return Speller(house_words)
