"""British spelling: American spellings always; words missing from the en_GB dictionary when it is installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DATA, need, run_process
from policydesk.spelling import Speller, dictionary_installed
from policydesk.store.taxonomy_file import load_taxonomy


@pytest.fixture
def en_gb() -> None:
    need(dictionary_installed(), "the en_GB dictionary (apt-get install libenchant-2-2 hunspell-en-gb)")


def words(speller: Speller, text: str) -> list[str]:
    return [slip.word for slip in speller.misspellings(text)]


def test_american_spellings_are_found_without_the_dictionary() -> None:
    american_only = Speller(whole_words=False)
    text = "The organization runs a program in the town center; recieve is not checked here. Programme, centre."
    slips = list(american_only.misspellings(text))
    assert [(s.word, s.hint) for s in slips] == [
        ("organization", "write 'organisation'"),
        ("program", "write 'programme'"),
        ("center", "write 'centre'"),
    ]
    assert text[slips[1].offset :].startswith("program in")


def test_unknown_words_are_found_with_what_to_write(en_gb: None) -> None:
    slip = next(Speller().misspellings("Councils recieve too little."))
    assert (slip.offset, slip.word, slip.message) == (
        9,
        "recieve",
        "'recieve' is not in the British English dictionary",
    )
    assert "receive" in slip.instead
    assert slip.hint.startswith("did you mean 'receive'")


def test_names_acronyms_figures_and_addresses_are_not_words_to_check(en_gb: None) -> None:
    text = (
        "DSG and EHCPs rose; DfE and the SENCo agree. £1bn by the 16th. Section iii. "
        "See https://www.gov.uk/guidance/kinshipp and [the guide](https://example.org/wrng). "
        "Children's services, members' views, well-being, cross-cutting, co-operatives."
    )
    assert words(Speller(), text) == []


def test_house_words_are_accepted(en_gb: None) -> None:
    assert words(Speller(), "Oflog and neurodiversity") == ["Oflog", "neurodiversity"]
    assert words(Speller({"Oflog", "neurodiversity"}), "Oflog and neurodiversity") == []


def test_the_taxonomy_gives_house_words(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yaml"
    text = (DATA / "kb-small" / "taxonomy.yaml").read_text()
    path.write_text(text + "\nwords:\n  - Oflog\n  - {Oflag: 1}\n")
    taxonomy, problems = load_taxonomy(path)
    assert "Oflog" in taxonomy.house_words
    last_line = len(path.read_text().splitlines())
    assert [str(p) for p in problems] == [
        f"{path.name}:{last_line}:5: item 2 of 'words' must be text; write it as a plain word".replace(
            path.name, str(path)
        )
    ]


def test_the_bundled_knowledge_base_is_spelt_right(en_gb: None) -> None:
    """Every word of every position's title, text and note is British English or a house word."""
    from policydesk.store.knowledge_base import bundled_root, load_knowledge_base

    library = load_knowledge_base(bundled_root()).library
    speller = Speller(library.taxonomy.house_words)
    slips = [
        (p.id, slip.word)
        for p in library
        for v in p.versions
        for text in (p.title, v.text, v.note)
        for slip in speller.misspellings(text)
    ]
    assert slips == []


@pytest.fixture
def misspelt(tmp_path: Path) -> Path:
    """A workspace whose response has misspellings in a quoted one-line text and in a block of text."""
    shutil.copytree(DATA / "kb-small", tmp_path / "positions")
    (tmp_path / "responses").mkdir()
    text = (DATA / "responses" / "sample.yaml").read_text()
    text = text.replace("text: A detailed point under", 'text: "A detailed organization point under')
    text = text.replace("point under the paragraph above.", 'point under the paragraph above."', 1)
    text = text.replace("- money that follows the child; and", "- money that follows the chlid; and")
    (tmp_path / "responses" / "sample.yaml").write_text(text)
    return tmp_path


def spelling_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    """The spelling warnings `check` wrote (problems go to stderr, the summary to stdout)."""
    return [line for line in done.stderr.splitlines() if "spelling" in line or "dictionary" in line]


def test_check_places_each_misspelling_on_its_line_and_column(misspelt: Path, en_gb: None) -> None:
    done = run_process("check", "responses/sample.yaml", cwd=misspelt)
    lines = (misspelt / "responses" / "sample.yaml").read_text().splitlines()
    assert done.returncode == 0, done.stderr
    found = spelling_lines(done)
    assert found[0].startswith("responses/sample.yaml:29:36: warning: question 1, paragraph 2: 'chlid' is not in")
    assert "did you mean 'child'" in found[0]
    assert lines[28][35:].startswith("chlid")
    assert found[1].startswith(
        "responses/sample.yaml:31:27: warning: question 1, paragraph 3: 'organization' is an American spelling; "
        "write 'organisation'"
    )
    assert lines[30][26:].startswith("organization")
    assert "note:" not in done.stdout


def test_without_the_dictionary_check_says_so_and_still_finds_american_spellings(misspelt: Path) -> None:
    no_library = {"PYENCHANT_LIBRARY_PATH": str(misspelt / "no-such-library.so")}
    done = run_process("check", "responses/sample.yaml", cwd=misspelt, env=no_library)
    assert done.returncode == 0, done.stderr
    assert [line.split(": warning: ")[1] for line in spelling_lines(done)[:1]] == [
        "question 1, paragraph 3: 'organization' is an American spelling; write 'organisation'"
    ]
    assert "chlid" not in done.stderr
    assert done.stdout.splitlines()[-1] == (
        "note: British spelling is checked against the American list only: install a British English "
        "dictionary (sudo apt-get install libenchant-2-2 hunspell-en-gb) to check every word"
    )


def test_a_word_is_placed_in_its_own_field_even_when_it_is_not_written_there_as_read(
    tmp_path: Path, en_gb: None
) -> None:
    """A quoted string doubles its apostrophes, so 'councl' is not written as it is read: the warning stays on
    that field's line rather than moving to the next field that happens to hold the word."""
    shutil.copytree(DATA / "kb-small", tmp_path / "positions")
    (tmp_path / "responses").mkdir()
    text = (DATA / "responses" / "sample.yaml").read_text()
    text = text.replace("text: A detailed point under the paragraph above.", "text: 'The councl''s own point.'")
    text = text.replace("We are very pleased the Department", "We are very pleased the councl's")
    (tmp_path / "responses" / "sample.yaml").write_text(text)
    done = run_process("check", "responses/sample.yaml", cwd=tmp_path)
    places = [line.split(": warning: ")[0] for line in spelling_lines(done)]
    assert places[:2] == ["responses/sample.yaml:31:15", "responses/sample.yaml:40:35"], done.stderr
