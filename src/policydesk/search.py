"""Typo-tolerant ranking of positions for a query, with the spans that matched."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from policydesk.model.library import Library
from policydesk.model.position import Position

WORD = re.compile(r"[a-z0-9£]+(?:'[a-z]+)?")
FIELD_WEIGHTS = {"title": 3.0, "tags": 2.0, "text": 1.0}
PREFIX_LIMIT = 200
TYPO_LIMIT = 40


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


@dataclass(frozen=True)
class Hit:
    """A ranked result: the position, its score, where the query matched, and whether every word did."""

    position: Position
    score: float
    title_spans: tuple[tuple[int, int], ...]
    text_spans: tuple[tuple[int, int], ...]
    matched: frozenset[str]
    complete: bool = True


def synonym_table(synonyms: dict[str, str]) -> list[tuple[str, tuple[str, ...]]]:
    """(abbreviation, words it stands for), lower case: ('dsg', ('dedicated', 'schools', 'grant'))."""
    return [(key.casefold(), tuple(words(meaning))) for key, meaning in synonyms.items() if words(meaning)]


def with_synonyms(found: set[str], text_words: list[str], table: list[tuple[str, tuple[str, ...]]]) -> set[str]:
    """A field's words plus, for each synonym, the other name: text saying 'Dedicated Schools Grant' also
    answers 'DSG', and text saying 'DSG' (or 'DSGs') answers 'dedicated schools grant'."""
    joined = f" {' '.join(text_words)} "
    for key, meaning in table:
        if key in found or f"{key}s" in found:
            found.update(meaning)
        if f" {' '.join(meaning)} " in joined or f" {' '.join(meaning)}s " in joined:
            found.update((key, f"{key}s"))
    return found


class SearchIndex:
    """An inverted index over titles, tags and current text, built once per library."""

    def __init__(self, library: Library):
        self.library = library
        table = synonym_table(library.taxonomy.synonyms)
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
                text_words = words(text)
                for word in with_synonyms(set(text_words), text_words, table):
                    postings = self._postings[word]
                    postings[position.id] = max(postings.get(position.id, 0.0), weight)
        self._vocabulary = sorted(self._postings)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word in self._vocabulary:
            self._by_length[len(word)].append(word)

    def expand(self, term: str) -> dict[str, float]:
        """Vocabulary words close to `term` (exact, the start of a longer word, a typo) with a 0..1 similarity.

        Exact words score 1 and word starts 0.9. Typos are tolerated only in words of five letters or more
        (one edit, two from nine letters), so "send" does not find "end"; a typo scores the square of its
        similarity, so exact matches rank first.
        """
        found: dict[str, float] = {}
        if term in self._postings:
            found[term] = 1.0
        if len(term) >= 3:
            start = bisect_left(self._vocabulary, term)
            for word in self._vocabulary[start : start + PREFIX_LIMIT]:
                if not word.startswith(term):
                    break
                found.setdefault(word, 0.9)
        if len(term) >= 5:
            edits = 1 if len(term) < 9 else 2
            nearby = [w for n in range(len(term) - edits, len(term) + edits + 1) for w in self._by_length.get(n, ())]
            for word, distance, _ in process.extract(
                term, nearby, scorer=Levenshtein.distance, score_cutoff=edits, limit=TYPO_LIMIT
            ):
                if word not in found:
                    found[word] = (1 - distance / max(len(term), len(word))) ** 2
        return found

    def search(self, query: str, within: Library | None = None, limit: int | None = None) -> list[Hit]:
        """Positions matching `query`, best first; `within` restricts to a filtered library."""
        terms = list(dict.fromkeys(words(query)))
        if not terms:
            return []
        scores: dict[str, float] = defaultdict(float)
        matched: dict[str, set[str]] = defaultdict(set)
        terms_matched: dict[str, int] = defaultdict(int)
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
                terms_matched[pid] += 1
        for pid in scores:
            scores[pid] += 0.05 * (len(self.library.get(pid).versions) - 1)
        allowed = within if within is not None else self.library
        ranked = sorted(
            (pid for pid in scores if pid in allowed), key=lambda pid: (-terms_matched[pid], -scores[pid], pid)
        )
        if limit is not None:
            ranked = ranked[:limit]
        return [
            self._hit(pid, scores[pid] / (len(terms) * 4.0), matched[pid], terms_matched[pid] == len(terms))
            for pid in ranked
        ]

    def _hit(self, pid: str, score: float, matched: set[str], complete: bool) -> Hit:
        position = self.library.get(pid)
        assert position is not None
        return Hit(
            position,
            round(score, 3),
            spans(position.title, matched),
            spans(position.line.text, matched),
            frozenset(matched),
            complete,
        )


def spans(text: str, matched: set[str]) -> tuple[tuple[int, int], ...]:
    """Character ranges in `text` of the words that matched."""
    return tuple(m.span() for m in WORD.finditer(text.casefold()) if m.group() in matched)


def search(library: Library, query: str, limit: int | None = None) -> list[Hit]:
    """One-off search; build a SearchIndex once when searching the same library repeatedly."""
    return SearchIndex(library).search(query, limit=limit)
