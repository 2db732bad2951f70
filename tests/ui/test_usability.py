"""What a new officer ran into, each checked by pressing the keys they would press."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import Static
from ui_helpers import loaded, screen_text, settle, shown_in, type_text

from conftest import DATA, REPO, need
from policydesk.search import SearchIndex, index_state
from policydesk.spelling import dictionary_installed
from policydesk.store.knowledge_base import bundled_root, load_knowledge_base
from policydesk.store.response_file import read_response
from policydesk.ui.app import make_app
from policydesk.ui.screens.composer import KEYS
from policydesk.ui.screens.document_editor import EVERYWHERE, MISSPELT
from policydesk.ui.screens.library import KEYS as LIBRARY_KEYS
from policydesk.ui.screens.library import LibraryScreen
from policydesk.ui.screens.pickers import ResponsePicker
from policydesk.ui.widgets.key_bar import key_label

SIZE = (100, 32)
LATER_NOTE = """\
  - date: 2024-01-23
    agreed_by: Children and Young People Board
    status: member-remark
    stance: concern
    source: {document: Minutes, paragraph: "item 4"}
    text: A member asked whether kinship allowances would be national.
"""


@pytest.fixture
def sample(workspace: Path) -> Path:
    return Path(shutil.copy(DATA / "responses" / "sample.yaml", workspace / "responses" / "sample.yaml"))


def bare_response(workspace: Path, status: str = "draft") -> Path:
    path = workspace / "responses" / "bare.yaml"
    signed = "sign_off: {by: Children and Young People Board, on: 2024-01-02}\ndate: 2024-01-03\n" * (status != "draft")
    path.write_text(
        "consultation: {title: Kinship care, department: Department for Education}\n"
        f"status: {status}\n{signed}"
        "sections:\n"
        '  - question: "1"\n'
        "    text: Do you agree?\n"
        "    paragraphs:\n"
        "      - position: kinship-carer-support\n"
        "        version: 2023-03-14\n"
    )
    return path


async def go_down(pilot, app, steps: int) -> None:
    for _ in range(steps):
        await pilot.press("down")
    await settle(pilot, app)


def rendered(renderable, width: int = 100) -> str:
    """A rich renderable (a table, say) as the plain text a screen `width` wide shows."""
    console = Console(width=width, file=io.StringIO(), record=True)
    console.print(renderable)
    return console.export_text()


async def delete_highlighted(pilot, app) -> None:
    """Delete the highlighted item of the composer, answering yes when asked."""
    await pilot.press("delete")
    await settle(pilot, app)
    await pilot.press("y")
    await settle(pilot, app)


# 1. Typing always searches ------------------------------------------------------------------------------------


async def test_it_opens_in_the_search_box_and_letters_always_search(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        library = app.get_screen("library")
        assert app.focused is library.query_one("#search")
        await type_text(pilot, "kin")
        await pilot.press("tab", "tab")
        await settle(pilot, app)
        assert app.focused is library.query_one("#results")
        await type_text(pilot, "ship stances")
        await settle(pilot, app)
        assert library.query_one("#search").value == "kinship stances"
        assert library.filters.active == {}


# 2. Questions: number, answer and scale can be set and changed ----------------------------------------------------


async def test_a_question_offers_exactly_its_scales_answers_and_refuses_a_duplicate_number(workspace: Path) -> None:
    path = bare_response(workspace)
    app = make_app(workspace / "positions", workspace / "responses", path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await go_down(pilot, app, 2)
        await pilot.press("e")
        await settle(pilot, app)
        editor = app.screen
        editor.query_one("#scale").value = "agreement"
        await settle(pilot, app)
        answers = [value for _, value in editor.query_one("#answer")._options if isinstance(value, str)]
        assert answers == [
            "Strongly agree",
            "Agree",
            "Neither agree nor disagree",
            "Disagree",
            "Strongly disagree",
            "Don't know",
        ]
        editor.query_one("#answer").value = "Strongly agree"
        editor.query_one("#number").value = "2a"
        editor.query_one("#limit").value = "250 words"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        section = app.draft.document.sections[0]
        assert (section.number, section.scale, section.answer, str(section.limit)) == (
            "2a",
            "agreement",
            "Strongly agree",
            "250 words",
        )
        await pilot.press("q")
        await settle(pilot, app)
        app.screen.query_one("#number").value = "2a"
        app.screen.query_one("#text").value = "Another?"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "another question is already numbered 2a" in shown_in(app.screen.query_one("#number-problem"))


async def test_a_new_questions_scale_follows_its_wording_until_one_is_chosen(workspace: Path) -> None:
    app = make_app(workspace / "positions", workspace / "responses", bare_response(workspace))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("q")
        await settle(pilot, app)
        assert app.focused.id == "text"  # numbered already: the cursor is in the question
        await type_text(pilot, "Do you agree with the proposals for kinship care?")
        await settle(pilot, app)
        editor = app.screen
        assert editor.query_one("#scale").value == "agree-disagree"
        editor.query_one("#scale").value = "agreement"  # chosen by hand: typing no longer changes it
        await settle(pilot, app)
        await type_text(pilot, " Why?")
        await settle(pilot, app)
        assert editor.query_one("#scale").value == "agreement"


# 4. New text starts empty; 5. a signed-off response returns to draft ---------------------------------------------


async def test_new_text_starts_empty_with_a_hint(workspace: Path) -> None:
    app = make_app(workspace / "positions", workspace / "responses", bare_response(workspace))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await go_down(pilot, app, 2)
        await pilot.press("n")
        await settle(pilot, app)
        editor = app.get_screen("composer").query_one("#editor")
        assert editor.text == "" and "Escape when you have finished" in str(editor.placeholder)
        await type_text(pilot, "An answer.")
        await pilot.press("escape")
        assert app.draft.document.sections[0].paragraphs[1].text == "An answer."


async def test_words_that_are_not_british_english_are_marked_as_you_type(workspace: Path) -> None:
    """13. The editor shows a misspelt or American word red and underlined, and the panel says what to write."""
    need(dictionary_installed(), "the en_GB dictionary (apt-get install libenchant-2-2 hunspell-en-gb)")
    app = make_app(workspace / "positions", workspace / "responses", bare_response(workspace))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await go_down(pilot, app, 2)
        await pilot.press("n")
        await type_text(pilot, "Councils recieve the organization's grant.")
        await settle(pilot, app)
        composer = app.get_screen("composer")
        line = composer.query_one("#editor").get_line(0)
        marked = [line.plain[span.start : span.end] for span in line.spans if span.style == MISSPELT]
        assert marked == ["recieve", "organization"]
        panel = shown_in(composer.query_one("#departure"))
        assert "Spelling: recieve (receive" in panel and "organization (organisation?)" in panel
        await pilot.press("escape")
        assert app.draft.document.sections[0].paragraphs[1].text == "Councils recieve the organization's grant."


async def test_changing_a_signed_off_response_returns_it_to_draft(workspace: Path) -> None:
    app = make_app(workspace / "positions", workspace / "responses", bare_response(workspace, "signed-off"))
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await go_down(pilot, app, 3)
        await pilot.press("e")
        await type_text(pilot, " Now.")
        await pilot.press("escape")
        await settle(pilot, app)
        assert (app.draft.document.status, app.draft.document.sign_off) == ("draft", None)
        assert any("returns it to draft" in str(n.message) for n in app._notifications)


# 6. Search: abbreviations, and matches of every word first -----------------------------------------------------------


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(REPO / "positions", tmp_path / "positions")
    (tmp_path / "responses").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


async def test_abbreviations_and_weaker_matches_in_the_library(bundled: Path) -> None:
    app = make_app(bundled / "positions", bundled / "responses")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        library = app.get_screen("library")
        await type_text(pilot, "DSG")
        await settle(pilot, app)
        assert "high-needs-deficits" in [p.id for p in library.shown]
        library.query_one("#search").value = ""
        await type_text(pilot, "regional care cooperatives")
        await settle(pilot, app)
        good = len(library.shown)
        title = library.query_one("#results").border_title
        assert good <= 6 and "every word · Ctrl+W adds" in title and len(title) <= 50, title
        await pilot.press("ctrl+w")
        await settle(pilot, app)
        assert len(library.shown) > 20
        library.query_one("#search").value = ""
        await type_text(pilot, "xqzv")
        await settle(pilot, app)
        assert library.query_one("#results").border_title == "No position matches 'xqzv'"
        hint = str(library.query_one("#preview").render())
        assert "try other or fewer words (Escape clears the search)" in hint and "Ctrl+X" not in hint
        await pilot.press("escape", "ctrl+d")  # no search, but a date before any position was recorded
        await settle(pilot, app)
        await type_text(pilot, "1 June 2000")
        await pilot.press("enter")
        await settle(pilot, app)
        hint = str(library.query_one("#preview").render())
        assert hint == "No position matches: Ctrl+X clears the filters."


# 7. The keys that matter are all visible --------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_every_key_the_screen_lists_is_shown_whole(sample: Path, workspace: Path, size) -> None:
    app = make_app(workspace / "positions", workspace / "responses", sample)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot, app)
        await pilot.press("f2")
        await settle(pilot, app)
        text = screen_text(app)
        assert all(f"{key_label(key)} {words}" in text for key, words in LIBRARY_KEYS), text[-400:]
        await pilot.press("f3")
        await go_down(pilot, app, 5)
        text = screen_text(app)
        assert app.get_screen("composer").item[0] == "para"
        keys = [k for k in KEYS["para"] if k[0] != "U"]  # u only on a quotation older than its line
        assert all(f"{key_label(key)} {words}" in text for key, words in keys + EVERYWHERE), text[-400:]


# 8. History: point by point, and f on the latest version ---------------------------------------------------------


async def test_history_compares_rewritten_versions_point_by_point(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await type_text(pilot, "agency")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        history = app.screen
        diff = shown_in(history.query_one("#diff"))
        assert "New:" in diff and "Dropped:" in diff
        await pilot.press("f")
        await settle(pilot, app)
        assert "Only one version" not in shown_in(history.query_one("#sides"))
        assert (history.old, history.new) == (0, 1)


# 9. Library: filters combine, titles not codes, no seed file names, a sensible order ----------------------------------


async def test_tree_filters_combine_and_show_titles(bundled: Path) -> None:
    app = make_app(bundled / "positions", bundled / "responses")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        library = app.get_screen("library")
        dates = [p.updated for p in library.shown]
        assert dates == sorted(dates, reverse=True), "most recently recorded first"
        tree = library.query_one("#facets")
        labels = [str(node.label) for node in tree._tree_nodes.values()]
        assert any(label.startswith("asylum seeking children (") for label in labels), "topics by their names"
        assert not any(label.startswith("asylum-seeking-children") for label in labels)
        pillar = next(n for n in tree._tree_nodes.values() if str(n.label).startswith("Pillar 3"))
        topic = next(n for n in tree._tree_nodes.values() if str(n.label).startswith("kinship care ("))
        library.facet_chosen(type("Event", (), {"node": pillar})())
        library.facet_chosen(type("Event", (), {"node": topic})())
        await settle(pilot, app)
        assert (library.filters.pillar, library.filters.topic) == ("shbl-p3", "kinship-care")
        assert all(p.pillar == "shbl-p3" and "kinship-care" in p.topics for p in library.shown)
        text = screen_text(app)
        assert "Showing only:" in text and ".txt]" not in text and "002_bc11" not in text


# 10. Composer: file names from titles, undo, modified only when changed, word counts ---------------------------------


async def test_a_typed_file_name_becomes_a_file_name(app, workspace: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("f3", "ctrl+n", "r")
        await settle(pilot, app)
        await type_text(pilot, "Stable Homes")
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        app.screen.query_one("#answer").value = "Stable Homes Q1"
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.draft.path == workspace / "responses" / "stable-homes-q1.yaml"


async def test_undo_brings_back_a_deleted_paragraph_and_redo_removes_it(sample: Path, workspace: Path) -> None:
    app = make_app(workspace / "positions", workspace / "responses", sample)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await go_down(pilot, app, 5)
        before = app.draft.document
        await delete_highlighted(pilot, app)
        assert app.draft.document != before
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert app.draft.document == before and not app.draft.modified
        await pilot.press("ctrl+y")
        await settle(pilot, app)
        assert app.draft.document != before


async def test_the_panel_says_whose_text_a_quotation_is_and_ctrl_r_names_stale_pins(
    sample: Path, workspace: Path
) -> None:
    """A quoted steer is not called 'the agreed text'; writing the Word file says which quotations are stale."""
    app = make_app(workspace / "positions", workspace / "responses", sample)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        composer = app.get_screen("composer")
        composer.refresh_outline(("para", 2, 1))  # the 2019 board steer on high needs deficits
        await settle(pilot, app)
        panel = shown_in(composer.query_one("#departure"))
        assert "Verbatim: the recorded text." in panel and "agreed text" not in panel
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        asked = " ".join(shown_in(app.screen.query_one(Static)).split())
        assert "A lead member reading it may ask about this: • 1 quotation is older than the current line" in asked
        assert not (workspace / "responses" / "sample.docx").exists(), "asked before writing, not after"
        await pilot.press("w")
        await settle(pilot, app)
        said = [str(n.message) for n in app._notifications]
        assert "Wrote responses/sample.docx (with tracked changes)." in said, said


async def test_ctrl_o_in_the_library_opens_a_response(sample: Path, workspace: Path) -> None:
    app = make_app(workspace / "positions", workspace / "responses")
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+o")
        await settle(pilot, app)
        assert isinstance(app.screen, ResponsePicker)
        await pilot.press("enter")
        await settle(pilot, app)
        assert app.screen is app.get_screen("composer") and app.draft.path == sample


async def test_opening_and_closing_the_editor_changes_nothing(sample: Path, workspace: Path) -> None:
    app = make_app(workspace / "positions", workspace / "responses", sample)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await go_down(pilot, app, 5)
        await pilot.press("e")
        await settle(pilot, app)
        await pilot.press("escape")
        await settle(pilot, app)
        assert not app.draft.modified and "unsaved" not in app.get_screen("composer").sub_title


async def test_word_counts_for_the_question_and_the_whole_response(sample: Path, workspace: Path) -> None:
    app = make_app(workspace / "positions", workspace / "responses", sample)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await go_down(pilot, app, 4)
        composer = app.get_screen("composer")
        assert composer.item == ("section", 0)
        assert "This answer:" in shown_in(composer.query_one("#detail")) and " words" in shown_in(
            composer.query_one("#detail")
        )
        assert composer.query_one("#outline").border_title.startswith("Whole response: ")


# Issue 10: the line is quoted by default; a later note only on purpose ------------------------------------------------


async def test_a_later_minutes_note_is_never_quoted_by_default(workspace: Path) -> None:
    position = workspace / "positions" / "children" / "kinship-carer-support.yaml"
    position.write_text(position.read_text() + LATER_NOTE)
    path = bare_response(workspace)
    app = make_app(workspace / "positions", workspace / "responses", path)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await go_down(pilot, app, 2)
        await pilot.press("a")
        await settle(pilot, app)
        await type_text(pilot, "kinship")
        await settle(pilot, app)
        await pilot.press("ctrl+a")
        await settle(pilot, app)
        added = app.draft.document.sections[0].paragraphs[-1]
        assert str(added.version) == "2023-03-14", "the line, not the later member's remark"
        await pilot.press("f2")
        await settle(pilot, app)
        assert "Since then:" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("down", "a")
        await settle(pilot, app)
        chosen = app.draft.document.sections[0].paragraphs[-1]
        assert str(chosen.version) == "2024-01-23", "a later note can still be quoted on purpose"


async def test_the_library_shows_each_line_as_it_stood_on_a_date(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+d")
        await settle(pilot, app)
        await type_text(pilot, "1 June 2020")
        await pilot.press("enter")
        await settle(pilot, app)
        library = app.get_screen("library")
        assert [p.id for p in library.shown] == ["high-needs-deficits"]
        assert "As it stood on 1 June 2020" in screen_text(app)


# Issue 12: a consultation imported in the UI, a suggestion quoted, the count changes ---------------------------------


async def test_import_a_consultation_quote_a_suggestion_and_see_the_count_change(app, workspace: Path) -> None:
    document = workspace / "consultation.md"
    document.write_text(
        "# Kinship care: a consultation\n\nDepartment for Education\n\n## Support for carers\n\n"
        "Question 1: Do you agree that kinship carers should get more support?\n\n"
        "Question 2: How should agency social work be managed? (max 250 words)\n"
    )
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("f3", "i")
        await settle(pilot, app)
        await type_text(pilot, str(document))
        await pilot.press("enter")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        response = app.draft.document
        assert [s.number for s in response.sections if s.is_question] == ["1", "2"]
        composer = app.get_screen("composer")
        question = next(i for i, s in enumerate(response.sections) if s.number == "1")
        composer.refresh_outline(("section", question))
        await settle(pilot, app)
        before = shown_in(composer.query_one("#detail"))
        assert "0 words" in before and composer.suggested
        await pilot.press("1")
        await settle(pilot, app)
        composer.refresh_outline(("section", question))
        await settle(pilot, app)
        after = shown_in(composer.query_one("#detail"))
        assert "0 words" not in after and " words" in after
        await pilot.press("c")
        await settle(pilot, app)
        assert any("Copied the answer" in str(n.message) for n in app._notifications)


# Done when: a response on a five-point scale, details at 80x24, an undo of a deletion, a render ----------------------


async def test_a_whole_response_at_80_by_24_without_touching_a_file(app, workspace: Path) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        await pilot.press("f3", "ctrl+n", "r")
        await settle(pilot, app)
        await type_text(pilot, "Kinship care")
        for _ in range(3):
            await pilot.press("enter")
            await settle(pilot, app)
        await pilot.press("q")
        await settle(pilot, app)
        await type_text(pilot, "Do you agree with the proposals for kinship carers?")
        await settle(pilot, app)
        assert app.screen.query_one("#scale").value == "agree-disagree"  # from the wording
        await pilot.press("tab", "enter")
        await settle(pilot, app)
        await pilot.press("up", "enter")  # the five-point scale, one above
        await settle(pilot, app)
        assert app.screen.query_one("#scale").value == "agreement"
        await pilot.press("tab", "tab", "enter")
        await settle(pilot, app)
        await pilot.press("down", "enter")
        await settle(pilot, app)
        assert app.screen.query_one("#answer").value == "Strongly agree"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await pilot.press("1")
        await settle(pilot, app)
        assert len(app.draft.document.sections[0].paragraphs) == 1
        await pilot.press("k")
        await type_text(pilot, "We back kinship carers.")
        await pilot.press("escape")
        await pilot.press("m")
        await settle(pilot, app)
        for _ in range(5):
            await pilot.press("tab")
        for value in ("Alex Morgan", "Senior Adviser", "alex.morgan@local.gov.uk", "020 7664 3000"):
            await type_text(pilot, value)
            await pilot.press("tab")
        await pilot.press("tab")
        assert app.screen.focused.id == "sign_off_on", "the last field is reachable at 80 by 24"
        assert app.screen.focused.region.y < 24
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        contact = app.draft.document.contact
        assert (contact.name, contact.email, contact.phone) == (
            "Alex Morgan",
            "alex.morgan@local.gov.uk",
            "020 7664 3000",
        )
        await go_down(pilot, app, 0)
        app.get_screen("composer").refresh_outline(("para", 0, 0))
        await settle(pilot, app)
        await delete_highlighted(pilot, app)
        assert app.draft.document.sections[0].paragraphs == ()
        await pilot.press("ctrl+z")
        await settle(pilot, app)
        assert len(app.draft.document.sections[0].paragraphs) == 1
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await pilot.press("ctrl+r")
        await settle(pilot, app)
    saved = read_response(workspace / "responses" / "kinship-care.yaml").response
    assert (saved.sections[0].scale, saved.sections[0].answer) == ("agreement", "Strongly agree")
    assert (workspace / "responses" / "kinship-care.docx").is_file()


async def test_editing_a_question_starts_in_its_text_and_ctrl_a_selects_a_box(sample: Path, workspace: Path) -> None:
    app = make_app(workspace / "positions", workspace / "responses", sample)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        app.get_screen("composer").refresh_outline(("section", 0))
        await settle(pilot, app)
        await pilot.press("e")
        await settle(pilot, app)
        assert app.focused.id == "text"
        await pilot.press("ctrl+a")
        await type_text(pilot, "Do you agree with the kinship proposals?")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
    assert app.draft.document.sections[0].title == "Do you agree with the kinship proposals?"


async def test_a_question_longer_than_its_box_is_shown_whole_beneath_it(sample: Path, workspace: Path) -> None:
    long = (
        "To what extent do you agree that local authorities should be required to publish a kinship local offer "
        "setting out the support available to kinship carers, including financial allowances and training?"
    )
    app = make_app(workspace / "positions", workspace / "responses", sample)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        app.get_screen("composer").refresh_outline(("section", 0))
        await settle(pilot, app)
        await pilot.press("e")
        await settle(pilot, app)
        assert "Number" in screen_text(app)  # opened at the top: the first box's label is in sight
        whole = app.screen.query_one("#text-whole")
        assert str(whole.render()).strip() == ""  # the question as it is fits its box
        await pilot.press("ctrl+a")
        await type_text(pilot, long)
        await settle(pilot, app)
        assert " ".join(str(whole.render()).split()) == long
        assert "financial allowances and training?" in screen_text(app)  # the end and the start both in sight
        assert "To what extent" in screen_text(app)
        await pilot.press("home", *["ctrl+right"] * 3)  # to the start of 'do', out of the box's sight
        await settle(pilot, app)
        marked = [long[span.start : span.end] for span in whole.content.spans if span.style == "reverse"]
        assert marked == ["d"]  # the cursor, on the 'd' of 'do', is marked in the whole question
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        await pilot.press("e")  # opened again: the box shows its end, where the cursor is
        await settle(pilot, app)
        assert app.focused.id == "text" and app.focused.scroll_x > 0
        whole = app.screen.query_one("#text-whole")
        await pilot.press("ctrl+a")
        await type_text(pilot, "Do you agree?")
        await settle(pilot, app)
        assert str(whole.render()).strip() == ""


def test_what_the_loading_worker_sends_to_a_library_screen_not_drawn_is_kept_not_a_crash():
    """It arrives from a worker: before the library is drawn on a quick start, or as the app closes."""
    kb = load_knowledge_base(bundled_root())
    index = SearchIndex(kb.library, index_state(kb.library))
    screen = LibraryScreen()
    screen.loading(1, 2)
    screen.show_library(kb.library, kb.counts()[0], kb.recent_first())
    screen.search_ready(index)
    assert screen.library is kb.library and screen.index is index


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_unsaved_changes_show_in_the_title_bar_at_every_size(sample: Path, workspace: Path, size) -> None:
    renamed = sample.rename(sample.with_name("kinship-and-children-in-care-consultation-response.yaml"))
    app = make_app(workspace / "positions", workspace / "responses", renamed)
    async with app.run_test(size=size) as pilot:
        await loaded(pilot, app)
        await go_down(pilot, app, 5)
        await delete_highlighted(pilot, app)
        assert app.draft.modified
        title_bar = screen_text(app).splitlines()[0]
        assert "● unsaved changes" in title_bar, title_bar


async def test_the_filters_date_can_be_seen_while_typing_it_on_an_80_by_24_screen(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        await pilot.press("tab", "tab", "tab")
        await settle(pilot, app)
        assert app.focused is app.screen.query_one("#since")
        await type_text(pilot, "1 March 2031")
        await settle(pilot, app)
        assert "1 March 2031" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "0 positions (filtered)" in screen_text(app)
        assert "recorded on or after 1 March 2031" in screen_text(app), "no leading zero"
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        assert app.screen.query_one("#since").value == "1 March 2031", "offered again as it was written"


async def test_a_question_too_long_for_an_80_column_screen_is_shown_whole(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+d")
        await settle(pilot, app)
        question = " ".join(app.screen.question.split())
        assert question in " ".join(word for word in screen_text(app).split() if word != "█")  # "█": the border


async def test_a_date_that_cannot_be_read_is_asked_for_again_with_what_was_typed(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+d")
        await settle(pilot, app)
        await type_text(pilot, "31/02/2023")
        await pilot.press("enter")
        await settle(pilot, app)
        assert "'31/02/2023' is not a date: February 2023 has no day 31" in shown_in(
            app.screen.query_one("#answer-problem")
        )
        assert app.screen.query_one("#answer").value == "31/02/2023"
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "1 June 2020")
        await pilot.press("enter")
        await settle(pilot, app)
        assert [p.id for p in app.get_screen("library").shown] == ["high-needs-deficits"]
        await pilot.press("ctrl+d")
        await settle(pilot, app)
        assert app.screen.query_one("#answer").value == "1 June 2020", "the day shown as it was written"


def test_a_tier_reads_as_its_letter_then_what_it_means() -> None:
    from policydesk.ui.widgets.position_preview import tier_words

    taxonomy = load_knowledge_base(bundled_root()).library.taxonomy
    assert tier_words("P", taxonomy) == "P (a proposal to a board)", "not 'Tier A proposed LGA view'"
    assert tier_words("A", taxonomy) == "A (an agreed LGA view)"
    assert tier_words("B", taxonomy) == "B (from a board's minutes)", "a tier says where from: a steer or a remark"


async def test_a_position_with_one_version_shows_it_once_saying_it_is_the_only_one(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        await type_text(pilot, "kinship")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        assert len(app.screen.position.versions) == 1
        shown = screen_text(app)
        assert "This is the only version recorded." in shown
        assert "From " not in shown and "To   " not in shown


def test_every_status_has_its_own_word_in_the_results_table() -> None:
    from policydesk.model.position import STATUS_WORD, STATUSES

    assert set(STATUS_WORD) == set(STATUSES)
    words = [STATUS_WORD[s] for s in STATUSES if s != "published"]  # published is agreed, to a reader
    assert len(set(words)) == len(words), "two kinds of line would read alike (once 'Note' and 'Noted')"
    assert max(len(w) for w in words) <= len("Standing")


async def new_paper_meeting_on(pilot, app, day: str) -> None:
    """Start a new board paper from the responses screen, as far as typing its meeting's `day` and Enter."""
    await loaded(pilot, app)
    await pilot.press("f3", "ctrl+n", "p")
    await settle(pilot, app)
    await type_text(pilot, "Kinship care update")
    await pilot.press("enter")
    await settle(pilot, app)
    await pilot.press("enter")  # the board offered
    await settle(pilot, app)
    await type_text(pilot, day)
    await pilot.press("enter")
    await settle(pilot, app)


