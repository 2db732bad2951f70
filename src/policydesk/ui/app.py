"""The policydesk terminal UI: global keys, the open draft, and the workers that load, save and render."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from policydesk.drift import NearestPosition
from policydesk.model.library import Library
from policydesk.model.position import Position
from policydesk.model.problems import InputError
from policydesk.model.response import Consultation, Response, starter
from policydesk.model.rules import SLUG
from policydesk.render.assemble import RenderOptions
from policydesk.render.pipeline import render_to_bytes
from policydesk.response_checks import check_response
from policydesk.search import SearchIndex
from policydesk.store.atomic import ChangedOnDisk, Stamp, write_atomic
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.places import save_fault_report
from policydesk.store.recovery import clear_recovery, pending_recovery, write_recovery
from policydesk.store.response_file import LoadedResponse, read_response, write_response
from policydesk.store.sent import new_sent_id, record_sent
from policydesk.store.yaml_io import display_path
from policydesk.ui.commands import PolicyDeskCommands
from policydesk.ui.messages import KnowledgeBaseFailed, KnowledgeBaseLoaded
from policydesk.ui.screens.composer import ComposerScreen, problems_text
from policydesk.ui.screens.help import HelpScreen
from policydesk.ui.screens.library import LibraryScreen
from policydesk.ui.screens.prompt import Choice, Prompt

RECOVERY_DELAY = 0.5


@dataclass
class Draft:
    """The response open in the composer, where it lives, and whether it has unsaved changes."""

    path: Path
    response: Response
    stamp: Stamp
    modified: bool = False


class PolicyDeskApp(App):
    """Library and composer, with the knowledge base loaded in the background."""

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
        self.library: Library | None = None
        self.index: SearchIndex | None = None
        self.draft: Draft | None = None
        self._nearest: NearestPosition | None = None
        self._recovery_timer = None

    def on_mount(self) -> None:
        self.install_screen(LibraryScreen(), "library")
        self.install_screen(ComposerScreen(), "composer")
        self.push_screen("library")
        self.load_knowledge_base()

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load_knowledge_base(self) -> None:
        library_screen = self.get_screen("library")
        kb = load_knowledge_base(
            self.kb_root, progress=lambda done, total: self.call_from_thread(library_screen.loading, done, total)
        )
        if kb.errors:
            self.post_message(KnowledgeBaseFailed(kb.problems))
        else:
            self.post_message(KnowledgeBaseLoaded(kb.library, SearchIndex(kb.library), kb.problems))

    @on(KnowledgeBaseLoaded)
    def knowledge_base_loaded(self, event: KnowledgeBaseLoaded) -> None:
        self.library, self.index = event.library, event.index
        self.get_screen("library").show_library(self.library, self.index)
        for problem in event.problems:
            self.notify(str(problem), severity="warning", timeout=8)
        if self.open_path is not None:
            self.open_response(self.open_path)
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
        self.push_screen(HelpScreen())

    def action_show_library(self) -> None:
        if self.screen is not self.get_screen("library"):
            self.switch_screen("library")

    def action_show_composer(self) -> None:
        if self.screen is not self.get_screen("composer"):
            self.switch_screen("composer")

    def nearest(self) -> NearestPosition | None:
        """The nearest-position matcher for new text, built once on first use."""
        if self._nearest is None and self.library is not None:
            self._nearest = NearestPosition(self.library)
        return self._nearest

    def composer_title(self) -> str:
        if self.draft is None:
            return "composer"
        return f"composer: {display_path(self.draft.path)}{' ● modified' if self.draft.modified else ''}"

    def pick_position(self) -> None:
        self.action_show_library()
        self.notify("Find a position and press a to add it to the response.")

    def add_to_response(self, position: Position) -> None:
        if self.draft is None:
            self.notify("Open or create a response in the composer first (F3).", severity="warning")
            return
        self.action_show_composer()
        self.get_screen("composer").add_position(position)

    def show_position(self, position_id: str) -> None:
        self.action_show_library()
        self.get_screen("library").select(position_id)

    # The draft -------------------------------------------------------------------------------------------------

    def change_draft(self, response: Response) -> None:
        """Record an edit and schedule the recovery copy, so a crash loses nothing."""
        assert self.draft is not None
        self.draft.response, self.draft.modified = response, True
        self.get_screen("composer").sub_title = self.composer_title()
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        self._recovery_timer = self.set_timer(RECOVERY_DELAY, self.write_recovery_copy)

    def write_recovery_copy(self) -> None:
        if self.draft is not None and self.draft.modified:
            write_recovery(self.draft.path, self.draft.response)

    def open_response(self, path: Path, recovered: Response | None = None) -> None:
        """Open `path` in the composer; `recovered` replaces its content with unsaved work from a crash."""
        if recovered is not None and not path.is_file():
            self.draft = Draft(path, recovered, Stamp.absent(), modified=True)
        else:
            try:
                loaded = read_response(path)
            except InputError as exc:
                self.notify(problems_text(exc), title="Cannot open", severity="error", timeout=12)
                return
            errors = [p for p in loaded.problems if p.is_error]
            if (errors or loaded.response is None) and recovered is None:
                self.notify(
                    problems_text(InputError(errors or loaded.problems)),
                    title="Cannot open",
                    severity="error",
                    timeout=12,
                )
                return
            stamp = loaded.stamp if loaded.response is not None else Stamp.of_bytes(b"")
            self.draft = Draft(path, recovered or loaded.response, stamp, modified=recovered is not None)
        self.action_show_composer()
        self.get_screen("composer").refresh_outline(("root",))

    @work(exit_on_error=False)
    async def offer_recovery(self) -> None:
        """Offer every recovery copy, even one with errors, saying what is wrong with it."""
        if not self.responses_dir.is_dir():
            return
        for copy in sorted(self.responses_dir.glob(".*.recovery.yaml")):
            path = copy.with_name(copy.name.removeprefix(".").removesuffix(".recovery.yaml") + ".yaml")
            recovered = pending_recovery(path)
            if recovered is None:
                continue
            errors = [p for p in recovered.problems if p.is_error]
            message = f"{display_path(path)} has unsaved changes from a session that ended unexpectedly."
            if recovered.response is None:
                choices = {"k": "Keep the copy for later", "d": "Discard it"}
                message += f"\nThe copy cannot be read ({problems_text(InputError(errors), 2)}); it is {copy}."
            else:
                choices = {"r": "Restore them", "k": "Keep for later", "d": "Discard them"}
                if errors:
                    message += f"\nSome of it needs correcting:\n{problems_text(InputError(errors), 3)}"
            answer = await self.push_screen_wait(Choice(message, choices))
            if answer == "r":
                self.open_response(path, recovered.response)
                return
            if answer == "d":
                clear_recovery(path)
            elif answer == "k":
                self.notify(f"Kept the unsaved changes in {display_path(copy)}.", timeout=10)

    @work(exit_on_error=False)
    async def choose_response(self) -> None:
        if not await self.confirm_discard():
            return
        files = sorted(self.responses_dir.glob("[!.]*.yaml")) if self.responses_dir.is_dir() else []
        if not files:
            self.notify(f"No responses in {display_path(self.responses_dir)} yet: press ctrl+n to start one.")
            return
        chosen = await self.push_screen_wait(ResponsePicker(files))
        if chosen is not None:
            self.open_response(chosen)

    @work(exit_on_error=False)
    async def new_response(self) -> None:
        if not await self.confirm_discard():
            return
        slug = await self.push_screen_wait(Prompt("File name for the response (lower-case, hyphens: send-plan)"))
        if not slug:
            return
        path = self.responses_dir / f"{slug}.yaml"
        if not SLUG.match(slug) or path.exists():
            why = "already exists" if path.exists() else "is not a lower-case slug (a-z, 0-9, hyphens)"
            self.notify(f"'{slug}' {why}.", severity="error")
            return
        title = await self.push_screen_wait(Prompt("Consultation title"))
        department = await self.push_screen_wait(Prompt("Government department", "Department for Education"))
        if not title or not department:
            return
        response = starter(slug, Consultation(title, department))
        self.responses_dir.mkdir(parents=True, exist_ok=True)
        stamp = write_response(path, response, Stamp.absent())
        self.draft = Draft(path, response, stamp)
        self.action_show_composer()
        self.get_screen("composer").refresh_outline(("root",))
        self.notify(
            f"Created {display_path(path)}. Replace the placeholders (e to edit, m for details), "
            "q adds a question, a adds a position."
        )

    @work(exit_on_error=False)
    async def save_draft(self, path: Path | None = None) -> None:
        draft = self.draft
        if draft is None:
            return
        target = path or draft.path
        expected = draft.stamp if target == draft.path else Stamp.absent()
        try:
            stamp = write_response(target, draft.response, expected)
        except ChangedOnDisk:
            answer = await self.push_screen_wait(
                Choice(
                    f"{display_path(target)} was changed on disk by someone else since you opened it.",
                    {"r": "Reload theirs", "a": "Save mine as…", "c": "Cancel"},
                )
            )
            if answer == "r":
                clear_recovery(draft.path)
                self.open_response(draft.path)
            elif answer == "a":
                slug = await self.push_screen_wait(Prompt("Save your version as (file name)", f"{draft.path.stem}-2"))
                if slug and SLUG.match(slug) and not (self.responses_dir / f"{slug}.yaml").exists():
                    self.save_draft(draft.path.with_name(f"{slug}.yaml"))
                elif slug:
                    self.notify(f"Cannot save as '{slug}': choose a new lower-case name.", severity="error")
            return
        except OSError as exc:
            self.notify(f"{display_path(target)}: could not save ({exc.strerror}).", severity="error")
            return
        clear_recovery(draft.path)
        draft.path, draft.stamp, draft.modified = target, stamp, False
        draft.response = replace(draft.response, slug=target.stem)
        self.get_screen("composer").sub_title = self.composer_title()
        self.notify(f"Saved {display_path(target)}.")

    def render_draft(self, clean: bool) -> None:
        if self.draft is None or self.library is None:
            self.notify("Open a response first (ctrl+o).", severity="warning")
            return
        self.notify("Rendering…", timeout=2)
        self.render_worker(self.draft.path, self.draft.response, self.library, clean)

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def render_worker(self, path: Path, response: Response, library: Library, clean: bool) -> None:
        target = path.with_suffix(".docx")
        try:
            checked = check_response(LoadedResponse(path, response, Stamp.absent(), []), library)
            errors = [p for p in checked if p.is_error]
            if errors:
                raise InputError(errors)
            sent_id = new_sent_id(path)
            data = render_to_bytes(response, library, RenderOptions(clean=clean, sent_id=sent_id))
            write_atomic(target, data)
            record_sent(path, sent_id, response, data)
        except InputError as exc:
            self.call_from_thread(self.notify, problems_text(exc), title="Not rendered", severity="error", timeout=15)
            return
        except OSError as exc:
            self.call_from_thread(self.notify, f"{display_path(target)}: {exc.strerror}", severity="error")
            return
        kind = "clean" if clean else "with tracked changes"
        self.call_from_thread(self.notify, f"Wrote {display_path(target)} ({kind}).", title="Rendered", timeout=8)

    async def confirm_discard(self) -> bool:
        """True when there are no unsaved changes, or the officer chose what to do with them."""
        if self.draft is None or not self.draft.modified:
            return True
        answer = await self.push_screen_wait(
            Choice(
                f"{display_path(self.draft.path)} has unsaved changes.", {"s": "Save", "d": "Discard", "c": "Cancel"}
            )
        )
        if answer == "s":
            try:
                self.draft.stamp = write_response(self.draft.path, self.draft.response, self.draft.stamp)
            except ChangedOnDisk:
                self.notify(
                    "Not saved: the file changed on disk. Save from the composer to choose what to do.",
                    severity="error",
                )
                return False
            clear_recovery(self.draft.path)
            self.draft.modified = False
            return True
        if answer == "d":
            clear_recovery(self.draft.path)
            self.draft.modified = False
            return True
        return False

    @work(exit_on_error=False)
    async def action_quit(self) -> None:
        if await self.confirm_discard():
            self.exit()


class ResponsePicker(ModalScreen[Path | None]):
    """Choose a response file to open."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, files: list[Path]):
        super().__init__()
        self.files = files

    def compose(self) -> ComposeResult:
        picker = OptionList(*[Option(display_path(f), id=str(i)) for i, f in enumerate(self.files)], classes="dialog")
        picker.border_title = "Open a response"
        yield picker

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.files[int(event.option.id or 0)])

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
        yield Footer()


def make_app(kb_root: Path, responses_dir: Path | None = None, open_path: Path | None = None) -> PolicyDeskApp:
    return PolicyDeskApp(kb_root, responses_dir or Path("responses"), open_path)


def run_app(kb_root: Path, open_path: Path | None = None) -> int:
    make_app(kb_root, open_path=open_path).run()
    return 0


__all__ = ["Draft", "PolicyDeskApp", "make_app", "run_app"]
