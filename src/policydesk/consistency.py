"""Warnings that keep a growing knowledge base honest: near-duplicates, apparent contradictions and misstated tiers.

Lines are compared as TF-IDF weighted bags of word stems. Only positions that share a pillar or a topic are
compared, and within a large block only pairs that share some of their rarest stems, so the work grows with the
size of the blocks rather than with the square of the library.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from policydesk.model.library import Library
from policydesk.model.position import AGREED, PROPOSED, Position
from policydesk.model.problems import Problem
from policydesk.store.yaml_io import display_path

Kind = Literal["duplicate", "contradiction", "tier"]

POSITIVE = frozenset({"welcome", "support"})
NEGATIVE = frozenset({"concern", "oppose"})
TIER_OF_STATUS = {
    **dict.fromkeys(AGREED, "A"),
    **dict.fromkeys(PROPOSED, "P"),
    "board-steer": "B",
    "member-remark": "B",
    "research": "C",
    "council-position": "D",
}
"""The tier a position's line implies; a line that only records a dropped ask ('not-restated') implies none."""

DUPLICATE_SIMILARITY = 0.33
"""Cosine similarity of two lines (stems and stem pairs, titles included) at which they read as one position."""
DUPLICATE_COVER = 0.6
"""Share of the shorter line's stems, by weight, found in the longer one at which it reads as repeated there."""
COVER_MIN_STEMS = 15
"""A line needs this many distinct stems before containment alone can make it a duplicate."""
PAIR_WEIGHT = 0.5
"""Weight of two adjacent stems relative to one stem: pairs carry phrasing, single stems the subject."""
CONTRADICTION_SIMILARITY = 0.23
"""Similarity of subject (stems weighted by their rarity within the pillar) at which opposite stances clash."""
PERIOD_DAYS = 366
"""Lines dated this close together are in the same period."""
SMALL_BLOCK = 80
"""Blocks up to this size are compared pair by pair; larger ones through an index of rare stems."""
SIGNATURE = 16
"""How many of a line's rarest stems go into a large block's index."""
MAX_POSTING = 48
"""A stem shared by more members of a block than this says too little to pair them."""
MIN_SHARED = 2
"""Signature stems two members of a large block must share to be compared."""

WORD = re.compile(r"[a-z0-9£]+")
STOP_WORDS = """
a about above after again against all also am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers him
his how i if in into is it its itself just may me might more most much must my no nor not now of off on once only or
other our ours out over own same shall she should so some such than that the their theirs them then there these
they this those through to too under until up very was we were what when where which while who whom why will with
would you your yet however therefore already still well make made way ways
welcome welcomes welcomed pleased glad positive concern concerns concerned worried worry believe think agree
lga government department councils council
"""
"""Words too common, or too much about stance, to say what a line is about."""
STOP = frozenset(STOP_WORDS.split())
IRREGULAR = {"children": "child", "people": "person", "women": "woman", "men": "man"}


@dataclass(frozen=True)
class Finding:
    """One inconsistency: its kind, the position it is reported on, the other position (if any) and a score."""

    kind: Kind
    position: Position
    other: Position | None = None
    score: float = 0.0
    detail: str = ""

    @property
    def pair(self) -> frozenset[str]:
        return frozenset({self.position.id, self.other.id if self.other else self.position.id})

    def problem(self) -> Problem:
        here = _shown(self.position)
        if self.kind == "tier":
            line = self.position.line
            return Problem(
                here,
                None,
                None,
                f"tier {self.position.tier}, but its line ({line.date_text}) is {line.status}",
                f"set tier: {TIER_OF_STATUS[line.status]}, the tier a {line.status} line gives",
                "warning",
            )
        assert self.other is not None
        there = f"{_shown(self.other)} ({self.other.id})"
        if self.kind == "duplicate":
            return Problem(
                here,
                None,
                None,
                f"reads like a near-duplicate of {there}: {self.detail}",
                "merge the two, or name each other under 'related:' if both must stay",
                "warning",
            )
        return Problem(
            here,
            None,
            None,
            f"its line ({self.position.stance}, {self.position.line.date_text}) looks opposite to {there} "
            f"({self.other.stance}, {self.other.line.date_text}) on {self.detail}: similarity {self.score:.2f}",
            "check which stands and correct the stance or the text; if both are right, name each other under "
            "'related:'",
            "warning",
        )


