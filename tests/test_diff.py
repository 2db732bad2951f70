"""The word-level diff engine: tokens, clean-up, similarity."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from policydesk.diff import compare, diff_words, marked, new_text, old_text, summarise, tokenize


def test_tokens_are_words_punctuation_and_whitespace() -> None:
    assert tokenize("We welcome  it, **not** £200m.") == [
        "We",
        " ",
        "welcome",
        "  ",
        "it",
        ",",
        " ",
        "*",
        "*",
        "not",
        "*",
        "*",
        " ",
        "£",
        "200m",
        ".",
    ]


def test_empty_and_identical_texts() -> None:
    assert diff_words("", "") == []
    assert marked(diff_words("", "New words.")) == "{+New words.+}"
    assert marked(diff_words("Old words.", "")) == "[-Old words.-]"
    chunks, summary = compare("Same text.", "Same text.")
    assert marked(chunks) == "Same text."
    assert summary.identical and summary.percent == 100


def test_a_single_word_change() -> None:
    chunks, summary = compare("We welcome the plan.", "We cautiously welcome the plan.")
    assert marked(chunks) == "We {+cautiously +}welcome the plan."
    assert (summary.words_added, summary.words_removed) == (1, 0)


def test_clean_up_folds_stray_common_words_into_the_rewrite() -> None:
    old = "We call on the Department to fund the councils in the pathfinder areas."
    new = "We call on the Government to guarantee the money for every council in England."
    assert marked(diff_words(old, new)) == (
        "We call on the [-Department to fund the councils in the pathfinder areas-]"
        "{+Government to guarantee the money for every council in England+}."
    )


def test_reordered_sentences() -> None:
    old = "Funding must rise. Councils need powers."
    new = "Councils need powers. Funding must rise."
    chunks = diff_words(old, new)
    assert old_text(chunks) == old and new_text(chunks) == new
    assert (summarise(chunks).words_added, summarise(chunks).words_removed) == (6, 6)


def test_markdown_formatting_is_part_of_the_text() -> None:
    chunks = diff_words("We **welcome** this.", "We *welcome* this.")
    assert marked(chunks) == "We *[-*-]welcome[-*-]* this."


def test_long_paragraphs_are_fast_and_exact() -> None:
    words = [f"word{i % 97}" for i in range(2000)]
    old = " ".join(words)
    edited = list(words)
    for i in range(0, 2000, 50):
        edited[i] = "changed"
    new = " ".join(edited)
    start = time.perf_counter()
    chunks = diff_words(old, new)
    assert time.perf_counter() - start < 5
    assert old_text(chunks) == old and new_text(chunks) == new
    assert summarise(chunks).words_added == 40


@given(st.text(max_size=300), st.text(max_size=300))
def test_the_diff_always_rebuilds_both_texts(old: str, new: str) -> None:
    chunks = diff_words(old, new)
    assert old_text(chunks) == old
    assert new_text(chunks) == new
    assert 0.0 <= summarise(chunks).similarity <= 1.0
