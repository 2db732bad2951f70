"""The bundled knowledge base: complete, clean, in our own words, with the seed's figures."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import DATA, REPO, SEEDS, need
from policydesk.model.library import Library
from policydesk.search import search
from policydesk.store.edit import open_for_edit
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.yaml_io import dump

ROOT = REPO / "positions"
CATALOGUE = REPO.parent / "shared" / "docs" / "seed-positions.md"
ROW = re.compile(r"^\| ([a-z0-9]+(?:-[a-z0-9]+)+) \| (00\d_[0-9a-f]+\.txt) \|")
WORD = re.compile(r"[a-z0-9£%]+(?:[.,'][a-z0-9]+)*")


@pytest.fixture(scope="module")
def library() -> Library:
    kb = load_knowledge_base(ROOT)
    assert [str(p) for p in kb.problems] == []
    return kb.library


def catalogue_rows() -> list[list[str]]:
    need(CATALOGUE.is_file(), "shared/docs/seed-positions.md")
    return [
        [c.strip() for c in line.split("|")[1:-1]] for line in CATALOGUE.read_text().splitlines() if ROW.match(line)
    ]


def test_size_and_histories(library: Library) -> None:
    assert len(library) >= 130
    assert len(library.with_history()) >= 14
    used = {p.framework for p in library if p.framework}
    assert set(library.taxonomy.frameworks) - used == {"csc-national-framework-2023"}


def test_check_reports_nothing(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("--kb", str(ROOT), "check", "--strict")
    assert (result.code, result.err) == (0, "")


def test_every_tier_a_catalogue_entry_is_held(library: Library) -> None:
    held = set(library.ids) | {c for p in library for c in p.catalogue_ids}
    tier_a = [row[0] for row in catalogue_rows() if row[9] == "A"]
    assert len(tier_a) == 139
    assert [pid for pid in tier_a if pid not in held] == []


def test_catalogue_ids_are_real_and_unique(library: Library) -> None:
    known = {row[0] for row in catalogue_rows()}
    claimed = [c for p in library for c in p.catalogue_ids]
    assert sorted(set(claimed) - known) == []
    assert len(claimed) == len(set(claimed))


def test_every_topic_is_used(library: Library) -> None:
    used = {t for p in library for t in p.topics}
    assert sorted(set(library.taxonomy.topics) - used) == []
    assert len(library.taxonomy.topics) == 40


def test_every_file_is_in_canonical_layout() -> None:
    for path in sorted(ROOT.rglob("*.yaml")):
        data, _ = open_for_edit(path)
        assert dump(data) == path.read_text(encoding="utf-8"), path


def _words(text: str) -> list[str]:
    return WORD.findall(text.lower().replace("\u2019", "'"))


def test_no_position_copies_twelve_words_from_the_seeds(library: Library) -> None:
    need(SEEDS.is_dir() and any(SEEDS.glob("*.txt")), "the seed papers in ../shared/seeds")
    grams: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        grams.update(tuple(words[i : i + 12]) for i in range(len(words) - 11))
    copied = []
    for position in library:
        for version in position.versions:
            words = _words(version.text)
            copied += [
                f"{position.id} {version.date}: {' '.join(words[i : i + 12])}"
                for i in range(len(words) - 11)
                if tuple(words[i : i + 12]) in grams
            ]
    assert copied == []


def test_no_bundled_paper_copies_twelve_words_from_the_seeds() -> None:
    need(SEEDS.is_dir() and any(SEEDS.glob("*.txt")), "the seed papers in ../shared/seeds")
    grams: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        grams.update(tuple(words[i : i + 12]) for i in range(len(words) - 11))
    papers = sorted((REPO / "papers").glob("*.yaml"))
    assert papers
    copied = []
    for path in papers:
        words = _words(path.read_text(encoding="utf-8"))
        copied += [
            f"{path.name}: {' '.join(words[i : i + 12])}"
            for i in range(len(words) - 11)
            if tuple(words[i : i + 12]) in grams
        ]
    assert copied == []


def _figures(text: str) -> str:
    """Whitespace folded and 'per cent', 'percent' and '%' written one way, so a figure compares by value."""
    return re.sub(r"\s?(?:per cent|percent|%)", "%", " ".join(text.split()))


def test_figures_match_the_seed_and_sit_in_the_right_position(library: Library) -> None:
    need(SEEDS.is_dir(), "the seed papers in ../shared/seeds")
    figures = YAML(typ="safe").load((DATA / "figures.yaml").read_text())
    assert len(figures) >= 40
    wrong = []
    for item in figures:
        seed = _figures((SEEDS / item["seed"]).read_text(encoding="utf-8"))
        figure = _figures(item["figure"])
        position = library.get(item["position"])
        version = position.version(item["date"]) if position else None
        if figure not in seed:
            wrong.append(f"{item['figure']} is not in {item['seed']}")
        if version is None or figure not in _figures(version.text):
            wrong.append(f"{item['figure']} is not in {item['position']} {item['date']}")
    assert wrong == []


def test_officer_searches_find_the_expected_positions(library: Library) -> None:
    assert search(library, "agency social workers")[0].position.id == "agency-social-workers"
    assert search(library, "DSG deficit")[0].position.id == "high-needs-deficits"
    assert search(library, "kinship")[0].position.id.startswith("kinship-")


def test_high_needs_deficits_history(library: Library) -> None:
    position = library.get("high-needs-deficits")
    assert [(v.date, v.stance, v.status) for v in position.versions] == [
        (date(2019, 1, 16), "concern", "noted"),
        (date(2023, 3, 14), "call", "proposed"),
        (date(2024, 1, 23), "call", "noted"),
    ]
    assert "not restated" in position.latest.note


def test_show_from_another_folder(tmp_path: Path) -> None:
    from conftest import run_process

    shown = run_process("show", "high-needs-deficits", cwd=tmp_path)
    assert shown.returncode == 0
    assert "Source: Effective SEND system research, paragraph 3-4 [000_e15cbb79239d5b90.txt]" in shown.stdout


def test_fast_and_located_parsers_read_the_same_positions(library: Library) -> None:
    from policydesk.store.position_file import read_position

    for position in library:
        assert read_position(position.path, library.taxonomy, ROOT, fast=False) == (position, []), position.id


def test_every_tier_a_and_p_line_is_in_the_lga_voice(library: Library) -> None:
    others = ("Members", "A member", "The Board", "Board members", "It was", "Interim finding", "Proposal under")
    wrong = [p.id for p in library if p.tier in "AP" and p.line.text.startswith(others)]
    assert wrong == []


def test_minutes_are_voiced_as_one_member_or_as_the_board(library: Library) -> None:
    remarks = [v for p in library for v in p.versions if v.status == "member-remark"]
    steers = [v for p in library for v in p.versions if v.status == "board-steer"]
    assert len(remarks) >= 8 and len(steers) >= 15
    assert [v.text for v in remarks if not v.text.startswith("A member ")] == []
    assert [v.text for v in steers if v.text.startswith(("We ", "Our "))] == []


def test_no_line_leans_on_text_that_is_not_there(library: Library) -> None:
    dangling = re.compile(r"(set out below|as follows|following:|below)\.?\s*$|:\s*$", re.IGNORECASE)
    news = ("was due to", "will be attending", "This project will", "launching at")
    assert [p.id for p in library if dangling.search(p.line.text)] == []
    assert [p.id for p in library if any(phrase in p.line.text for phrase in news)] == []


def test_tier_follows_the_line(library: Library) -> None:
    from policydesk.consistency import TIER_OF_STATUS

    assert [(p.id, p.tier, p.line.status) for p in library if TIER_OF_STATUS[p.line.status] != p.tier] == []
    tiers = Counter(p.tier for p in library)
    assert tiers["A"] >= 3 and tiers["P"] > tiers["A"] and tiers["B"] >= 14 and tiers["C"] >= 17 and tiers["D"] >= 13


def test_status_says_no_more_than_the_paper(library: Library) -> None:
    minutes = ("Note of the Children and Young People Board meeting", "Minutes of the Children and Young People Board")
    for position in library:
        for v in position.versions:
            if v.source.document.startswith(minutes):
                assert v.status != "agreed" or "agreed" in v.text, (position.id, v.date)
            if v.status == "published":
                assert position.id in {
                    "send-improvement-plan-overall",
                    "send23-ch3-skills-fragmentation",
                    "send23-ch3-work-local",
                }, position.id
    papers = {
        "Children's social care reform: implementation strategy and consultation": "proposed",
        "Early Years Education and Childcare": "proposed",
        "Children and young people's mental health future work programme": "proposed",
        "Update from the LGA Asylum, Refugee and Migration Task Group": "noted",
        "Children and young people's mental health": "noted",
    }
    wrong = [
        (p.id, v.date, v.status)
        for p in library
        for v in p.versions
        if v.source.document in papers and v.standing != "note" and v.status != papers[v.source.document]
    ]
    assert wrong == []


def test_undated_papers_get_approximate_years_not_invented_days(library: Library) -> None:
    undated = [v for p in library for v in p.versions if v.source.seed == "003_74faf12c6d3a7960.txt"]
    assert len(undated) >= 7
    assert all(v.approximate and v.precision == "year" and v.when == "about 2023" for v in undated)
    invented = [
        p.id for p in library for v in p.versions if v.precision == "day" and (v.date.month, v.date.day) == (1, 1)
    ]
    assert invented == []


def test_oppose_is_used_only_where_the_paper_rejects(library: Library) -> None:
    rejects = ("oppose", "reject", "against")
    assert [
        p.id for p in library for v in p.versions if v.stance == "oppose" and not any(r in v.text for r in rejects)
    ] == []
    commissioner = library.get("csc-p6-regional-improvement-commissioner").line
    assert commissioner.stance == "concern" and "unclear" in commissioner.text


@pytest.mark.parametrize(
    ("pid", "said", "not_said"),
    [
        ("send23-ch5-dashboards", "many of the plan's other proposals", "most other reforms"),
        ("send23-ch4-hcp-omission", "no explicit mention", "does not mention"),
        ("csc-p2-risk-outside-home", "how the approach could best be extended", "move fast to spread"),
        ("min23o-care-experience-protected", "continue discussions", "will guide"),
        ("ey23-investment-model", "likely to require", "call"),
        ("llr-mh-care-experienced-0-25", "limited trauma-informed", "not informed by trauma"),
        ("mh24-inequalities", "a third of people in the youth justice system", "a third of young people"),
        ("mh24-nhse-joint-work", "keep working with NHS England", "exploring joint work"),
        ("high-needs-deficits", "key proposed change would require", "Under the new rules"),
    ],
)
def test_corrected_wording_stays_corrected(library: Library, pid: str, said: str, not_said: str) -> None:
    position = library.get(pid)
    texts = " ".join(v.text for v in position.versions)
    assert said in texts and not_said not in texts
    if pid == "ey23-investment-model":
        assert position.line.stance == "concern"
    if pid == "mh24-nhse-joint-work":
        assert position.line.source.paragraph == "22" and "23" in position.line.note


def test_one_members_remarks_are_not_the_boards(library: Library) -> None:
    def status(pid: str, day: str) -> str:
        return library.get(pid).version(date.fromisoformat(day)).status

    for pid, day in [
        ("agency-social-workers", "2023-01-24"),
        ("school-based-mental-health", "2023-10-05"),
        ("school-inclusion-accountability", "2023-10-05"),
        ("youth-custody-and-prevention", "2023-10-05"),
        ("min23j-children-voice", "2023-01-24"),
    ]:
        assert status(pid, day) == "member-remark", pid
    assert "A member added" in library.get("safety-valve-dbv").version(date(2023, 1, 24)).text


def test_a_later_steer_remark_or_dropped_ask_never_becomes_the_line(library: Library) -> None:
    from policydesk.model.position import NOTES

    for pid, kept in [
        ("youth-custody-and-prevention", "custody"),
        ("care-leaver-support", "Staying Put"),
        ("school-inclusion-accountability", "Ofsted"),
        ("uasc-funding", "£152 million"),
    ]:
        position = library.get(pid)
        assert kept in position.line.text and position.later_notes, pid
        assert all(v.status in NOTES for v in position.later_notes), pid
    assert [p.id for p in library if len(p.versions) > 1 and p.line.status == "not-restated"] == []


def test_the_missing_research_and_council_items_are_held(library: Library) -> None:
    isos = [row[0] for row in catalogue_rows() if row[0].startswith("isos24-")]
    council = [
        "worcs-camhs-data",
        "worcs-camhs-scrutiny",
        "worcs-mh-recruitment",
        "worcs-mh-attendance",
        "llr-mh-whole-system",
        "llr-mh-transitions",
        "llr-better-care-fund-children",
        "llr-send-joint-commissioning",
    ]
    assert len(isos) == 13
    assert [
        (pid, getattr(library.get(pid), "tier", None)) for pid in isos if getattr(library.get(pid), "tier", None) != "C"
    ] == []
    assert [pid for pid in council if getattr(library.get(pid), "tier", None) != "D"] == []


def test_related_links_go_both_ways_and_pair_research_with_what_it_answers(library: Library) -> None:
    one_way = [(p.id, other) for p in library for other in p.related if p.id not in library.get(other).related]
    assert one_way == []
    for position, research in [
        ("independent-special-schools", "isos24-p8-independent-market"),
        ("send-partnership-powers", "isos24-p7-la-icb-roles"),
    ]:
        assert research in library.get(position).related
