"""Browse and search the knowledge base: facet tree, fuzzy search, filters, results and preview."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, ProgressBar, Static, Tree

from policydesk.model.library import Filters, Library
from policydesk.model.position import Position
from policydesk.search import SearchIndex
from policydesk.ui.screens.history import HistoryScreen
from policydesk.ui.screens.prompt import Prompt
from policydesk.ui.widgets.position_preview import position_preview

MAX_ROWS = 500
"""Rows shown in the results table; searching or filtering narrows the rest."""
STANCES = (None, "welcome", "support", "concern", "call", "mixed", "oppose")
TIERS = (None, "A", "B", "C", "D")


class LibraryScreen(Screen):
    """The officer's way into the knowledge base."""

    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("s", "cycle_stance", "Stance"),
        Binding("t", "cycle_tier", "Tier"),
        Binding("d", "since", "Since"),
        Binding("x", "clear_filters", "Clear filters"),
        Binding("v", "history", "History"),
        Binding("a", "add_to_response", "Add to response"),
        Binding("escape", "leave_search", "Results", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.library: Library | None = None
        self.index: SearchIndex | None = None
        self.filters = Filters()
        self.shown: list[Position] = []
        self.wanted: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search positions (try: kinship carers)", id="search")
        yield Static("", id="filters")
        with Horizontal(id="body"):
            yield Tree("All positions", id="facets")
            with Vertical(id="main"):
                yield DataTable(id="results", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="preview-scroll"):
                    yield Static("", id="preview")
        with Vertical(id="loading"):
            yield Static("Loading the knowledge base…")
            yield ProgressBar(id="progress", show_eta=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "library"
        table = self.query_one("#results", DataTable)
        table.add_column("Date", key="date", width=10)
        table.add_column("Stance", key="stance", width=8)
        table.add_column("Pillar", key="pillar", width=10)
        table.add_column("Title", key="title")
        if self.app.library is not None:
            self.show_library(self.app.library, self.app.index)

    def loading(self, done: int, total: int) -> None:
        """Progress from the loading worker."""
        self.query_one("#progress", ProgressBar).update(total=total, progress=done)

    def show_library(self, library: Library, index: SearchIndex) -> None:
        """Called once the knowledge base has loaded."""
        self.library, self.index = library, index
        self.query_one("#loading").display = False
        self._build_tree(library)
        self.refresh_results()
        self.query_one("#results").focus()

    def _build_tree(self, library: Library) -> None:
        tree = self.query_one("#facets", Tree)
        tree.clear()
        facets, taxonomy = library.facets(), library.taxonomy
        tree.root.set_label(f"All positions ({len(library)})")
        tree.root.data = Filters()
        frameworks = tree.root.add("Frameworks", expand=True)
        for fid, framework in taxonomy.frameworks.items():
            count = facets["framework"].get(fid, 0)
            if not count:
                continue
            node = frameworks.add(f"{framework.title} ({count})", data=Filters(framework=fid))
            for pillar in taxonomy.pillars_of(fid):
                if facets["pillar"].get(pillar.id):
                    node.add_leaf(f"{pillar.title} ({facets['pillar'][pillar.id]})", data=Filters(pillar=pillar.id))
        areas = tree.root.add("Policy areas")
        for pillar in taxonomy.pillars_of(None):
            if facets["pillar"].get(pillar.id):
                areas.add_leaf(f"{pillar.title} ({facets['pillar'][pillar.id]})", data=Filters(pillar=pillar.id))
        topics = tree.root.add("Topics")
        for topic in sorted(taxonomy.topics):
            if facets["topic"].get(topic):
                topics.add_leaf(f"{topic} ({facets['topic'][topic]})", data=Filters(topic=topic))
        tree.root.expand()

    @on(Tree.NodeSelected, "#facets")
    def facet_chosen(self, event: Tree.NodeSelected) -> None:
        chosen: Filters | None = event.node.data
        if chosen is None:
            return
        self.filters = replace(self.filters, framework=chosen.framework, pillar=chosen.pillar, topic=chosen.topic)
        self.refresh_results()

    @on(Input.Changed, "#search")
    def query_changed(self) -> None:
        self.refresh_results()

    @on(Input.Submitted, "#search")
    def query_submitted(self) -> None:
        self.query_one("#results").focus()

    def refresh_results(self) -> None:
        if self.library is None:
            return
        self._describe_filters()
        self.rank(self.query_one("#search", Input).value, self.filters)

    @work(exclusive=True, thread=True, group="search")
    def rank(self, query: str, filters: Filters) -> None:
        """Rank off the UI thread, so typing never waits; a newer keystroke cancels this one."""
        assert self.library is not None and self.index is not None
        within = self.library.filter(filters)
        found = [hit.position for hit in self.index.search(query, within=within)] if query.strip() else list(within)
        self.app.call_from_thread(self.show_results, found)

    def show_results(self, positions: list[Position]) -> None:
        self.shown = positions[:MAX_ROWS]
        table = self.query_one("#results", DataTable)
        table.clear()
        for p in self.shown:
            table.add_row(p.updated.isoformat(), p.stance, p.pillar, p.title, key=p.id)
        more = f", first {MAX_ROWS} shown: search or filter to narrow" if len(positions) > MAX_ROWS else ""
        table.border_title = f"{len(positions)} positions{more}"
        if self.wanted is not None and any(p.id == self.wanted for p in self.shown):
            table.move_cursor(row=table.get_row_index(self.wanted))
            table.focus()
            self.wanted = None
        self._preview(positions[0] if positions else None)

    @on(DataTable.RowHighlighted, "#results")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._preview(self.library.get(event.row_key.value) if self.library and event.row_key else None)

    @on(DataTable.RowSelected, "#results")
    def row_selected(self) -> None:
        self.action_history()

    def _preview(self, position: Position | None) -> None:
        preview = self.query_one("#preview", Static)
        if position is None or self.library is None:
            preview.update("No position matches. Press x to clear the filters.")
            return
        preview.update(position_preview(position, self.library.taxonomy))

    @property
    def highlighted(self) -> Position | None:
        table = self.query_one("#results", DataTable)
        if self.library is None or not self.shown or table.cursor_row < 0:
            return None
        key = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key
        return self.library.get(key.value) if key else None

    def select(self, position_id: str) -> None:
        """Show one position: clear the search and filters; the cursor goes to it when the results arrive."""
        self.wanted = position_id
        self.filters = Filters()
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        else:
            self.refresh_results()

    def filter_to(self, filters: Filters) -> None:
        self.filters = filters
        self.refresh_results()

    def _describe_filters(self) -> None:
        active = ", ".join(f"{k}: {v}" for k, v in self.filters.active.items())
        self.query_one("#filters", Static).update(
            f"Filters: {active or 'none'}   [dim]s stance · t tier · d since · x clear[/]"
        )

    def action_focus_search(self) -> None:
        self.query_one("#search").focus()

    def action_leave_search(self) -> None:
        self.query_one("#results").focus()

    def action_cycle_stance(self) -> None:
        self.filters = replace(self.filters, stance=_next(STANCES, self.filters.stance))
        self.refresh_results()

    def action_cycle_tier(self) -> None:
        self.filters = replace(self.filters, tier=_next(TIERS, self.filters.tier))
        self.refresh_results()

    def action_clear_filters(self) -> None:
        self.filters = Filters()
        self.refresh_results()

    def action_since(self) -> None:
        def chosen(value: str | None) -> None:
            if value is None:
                return
            try:
                since = date.fromisoformat(value) if value.strip() else None
            except ValueError:
                self.notify(f"'{value}' is not a date; write it as YYYY-MM-DD", severity="error")
                return
            self.filters = replace(self.filters, since=since)
            self.refresh_results()

        self.app.push_screen(
            Prompt(
                "Show positions whose current version is on or after (YYYY-MM-DD, empty for any)",
                str(self.filters.since or ""),
            ),
            chosen,
        )

    def action_history(self) -> None:
        if self.highlighted is not None and self.library is not None:
            self.app.push_screen(HistoryScreen(self.highlighted))

    def action_add_to_response(self) -> None:
        position = self.highlighted
        if position is not None:
            self.app.add_to_response(position)


def _next(options: tuple, current: object) -> object:
    return options[(options.index(current) + 1) % len(options)]
