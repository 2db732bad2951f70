"""Typo-tolerant ranking of positions for a query, with the spans that matched, fast enough for every keystroke.

Each query word is looked up once and remembered (typing "mental health f" looks up only "f" anew), spans are
worked out only for the hits that are shown, and only the best `limit` hits are put in order.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from policydesk.model.library import Library
from policydesk.model.position import Position

WORD = re.compile(r"[a-z0-9£]+(?:'[a-z]+)?")
FIELD_WEIGHTS = {"title": 3.0, "tags": 2.0, "text": 1.0}
PREFIX_LIMIT = 200
TYPO_LIMIT = 40
REMEMBERED = 512
"""Query words whose scores are kept, for the next keystroke."""


def words(text: str) -> list[str]:
    return WORD.findall(text.casefold())


@dataclass(frozen=True)
class Hit:
    """A ranked result: the position, its score, whether every word matched, and (worked out when first asked
    for) which vocabulary words matched and where."""

    position: Position
    score: float
    complete: bool = True
    found: frozenset[str] = field(default=frozenset(), repr=False)
    """Every vocabulary word the query stood for; `matched` is those this position has."""
    index: SearchIndex | None = field(default=None, repr=False, compare=False)

    @cached_property
    def matched(self) -> frozenset[str]:
        postings = self.index._postings if self.index else {}
        pid = self.position.id
        return frozenset(w for w in self.found if pid in postings.get(w, ()))

    @cached_property
    def title_spans(self) -> tuple[tuple[int, int], ...]:
        return spans(self.position.title, self.matched)

    @cached_property
    def text_spans(self) -> tuple[tuple[int, int], ...]:
        return spans(self.position.line.text, self.matched)


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

    def __init__(self, library: Library, state: IndexState | None = None):
        """`state` is a saved `index_state(library)`, so that a cached index is not built again."""
        self.library = library
        self._postings, self._bonus, self._vocabulary = state or index_state(library)
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for word in self._vocabulary:
            self._by_length[len(word)].append(word)
        self._terms: dict[str, tuple[dict[str, float], frozenset[str]]] = {}
        self._last: tuple[tuple, tuple[dict[str, float], Counter[str]]] | None = None

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

    def _term(self, term: str) -> tuple[dict[str, float], frozenset[str]]:
        """The best score each position gets for one query word, and the vocabulary words it stood for."""
        known = self._terms.get(term)
        if known is None:
            best: dict[str, float] = {}
            expanded = self.expand(term)
            for word, similarity in expanded.items():
                for pid, weight in self._postings[word].items():
                    value = similarity * weight
                    if value > best.get(pid, 0.0):
                        best[pid] = value
            if len(self._terms) >= REMEMBERED:
                self._terms.clear()
            known = self._terms[term] = (best, frozenset(expanded))
        return known

    def _totals(self, terms: list[str], within: Library | None) -> tuple[dict[str, float], Counter[str]]:
        """Each matching position's score and how many query words it matches (added in query order, as
        the score always was, so that equal scores stay equal); the last answer is kept, since the library
        asks for a query's hits and then its counts."""
        asked, last = (tuple(terms), within), self._last  # read once: searches may run in two threads
        if last is not None and last[0] == asked:
            return last[1]
        scores: dict[str, float] = {}
        matched: Counter[str] = Counter()
        for term in terms:
            best = self._term(term)[0]
            for pid, value in best.items():
                scores[pid] = scores.get(pid, 0.0) + (value + 1.0)  # as `+=` adds, to the last bit
            matched.update(best.keys())  # counted in C
        bonus = self._bonus
        keep = within is None or within is self.library
        scores = {pid: score + bonus[pid] for pid, score in scores.items() if keep or pid in within}  # type: ignore[operator]
        self._last = (asked, (scores, matched))
        return scores, matched

    def search(self, query: str, within: Library | None = None, limit: int | None = None) -> list[Hit]:
        """Positions matching `query`, best first (those matching every word before the rest, then by score,
        then by id); `within` restricts to a filtered library, `limit` to the first so many."""
        terms = list(dict.fromkeys(words(query)))
        if not terms or limit == 0:
            return []
        scores, matched = self._totals(terms, within)

        def rank(pid: str) -> tuple[int, float]:
            return matched[pid], scores[pid]

        ranked = list(scores)
        if limit is not None and len(ranked) > limit:
            cut = heapq.nlargest(limit, ranked, key=rank)[-1]
            ranked = [pid for pid in ranked if rank(pid) >= rank(cut)]
        ranked.sort(key=lambda pid: (-matched[pid], -scores[pid], pid))
        found = frozenset().union(*(self._term(t)[1] for t in terms))
        hits = []
        for pid in ranked[:limit]:
            position = self.library.get(pid)
            assert position is not None
            score = round(scores[pid] / (len(terms) * 4.0), 3)
            hits.append(Hit(position, score, matched[pid] == len(terms), found, self))
        return hits

    def count(self, query: str, within: Library | None = None) -> tuple[int, int]:
        """How many positions match every word of `query`, and how many match only some."""
        terms = list(dict.fromkeys(words(query)))
        if not terms:
            return 0, 0
        scores, matched = self._totals(terms, within)
        complete = sum(matched[pid] == len(terms) for pid in scores)
        return complete, len(scores) - complete


IndexState = tuple[dict[str, dict[str, float]], dict[str, float], list[str]]
"""Postings, each position's bonus for its history, and the sorted vocabulary: what an index is built from."""


def index_state(library: Library) -> IndexState:
    """Everything a SearchIndex needs from the library, as plain values that can be kept in the cache."""
    postings = postings_of(library)
    bonus = {p.id: 0.05 * (len(p.versions) - 1) for p in library}
    return postings, bonus, sorted(postings)


def postings_of(library: Library) -> dict[str, dict[str, float]]:
    """word -> {position id: the weight of the best field it is in}: titles count most, then tags (topics, pillar,
    framework and the line's standing word), then text."""
    table = synonym_table(library.taxonomy.synonyms)
    postings: dict[str, dict[str, float]] = defaultdict(dict)
    for position in library:
        framework = library.taxonomy.frameworks.get(position.framework or "")
        tags = " ".join(
            [
                *position.topics,
                position.pillar,
                library.taxonomy.pillar_title(position.pillar),
                framework.title if framework else "",
                position.line.status_word,  # "steer" or "remark" finds the positions whose line is one
            ]
        )
        for name, text in (("title", position.title), ("tags", tags.replace("-", " ")), ("text", position.line.text)):
            weight = FIELD_WEIGHTS[name]
            text_words = words(text)
            for word in with_synonyms(set(text_words), text_words, table):
                found = postings[word]
                if found.get(position.id, 0.0) < weight:
                    found[position.id] = weight
    return dict(postings)


def spans(text: str, matched: frozenset[str] | set[str]) -> tuple[tuple[int, int], ...]:
    """Character ranges in `text` of the words that matched."""
    return tuple(m.span() for m in WORD.finditer(text.casefold()) if m.group() in matched)


def search(library: Library, query: str, limit: int | None = None) -> list[Hit]:
    """One-off search; build a SearchIndex once when searching the same library repeatedly."""
    return SearchIndex(library).search(query, limit=limit)
