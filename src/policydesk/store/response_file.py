"""Read and write response files (responses/SLUG.yaml), with every field located for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from policydesk.model.problems import Problem
from policydesk.model.response import STATUSES, Consultation, Paragraph, Response, Section, SignOff
from policydesk.model.rules import QUESTION_NUMBER, link_problem, slug_problem
from policydesk.model.scales import SCALES, Limit, allowed_answers
from policydesk.store.atomic import Stamp, write_atomic
from policydesk.store.document_file import (
    DocumentReader,
    Located,
    Where,
    block,
    contact_yaml,
    document_bytes,
    paragraph_yaml,
    read_document,
)
from policydesk.store.review_fields import add_review_yaml, read_notes, read_proposals, read_review, review_yaml
from policydesk.store.yaml_io import as_text, display_path

TOP_FIELDS = ("consultation", "title", "status", "date", "sign_off", "contact", "key_messages", "sections", "review")
SECTION_FIELDS = (
    "question",
    "heading",
    "text",
    "scale",
    "options",
    "answer",
    "limit",
    "paragraphs",
    "proposals",
    "notes",
)
SCALE_IDS = (*SCALES, "free-text")
PARAGRAPH_FIELDS = ("position", "version", "text", "level", "subheading", "proposals", "notes")


@dataclass
class LoadedResponse(Located):
    """A response read from disk: the model (partial when there are errors), its stamp and field locations."""

    path: Path
    response: Response | None
    stamp: Stamp
    problems: list[Problem]
    where: dict[tuple[Any, ...], Where] = field(default_factory=dict)

    @property
    def document(self) -> Response | None:
        return self.response


def read_response(path: Path, slug: str | None = None, fast: bool = True) -> LoadedResponse:
    """Parse and check the structure of one response file; problems are collected, not raised.

    `slug` names the response when the file is a copy under another name (a recovery file). `fast=False`
    reads it with the round-trip parser only, which must always agree.
    """
    reader = _ResponseReader(display_path(path))
    return LoadedResponse(path, *read_document(path, reader, lambda data: reader.read(data, path, slug), fast))


class _ResponseReader(DocumentReader):
    def read(self, data: Any, path: Path, slug: str | None) -> Response | None:
        if not isinstance(data, dict):
            what = "empty" if data is None else "not a mapping"
            self.report((1, 1), f"the response file is {what}", "run 'policydesk new SLUG' to start from a valid file")
            return None
        if slug is None and slug_problem(path.stem):
            why = slug_problem(path.stem)
            self.report((1, 1), f"the file name '{path.name}' {why}", "rename it, for example send-plan.yaml")
        self.unknown_keys(data, TOP_FIELDS, "a response")
        consultation = self._consultation(data)
        status = self.choice(data, "status", STATUSES, "the response") or "draft"
        when = self.date(data, "date", "the response", required=False)
        if "date" in data:
            self.note(("date",), data, "date")
        title = self.text(data, "title", "the response", required=False) or ""
        sign_off = self._sign_off(data)
        if status in ("signed-off", "submitted") and sign_off is None:
            self.report(
                self.at(data, "status"),
                f"status '{status}' needs a sign_off record",
                "add sign_off: {by: NAME, on: YYYY-MM-DD}",
            )
        contact = self.contact(data, "the response")
        messages = self.texts(data, "key_messages", "the response")
        sections = self._sections(data)
        review = read_review(self, data)
        if consultation is None:
            return None
        return Response(
            path.stem,
            consultation,
            status,
            when,
            sign_off,
            contact,
            tuple(messages),
            tuple(sections),
            title_override=title,
            review=review,
        )

    def _consultation(self, data: dict) -> Consultation | None:
        node = self.mapping(data, "consultation", "the response")
        if node is None:
            return None
        self.unknown_keys(node, ("title", "department", "closes", "link"), "consultation")
        self.note(("consultation",), data, "consultation")
        title = self.text(node, "title", "consultation")
        department = self.text(node, "department", "consultation")
        closes = self.date(node, "closes", "consultation", required=False)
        link = self.text(node, "link", "consultation", required=False) or ""
        if link_problem(link):
            self.report(
                self.at(node, "link"),
                f"the consultation link {link_problem(link)}",
                "give the full address, starting https://",
            )
        if title is None or department is None:
            return None
        return Consultation(title.strip(), department.strip(), closes, link)

    def _sign_off(self, data: dict) -> SignOff | None:
        node = self.mapping(data, "sign_off", "the response", required=False)
        if node is None:
            return None
        self.unknown_keys(node, ("by", "on"), "sign_off")
        by, on = self.text(node, "by", "sign_off"), self.date(node, "on", "sign_off")
        if "on" in node:
            self.note(("sign_off", "on"), node, "on")
        return SignOff(by.strip(), on) if by and on else None

    def _sections(self, data: dict) -> list[Section]:
        items = self.seq(data, "sections", "the response", required=False)
        sections = []
        for s, node in enumerate(items or []):
            self.where[("sections", s)] = self.at(items, s)
            if not isinstance(node, dict):
                self.report(
                    self.at(items, s), f"section {s + 1} must be a mapping", "start it with 'question:' or 'heading:'"
                )
                continue
            section = self._section(node, s)
            if section is not None:
                sections.append(section)
        return sections

    def _section(self, node: dict, s: int) -> Section | None:
        what = f"section {s + 1}"
        self.unknown_keys(node, SECTION_FIELDS, what)
        paragraphs = self._paragraphs(node, s)
        marks = {"proposals": read_proposals(self, node, what), "notes": read_notes(self, node, what)}
        if "question" in node:
            number = self.text(node, "question", what)
            if number is not None and not QUESTION_NUMBER.match(number.strip()):
                self.report(
                    self.at(node, "question"),
                    f"question number '{number}' is malformed",
                    "write the consultation's number only, such as 3, 3a or 3.1",
                )
                number = None
            text = self.text(node, "text", what)
            scale = self.choice(node, "scale", SCALE_IDS, what, required=False)
            options = tuple(o.strip() for o, _ in self.string_list(node, "options", what))
            if scale and options:
                self.report(
                    self.key_at(node, "options"),
                    f"{what} has both a scale and its own options",
                    "keep 'options:' for a choice among listed answers, or 'scale:' for a standard scale",
                )
            answer = self._answer(node, what, allowed_answers(scale, options))
            limit = self._limit(node, what)
            if number is None or text is None:
                return None
            return Section(text.strip(), tuple(paragraphs), number.strip(), answer, scale, options, limit, **marks)
        if "heading" in node:
            heading = self.text(node, "heading", what)
            if "answer" in node:
                self.report(
                    self.key_at(node, "answer"),
                    "a heading section cannot have an answer",
                    "make it a question (question: NUMBER, text: ...) or remove the answer",
                )
            return Section(heading.strip(), tuple(paragraphs), **marks) if heading else None
        self.report(
            self.at(node),
            f"{what} is neither a question nor a heading",
            "add 'question: NUMBER' with 'text:', or 'heading: TEXT'",
        )
        return None

    def _answer(self, node: dict, what: str, allowed: tuple[str, ...]) -> str | None:
        if "answer" in node and not allowed:
            self.report(
                self.key_at(node, "answer"),
                f"{what} is a free-text question, so it has no one-word answer",
                "remove the answer, or give the question a scale",
            )
            return None
        return self.choice(node, "answer", allowed, what, required=False)

    def _limit(self, node: dict, what: str) -> Limit | None:
        limit = self.mapping(node, "limit", what, required=False)
        if limit is None:
            return None
        self.unknown_keys(limit, ("words", "characters"), f"the limit of {what}")
        units = [unit for unit in ("words", "characters") if unit in limit]
        count = limit.get(units[0]) if len(units) == 1 else None
        if count is None or not str(count).isdigit() or int(str(count)) < 1:
            self.report(
                self.at(node, "limit"),
                f"the limit of {what} must be a number of words or characters",
                "write limit: {words: 250} or limit: {characters: 500}",
            )
            return None
        return Limit(int(str(count)), units[0])  # type: ignore[arg-type]

    def _paragraphs(self, node: dict, s: int) -> list[Paragraph]:
        """The section's paragraphs, each with any proposals and review notes a reviewer left on it."""
        found = []
        for _, item, what in self.items(node, "paragraphs", ("sections", s), f"section {s + 1}"):
            paragraph = self.paragraph(item, what, PARAGRAPH_FIELDS)
            if paragraph is not None:
                marks = {"proposals": read_proposals(self, item, what), "notes": read_notes(self, item, what)}
                found.append(replace(paragraph, **marks))
        return found


