"""Every key, in words: the screen you came from first, then the rest, with the names keys have on a keyboard."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from policydesk.model.position import STATUS_MEANING, STATUS_WORD
from policydesk.model.taxonomy import Taxonomy
from policydesk.ui.widgets.key_bar import KeyBar

INTRO = (
    "[b]policydesk[/b] drafts consultation responses and board papers from the LGA's agreed positions.\n\n"
    "In the [b]library[/b] (F2) type to search; Enter shows a position's versions; Ctrl+A adds it to what is "
    "open. In the [b]composer[/b] (F3) open (Ctrl+O) or start (Ctrl+N) a response or a board paper, or import "
    "(i) a consultation's questions; e edits what is selected, the panel below shows where your wording departs "
    "from the agreed line, Ctrl+Z undoes, Ctrl+S saves and Ctrl+R writes the Word document. When a lead member "
    "sends the Word copy back with changes and comments, v in the composer brings them in to accept, reject or "
    "answer. Ctrl+P jumps to any position, topic, response or paper. What the library's words mean (Agreed, "
    "Steer, Tier A…) is at the end: press End.\n"
)
NAMES = {
    "slash": "/",
    "escape": "Escape",
    "delete": "Delete",
    "enter": "Enter",
    "up": "↑",
    "down": "↓",
    "pageup": "Page Up",
    "pagedown": "Page Down",
    "tab": "Tab",
}


def key_name(key: str) -> str:
    """'ctrl+s' -> 'Ctrl+S', 'f1' -> 'F1', 'slash' -> '/', and a letter as the letter to press: 'f' -> 'f'."""
    if len(key) == 1:
        return key
    named = []
    for part in key.split("+"):
        if part in NAMES:
            named.append(NAMES[part])
        elif len(part) == 1 or (part[0] == "f" and part[1:].isdigit()):
            named.append(part.upper())
        else:
            named.append(part.capitalize())
    return "+".join(named)


def words_table(taxonomy: Taxonomy | None) -> Table:
    """What the library's Standing words and a position's tier mean: the words an officer meets and must trust."""
    table = Table("Word", "Means", box=None, header_style="bold", title="Words you will see", title_justify="left")
    meanings: dict[str, str] = {}
    for status, word in STATUS_WORD.items():
        meanings.setdefault(word, STATUS_MEANING[status])  # 'Agreed' once, for agreed and published alike
    for word, meaning in meanings.items():
        table.add_row(word, meaning[:1].upper() + meaning[1:])
    for tier, meaning in (taxonomy.tiers if taxonomy else {}).items():
        table.add_row(f"Tier {tier}", meaning)
    return table


def screen_bindings(screen: type) -> list:
    """A screen's own key bindings and those it inherits from policydesk's screens, the inherited ones first."""
    ours = [cls for cls in reversed(screen.__mro__) if cls.__module__.startswith("policydesk.")]
    return [b for cls in ours for b in cls.__dict__.get("BINDINGS", [])]


class HelpScreen(ModalScreen[None]):
    """F1 anywhere; Escape closes; Page Down and Page Up scroll."""

    BINDINGS = [Binding("escape,f1", "dismiss", "Close")]

    def __init__(self, came_from: str = "LibraryScreen") -> None:
        super().__init__()
        self.came_from = came_from

    def compose(self) -> ComposeResult:
        from policydesk.ui.screens.composer import ComposerScreen
        from policydesk.ui.screens.history import HistoryScreen
        from policydesk.ui.screens.library import LibraryScreen
        from policydesk.ui.screens.paper import PaperScreen
        from policydesk.ui.screens.review import ReviewScreen

        screens = {
            "LibraryScreen": ("Library", screen_bindings(LibraryScreen)),
            "HistoryScreen": ("Versions and history", screen_bindings(HistoryScreen)),
            "ComposerScreen": ("Composer", screen_bindings(ComposerScreen)),
            "PaperScreen": ("Paper composer", screen_bindings(PaperScreen)),
            "ReviewScreen": ("Review", screen_bindings(ReviewScreen)),
        }
        order = [self.came_from] + [name for name in screens if name != self.came_from]
        table = Table("Where", "Key", "Does", box=None, header_style="bold")
        for name in order:
            if name not in screens:
                continue
            where, bindings = screens[name]
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description:
                    table.add_row(where, key_name(binding.key), binding.description)
                    where = ""
        table.add_row("Library", "any letter", "Types into the search box")
        where = "Everywhere"
        for binding in self.app.BINDINGS:
            if isinstance(binding, Binding):
                table.add_row(where, key_name(binding.key), binding.description)
                where = ""
        table.add_row("", "Ctrl+P", "Command palette: jump to a position, pillar, topic or response")
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Static(INTRO)
            yield Static(table)
            library = self.app.library  # None while it loads: the tiers come from its taxonomy
            yield Static(words_table(library.taxonomy if library else None), id="words")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(KeyBar).show(
            [("Page Down", "More"), ("Page Up", "Back up"), ("End", "What the words mean"), ("Escape", "Close help")]
        )
        self.query_one("#help").focus()
