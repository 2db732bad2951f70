"""Standard output that survives what pipes and terminals do to it: a closed pipe, an ASCII-only locale."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, TextIO


class PipeSafe:
    """A text stream that stops writing, quietly, once the reader has gone (`policydesk check | head -1`)."""

    def __init__(self, stream: TextIO):
        self._stream, self.closed_by_reader = stream, False

    def write(self, text: str) -> int:
        if self.closed_by_reader:
            return len(text)
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            self._give_up()
            return len(text)

    def flush(self) -> None:
        if not self.closed_by_reader:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._give_up()

    def _give_up(self) -> None:
        self.closed_by_reader = True
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), self._stream.fileno())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def install() -> None:
    """Make stdout and stderr replace what their encoding cannot show and survive a closed pipe."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
        setattr(sys, name, PipeSafe(stream))


def can_show(stream: TextIO, text: str = "£–’") -> bool:
    """Whether `stream`'s encoding can show `text` (so JSON may keep non-ASCII characters as they are)."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