async def test_every_purpose_of_a_new_board_paper_can_be_read_whole_at_80_columns(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await new_paper_meeting_on(pilot, app, "14 March 2024")
        shown = screen_text(app)
        assert "What the paper is for" in shown
        for key, label in app.screen.choices.items():
            assert f"{label} ({key})" in shown, label


async def test_a_filters_date_that_cannot_be_read_says_why_in_full_at_80_by_24(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        await pilot.press("ctrl+f")
        await settle(pilot, app)
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "2023-13-01")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert "'2023-13-01' is not a date: there is no month 13" in screen_text(app)
        await pilot.press(*["backspace"] * 10)
        await type_text(pilot, "next week")
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        joined = " ".join(word for word in screen_text(app).split() if word not in ("█", "▊", "▎"))
        assert "'next week' is not a date: write it as 1 June 2023, 01/06/2023 or 2023-06-01" in joined


# 11. Plain words, not the codes written in position files ----------------------------------------------------------


async def test_the_preview_names_versions_and_related_positions_in_plain_words(bundled: Path) -> None:
    app = make_app(bundled / "positions", bundled / "responses")
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot, app)
        await type_text(pilot, "local send partnerships powers")
        await settle(pilot, app)
        position = app.get_screen("library").highlighted
        assert position is not None and position.id == "send-partnership-powers"
        shown = " ".join(shown_in(app.screen.query_one("#preview")).split())
        steer, proposed = position.versions
        assert f"○ {steer.when} Steer" in shown and f"● {proposed.when} Proposed" in shown
        assert "board-steer" not in shown and steer.date_text not in shown
        related = [app.library.get(pid) for pid in position.related]
        assert all(p.title[:40] in shown for p in related), "related positions by their titles"
        assert not any(p.id in shown for p in related), "not by their ids"


