"""Suggested positions: reasons, tiers, later notes, the CLI, the measured floor, and an installed copy."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from conftest import REPO
from policydesk.model.library import Library
from policydesk.model.position import Position, Source, Version
from policydesk.model.response import Consultation, Paragraph, Response, Section
from policydesk.model.taxonomy import Framework, Pillar, Taxonomy
from policydesk.store.atomic import Stamp
from policydesk.store.knowledge_base import bundled_root, load_knowledge_base
from policydesk.store.response_file import read_response, write_response
from policydesk.suggest import Suggester, suggest

TAXONOMY = Taxonomy(
    frameworks={"ff": Framework("ff", "Family Futures Strategy")},
    pillars={
        "ff-p1": Pillar("ff-p1", "Pillar 1: Support for kinship carers", "ff"),
        "ff-p2": Pillar("ff-p2", "Pillar 2: Youth justice and prevention", "ff"),
        "mh": Pillar("mh", "Children's mental health"),
    },
    topics={"kinship-care": "Kinship care.", "youth-justice": "Youth justice.", "mental-health": "Mental health."},
    tiers={"A": "agreed", "P": "proposed", "B": "steer", "C": "research", "D": "council"},
)
BOARD = "Children and Young People Board"


def version(day: str, status: str, text: str, paragraph: str = "") -> Version:
    return Version(date.fromisoformat(day), BOARD, status, "call", text, Source("Board paper", paragraph))


def position(pid: str, pillar: str, tier: str, *versions: Version, topics=(), title="", related=()) -> Position:
    framework = TAXONOMY.framework_of(pillar)
    return Position(
        pid, title or pid.replace("-", " "), pillar, versions, framework, tuple(topics), tier, related=tuple(related)
    )


LIBRARY = Library(
    [
        position(
            "kin-allowance",
            "ff-p1",
            "P",
            version("2023-03-14", "proposed", "Kinship carers need an allowance.", "4.2"),
            topics=["kinship-care"],
            title="An allowance for kinship carers",
        ),
        position("kin-welcome", "ff-p1", "A", version("2023-03-14", "agreed", "We welcome the strategy.", "4.1")),
        position("kin-leave", "ff-p1", "P", version("2023-03-14", "proposed", "Carers need leave from work.", "4.3")),
        position(
            "kin-steer",
            "ff-p1",
            "B",
            version("2023-06-01", "board-steer", "Members want kinship carers supported."),
            topics=["kinship-care"],
        ),
        position("kin-research", "ff-p1", "C", version("2024-01-23", "research", "Kinship carers lack support.")),
        position("kin-note-only", "ff-p1", "P", version("2023-07-01", "member-remark", "A kinship carer allowance.")),
        position(
            "kin-history",
            "ff-p1",
            "P",
            version("2019-01-16", "proposed", "Kinship carers deserve better support."),
            version("2023-03-14", "proposed", "Kinship carers deserve far better support."),
            version("2023-10-05", "member-remark", "A member said kinship carers are forgotten."),
            topics=["kinship-care"],
        ),
        position(
            "yj-custody",
            "ff-p2",
            "P",
            version("2023-03-14", "proposed", "Fewer children in custody."),
            topics=["youth-justice"],
            related=["yj-detail-a", "yj-detail-b"],
        ),
        position(
            "yj-detail-a",
            "ff-p2",
            "P",
            version("2023-03-14", "proposed", "Speech and language support."),
            related=["yj-custody"],
        ),
        position(
            "yj-detail-b",
            "ff-p2",
            "P",
            version("2023-03-14", "proposed", "Earlier prevention."),
            related=["yj-custody"],
        ),
        position(
            "mh-access",
            "mh",
            "P",
            version("2023-03-14", "proposed", "Too many children are turned away from mental health services."),
            topics=["mental-health"],
        ),
    ],
    TAXONOMY,
)


def consultation(title: str = "Family Futures Strategy: consultation", *sections: Section) -> Response:
    return Response("family-futures", Consultation(title, "Department for Education"), sections=sections)


KINSHIP = Section("Do you agree with the proposals in Pillar 1 on an allowance for kinship carers?", number="1")


def ids(found) -> list[str]:
    return [s.position.id for s in found]


def reasons(found, pid: str) -> dict[str, str]:
    match = next(s for s in found if s.position.id == pid)
    return {r.kind: r.text for r in match.reasons}


def test_reasons_name_the_pillar_the_words_the_topic_and_the_framework() -> None:
    found = suggest(consultation("Family Futures Strategy: consultation", KINSHIP), LIBRARY, 0, limit=None)
    assert ids(found)[0] == "kin-allowance"
    why = reasons(found, "kin-allowance")
    assert why["pillar"] == "on Pillar 1: Support for kinship carers (the question names Pillar 1)"
    assert why["terms"] == "shares the question's words allowance, kinship, carers"
    assert why["topic"] == "tagged with the topic the question asks about: kinship care"
    assert why["framework"] == (
        "on Family Futures Strategy, the framework this consultation is about (the consultation's title names it)"
    )
    assert reasons(found, "kin-welcome")["agreed"] == "an agreed LGA view (agreed 14 March 2023)"
    assert reasons(found, "kin-welcome")["opening"].startswith("opens what the LGA said on its pillar (paragraph 4.1")
    assert "yj-custody" not in ids(found), "a position sharing nothing with the question is not suggested"
    assert found == sorted(found, key=lambda s: -s.score)


def test_the_chapter_heading_finds_the_pillar_when_the_question_does_not() -> None:
    response = consultation(
        "Family Futures Strategy: consultation",
        Section("Youth justice and prevention"),
        Section("Do you agree with the proposals in this chapter?", number="7"),
    )
    found = suggest(response, LIBRARY, 1, limit=None)
    assert set(ids(found)) == {"yj-custody", "yj-detail-a", "yj-detail-b"}
    assert ids(found)[0] == "yj-custody"
    assert reasons(found, "yj-custody")["pillar"].endswith("(the chapter heading matches its title)")
    assert reasons(found, "yj-custody")["summary"] == "the main point of 2 related positions"


def test_the_framework_can_come_from_the_positions_already_quoted() -> None:
    quoted = Section("Anything else?", (Paragraph(position="yj-custody", version=date(2023, 3, 14)),), number="1")
    asked = Section("How should councils support kinship carers?", number="2")
    found = suggest(consultation("A consultation on families", quoted, asked), LIBRARY, 1, limit=None)
    assert reasons(found, "kin-allowance")["framework"].endswith("(the positions already quoted are on it)")
    untold = suggest(consultation("A consultation on families", asked), LIBRARY, 0, limit=None)
    assert "framework" not in reasons(untold, "kin-allowance")


def test_steers_research_and_councils_only_when_their_tier_is_asked_for() -> None:
    response = consultation("Family Futures Strategy: consultation", KINSHIP)
    default = ids(suggest(response, LIBRARY, 0, limit=None))
    assert "kin-steer" not in default and "kin-research" not in default
    assert {p.tier for p in LIBRARY if p.id in default} <= {"A", "P"}
    assert ids(suggest(response, LIBRARY, 0, tiers=("B",), limit=None)) == ["kin-steer"]
    both = ids(suggest(response, LIBRARY, 0, tiers=("B", "C"), limit=None))
    assert set(both) == {"kin-steer", "kin-research"}


def test_a_position_whose_line_is_a_note_is_never_offered_by_default() -> None:
    response = consultation("Family Futures Strategy: consultation", KINSHIP)
    assert "kin-note-only" not in ids(suggest(response, LIBRARY, 0, limit=None))
    assert "kin-note-only" in ids(suggest(response, LIBRARY, 0, tiers=("P",), limit=None))


def test_later_notes_are_not_what_is_suggested() -> None:
    found = suggest(consultation("Family Futures Strategy: consultation", KINSHIP), LIBRARY, 0, limit=None)
    history = next(s for s in found if s.position.id == "kin-history")
    assert history.version.date == date(2023, 3, 14) and history.version.status == "proposed"
    why = reasons(found, "kin-history")
    assert why["later"] == "later notes follow it (from 2023-10-05); the suggestion is its line"
    assert why["history"] == "recorded 3 times, 2019 to 2023"
    assert "forgotten" not in " ".join(history.shared_terms), "a later note's words are not matched"


def test_positions_already_in_the_question_are_left_out_and_others_named() -> None:
    quoted = replace(KINSHIP, paragraphs=(Paragraph(position="kin-allowance", version=date(2023, 3, 14)),))
    again = Section("And what of support for kinship carers in Pillar 1?", number="2")
    response = consultation("Family Futures Strategy: consultation", quoted, again)
    assert "kin-allowance" not in ids(suggest(response, LIBRARY, 0, limit=None))
    elsewhere = reasons(suggest(response, LIBRARY, 1, limit=None), "kin-allowance")
    assert elsewhere["quoted"] == "already quoted in question 1"


def test_limit_and_a_question_that_shares_nothing() -> None:
    other = Section("Any other comments?", number="9")
    response = consultation("Family Futures Strategy: consultation", KINSHIP, other)
    assert len(suggest(response, LIBRARY, 0, limit=2)) == 2
    assert suggest(response, LIBRARY, 1) == []


def test_a_pillar_number_means_nothing_in_a_consultation_on_another_document() -> None:
    asked = Section("Do you agree with the proposals in Pillar 2?", number="2")
    assert suggest(consultation("Family Futures Strategy: consultation", asked), LIBRARY, 0)
    assert suggest(consultation("A green paper on something else", asked), LIBRARY, 0) == []


def test_the_standing_of_a_line_orders_good_matches_but_never_lifts_a_poor_one() -> None:
    asked = Section("Is better speech and language support needed?", number="4")
    found = suggest(consultation("A green paper on something else", asked), LIBRARY, 0, limit=None)
    assert ids(found)[0] == "yj-detail-a"
    assert "history" in reasons(found, "kin-history") and ids(found).index("kin-history") > 0


def test_mental_health_questions_reach_policy_area_positions() -> None:
    asked = Section("How can children get mental health support sooner?", number="3")
    found = suggest(consultation("Family Futures Strategy: consultation", asked), LIBRARY, 0)
    assert ids(found)[0] == "mh-access"
    assert "topic" in reasons(found, "mh-access")


def load_bench():
    spec = importlib.util.spec_from_file_location("bench_suggest", REPO / "bench" / "suggest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_measured_on_the_bundled_examples_above_a_floor_and_above_plain_search() -> None:
    bench = load_bench()
    library = load_knowledge_base(bundled_root()).library
    from policydesk.search import SearchIndex

    suggester, index = Suggester(library), SearchIndex(library)
    runs = {name: bench.rankings(name, library, suggester, index) for name in bench.EXAMPLES}
    for name in bench.EXAMPLES:
        example = read_response(REPO / "responses" / f"{name}.yaml").response
        assert all(not s.paragraphs for s in bench.questions_only(example).sections), "the suggester sees no answers"
    both = bench.measure([r for run in runs.values() for r in run["suggest"]])
    baseline = bench.measure([r for run in runs.values() for r in run["search"]])
    assert both["questions"] == 12 and both["right answers"] == 34
    assert both["recall@5"] >= 0.83 and both["MRR"] >= 0.92
    assert bench.measure(runs["stable-homes-built-on-love"]["suggest"])["recall@5"] >= 0.93
    assert bench.measure(runs["send-ap-improvement-plan"]["suggest"])["recall@5"] >= 0.74
    assert both["recall@5"] > baseline["recall@5"] and both["MRR"] > baseline["MRR"]


def test_cli_suggests_for_each_question_with_reasons(tmp_path: Path, cli) -> None:
    example = read_response(REPO / "responses" / "stable-homes-built-on-love.yaml").response
    path = tmp_path / "shbl.yaml"
    write_response(path, load_bench().questions_only(example), Stamp.absent())
    kb = ("--kb", str(REPO / "positions"))
    shown = cli(*kb, "suggest", str(path), "--question", "3", "--limit", "3")
    assert shown.code == 0, shown.err
    lines = shown.out.splitlines()
    assert lines[0] == example.sections[3].heading
    assert lines[0].startswith("Question 3: Do you agree with the proposals in Pillar 3")
    assert lines[1].startswith("  1. kinship-") and "(P, 2023-03-14)" in lines[1]
    assert "       - on Pillar 3: Unlocking the potential of family networks (the question names Pillar 3)" in lines
    data = json.loads(cli(*kb, "suggest", str(path), "--json").out)
    assert [q["question"] for q in data["questions"]] == ["1", "2", "3", "4", "5", "6"]
    assert data["tiers"] == ["A", "P"] and all(len(q["suggestions"]) == 5 for q in data["questions"])
    first = data["questions"][2]["suggestions"][0]
    assert first["id"].startswith("kinship-") and {r["kind"] for r in first["reasons"]} >= {"pillar", "framework"}
    with_steers = json.loads(cli(*kb, "suggest", str(path), "--tier", "b", "--json", "--question", "4").out)
    assert {s["tier"] for s in with_steers["questions"][0]["suggestions"]} == {"B"}


def test_cli_refuses_an_unknown_question_or_tier(tmp_path: Path, cli) -> None:
    path = REPO / "responses" / "send-ap-improvement-plan.yaml"
    kb = ("--kb", str(REPO / "positions"))
    missing = cli(*kb, "suggest", str(path), "--question", "7")
    assert missing.code == 2
    assert missing.err.startswith("--question: ") and "has no question 7; give one of: 1, 2, 3, 4, 5, 6" in missing.err
    tier = cli(*kb, "suggest", str(path), "--tier", "A,X")
    assert tier.code == 2 and tier.err == "--tier: unknown tier 'X'; give tiers from: A, P, B, C, D\n"
    assert cli(*kb, "suggest", str(tmp_path / "none.yaml")).code == 2


CONSULTATION_MD = """# Stable Homes, Built on Love: consultation

