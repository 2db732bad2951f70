"""Choosing a response to open (by its title) or a returned Word copy, and the screen shown when the knowledge
base has errors."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from policydesk.documents import kind_of_file
from policydesk.model.paper import Paper
from policydesk.store.yaml_io import display_path
from policydesk.ui.screens.prompt import Prompt
from policydesk.ui.widgets.key_bar import KeyBar


def response_label(path: Path) -> Text:
    """'Stable Homes, Built on Love  response, signed-off  responses/stable-homes.yaml' (or 'board paper, For
    direction'), or the file alone if unreadable."""
    try:
        document = kind_of_file(path).read(path).document
    except Exception:  # an unreadable file is still listed, by its name
        document = None
    if document is None:
        return Text.assemble(display_path(path), ("  (cannot be read)", "red"))
    if isinstance(document, Paper):
        title, what = document.title, f"board paper, {document.purpose}"
    else:
        title, what = document.consultation.title, f"response, {document.status}"
    return Text.assemble((title, "bold"), (f"  {what}", "dim"), (f"  {display_path(path)}", "dim"))


class ResponsePicker(ModalScreen[Path | None]):
    """Choose a response or paper to open; Enter opens, Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, files: list[Path]):
        super().__init__()
        self.files = files

    def compose(self) -> ComposeResult:
        picker = OptionList(*[Option(response_label(f), id=str(i)) for i, f in enumerate(self.files)], classes="dialog")
        picker.border_title = "Open a response or board paper"
        yield picker
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(KeyBar).show([("↑ ↓", "Choose"), ("Enter", "Open"), ("Escape", "Cancel")])

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.files[int(event.option.id or 0)])

    def action_cancel(self) -> None:
        self.dismiss(None)


def returned_copies(response: Path, limit: int = 30) -> list[Path]:
    """Word files where a returned copy is likely to be, newest first: beside the response and in the officer's
    Downloads, Desktop and Documents folders (not the records of what was sent, nor Word's lock files)."""
    home = Path.home()
    folders = dict.fromkeys([response.parent, home / "Downloads", home / "Desktop", home / "Documents"])
    found = []
    for folder in folders:
        try:
            found += [f for f in folder.glob("*.docx") if not f.name.startswith("~$") and f.is_file()]
        except OSError:
            continue
    found.sort(key=lambda f: f.stat().st_mtime, reverse=True)
    return found[:limit]


class ReturnedPicker(ModalScreen[Path | None]):
    """Choose the returned Word copy to bring in, or type where it is; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    OTHER = "Another file: type where it is…"

    def __init__(self, files: list[Path]):
        super().__init__()
        self.files = files

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Text.assemble(
                    (f.name, "bold"),
                    (f"  {display_path(f.parent)}  {datetime.fromtimestamp(f.stat().st_mtime):%d %b %Y %H:%M}", "dim"),
                ),
                id=str(i),
            )
            for i, f in enumerate(self.files)
        ]
        picker = OptionList(*options, Option(Text(self.OTHER, "italic"), id="other"), classes="dialog")
        picker.border_title = "The Word copy that came back from review"
        yield picker
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(KeyBar).show([("↑ ↓", "Choose"), ("Enter", "Bring it in"), ("Escape", "Cancel")])

    @on(OptionList.OptionSelected)
    @work(exit_on_error=False)
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id != "other":
            self.dismiss(self.files[int(event.option.id or 0)])
            return
        typed = await self.app.push_screen_wait(
            Prompt("Where is the returned Word file? (drag it here, or type its path)")
        )
        if typed and typed.strip():
            self.dismiss(Path(typed.strip().strip("'\"")).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


class ProblemsScreen(Screen):
    """Shown instead of the library when the knowledge base has errors."""

    BINDINGS = [Binding("ctrl+q", "app.exit", "Quit")]

    def __init__(self, problems):
        super().__init__()
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="problems"):
            yield Static(
                "[b]The knowledge base has errors.[/b] Fix these files, then start policydesk again "
                "('policydesk check' lists them too):\n"
            )
            yield Static("\n".join(str(p) for p in self.problems))
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(KeyBar).show([("Ctrl+Q", "Quit")])
