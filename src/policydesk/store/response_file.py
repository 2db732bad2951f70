"""Read and write response files (responses/SLUG.yaml), with every field located for error messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from policydesk.model.problems import InputError, Problem
from policydesk.model.response import STATUSES, Consultation, Contact, Paragraph, Response, Section, SignOff
from policydesk.model.rules import email_problem, link_problem, slug_problem
from policydesk.model.scales import SCALES, Limit, allowed_answers
from policydesk.store.atomic import Stamp, write_atomic
from policydesk.store.fields import FieldReader
from policydesk.store.review_fields import add_review_yaml, read_notes, read_proposals, read_review, review_yaml
from policydesk.store.yaml_io import decode, display_path, dump, encode_like, parse, read_bytes

QUESTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*[a-z]?$")
TOP_FIELDS = ("consultation", "title", "status", "date", "sign_off", "contact", "key_messages", "sections", "review")
SECTION_FIELDS = (
    "question", "heading", "text", "scale", "options", "answer", "limit", "paragraphs", "proposals", "notes"
)
SCALE_IDS = (*SCALES, "free-text")
PARAGRAPH_FIELDS = ("position", "version", "text", "level", "subheading", "proposals", "notes")

Where = tuple[int | None, int | None]


@dataclass
class LoadedResponse:
    """A response read from disk: the model (partial when there are errors), its stamp and field locations."""

    path: Path
    response: Response | None
    stamp: Stamp
    problems: list[Problem]
    where: dict[tuple[Any, ...], Where] = field(default_factory=dict)

    @property
    def shown(self) -> str:
        return display_path(self.path)

    def locate(self, *key: Any) -> Where:
        """The location of the most specific field written for `key`, falling back to its parents."""
        while key:
            if key in self.where:
                return self.where[key]
            key = key[:-1]
        return (1, 1)


def read_response(path: Path, slug: str | None = None) -> LoadedResponse:
    """Parse and check the structure of one response file; problems are collected, not raised.

    `slug` names the response when the file is a copy under another name (a recovery file).
    """
    shown = display_path(path)
    raw = read_bytes(path)
    stamp = Stamp.of_bytes(raw)
    try:
        data = parse(decode(raw, shown), shown)
    except InputError as exc:
        return LoadedResponse(path, None, stamp, exc.problems)
    reader = _ResponseReader(shown)
    response = reader.read(data, path, slug)
    return LoadedResponse(path, response, stamp, reader.problems, reader.where)


class _ResponseReader(FieldReader):
    def __init__(self, file: str):
        super().__init__(file)
        self.where: dict[tuple[Any, ...], Where] = {}

    def note(self, key: tuple[Any, ...], node: Any, name: Any = None) -> None:
        self.where[key] = self.at(node, name)

    def read(self, data: Any, path: Path, slug: str | None) -> Response | None:
        if not isinstance(data, CommentedMap):
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
        title = self.text(data, "title", "the response", required=False) or ""
        sign_off = self._sign_off(data)
        if status in ("signed-off", "submitted") and sign_off is None:
            self.report(
                self.at(data, "status"),
                f"status '{status}' needs a sign_off record",
                "add sign_off: {by: NAME, on: YYYY-MM-DD}",
            )
        contact = self._contact(data)
        if "key_messages" in data:
            self.note(("key_messages",), data, "key_messages")
        messages = []
        for i, (text, where) in enumerate(self.string_list(data, "key_messages", "the response")):
            self.where[("key_messages", i)] = where
            self.check_characters(text, data["key_messages"], i)
            messages.append(text.strip())
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

    def _consultation(self, data: CommentedMap) -> Consultation | None:
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

    def _sign_off(self, data: CommentedMap) -> SignOff | None:
        node = self.mapping(data, "sign_off", "the response", required=False)
        if node is None:
            return None
        self.unknown_keys(node, ("by", "on"), "sign_off")
        by, on = self.text(node, "by", "sign_off"), self.date(node, "on", "sign_off")
        return SignOff(by.strip(), on) if by and on else None

    def _contact(self, data: CommentedMap) -> Contact | None:
        node = self.mapping(data, "contact", "the response", required=False)
        if node is None:
            return None
        self.unknown_keys(node, ("name", "position", "email", "phone"), "contact")
        self.note(("contact",), data, "contact")
        name = self.text(node, "name", "contact")
        position = self.text(node, "position", "contact")
        email = self.text(node, "email", "contact")
        phone = self.text(node, "phone", "contact", required=False) or ""
        if email and email_problem(email):
            why = email_problem(email)
            self.report(self.at(node, "email"), f"the contact email {why}", "write it as name@local.gov.uk")
            return None
        if not (name and position and email):
            return None
        return Contact(name.strip(), position.strip(), email.strip(), phone.strip())

    def _sections(self, data: CommentedMap) -> list[Section]:
        items = self.seq(data, "sections", "the response", required=False)
        sections = []
        for s, node in enumerate(items or []):
            self.where[("sections", s)] = self.at(items, s)
            if not isinstance(node, CommentedMap):
                self.report(
                    self.at(items, s), f"section {s + 1} must be a mapping", "start it with 'question:' or 'heading:'"
                )
                continue
            section = self._section(node, s)
            if section is not None:
                sections.append(section)
        return sections

    def _section(self, node: CommentedMap, s: int) -> Section | None:
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

    def _answer(self, node: CommentedMap, what: str, allowed: tuple[str, ...]) -> str | None:
        if "answer" in node and not allowed:
            self.report(
                self.key_at(node, "answer"),
                f"{what} is a free-text question, so it has no one-word answer",
                "remove the answer, or give the question a scale",
            )
            return None
        return self.choice(node, "answer", allowed, what, required=False)

    def _limit(self, node: CommentedMap, what: str) -> Limit | None:
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

    def _paragraphs(self, node: CommentedMap, s: int) -> list[Paragraph]:
        items = self.seq(node, "paragraphs", f"section {s + 1}", required=False)
        paragraphs = []
        for p, item in enumerate(items or []):
            key = ("sections", s, "paragraphs", p)
            self.where[key] = self.at(items, p)
            what = f"paragraph {p + 1} of section {s + 1}"
            if not isinstance(item, CommentedMap):
                self.report(
                    self.at(items, p),
                    f"{what} must be a mapping",
                    "write 'text: ...', 'position: ID' with 'version: DATE', or 'subheading: ...'",
                )
                continue
            for name in item:
                self.note((*key, name), item, name)
            paragraph = self._paragraph(item, what)
            if paragraph is not None:
                marks = {"proposals": read_proposals(self, item, what), "notes": read_notes(self, item, what)}
                paragraphs.append(replace(paragraph, **marks))
        return paragraphs

    def _paragraph(self, item: CommentedMap, what: str) -> Paragraph | None:
        self.unknown_keys(item, PARAGRAPH_FIELDS, what)
        if "subheading" in item:
            text = self.text(item, "subheading", what)
            return Paragraph(text=text.strip(), subheading=True) if text else None
        written = str(item.get("level", "1")).strip()
        level = int(written) if written in ("1", "2", "3") else 1
        if written not in ("1", "2", "3"):
            self.report(
                self.at(item, "level"),
                f"level must be 1, 2 or 3, not '{written}'",
                "level 2 numbers a paragraph 1.1., level 3 numbers it 1.1.1.",
            )
        if "position" in item:
            pid = self.slug(item, "position", what)
            version = self.date(item, "version", what)
            text = self.text(item, "text", what, required=False, empty_ok=True) or ""
            if pid is None or version is None:
                return None
            return Paragraph(text=text.strip(), position=pid, version=version, level=level)
        text = self.text(item, "text", what, empty_ok=True)
        return Paragraph(text=text.strip(), level=level) if text is not None else None


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
        contact = CommentedMap(
            name=response.contact.name, position=response.contact.position, email=response.contact.email
        )
        if response.contact.phone:
            contact["phone"] = response.contact.phone
        data["contact"] = contact
    data["key_messages"] = CommentedSeq(_block(m) for m in response.key_messages)
    data["sections"] = CommentedSeq(_section_yaml(s) for s in response.sections)
    if response.review:
        data["review"] = review_yaml(response.review)
    return data


def _section_yaml(section: Section) -> CommentedMap:
    node = CommentedMap()
    if section.is_question:
        node["question"] = section.number
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
    node = CommentedMap()
    if paragraph.subheading:
        node["subheading"] = paragraph.text
        add_review_yaml(node, paragraph.proposals, paragraph.notes)
        return node
    if paragraph.position:
        node["position"] = paragraph.position
        node["version"] = paragraph.version
    if paragraph.text.strip() or not paragraph.position:
        node["text"] = _block(paragraph.text)
    if paragraph.level != 1:
        node["level"] = str(paragraph.level)
    add_review_yaml(node, paragraph.proposals, paragraph.notes)
    return node


def _block(text: str) -> str:
    text = text.strip()
    return LiteralScalarString(text + "\n") if "\n" in text or len(text) > 80 else text


def write_response(path: Path, response: Response, stamp: Stamp | None) -> Stamp:
    """Save atomically; with a stamp, refuse when the file changed on disk since it was read."""
    return write_atomic(path, response_bytes(path, response, stamp), expected=stamp)


def response_bytes(path: Path, response: Response, stamp: Stamp | None) -> bytes:
    """The file a response saves as. An existing file is updated in place, so its comments, quoting, layout,
    line endings and byte-order mark survive wherever the content did not change.

    A file whose parts are shared through YAML anchors and aliases is written out in full instead: editing
    a shared part in place would change every section that refers to it.
    """
    document = response_to_yaml(response)
    original = b""
    if stamp is not None and stamp.digest is not None and path.is_file():
        try:
            original = read_bytes(path)
            existing = parse(decode(original, display_path(path)), display_path(path))
        except InputError:
            existing = None
        if isinstance(existing, CommentedMap) and not shares_nodes(existing):
            document = merge(existing, document)
    return encode_like(dump(document), original)


def shares_nodes(document: Any) -> bool:
    """True when one mapping or list appears in two places (an alias) or a mapping merges another ('<<')."""
    seen: set[int] = set()
    pending = [document]
    while pending:
        node = pending.pop()
        if not isinstance(node, (CommentedMap, CommentedSeq)):
            continue
        if id(node) in seen or (isinstance(node, CommentedMap) and node.merge):
            return True
        seen.add(id(node))
        pending.extend(node.values() if isinstance(node, CommentedMap) else node)
    return False


def merge(old: Any, new: Any) -> Any:
    """`new`'s content in `old`'s clothes: unchanged values keep their node, and with it comments and style."""
    if isinstance(old, CommentedMap) and isinstance(new, CommentedMap):
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = merge(old[key], value) if key in old else value
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq):
        del old[len(new) :]
        for i, value in enumerate(new):
            if i < len(old):
                old[i] = merge(old[i], value)
            else:
                old.append(value)
        return old
    same = str(old).strip() == str(new).strip() and type(old) is not bool and not isinstance(old, (list, dict))
    return old if same else new
