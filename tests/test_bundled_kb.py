"""The bundled knowledge base: complete, clean, in our own words, with the seed's figures."""

from __future__ import annotations

import re
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
        copied += [f"{path.name}: {' '.join(words[i : i + 12])}" for i in range(len(words) - 11)
                   if tuple(words[i : i + 12]) in grams]
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
        (date(2019, 1, 16), "concern", "board-steer"),
        (date(2023, 3, 14), "call", "agreed"),
        (date(2024, 1, 23), "call", "agreed"),
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
