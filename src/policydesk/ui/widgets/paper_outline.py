"""The paper composer's outline: front matter, summary, recommendations, then each section's paragraphs and its
LGA VIEW, then the annexes."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from policydesk.model.library import Library
from policydesk.model.paper import CLOSING, OPENING, Paper, PaperParagraph, Section, SectionAt
from policydesk.ui.widgets.outline import Item, paragraph_label, snippet


def label(paragraph: PaperParagraph, library: Library | None) -> Text:
    if paragraph.proposes is not None:
        return Text.assemble(
            ("proposed ", "bold yellow"), (f"{paragraph.proposes.id} ", "green"), snippet(paragraph.text, 30)
        )
    return paragraph_label(paragraph, library)


class PaperOutline(Tree[Item]):
    """Rebuilt from the paper after every edit; the cursor follows the item being worked on."""

    def show(self, paper: Paper, library: Library | None, focus: Item | None = None) -> None:
        self.clear()
        self.root.set_label(Text(paper.title, "bold"))
        self.root.data = ("root",)
        nodes: dict[Item, TreeNode] = {}
        nodes[("summary",)] = self.root.add_leaf(
            Text.assemble(("Summary  ", "bold"), snippet(paper.summary, 36)), data=("summary",)
        )
        lead = paper.recommendations.lead if paper.recommendations else ""
        nodes[("recommendations",)] = self.root.add_leaf(
            Text.assemble(("Recommendations  ", "bold"), snippet(lead, 28)), data=("recommendations",)
        )
        for s, section in enumerate(paper.sections):
            self._section(self.root, ("sections", s), f"{section.heading}", section, library, nodes)
        for a, annex in enumerate(paper.annexes):
            node = self.root.add(Text(f"Annex {a + 1}: {annex.title}", "bold"), data=("annex", a), expand=True)
            nodes[("annex", a)] = node
            for s, section in enumerate(annex.sections):
                self._section(node, ("annexes", a, "sections", s), section.heading, section, library, nodes)
        self.root.expand()
        target = nodes.get(focus) if focus else None
        if target is not None:
            self.call_after_refresh(self.move_cursor, target)

    @staticmethod
    def _section(parent: TreeNode, where: SectionAt, heading: str, section: Section, library, nodes: dict) -> None:
        node = parent.add(Text(heading, "bold"), data=("section", where), expand=True)
        nodes[("section", where)] = node
        for p, paragraph in enumerate(section.paragraphs):
            key = ("para", (*where, "paragraphs", p))
            nodes[key] = node.add_leaf(label(paragraph, library), data=key)
        if section.lga_view or (where[0] == "sections" and heading not in (OPENING, *CLOSING)):
            view = node.add(Text(f"LGA VIEW ({len(section.lga_view)})", "bold cyan"), data=("view", where), expand=True)
            nodes[("view", where)] = view
            for p, paragraph in enumerate(section.lga_view):
                key = ("para", (*where, "lga_view", p))
                nodes[key] = view.add_leaf(label(paragraph, library), data=key)
