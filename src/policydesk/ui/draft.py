"""The response or paper open in the composer: where it lives, what was last saved, and every change, so each can
be undone."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from policydesk.documents import Document
from policydesk.model.response import Response
from policydesk.store.atomic import Stamp

SIGNED = ("signed-off", "submitted")
UNDO_LIMIT = 500


def wording(response: Response) -> tuple:
    """What lead members signed off: the title, key messages and sections (pins included), not contact or status."""
    return (response.title_override, response.consultation.title, response.key_messages, response.sections)


@dataclass
class Draft:
    """A response or paper being worked on; `saved` is what its file holds (None until it is first saved)."""

    path: Path
    document: Document
    stamp: Stamp
    saved: Document | None = None
    undo: list[Document] = field(default_factory=list)
    redo: list[Document] = field(default_factory=list)
    group: object = None

    @property
    def modified(self) -> bool:
        return self.document != self.saved

    def change(self, document: Document, group: object = None) -> str | None:
        """Make `document` the draft; returns a message when the change returned a signed-off response to draft.

        Changes made in one go (typing in one paragraph: the same `group`) are undone together.
        """
        message = None
        was = self.document
        signed = isinstance(was, Response) and isinstance(document, Response) and was.status in SIGNED
        if signed and wording(document) != wording(was):
            document = replace(document, status="draft", sign_off=None)
            message = (
                f"This response was {was.status}; changing its wording returns it to draft. "
                "Have it signed off again before it is sent."
            )
        if document == was:
            return message
        if group is None or group != self.group or not self.undo:
            self.undo.append(was)
            del self.undo[:-UNDO_LIMIT]
        self.group = group
        self.redo.clear()
        self.document = document
        return message

    def step_back(self) -> bool:
        """Undo the last change; False when there is none."""
        if not self.undo:
            return False
        self.redo.append(self.document)
        self.document, self.group = self.undo.pop(), None
        return True

    def step_forward(self) -> bool:
        """Redo the last undone change; False when there is none."""
        if not self.redo:
            return False
        self.undo.append(self.document)
        self.document, self.group = self.redo.pop(), None
        return True

    def saved_as(self, path: Path, stamp: Stamp) -> None:
        self.path, self.stamp = path, stamp
        self.document = replace(self.document, slug=path.stem)
        self.saved, self.group = self.document, None