async def test_history_marks_the_two_versions_compared_and_names_them_in_words(bundled: Path) -> None:
    app = make_app(bundled / "positions", bundled / "responses", bare_response(bundled))
    async with app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot, app)
        await type_text(pilot, "local send partnerships powers")
        await settle(pilot, app)
        await pilot.press("enter")
        await settle(pilot, app)
        history = app.screen
        steer, proposed = history.position.versions
        listed = " ".join(" ".join(o.prompt.plain.split()) for o in history.query_one("#versions").options)
        assert f"{steer.when} ◀ from Steer" in listed and f"{proposed.when} ◀ to Proposed, the line" in listed
        assert "board-steer" not in listed
        await pilot.press("up", "a")  # quote the steer, on purpose
        await settle(pilot, app)
        said = " ".join(n.message for n in app._notifications)
        assert f"(a board steer from {steer.when}, not the line)" in said, said


async def test_help_says_what_each_standing_word_and_tier_means(app) -> None:
    from policydesk.model.position import STATUS_WORD

    async with app.run_test(size=(100, 32)) as pilot:
        await loaded(pilot, app)
        await pilot.press("f1")
        await settle(pilot, app)
        assert "End What the words mean" in screen_text(app)
        await pilot.press("end")
        await settle(pilot, app)
        assert "Words you will see" in screen_text(app), "End scrolls to them"
        words = rendered(app.screen.query_one("#words").content)
    for word in set(STATUS_WORD.values()):
        assert f"{word} " in words, word
    words = " ".join(words.split())
    assert "Steer A steer in the minutes, not a decision" in words
    assert all(f"Tier {tier} {meaning}" in words for tier, meaning in app.library.taxonomy.tiers.items()), words