def consistency_problems(library: Library) -> list[Problem]:
    """Warnings for near-duplicates, apparent contradictions and tiers that do not match the line."""
    return [finding.problem() for finding in find_inconsistencies(library)]


def find_inconsistencies(library: Library, honour_links: bool = True) -> list[Finding]:
    """Every finding, in file order.

    Two positions that name each other under 'related:' have been read together, so they are not compared when
    `honour_links` is set; without it the raw findings come back, which is how the checks are measured.
    """
    findings = [f for p in library if (f := _tier_finding(p)) is not None]
    words = {p.id: (stems(p.title), stems(p.line.text)) for p in library}
    facts = {p.id: _Facts(p.stance, p.pillar, frozenset(p.topics), p.line.date.toordinal(), p.related) for p in library}
    wording = _wording(words)
    subject = _Subjects(library, words)
    for first, second in sorted(_candidates(library, wording)):
        a, b = facts[first], facts[second]
        if honour_links and (first in b.related or second in a.related):
            continue
        found = _compare(first, second, a, b, wording, subject)
        if found is not None:
            position, other = library.get(first), library.get(second)
            assert position is not None and other is not None
            findings.append(Finding(found[0], position, other, found[1], found[2]))
    return sorted(findings, key=lambda f: (_shown(f.position), f.kind, f.other.id if f.other else ""))


@dataclass(frozen=True)
class _Facts:
    """What comparing a position needs, worked out once: finding a position's line means searching its versions."""

    stance: str
    pillar: str
    topics: frozenset[str]
    day: int
    related: tuple[str, ...]


def stems(text: str) -> list[str]:
    """The content-word stems of a text, in order: lower-cased, stop words dropped, endings folded."""
    known = _STEM_OF
    found = []
    for word in WORD.findall(text.casefold()):
        stem = known.get(word)
        if stem is None:
            stem = known[word] = "" if word in STOP or len(word) < 2 else _stem(word)
        if stem:
            found.append(stem)
    return found


_STEM_OF: dict[str, str] = {}
"""Each word met so far and its stem ("" for a word not counted): a library repeats its words endlessly."""


