"""An officer's whole journey, pressing the real key bindings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from docx_reader import DocxXml, document_view
from libreoffice import convert, pdf_text
from ruamel.yaml import YAML
from ui_helpers import SIZE, loaded, settle

from policydesk.store.recovery import recovery_path


async def type_text(pilot, text: str) -> None:
    for char in text:
        await pilot.press("space" if char == " " else char)


async def new_response(pilot, app, slug="kinship-response") -> None:
    await pilot.press("f3", "ctrl+n")
    await settle(pilot, app)
    await type_text(pilot, slug)
    await pilot.press("enter")
    await settle(pilot, app)
    await type_text(pilot, "Kinship care")
    await pilot.press("enter")
    await settle(pilot, app)
    await pilot.press("enter")
    await settle(pilot, app)


async def add_question(pilot, app, number: str, text: str, answer_key: str) -> None:
    await pilot.press("q")
    await settle(pilot, app)
    await pilot.press("end", "ctrl+u")
    await type_text(pilot, number)
    await pilot.press("enter")
    await settle(pilot, app)
    await type_text(pilot, text)
    await pilot.press("enter")
    await settle(pilot, app)
    await pilot.press(answer_key)
    await settle(pilot, app)


async def add_found_position(pilot, app, query: str) -> None:
    await pilot.press("a")
    await settle(pilot, app)
    await pilot.press("slash", "end", "ctrl+u")
    await type_text(pilot, query)
    await settle(pilot, app)
    await pilot.press("enter", "a")
    await settle(pilot, app)


async def test_search_history_compose_edit_save_render(app, workspace: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        library = app.get_screen("library")
        await pilot.press("slash")
        await type_text(pilot, "kinship")
        await settle(pilot, app)
        assert [p.id for p in library.shown] == ["kinship-carer-support"]

        await pilot.press("slash", "end", "ctrl+u")
        await type_text(pilot, "deficit")
        await settle(pilot, app)
        await pilot.press("enter", "v")
        await settle(pilot, app)
        history = app.screen
        assert type(history).__name__ == "HistoryScreen"
        assert "Stance: concern → call." in str(history.query_one("#sides").content)
        await pilot.press("up", "f")
        await settle(pilot, app)
        assert (history.old, history.new) == (0, 1)
        await pilot.press("escape")

        await new_response(pilot, app)
        assert app.draft.path == workspace / "responses" / "kinship-response.yaml"
        await add_question(pilot, app, "1", "Do you agree with the kinship proposals?", "a")
        await add_found_position(pilot, app, "kinship")
        await add_found_position(pilot, app, "agency")
        response = app.draft.response
        assert response.sections[0].title.startswith("Replace this")
        assert [(p.position, str(p.version)) for p in response.sections[1].paragraphs] == [
            ("kinship-carer-support", "2023-03-14"),
            ("agency-social-workers", "2023-03-14"),
        ]
        assert response.sections[1].answer == "Agree"

        composer = app.get_screen("composer")
        assert composer.item == ("para", 1, 1)
        await pilot.press("e")
        await settle(pilot, app)
        await type_text(pilot, " We want this soon.")
        await settle(pilot, app)
        departure = " ".join(str(part) for part in composer.query_one("#departure").content.renderables)
        assert "Edited:" in departure and "+4 / -0 words" in departure
        await pilot.press("escape")
        assert "● modified" in composer.sub_title

        await pilot.press("k")
        await settle(pilot, app)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "Kinship carers need support.")
        await pilot.press("escape")
        await pilot.press("m")
        await settle(pilot, app)
        for _ in range(5):
            await pilot.press("tab")
        for value in ("Alex Morgan", "Senior Adviser", "alex.morgan@local.gov.uk"):
            await pilot.press("end", "ctrl+u")
            await type_text(pilot, value)
            await pilot.press("tab")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.draft.response.contact.email == "alex.morgan@local.gov.uk"
        assert app.draft.response.key_messages[-1] == "Kinship carers need support."

        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "modified" not in composer.sub_title
        saved = YAML(typ="safe").load((workspace / "responses" / "kinship-response.yaml").read_text())
        quoted = saved["sections"][1]["paragraphs"]
        assert quoted[0] == {"position": "kinship-carer-support", "version": __import__("datetime").date(2023, 3, 14)}
        assert quoted[1]["text"].endswith("We want this soon.\n") or quoted[1]["text"].endswith("We want this soon.")

        await pilot.press("ctrl+r")
        await settle(pilot, app)
        docx = workspace / "responses" / "kinship-response.docx"
        assert docx.is_file()
    xml = DocxXml(docx)
    assert any("We want this soon." in text for text in document_view(xml, accept=True))
    assert not any("We want this soon." in text for text in document_view(xml, accept=False))
    text = " ".join(pdf_text(convert([docx], "pdf", workspace)[0]).split())
    assert "Question 1: Do you agree with the kinship proposals?" in text
    assert "We strongly welcome better support for kinship carers" in text


async def test_quitting_with_unsaved_changes_asks(app, workspace: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await new_response(pilot, app)
        await add_question(pilot, app, "1", "Anything?", "n")
        assert app.draft.modified
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "Choice"
        await pilot.press("c")
        await settle(pilot, app)
        assert app.is_running and app.draft.modified
        await pilot.press("ctrl+q")
        await settle(pilot, app)
        await pilot.press("s")
        await settle(pilot, app)
    saved = YAML(typ="safe").load((workspace / "responses" / "kinship-response.yaml").read_text())
    assert saved["sections"][1]["text"] == "Anything?"
    assert not recovery_path(workspace / "responses" / "kinship-response.yaml").exists()


async def test_recovery_after_a_crash(app, workspace: Path) -> None:
    path = workspace / "responses" / "kinship-response.yaml"
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await new_response(pilot, app)
        await add_question(pilot, app, "1", "Unsaved question?", "n")
        await pilot.pause(0.8)
        assert recovery_path(path).is_file()
    # The app ended without saving, as if it had died: the recovery copy is still there.
    from policydesk.ui.app import make_app

    again = make_app(workspace / "positions", workspace / "responses")
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot, again)
        await settle(pilot, again)
        assert type(again.screen).__name__ == "Choice"
        await pilot.press("r")
        await settle(pilot, again)
        assert again.draft.response.sections[1].title == "Unsaved question?"
        assert again.draft.modified
        await pilot.press("ctrl+s")
        await settle(pilot, again)
    assert "Unsaved question?" in path.read_text()
    assert not recovery_path(path).exists()


async def test_a_file_changed_on_disk_is_not_overwritten(app, workspace: Path) -> None:
    path = workspace / "responses" / "kinship-response.yaml"
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await new_response(pilot, app)
        await add_question(pilot, app, "1", "Mine?", "n")
        theirs = path.read_text() + "# edited by a colleague\n"
        path.write_text(theirs)
        os.utime(path)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "Choice"
        assert path.read_text() == theirs
        await pilot.press("a")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
    assert path.read_text() == theirs
    mine = workspace / "responses" / "kinship-response-2.yaml"
    assert "Mine?" in mine.read_text()


async def test_help_lists_every_binding(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("f1")
        await settle(pilot, app)
        from rich.table import Table

        tables = [w.content for w in app.screen.query("Static") if isinstance(w.content, Table)]
        shown = " ".join(str(cell) for table in tables for column in table.columns for cell in column._cells)
        for words in ("Search", "Stance", "Compare from", "Add position", "Update pin", "Render", "Quit"):
            assert words in shown


@pytest.mark.parametrize("width", [80])
async def test_works_at_80_by_24(app, width: int) -> None:
    async with app.run_test(size=(width, 24)) as pilot:
        await loaded(pilot, app)
        assert app.get_screen("library").query_one("#results").size.width > 30


async def test_command_palette_jumps_to_a_position(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("slash", *"agency", "enter")
        await settle(pilot, app)
        await pilot.press("ctrl+p")
        await settle(pilot, app)
        await type_text(pilot, "Position: Dedicated Schools")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot, app)
        library = app.get_screen("library")
        assert library.query_one("#search").value == ""
        assert library.highlighted.id == "high-needs-deficits"
