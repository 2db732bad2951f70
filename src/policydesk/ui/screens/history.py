"""A position's versions side by side: pick any two and see the word-level change."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from policydesk.changes import version_change
from policydesk.model.position import Position, Version
from policydesk.ui.widgets.diff_view import diff_text


class HistoryScreen(Screen):
    """Highlight a version and press f or t to compare from or to it."""

    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("f", "mark_from", "Compare from"),
        Binding("t", "mark_to", "Compare to"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    def __init__(self, position: Position) -> None:
        super().__init__()
        self.position = position
        last = len(position.versions) - 1
        self.old, self.new = max(last - 1, 0), last

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(
                *[Option(self._label(v), id=str(i)) for i, v in enumerate(self.position.versions)], id="versions"
            )
            with Vertical(id="comparison"):
                yield Static(id="sides")
                with VerticalScroll(id="diff-scroll"):
                    yield Static(id="diff")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"history: {self.position.id}"
        versions = self.query_one("#versions", OptionList)
        versions.border_title = "Versions"
        versions.highlighted = self.new
        versions.focus()
        self.compare()

    def _label(self, version: Version) -> str:
        return f"{version.date}  {version.stance:<8} {version.status}"

    def compare(self) -> None:
        old, new = self.position.versions[self.old], self.position.versions[self.new]
        sides = Text.assemble((f"{self.position.title}\n", "bold"))
        for label, version in (("From", old), ("To  ", new)):
            sides.append(f"{label} {version.date}: {version.agreed_by} ({version.status}), {version.source.cite()}\n")
        if self.old == self.new:
            sides.append("Only one version chosen: showing its text.\n", style="dim")
            self.query_one("#sides", Static).update(sides)
            self.query_one("#diff", Static).update(new.text)
            return
        change = version_change(self.position, old, new)
        sides.append(
            f"Stance: {change.stance_change}.  {change.summary.words_added} words added, "
            f"{change.summary.words_removed} removed, {change.summary.percent}% the same.\n",
            style="bold",
        )
        if new.note:
            sides.append(f"Note: {new.note}\n", style="italic")
        self.query_one("#sides", Static).update(sides)
        self.query_one("#diff", Static).update(diff_text(change.chunks))

    @on(OptionList.OptionSelected, "#versions")
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_mark_to()

    def _highlighted(self) -> int | None:
        return self.query_one("#versions", OptionList).highlighted

    def action_mark_from(self) -> None:
        if (index := self._highlighted()) is not None:
            self.old = index
            if self.new < self.old:
                self.new = self.old
            self.compare()

    def action_mark_to(self) -> None:
        if (index := self._highlighted()) is not None:
            self.new = index
            if self.old > self.new:
                self.old = self.new
            self.compare()
