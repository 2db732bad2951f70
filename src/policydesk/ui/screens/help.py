"""Every key binding in the app, gathered from the screens that declare them."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = """[b]policydesk[/b] drafts consultation responses from the LGA's agreed positions.

Find a position in the [b]library[/b] (F2), then open or create a response in the [b]composer[/b] (F3)
and press [b]a[/b] on a position to add it to the current section. Edit wording with [b]e[/b]; the panel
beside the editor shows, word by word, where your text departs from the agreed line. Save with
[b]ctrl+s[/b] and write the Word document with [b]ctrl+r[/b]. [b]ctrl+p[/b] jumps anywhere.
"""


class HelpScreen(ModalScreen[None]):
    """Press F1 anywhere; Escape closes."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        from policydesk.ui.screens.composer import ComposerScreen
        from policydesk.ui.screens.history import HistoryScreen
        from policydesk.ui.screens.library import LibraryScreen

        table = Table("Where", "Key", "Does", box=None, header_style="bold")
        for where, bindings in (
            ("Everywhere", self.app.BINDINGS),
            ("Library", LibraryScreen.BINDINGS),
            ("History", HistoryScreen.BINDINGS),
            ("Composer", ComposerScreen.BINDINGS),
        ):
            for binding in bindings:
                if isinstance(binding, Binding) and binding.description:
                    table.add_row(where, binding.key.replace("_", " "), binding.description)
                    where = ""
        table.add_row("Everywhere", "ctrl+p", "Command palette: jump to a position, pillar, topic or response")
        with VerticalScroll(classes="dialog wide"):
            yield Static(INTRO)
            yield Static(table)
