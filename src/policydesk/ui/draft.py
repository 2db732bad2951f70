"""The response open in the composer: where it lives, what was last saved, and every change, so each can be undone."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from policydesk.model.response import Response
from policydesk.store.atomic import Stamp

SIGNED = ("signed-off", "submitted")
UNDO_LIMIT = 500


def wording(response: Response) -> tuple:
    """What lead members signed off: the title, key messages and sections (pins included), not contact or status."""
    return (response.title_override, response.consultation.title, response.key_messages, response.sections)


@dataclass
class Draft:
    """A response being worked on; `saved` is what its file holds (None until it is first saved)."""

    path: Path
    response: Response
    stamp: Stamp
    saved: Response | None = None
    undo: list[Response] = field(default_factory=list)
    redo: list[Response] = field(default_factory=list)
    group: object = None

    @property
    def modified(self) -> bool:
        return self.response != self.saved

    def change(self, response: Response, group: object = None) -> str | None:
        """Make `response` the draft; returns a message when the change returned a signed-off response to draft.

        Changes made in one go (typing in one paragraph: the same `group`) are undone together.
        """
        message = None
        if self.response.status in SIGNED and wording(response) != wording(self.response):
            response = replace(response, status="draft", sign_off=None)
            message = (
                f"This response was {self.response.status}; changing its wording returns it to draft. "
                "Have it signed off again before it is sent."
            )
        if response == self.response:
            return message
        if group is None or group != self.group or not self.undo:
            self.undo.append(self.response)
            del self.undo[:-UNDO_LIMIT]
        self.group = group
        self.redo.clear()
        self.response = response
        return message

    def step_back(self) -> bool:
        """Undo the last change; False when there is none."""
        if not self.undo:
            return False
        self.redo.append(self.response)
        self.response, self.group = self.undo.pop(), None
        return True

    def step_forward(self) -> bool:
        """Redo the last undone change; False when there is none."""
        if not self.redo:
            return False
        self.undo.append(self.response)
        self.response, self.group = self.redo.pop(), None
        return True

    def saved_as(self, path: Path, stamp: Stamp) -> None:
        self.path, self.stamp = path, stamp
        self.response = replace(self.response, slug=path.stem)
        self.saved, self.group = self.response, None
