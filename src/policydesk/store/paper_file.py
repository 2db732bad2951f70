"""Read and write board paper files (papers/SLUG.yaml), with every field located for error messages."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from policydesk.model.paper import PURPOSES, Annex, NewPosition, Paper, PaperParagraph, Recommendations, Section
from policydesk.model.problems import InputError, Problem
from policydesk.model.rules import slug_problem
from policydesk.store.atomic import Stamp, write_atomic
from policydesk.store.document_file import (
    PARAGRAPH_FIELDS,
    DocumentReader,
    Located,
    Where,
    block,
    contact_yaml,
    document_bytes,
    paragraph_yaml,
    read_document,
)
from policydesk.store.located import parse_located
from policydesk.store.yaml_io import decode, display_path, read_bytes

TOP_FIELDS = (
    "board",
    "meeting",
    "title",
    "purpose",
    "plan_theme",
    "summary",
    "recommendations",
    "contact",
    "sections",
    "annexes",
    "decided",
)
PAPER_MARKS = ("board", "meeting", "purpose")
"""Top-level fields only a paper has: a file holding them is read as a paper wherever it is."""
SECTION_FIELDS = ("heading", "paragraphs", "lga_view")
NEW_POSITION_FIELDS = ("new_position", "title", "pillar", "stance", "topics", "text", "level")


@dataclass
class LoadedPaper(Located):
    """A paper read from disk: the model (None when it cannot be built), its stamp and field locations."""

    path: Path
    paper: Paper | None
    stamp: Stamp
    problems: list[Problem]
    where: dict[tuple[Any, ...], Where] = field(default_factory=dict)

    @property
    def document(self) -> Paper | None:
        return self.paper


def read_paper(path: Path, slug: str | None = None) -> LoadedPaper:
    """Parse and check the structure of one paper file; problems are collected, not raised.

    `slug` names the paper when the file is a copy under another name (a recovery file).
    """
    reader = _PaperReader(display_path(path))
    return LoadedPaper(path, *read_document(path, reader, lambda data: reader.read(data, path, slug)))


def is_paper_file(path: Path) -> bool:
    """Whether `path` holds a paper rather than a response: by its top-level fields, else by its folder (papers/)."""
    try:
        raw = read_bytes(path)
        data = parse_located(decode(raw, display_path(path)), display_path(path))
    except InputError:
        data = None
    if isinstance(data, dict):
        if "consultation" in data:
            return False
        if any(key in data for key in PAPER_MARKS):
            return True
    return path.parent.name == "papers"


class _PaperReader(DocumentReader):
    def read(self, data: Any, path: Path, slug: str | None) -> Paper | None:
        if not isinstance(data, dict):
            what = "empty" if data is None else "not a mapping"
            self.report(
                (1, 1), f"the paper file is {what}", "run 'policydesk paper new SLUG ...' to start from a valid file"
            )
            return None
        why = slug_problem(path.stem) if slug is None else None
        if why:
            self.report((1, 1), f"the file name '{path.name}' {why}", "rename it, for example stable-homes-view.yaml")
        self.unknown_keys(data, TOP_FIELDS, "a paper")
        board = self.text(data, "board", "the paper")
        meeting = self.date(data, "meeting", "the paper")
        title = self.text(data, "title", "the paper")
        purpose = self.choice(data, "purpose", PURPOSES, "the paper")
        plan_theme = self.text(data, "plan_theme", "the paper", required=False) or ""
        summary = self.text(data, "summary", "the paper")
        recommendations = self._recommendations(data)
        contact = self.contact(data, "the paper", required=True)
        sections = self._sections(data, ("sections",), "the paper")
        annexes = self._annexes(data)
        decided = self.date(data, "decided", "the paper", required=False)
        if None in (board, meeting, title, purpose, summary):
            return None
        return Paper(
            slug=slug or path.stem,
            board=board.strip(),  # type: ignore[union-attr]
            meeting=meeting,  # type: ignore[arg-type]
            title=title.strip(),  # type: ignore[union-attr]
            purpose=purpose,  # type: ignore[arg-type]
            summary=summary.strip(),  # type: ignore[union-attr]
            recommendations=recommendations,
            contact=contact,
            sections=tuple(sections),
            annexes=tuple(annexes),
            plan_theme=plan_theme.strip(),
            decided=decided,
        )

    def _recommendations(self, data: dict) -> Recommendations | None:
        value = data.get("recommendations")
        if isinstance(value, str) or value is None:
            text = self.text(data, "recommendations", "the paper")
            return Recommendations(text.strip()) if text else None
        node = self.mapping(data, "recommendations", "the paper")
        if node is None:
            return None
        self.unknown_keys(node, ("lead", "items"), "recommendations")
        self.note(("recommendations",), data, "recommendations")
        lead = self.text(node, "lead", "recommendations")
        items = []
        for i, (text, where) in enumerate(self.string_list(node, "items", "recommendations")):
            self.where[("recommendations", "items", i)] = where
            self.check_characters(text, node["items"], i)
            items.append(text.strip())
        return Recommendations(lead.strip(), tuple(items)) if lead else None

    def _sections(self, node: dict, key: tuple[Any, ...], of: str) -> list[Section]:
        listed = self.seq(node, "sections", of, required=key == ("sections",))
        sections = []
        for s, item in enumerate(listed or []):
            where = (*key, s)
            self.where[where] = self.at(listed, s)
            what = f"section {s + 1}" if key == ("sections",) else f"section {s + 1} of {of}"
            if not isinstance(item, dict):
                self.report(self.at(listed, s), f"{what} must be a mapping", "start it with 'heading:'")
                continue
            self.unknown_keys(item, SECTION_FIELDS, what)
            heading = self.text(item, "heading", what)
            paragraphs = self._paragraphs(item, "paragraphs", where, what)
            view = self._paragraphs(item, "lga_view", where, f"the LGA VIEW of {what}")
            if heading is not None:
                sections.append(Section(heading.strip(), tuple(paragraphs), tuple(view)))
        return sections

    def _paragraphs(self, node: dict, field: str, key: tuple[Any, ...], of: str) -> list[PaperParagraph]:
        found = []
        for _, item, what in self.items(node, field, key, of):
            paragraph = (
                self._new_position(item, what)
                if "new_position" in item
                else self.paragraph(item, what, PARAGRAPH_FIELDS, PaperParagraph)
            )
            if paragraph is not None:
                found.append(paragraph)
        return found

    def _new_position(self, item: dict, what: str) -> PaperParagraph | None:
        if "position" in item:
            self.report(
                self.key_at(item, "position"),
                f"{what} both quotes a position and drafts a new one",
                "keep 'position:' to edit an existing position, or 'new_position:' to draft one",
            )
            return None
        self.unknown_keys(item, NEW_POSITION_FIELDS, what)
        pid = self.slug(item, "new_position", what)
        title = self.text(item, "title", what)
        pillar = self.text(item, "pillar", what)
        stance = self.text(item, "stance", what)
        topics = tuple(t.strip() for t, _ in self.string_list(item, "topics", what))
        text = self.text(item, "text", what)
        level = self.level(item)
        if None in (pid, title, pillar, stance, text):
            return None
        proposal = NewPosition(pid, title.strip(), pillar.strip(), stance.strip(), topics)  # type: ignore[union-attr, arg-type]
        return PaperParagraph(text=text.strip(), level=level, proposes=proposal)  # type: ignore[union-attr]

    def _annexes(self, data: dict) -> list[Annex]:
        listed = self.seq(data, "annexes", "the paper", required=False)
        annexes = []
        for a, item in enumerate(listed or []):
            self.where[("annexes", a)] = self.at(listed, a)
            what = f"annex {a + 1}"
            if not isinstance(item, dict):
                self.report(self.at(listed, a), f"{what} must be a mapping", "give it 'title:' and 'sections:'")
                continue
            self.unknown_keys(item, ("title", "sections"), what)
            title = self.text(item, "title", what)
            sections = self._sections(item, ("annexes", a, "sections"), what)
            if title is not None:
                annexes.append(Annex(title.strip(), tuple(sections)))
        return annexes


def paper_to_yaml(paper: Paper) -> CommentedMap:
    """The canonical YAML layout of a paper, as policydesk writes it."""
    data = CommentedMap()
    data["board"] = paper.board
    data["meeting"] = paper.meeting
    data["title"] = paper.title
    data["purpose"] = paper.purpose
    if paper.plan_theme:
        data["plan_theme"] = paper.plan_theme
    data["summary"] = block(paper.summary)
    if paper.recommendations:
        recommendations = paper.recommendations
        if recommendations.items:
            data["recommendations"] = CommentedMap(
                lead=recommendations.lead, items=CommentedSeq(block(i) for i in recommendations.items)
            )
        else:
            data["recommendations"] = block(recommendations.lead)
    if paper.contact:
        data["contact"] = contact_yaml(paper.contact)
    data["sections"] = CommentedSeq(_section_yaml(s) for s in paper.sections)
    if paper.annexes:
        data["annexes"] = CommentedSeq(
            CommentedMap(title=a.title, sections=CommentedSeq(_section_yaml(s) for s in a.sections))
            for a in paper.annexes
        )
    if paper.decided:
        data["decided"] = paper.decided
    return data


def _section_yaml(section: Section) -> CommentedMap:
    node = CommentedMap(heading=section.heading)
    node["paragraphs"] = CommentedSeq(_paragraph_yaml(p) for p in section.paragraphs)
    if section.lga_view:
        node["lga_view"] = CommentedSeq(_paragraph_yaml(p) for p in section.lga_view)
    return node


def _paragraph_yaml(paragraph: PaperParagraph) -> CommentedMap:
    proposal = paragraph.proposes
    if proposal is None:
        return paragraph_yaml(paragraph)
    node = CommentedMap(new_position=proposal.id, title=proposal.title, pillar=proposal.pillar)
    node["stance"] = proposal.stance
    if proposal.topics:
        topics = CommentedSeq(proposal.topics)
        topics.fa.set_flow_style()
        node["topics"] = topics
    node["text"] = block(paragraph.text)
    if paragraph.level != 1:
        node["level"] = str(paragraph.level)
    return node


def write_paper(path: Path, paper: Paper, stamp: Stamp | None) -> Stamp:
    """Save atomically; with a stamp, refuse when the file changed on disk since it was read."""
    return write_atomic(path, paper_bytes(path, paper, stamp), expected=stamp)


def paper_bytes(path: Path, paper: Paper, stamp: Stamp | None) -> bytes:
    """The file a paper saves as, keeping an existing file's comments and layout (see document_bytes)."""
    return document_bytes(path, paper_to_yaml(paper), stamp)
