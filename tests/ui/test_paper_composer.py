"""Board papers in the composer: start one, quote positions in an LGA VIEW, edit, save, write it; open the
bundled paper and change its summary and recommendations."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx_reader import DocxXml, document_view
from ui_helpers import SIZE, loaded, screen_text, settle, shown_in, type_text

from conftest import REPO
from policydesk.store.paper_file import read_paper
from policydesk.ui.app import make_app
from policydesk.ui.screens.paper import PaperScreen, recommendations_from, recommendations_text


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "positions", tmp_path / "positions")
    shutil.copytree(REPO / "papers", tmp_path / "papers")
    (tmp_path / "responses").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def select(pilot, app, wanted: tuple) -> None:
    """Press Down in the outline until `wanted` is selected (as an officer would), from the top."""
    await pilot.press("home")
    for _ in range(200):
        if app.screen.item == wanted:
            return
        await pilot.press("down")
        await settle(pilot, app)
    raise AssertionError(f"{wanted} is not in the outline")


async def test_start_a_paper_quote_positions_in_its_view_and_write_it(bundled: Path) -> None:
    app = make_app(bundled / "positions", bundled / "responses")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("f3", "ctrl+n", "p")
        await settle(pilot, app)
        for answer in ("Kinship care: LGA view", None, "14 March 2023"):
            if answer is not None:
                await type_text(pilot, answer)
            await pilot.press("enter")  # the board offered is the taxonomy's first; Enter keeps it
            await settle(pilot, app)
        await pilot.press("d")  # For direction
        await settle(pilot, app)
        await pilot.press("enter")  # the file name made from the title
        await settle(pilot, app)
        path = bundled / "papers" / "kinship-care-lga-view.yaml"
        assert app.draft is not None and app.draft.path == path and path.is_file()
        assert isinstance(app.screen, PaperScreen)
        paper = app.draft.document
        assert (paper.title, paper.purpose, str(paper.meeting)) == (
            "Kinship care: LGA view",
            "For direction",
            "2023-03-14",
        )

        await select(pilot, app, ("view", ("sections", 1)))
        assert "a Add a position to the LGA VIEW" in screen_text(app)
        await pilot.press("a")
        await settle(pilot, app)
        await type_text(pilot, "kinship")
        await settle(pilot, app)
        await pilot.press("ctrl+a")
        await settle(pilot, app)
        assert isinstance(app.screen, PaperScreen)
        view = app.draft.document.sections[1].lga_view
        assert len(view) == 2 and view[1].position is not None
        quoted = view[1].position
        assert app.screen.item == ("para", ("sections", 1, "lga_view", 1))

        await pilot.press("e", "end")
        await type_text(pilot, " Councils need the money to do this.")
        await settle(pilot, app)
        assert "Edited:" in shown_in(app.screen.query_one("#departure"))
        await pilot.press("escape", "ctrl+s")
        await settle(pilot, app)
        saved = read_paper(path).paper
        assert saved.sections[1].lga_view[1].position == quoted
        assert saved.sections[1].lga_view[1].text.endswith("Councils need the money to do this.")

        await pilot.press("ctrl+r")  # the placeholders are not replaced yet: a draft, on purpose
        await settle(pilot, app)
        shown = screen_text(app)
        assert "not finished yet" in shown and "Press m for the details" in shown  # wrapped, not cut off
        assert ".yaml:1:1" not in shown  # what is unfinished, in words, not file places
        await pilot.press("d")
        await settle(pilot, app)
    docx = path.with_suffix(".docx")
    assert docx.is_file()
    text = "\n".join(document_view(DocxXml(docx.read_bytes()), accept=True))
    assert "Kinship care: LGA view" in text and "Councils need the money to do this." in text


async def test_open_the_bundled_paper_and_edit_its_summary_and_recommendations(bundled: Path) -> None:
    app = make_app(bundled / "positions", bundled / "responses")
    path = bundled / "papers" / "stable-homes-initial-view.yaml"
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("f3", "ctrl+o")
        await settle(pilot, app)
        assert "board paper, For direction" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert isinstance(app.screen, PaperScreen) and app.draft.path == path

        await select(pilot, app, ("summary",))
        await pilot.press("e")
        await pilot.press("ctrl+a")  # select all the summary's text in the editor
        await type_text(pilot, "A shorter summary.")
        await pilot.press("escape")
        await select(pilot, app, ("recommendations",))
        await pilot.press("e", "end", "enter")
        await type_text(pilot, "d) notes the timetable.")
        await pilot.press("escape", "ctrl+s")
        await settle(pilot, app)
        await pilot.press("ctrl+z")  # undo the recommendation, then redo it
        await settle(pilot, app)
        assert len(app.draft.document.recommendations.items) == 3
        await pilot.press("ctrl+y", "ctrl+s")
        await settle(pilot, app)
    saved = read_paper(path).paper
    assert saved.summary == "A shorter summary."
    assert saved.recommendations.items[-1] == "notes the timetable."
    assert len(saved.recommendations.items) == 4
    assert "# Example: the paper that put an initial LGA view" in path.read_text()  # its comments are kept


def test_recommendations_read_back_as_written() -> None:
    text = "That the Board:\na) agrees the view;\nb) notes the plan."
    found = recommendations_from(text)
    assert (found.lead, found.items) == ("That the Board:", ("agrees the view;", "notes the plan."))
    assert recommendations_text(found) == text
