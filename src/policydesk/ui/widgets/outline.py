"""The composer's outline: key messages, sections and paragraphs of one response as a tree."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree

from policydesk.model.library import Library
from policydesk.model.response import Paragraph, Response

Item = tuple  # ("messages",) | ("message", i) | ("section", s) | ("para", s, p)


def snippet(text: str, width: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def reviewed(item) -> bool:
    """A paragraph or section that carries a reviewer's pending change or an open comment."""
    return bool(item.proposals or any(not n.resolved for n in item.notes))


def paragraph_label(paragraph: Paragraph, library: Library | None) -> Text:
    mark = ("review ", "bold magenta") if reviewed(paragraph) else ""
    if paragraph.subheading:
        return Text.assemble(mark, ("§ ", "bold"), (paragraph.text, "bold"))
    if paragraph.position is None:
        return Text.assemble(mark, ("new  ", "cyan"), snippet(paragraph.text))
    position = library.get(paragraph.position) if library else None
    flags = [mark] if mark else []
    if paragraph.edited:
        flags.append(("✎ ", "yellow"))
    if position is None or position.version(paragraph.version) is None:
        flags.append(("missing ", "bold red"))
    elif position.updated != paragraph.version:
        flags.append(("stale ", "bold red"))
    title = position.title if position is not None else paragraph.position  # a title, not a code
    return Text.assemble(*flags, (snippet(title, 40), "green"))


class Outline(Tree[Item]):
    """Rebuilt from the response after every edit; the cursor follows the item being worked on."""

    def show(self, response: Response, library: Library | None, focus: Item | None = None) -> None:
        self.clear()
        whole = ("  review", "bold magenta") if response.review.proposals or response.review.notes else ""
        self.root.set_label(Text.assemble(response.consultation.title, whole))
        self.root.data = ("root",)
        messages = self.root.add(f"Key messages ({len(response.key_messages)})", data=("messages",), expand=True)
        nodes = {("messages",): messages}
        for i, message in enumerate(response.key_messages):
            nodes[("message", i)] = messages.add_leaf(
                Text.assemble(("• ", "bold"), snippet(message)), data=("message", i)
            )
        for s, section in enumerate(response.sections):
            answer = f" — {section.answer}" if section.answer else ""
            label = f"Q{section.number} {snippet(section.title, 40)}{answer}" if section.is_question else section.title
            mark = ("  review", "bold magenta") if reviewed(section) else ""
            node = self.root.add(Text.assemble((label, "bold"), mark), data=("section", s), expand=True)
            nodes[("section", s)] = node
            for p, paragraph in enumerate(section.paragraphs):
                nodes[("para", s, p)] = node.add_leaf(paragraph_label(paragraph, library), data=("para", s, p))
        self.root.expand()
        target = nodes.get(focus) if focus else None
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)
