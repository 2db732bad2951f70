"""The list labels Word shows ("3.", "a)", "Question 4:"), computed from numbering.xml as Word counts them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from policydesk.consultation.blocks import BULLET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
VAL = f"{{{W}}}val"
PLACEHOLDER = re.compile(r"%([1-9])")
ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


@dataclass(frozen=True)
class Level:
    """One level of a list definition: where it starts, how its number is written and its label pattern."""

    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass
class _List:
    """The counters of one abstract list, which every w:num pointing at it shares."""

    levels: dict[int, Level]
    counters: dict[int, int] = field(default_factory=dict)


def _val(node: etree._Element | None, path: str) -> str | None:
    if node is None:
        return None
    found = node.find(path, NS)
    return None if found is None else found.get(VAL)


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def format_number(value: int, fmt: str) -> str:
    """A counter written in a Word number format; unknown formats fall back to decimal."""
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman, n = "", value
        for amount, numeral in ROMAN:
            while n >= amount:
                roman, n = roman + numeral, n - amount
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


class WordNumbering:
    """Computes each numbered paragraph's label in document order, as Word does.

    Counters belong to the abstract list, so two w:num that share one continue each other; a w:num
    with a startOverride restarts the list the first time it is used.
    """

    def __init__(self, numbering: etree._Element | None, styles: etree._Element | None):
        self._lists: dict[str, _List] = {}
        self._nums: dict[str, tuple[str, dict[int, int]]] = {}
        self._started: set[str] = set()
        self._style_num: dict[str, tuple[str | None, str | None, str | None]] = {}
        if numbering is not None:
            for abstract in numbering.findall("w:abstractNum", NS):
                levels = {}
                for lvl in abstract.findall("w:lvl", NS):
                    levels[_int(lvl.get(f"{{{W}}}ilvl"), 0)] = Level(
                        _int(_val(lvl, "w:start"), 1),
                        _val(lvl, "w:numFmt") or "decimal",
                        _val(lvl, "w:lvlText") if lvl.find("w:lvlText", NS) is not None else "",
                    )
                self._lists[abstract.get(f"{{{W}}}abstractNumId", "")] = _List(levels)
            for num in numbering.findall("w:num", NS):
                overrides = {
                    _int(o.get(f"{{{W}}}ilvl"), 0): _int(_val(o, "w:startOverride"), 1)
                    for o in num.findall("w:lvlOverride", NS)
                    if o.find("w:startOverride", NS) is not None
                }
                self._nums[num.get(f"{{{W}}}numId", "")] = (_val(num, "w:abstractNumId") or "", overrides)
        if styles is not None:
            for style in styles.findall("w:style", NS):
                self._style_num[style.get(f"{{{W}}}styleId", "")] = (
                    _val(style, "w:pPr/w:numPr/w:numId"),
                    _val(style, "w:pPr/w:numPr/w:ilvl"),
                    _val(style, "w:basedOn"),
                )

    def _from_style(self, style_id: str | None) -> tuple[str | None, str | None]:
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            num_id, ilvl, based_on = self._style_num.get(style_id, (None, None, None))
            if num_id is not None:
                return num_id, ilvl
            style_id = based_on
        return None, None

    def label(self, paragraph: etree._Element) -> str:
        """The label of a w:p, advancing the counters; "" when it is not numbered."""
        style_id = _val(paragraph, "w:pPr/w:pStyle")
        style_num, style_ilvl = self._from_style(style_id)
        num_id = _val(paragraph, "w:pPr/w:numPr/w:numId") or style_num
        ilvl = _int(_val(paragraph, "w:pPr/w:numPr/w:ilvl") or style_ilvl, 0)
        if not num_id or num_id == "0" or num_id not in self._nums:
            return ""
        abstract_id, overrides = self._nums[num_id]
        listing = self._lists.get(abstract_id)
        if listing is None:
            return ""
        if num_id not in self._started:
            self._started.add(num_id)
            for level, start in overrides.items():
                listing.counters[level] = start - 1
                for deeper in [k for k in listing.counters if k > level]:
                    del listing.counters[deeper]
        level = listing.levels.get(ilvl, Level())
        for above in range(ilvl):
            listing.counters.setdefault(above, listing.levels.get(above, Level()).start)
        listing.counters[ilvl] = listing.counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in listing.counters if k > ilvl]:
            del listing.counters[deeper]
        if level.fmt in ("bullet", "none") and not PLACEHOLDER.search(level.text):
            return BULLET if level.fmt == "bullet" else ""

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            shown = listing.levels.get(at, Level())
            return format_number(listing.counters.get(at, shown.start), shown.fmt)

        return PLACEHOLDER.sub(number, level.text).strip()
