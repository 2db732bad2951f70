"""Filtering, facets and typo-tolerant search over a library."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import REPO
from policydesk.model.library import Filters, Library
from policydesk.search import SearchIndex, search
from policydesk.store.knowledge_base import load_knowledge_base


@pytest.fixture(scope="module")
def bundled_index() -> SearchIndex:
    return SearchIndex(load_knowledge_base(REPO / "positions").library)


@pytest.fixture
def library(kb_dir: Path) -> Library:
    return load_knowledge_base(kb_dir).library


def test_filters_return_new_libraries(library: Library) -> None:
    welcome = library.filter(stance="welcome")
    assert welcome.ids == ["agency-social-workers", "kinship-carer-support"]
    assert len(library) == 3
    assert library.filter(Filters(topic="funding", since=date(2023, 1, 1))).ids == ["high-needs-deficits"]
    assert library.filter(framework="shbl-2023").ids == ["agency-social-workers", "kinship-carer-support"]
    assert library.filter(tier="B").ids == []
    assert library.filter(until=date(2023, 3, 13)).ids == []
    assert library.filter(text="KINSHIP").ids == ["kinship-carer-support"]


def test_facet_counts(library: Library) -> None:
    facets = library.facets()
    assert facets["stance"] == {"welcome": 2, "call": 1}
    assert facets["framework"] == {"shbl-2023": 2, "-": 1}
    assert facets["topic"]["funding"] == 1
    assert facets["year"] == {"2023": 3}


def test_history_and_versions(library: Library) -> None:
    position = library.get("high-needs-deficits")
    assert position is not None
    assert [p.id for p in library.with_history()] == ["agency-social-workers", "high-needs-deficits"]
    assert position.line.stance == "call"
    assert position.version(date(2019, 1, 16)).stance == "concern"
    assert position.version(date(2020, 1, 1)) is None
    assert position.previous(position.line).date == date(2019, 1, 16)


def test_search_tolerates_typos(library: Library) -> None:
    hits = search(library, "kinshp carers")
    assert hits[0].position.id == "kinship-carer-support"
    assert hits[0].title_spans == ((19, 26), (27, 33))
    assert library.get("kinship-carer-support").title[19:33] == "kinship carers"


def test_search_matches_prefixes_as_you_type(library: Library) -> None:
    assert search(library, "defi")[0].position.id == "high-needs-deficits"


def test_search_within_a_filtered_library(library: Library) -> None:
    index = SearchIndex(library)
    assert [h.position.id for h in index.search("agency", within=library.filter(stance="call"))] == []
    assert [h.position.id for h in index.search("agency")] == ["agency-social-workers"]


def test_search_ranks_title_matches_above_text_matches(library: Library) -> None:
    hits = search(library, "council")
    assert [h.position.id for h in hits] == ["high-needs-deficits"]
    assert search(library, "") == []
    assert search(library, "zzzzqqq") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("DSG", "high-needs-deficits"),
        ("UASC", "uasc-funding"),
        ("RCCs", "csc-p4-rcc"),
        ("EHCP", "send23-ch2-ehcp-template"),
        ("CAMHS", "llr-mh-transitions"),
        ("dedicated schools grant", "min23o-dsg-overspend"),
    ],
)
def test_abbreviations_find_what_they_stand_for(bundled_index, query: str, expected: str) -> None:
    found = [h.position.id for h in bundled_index.search(query) if h.complete]
    assert expected in found[:5]


@pytest.mark.parametrize(("query", "status"), [("steer", "board-steer"), ("remark", "member-remark")])
def test_a_standing_word_finds_the_positions_whose_line_it_is(bundled_index, query: str, status: str) -> None:
    lines = {p.id for p in bundled_index.library if p.line.status == status}
    found = {h.position.id for h in bundled_index.search(query) if h.complete}
    assert lines and lines <= found, "the preview calls these lines a Steer or a Remark, so search finds them so"


def test_positions_matching_every_word_come_first(bundled_index) -> None:
    hits = bundled_index.search("regional care cooperatives")
    complete = [h for h in hits if h.complete]
    assert 1 <= len(complete) <= 6
    assert hits[: len(complete)] == complete
    assert {"csc-ov-rcc-evidence", "csc-p4-rcc"} <= {h.position.id for h in complete}


def test_search_lists_good_matches_and_says_how_many_more(cli) -> None:
    result = cli("--kb", str(REPO / "positions"), "search", "regional care cooperatives")
    lines = result.out.splitlines()
    assert len(lines) <= 7 and "match some of the words: add --all to list them" in lines[-1]
