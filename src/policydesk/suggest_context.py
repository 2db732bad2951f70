"""What a question is about beyond its words: the framework the consultation is on, and the question's pillar."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from policydesk.model.library import Library
from policydesk.model.response import Response
from policydesk.model.taxonomy import Pillar
from policydesk.suggest_terms import TermIndex, stems

NAMED_PART = re.compile(r"\b(pillar|chapter|part|section|outcome|theme|priority)\s+(\d+)\b", re.IGNORECASE)
"""'Pillar 3', 'Chapter 2': how a question or heading names one part of the document it is about."""
TITLE_MATCH = 0.6
"""The share of a framework's title words the consultation's title must hold for the two to be taken as one."""
QUESTION_MATCH = 0.6
"""The share of a pillar's title words (weighted by rarity) a question must hold for it to be on that pillar."""
HEADING_MATCH = 0.5
"""How closely (Dice, weighted by rarity) a chapter heading and a pillar title must agree to be one part."""
HEADING_STRENGTH = 0.8
"""A heading says less than the question itself: a pillar matched only by the heading counts for this much."""


@dataclass(frozen=True)
class FrameworkGuess:
    """The framework the consultation is about, and how it was told."""

    id: str
    title: str
    evidence: str


@dataclass(frozen=True)
class PillarMatch:
    """A pillar the question is on: how strongly (0..1) and why."""

    pillar: Pillar
    strength: float
    evidence: str


def chapter_heading(response: Response, index: int) -> str:
    """The nearest plain heading section before section `index`: the chapter a question sits under."""
    for section in reversed(response.sections[:index]):
        if not section.is_question:
            return section.title
    return ""


def infer_framework(response: Response, library: Library) -> FrameworkGuess | None:
    """The framework whose title the consultation's title holds; failing that, the one most quoted positions are on."""
    title = set(stems(response.consultation.title))
    scored = []
    for framework in library.taxonomy.frameworks.values():
        words = set(stems(framework.title))
        if words:
            scored.append((len(words & title) / len(words), framework))
    scored.sort(key=lambda pair: -pair[0])
    if scored and scored[0][0] >= TITLE_MATCH and (len(scored) == 1 or scored[1][0] < scored[0][0]):
        best = scored[0][1]
        return FrameworkGuess(best.id, best.title, "the consultation's title names it")
    counts: Counter[str] = Counter()
    for _, _, paragraph in response.quoted():
        position = library.get(paragraph.position or "")
        if position is not None:
            framework = position.framework or library.taxonomy.framework_of(position.pillar)
            if framework:
                counts[framework] += 1
    ranked = counts.most_common(2)
    if ranked and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
        best = library.taxonomy.frameworks.get(ranked[0][0])
        if best is not None:
            return FrameworkGuess(best.id, best.title, "the positions already quoted are on it")
    return None


def pillar_matches(
    question: str, heading: str, library: Library, terms: TermIndex, framework: FrameworkGuess | None
) -> dict[str, PillarMatch]:
    """The pillars the question is on: named by number ('Pillar 3') in a consultation on their framework, or sharing
    most of their title's words. A number alone says nothing without the framework: other documents number theirs."""
    taxonomy = library.taxonomy
    if framework is not None:
        candidates = [p for p in taxonomy.pillars.values() if p.framework in (framework.id, None)]
    else:
        candidates = list(taxonomy.pillars.values())
    named = _named_parts(question, "the question names")
    for key, why in _named_parts(heading, "the chapter heading names").items():
        named.setdefault(key, why)
    asked, headed = set(stems(question)), set(stems(heading))
    found: dict[str, PillarMatch] = {}
    for pillar in candidates:
        part = _part(pillar.title)
        if part in named and framework is not None and pillar.framework == framework.id:
            found[pillar.id] = PillarMatch(pillar, 1.0, f"{named[part]} {part[0].title()} {part[1]}")
            continue
        words = set(stems(NAMED_PART.sub("", pillar.title)))
        own = terms.weight(words)
        if not own:
            continue
        in_question = terms.weight(words & asked) / own
        both = own + terms.weight(headed)
        in_heading = 2 * terms.weight(words & headed) / both if both else 0.0
        if in_question >= QUESTION_MATCH and in_question >= in_heading * HEADING_STRENGTH:
            found[pillar.id] = PillarMatch(pillar, in_question, "the question's words match its title")
        elif in_heading >= HEADING_MATCH:
            strength = in_heading * HEADING_STRENGTH
            found[pillar.id] = PillarMatch(pillar, strength, "the chapter heading matches its title")
    return found


def _named_parts(text: str, said: str) -> dict[tuple[str, str], str]:
    return {(m.group(1).lower(), m.group(2)): said for m in NAMED_PART.finditer(text)}


def _part(title: str) -> tuple[str, str] | None:
    """('pillar', '3') for a pillar titled 'Pillar 3: ...'."""
    match = NAMED_PART.match(title.strip())
    return (match.group(1).lower(), match.group(2)) if match else None
