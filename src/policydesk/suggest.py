"""Suggest the positions that best answer a consultation question, ranked, each with the reasons it was chosen.

A position is scored on what the question shares with it (words, weighted by rarity; its pillar, named or matched by
title; its topics) and the framework the consultation is about, raised in proportion by what makes a line worth
quoting (an agreed view, a line recorded at several meetings, the opening or main point of what the LGA said on a part).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from policydesk.model.library import Library
from policydesk.model.position import Position, Version
from policydesk.model.response import Response
from policydesk.suggest_context import FrameworkGuess, PillarMatch, chapter_heading, infer_framework, pillar_matches
from policydesk.suggest_terms import TermIndex, stems, surface_forms

DEFAULT_TIERS = ("A", "P")
"""Agreed and proposed LGA views; steers (B), research (C) and councils' positions (D) only when asked for."""
WEIGHTS = {
    "terms": 1.0,
    "pillar": 1.0,
    "framework": 0.25,
    "topic": 0.05,
    "history": 0.2,
    "opening": 0.15,
    "summary": 0.1,
    "agreed": 0.05,
}
"""What each reason adds to a score. "terms" and "pillar" scale with how strong the match is; the standing of a line
(agreed, history, opening, summary) multiplies what the question itself shares with it (pillar, words, topics), so
it orders good matches and never lifts a poor one."""
HEADING_WORDS = 0.5
"""A word of the chapter heading counts half as much as a word of the question itself."""
PARAGRAPH = re.compile(r"\d+")

Kind = Literal["pillar", "framework", "terms", "topic", "history", "opening", "summary", "agreed", "quoted", "later"]


@dataclass(frozen=True)
class Reason:
    """Why a position was suggested, in words an officer can check."""

    kind: Kind
    text: str


@dataclass(frozen=True)
class Suggestion:
    """A position to quote in a question: its line (the version a quotation pins), score and reasons."""

    position: Position
    version: Version
    score: float
    reasons: tuple[Reason, ...]
    shared_terms: tuple[str, ...] = ()


class Suggester:
    """Everything about a library the suggester needs, worked out once: term weights and each position's standing."""

    def __init__(self, library: Library, weights: dict[str, float] | None = None):
        self.library = library
        self.weights = {**WEIGHTS, **(weights or {})}
        self.terms = TermIndex(library)
        self.by_pillar: dict[str, list[Position]] = defaultdict(list)
        self.by_topic: dict[str, list[Position]] = defaultdict(list)
        for position in library:
            self.by_pillar[position.pillar].append(position)
            for topic in position.topics:
                self.by_topic[topic].append(position)
        self.openings = _openings(self.by_pillar)
        self.summaries = _summaries(library)

    def suggest(
        self,
        response: Response,
        section_index: int,
        tiers: tuple[str, ...] | None = None,
        limit: int | None = 5,
    ) -> list[Suggestion]:
        """The best positions for section `section_index` of `response`, best first.

        `tiers` None means agreed and proposed views (A, P); a position whose line is only a note (a steer,
        research, a council's position) is suggested only when its tier is asked for. Positions already quoted in
        the section are left out.
        """
        section = response.sections[section_index]
        heading = chapter_heading(response, section_index)
        framework = infer_framework(response, self.library)
        pillars = pillar_matches(section.title, heading, self.library, self.terms, framework)
        query = _query(section.title, heading)
        forms = surface_forms(f"{section.title} {heading}")
        topics = self._topics_asked(set(query))
        quoted_here = {p.position for p in section.paragraphs if p.position}
        quoted_elsewhere = _quoted_in(response, section_index)
        wanted, asked = (tiers or DEFAULT_TIERS), tiers is not None
        candidates = {pid for word in query for pid in self.terms.postings.get(word, ())}
        candidates |= {p.id for pillar in pillars for p in self.by_pillar[pillar]}
        candidates |= {p.id for topic in topics for p in self.by_topic[topic]}
        found = []
        for pid in candidates:
            position = self.library.get(pid)
            if position is None or pid in quoted_here or position.tier not in wanted:
                continue
            if position.line.standing == "note" and not asked:
                continue
            found.append(self._score(position, query, forms, pillars, framework, topics, quoted_elsewhere))
        ranked = sorted((s for s in found if s is not None), key=lambda s: (-s.score, s.position.id))
        return ranked if limit is None else ranked[:limit]

    def _topics_asked(self, words: set[str]) -> set[str]:
        """Topics every word of whose name the question or heading uses ('early help'; 'kinship carers')."""
        asked = set()
        for topic in self.library.taxonomy.topics:
            named = set(stems(topic.replace("-", " ")))
            if named and all(any(w == n or (len(n) >= 4 and w.startswith(n)) for w in words) for n in named):
                asked.add(topic)
        return asked

    def _score(
        self,
        position: Position,
        query: dict[str, float],
        forms: dict[str, str],
        pillars: dict[str, PillarMatch],
        framework: FrameworkGuess | None,
        topics: set[str],
        quoted_elsewhere: dict[str, str],
    ) -> Suggestion | None:
        parts: list[tuple[float, Reason]] = []
        pillar = pillars.get(position.pillar)
        if pillar is not None:
            text = f"on {pillar.pillar.title} ({pillar.evidence})"
            parts.append((self.weights["pillar"] * pillar.strength, Reason("pillar", text)))
        share, shared = self.terms.overlap(query, position.id)
        if shared:
            words = ", ".join(forms.get(w, w) for w in shared[:6])
            parts.append((self.weights["terms"] * share, Reason("terms", f"shares the question's words {words}")))
        held = sorted(set(position.topics) & topics)
        if held:
            named = ", ".join(t.replace("-", " ") for t in held)
            text = f"tagged with the topic the question asks about: {named}"
            parts.append((self.weights["topic"], Reason("topic", text)))
        if not parts:
            return None
        evidence = sum(value for value, _ in parts)
        on = position.framework or self.library.taxonomy.framework_of(position.pillar)
        if framework is not None and on == framework.id:
            text = f"on {framework.title}, the framework this consultation is about ({framework.evidence})"
            parts.append((self.weights["framework"], Reason("framework", text)))
        standing = [(evidence * weight, reason) for weight, reason in self._standing(position)]
        parts.extend(standing)
        score = sum(value for value, _ in parts)
        reasons = [reason for _, reason in sorted(parts, key=lambda part: -part[0])]
        if position.id in quoted_elsewhere:
            reasons.append(Reason("quoted", f"already quoted in {quoted_elsewhere[position.id]}"))
        if position.later_notes:
            first = position.later_notes[0]
            text = f"later notes follow it (from {first.date_text}); the suggestion is its line"
            reasons.append(Reason("later", text))
        return Suggestion(position, position.line, round(score, 4), tuple(reasons), tuple(shared))

    def _standing(self, position: Position) -> list[tuple[float, Reason]]:
        """The small factors for what makes a line worth quoting, whatever the question."""
        found = []
        line = position.line
        if line.standing == "agreed":
            found.append((self.weights["agreed"], Reason("agreed", f"an agreed LGA view ({line.status} {line.when})")))
        versions = position.versions
        if len(versions) > 1:
            text = f"recorded {len(versions)} times, {versions[0].date.year} to {versions[-1].date.year}"
            found.append((self.weights["history"], Reason("history", text)))
        if position.id in self.openings:
            source = line.source
            text = f"opens what the LGA said on its pillar (paragraph {source.paragraph} of {source.document})"
            found.append((self.weights["opening"], Reason("opening", text)))
        if self.summaries.get(position.id, 0) >= 2:
            text = f"the main point of {self.summaries[position.id]} related positions"
            found.append((self.weights["summary"], Reason("summary", text)))
        return found


