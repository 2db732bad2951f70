"""The README's first session, keystroke for keystroke, on the bundled knowledge base, checking each step."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from ui_helpers import loaded, screen_text, settle, shown_in, type_text

from conftest import REPO
from policydesk.ui.app import make_app

README = (REPO / "README.md").read_text()
SESSION = README[README.index("A first session:") : README.index("Installed with `pip install .`")]
STEPS = re.findall(r"^\d\. (.*?)(?=^\d\. |\Z)", SESSION, re.S | re.M)
KEY_NAMES = {
    "Escape": "escape",
    "Enter": "enter",
    "F3": "f3",
    "Ctrl+N": "ctrl+n",
    "Ctrl+S": "ctrl+s",
    "Ctrl+Z": "ctrl+z",
    "Ctrl+R": "ctrl+r",
    "Ctrl+A": "ctrl+a",
}


def keys_of(step: int) -> list[str]:
    """The bold keys and the `typed` words of README step `step`, in the order the README gives them."""
    return re.findall(r"\*\*(.+?)\*\*|`([^`]+)`", STEPS[step - 1])


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "positions", tmp_path / "positions")
    (tmp_path / "responses").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def test_the_readme_first_session_works_as_written(bundled: Path) -> None:
    assert len(STEPS) == 5
    app = make_app(bundled / "positions", bundled / "responses")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        library = app.get_screen("library")

        # 1. Type `kinship`.
        assert keys_of(1) == [("", "kinship")]
        await type_text(pilot, "kinship")
        await settle(pilot, app)
        assert library.query_one("#search").value == "kinship"
        assert library.shown[0].id == "kinship-carer-support"
        preview = screen_text(app)
        assert "Proposed line: put to the Children and Young People Board, 14 March 2023" in preview
        assert "no decision recorded" in preview

        # 2. Escape, `deficits`, Enter: the versions, point by point; Escape goes back.
        assert keys_of(2) == [("Escape", ""), ("", "deficits"), ("Enter", ""), ("Escape", "")]
        await pilot.press("escape")
        await type_text(pilot, "deficits")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "HistoryScreen"
        assert app.screen.position.id == "high-needs-deficits"
        shown = screen_text(app)
        assert "Rewritten" in shown and ("Carried over:" in shown or "New:" in shown)
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.screen is library

        # 3. F3, Ctrl+N and r, a title and Enter, then Enter twice for the department and the file name.
        assert keys_of(3) == [("F3", ""), ("Ctrl+N", ""), ("r", ""), ("Enter", ""), ("Enter", "")]
        await pilot.press("f3", "ctrl+n", "r")
        await settle(pilot, app)
        await type_text(pilot, "Kinship care")
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.draft is not None and app.draft.path == bundled / "responses" / "kinship-care.yaml"
        assert app.draft.document.consultation.department == "Department for Education"

        # 4. q, type the question, Ctrl+S, then 1 quotes the first suggestion.
        assert keys_of(4) == [("q", ""), ("Ctrl+S", ""), ("1", ""), ("a", ""), ("Ctrl+A", "")]
        await pilot.press("q")
        await settle(pilot, app)
        await type_text(pilot, "Do you agree with the proposals for kinship carers?")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        question = app.draft.document.sections[0]
        assert (question.number, question.title) == ("1", "Do you agree with the proposals for kinship carers?")
        composer = app.get_screen("composer")
        assert composer.suggested, "the question shows suggested positions"
        first = composer.suggested[0].position
        assert f"{first.line.status_word}: {first.title[:20]}" in screen_text(app)  # agreed or not, at a glance
        await pilot.press("1")
        await settle(pilot, app)
        quoted = app.draft.document.sections[0].paragraphs[0]
        assert (quoted.position, quoted.version) == (first.id, first.line.date)

        # 5. e edits the selected paragraph; the panel shows the departure; Escape, Ctrl+Z, m, Ctrl+S, Ctrl+R.
        assert keys_of(5) == [
            ("e", ""),
            ("Escape", ""),
            ("Ctrl+Z", ""),
            ("m", ""),
            ("Ctrl+S", ""),
            ("Ctrl+R", ""),
            ("d", ""),
            ("k", ""),
        ]
        assert composer.item == ("para", 0, 0)
        await pilot.press("e")
        await settle(pilot, app)
        await type_text(pilot, " We want this soon.")
        await settle(pilot, app)
        departure = shown_in(composer.query_one("#departure"))
        assert "Edited:" in departure and "{+ We want this soon.+}" in departure
        await pilot.press("escape")
        await settle(pilot, app)
        assert app.draft.document.sections[0].paragraphs[0].text.endswith("We want this soon.")
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert app.draft.document.sections[0].paragraphs[0].text == ""
        await pilot.press("m")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "MetadataScreen"
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert not app.draft.modified
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        assert type(app.screen).__name__ == "Choice", "the response has no contact or key message yet"
        await pilot.press("d")
        await settle(pilot, app)
    assert (bundled / "responses" / "kinship-care.yaml").is_file()
    assert (bundled / "responses" / "kinship-care.docx").is_file()
