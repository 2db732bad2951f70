"""Find a consultation's questions in blocks from any reader, with their chapter, answer type and length limit."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from policydesk.consultation.answers import answer_type
from policydesk.consultation.blocks import BULLET, Block, clean
from policydesk.consultation.limits import find_limit, only_a_limit, strip_limit
from policydesk.consultation.sections import asks_about_the_respondent, heading_kind
from policydesk.consultation.wording import (
    Start,
    fold,
    inline_subquestions,
    is_answer_word,
    is_follow_up,
    question_like,
    split_options,
    start_of,
    trailing_options,
)
from policydesk.model.scales import Limit

OPTION_WORDS = 12
"""Listed items this short after a question are its answer options; longer ones are prompts, kept in its text."""
NEVER_IMPORTED = ("introduction", "privacy")


@dataclass(frozen=True)
class Heading:
    """A heading as the finder saw it; `index` tells apart two headings with the same words."""

    level: int
    text: str
    index: int
    kind: str | None


@dataclass(frozen=True)
class FoundQuestion:
    """One question: its number, wording, answer scale or own options, limit, chapter and the part it is in."""

    number: str
    text: str
    scale: str | None
    options: tuple[str, ...] = ()
    limit: Limit | None = None
    chapter: str | None = None
    part: str | None = None


@dataclass(frozen=True)
class Found:
    """Every question to import, in order, and the 'About you' questions left out."""

    questions: tuple[FoundQuestion, ...]
    about_you: tuple[FoundQuestion, ...]


@dataclass(eq=False)
class _Draft:
    number: str
    parts: list[str]
    path: tuple[Heading, ...]
    asks: bool = True
    explicit: bool = False
    stem: str = ""
    needs_text: bool = False
    subs: int = 0
    items: list[str] = field(default_factory=list)
    options: list[str] = field(default_factory=list)
    limits: list[str] = field(default_factory=list)


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "?", "!", ":", ";", ")"))


def merge_continuations(blocks: Iterable[Block]) -> list[Block]:
    """Join a paragraph that carries on a sentence the one before left open (it starts in lower case)."""
    merged: list[Block] = []
    for block in blocks:
        before = merged[-1] if merged else None
        if (
            before is not None
            and (before.heading == 0 or before.guessed)
            and (block.heading == 0 or block.guessed)
            and not block.label
            and block.text[:1].islower()
            and start_of(block.text) is None
            and not _ends_sentence(before.text)
        ):
            merged[-1] = Block(f"{before.text} {block.text}", 0, before.label, before.links + block.links)
            continue
        merged.append(block)
    return merged


class _Finder:
    """Walks the blocks once, keeping the heading path, the open question and the last numbered one (the parent
    that lettered sub-questions belong to)."""

    def __init__(self) -> None:
        self.path: list[Heading] = []
        self.drafts: list[_Draft] = []
        self.current: _Draft | None = None
        self.parent: _Draft | None = None

    def run(self, blocks: list[Block]) -> list[_Draft]:
        for index, block in enumerate(merge_continuations(blocks)):
            self.block(index, block)
        return self.drafts

    def block(self, index: int, block: Block) -> None:
        text = block.full_text
        start = start_of(text)
        if start is not None and start.kind == "lettered-or-roman":
            after_h = self.parent is not None and self.parent.subs == 8
            start = Start("lettered" if after_h else "roman", start.number, start.rest)
        asking = start is not None and start.kind in ("explicit", "numbered") and question_like(start.rest)
        if block.heading and not block.guessed:
            if start is not None and start.kind == "explicit":
                self.open(start, explicit=True)
            else:
                self.heading(index, block)
            return
        if block.guessed and not asking:
            if not (self.current and self.absorb(block, text, None)):
                self.heading(index, block)
            return
        if start is not None and start.kind == "explicit":
            self.open(start, explicit=True)
        elif start is not None and start.kind == "numbered":
            if asking:
                self.open(start)
            elif start.rest.endswith(":"):
                self.current = None
                self.parent = _Draft(start.number, [start.rest], tuple(self.path), asks=False)
            elif self.current is not None and 0 < len(start.rest.split()) <= OPTION_WORDS:
                self.current.items.append(start.rest)
            else:
                self.current = None
                self.parent = None
        elif (
            start is not None
            and start.kind == "lettered"
            and self.parent is not None
            and question_like(start.rest)
            and not (self.current and self.current.needs_text)
        ):
            self.sub(start)
        elif not (self.current and self.absorb(block, text, start)):
            self.current = None

    def heading(self, index: int, block: Block) -> None:
        self.current = self.parent = None
        kind = heading_kind(block.full_text)
        level = min(block.heading, 2) if kind else block.heading
        while self.path and self.path[-1].level >= level:
            self.path.pop()
        self.path.append(Heading(level, block.full_text, index, kind))

    def open(self, start: Start, explicit: bool = False) -> None:
        stem, subs = inline_subquestions(start.rest)
        if subs and all(question_like(part) for _, part in subs):
            parent = _Draft(start.number, [stem] if stem else [], tuple(self.path), question_like(stem), explicit)
            self.drafts.append(parent)
            self.parent = parent
            for letter, part in subs:
                self.sub(Start("lettered", letter, part))
            return
        draft = _Draft(start.number, [], tuple(self.path), question_like(start.rest), explicit)
        if subs:
            draft.parts.append(stem)
            draft.items.extend(part for _, part in subs)
        elif start.rest:
            draft.parts.append(start.rest)
        else:
            draft.needs_text = True
        self.drafts.append(draft)
        self.current = self.parent = draft

    def sub(self, start: Start) -> None:
        parent = self.parent
        assert parent is not None
        if not any(d is parent for d in self.drafts):
            self.drafts.append(parent)
        parent.subs += 1
        root = re.sub(r"[a-z]$", "", parent.number)
        stem = "" if parent.asks else " ".join(parent.parts)
        draft = _Draft(root + start.number, [start.rest], tuple(self.path), stem=stem)
        self.drafts.append(draft)
        self.current = draft

    def absorb(self, block: Block, text: str, start: Start | None) -> bool:
        """Whether the block belongs to the open question: its text, options, follow-up or limit."""
        draft = self.current
        assert draft is not None
        if draft.needs_text:
            draft.parts.append(text)
            draft.needs_text = False
            draft.asks = True
            return True
        if start is not None and start.kind == "roman" and question_like(start.rest):
            draft.parts.append(text)
            return True
        if block.label == BULLET or (start is not None and start.kind in ("lettered", "roman")):
            draft.items.append(start.rest if start is not None and start.kind != "explicit" else block.text)
            return True
        options = split_options(text)
        if options:
            draft.options.extend(options)
            return True
        if is_answer_word(text):
            draft.options.append(text)
            return True
        if only_a_limit(text):
            draft.limits.append(text)
            return True
        if is_follow_up(text):
            draft.parts.append(text)
            return True
        said = " ".join(draft.parts)
        if "?" not in said and text.rstrip().endswith("?") and not (draft.items or draft.options):
            draft.parts.append(text)
            return True
        return False


def _question(draft: _Draft) -> FoundQuestion:
    own = clean(" ".join(draft.parts))
    options = list(draft.options)
    if draft.items and all(len(item.split()) <= OPTION_WORDS for item in draft.items):
        options.extend(draft.items)
    elif draft.items:
        own = f"{own} {'; '.join(draft.items)}"
    own, trailing = trailing_options(own)
    options.extend(trailing)
    limit = next(filter(None, map(find_limit, [own, *draft.limits])), None)
    own = clean(strip_limit(own))
    scale, own_options = answer_type(own, options)
    text = clean(f"{draft.stem} {own}") if draft.stem else own
    part = (
        "about-you" if asks_about_the_respondent(text) else next((h.kind for h in reversed(draft.path) if h.kind), None)
    )
    return FoundQuestion(draft.number, text, scale, own_options, limit, None, part)


def _without_repeats(found: list[tuple[FoundQuestion, _Draft]]) -> list[tuple[FoundQuestion, _Draft]]:
    """Questions listed again (a 'Summary of questions' annex) are kept once, where they were first asked."""
    outside = {q.number for q, _ in found if q.part != "summary"}
    kept: list[tuple[FoundQuestion, _Draft]] = []
    seen: set[tuple[str, str]] = set()
    for question, draft in found:
        key = (question.number, fold(question.text))
        if (question.part == "summary" and question.number in outside) or key in seen:
            continue
        seen.add(key)
        kept.append((question, draft))
    return kept


def _chapter_level(paths: list[tuple[Heading, ...]]) -> int | None:
    """The shallowest heading level (below the title) that divides the questions into two or more groups."""
    levels = sorted({h.level for path in paths for h in path if h.level >= 2})
    for level in levels:
        if len({h.index for path in paths for h in path if h.level == level}) >= 2:
            return level
    return None


def find_questions(blocks: list[Block], include_about_you: bool = False) -> Found:
    """Every question in the blocks, in order, grouped under chapter headings; introductions and privacy notices
    are never imported, and 'About you' questions only when asked for."""
    drafts = _Finder().run(blocks)
    emitted = [d for d in drafts if (d.asks or (d.explicit and not d.subs)) and (d.parts or d.stem)]
    found = _without_repeats([(_question(d), d) for d in emitted])
    found = [(q, d) for q, d in found if q.part not in NEVER_IMPORTED and q.text]
    about = [q for q, _ in found if q.part == "about-you"]
    kept = [(q, d) for q, d in found if include_about_you or q.part != "about-you"]
    level = _chapter_level([d.path for _, d in kept])
    questions = []
    for question, draft in kept:
        chapter = next((h.text for h in draft.path if h.level == level), None) if level else None
        questions.append(replace(question, chapter=chapter))
    return Found(tuple(questions), () if include_about_you else tuple(about))
