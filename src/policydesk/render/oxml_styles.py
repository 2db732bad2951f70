"""Raw XML for the house styles and lists (styles.xml, numbering.xml), built from the house style settings.

Only styles the renderer uses are defined, each by the id the documents reference, and every list a style
points at exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from policydesk.render import document as d
from policydesk.render.house_style import HouseStyle
from policydesk.render.oxml_parts import W, rooted, w

BODY_NUM_ID, BULLET_NUM_ID, LETTER_NUM_ID = 2, 1, 6
BODY_ABSTRACT_ID, BULLET_ABSTRACT_ID, LETTER_ABSTRACT_ID = 20, 10, 30
RESTART_NUM_BASE = 10
"""The body list's restarted copies (one per annex) take numIds 11, 12, ...; the writer adds those it needs."""
BULLET_CHARS = ("\u2022", "\u2013", "\u25e6")
DECIMAL_TEXT = ("%1.", "%1.%2.", "%1.%2.%3.")
COMMENT_REFERENCE, COMMENT_TEXT = "annotation reference", "annotation text"
SPECIAL_IDS = {COMMENT_REFERENCE: "CommentReference", COMMENT_TEXT: "CommentText", "Normal Table": "TableNormal"}
XML_NAMES = {d.HEADING_1: "heading 1", d.HEADING_2: "heading 2", d.HEADING_3: "heading 3"}
XML_NAMES |= {d.HEADER: "header", d.FOOTER: "footer"}


def style_id(name: str) -> str:
    """The id documents use for the style called `name`."""
    return SPECIAL_IDS.get(name, name.replace(" ", ""))


def restart_num_id(restart: int) -> int:
    """The list an annex's numbered paragraphs count in (restart 0: the body's own list)."""
    return RESTART_NUM_BASE + restart if restart else BODY_NUM_ID


def bullet_num_id(level: int) -> int:
    """The list for bullets under text at numbering level `level` (0: unnumbered text)."""
    return BULLET_NUM_ID if level == 0 else 2 + level


@dataclass
class Para:
    """Paragraph properties, written in schema order."""

    keep_next: bool = False
    keep_lines: bool = False
    num: tuple[int, int] | None = None
    border_below: str | None = None
    before: int | None = None
    after: int | None = None
    line: int | None = None
    outline: int | None = None

    def element(self) -> etree._Element:
        ppr = w("pPr")
        if self.keep_next:
            ppr.append(w("keepNext"))
        if self.keep_lines:
            ppr.append(w("keepLines"))
        if self.num:
            ppr.append(w("numPr", w("ilvl", val=self.num[1]), w("numId", val=self.num[0])))
        if self.border_below:
            ppr.append(w("pBdr", w("bottom", val="single", sz=8, space=4, color=self.border_below)))
        if (self.before, self.after, self.line) != (None, None, None):
            rule = "auto" if self.line is not None else None
            ppr.append(w("spacing", before=self.before, after=self.after, line=self.line, lineRule=rule))
        if self.outline is not None:
            ppr.append(w("outlineLvl", val=self.outline))
        return ppr


@dataclass
class Run:
    """Run properties, written in schema order."""

    font: str | None = None
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    size_pt: float | None = None
    underline: bool = False
    language: str | None = None

    def element(self) -> etree._Element:
        rpr = w("rPr")
        if self.font:
            rpr.append(w("rFonts", ascii=self.font, hAnsi=self.font, eastAsia=self.font, cs=self.font))
        if self.bold:
            rpr.extend([w("b"), w("bCs")])
        if self.italic:
            rpr.extend([w("i"), w("iCs")])
        if self.colour:
            rpr.append(w("color", val=self.colour))
        if self.size_pt:
            half_points = round(self.size_pt * 2)
            rpr.extend([w("sz", val=half_points), w("szCs", val=half_points)])
        if self.underline:
            rpr.append(w("u", val="single"))
        if self.language:
            rpr.append(w("lang", val=self.language, eastAsia=self.language, bidi=self.language))
        return rpr


