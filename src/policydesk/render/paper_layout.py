"""Paper + library -> Page: a board paper in house order (house-style.md §2), its views tracked or clean.

Front matter, a page break, the title again, then numbered sections whose "LGA VIEW" headings take no number,
so the numbering runs on through them, and annexes that number from 1 again.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, time

from policydesk.model.library import Library
from policydesk.model.paper import Key, Paper, PaperParagraph, Section
from policydesk.model.position import the
from policydesk.model.problems import InputError, Problem
from policydesk.model.rules import day_month_year
from policydesk.render import document as d
from policydesk.render.assemble import (
    RenderOptions,
    body_paragraphs,
    contact_lines,
    parsed,
    refuse_unsafe,
)
from policydesk.render.house_style import HouseStyle, house_style
from policydesk.render.tracked import block_style, plain_paras, tracked_paras

Part = d.Para | d.Table | d.Quote
"""What a paper paragraph is laid out as: paragraphs, tables, or a quotation carrying its comment."""


def assemble_paper(
    paper: Paper, library: Library, options: RenderOptions | None = None, style: HouseStyle | None = None
) -> d.Page:
    """Lay the paper out in house order; refuses, before anything is written, text Word cannot hold."""
    options = options or RenderOptions()
    style = style or house_style()
    _refuse_unsafe_text(paper)
    body = [*_front_matter(paper, style)]
    for _, _, blocks in _body(paper, library, options, style):
        body.extend(blocks)
    date_label, meeting_label = style.paper_label("date"), style.paper_label("meeting")
    header = (
        d.Para(d.HEADER, (d.Run(f"{meeting_label} ", bold=True), d.Run(paper.board))),
        d.Para(d.HEADER, (d.Run(f"{date_label} ", bold=True), d.Run(day_month_year(paper.meeting)))),
    )
    return d.Page(
        paper.title,
        paper.board,
        style.label("author"),
        style.fonts["language"],
        tuple(body),
        datetime.combine(paper.meeting, time(9, 0), tzinfo=UTC),
        tracked=not options.clean,
        first_header=header,
        first_footer=_footer(style),
    )


def paragraph_numbers(paper: Paper, library: Library, style: HouseStyle | None = None) -> dict[Key, str]:
    """The number each paragraph carries in the paper as written ("12", "7.1", "3 of Annex 1").

    A paragraph that runs to several numbered paragraphs is named by its first; one holding only bullets by
    the paragraph its bullets belong to. Sub-headings carry none.
    """
    style = style or house_style()
    numbers: dict[Key, str] = {}
    counts: dict[int, list[int]] = {}
    last = ""
    for key, paragraph, blocks in _body(paper, library, RenderOptions(clean=True), style):
        first = ""
        for para in blocks:
            if isinstance(para, d.Para) and para.style in d.NUMBERED:
                level = d.NUMBERED.index(para.style)
                count = counts.setdefault(para.restart, [0, 0, 0])
                count[level] += 1
                count[level + 1 :] = [0] * (2 - level)
                last = ".".join(str(n) for n in count[: level + 1])
                if para.restart:
                    last += f" of {style.paper_label('annex', number=para.restart)}"
                first = first or last
        if key is not None and paragraph is not None and not paragraph.subheading:
            numbers[key] = first or last
    return numbers


def _front_matter(paper: Paper, style: HouseStyle) -> Iterator[Part]:
    label = style.paper_label
    yield d.para(d.HEADING_1, paper.title)
    yield d.para(d.HEADING_2, label("purpose_heading"))
    yield d.para(d.BODY, paper.purpose)
    yield d.para(d.HEADING_2, label("summary_heading"))
    yield from _unnumbered(paper.summary, "the summary")
    if paper.plan_theme:
        yield d.para(d.BODY, label("plan_theme", theme=paper.plan_theme))
    yield d.para(d.HEADING_2, label("recommendations_heading"))
    if paper.recommendations:
        yield from _unnumbered(paper.recommendations.lead, "the recommendations")
        for letter, item in enumerate(paper.recommendations.items):
            runs = [r for p in _unnumbered(item, f"recommendation {chr(97 + letter)})") for r in p.runs]
            yield d.Para(d.RECOMMENDATION, tuple(runs))
    yield d.para(d.HEADING_2, label("contact_heading"))
    if paper.contact:
        yield from contact_lines(paper.contact)


def _unnumbered(text: str, where: str) -> list[d.Para]:
    """Front-matter text: plain paragraphs and bullets, never numbered, and no tables."""
    blocks = parsed(text, where)
    if any(b.kind == "table" for b in blocks):
        raise InputError(Problem(where, None, None, f"{where} cannot hold a table", "move the table to the body"))
    laid = zip(blocks, plain_paras(blocks, 0), strict=True)
    return [d.Para(d.BODY if b.kind == "para" else block_style(b, 0), p.runs) for b, p in laid if isinstance(p, d.Para)]


Shown = tuple[Key | None, PaperParagraph | None, list[Part]]


def _body(paper: Paper, library: Library, options: RenderOptions, style: HouseStyle) -> Iterator[Shown]:
    """The body after the page break, in order: each paragraph's key, the paragraph and the blocks showing it."""
    labels = {key: where for key, where, _ in paper.paragraphs()}
    yield None, None, [d.Para(d.HEADING_1, (d.Run(paper.title),), page_break=True)]
    for s, section in enumerate(paper.sections):
        yield from _section(("sections", s), section, 0, labels, paper, library, options, style)
    for a, annex in enumerate(paper.annexes, 1):
        heading = f"{style.paper_label('annex', number=a)}: {annex.title}"
        yield None, None, [d.Para(d.HEADING_1, (d.Run(heading),), page_break=True)]
        for s, section in enumerate(annex.sections):
            key = ("annexes", a - 1, "sections", s)
            yield from _section(key, section, a, labels, paper, library, options, style)


