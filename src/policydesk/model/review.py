"""What a reviewer left on a response: pending proposals and review notes, kept in the response file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ProposalKind = Literal["edit", "delete", "insert"]


@dataclass(frozen=True)
class Reply:
    """One answer in a review note's thread."""

    by: str
    on: str
    text: str


@dataclass(frozen=True)
class ReviewNote:
    """A reviewer's comment: who, when (as the word processor wrote it), what, on which words, and its replies.

    `place` names where in the document it was made, for notes kept on the response as a whole.
    """

    by: str
    on: str
    text: str
    anchor: str = ""
    resolved: bool = False
    replies: tuple[Reply, ...] = ()
    place: str = ""


@dataclass(frozen=True)
class Proposal:
    """A reviewer's change not yet taken into the response.

    `edit`: `text` is the paragraph (or heading, answer, key message) as it reads once accepted;
    `delete`: the paragraph is to go; `insert`: the paragraph itself is the reviewer's addition.
    `untracked` marks an edit made with Track Changes off; `conflict` one that meets a different change the
    officer made since the document was sent; `moved` a deletion or insertion that is half of a move.
    `field` names what a section- or response-level proposal changes ("heading", "answer", "key message 2").
    """

    by: str
    on: str
    kind: ProposalKind = "edit"
    text: str = ""
    untracked: bool = False
    conflict: bool = False
    moved: bool = False
    field: str = ""


@dataclass(frozen=True)
class Review:
    """Proposals and notes that belong to the response as a whole (key messages, title, anything not placed)."""

    proposals: tuple[Proposal, ...] = ()
    notes: tuple[ReviewNote, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.proposals or self.notes)
