"""What a review found, item by item, each with its place in the response as it was sent."""

from __future__ import annotations

from dataclasses import dataclass, field

from policydesk.diff import Chunk
from policydesk.model.response import Response
from policydesk.model.review import Proposal, Reply, ReviewNote

KINDS = (
    "change",
    "move",
    "format",
    "accepted",
    "rejected",
    "untracked",
    "comment",
    "deleted",
    "inserted",
    "moved",
    "question deleted",
)


@dataclass(frozen=True)
class Place:
    """Where something sits: a response paragraph, a question's heading or answer, a key message, a part of the
    document that is not the response's own text ("document"), or nowhere ("not placed"). Numbers from 1."""

    part: str
    section: int = 0
    paragraph: int = 0
    label: str = ""

    @property
    def key(self) -> tuple[str, int, int]:
        return self.part, self.section, self.paragraph

    @property
    def placed(self) -> bool:
        return self.part not in ("document", "not placed")


@dataclass(frozen=True)
class Item:
    """One thing the reviewer did. `proposal` is what applying keeps pending; `note` what it keeps as a note."""

    id: str
    kind: str
    place: Place
    author: str = ""
    date: str = ""
    chunks: tuple[Chunk, ...] = ()
    text: str = ""
    anchor: str = ""
    replies: tuple[Reply, ...] = ()
    resolved: bool = False
    proposal: Proposal | None = None
    note: ReviewNote | None = None
    target: Place | None = None

    @property
    def decidable(self) -> bool:
        """An item the officer can accept or reject (a pending change); comments take replies instead."""
        return self.proposal is not None


@dataclass
class Outcome:
    """What the review means for one place: the text it now reads, what stays pending, the notes on it."""

    place: Place
    sent_text: str = ""
    decided: str = ""
    proposals: list[Proposal] = field(default_factory=list)
    notes: list[ReviewNote] = field(default_factory=list)
    deleted: Proposal | None = None
    inserted: list[Proposal] = field(default_factory=list)


@dataclass
class ReviewResult:
    """A returned document read against what was sent."""

    returned: str
    sent_id: str
    reviewer: str
    items: list[Item]
    outcomes: dict[tuple[str, int, int], Outcome]
    unread: dict[str, int]
    deleted_questions: list[int] = field(default_factory=list)
    sent: Response | None = None

    @property
    def placed(self) -> list[Item]:
        return [i for i in self.items if i.place.placed]

    @property
    def not_placed(self) -> list[Item]:
        return [i for i in self.items if not i.place.placed]

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)
