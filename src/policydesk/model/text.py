"""Text rules shared by every layer: what a file may hold and what a Word document can."""

from __future__ import annotations

import re

XML_UNSAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters a Word document (XML 1.0) cannot hold: control characters, lone surrogates, U+FFFE/U+FFFF."""
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embeddings, overrides and isolates: they reverse how the rest of a line reads."""
SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]|&#")
"""Any character either pattern above matches, or the start of a reference: one search clears most text."""
CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,9}));")
"""A numeric character reference, which markdown turns into the character it names."""


def _unsafe_character(char: str) -> str | None:
    if BIDI_CONTROLS.match(char):
        return f"U+{ord(char):04X}, a text-direction control that can reverse how a line reads"
    if XML_UNSAFE.match(char):
        return f"U+{ord(char):04X}, a control character"
    return None


def first_unsafe(text: str) -> str | None:
    """What is wrong with the first character (written raw or as `&#...;`) that must not be in a document.

    None when the text is safe.
    """
    if not SUSPECT.search(text):
        return None
    found: list[tuple[int, str]] = []
    for pattern in (XML_UNSAFE, BIDI_CONTROLS):
        match = pattern.search(text)
        if match:
            found.append((match.start(), _unsafe_character(match.group()) or ""))
    for reference in CHARACTER_REFERENCE.finditer(text):
        hex_digits, digits = reference.groups()
        code = int(hex_digits, 16) if hex_digits else int(digits)
        why = "no character" if code == 0 or code > 0x10FFFF else _unsafe_character(chr(code))
        if why:
            found.append((reference.start(), f"'{reference.group()}', which stands for {why}"))
            break
    if not found:
        return None
    start, why = min(found)
    return f"{why}, at character {start + 1}"
