"""Keys typed while the terminal UI is starting are kept for it instead of being echoed or swallowed."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

try:
    import termios
except ImportError:  # Windows: its console keeps keys for the program already
    termios = None  # type: ignore[assignment]


@contextlib.contextmanager
def keys_kept_for_the_ui(stream: TextIO = sys.stdin) -> Iterator[None]:
    """Until the block ends, the terminal neither echoes keys nor takes Ctrl+Q and Ctrl+S as flow control.

    The UI takes a moment to start; without this a Ctrl+Q typed meanwhile is eaten by the terminal (it means
    'resume output' there) and letters show up on the screen behind the UI. The keys wait, unread, for the UI.
    The terminal is put back as it was when the block ends, however it ends.
    """
    found = _settings(stream)
    if found is None:  # not a terminal, or no termios
        yield
        return
    fd, before = found
    held = termios.tcgetattr(fd)
    held[0] &= ~termios.IXON
    held[3] &= ~(termios.ECHO | termios.ICANON)
    with contextlib.suppress(termios.error):
        termios.tcsetattr(fd, termios.TCSANOW, held)
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, before)


def _settings(stream: TextIO) -> tuple[int, list] | None:
    """The stream's file descriptor and terminal settings, or None when it is not a terminal."""
    if termios is None:
        return None
    try:
        fd = stream.fileno()
        return fd, termios.tcgetattr(fd)
    except (AttributeError, ValueError, OSError, termios.error):
        return None
