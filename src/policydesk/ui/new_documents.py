"""Starting a document: a new response or board paper, or a response imported from a consultation document."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from textual import work

from policydesk.consultation import import_consultation
from policydesk.documents import Document, kind_of
from policydesk.model.library import Library
from policydesk.model.paper import PURPOSES
from policydesk.model.paper import starter as paper_starter
from policydesk.model.problems import InputError
from policydesk.model.response import Consultation, Response
from policydesk.model.rules import day_problem, parse_day, slug_from, slug_problem
from policydesk.store.atomic import Stamp
from policydesk.store.yaml_io import display_path
from policydesk.ui.draft import Draft
from policydesk.ui.screens.document_editor import problems_text
from policydesk.ui.screens.prompt import Choice, Prompt


class NewDocuments:
    """Mixed into the app, beside DraftFiles: every way a new file comes into being."""

    draft: Draft | None
    library: Library | None
    responses_dir: Path
    papers_dir: Path

    @work(exit_on_error=False)
    async def new_document(self) -> None:
        """Ctrl+N: ask which kind of document, then start it."""
        if not await self.confirm_discard():
            return
        which = await self.push_screen_wait(
            Choice("Start a new…", {"r": "Consultation response", "p": "Board paper", "c": "Cancel"})
        )
        if which == "r":
            await self.new_response()
        elif which == "p":
            await self.new_paper()

    async def new_response(self) -> None:
        title = await self.push_screen_wait(Prompt("The consultation's title"))
        if not title or not title.strip():
            return
        department = await self.push_screen_wait(
            Prompt("The government department consulting", "Department for Education")
        )
        if not department or not department.strip():
            return
        path = await self._new_file(slug_from(title), self.responses_dir)
        if path is None:
            return
        response = Response(path.stem, Consultation(" ".join(title.split()), " ".join(department.split())))
        self._start(path, response)
        self.notify(
            f"Created {display_path(path)}. Press q to add a question, k a key message, m the contact and dates."
        )

    async def new_paper(self) -> None:
        title = await self.push_screen_wait(Prompt("The paper's title"))
        if not title or not title.strip():
            return
        bodies = self.library.taxonomy.bodies if self.library else ()
        board = await self.push_screen_wait(Prompt("The board it goes to", next(iter(bodies), "")))
        if not board or not board.strip():
            return
        meeting = await self._ask_day("The meeting's date (for example 14 March 2023)")
        if meeting is None:
            return
        purposes = dict(zip("isdc", PURPOSES, strict=True))
        purpose = purposes.get(await self.push_screen_wait(Choice("What the paper is for", purposes)) or "")
        if purpose is None:
            return
        path = await self._new_file(slug_from(title), self.papers_dir)
        if path is None:
            return
        self._start(path, paper_starter(path.stem, " ".join(board.split()), meeting, " ".join(title.split()), purpose))
        self.notify(
            f"Created {display_path(path)}. Replace each placeholder (e), and quote positions in each LGA VIEW (a)."
        )

    async def _ask_day(self, question: str) -> date | None:
        typed = await self.push_screen_wait(Prompt(question, check=day_problem))
        return parse_day(typed.strip()) if typed and typed.strip() else None

    def _start(self, path: Path, document: Document) -> None:
        """Save a new document at once (so it is never lost) and open it."""
        path.parent.mkdir(parents=True, exist_ok=True)
        stamp = kind_of(document).write(path, document, Stamp.absent())
        self.draft = Draft(path, document, stamp, saved=document)
        self.show_draft()

    async def _new_file(self, suggested: str, folder: Path) -> Path | None:
        """Ask for a file name (made from whatever is typed), offering a free one, until the officer gives one that
        is free, or gives up."""
        free = suggested
        for n in range(2, 100):
            if not (folder / f"{free}.yaml").exists():
                break
            free = f"{suggested}-{n}"

        def taken(typed: str) -> str | None:
            slug = slug_from(typed)
            if not slug and not typed.strip():
                return None  # an empty answer gives up
            if not slug or slug_problem(slug):
                return f"'{typed.strip()}' cannot be used as a file name: use letters, numbers, spaces or hyphens."
            if (folder / f"{slug}.yaml").exists():
                return f"'{slug}' is already taken: choose another name."
            return None

        asked = Prompt("Name for the file (letters, numbers, spaces or hyphens)", free, check=taken)
        typed = await self.push_screen_wait(asked)
        if typed is None or not typed.strip():
            return None
        return folder / f"{slug_from(typed)}.yaml"

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
        path = await self._new_file(response.slug, self.responses_dir)
        if path is None:
            return
        response = replace(response, slug=path.stem)
        self._start(path, response)
        questions = sum(s.is_question for s in response.sections)
        self.notify(f"Imported {questions} questions into {display_path(path)}. Each shows suggested positions.")