def response_to_yaml(response: Response) -> CommentedMap:
    """The canonical YAML layout of a response, as policydesk writes it."""
    data = CommentedMap()
    c = response.consultation
    consultation = CommentedMap(title=c.title, department=c.department)
    if c.closes:
        consultation["closes"] = c.closes
    if c.link:
        consultation["link"] = c.link
    data["consultation"] = consultation
    if response.title_override:
        data["title"] = response.title_override
    data["status"] = response.status
    if response.date:
        data["date"] = response.date
    if response.sign_off:
        data["sign_off"] = CommentedMap(by=response.sign_off.by, on=response.sign_off.on)
    if response.contact:
        data["contact"] = contact_yaml(response.contact)
    data["key_messages"] = CommentedSeq(block(m) for m in response.key_messages)
    data["sections"] = CommentedSeq(_section_yaml(s) for s in response.sections)
    if response.review:
        data["review"] = review_yaml(response.review)
    return data


def _section_yaml(section: Section) -> CommentedMap:
    node = CommentedMap()
    if section.is_question:
        node["question"] = as_text(section.number or "")
        node["text"] = section.title
        if section.scale:
            node["scale"] = section.scale
        if section.options:
            node["options"] = CommentedSeq(section.options)
        if section.answer:
            node["answer"] = section.answer
        if section.limit:
            limit = CommentedMap({section.limit.unit: str(section.limit.count)})
            limit.fa.set_flow_style()
            node["limit"] = limit
    else:
        node["heading"] = section.title
    node["paragraphs"] = CommentedSeq(_paragraph_yaml(p) for p in section.paragraphs)
    add_review_yaml(node, section.proposals, section.notes)
    return node


def _paragraph_yaml(paragraph: Paragraph) -> CommentedMap:
    node = paragraph_yaml(paragraph)
    add_review_yaml(node, paragraph.proposals, paragraph.notes)
    return node


def write_response(path: Path, response: Response, stamp: Stamp | None) -> Stamp:
    """Save atomically; with a stamp, refuse when the file changed on disk since it was read."""
    return write_atomic(path, response_bytes(path, response, stamp), expected=stamp)


def response_bytes(path: Path, response: Response, stamp: Stamp | None) -> bytes:
    """The file a response saves as, keeping an existing file's comments and layout (see document_bytes)."""
    return document_bytes(path, response_to_yaml(response), stamp)
