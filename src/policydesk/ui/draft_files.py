"""The open draft's life: changes with undo, recovery copies, opening, creating, importing, saving and rendering."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual import work

from policydesk.consultation import import_consultation
from policydesk.model.library import Library
from policydesk.model.problems import InputError
from policydesk.model.response import Consultation, Response
from policydesk.model.rules import PLACEHOLDER, slug_from, slug_problem
from policydesk.render.assemble import RenderOptions
from policydesk.render.pipeline import render_to_bytes
from policydesk.response_checks import check_response
from policydesk.review.apply import apply_review, draft_text
from policydesk.review.returned import review_returned
from policydesk.store.atomic import ChangedOnDisk, Stamp, write_atomic
from policydesk.store.outputs import output_path
from policydesk.store.places import last_response, remember_last_response
from policydesk.store.recovery import clear_recovery, pending_recovery, write_recovery
from policydesk.store.response_file import LoadedResponse, read_response, write_response
from policydesk.store.sent import new_sent_id, record_sent
from policydesk.store.yaml_io import display_path
from policydesk.ui.draft import Draft
from policydesk.ui.screens.composer import problems_text
from policydesk.ui.screens.pickers import ResponsePicker, ReturnedPicker, returned_copies
from policydesk.ui.screens.prompt import Choice, Prompt
from policydesk.ui.screens.review import ReviewScreen

RECOVERY_DELAY = 0.5


class DraftFiles:
    """Mixed into the app: everything that reads or writes the draft goes through here."""

    draft: Draft | None
    library: Library | None
    responses_dir: Path

    # Changes -------------------------------------------------------------------------------------------------

    def change_draft(self, response: Response, group: object = None) -> None:
        """Record an edit (undoable) and schedule the recovery copy, so a crash loses nothing."""
        assert self.draft is not None
        message = self.draft.change(response, group)
        if message:
            self.notify(message, title="Back to draft", severity="warning", timeout=12)
        self._after_change()

    def undo(self) -> None:
        if self.draft is not None and self.draft.step_back():
            self._after_change()
            self.notify("Undone.", timeout=2)
        elif self.draft is not None:
            self.notify("Nothing to undo.", timeout=2)

    def redo(self) -> None:
        if self.draft is not None and self.draft.step_forward():
            self._after_change()
            self.notify("Redone.", timeout=2)

    def _after_change(self) -> None:
        composer = self.get_screen("composer")
        composer.sub_title = self.composer_title()
        if composer.editing is None:
            composer.refresh_outline()
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        self._recovery_timer = self.set_timer(RECOVERY_DELAY, self.write_recovery_copy)

    def write_recovery_copy(self) -> None:
        if self.draft is not None and self.draft.modified:
            write_recovery(self.draft.path, self.draft.response)
        elif self.draft is not None:
            clear_recovery(self.draft.path)

    def composer_title(self) -> str:
        if self.draft is None:
            return "composer"
        return f"composer: {display_path(self.draft.path)}{' ● modified' if self.draft.modified else ''}"

    # Opening -------------------------------------------------------------------------------------------------

    def open_response(self, path: Path, recovered: Response | None = None) -> None:
        """Open `path` in the composer; `recovered` replaces its content with unsaved work from a crash."""
        if recovered is not None and not path.is_file():
            self.draft = Draft(path, recovered, Stamp.absent())
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
            self.draft = Draft(path, recovered or loaded.response, stamp, saved=loaded.response)
        remember_last_response(path)
        self.action_show_composer()
        self.get_screen("composer").refresh_outline(("root",))

    def reopen_last(self) -> None:
        """Open the response the officer last worked on, when nothing else was asked for."""
        path = last_response()
        if path is not None and self.draft is None:
            self.open_response(path)

    @work(exit_on_error=False)
    async def offer_recovery(self) -> None:
        """Offer every recovery copy, even one with errors, saying what is wrong with it; else reopen the last."""
        copies = sorted(self.responses_dir.glob(".*.recovery.yaml")) if self.responses_dir.is_dir() else []
        for copy in copies:
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
        self.reopen_last()

    @work(exit_on_error=False)
    async def choose_response(self) -> None:
        if not await self.confirm_discard():
            return
        files = sorted(self.responses_dir.glob("[!.]*.yaml")) if self.responses_dir.is_dir() else []
        if not files:
            self.notify(f"No responses in {display_path(self.responses_dir)} yet: press Ctrl+N to start one.")
            return
        chosen = await self.push_screen_wait(ResponsePicker(files))
        if chosen is not None:
            self.open_response(chosen)

    # Creating ------------------------------------------------------------------------------------------------

    @work(exit_on_error=False)
    async def new_response(self) -> None:
        if not await self.confirm_discard():
            return
        title = await self.push_screen_wait(Prompt("The consultation's title"))
        if not title or not title.strip():
            return
        department = await self.push_screen_wait(
            Prompt("The government department consulting", "Department for Education")
        )
        if not department or not department.strip():
            return
        path = await self._new_file(slug_from(title))
        if path is None:
            return
        response = Response(path.stem, Consultation(" ".join(title.split()), " ".join(department.split())))
        self.responses_dir.mkdir(parents=True, exist_ok=True)
        stamp = write_response(path, response, Stamp.absent())
        self.draft = Draft(path, response, stamp, saved=response)
        remember_last_response(path)
        self.action_show_composer()
        self.get_screen("composer").refresh_outline(("root",))
        self.notify(
            f"Created {display_path(path)}. Press q to add a question, k a key message, m the contact and dates."
        )

    async def _new_file(self, suggested: str) -> Path | None:
        """Ask for a file name (made from whatever is typed), until it is free, or the officer gives up."""
        while True:
            typed = await self.push_screen_wait(Prompt("Name for the file (letters, numbers and spaces)", suggested))
            if typed is None or not typed.strip():
                return None
            slug = slug_from(typed)
            path = self.responses_dir / f"{slug}.yaml"
            if slug and not slug_problem(slug) and not path.exists():
                return path
            why = "is already taken" if path.exists() else "cannot be used as a file name"
            self.notify(f"'{slug or typed}' {why}: choose another name.", severity="error")
            suggested = f"{slug}-2" if slug else ""

    @work(exit_on_error=False)
    async def import_questions(self) -> None:
        """Start a response from a consultation document's questions."""
        if not await self.confirm_discard():
            return
        typed = await self.push_screen_wait(
            Prompt("The consultation document to import (a .docx, .odt, .pdf, .html, .md or .txt file)")
        )
        if not typed or not typed.strip():
            return
        source = Path(typed.strip().strip("'\"")).expanduser()
        try:
            response = import_consultation(source)
        except InputError as exc:
            if "department" not in str(exc):
                self.notify(problems_text(exc), title="Not imported", severity="error", timeout=15)
                return
            department = await self.push_screen_wait(
                Prompt("The document does not name the department consulting: which is it?", "Department for Education")
            )
            if not department or not department.strip():
                return
            try:
                response = import_consultation(source, department=" ".join(department.split()))
            except InputError as again:
                self.notify(problems_text(again), title="Not imported", severity="error", timeout=15)
                return
        path = await self._new_file(response.slug)
        if path is None:
            return
        self.responses_dir.mkdir(parents=True, exist_ok=True)
        response = replace(response, slug=path.stem)
        stamp = write_response(path, response, Stamp.absent())
        self.draft = Draft(path, response, stamp, saved=response)
        remember_last_response(path)
        self.action_show_composer()
        self.get_screen("composer").refresh_outline(("root",))
        questions = sum(s.is_question for s in response.sections)
        self.notify(f"Imported {questions} questions into {display_path(path)}. Each shows suggested positions.")

    @work(exit_on_error=False)
    async def bring_in_review(self) -> None:
        """Read a returned Word copy into the draft (one change, undone by Ctrl+Z) and go through it."""
        if self.draft is None or self.library is None:
            self.notify("Open the response the Word copy was made from first (Ctrl+O).", severity="warning")
            return
        chosen = await self.push_screen_wait(ReturnedPicker(returned_copies(self.draft.path)))
        if chosen is None:
            return
        try:
            result = review_returned(self.draft.path, chosen)
            assert result.sent is not None
            applied = apply_review(self.draft.response, result.sent, result, draft_text(self.library))
        except InputError as exc:
            self.notify(problems_text(exc), title="Not brought in", severity="error", timeout=15)
            return
        self.change_draft(applied.response)
        names = list(dict.fromkeys(i.author for i in result.items if i.author)) or [result.reviewer or "the reviewer"]
        said = [f"Brought in {display_path(chosen)}, reviewed by {' and '.join(names)}."]
        said += [f"Conflict: {c}" for c in applied.conflicts] + applied.messages
        if result.unread:
            said.append("Not read: " + ", ".join(f"{what} ({n})" for what, n in sorted(result.unread.items())))
        if isinstance(self.screen, ReviewScreen):
            self.screen.brought_in = said
            self.screen.refresh_list(0)
        else:
            self.push_screen(ReviewScreen(said))

    # Saving and rendering ---------------------------------------------------------------------------------------

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
                mine = await self._new_file(f"{draft.path.stem}-mine")
                if mine is not None:
                    self.save_draft(mine)
            return
        except InputError as exc:
            self.notify(problems_text(exc), title="Not saved", severity="error", timeout=15)
            return
        clear_recovery(draft.path)
        draft.saved_as(target, stamp)
        self.get_screen("composer").sub_title = self.composer_title()
        self.notify(f"Saved {display_path(target)}.")

    @work(exit_on_error=False)
    async def render_draft(self, clean: bool) -> None:
        if self.draft is None or self.library is None:
            self.notify("Open a response first (Ctrl+O).", severity="warning")
            return
        draft, library = self.draft, self.library
        problems = check_response(LoadedResponse(draft.path, draft.response, Stamp.absent(), []), library)
        errors = [p for p in problems if p.is_error]
        placeholders = [p for p in errors if p.code == PLACEHOLDER]
        if errors and len(placeholders) == len(errors):
            answer = await self.push_screen_wait(
                Choice(
                    "The response is not finished yet:\n" + problems_text(InputError(placeholders), 4),
                    {"d": "Write a draft anyway", "c": "Cancel"},
                )
            )
            if answer != "d":
                return
        elif errors:
            self.notify(problems_text(InputError(errors)), title="Not written", severity="error", timeout=15)
            return
        self.notify("Writing the Word document…", timeout=2)
        self.render_worker(draft.path, draft.response, library, clean)

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def render_worker(self, path: Path, response: Response, library: Library, clean: bool) -> None:
        try:
            target = output_path(path, None, force=False)
            sent_id = new_sent_id(path)
            data = render_to_bytes(response, library, RenderOptions(clean=clean, sent_id=sent_id))
            write_atomic(target, data)
            record_sent(path, sent_id, response, data)
        except InputError as exc:
            self.call_from_thread(self.notify, problems_text(exc), title="Not written", severity="error", timeout=15)
            return
        kind = "clean" if clean else "with tracked changes"
        self.call_from_thread(self.notify, f"Wrote {display_path(target)} ({kind}).", title="Word document", timeout=8)

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
                stamp = write_response(self.draft.path, self.draft.response, self.draft.stamp)
            except ChangedOnDisk:
                self.notify(
                    "Not saved: the file changed on disk. Save from the composer (Ctrl+S) to choose what to do.",
                    severity="error",
                )
                return False
            except InputError as exc:
                self.notify(problems_text(exc), title="Not saved", severity="error", timeout=15)
                return False
            clear_recovery(self.draft.path)
            self.draft.saved_as(self.draft.path, stamp)
            return True
        if answer == "d":
            clear_recovery(self.draft.path)
            self.draft.response = self.draft.saved or self.draft.response
            return True
        return False
