"""Typo-tolerant ranking of positions for a query, with the spans that matched."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from policydesk.model.library import Library
from policydesk.model.position import Position

WORD = re.compile(r"[a-z0-9£]+(?:'[a-z]+)?")
FIELD_WEIGHTS = {"title": 3.0, "tags": 2.0, "text": 1.0}
MIN_SIMILARITY = 75


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


@dataclass(frozen=True)
class Hit:
    """A ranked result: the position, its score and where the query matched."""

    position: Position
    score: float
    title_spans: tuple[tuple[int, int], ...]
    text_spans: tuple[tuple[int, int], ...]
    matched: frozenset[str]


class SearchIndex:
    """An inverted index over titles, tags and current text, built once per library."""

    def __init__(self, library: Library):
        self.library = library
        self._postings: dict[str, dict[str, float]] = defaultdict(dict)
        for position in library:
            framework = library.taxonomy.frameworks.get(position.framework or "")
            tags = " ".join(
                [
                    *position.topics,
                    position.pillar,
                    library.taxonomy.pillar_title(position.pillar),
                    framework.title if framework else "",
                ]
            )
            for name, text in (
                ("title", position.title),
                ("tags", tags.replace("-", " ")),
                ("text", position.line.text),
            ):
                weight = FIELD_WEIGHTS[name]
                for word in set(words(text)):
                    postings = self._postings[word]
                    postings[position.id] = max(postings.get(position.id, 0.0), weight)
        self._vocabulary = sorted(self._postings)

    def expand(self, term: str) -> dict[str, float]:
        """Vocabulary words close to `term` (typos, plurals, prefixes) with a 0..1 similarity.

        Exact words score 1; a typo scores the square of its similarity, so exact matches rank first,
        and words under four letters match only exactly or as a prefix, so "send" does not find "end".
        """
        found = {
            w: (score / 100) ** 2
            for w, score, _ in process.extract(
                term, self._vocabulary, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY, limit=40
            )
            if len(w) >= 4 or w == term
        }
        if len(term) >= 3:
            start = bisect_left(self._vocabulary, term)
            for word in self._vocabulary[start : start + 200]:
                if not word.startswith(term):
                    break
                found[word] = max(found.get(word, 0.0), 0.9)
        return found

    def search(self, query: str, within: Library | None = None, limit: int | None = None) -> list[Hit]:
        """Positions matching `query`, best first; `within` restricts to a filtered library."""
        terms = list(dict.fromkeys(words(query)))
        if not terms:
            return []
        scores: dict[str, float] = defaultdict(float)
        matched: dict[str, set[str]] = defaultdict(set)
        for term in terms:
            best: dict[str, float] = {}
            for word, similarity in self.expand(term).items():
                for pid, weight in self._postings[word].items():
                    value = similarity * weight
                    if value > best.get(pid, 0.0):
                        best[pid] = value
                    matched[pid].add(word)
            for pid, value in best.items():
                scores[pid] += value + 1.0
        for pid in scores:
            scores[pid] += 0.05 * (len(self.library.get(pid).versions) - 1)
        allowed = within if within is not None else self.library
        ranked = sorted((pid for pid in scores if pid in allowed), key=lambda pid: (-scores[pid], pid))
        if limit is not None:
            ranked = ranked[:limit]
        return [self._hit(pid, scores[pid] / (len(terms) * 4.0), matched[pid]) for pid in ranked]

    def _hit(self, pid: str, score: float, matched: set[str]) -> Hit:
        position = self.library.get(pid)
        assert position is not None
        return Hit(
            position,
            round(score, 3),
            spans(position.title, matched),
            spans(position.line.text, matched),
            frozenset(matched),
        )


def spans(text: str, matched: set[str]) -> tuple[tuple[int, int], ...]:
    """Character ranges in `text` of the words that matched."""
    return tuple(m.span() for m in WORD.finditer(text.casefold()) if m.group() in matched)


def search(library: Library, query: str, limit: int | None = None) -> list[Hit]:
    """One-off search; build a SearchIndex once when searching the same library repeatedly."""
    return SearchIndex(library).search(query, limit=limit)