# 12. Dates: offered back as officers write them, and out-of-order dates said before a lead member sees them --------


async def test_details_show_dates_in_words_and_writing_says_when_the_response_is_dated_after_closing(
    sample: Path, workspace: Path
) -> None:
    app = make_app(workspace / "positions", workspace / "responses", sample)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("f3", "m")
        await settle(pilot, app)
        form = app.screen
        assert (form.value("closes"), form.value("date"), form.value("sign_off_on")) == (
            "11 May 2023",
            "2 May 2023",
            "1 May 2023",
        )
        form.query_one("#date").value = "12 May 2023"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        assert app.draft.document.date.isoformat() == "2023-05-12"
        await pilot.press("ctrl+r")
        await settle(pilot, app)
        asked = " ".join(shown_in(app.screen.query_one(Static)).split())
        assert "The response is dated 12 May 2023, after the consultation closed on 11 May 2023: m shows" in asked
        await pilot.press("c")
        await settle(pilot, app)
        assert not (workspace / "responses" / "sample.docx").exists(), "c cancels"


# 13. Boxes and messages: a date typed anew replaces the old one, Tab says when it goes round, messages clear the keys


async def test_tabbing_into_a_date_selects_it_so_that_a_new_date_replaces_the_old_one(sample: Path, workspace: Path):
    app = make_app(workspace / "positions", workspace / "responses", sample)
    async with app.run_test(size=SIZE) as pilot:
        await loaded(pilot, app)
        await pilot.press("f3", "m")
        await settle(pilot, app)
        await pilot.press("tab", "tab")
        assert app.screen.focused.id == "closes"
        await type_text(pilot, "12 May 2023")
        assert app.screen.value("closes") == "12 May 2023", "not '11 May 202312 May 2023'"
        await pilot.press("shift+tab")
        await type_text(pilot, " (DfE)")
        assert app.screen.value("department") == "Department for Education (DfE)", "words are added to, not lost"


