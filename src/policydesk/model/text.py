"""Text rules shared by every layer."""

from __future__ import annotations

import re

XML_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters a Word document (XML 1.0) cannot hold: control characters, lone surrogates, U+FFFE/U+FFFF."""


def first_unsafe(text: str) -> str | None:
    """A description of the first character Word cannot hold, or None when the text is safe."""
    bad = XML_UNSAFE.search(text)
    return f"U+{ord(bad.group()):04X} at character {bad.start() + 1}" if bad else None
