"""An immutable, filterable collection of positions with facet counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date

from policydesk.model.position import Position
from policydesk.model.taxonomy import Taxonomy


@dataclass(frozen=True)
class Filters:
    """What to keep; every field left as None keeps everything."""

    framework: str | None = None
    pillar: str | None = None
    topic: str | None = None
    stance: str | None = None
    tier: str | None = None
    since: date | None = None
    until: date | None = None
    text: str | None = None

    def accepts(self, position: Position, taxonomy: Taxonomy) -> bool:
        framework = position.framework or taxonomy.framework_of(position.pillar)
        checks = (
            self.framework is None or framework == self.framework,
            self.pillar is None or position.pillar == self.pillar,
            self.topic is None or self.topic in position.topics,
            self.stance is None or position.stance == self.stance,
            self.tier is None or position.tier == self.tier,
            self.since is None or position.updated >= self.since,
            self.until is None or position.updated <= self.until,
            self.text is None or _contains(position, self.text),
        )
        return all(checks)

    @property
    def active(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def _contains(position: Position, text: str) -> bool:
    needle = text.casefold()
    return needle in position.title.casefold() or needle in position.line.text.casefold()


class Library:
    """Positions keyed by id, in id order; filtering returns a new Library."""

    __slots__ = ("_by_id", "taxonomy")

    def __init__(self, positions: Iterable[Position], taxonomy: Taxonomy):
        self._by_id = {p.id: p for p in sorted(positions, key=lambda p: p.id)}
        self.taxonomy = taxonomy

    @classmethod
    def of_mapping(cls, by_id: Mapping[str, Position], taxonomy: Taxonomy) -> Library:
        """A library over positions already keyed by id in id order (a mapping that builds them when asked)."""
        library = cls.__new__(cls)
        library._by_id = by_id
        library.taxonomy = taxonomy
        return library

    def __iter__(self) -> Iterator[Position]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, position_id: object) -> bool:
        return position_id in self._by_id

    def get(self, position_id: str) -> Position | None:
        return self._by_id.get(position_id)

    @property
    def ids(self) -> list[str]:
        return list(self._by_id)

    def filter(self, filters: Filters | None = None, **criteria: object) -> Library:
        """A new Library holding only the positions that `filters` (or keyword criteria) accept."""
        wanted = filters or Filters(**criteria)  # type: ignore[arg-type]
        if not wanted.active:
            return self
        return Library((p for p in self if wanted.accepts(p, self.taxonomy)), self.taxonomy)

    def facets(self) -> dict[str, Counter[str]]:
        """Counts of positions by framework, pillar, topic, stance, tier and year of current version."""
        counts: dict[str, Counter[str]] = {
            k: Counter() for k in ("framework", "pillar", "topic", "stance", "tier", "year")
        }
        for p in self:
            counts["framework"][p.framework or self.taxonomy.framework_of(p.pillar) or "-"] += 1
            counts["pillar"][p.pillar] += 1
            counts["topic"].update(p.topics)
            counts["stance"][p.stance] += 1
            counts["tier"][p.tier] += 1
            counts["year"][str(p.updated.year)] += 1
        return counts

    def with_history(self) -> list[Position]:
        """Positions with two or more dated versions."""
        return [p for p in self if len(p.versions) > 1]
