"""Choose which positions the library shows: stance, tier, topic and date, with plain names."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static

from policydesk.model.library import Filters
from policydesk.model.rules import day_month_year, parse_day
from policydesk.model.taxonomy import Taxonomy
from policydesk.ui.screens.form import Form
from policydesk.ui.widgets.key_bar import KeyBar
from policydesk.ui.widgets.text_field import TextField


class FiltersScreen(Form[Filters | None]):
    """Ctrl+S applies, Escape leaves the filters as they were."""

    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]
    KEEP = "Ctrl+S applies, Escape cancels"

    def __init__(self, filters: Filters, taxonomy: Taxonomy):
        super().__init__()
        self.filters, self.taxonomy = filters, taxonomy

    def compose(self) -> ComposeResult:
        t = self.taxonomy
        with VerticalScroll(classes="dialog", id="filter-dialog"):  # scrolls to the field being filled in
            yield Label("Show only positions that…", classes="title")
            yield Static("", id="went-round", classes="went-round")
            yield Label("Stance")
            yield Select(
                [(f"{s}: {d}", s) for s, d in t.stances.items()],
                value=self.filters.stance or Select.NULL,
                prompt="any stance",
                id="stance",
            )
            yield Label("Tier")
            yield Select(
                [(f"{k}: {d}", k) for k, d in t.tiers.items()],
                value=self.filters.tier or Select.NULL,
                prompt="any tier",
                id="tier",
            )
            yield Label("Topic")
            yield Select(
                [(t.topic_title(k), k) for k in sorted(t.topics)],
                value=self.filters.topic or Select.NULL,
                prompt="any topic",
                id="topic",
            )
            yield Label("Recorded on or after (for example 1 January 2023)")
            since = day_month_year(self.filters.since) if self.filters.since else ""
            yield TextField(since, placeholder="any date", id="since", select_on_focus=True)
            yield Static("", id="since-problem", classes="problem")
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.query_one(KeyBar).show([("Tab", "Next"), ("Ctrl+S", "Apply"), ("Escape", "Cancel")])
        self.query_one("#stance", Select).focus()

    def _chosen(self, key: str) -> str | None:
        value = self.query_one(f"#{key}", Select).value
        return None if value is Select.NULL else str(value)

    def action_apply(self) -> None:
        written = self.query_one("#since", Input).value.strip()
        try:
            since = parse_day(written) if written else None
        except ValueError as exc:
            problem = self.query_one("#since-problem", Static)
            problem.update(str(exc))
            self.call_after_refresh(problem.scroll_visible)  # below the screen's edge at 80 by 24
            return
        self.dismiss(
            replace(
                self.filters,
                stance=self._chosen("stance"),
                tier=self._chosen("tier"),
                topic=self._chosen("topic"),
                since=since,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
