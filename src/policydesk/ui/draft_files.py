"""The open draft's life: changes with undo, recovery copies, opening, saving and rendering, for responses and
board papers alike."""

from __future__ import annotations

from pathlib import Path

from textual import work

from policydesk.documents import Document, check_document, kind_of, kind_of_file
from policydesk.model.library import Library
from policydesk.model.problems import InputError, Problem
from policydesk.model.rules import DATE_ORDER, PLACEHOLDER, STALE_PIN
from policydesk.render.assemble import RenderOptions
from policydesk.store.atomic import ChangedOnDisk, Stamp, write_atomic
from policydesk.store.outputs import output_path
from policydesk.store.places import last_response, remember_last_response
from policydesk.store.recovery import clear_recovery, pending_recovery, write_recovery
from policydesk.store.sent import new_sent_id, record_sent
from policydesk.store.yaml_io import display_path
from policydesk.ui.draft import Draft
from policydesk.ui.screens.document_editor import problems_text
from policydesk.ui.screens.pickers import ResponsePicker
from policydesk.ui.screens.prompt import Choice

RECOVERY_DELAY = 0.5


class DraftFiles:
    """Mixed into the app: everything that reads or writes the draft goes through here."""

    draft: Draft | None
    library: Library | None
    responses_dir: Path
    papers_dir: Path

    # Changes -------------------------------------------------------------------------------------------------

    def change_draft(self, document: Document, group: object = None) -> None:
        """Record an edit (undoable) and schedule the recovery copy, so a crash loses nothing."""
        assert self.draft is not None
        message = self.draft.change(document, group)
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
        composer = self.editor()
        composer.sub_title = self.composer_title()
        if composer.editing is None:
            composer.refresh_outline()
        if self._recovery_timer is not None:
            self._recovery_timer.stop()
        self._recovery_timer = self.set_timer(RECOVERY_DELAY, self.write_recovery_copy)

    def write_recovery_copy(self) -> None:
        if self.draft is not None and self.draft.modified:
            write_recovery(self.draft.path, self.draft.document)
        elif self.draft is not None:
            clear_recovery(self.draft.path)

    def composer_title(self) -> str:
        if self.draft is None:
            return "composer"
        unsaved = " ● unsaved changes" if self.draft.modified else ""  # before the path: a long one is cut off
        return f"composer{unsaved}: {display_path(self.draft.path)}"

    # Opening -------------------------------------------------------------------------------------------------

    def open_document(self, path: Path, recovered: Document | None = None, show: bool = True) -> None:
        """Open a response or paper in its composer (shown unless `show` is False); `recovered` replaces its
        content with unsaved work from a crash."""
        if recovered is not None and not path.is_file():
            self.draft = Draft(path, recovered, Stamp.absent())
        else:
            try:
                loaded = kind_of_file(path).read(path)
            except InputError as exc:
                self.notify(problems_text(exc), title="Cannot open", severity="error", timeout=12)
                return
            errors = [p for p in loaded.problems if p.is_error]
            if (errors or loaded.document is None) and recovered is None:
                self.notify(
                    problems_text(InputError(errors or loaded.problems)),
                    title="Cannot open",
                    severity="error",
                    timeout=12,
                )
                return
            stamp = loaded.stamp if loaded.document is not None else Stamp.of_bytes(b"")
            self.draft = Draft(path, recovered or loaded.document, stamp, saved=loaded.document)
        if show:
            self.show_draft()

    def show_draft(self) -> None:
        """Remember the open file for next time and show it in its composer, from the top."""
        assert self.draft is not None
        remember_last_response(self.draft.path)
        self.action_show_composer()
        self.editor().refresh_outline(("root",))

    def reopen_last(self) -> None:
        """Open the response or paper the officer last worked on, when nothing else was asked for, behind the
        library: the first thing typed is still a search."""
        path = last_response()
        if path is not None and self.draft is None:
            self.open_document(path, show=False)
            if self.draft is not None:
                self.notify(f"{display_path(path)} is open as you left it: F3 goes to it.", timeout=8)

    @work(exit_on_error=False)
    async def offer_recovery(self) -> None:
        """Offer every recovery copy, even one with errors, saying what is wrong with it; else reopen the last."""
        copies = [c for folder in self.folders() for c in sorted(folder.glob(".*.recovery.yaml"))]
        for copy in copies:
            path = copy.with_name(copy.name.removeprefix(".").removesuffix(".recovery.yaml") + ".yaml")
            recovered = pending_recovery(path)
            if recovered is None:
                continue
            errors = [p for p in recovered.problems if p.is_error]
            message = f"{display_path(path)} has unsaved changes from a session that ended unexpectedly."
            if recovered.document is None:
                choices = {"k": "Keep the copy for later", "d": "Discard it"}
                message += f"\nThe copy cannot be read ({problems_text(InputError(errors), 2)}); it is {copy}."
            else:
                choices = {"r": "Restore them", "k": "Keep for later", "d": "Discard them"}
                if errors:
                    message += f"\nSome of it needs correcting:\n{problems_text(InputError(errors), 3)}"
            answer = await self.push_screen_wait(Choice(message, choices))
            if answer == "r":
                self.open_document(path, recovered.document)
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
        files = [f for folder in self.folders() for f in sorted(folder.glob("[!.]*.yaml"))]
        if not files:
            self.notify(f"No responses in {display_path(self.responses_dir)} yet: press Ctrl+N to start one.")
            return
        chosen = await self.push_screen_wait(ResponsePicker(files))
        if chosen is not None:
            self.open_document(chosen)

    def folders(self) -> list[Path]:
        """The folders of responses and of papers that exist."""
        return [folder for folder in (self.responses_dir, self.papers_dir) if folder.is_dir()]

    # Saving and rendering ---------------------------------------------------------------------------------------

    @work(exit_on_error=False)
    async def save_draft(self, path: Path | None = None) -> None:
        draft = self.draft
        if draft is None:
            return
        target = path or draft.path
        expected = draft.stamp if target == draft.path else Stamp.absent()
        try:
            stamp = kind_of(draft.document).write(target, draft.document, expected)
        except ChangedOnDisk:
            answer = await self.push_screen_wait(
                Choice(
                    f"{display_path(target)} was changed on disk by someone else since you opened it.",
                    {"r": "Reload theirs", "a": "Save mine as…", "c": "Cancel"},
                )
            )
            if answer == "r":
                clear_recovery(draft.path)
                self.open_document(draft.path)
            elif answer == "a":
                mine = await self._new_file(f"{draft.path.stem}-mine", draft.path.parent)
                if mine is not None:
                    self.save_draft(mine)
            return
        except InputError as exc:
            self.notify(problems_text(exc), title="Not saved", severity="error", timeout=15)
            return
        clear_recovery(draft.path)
        draft.saved_as(target, stamp)
        self.editor().sub_title = self.composer_title()
        self.notify(f"Saved {display_path(target)}.")

    @work(exit_on_error=False)
    async def render_draft(self, clean: bool) -> None:
        """Write the Word document, first saying what is unfinished or what a lead member would query, if anything."""
        if self.draft is None or self.library is None:
            self.notify("Open a response or paper first (Ctrl+O).", severity="warning")
            return
        draft, library = self.draft, self.library
        problems = check_document(draft.path, draft.document, library, conventions=False)
        errors = [p for p in problems if p.is_error]
        placeholders = [p for p in errors if p.code == PLACEHOLDER]
        if len(placeholders) < len(errors):
            self.notify(problems_text(InputError(errors)), title="Not written", severity="error", timeout=15)
            return
        cautions = queries(problems)
        if placeholders or cautions:
            go = {"d": "Write a draft anyway"} if placeholders else {"w": "Write it anyway"}
            answer = await self.push_screen_wait(
                Choice(before_writing(draft.document, placeholders, cautions), go | {"c": "Cancel"})
            )
            if answer not in go:
                return
        self.notify("Writing the Word document…", timeout=2)
        self.render_worker(draft.path, draft.document, library, clean)

    @work(thread=True, exclusive=True, group="render", exit_on_error=False)
    def render_worker(self, path: Path, document: Document, library: Library, clean: bool) -> None:
        """Write the Word document beside the file; for a response, keep a record of what was sent."""
        kind = kind_of(document)
        try:
            target = output_path(path, None, force=False)
            sent_id = new_sent_id(path) if kind.sent else ""
            data = kind.render(document, library, RenderOptions(clean=clean, sent_id=sent_id))
            write_atomic(target, data)
            if kind.sent:
                record_sent(path, sent_id, document, data)
        except InputError as exc:
            self.call_from_thread(self.notify, problems_text(exc), title="Not written", severity="error", timeout=15)
            return
        how = "clean" if clean else "with tracked changes"
        self.call_from_thread(self.notify, f"Wrote {display_path(target)} ({how}).", title="Word document", timeout=12)

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
                stamp = kind_of(self.draft.document).write(self.draft.path, self.draft.document, self.draft.stamp)
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
            self.draft.document = self.draft.saved or self.draft.document
            return True
        return False


