"""The policydesk terminal UI: screens, global keys, loading the knowledge base, and faults as messages."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from policydesk.drift import NearestPosition
from policydesk.model.library import Library
from policydesk.model.paper import Paper
from policydesk.model.position import Position, Version
from policydesk.search import SearchIndex, index_state
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.places import save_fault_report
from policydesk.ui.commands import PolicyDeskCommands
from policydesk.ui.draft import Draft
from policydesk.ui.draft_files import DraftFiles
from policydesk.ui.messages import KnowledgeBaseFailed, KnowledgeBaseLoaded, SearchReady
from policydesk.ui.new_documents import NewDocuments
from policydesk.ui.review_intake import ReviewIntake
from policydesk.ui.screens.composer import ComposerScreen
from policydesk.ui.screens.document_editor import DocumentEditor
from policydesk.ui.screens.help import HelpScreen
from policydesk.ui.screens.library import LibraryScreen
from policydesk.ui.screens.paper import PaperScreen
from policydesk.ui.screens.pickers import ProblemsScreen


class PolicyDeskApp(DraftFiles, NewDocuments, ReviewIntake, App):
    """Library and composers (of responses and of papers), with the knowledge base loaded in the background."""

    TITLE = "policydesk"
    CSS_PATH = "app.tcss"
    COMMANDS = App.COMMANDS | {PolicyDeskCommands}
    BINDINGS = [
        Binding("f1", "help", "Help"),
        Binding("f2", "show_library", "Library"),
        Binding("f3", "show_composer", "Composer"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, kb_root: Path, responses_dir: Path, open_path: Path | None = None):
        super().__init__()
        self.kb_root, self.responses_dir, self.open_path = kb_root, responses_dir, open_path
        self.papers_dir = responses_dir.parent / "papers"
        self.library: Library | None = None
        self.index: SearchIndex | None = None
        self.draft: Draft | None = None
        self._nearest: NearestPosition | None = None
        self._recovery_timer = None

    def on_mount(self) -> None:
        self.install_screen(LibraryScreen(), "library")
        self.install_screen(ComposerScreen(), "composer")
        self.install_screen(PaperScreen(), "paper")
        self.push_screen("library")
        self.load_knowledge_base()

    def load_knowledge_base(self) -> None:
        self.run_worker(self._load, thread=True, exclusive=True, group="load", exit_on_error=False)

    def _load(self) -> None:
        library_screen = self.get_screen("library")
        kb = load_knowledge_base(
            self.kb_root, progress=lambda done, total: self.call_from_thread(library_screen.loading, done, total)
        )
        if kb.errors:
            self.post_message(KnowledgeBaseFailed(kb.problems))
            return
        self.post_message(KnowledgeBaseLoaded(kb.library, kb.counts()[0], kb.recent_first(), kb.problems))
        library = kb.library
        self.post_message(SearchReady(SearchIndex(library, kb.remember("search-index", lambda: index_state(library)))))

    @on(SearchReady)
    def search_ready(self, event: SearchReady) -> None:
        self.index = event.index
        self.get_screen("library").search_ready(event.index)

    @on(KnowledgeBaseLoaded)
    def knowledge_base_loaded(self, event: KnowledgeBaseLoaded) -> None:
        self.library = event.library
        self.get_screen("library").show_library(event.library, event.facets, event.recent_first)
        warnings = [p for p in event.problems if not p.is_error]
        if warnings:
            self.notify(
                f"The knowledge base has {len(warnings)} warning{'s' * (len(warnings) != 1)}, for its keeper: "
                "'policydesk check' lists them.",
                timeout=6,
            )
        if self.open_path is not None:
            self.open_document(self.open_path)
        self.offer_recovery()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A fault in any background task is a message, never the end of the session."""
        if event.state != WorkerState.ERROR or event.worker.error is None:
            return
        error = event.worker.error
        saved = save_fault_report(error, f"terminal UI, task {event.worker.name}")
        where = f" Details: {saved}." if saved else ""
        self.notify(
            f"policydesk hit a fault of its own ({type(error).__name__}: {str(error)[:120]}). "
            f"Nothing you typed is lost: your draft stays open.{where}",
            title="Something went wrong",
            severity="error",
            timeout=20,
        )
        if self.draft is not None and self.draft.modified:
            self.write_recovery_copy()

    @on(KnowledgeBaseFailed)
    def knowledge_base_failed(self, event: KnowledgeBaseFailed) -> None:
        self.push_screen(ProblemsScreen(event.problems))

    # Screens ---------------------------------------------------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(type(self.screen).__name__))

    def action_show_library(self) -> None:
        if self.screen is not self.get_screen("library"):
            self.switch_screen("library")

    def editor(self) -> DocumentEditor:
        """The composer for what is open: the paper composer for a board paper, else the response composer."""
        return self.get_screen("paper" if self.draft and isinstance(self.draft.document, Paper) else "composer")

    def action_show_composer(self) -> None:
        if self.screen is not self.editor():
            self.switch_screen(self.editor())

    def nearest(self) -> NearestPosition | None:
        """The nearest-position matcher for new text, built once on first use."""
        if self._nearest is None and self.library is not None:
            self._nearest = NearestPosition(self.library)
        return self._nearest

    def pick_position(self) -> None:
        self.action_show_library()
        self.notify("Find a position and press Ctrl+A to add it to what is open.")

    def add_to_response(self, position: Position, version: Version | None = None) -> None:
        if self.draft is None:
            self.notify("Open or create a response in the composer first (F3).", severity="warning")
            return
        self.action_show_composer()
        self.editor().add_position(position, version)

    def show_position(self, position_id: str) -> None:
        self.action_show_library()
        self.get_screen("library").select(position_id)

    async def action_quit(self) -> None:
        self._quit()

    def _quit(self) -> None:
        self.run_worker(self._confirm_and_exit, exit_on_error=False)

    async def _confirm_and_exit(self) -> None:
        if await self.confirm_discard():
            self.exit()


def make_app(kb_root: Path, responses_dir: Path | None = None, open_path: Path | None = None) -> PolicyDeskApp:
    return PolicyDeskApp(kb_root, responses_dir or Path("responses"), open_path)


def run_app(kb_root: Path, open_path: Path | None = None) -> int:
    make_app(kb_root, open_path=open_path).run()
    return 0


__all__ = ["Draft", "PolicyDeskApp", "make_app", "run_app"]