def _section(
    key: Key,
    section: Section,
    restart: int,
    labels: dict[Key, str],
    paper: Paper,
    library: Library,
    options: RenderOptions,
    style: HouseStyle,
) -> Iterator[Shown]:
    yield None, None, [d.para(d.HEADING_2, section.heading)]
    for block in ("paragraphs", "lga_view"):
        paragraphs = section.block(block)  # type: ignore[arg-type]
        if block == "lga_view" and paragraphs:
            yield None, None, [d.para(d.VIEW_HEADING, style.paper_label("view_heading"))]
        for p, paragraph in enumerate(paragraphs):
            where = (*key, block, p)
            shown = _paragraph(paragraph, labels[where], paper.board, library, options)
            yield where, paragraph, [_restarted(b, restart) for b in shown]


def _paragraph(
    paragraph: PaperParagraph, where: str, board: str, library: Library, options: RenderOptions
) -> Iterable[Part]:
    """A paragraph as in a response; one drafting a new position is a tracked insertion, with a comment saying so."""
    proposal = paragraph.proposes
    if proposal is None:
        return body_paragraphs([(where, paragraph)], library, options)
    draft = parsed(paragraph.text, where)
    if options.clean:
        return plain_paras(draft, paragraph.level)
    note = (
        f"Proposed new position {proposal.id} ({proposal.title}): not yet agreed. It becomes a position "
        f"agreed by {the(board)} when the paper is adopted."
    )
    return [d.Quote(tuple(tracked_paras((), draft, paragraph.level)), note)]


def _restarted(block: Part, restart: int) -> Part:
    """A block counted in annex `restart`'s list (0: the body's own list)."""
    if not restart:
        return block
    if isinstance(block, d.Quote):
        return replace(block, paras=tuple(_restarted(p, restart) for p in block.paras))  # type: ignore[misc]
    return replace(block, restart=restart) if isinstance(block, d.Para) else block


def _footer(style: HouseStyle) -> tuple[d.Para, ...]:
    """The first page's address, company and officer lines (house-style.md §2.2 item 10)."""
    footer = style.paper["footer"]
    reach = (
        d.Run("Telephone ", bold=True),
        d.Run(f"{footer['phone']}   "),
        d.Run("Email ", bold=True),
        d.Run(str(footer["email"])),
    )
    lines = [d.para(d.FOOTER, f"{footer['address']}   {footer['web']}"), d.Para(d.FOOTER, reach)]
    lines += [d.para(d.FOOTER, str(company)) for company in footer["companies"]]
    officers: list[d.Run] = []
    for role, name in footer["officers"].items():
        officers += [d.Run(f"{'   ' if officers else ''}{role}: ", bold=True), d.Run(str(name))]
    lines.append(d.Para(d.FOOTER, tuple(officers)))
    return tuple(lines)


def _refuse_unsafe_text(paper: Paper) -> None:
    fields = [("the board", paper.board), ("the title", paper.title), ("the summary", paper.summary)]
    fields.append(("the plan theme", paper.plan_theme))
    if paper.recommendations:
        fields.append(("the recommendations", paper.recommendations.lead))
        fields += [(f"recommendation {i}", item) for i, item in enumerate(paper.recommendations.items, 1)]
    if paper.contact:
        fields += [(f"the contact {k}", getattr(paper.contact, k)) for k in ("name", "position", "email", "phone")]
    fields += [(f'section "{s.heading}" heading', s.heading) for s in paper.sections]
    fields += [(f"annex {a}", annex.title) for a, annex in enumerate(paper.annexes, 1)]
    fields += [(where, paragraph.text) for _, where, paragraph in paper.paragraphs()]
    refuse_unsafe(f"{paper.slug}.yaml", fields)