async def test_tab_past_the_last_box_goes_back_to_the_first_and_says_so(workspace: Path) -> None:
    app = make_app(workspace / "positions", workspace / "responses", bare_response(workspace))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot, app)
        await go_down(pilot, app, 2)
        await pilot.press("e")
        await settle(pilot, app)
        editor = app.screen
        chain = editor.focus_chain
        assert editor.focused is chain[1], "the question's wording first, its number being set"
        said = editor.query_one("#went-round", Static)
        await pilot.press(*["tab"] * (len(chain) - 2))
        assert editor.focused is chain[-1] and not said.display, "nothing said before going round"
        await pilot.press("tab")
        await settle(pilot, app)
        assert editor.focused is chain[0]
        assert "Back at the first box: Ctrl+S keeps, Escape cancels." in screen_text(app)
        await pilot.press("tab")
        assert not said.display, "said once, where it happened"
        await pilot.press("shift+tab", "shift+tab")
        assert editor.focused is chain[-1] and "At the last box" in shown_in(said)


async def test_a_message_pops_up_above_the_keys_not_over_them(app) -> None:
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await loaded(pilot, app)
        keys = app.screen.query_one("KeyBar")
        assert keys.size.height >= 2, "at 80 columns the library's keys take two lines"
        app.notify("Saved responses/kinship.yaml")
        await settle(pilot, app)
        toast = app.screen.query_one("Toast")
        assert toast.region.bottom <= keys.region.y, (toast.region, keys.region)


async def test_a_new_papers_meeting_date_that_cannot_be_read_is_said_in_the_dialog(app) -> None:
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await new_paper_meeting_on(pilot, app, "31 June 2024")
        problem = shown_in(app.screen.query_one("#answer-problem"))
        assert problem == "'31 June 2024' is not a date: June 2024 has no day 31", problem
        assert not app.screen.query("Toast"), "in the dialog, not in a message that goes"
        await type_text(pilot, "30 June 2024")
        assert app.screen.query_one("#answer").value == "30 June 2024", "not '31 June 202430 June 2024'"
        assert shown_in(app.screen.query_one("#answer-problem")) == "", "gone once corrected"
        await pilot.press("enter")
        await settle(pilot, app)
        assert "What the paper is for" in screen_text(app)
