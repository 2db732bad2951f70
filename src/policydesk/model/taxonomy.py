"""The controlled vocabulary that positions are tagged with."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Framework:
    """A government document, research programme or council structure that positions answer."""

    id: str
    title: str
    description: str = ""


@dataclass(frozen=True)
class Pillar:
    """A part of a framework (a pillar or chapter), or a policy area with no framework."""

    id: str
    title: str
    framework: str | None = None


@dataclass(frozen=True)
class Taxonomy:
    """Frameworks, pillars, topics, stances, tiers and bodies, each id mapped to its meaning."""

    frameworks: dict[str, Framework] = field(default_factory=dict)
    pillars: dict[str, Pillar] = field(default_factory=dict)
    topics: dict[str, str] = field(default_factory=dict)
    stances: dict[str, str] = field(default_factory=dict)
    tiers: dict[str, str] = field(default_factory=dict)
    bodies: tuple[str, ...] = ()
    synonyms: dict[str, str] = field(default_factory=dict)
    """Abbreviation (or other name) -> the words it stands for: 'DSG' -> 'Dedicated Schools Grant'."""
    words: tuple[str, ...] = ()
    """Words the LGA spells this way that a British English dictionary lacks ('wellbeing', 'Oflog')."""

    @property
    def house_words(self) -> frozenset[str]:
        """Every word the spelling check accepts as written: the house words, abbreviations and body names."""
        names = [*self.words, *self.synonyms, *self.bodies]
        return frozenset(word for name in names for word in name.replace("-", " ").split())

    def pillars_of(self, framework: str | None) -> list[Pillar]:
        """Pillars under `framework`; None gives the policy-area pillars."""
        return [p for p in self.pillars.values() if p.framework == framework]

    def framework_of(self, pillar: str) -> str | None:
        found = self.pillars.get(pillar)
        return found.framework if found else None

    def topic_title(self, topic: str) -> str:
        """A topic as an officer reads it: 'kinship-care' becomes 'kinship care'."""
        return topic.replace("-", " ")

    def pillar_title(self, pillar: str) -> str:
        found = self.pillars.get(pillar)
        return found.title if found else pillar
