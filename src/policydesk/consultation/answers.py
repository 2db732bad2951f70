"""The answer a question asks for: a five-point scale, yes or no, a choice among its own options, or free text."""

from __future__ import annotations

import re

from policydesk.consultation.wording import answer_key, fold
from policydesk.model.scales import SCALES

SCALE_KEYS = {
    "agreement": {"strongly agree", "strongly disagree"},
    "support-oppose": {"strongly support", "strongly oppose"},
    "agree-disagree": {"agree", "disagree"},
    "yes-no": {"yes", "no"},
}
"""The answers a listed set must include to be read as that scale; the rest must all belong to it."""
AGREEMENT_WORDING = re.compile(
    r"\b(?:to what extent|how (?:far|strongly|much))\s+(?:do|would) you\s+(?:agree|disagree)|"
    r"\bdo you agree or disagree\b",
    re.I,
)
SUPPORT_WORDING = re.compile(
    r"\b(?:to what extent|how (?:far|strongly|much))\s+(?:do|would) you\s+(?:support|oppose)|"
    r"\bdo you support or oppose\b",
    re.I,
)
AGREE_WORDING = re.compile(r"^(?:and |overall,? |on balance,? )?do you (?:agree|disagree)\b", re.I)
CLOSED = re.compile(r"^(?:do|does|did|is|are|was|were|should|would|will|can|could|has|have|must|shall)\b", re.I)
OPEN_WORDS = re.compile(
    r"\b(?:any|anything|anyone|other|further|else|what|which|how|why|where|who|whom|when)\b|\bor\b(?! not\b)", re.I
)


def scale_of_options(options: list[str]) -> str | None:
    """The standard scale a listed set of answers spells out, or None when the options are the question's own."""
    keys = {answer_key(o) for o in options}
    for scale, needed in SCALE_KEYS.items():
        allowed = {a.lower() for a in SCALES[scale]}
        if needed <= keys <= allowed:
            return scale
    return None


def asked(text: str) -> str:
    """The question sentence itself: the first one ending in '?', after any 'Thinking about X:' lead-in."""
    asking = text[: text.index("?") + 1] if "?" in text else text
    sentence = re.split(r"[.!:;]\s+", asking)[-1].strip()
    return re.sub(r"^(?:and|also|overall|on balance|in your view|in your opinion),?\s+", "", sentence, flags=re.I)


def answer_type(text: str, options: list[str]) -> tuple[str | None, tuple[str, ...]]:
    """(scale id, own options) for a question: options beat wording; a question's own options have no scale."""
    if options:
        scale = scale_of_options(options)
        return (scale, ()) if scale else (None, tuple(dict.fromkeys(options)))
    sentence = asked(text)
    if AGREEMENT_WORDING.search(fold(text)):
        return "agreement", ()
    if SUPPORT_WORDING.search(fold(text)):
        return "support-oppose", ()
    if AGREE_WORDING.match(sentence):
        return "agree-disagree", ()
    if CLOSED.match(sentence) and sentence.endswith("?") and not OPEN_WORDS.search(sentence):
        return "yes-no", ()
    return "free-text", ()
