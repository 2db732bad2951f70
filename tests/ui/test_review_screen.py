"""A lead member's Word copy comes back: bring it in from the composer, go through it, save, send again."""

from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from ui_helpers import SIZE, loaded, screen_text, settle, shown_in, type_text
from word_style import WordEdit

from conftest import DATA
from policydesk.cli import main
from policydesk.cli.output import Output
from policydesk.store.response_file import read_response
from policydesk.store.sent import sent_folder, sent_ids
from policydesk.ui.app import make_app
from policydesk.ui.screens.review import ReviewScreen
from policydesk.ui.widgets.key_bar import KeyBar

PATEL, WONG = "Cllr Priya Patel", "Cllr Sam Wong"


def policydesk(*args: str) -> str:
    stream = io.StringIO()
    assert main(["--kb", "positions", *args], out=Output(stream, styled=False)) == 0, stream.getvalue()
    return stream.getvalue()


@pytest.fixture
def returned(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """responses/sample.yaml rendered once, and the copy a reviewer sent back beside it (the newest Word file)."""
    monkeypatch.setenv("HOME", str(workspace / "home"))  # no Downloads folder of the machine's own
    response = workspace / "responses" / "sample.yaml"
    shutil.copy(DATA / "responses" / "sample.yaml", response)
    policydesk("render", str(response))
    sent = sent_folder(response) / f"{sent_ids(response)[-1]}.docx"
    word = WordEdit(sent.read_bytes())
    word.replace(
        "Lowering the deficit trigger", "takes flexibility away", "removes flexibility", PATEL, "2024-03-20T09:15:00Z"
    )
    word.comment(
        "We strongly welcome", "kinship carers", WONG, "2024-03-20T11:40:00Z", "Add the figure from the survey."
    )
    copy = workspace / "responses" / "sample-from-Cllr-Patel.docx"
    copy.write_bytes(word.save())
    later = os.stat(response.with_suffix(".docx")).st_mtime + 60
    os.utime(copy, (later, later))
    return response


def paragraph(response: Path, section: int, index: int):
    found = read_response(response).response
    assert found is not None
    return found.sections[section].paragraphs[index]


async def test_bring_in_a_review_decide_reply_and_save(returned: Path, workspace: Path) -> None:
    app = make_app(workspace / "positions", workspace / "responses", open_path=returned)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("v")  # nothing pending yet, so v asks for the returned copy
        await settle(pilot, app)
        assert "sample-from-Cllr-Patel.docx" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        summary = shown_in(screen.query_one("#review-summary"))
        assert f"reviewed by {WONG} and {PATEL}" in summary or f"reviewed by {PATEL} and {WONG}" in summary
        assert "1 change to decide, 1 open comment" in summary
        assert [e.what for e in screen.listed] == ["note", "proposal"]
        detail = shown_in(screen.query_one("#review-detail"))
        assert WONG in detail and "Add the figure from the survey." in detail and "kinship carers" in detail
        keys = shown_in(screen.query_one(KeyBar))  # only the keys that do something for a comment
        assert "Reply to the comment" in keys and "Accept" not in keys

        await pilot.press("y")
        await settle(pilot, app)
        await type_text(pilot, "Added the survey figure.")
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("down")
        await settle(pilot, app)
        detail = shown_in(screen.query_one("#review-detail"))
        assert PATEL in detail and "[-takes flexibility away-]{+removes flexibility+} from councils." in detail
        keys = shown_in(screen.query_one(KeyBar))
        assert "Accept the change" in keys and "Reply" not in keys
        await pilot.press("a")
        await settle(pilot, app)
        assert "0 changes" not in shown_in(screen.query_one("#review-summary"))
        assert "No changes to decide" in shown_in(screen.query_one("#review-summary"))

        await pilot.press("ctrl+z")  # the decision is a change like any other
        await settle(pilot, app)
        assert [e.what for e in screen.listed] == ["note", "proposal"]
        await pilot.press("ctrl+y")
        await settle(pilot, app)
        await pilot.press("ctrl+s")
        await settle(pilot, app)

        await pilot.press("escape")
        await settle(pilot, app)
        composer = app.get_screen("composer")
        assert app.screen is composer
        assert "review" in screen_text(app)  # the outline marks the paragraph that still has a comment open

    funding = paragraph(returned, 2, 1)
    assert "removes flexibility" in funding.text and "takes flexibility away" not in funding.text
    assert funding.proposals == ()
    note = paragraph(returned, 0, 0).notes[0]
    assert (note.by, note.text, note.resolved) == (WONG, "Add the figure from the survey.", False)
    assert [(r.by, r.text) for r in note.replies] == [("Jane Smith", "Added the survey figure.")]

    policydesk("render", str(returned))  # the next reviewer sees the conversation
    with zipfile.ZipFile(returned.with_suffix(".docx")) as docx:
        comments = docx.read("word/comments.xml").decode()
    assert f'w:author="{WONG}"' in comments and "Add the figure from the survey." in comments
    assert 'w:author="Jane Smith"' in comments and "Added the survey figure." in comments


async def test_a_file_that_is_not_a_returned_copy_changes_nothing(returned: Path, workspace: Path) -> None:
    (workspace / "responses" / "sample-from-Cllr-Patel.docx").write_bytes(b"not a zip")
    app = make_app(workspace / "positions", workspace / "responses", open_path=returned)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        before = app.draft.document
        await pilot.press("v", "enter")
        await settle(pilot, app)
        assert app.draft.document is before and not app.draft.modified
        assert app.screen is app.get_screen("composer")
        said = " ".join(str(n.message) for n in app._notifications)
        assert "sample-from-Cllr-Patel.docx" in said, said


async def test_a_typed_path_and_a_reviewer_deleting_a_question(returned: Path, workspace: Path) -> None:
    sent = sent_folder(returned) / f"{sent_ids(returned)[-1]}.docx"
    word = WordEdit(sent.read_bytes())
    word.delete_paragraph("Do you agree with the plans for the social care workforce?", PATEL, "2024-03-20T09:15:00Z")
    for text in ("We are very pleased", "Neither agree nor disagree"):
        word.delete_paragraph(text, PATEL, "2024-03-20T09:15:00Z")
    elsewhere = workspace / "Downloaded copy.docx"
    elsewhere.write_bytes(word.save())
    app = make_app(workspace / "positions", workspace / "responses", open_path=returned)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("v", "end", "enter")  # the last choice: type where the file is
        await settle(pilot, app)
        await type_text(pilot, str(elsewhere))
        await pilot.press("enter")
        await settle(pilot, app)
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        detail = shown_in(screen.query_one("#review-detail"))
        assert "delete the whole question" in detail
        await pilot.press("a")
        await settle(pilot, app)
        assert "Delete Question 2" in screen_text(app)
        await pilot.press("n")  # not yet: the question stays, and so does the proposal
        await settle(pilot, app)
        assert len(app.draft.document.sections) == 3
        await pilot.press("a", "y")
        await settle(pilot, app)
        assert [s.number for s in app.draft.document.sections if s.is_question] == ["1"]
