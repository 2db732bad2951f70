"""How consultation questions are worded: numbering styles, question sentences, follow-ups and answer options."""

from __future__ import annotations

import re
from dataclasses import dataclass

from policydesk.consultation.limits import strip_limit
from policydesk.model.scales import SCALES

EXPLICIT = re.compile(
    r"^(?P<prefix>question|qu?\.?)\s*(?P<num>\d{1,3}(?:\.\d{1,3})*)"
    r"(?:(?-i:(?P<letter>[a-z]))(?![a-z])|(?-i:(?P<upper>[A-Z]))(?=[.):])|\s?\((?P<bracketed>[a-z])\))?"
    r"(?P<sep>\s*[:.)\-–—]+\s*|\s+|$)(?P<rest>.*)$",
    re.I | re.S,
)
NUMBERED = re.compile(r"^\(?(?P<num>\d{1,3})(?P<letter>[a-zA-Z])?[.):](?:\s+|(?=[A-Z])|$)(?P<rest>.*)$", re.S)
DOTTED = re.compile(r"^(?P<num>\d{1,3}(?:\.\d{1,3})+)(?P<letter>[a-z])?\.?\s+(?P<rest>.*)$", re.S)
LETTERED = re.compile(r"^\(?(?P<letter>[a-z])[.)]\s+(?P<rest>.+)$", re.S)
ROMAN = re.compile(r"^\(?(?P<roman>[ivx]{1,4})[.)]\s+(?P<rest>.+)$", re.S)
INLINE_LETTER = re.compile(r"(?:(?<=\s)|^)\(?(?P<letter>[a-h])\)\s+")
QUESTION_OPENING = re.compile(
    r"^(?:please|describe|explain|tell us|give|provide|set out|outline|list|share|suggest|identify|comment|"
    r"rank|select|choose|tick|indicate)\b",
    re.I,
)
NOT_A_PROMPT = re.compile(
    r"^please (?:note|see|read|send|contact|refer|respond|email|e-mail|submit|ensure|do not|don't|visit|keep)\b", re.I
)
FOLLOW_UP = re.compile(
    r"^(?:please\s+)?(?:explain|give|provide|set out|tell us|describe|outline|expand|add|share|include|say|state|"
    r"list|justify|detail|comment)\b|^if\s+(?:yes|no|not|so|you|applicable|relevant|possible|appropriate)\b|"
    r"^why(?: not)?\b|^(?:where|wherever) (?:possible|you can|relevant)\b|^(?:you may|you can|feel free)\b|"
    r"^(?:for example|e\.g\.)",
    re.I,
)
ASKS = re.compile(r"\?(?:[\s\"'’”)]|$)")
CHECKBOX = re.compile(r"[☐□❑☑☒]|\[\s?\]")
ANSWER_SYNONYMS = {
    "not sure": "don't know",
    "unsure": "don't know",
    "do not know": "don't know",
    "dont know": "don't know",
    "neither agree or disagree": "neither agree nor disagree",
    "neither support or oppose": "neither support nor oppose",
}
EXTRA_ANSWERS = {
    "no opinion", "neither", "partly agree", "partially agree", "tend to agree", "tend to disagree",
    "prefer not to say", "not applicable", "n/a",
}  # fmt: skip
ANSWER_WORDS = {a.lower() for answers in SCALES.values() for a in answers} | set(ANSWER_SYNONYMS) | EXTRA_ANSWERS


@dataclass(frozen=True)
class Start:
    """How a block opens: an explicit 'Question N', a number ('5.', '5a)', '2.1'), a letter ('a)') or a roman
    numeral ('(ii)'); 'i)' may be either, and is a letter only after an 'h)'."""

    kind: str
    number: str
    rest: str


def fold(text: str) -> str:
    """Lower case with straight apostrophes and quotes, for comparing wording."""
    return text.lower().replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').strip()


def answer_key(text: str) -> str:
    """An answer option as the scales spell it: 'Not sure' and 'Unsure' are 'don't know'."""
    key = re.sub(r"[.;,]$", "", fold(text)).strip()
    return ANSWER_SYNONYMS.get(key, key)


def is_answer_word(text: str) -> bool:
    return answer_key(text) in ANSWER_WORDS


def start_of(text: str) -> Start | None:
    """The numbering a block opens with, or None for plain text."""
    match = EXPLICIT.match(text)
    if match and (match.group("sep").strip() or not match.group("rest") or question_like(match.group("rest"))):
        letter = (match.group("letter") or match.group("upper") or match.group("bracketed") or "").lower()
        return Start("explicit", match.group("num") + letter, match.group("rest").strip())
    for pattern in (DOTTED, NUMBERED):
        match = pattern.match(text)
        if match:
            letter = (match.group("letter") or "").lower()
            return Start("numbered", match.group("num") + letter, match.group("rest").strip())
    match = ROMAN.match(text)
    if match and match.group("roman") != "i":
        return Start("roman", match.group("roman"), match.group("rest").strip())
    match = LETTERED.match(text)
    if match:
        kind = "lettered-or-roman" if match.group("letter") == "i" else "lettered"
        return Start(kind, match.group("letter"), match.group("rest").strip())
    return None


def without_trailers(text: str) -> str:
    """The question without a closing limit in brackets or a closing list of answers."""
    text = strip_limit(text)
    return trailing_options(text)[0]


def question_like(text: str) -> bool:
    """Worded as a question: it asks something ('...?') or opens with a prompt ('Please describe ...')."""
    core = without_trailers(text).strip()
    if not core:
        return False
    if ASKS.search(core):
        return True
    return bool(QUESTION_OPENING.match(core)) and not NOT_A_PROMPT.match(core)


def is_follow_up(text: str) -> bool:
    """'Please explain your answer', 'If not, why not?': said after a question, and part of it."""
    return bool(FOLLOW_UP.match(text)) and len(text.split()) <= 60 and not NOT_A_PROMPT.match(text)


def split_options(text: str) -> list[str]:
    """Answer options written on one line: '☐ Yes ☐ No' or 'Yes / No / Don't know'; [] when it is not such a line."""
    if CHECKBOX.search(text):
        parts = [p.strip(" ,;") for p in CHECKBOX.split(text)]
        return [p for p in parts if p] if not parts[0] else []
    parts = [p.strip(" ,;()") for p in re.split(r"\s*/\s*|\s+\|\s+", text.strip(" ()"))]
    if len(parts) >= 2 and all(0 < len(p.split()) <= 6 for p in parts) and any(is_answer_word(p) for p in parts):
        return parts
    return []


def trailing_options(text: str) -> tuple[str, list[str]]:
    """A question with answers written after it ('...? Yes / No / Don't know'): the question, then the answers."""
    match = re.search(r"\?\s*(?P<tail>[^?]+)$", text)
    if match:
        options = split_options(match.group("tail"))
        if options:
            return text[: match.start("tail")].rstrip(), options
    return text, []


def inline_subquestions(text: str) -> tuple[str, list[tuple[str, str]]]:
    """'Stem: a) ...? b) ...?' as the stem and its lettered parts, when the parts run a, b, c... in order."""
    marks = list(INLINE_LETTER.finditer(text))
    run: list[re.Match[str]] = []
    for mark in marks:
        if ord(mark.group("letter")) - ord("a") == len(run):
            run.append(mark)
    if len(run) < 2:
        return text, []
    parts = []
    for i, mark in enumerate(run):
        end = run[i + 1].start() if i + 1 < len(run) else len(text)
        parts.append((mark.group("letter"), text[mark.end() : end].strip()))
    return text[: run[0].start()].strip(), parts
