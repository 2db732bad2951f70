"""The terminal UI under faults: shared YAML parts, cleared paragraphs, bad details, failing workers."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML
from ui_helpers import SIZE, loaded, settle

from policydesk.store.recovery import recovery_path
from policydesk.store.response_file import read_response
from policydesk.ui.app import make_app

ANCHORED = """\
consultation: {title: Kinship care, department: Department for Education}
status: draft
contact: {name: Alex Morgan, position: Senior Adviser, email: alex.morgan@local.gov.uk, phone: 020 7664 3000}
key_messages: [We back kinship carers.]
sections:
  - question: "1"
    text: First question?
    paragraphs: &shared
      - text: Shared paragraph.
  - question: "2"
    text: Second question?
    paragraphs: *shared
"""


def response(workspace: Path, text: str = ANCHORED) -> Path:
    path = workspace / "responses" / "shared.yaml"
    path.write_text(text)
    return path


async def open_at_first_paragraph(pilot, app) -> None:
    await loaded(pilot, app)
    await settle(pilot, app)
    for _ in range(4):
        await pilot.press("down")
    await settle(pilot, app)
    assert app.get_screen("composer").item == ("para", 0, 0)


# 1. Anchors and aliases ------------------------------------------------------------------------------------------


async def test_editing_a_shared_paragraph_saves_the_edit(workspace: Path) -> None:
    path = response(workspace)
    app = make_app(workspace / "positions", workspace / "responses", path)
    async with app.run_test(size=SIZE) as pilot:
        await open_at_first_paragraph(pilot, app)
        await pilot.press("e", "end")
        for char in " Edited":
            await pilot.press("space" if char == " " else char)
        await pilot.press("escape", "ctrl+s")
        await settle(pilot, app)
    saved = read_response(path).response
    assert [s.paragraphs[0].text for s in saved.sections] == ["Shared paragraph. Edited", "Shared paragraph."]
    assert not recovery_path(path).exists()


# 4. A draft with an error is still recovered -----------------------------------------------------------------------


async def test_a_cleared_paragraph_is_recovered_after_a_crash(workspace: Path) -> None:
    path = response(
        workspace,
        ANCHORED.replace("paragraphs: &shared", "paragraphs:").replace(
            "    paragraphs: *shared\n", "    paragraphs:\n      - text: Second answer.\n"
        ),
    )
    app = make_app(workspace / "positions", workspace / "responses", path)
    async with app.run_test(size=SIZE) as pilot:
        await open_at_first_paragraph(pilot, app)
        await pilot.press("e", "end", "ctrl+u")
        await pilot.pause(0.8)
        assert recovery_path(path).is_file()
    assert "text: ''" in recovery_path(path).read_text() or 'text: ""' in recovery_path(path).read_text()
    again = make_app(workspace / "positions", workspace / "responses")
    async with again.run_test(size=SIZE) as pilot:
        await loaded(pilot, again)
        await settle(pilot, again)
        assert type(again.screen).__name__ == "Choice"
        await pilot.press("r")
        await settle(pilot, again)
        assert [s.paragraphs[0].text for s in again.draft.document.sections] == ["", "Second answer."]


async def test_an_unreadable_recovery_copy_is_offered_not_dropped(workspace: Path) -> None:
    path = response(workspace)
    recovery_path(path).write_text("consultation: [unclosed\n")
    app = make_app(workspace / "positions", workspace / "responses")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await settle(pilot, app)
        assert type(app.screen).__name__ == "Choice"
        await pilot.press("k")
        await settle(pilot, app)
    assert recovery_path(path).read_text() == "consultation: [unclosed\n"


# 5. What the form accepts, the file reader accepts --------------------------------------------------------------


async def test_details_form_refuses_what_a_file_could_not_hold(workspace: Path) -> None:
    path = response(workspace)
    app = make_app(workspace / "positions", workspace / "responses", path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await settle(pilot, app)
        await pilot.press("m")
        await settle(pilot, app)
        form = app.screen
        form.query_one("#link").value = "www.gov.uk/consultation"
        form.query_one("#contact_email").value = "alex at lga"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is form, "the form stays open"
        assert "is not a web address" in str(form.query_one("#link-problem").render())
        assert "is not an email address" in str(form.query_one("#contact_email-problem").render())
        form.query_one("#link").value = "https://www.gov.uk/consultation"
        form.query_one("#contact_email").value = "alex.morgan@local.gov.uk"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.screen is not form
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    loaded_again = read_response(path)
    assert [p for p in loaded_again.problems if p.is_error] == []
    assert loaded_again.response.consultation.link == "https://www.gov.uk/consultation"


# 12. No fault in a background task closes the app ---------------------------------------------------------------


async def test_a_failing_render_is_a_message_and_the_draft_stays(workspace: Path, monkeypatch) -> None:
    from dataclasses import replace

    import policydesk.documents as documents

    def broken(*args, **kwargs):
        raise RuntimeError("renderer fault")

    monkeypatch.setattr(documents, "RESPONSE", replace(documents.RESPONSE, render=broken))
    path = response(workspace, ANCHORED.replace("Kinship care", "K" * 400))
    app = make_app(workspace / "positions", workspace / "responses", path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await settle(pilot, app)
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        assert app.is_running and app.draft is not None
        assert any("renderer fault" in str(n.message) for n in app._notifications)
    assert not path.with_suffix(".docx").exists()


async def test_a_long_title_renders(workspace: Path) -> None:
    path = response(workspace, ANCHORED.replace("Kinship care", "K" * 400))
    app = make_app(workspace / "positions", workspace / "responses", path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await settle(pilot, app)
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        assert app.is_running
    assert path.with_suffix(".docx").is_file()
    assert YAML(typ="safe").load(path.read_text())["consultation"]["title"] == "K" * 400
