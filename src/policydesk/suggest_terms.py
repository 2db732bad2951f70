"""Words as the suggester compares them: stemmed, without stop words or consultation boilerplate, weighted by rarity."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from policydesk.model.library import Library

WORD = re.compile(r"[a-z0-9£]+(?:['’][a-z]+)?")
STOP_WORDS = """
    a about above after again against all also am an and any are as at be because been before being below between
    both but by can could did do does doing down during each few for from further had has have having he her here
    hers him his how i if in into is it its itself just may me might more most must my no nor not now of off on once
    only or other our ours out over own same she should so some such than that the their them then there these they
    this those through to too under until up upon very was we were what when where which while who whom why will with
    would you your yours us one two three
    agree agreed disagree agreement disagreement propose proposal proposals proposed question questions answer
    answers explain explanation please reason reasons view views think comment comments consultation consult
    respond response extent strongly yes know unsure sure set out
    pillar chapter part section theme paragraph page
"""
STOP = frozenset(STOP_WORDS.split())
"""Common English words, and the words every consultation question uses whatever it is about."""
IRREGULAR = {"children": "child", "people": "person", "women": "woman", "men": "man"}
FIELDS = {"title": 1.0, "topics": 0.7, "text": 0.5}
"""How much a shared word counts by where the position holds it: its title says most about what it is."""


def stem(word: str) -> str:
    """A light stem, so 'funding' meets 'funded' and 'councils' meets 'council'; not a full stemmer."""
    word = word.replace("’", "'").removesuffix("'s").removesuffix("'")
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix, keep in (("ing", 5), ("ed", 5)):
        if word.endswith(suffix) and len(word) - len(suffix) >= keep - 1:
            word = word[: -len(suffix)]
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


def stems(text: str) -> list[str]:
    """The content words of `text`, stemmed, in order (repeats kept)."""
    return [stem(w) for w in WORD.findall(text.casefold()) if w not in STOP and stem(w) not in STOP and len(w) > 1]


def surface_forms(text: str) -> dict[str, str]:
    """Each stem of `text` mapped to the first word it came from, to show a reader the words that matched."""
    forms: dict[str, str] = {}
    for word in WORD.findall(text.casefold()):
        if word not in STOP and len(word) > 1:
            forms.setdefault(stem(word), word.replace("’", "'"))
    return forms


class TermIndex:
    """For each position, the stems of its title, topics and line, with how rare each stem is in the library."""

    def __init__(self, library: Library):
        self.fields: dict[str, dict[str, float]] = {}
        self.postings: dict[str, set[str]] = defaultdict(set)
        frequency: Counter[str] = Counter()
        for position in library:
            weights: dict[str, float] = {}
            for name, text in (
                ("title", position.title),
                ("topics", " ".join(position.topics).replace("-", " ")),
                ("text", position.line.text),
            ):
                for word in set(stems(text)):
                    weights[word] = max(weights.get(word, 0.0), FIELDS[name])
            self.fields[position.id] = weights
            frequency.update(weights)
            for word in weights:
                self.postings[word].add(position.id)
        self._count = max(len(library), 1)
        self._frequency = frequency

    def idf(self, word: str) -> float:
        """How telling a shared word is: rare words count for more; 0 for a word no position uses."""
        found = self._frequency.get(word, 0)
        return math.log(1 + self._count / found) if found else 0.0

    def weight(self, words: Iterable[str]) -> float:
        return sum(self.idf(w) for w in set(words))

    def overlap(self, query: dict[str, float], position_id: str) -> tuple[float, list[str]]:
        """The share (0..1) of the query's weighted words that the position holds, and the stems shared."""
        held = self.fields.get(position_id, {})
        total = sum(weight * self.idf(word) for word, weight in query.items())
        if not total:
            return 0.0, []
        shared = [word for word in query if word in held and self.idf(word)]
        score = sum(query[word] * self.idf(word) * held[word] for word in shared)
        shared.sort(key=lambda word: -query[word] * self.idf(word) * held[word])
        return score / total, shared
