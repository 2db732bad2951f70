"""An officer's whole journey, pressing the real key bindings: compose, edit, save, render, recover."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

from docx_reader import DocxXml, document_view
from libreoffice import convert, pdf_text
from ruamel.yaml import YAML
from ui_helpers import SIZE, loaded, screen_text, settle, shown_in, type_text

from conftest import DATA
from policydesk.store.recovery import recovery_path
from policydesk.ui.app import make_app


async def new_response(pilot, app, title: str = "Kinship response") -> None:
    """Ctrl+N, a title, then the suggested department and file name."""
    await pilot.press("f3", "ctrl+n", "r")
    await settle(pilot, app)
    await type_text(pilot, title)
    await pilot.press("enter")
    await settle(pilot, app)
    await pilot.press("enter")
    await settle(pilot, app)
    await pilot.press("enter")
    await settle(pilot, app)


async def add_question(pilot, app, text: str) -> None:
    await pilot.press("q")
    await settle(pilot, app)
    await type_text(pilot, text)
    await pilot.press("ctrl+s")
    await settle(pilot, app)


async def add_found_position(pilot, app, query: str) -> None:
    await pilot.press("a")
    await settle(pilot, app)
    library = app.get_screen("library")
    library.query_one("#search").value = ""
    await type_text(pilot, query)
    await settle(pilot, app)
    await pilot.press("ctrl+a")
    await settle(pilot, app)


async def test_compose_edit_details_save_and_render(app, workspace: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await new_response(pilot, app)
        assert app.draft.path == workspace / "responses" / "kinship-response.yaml"
        await add_question(pilot, app, "Do you agree with the kinship proposals?")
        await add_found_position(pilot, app, "kinship")
        await add_found_position(pilot, app, "agency")
        response = app.draft.document
        assert [(p.position, str(p.version)) for p in response.sections[0].paragraphs] == [
            ("kinship-carer-support", "2023-03-14"),
            ("agency-social-workers", "2023-03-14"),
        ]
        composer = app.get_screen("composer")
        assert composer.item == ("para", 0, 1)
        await pilot.press("e")
        await settle(pilot, app)
        await type_text(pilot, " We want this soon.")
        await settle(pilot, app)
        departure = shown_in(composer.query_one("#departure"))
        assert "Edited:" in departure and "+4 / -0 words" in departure
        await pilot.press("escape")
        assert "● unsaved changes" in composer.sub_title

        await pilot.press("k")
        await settle(pilot, app)
        await type_text(pilot, "Kinship carers need support.")
        await pilot.press("escape")
        await pilot.press("m")
        await settle(pilot, app)
        form = app.screen
        for key, value in (
            ("contact_name", "Alex Morgan"),
            ("contact_position", "Senior Adviser"),
            ("contact_email", "alex.morgan@local.gov.uk"),
            ("contact_phone", "020 7664 3000"),
        ):
            form.query_one(f"#{key}").value = value
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.draft.document.contact.email == "alex.morgan@local.gov.uk"
        assert app.draft.document.key_messages == ("Kinship carers need support.",)

        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "unsaved" not in composer.sub_title
        saved = YAML(typ="safe").load((workspace / "responses" / "kinship-response.yaml").read_text())
        quoted = saved["sections"][0]["paragraphs"]
        assert quoted[0] == {"position": "kinship-carer-support", "version": date(2023, 3, 14)}
        assert quoted[1]["text"].rstrip().endswith("We want this soon.")

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
        await add_question(pilot, app, "Anything?")
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
    assert saved["sections"][0]["text"] == "Anything?"
    assert not recovery_path(workspace / "responses" / "kinship-response.yaml").exists()


async def test_recovery_after_a_crash(app, workspace: Path) -> None:
    path = workspace / "responses" / "kinship-response.yaml"
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await new_response(pilot, app)
        await add_question(pilot, app, "Unsaved question?")
        await pilot.pause(0.8)
        assert recovery_path(path).is_file()
    # The app ended without saving, as if it had died: the recovery copy is still there.
    again = make_app(workspace / "positions", workspace / "responses")
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot, again)
        await settle(pilot, again)
        assert type(again.screen).__name__ == "Choice"
        await pilot.press("r")
        await settle(pilot, again)
        assert again.draft.document.sections[0].title == "Unsaved question?"
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
        await add_question(pilot, app, "Mine?")
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
    mine = workspace / "responses" / "kinship-response-mine.yaml"
    assert "Mine?" in mine.read_text()


async def test_help_lists_every_key_in_words(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("f3", "f1")
        await settle(pilot, app)
        from rich.table import Table

        tables = [w.content for w in app.screen.query("Static") if isinstance(w.content, Table)]
        rows = [
            " ".join(str(column._cells[i]) for column in table.columns)
            for table in tables
            for i in range(len(table.columns[0]._cells))
        ]
        assert rows[0].startswith("Composer"), "the help starts with the screen it was opened from"
        shown = " ".join(rows)
        for words in (
            "Ctrl+A",
            "Add to the open response or paper",
            "Compare from",
            "Edit",
            "Quote the newer line",
            "Undo",
            "Escape",
            "Word document",
            "Quit",
            "Delete",
            "Details and dates",
        ):
            assert words in shown
        assert "slash" not in shown and "ctrl+s" not in shown


async def test_command_palette_jumps_to_a_position(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await type_text(pilot, "agency")
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


async def test_the_last_response_opens_again_and_ctrl_o_shows_titles(workspace: Path) -> None:
    sample = Path(shutil.copy(DATA / "responses" / "sample.yaml", workspace / "responses"))
    first = make_app(workspace / "positions", workspace / "responses", sample)
    async with first.run_test(size=SIZE) as pilot:
        await loaded(pilot, first)
        await settle(pilot, first)
        assert first.draft.path == sample
    again = make_app(workspace / "positions", workspace / "responses")
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot, again)
        await settle(pilot, again)
        assert again.draft is not None and again.draft.path.resolve() == sample.resolve()
        assert again.screen is again.get_screen("library")  # behind the library: typing still searches
        await type_text(pilot, "kinship")
        await settle(pilot, again)
        assert again.screen.query_one("#search").value == "kinship" and not again.draft.modified
        await pilot.press("f3")
        await settle(pilot, again)
        assert again.screen is again.get_screen("composer") and "Stable Homes" in screen_text(again)
        await pilot.press("ctrl+o")
        await settle(pilot, again)
        picker = again.screen.query_one("OptionList")
        assert "Stable Homes, Built on Love" in str(picker.get_option_at_index(0).prompt)