@dataclass
class Style:
    """One style definition: kind, name, parent, next style and properties."""

    kind: str
    name: str
    based_on: str | None = None
    next: str | None = None
    para: Para | None = None
    run: Run | None = None
    table: list[etree._Element] = field(default_factory=list)
    default: bool = False
    priority: int | None = None
    hidden: bool = False
    quick: bool = False

    def element(self) -> etree._Element:
        builtin = self.name in XML_NAMES or self.name in SPECIAL_IDS or not self.name.startswith("LGA")
        el = w("style", type=self.kind, default=1 if self.default else None, customStyle=None if builtin else 1)
        el.set(f"{{{W}}}styleId", style_id(self.name))
        el.append(w("name", val=XML_NAMES.get(self.name, self.name)))
        if self.based_on:
            el.append(w("basedOn", val=style_id(self.based_on)))
        if self.next:
            el.append(w("next", val=style_id(self.next)))
        if self.priority is not None:
            el.append(w("uiPriority", val=self.priority))
        if self.hidden:
            el.extend([w("semiHidden"), w("unhideWhenUsed")])
        if self.quick:
            el.append(w("qFormat"))
        if self.para:
            el.append(self.para.element())
        if self.run:
            el.append(self.run.element())
        el.extend(self.table)
        return el


def _style_list(style: HouseStyle) -> list[Style]:
    fonts, colours, spacing = style.fonts, style.colours, style.spacing
    font, after = fonts["body"], round(spacing["after_pt"] * 20)
    heading_sizes = (fonts["title_size_pt"], fonts["heading2_size_pt"], fonts["heading3_size_pt"])
    headings = [
        Style(
            "paragraph",
            name,
            d.BODY,
            next=d.DATE_LINE if level == 0 else d.NUMBERED[0],
            para=Para(keep_next=True, keep_lines=True, before=360 if level == 0 else 240, after=120, outline=level),
            run=Run(font=font, bold=True, colour="000000", size_pt=size),
            priority=9,
            quick=True,
        )
        for level, (name, size) in enumerate(zip(d.HEADINGS, heading_sizes, strict=True))
    ]
    numbered = [
        Style("paragraph", name, d.BODY, para=Para(num=(BODY_NUM_ID, level)), quick=True)
        for level, name in enumerate(d.NUMBERED)
    ]
    bullets = [
        Style("paragraph", name, d.BODY, para=Para(num=(bullet_num_id(level), depth)), quick=level == 0)
        for level in range(len(d.NUMBERED) + 1)
        for depth, name in enumerate(d.body_bullets(level))
    ]
    small = fonts["header_size_pt"]
    borders = w(
        "tblBorders",
        *(w(side, val="single", sz=4, space=0, color="808080") for side in ("top", "left", "bottom", "right")),
        w("insideH", val="single", sz=4, space=0, color="808080"),
        w("insideV", val="single", sz=4, space=0, color="808080"),
    )
    margins = w(
        "tblCellMar",
        w("top", w=57, type="dxa"),
        w("left", w=108, type="dxa"),
        w("bottom", w=57, type="dxa"),
        w("right", w=108, type="dxa"),
    )
    return [
        Style(
            "paragraph",
            d.BODY,
            default=True,
            para=Para(after=after, line=round(spacing["line"] * 240)),
            run=Run(font=font, size_pt=fonts["body_size_pt"]),
            quick=True,
        ),
        Style("character", "Default Paragraph Font", default=True, priority=1, hidden=True),
        Style(
            "table",
            "Normal Table",
            default=True,
            priority=99,
            hidden=True,
            table=[w("tblPr", w("tblInd", w=0, type="dxa"), margins)],
        ),
        Style("numbering", "No List", default=True, priority=99, hidden=True),
        *headings,
        Style("paragraph", d.DATE_LINE, d.BODY, quick=True),
        Style("paragraph", d.SIGN_OFF, d.BODY, run=Run(italic=True), quick=True),
        Style(
            "paragraph",
            d.ANSWER,
            d.BODY,
            next=d.NUMBERED[0],
            para=Para(keep_next=True, before=120),
            run=Run(bold=True),
            quick=True,
        ),
        Style("paragraph", d.CONTACT, d.BODY, para=Para(after=0), quick=True),
        Style("paragraph", d.VIEW_HEADING, d.HEADING_3, next=d.NUMBERED[0], quick=True),
        Style("paragraph", d.RECOMMENDATION, d.BODY, para=Para(num=(LETTER_NUM_ID, 0)), quick=True),
        *numbered,
        *bullets,
        Style("paragraph", d.TABLE_TEXT, d.BODY, para=Para(before=0, after=0)),
        Style("table", d.TABLE, "Normal Table", table=[w("tblPr", borders, margins)]),
        Style("character", "Hyperlink", priority=99, run=Run(colour=colours["hyperlink"], underline=True)),
        Style("character", COMMENT_REFERENCE, priority=99, hidden=True, run=Run(size_pt=8)),
        Style("paragraph", COMMENT_TEXT, d.BODY, priority=99, hidden=True, para=Para(after=0), run=Run(size_pt=10)),
        *(
            Style(
                "paragraph",
                part,
                d.BODY,
                priority=99,
                para=Para(after=0),
                run=Run(colour=colours["header"], size_pt=small),
            )
            for part in (d.HEADER, d.FOOTER)
        ),
        Style(
            "paragraph",
            d.WORDMARK,
            d.BODY,
            para=Para(border_below=colours["wordmark"], after=0),
            run=Run(bold=True, colour=colours["wordmark"], size_pt=fonts["title_size_pt"]),
        ),
    ]