def queries(problems: list[Problem]) -> list[str]:
    """What a lead member would query in the Word document, said before it is written: old quotations, odd dates."""
    stale = sum(p.code == STALE_PIN for p in problems)
    said = [
        f"{stale} quotation{'s are' if stale > 1 else ' is'} older than the current line (marked 'stale' in the "
        "outline): select each and press u to quote the line, or leave it if it is meant."
    ] * bool(stale)
    return said + [
        f"{p.message[:1].upper()}{p.message[1:]}: m shows the details." for p in problems if p.code == DATE_ORDER
    ]


def before_writing(document: Document, placeholders: list[Problem], cautions: list[str]) -> str:
    """The question asked before writing a document that is unfinished or would be queried."""
    kind = kind_of(document)
    parts = []
    if placeholders:
        listed = "\n".join(f"• {p.message}" for p in placeholders[:5])
        more = f"\n… and {len(placeholders) - 5} more" if len(placeholders) > 5 else ""
        keys = "Press k to add a key message, m" if kind.sent else "Press m"
        parts.append(
            f"The {kind.noun} is not finished yet:\n{listed}{more}\n\n"
            f"{keys} for the details and contact officer; select any other text and press e."
        )
    if cautions:
        parts.append("A lead member reading it may ask about this:\n" + "\n".join(f"• {c}" for c in cautions))
    return "\n\n".join(parts)