def _query(question: str, heading: str) -> dict[str, float]:
    """The question's words at full weight, the chapter heading's at half."""
    query: dict[str, float] = {}
    for word in stems(heading):
        query[word] = HEADING_WORDS
    for word in stems(question):
        query[word] = 1.0
    return query


def _quoted_in(response: Response, skip: int) -> dict[str, str]:
    """Position id -> the first other section quoting it ('question 3')."""
    found: dict[str, str] = {}
    for s, _, paragraph in response.quoted():
        if s != skip and paragraph.position:
            found.setdefault(paragraph.position, response.sections[s].label)
    return found


def _paragraph_key(paragraph: str) -> tuple[int, ...] | None:
    numbers = PARAGRAPH.findall(paragraph)
    return tuple(int(n) for n in numbers) if numbers and paragraph.strip()[:1].isdigit() else None


def _openings(by_pillar: dict[str, list[Position]]) -> set[str]:
    """In each pillar, the position whose line is the first numbered paragraph of a paper that gives three or more."""
    openings = set()
    for positions in by_pillar.values():
        by_document: dict[str, list[tuple[tuple[int, ...], str]]] = defaultdict(list)
        for position in positions:
            key = _paragraph_key(position.line.source.paragraph)
            if key is not None:
                by_document[position.line.source.document].append((key, position.id))
        for numbered in by_document.values():
            if len(numbered) >= 3:
                openings.add(min(numbered)[1])
    return openings


def _summaries(library: Library) -> dict[str, int]:
    """How many positions of the same pillar name each position as related: a position many point to sums them up."""
    counts: dict[str, int] = defaultdict(int)
    for position in library:
        for other in position.related:
            target = library.get(other)
            if target is not None and target.pillar == position.pillar:
                counts[other] += 1
    return dict(counts)


_cache: tuple[Library, Suggester] | None = None


def suggester_for(library: Library) -> Suggester:
    """The Suggester of `library`, built once and kept while the same library is asked about."""
    global _cache
    if _cache is None or _cache[0] is not library:
        _cache = (library, Suggester(library))
    return _cache[1]


def suggest(
    response: Response,
    library: Library,
    question_index: int,
    tiers: tuple[str, ...] | None = None,
    limit: int | None = 5,
) -> list[Suggestion]:
    """The positions that best answer section `question_index` of `response` (an index into response.sections)."""
    return suggester_for(library).suggest(response, question_index, tiers, limit)