def styles(style: HouseStyle) -> etree._Element:
    """styles.xml: document defaults (house font, size and language) and every style the renderer uses."""
    fonts, language = style.fonts, style.fonts["language"]
    defaults = w(
        "docDefaults",
        w("rPrDefault", Run(font=fonts["body"], size_pt=fonts["body_size_pt"], language=language).element()),
        w("pPrDefault", w("pPr")),
    )
    return rooted("w:styles", {"w": W}, defaults, *(s.element() for s in _style_list(style)))


def style_names(style: HouseStyle) -> list[str]:
    """Every style name the template defines, as python-docx reports them."""
    return [s.name for s in _style_list(style)]


def _level(ilvl: int, fmt: str, text: str, style_name: str, left: int, hanging: int, font: str) -> etree._Element:
    children = [
        w("start", val=1),
        w("numFmt", val=fmt),
        w("pStyle", val=style_id(style_name)),
        w("lvlText", val=text),
        w("lvlJc", val="left"),
        w("pPr", w("ind", left=left, hanging=hanging)),
    ]
    if fmt == "bullet":
        children.append(w("rPr", w("rFonts", ascii=font, hAnsi=font, cs=font, hint="default")))
    return w("lvl", *children, ilvl=ilvl)


def _abstract(abstract_id: int, levels: list[etree._Element]) -> etree._Element:
    return w(
        "abstractNum",
        w("nsid", val=f"4C4741{abstract_id:02X}"),
        w("multiLevelType", val="multilevel"),
        *levels,
        abstractNumId=abstract_id,
    )


def numbering(style: HouseStyle) -> etree._Element:
    """numbering.xml: the 1. / 1.1. / 1.1.1. body list, bullet lists indented under each level's text, and the
    a) / b) list of a board paper's recommendations."""
    font, step = style.fonts["body"], style.bullets["indent_twips"]
    indents = [(n["left"], n["hanging"]) for n in style.numbering]
    body = [
        _level(ilvl, "decimal", text, name, left, hanging, font)
        for ilvl, (text, name, (left, hanging)) in enumerate(zip(DECIMAL_TEXT, d.NUMBERED, indents, strict=True))
    ]
    abstracts, nums = [], {BODY_NUM_ID: BODY_ABSTRACT_ID}
    for level in range(len(d.NUMBERED) + 1):
        text_left = indents[level - 1][0] if level else 0
        bullets = [
            _level(depth, "bullet", char, name, text_left + step * (depth + 1), step, font)
            for depth, (char, name) in enumerate(zip(BULLET_CHARS, d.body_bullets(level), strict=True))
        ]
        abstracts.append(_abstract(BULLET_ABSTRACT_ID + level, bullets))
        nums[bullet_num_id(level)] = BULLET_ABSTRACT_ID + level
    abstracts.append(_abstract(BODY_ABSTRACT_ID, body))
    left, hanging = indents[0]
    letters = [_level(0, "lowerLetter", "%1)", d.RECOMMENDATION, left, hanging, font)]
    abstracts.append(_abstract(LETTER_ABSTRACT_ID, letters))
    nums[LETTER_NUM_ID] = LETTER_ABSTRACT_ID
    root = rooted("w:numbering", {"w": W}, *abstracts)
    for num_id in sorted(nums):
        root.append(w("num", w("abstractNumId", val=nums[num_id]), numId=num_id))
    return root