def _stem(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return word[:6]


def _tier_finding(position: Position) -> Finding | None:
    expected = TIER_OF_STATUS.get(position.line.status)
    if expected is None or expected == position.tier:
        return None
    return Finding("tier", position)


@dataclass(frozen=True)
class _Vector:
    """Feature weights and their norm; for wording, also the idf of each stem of the line itself."""

    weights: dict[str, float]
    norm: float
    own: dict[str, float]
    own_total: float
    signature: tuple[str, ...] = ()

    def cosine(self, other: _Vector) -> float:
        small, large = self.weights, other.weights
        if len(large) < len(small):
            small, large = large, small
        return sum([w * large[f] for f, w in small.items() if f in large]) / (self.norm * other.norm)

    def cover(self, other: _Vector) -> tuple[float, int]:
        """How much of the shorter line's stems (by idf) the longer one holds, and the shorter one's stem count."""
        short, long = (other, self) if other.own_total < self.own_total else (self, other)
        longer = long.own
        held = sum([idf for stem, idf in short.own.items() if stem in longer])
        return held / (short.own_total or 1.0), len(short.own)


def _idf(bags: Iterable[dict[str, float]]) -> tuple[Counter[str], dict[str, float]]:
    """How many bags hold each feature, and its inverse document frequency weight."""
    frequency: Counter[str] = Counter()
    size = 0
    for bag in bags:
        frequency.update(bag.keys())
        size += 1
    return frequency, {feature: math.log(1 + size / df) + 0.5 for feature, df in frequency.items()}


def _vector(bag: dict[str, float], idf: dict[str, float], own: Iterable[str] = (), signature: tuple = ()) -> _Vector:
    """A bag's weights and norm; for wording, also the idf of the line's own stems and its rarest stems."""
    log = math.log
    weights = {f: (1 + log(1 + n)) * idf[f] for f, n in bag.items()}
    mine = {stem: idf[stem] for stem in own}
    return _Vector(
        weights, math.sqrt(sum([w * w for w in weights.values()])) or 1.0, mine, sum(mine.values()), signature
    )


def _wording(words: dict[str, tuple[list[str], list[str]]]) -> dict[str, _Vector]:
    """Stems and adjacent stem pairs of title and line, weighted across the whole library: for duplicates."""
    bags: dict[str, dict[str, float]] = {}
    own: dict[str, dict[str, None]] = {}  # distinct stems in order: a set would sum in hash order
    for pid, (title, text) in words.items():
        bag: dict[str, float] = {}
        count = bag.get
        for part in (title, text):
            for stem in part:
                bag[stem] = count(stem, 0) + 1
            for pair in map(" ".join, zip(part, part[1:], strict=False)):
                bag[pair] = count(pair, 0) + PAIR_WEIGHT
        bags[pid], own[pid] = bag, dict.fromkeys(text)
    frequency, idf = _idf(bags.values())
    vectors = {}
    for pid, bag in bags.items():
        rarest = sorted([(frequency[f], f) for f in bag if " " not in f])[:SIGNATURE]
        vectors[pid] = _vector(bag, idf, own[pid], tuple(f for _, f in rarest))
    return vectors


class _Subjects:
    """Stems of title and line weighted by their rarity within the pillar, where contradictions are looked for:
    words every position of a pillar shares say nothing about which subject a line is on. Few pairs get as far
    as comparing subjects, so a position's vector is worked out the first time it is asked for."""

    def __init__(self, library: Library, words: dict[str, tuple[list[str], list[str]]]) -> None:
        by_pillar: dict[str, dict[str, Counter[str]]] = defaultdict(dict)
        for p in library:
            title, text = words[p.id]
            by_pillar[p.pillar][p.id] = Counter(title + text)
        self._bags = {pid: bag for bags in by_pillar.values() for pid, bag in bags.items()}
        idf_of_pillar = {pillar: _idf(bags.values())[1] for pillar, bags in by_pillar.items()}
        self._idf = {p.id: idf_of_pillar[p.pillar] for p in library}
        self._made: dict[str, _Vector] = {}

    def __getitem__(self, pid: str) -> _Vector:
        found = self._made.get(pid)
        if found is None:
            found = self._made[pid] = _vector(self._bags[pid], self._idf[pid])
        return found


def _blocks(library: Library) -> Iterable[list[str]]:
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in library:
        by_key[("pillar", p.pillar)].append(p.id)
        for topic in p.topics:
            by_key[("topic", topic)].append(p.id)
    return (members for members in by_key.values() if len(members) > 1)


def _candidates(library: Library, vectors: dict[str, _Vector]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for members in _blocks(library):
        if len(members) <= SMALL_BLOCK:
            pairs.update(combinations(sorted(members), 2))
            continue
        postings: dict[str, list[str]] = defaultdict(list)
        for pid in members:
            for stem in vectors[pid].signature:
                postings[stem].append(pid)
        shared: Counter[tuple[str, str]] = Counter()
        for ids in postings.values():
            if 1 < len(ids) <= MAX_POSTING:
                shared.update(combinations(sorted(ids), 2))
        pairs.update(pair for pair, n in shared.items() if n >= MIN_SHARED)
    return pairs


def _compare(
    first: str, second: str, a: _Facts, b: _Facts, wording: dict[str, _Vector], subject: _Subjects
) -> tuple[Kind, float, str] | None:
    """The kind, score and detail of a finding on the pair, if there is one."""
    if _opposite(a.stance, b.stance):
        topics = sorted(a.topics & b.topics)
        if a.pillar != b.pillar or not topics or abs(a.day - b.day) > PERIOD_DAYS:
            return None
        similarity = subject[first].cosine(subject[second])
        if similarity < CONTRADICTION_SIMILARITY:
            return None
        return "contradiction", similarity, f"topic {', '.join(topics)} in pillar {a.pillar}"
    similarity = wording[first].cosine(wording[second])
    if similarity >= DUPLICATE_SIMILARITY:
        return "duplicate", similarity, f"similarity {similarity:.2f}"
    cover, size = wording[first].cover(wording[second])
    if cover >= DUPLICATE_COVER and size >= COVER_MIN_STEMS:
        return "duplicate", cover, f"{cover:.0%} of the shorter line's words are in the other"
    return None


def _opposite(a: str, b: str) -> bool:
    return (a in POSITIVE and b in NEGATIVE) or (a in NEGATIVE and b in POSITIVE)


def _shown(position: Position) -> str:
    return display_path(position.path) if position.path else position.id
