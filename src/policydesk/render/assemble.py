"""Response + library -> Page: the house layout, in order, with quoted positions tracked or clean."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from policydesk.model.library import Library
from policydesk.model.position import Position, Version
from policydesk.model.problems import InputError, Problem
from policydesk.model.response import Contact, Paragraph, Response, Section
from policydesk.model.text import first_unsafe
from policydesk.render import anchors
from policydesk.render import document as d
from policydesk.render.house_style import HouseStyle, house_style
from policydesk.render.markdown import MarkdownError, parse_markdown
from policydesk.render.review_marks import (
    anchored,
    comments_for,
    conflicts_for,
    edits,
    placed_comments,
    proposal_paras,
    whole,
)
from policydesk.render.tracked import plain_paras, tracked_paras

SIGNED = ("signed-off", "submitted")
CAVEAT = {
    "proposed": "no decision recorded",
    "noted": "no decision recorded",
    "board-steer": "not a decision",
    "member-remark": "not the LGA\u2019s view",
    "research": "not LGA policy",
    "council-position": "not the LGA\u2019s view",
}
"""What a quoted version is not, said in its comment, for a version that is not an agreed LGA view."""


@dataclass(frozen=True)
class RenderOptions:
    """How to render: tracked changes and provenance (the default), or clean.

    `author` is who our tracked changes are credited to (by default the response's contact officer);
    `sent_id` names the record of what was sent, so a returned copy can be matched with it.
    """

    clean: bool = False
    today: date | None = None
    author: str | None = None
    sent_id: str = ""


def document_title(response: Response, style: HouseStyle) -> str:
    c = response.consultation
    return response.title_override or style.label("title", department=c.department, title=c.title)


def month_year(day: date) -> str:
    return f"{day:%B} {day.year}"


def assemble(
    response: Response, library: Library, options: RenderOptions | None = None, style: HouseStyle | None = None
) -> d.Page:
    """Lay the response out in house order; refuses, before anything is written, text Word cannot hold."""
    options = options or RenderOptions()
    style = style or house_style()
    _refuse_unsafe_text(response)
    _refuse_undated_sign_off(response)
    day = response.date or options.today or date.today()
    title = document_title(response, style)
    body: list[d.Para | d.Quote] = [d.para(d.HEADING_1, title), d.para(d.DATE_LINE, month_year(day))]
    if response.sign_off:
        by, on = response.sign_off.by, f"{response.sign_off.on.day} {month_year(response.sign_off.on)}"
        body.append(d.para(d.SIGN_OFF, style.label("sign_off", by=by, on=on)))
    elif response.status in ("draft", "for-review"):
        body.append(d.para(d.SIGN_OFF, style.label("draft_notice")))
    body.append(d.para(d.HEADING_2, style.label("about_heading")))
    body.append(d.para(d.BODY, " ".join(style.label("about").split())))
    if response.key_messages:
        body.append(d.para(d.HEADING_2, style.label("key_messages_heading")))
        for number, message in enumerate(response.key_messages, 1):
            runs = _key_message(message, f"key message {number}")
            notes = () if options.clean else placed_comments(response.review.notes, f"key message {number}")
            body.append(d.Para(d.BULLETS[0], runs, anchor=anchors.key_message(number), comments=notes))
    for number, section in enumerate(response.sections, 1):
        body.extend(_section(number, section, library, options))
    if response.contact:
        body.extend(_contact(response, style))
    stamp = datetime.combine(day, time(9, 0), tzinfo=UTC)
    return d.Page(
        title,
        response.consultation.title,
        style.label("author"),
        style.fonts["language"],
        tuple(body),
        stamp,
        tracked=not options.clean,
        running_header=style.label("running_header", title=response.consultation.title),
        revisions_by=options.author or (response.contact.name if response.contact else ""),
        sent_id=options.sent_id,
    )


def _key_message(message: str, where: str) -> tuple[d.Run, ...]:
    """One bullet's runs: a key message is a single point, so its blocks run together and tables are refused."""
    blocks = parsed(message, where)
    if any(b.kind == "table" for b in blocks):
        raise InputError(Problem(where, None, None, "a key message cannot hold a table", "move the table to a section"))
    return tuple(run for p in plain_paras(blocks, 0) if isinstance(p, d.Para) for run in p.runs)


def _section(number: int, section: Section, library: Library, options: RenderOptions):
    notes = () if options.clean else comments_for(section.notes)
    yield d.Para(d.HEADING_2, (d.Run(section.heading),), anchor=anchors.heading(number), comments=notes)
    if section.answer:
        yield d.Para(d.ANSWER, (d.Run(f"{section.answer}."),), anchor=anchors.answer(number))
    for index, paragraph in enumerate(section.paragraphs, 1):
        where = f"{section.label}, paragraph {index}"
        blocks = _paragraph(paragraph, where, library, options)
        notes = () if options.clean else comments_for(paragraph.notes) + conflicts_for(paragraph.proposals)
        yield from anchored(blocks, number, index, notes)


def body_paragraphs(paragraphs: Iterable[tuple[str, Paragraph]], library: Library, options: RenderOptions):
    """Numbered body paragraphs, sub-headings and quoted positions, each paragraph named by `where` in errors."""
    for where, paragraph in paragraphs:
        yield from _paragraph(paragraph, where, library, options)


def _paragraph(paragraph: Paragraph, where: str, library: Library, options: RenderOptions):
    """The Word paragraphs of one response paragraph; a reviewer's pending changes are shown unless clean."""
    if options.clean and paragraph.proposed:
        return
    if not options.clean and paragraph.proposals and not paragraph.subheading:
        proposal = paragraph.proposed or next((p for p in paragraph.proposals if p.kind == "delete"), None)
        if proposal is not None:
            text = paragraph.text if paragraph.position is None or paragraph.edited else None
            if text is None:
                text = pinned(paragraph, library, where)[1].text
            change = "ins" if proposal.kind == "insert" else "del"
            yield from whole(parsed(text, where), change, proposal, paragraph.level)
            return
        if edits(paragraph):
            yield from _proposed(paragraph, where, library)
            return
    if paragraph.subheading:
        yield d.para(d.HEADING_3, paragraph.text)
    elif paragraph.position is None:
        if paragraph.text.strip():
            yield from plain_paras(parsed(paragraph.text, where), paragraph.level)
    else:
        yield from quoted(paragraph, where, library, options)


def _proposed(paragraph: Paragraph, where: str, library: Library):
    """A paragraph with pending edits: the officer's departure from the agreed text and the reviewers' on top."""
    if paragraph.position is None:
        yield from proposal_paras(None, paragraph.text, paragraph, paragraph.level)
        return
    position, version = pinned(paragraph, library, where)
    agreed = parsed(version.text, f"{position.id} {version.date}")
    draft = paragraph.text if paragraph.edited else version.text
    paras = proposal_paras(agreed, draft, paragraph, paragraph.level)
    yield d.Quote(tuple(paras), _provenance(position, version, paragraph.edited and parsed(draft, where) != agreed))


def quoted(paragraph: Paragraph, where: str, library: Library, options: RenderOptions):
    """A quoted position: the draft wording, tracked against its pinned version with a comment saying where
    it comes from, or clean."""
    position, version = pinned(paragraph, library, where)
    agreed = parsed(version.text, f"{position.id} {version.date}")
    draft = parsed(paragraph.text, where) if paragraph.edited else agreed
    if options.clean:
        yield from plain_paras(draft, paragraph.level)
        return
    paras = tracked_paras(agreed, draft, paragraph.level)
    yield d.Quote(tuple(paras), _provenance(position, version, paragraph.edited and draft != agreed))


def _provenance(position: Position, version: Version, edited: bool) -> str:
    """The comment a lead member reads beside a quotation: which position and version, who stood behind it, and,
    when it is not what the board agreed or not the current line, that it is not."""
    state = "Edited from" if edited else "Quoted verbatim from"
    caveat = CAVEAT.get(version.status)
    standing = f", {caveat}" if caveat else ""
    later = "" if version is position.line else f". The current line is the version of {position.line.when}"
    return (
        f"{state} position {position.id} (\u201c{position.title}\u201d), version of {version.when}, "
        f"{version.provenance}{standing} ({version.source.cite()}){later}"
    )


def pinned(paragraph: Paragraph, library: Library, where: str) -> tuple[Position, Version]:
    """The position and pinned version a quoted paragraph refers to, or an InputError."""
    position = library.get(paragraph.position or "")
    if position is None:
        raise InputError(
            Problem(
                where,
                None,
                None,
                f"position '{paragraph.position}' is not in the knowledge base",
                "run 'policydesk check RESPONSE' for suggestions",
            )
        )
    version = position.version(paragraph.version)
    if version is None:
        raise InputError(
            Problem(
                where,
                None,
                None,
                f"{position.id} has no version dated {paragraph.version}",
                "pin one of: " + ", ".join(v.date.isoformat() for v in position.versions),
            )
        )
    return position, version


def parsed(text: str, where: str):
    """The markdown blocks of `text`, or an InputError naming `where` (and the line, in a text of several)."""
    try:
        return parse_markdown(text)
    except MarkdownError as exc:
        multiline = "\n" in text.strip()
        message = f"line {exc.line} of the text: {exc.message}" if exc.line and multiline else exc.message
        raise InputError(Problem(where, None, None, message, exc.hint)) from None


def _contact(response: Response, style: HouseStyle):
    assert response.contact is not None
    yield d.para(d.HEADING_2, style.label("contact_heading"))
    yield from contact_lines(response.contact)


def contact_lines(contact: Contact):
    """The labelled contact lines (house-style.md §2.2 item 9); the phone line only when there is a number."""
    yield d.para(d.CONTACT, f"Contact officer: {contact.name}")
    yield d.para(d.CONTACT, f"Position: {contact.position}")
    if contact.phone:
        yield d.para(d.CONTACT, f"Phone no: {contact.phone}")
    yield d.Para(d.CONTACT, (d.Run("Email: "), d.Run(contact.email, href=f"mailto:{contact.email}")))


def _refuse_undated_sign_off(response: Response) -> None:
    """A signed-off document carries the date it was signed off for, never the day it happens to be rendered."""
    if response.status in SIGNED and response.date is None:
        raise InputError(
            Problem(
                f"{response.slug}.yaml",
                None,
                None,
                f"the response is {response.status} but has no date, so the document would carry today's",
                "add 'date: YYYY-MM-DD' to the response: the date the document should show",
            )
        )


def _refuse_unsafe_text(response: Response) -> None:
    fields = [
        ("the consultation title", response.consultation.title),
        ("the department", response.consultation.department),
        ("the title", response.title_override),
    ]
    if response.contact:
        fields += [(f"the contact {k}", getattr(response.contact, k)) for k in ("name", "position", "email", "phone")]
    fields += [(f"key message {i}", m) for i, m in enumerate(response.key_messages, 1)]
    for section in response.sections:
        fields += [(f"{section.label} heading", section.title), (f"{section.label} answer", section.answer or "")]
        fields += [(f"{section.label}, paragraph {p}", para.text) for p, para in enumerate(section.paragraphs, 1)]
    refuse_unsafe(f"{response.slug}.yaml", fields)


def refuse_unsafe(file: str, fields: Iterable[tuple[str, str]]) -> None:
    """Name the first field holding a character Word cannot hold, before any file is touched."""
    for where, text in fields:
        bad = first_unsafe(text)
        if bad:
            raise InputError(
                Problem(
                    file,
                    None,
                    None,
                    f"{where} contains a character a Word document cannot hold ({bad})",
                    "delete the character and render again",
                )
            )
