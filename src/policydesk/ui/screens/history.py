"""A position's versions side by side: pick any two and see what changed, point by point or word by word."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from policydesk.changes import VersionChange, version_change
from policydesk.model.position import Position
from policydesk.ui.widgets.diff_view import diff_text
from policydesk.ui.widgets.key_bar import KeyBar
from policydesk.ui.widgets.position_preview import standing_line

KEYS = [
    ("↑ ↓", "Choose a version"),
    ("F", "Compare from it"),
    ("T", "Compare to it"),
    ("A", "Quote this version"),
    ("Escape", "Back to the library"),
    ("F1", "Help"),
]
POINT_STYLES = {"carried over": "bold", "dropped": "bold red", "new": "bold green"}


def points_view(change: VersionChange) -> RenderableType:
    """A rewritten version read point by point: what carried over (with its word changes), what went, what is new."""
    parts: list[RenderableType] = []
    for point in change.points():
        label = Text(f"{point.kind.capitalize()}: ", POINT_STYLES[point.kind])
        if point.kind == "carried over":
            parts.append(label + diff_text(point.chunks))
        else:
            parts.append(label + Text(point.old or point.new, "strike" if point.kind == "dropped" else ""))
        parts.append(Text(""))
    return Group(*parts)


class HistoryScreen(Screen):
    """Highlight a version and press f or t to compare from or to it, or a to quote it in the response."""

    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("f", "mark_from", "Compare from"),
        Binding("t", "mark_to", "Compare to"),
        Binding("a", "quote", "Quote this version"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position
        last = len(position.versions) - 1
        self.new = position.versions.index(position.line) if position.line is not position.latest else last
        self.old = max(self.new - 1, 0)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(
                *[Option(self._label(i), id=str(i)) for i in range(len(self.position.versions))], id="versions"
            )
            with Vertical(id="comparison"):  # the comparison first: at 80 by 24 the two texts would hide it
                with VerticalScroll(id="diff-scroll"):
                    yield Static(id="diff")
                with VerticalScroll(id="sides-scroll"):
                    yield Static(id="sides")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = f"history: {self.position.title}"
        self.query_one(KeyBar).show(KEYS)
        versions = self.query_one("#versions", OptionList)
        versions.border_title = "Versions"
        versions.highlighted = self.new
        versions.focus()
        self.compare()

    def _label(self, index: int) -> Text:
        """'14 March 2023 ◀ from' over 'Agreed, the line': the day, which of the two compared it is, and what it is."""
        version = self.position.versions[index]
        compared = {self.old: " ◀ from", self.new: " ◀ to"} if self.old != self.new else {}
        return Text.assemble(
            (version.when, "bold"),
            (compared.get(index, ""), "bold cyan"),
            f"\n  {version.status_word}",
            (", the line" if version is self.position.line else "", "dim"),
        )

    def compare(self) -> None:
        old, new = self.position.versions[self.old], self.position.versions[self.new]
        versions = self.query_one("#versions", OptionList)
        for index in range(len(self.position.versions)):
            versions.replace_option_prompt_at_index(index, self._label(index))
        sides = Text.assemble((f"{self.position.title}\n", "bold"))
        if self.old == self.new:  # the only version: shown once, not compared with itself
            sides.append("This is the only version recorded.\n", style="bold")
            sides.append(standing_line(new))
            sides.append(f"\n{new.source.cite()}\n")
            self.query_one("#sides", Static).update(sides)
            self.query_one("#diff", Static).update(new.text)
            return
        for label, version in (("From ", old), ("To   ", new)):
            sides.append(label)
            sides.append(standing_line(version))
            sides.append(f"\n      {version.source.cite()}\n")
        change = version_change(self.position, old, new)
        sides.append(f"Stance: {change.stance_change}. {change.headline().capitalize()}.\n", style="bold")
        if new.note:
            sides.append(f"Note: {new.note}\n", style="italic")
        self.query_one("#sides", Static).update(sides)
        self.query_one("#diff", Static).update(points_view(change) if change.rewritten else diff_text(change.chunks))

    @on(OptionList.OptionSelected, "#versions")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_mark_to()

    def _highlighted(self) -> int | None:
        return self.query_one("#versions", OptionList).highlighted

    def action_mark_from(self) -> None:
        index = self._highlighted()
        if index is None:
            return
        last = len(self.position.versions) - 1
        if index == last and last > 0:
            self.old, self.new = last - 1, last
            self.notify("That is the latest version, so it is compared with the one before it.")
        else:
            self.old = index
            self.new = max(self.new, index + 1) if index < last else index
        self.compare()

    def action_mark_to(self) -> None:
        index = self._highlighted()
        if index is None:
            return
        if index == 0 and len(self.position.versions) > 1:
            self.old, self.new = 0, 1
            self.notify("That is the first version, so it is compared with the one after it.")
        else:
            self.new = index
            self.old = min(self.old, index - 1) if index > 0 else index
        self.compare()

    def action_quote(self) -> None:
        """Quote the highlighted version on purpose: the line by default, a later note only when chosen here."""
        index = self._highlighted()
        if index is not None:
            self.app.add_to_response(self.position, self.position.versions[index])
