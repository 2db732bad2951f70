"""A section's answer as plain paragraphs, ready to paste into an online form, with its word and character counts."""

from __future__ import annotations

from dataclasses import dataclass

from policydesk.model.library import Library
from policydesk.model.response import Paragraph, Response, Section
from policydesk.model.scales import count_characters, count_words
from policydesk.render.markdown import Block, MarkdownError, parse_markdown


@dataclass(frozen=True)
class Count:
    """How long an answer is, as a consultation form counts it."""

    words: int = 0
    characters: int = 0

    def __add__(self, other: Count) -> Count:
        return Count(self.words + other.words, self.characters + other.characters)

    def __str__(self) -> str:
        return f"{_plural(self.words, 'word')}, {_plural(self.characters, 'character')}"


def paragraph_wording(paragraph: Paragraph, library: Library) -> str:
    """The markdown a paragraph shows: its own text, or the pinned version of the position it quotes.

    A quotation whose position or version is not in the knowledge base gives "" (`check` reports it).
    """
    if paragraph.kind != "quoted" or paragraph.edited:
        return paragraph.text
    position = library.get(paragraph.position or "")
    version = position.version(paragraph.version) if position else None
    return version.text if version else ""


def answer_text(section: Section, library: Library) -> str:
    """The section's paragraphs as plain text: paragraphs apart by a blank line, bullets as '- ' lines, no numbers."""
    pieces: list[tuple[str, str]] = []
    for paragraph in section.paragraphs:
        if paragraph.subheading:
            if paragraph.text.strip():
                pieces.append(("para", " ".join(paragraph.text.split())))
            continue
        pieces.extend(_plain_blocks(paragraph_wording(paragraph, library)))
    text = ""
    for index, (kind, piece) in enumerate(pieces):
        if index:
            text += "\n" if kind == "bullet" and pieces[index - 1][0] == "bullet" else "\n\n"
        text += piece
    return text


def count_text(text: str) -> Count:
    return Count(count_words(text), count_characters(text))


def section_count(section: Section, library: Library) -> Count:
    """The words and characters of a section's answer text (the one-word answer is a separate field)."""
    return count_text(answer_text(section, library))


def response_count(response: Response, library: Library) -> Count:
    """The whole response: every section's answer text added together."""
    total = Count()
    for section in response.sections:
        total += section_count(section, library)
    return total


def over_limit(section: Section, count: Count) -> int:
    """How many words or characters the answer is over its question's limit (0 within it, or with no limit)."""
    if section.limit is None:
        return 0
    used = count.words if section.limit.unit == "words" else count.characters
    return max(0, used - section.limit.count)


def count_note(section: Section, count: Count) -> str:
    """'183 words, 1,146 characters', then the limit where there is one, saying when the answer is over it."""
    note = str(count)
    if section.limit is None:
        return note
    over = over_limit(section, count)
    unit = section.limit.unit.removesuffix("s")
    state = f", {_plural(over, unit)} over" if over else ""
    return f"{note}; limit {section.limit}{state}"


def _plain_blocks(text: str) -> list[tuple[str, str]]:
    if not text.strip():
        return []
    try:
        blocks = parse_markdown(text)
    except MarkdownError:
        return [("para", " ".join(text.split()))]
    return [(block.kind, _plain_block(block)) for block in blocks]


def _plain_block(block: Block) -> str:
    if block.kind == "table":
        cells = [[" ".join("".join(s.text for s in cell).split()) for cell in row] for row in block.rows]
        return "\n".join(" | ".join(row) for row in cells)
    words = " ".join(block.text.split())
    return f"{'  ' * (block.level - 1)}- {words}" if block.kind == "bullet" else words


def _plural(count: int, unit: str) -> str:
    return f"{count:,} {unit}{'' if count == 1 else 's'}"