From: Department for Education

## Pillar 3: Unlocking the potential of family networks

1. How could councils better support kinship carers?

## Pillar 5: A valued, supported and skilled social worker for every child

2. What would reduce councils' reliance on agency social workers?
"""


def test_import_suggest_and_render_on_an_installed_copy_outside_the_repository(tmp_path: Path) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    work.mkdir()
    install = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(REPO)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "policydesk", *args], cwd=work, capture_output=True, text=True, env=env, timeout=180
        )

    where = subprocess.run(
        [sys.executable, "-c", "import policydesk; print(policydesk.__file__)"],
        cwd=work,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert where.stdout.startswith(str(site)), "the installed copy runs, not the repository's source"
    (work / "consultation.md").write_text(CONSULTATION_MD)
    imported = run("import", "consultation.md", "--slug", "families")
    assert imported.returncode == 0, imported.stderr
    suggested = run("suggest", "responses/families.yaml", "--json")
    assert suggested.returncode == 0, suggested.stderr
    questions = json.loads(suggested.stdout)["questions"]
    assert questions[0]["suggestions"][0]["id"].startswith("kinship-")
    assert "agency-social-workers" in [s["id"] for s in questions[1]["suggestions"]]
    rendered = run("render", "responses/families.yaml", "--draft")
    assert rendered.returncode == 0, rendered.stderr
    assert (work / "responses" / "families.docx").is_file()
    assert not (work / "positions").exists(), "the bundled knowledge base was used"
