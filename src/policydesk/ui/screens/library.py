"""Browse and search the knowledge base: typing always searches; the tree, filters and preview do the rest."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, ProgressBar, Static, Tree

from policydesk.model.library import Filters, Library
from policydesk.model.position import Position
from policydesk.model.rules import day_month_year, day_problem, parse_day
from policydesk.search import SearchIndex
from policydesk.ui.screens.filters import FiltersScreen
from policydesk.ui.screens.history import HistoryScreen
from policydesk.ui.screens.prompt import Prompt
from policydesk.ui.widgets.key_bar import KeyBar
from policydesk.ui.widgets.position_preview import position_preview

MAX_ROWS = 500
"""Rows shown in the results table; searching or filtering narrows the rest."""
TITLE_WIDTH = 60

KEYS = [
    ("Type", "to search"),
    ("↑ ↓", "Choose"),
    ("Enter", "Versions and history"),
    ("Ctrl+A", "Add to what is open"),
    ("Ctrl+F", "Filters"),
    ("Ctrl+X", "Clear filters"),
    ("Ctrl+W", "Weaker matches"),
    ("Ctrl+D", "As at a date"),
    ("Ctrl+O", "Open a response"),
    ("F3", "Composer"),
    ("F1", "Help"),
    ("Ctrl+Q", "Quit"),
]


def _match(count: int) -> str:
    return "matches" if count == 1 else "match"


def cut(text: str, width: int = TITLE_WIDTH) -> str:
    """`text` shortened at a word boundary, never in the middle of a word."""
    if len(text) <= width:
        return text
    return text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


class LibraryScreen(Screen):
    """The officer's way into the knowledge base."""

    CSS_PATH = "library.tcss"
    BINDINGS = [
        Binding("ctrl+a", "add_to_response", "Add to the open response or paper", priority=True),
        Binding("ctrl+o", "open", "Open a response or paper", priority=True),
        Binding("ctrl+f", "filters", "Filters", priority=True),
        Binding("ctrl+x", "clear_filters", "Clear filters", priority=True),
        Binding("ctrl+w", "toggle_weaker", "Weaker matches", priority=True),
        Binding("ctrl+d", "as_at", "As at a date", priority=True),
        Binding("down", "move(1)", "Next result", show=False),
        Binding("up", "move(-1)", "Previous result", show=False),
        Binding("pagedown", "move(10)", "Ten results on", show=False),
        Binding("pageup", "move(-10)", "Ten results back", show=False),
        Binding("escape", "clear_search", "Clear the search", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.library: Library | None = None
        self.index: SearchIndex | None = None
        self.recent_first: list[str] = []
        self.filters = Filters()
        self.shown: list[Position] = []
        self.wanted: str | None = None
        self.weaker = False
        self.as_at: date | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(
            placeholder="Type to search positions, for example: kinship carers", id="search", select_on_focus=False
        )
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
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        self.sub_title = "library"
        self.query_one(KeyBar).show(KEYS)
        table = self.query_one("#results", DataTable)
        table.add_column("Recorded", key="date", width=10)
        table.add_column("Standing", key="standing", width=9)
        table.add_column("Stance", key="stance", width=8)
        table.add_column("Title", key="title")
        self.query_one("#search", Input).focus()
        if self.app.library is not None:
            library = self.app.library
            order = [p.id for p in sorted(library, key=lambda p: (-p.updated.toordinal(), p.title))]
            self.show_library(library, library.facets(), order)
            if self.app.index is not None:
                self.search_ready(self.app.index)

    def loading(self, done: int, total: int) -> None:
        """Progress from the loading worker."""
        for bar in self.query("#progress").results(ProgressBar):
            bar.update(total=total, progress=done)

    def show_library(self, library: Library, facets: dict[str, Counter[str]], recent_first: list[str]) -> None:
        """Called once the knowledge base has loaded: its counts and order come worked out, so this is quick."""
        self.library, self.recent_first = library, recent_first
        loading = self.query("#loading")
        if not loading:
            return  # not drawn yet (on_mount shows it then) or closing
        loading.first().display = False
        self._build_tree(library, facets)
        self.refresh_results()

    def search_ready(self, index: SearchIndex) -> None:
        """Called once the search index is ready; what was typed before then is searched now. The index can
        arrive before the screen is drawn or while the app is closing: with no search box, it is only kept."""
        self.index = index
        if any(box.value.strip() for box in self.query("#search").results(Input)):
            self.refresh_results()

    def _build_tree(self, library: Library, facets: dict[str, Counter[str]]) -> None:
        tree = self.query_one("#facets", Tree)
        tree.clear()
        taxonomy = library.taxonomy
        tree.root.set_label(f"All positions ({len(library)})")
        tree.root.data = Filters()
        frameworks = tree.root.add("By framework", expand=True)
        for fid, framework in taxonomy.frameworks.items():
            count = facets["framework"].get(fid, 0)
            if not count:
                continue
            node = frameworks.add(f"{framework.title} ({count})", data=Filters(framework=fid))
            for pillar in taxonomy.pillars_of(fid):
                if facets["pillar"].get(pillar.id):
                    node.add_leaf(f"{pillar.title} ({facets['pillar'][pillar.id]})", data=Filters(pillar=pillar.id))
        areas = tree.root.add("By policy area")
        for pillar in taxonomy.pillars_of(None):
            if facets["pillar"].get(pillar.id):
                areas.add_leaf(f"{pillar.title} ({facets['pillar'][pillar.id]})", data=Filters(pillar=pillar.id))
        topics = tree.root.add("By topic")
        for topic in sorted(taxonomy.topics, key=taxonomy.topic_title):
            if facets["topic"].get(topic):
                topics.add_leaf(f"{taxonomy.topic_title(topic)} ({facets['topic'][topic]})", data=Filters(topic=topic))
        tree.root.expand()

    @on(Tree.NodeSelected, "#facets")
    def facet_chosen(self, event: Tree.NodeSelected) -> None:
        """A topic narrows within the chosen framework or pillar, and a pillar within the chosen topic."""
        chosen: Filters | None = event.node.data
        if chosen is None:
            return
        if chosen.topic:
            self.filters = replace(self.filters, topic=chosen.topic)
        elif chosen.pillar or chosen.framework:
            self.filters = replace(self.filters, framework=chosen.framework, pillar=chosen.pillar)
        else:
            self.filters = replace(self.filters, framework=None, pillar=None, topic=None)
        self.refresh_results()

    def on_key(self, event: Key) -> None:
        """Typing goes to the search box wherever the cursor is, so a letter is never taken for a command."""
        search = self.query_one("#search", Input)
        if event.is_printable and event.character and self.focused is not search:
            event.stop()
            event.prevent_default()
            search.focus()
            search.insert_text_at_cursor(event.character)

    @on(Input.Changed, "#search")
    def query_changed(self) -> None:
        self.refresh_results()

    @on(Input.Submitted, "#search")
    def query_submitted(self) -> None:
        self.action_history()

    def refresh_results(self) -> None:
        if self.library is None:
            return
        self._describe_filters()
        self.rank(self.query_one("#search", Input).value, self.filters, self.weaker, self.as_at)

    @work(exclusive=True, thread=True, group="search", exit_on_error=False)
    def rank(self, query: str, filters: Filters, weaker: bool, as_at: date | None) -> None:
        """Rank off the UI thread, so typing never waits; a newer keystroke cancels this one."""
        assert self.library is not None
        library, index = self.library, self.index
        within = library.filter(filters)
        if query.strip() and index is None:
            self.app.call_from_thread(self.not_ready)
            return
        if query.strip():
            assert index is not None
            limit = None if as_at is not None else MAX_ROWS  # as at a date, the count is of what is left
            hits = index.search(query, within=within, limit=limit)
            complete = [h.position for h in hits if h.complete]
            partial = [h.position for h in hits if not h.complete]
            counts = index.count(query, within) if limit else (len(complete), len(partial))
        else:
            ids = self.recent_first if within is library else [i for i in self.recent_first if i in within]
            limit = None if as_at is not None else MAX_ROWS
            complete = [p for i in ids[:limit] if (p := library.get(i)) is not None]
            partial = []
            counts = (len(ids), 0)
        if as_at is not None:
            complete = [p for p in complete if p.line_as_at(as_at)]
            partial = [p for p in partial if p.line_as_at(as_at)]
            counts = (len(complete), len(partial))
        self.app.call_from_thread(self.show_results, complete, partial, counts, weaker)

    def not_ready(self) -> None:
        self.query_one("#results", DataTable).border_title = "Getting search ready…"

    def show_results(
        self, complete: list[Position], partial: list[Position], counts: tuple[int, int], weaker: bool
    ) -> None:
        positions = complete + partial if weaker or not complete else complete
        self.shown = positions[:MAX_ROWS]
        table = self.query_one("#results", DataTable)
        table.clear()
        for p in self.shown:
            line = p.line_as_at(self.as_at) if self.as_at else p.line
            table.add_row(line.date_text, line.status_word, line.stance, cut(p.title), key=p.id)
        table.border_title = self._count(*counts, weaker)
        if self.wanted is not None and any(p.id == self.wanted for p in self.shown):
            table.move_cursor(row=table.get_row_index(self.wanted))
            self.wanted = None
        self._preview(self.shown[0] if self.shown else None)

    def _count(self, complete: int, partial: int, weaker: bool) -> str:
        query = self.query_one("#search", Input).value.strip()
        filtered = " (filtered)" if self.filters.active or self.as_at else ""
        if not query:
            return f"{complete} position{'s' * (complete != 1)}{filtered}, most recently recorded first"
        if not complete and not partial:
            return f"No position matches '{query}'{filtered}"
        if not complete:
            return f"No position matches every word; {partial} {_match(partial)} some{filtered}"
        more = ""
        if partial and not weaker:
            more = f" · Ctrl+W adds {partial} more"  # short: an 80-column screen has room for about 50
        elif partial:
            more = f", then {partial} that match some words"
        cap = f", first {MAX_ROWS} shown" if complete + partial * weaker > MAX_ROWS else ""
        return f"{complete} {_match(complete)} every word{filtered}{more}{cap}"

    @on(DataTable.RowHighlighted, "#results")
    def row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._preview(self.library.get(event.row_key.value) if self.library and event.row_key else None)

    @on(DataTable.RowSelected, "#results")
    def row_selected(self) -> None:
        self.action_history()

    def _preview(self, position: Position | None) -> None:
        preview = self.query_one("#preview", Static)
        if position is None or self.library is None:
            preview.update(self._nothing_found_hint())
            return
        preview.update(position_preview(position, self.library, self.as_at))

    def _nothing_found_hint(self) -> str:
        """What to try when no position is shown, naming only the keys that would change that."""
        tries = []
        if self.filters.active or self.as_at:
            tries.append("Ctrl+X clears the filters")
        if self.query_one("#search", Input).value.strip():
            tries.append("try other or fewer words (Escape clears the search)")
        return "No position matches" + (": " + ", or ".join(tries) if tries else "") + "."

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
        assert self.library is not None
        taxonomy = self.library.taxonomy
        named = {
            "framework": lambda v: taxonomy.frameworks[v].title if v in taxonomy.frameworks else v,
            "pillar": taxonomy.pillar_title,
            "topic": lambda v: f"topic {taxonomy.topic_title(v)}",
            "stance": lambda v: f"stance {v}",
            "tier": lambda v: f"tier {v}",
            "since": lambda v: f"recorded on or after {day_month_year(v)}",
        }
        active = [named[k](v) for k, v in self.filters.active.items() if k in named]
        if self.as_at:
            active.append(f"as it stood on {day_month_year(self.as_at)}")
        label = self.query_one("#filters", Static)
        label.set_class(bool(active), "active")
        label.update(f"Showing only: {' · '.join(active)}   (Ctrl+X shows everything)" if active else "")

    def action_move(self, step: int) -> None:
        table = self.query_one("#results", DataTable)
        if self.shown:
            table.move_cursor(row=max(0, min(len(self.shown) - 1, table.cursor_row + step)))

    def action_clear_search(self) -> None:
        search = self.query_one("#search", Input)
        search.value = ""
        search.focus()

    def action_filters(self) -> None:
        if self.library is None:
            return

        def chosen(filters: Filters | None) -> None:
            if filters is not None:
                self.filter_to(filters)

        self.app.push_screen(FiltersScreen(self.filters, self.library.taxonomy), chosen)

    def action_clear_filters(self) -> None:
        self.filters, self.as_at = Filters(), None
        self.refresh_results()

    def action_toggle_weaker(self) -> None:
        self.weaker = not self.weaker
        self.refresh_results()

    def action_as_at(self) -> None:
        """Ask for the day to show the library as at; one that cannot be read is said so in the dialog."""

        def chosen(value: str | None) -> None:
            if value is not None:
                self.as_at = parse_day(value.strip()) if value.strip() else None
                self.refresh_results()

        question = "Show each position as it stood on (for example 1 June 2023; empty for today)"
        written = day_month_year(self.as_at) if self.as_at else ""
        self.app.push_screen(Prompt(question, written, check=day_problem, replace=True), chosen)

    def on_screen_resume(self) -> None:
        """Back from another screen: what was searched for is selected, so that typing starts a new search."""
        search = self.query_one("#search", Input)
        if search.value and self.app.focused is search:
            search.select_all()

    def action_history(self) -> None:
        if self.highlighted is not None and self.library is not None:
            self.app.push_screen(HistoryScreen(self.highlighted))

    def action_open(self) -> None:
        self.app.choose_response()

    def action_add_to_response(self) -> None:
        position = self.highlighted
        if position is not None:
            self.app.add_to_response(position)
