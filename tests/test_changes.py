"""How positions moved (seed-positions.md §4.14), drift in drafts, adoption, and tracked changes in Word."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from docx_reader import DocxXml, document_view

from conftest import REPO
from policydesk.adopt import adopt
from policydesk.changes import history, readable, version_change
from policydesk.diff import marked, new_text, old_text
from policydesk.drift import drift
from policydesk.model.library import Library
from policydesk.model.problems import InputError
from policydesk.render.pipeline import render_to_bytes
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.response_file import read_response

EXAMPLES = sorted((REPO / "responses").glob("*.yaml"))

# §4.14 pairs held as versions of one position: (pair, position, from, to, stance change, inserted, removed).
# Pairs 12 and 13 (commissioned research) and 17 and 18 (duplicates in one paper) are separate positions,
# because a research proposal must never become the current agreed line.
PAIRS = [
    (1, "high-needs-deficits", "2019-01-16", "2023-03-14", "concern → call", ["guarantee", "2026"], ["1 per cent"]),
    (
        2,
        "high-needs-deficits",
        "2023-03-14",
        "2024-01-23",
        "unchanged (call)",
        ["existing budgets"],
        ["guarantee", "2026"],
    ),
    (3, "send-improvement-plan-overall", "2023-03-14", "2024-01-23", "unchanged (mixed)", ["cost and demand"], []),
    (
        4,
        "mainstream-inclusion-powers",
        "2019-01-16",
        "2023-03-14",
        "unchanged (call)",
        ["powers", "councils"],
        ["incentive"],
    ),
    (5, "school-based-mental-health", "2019-03-12", "2023-03-14", "unchanged (call)", ["whole country"], []),
    (6, "school-based-mental-health", "2023-03-14", "2023-10-05", "call → concern", ["fatigued"], ["whole country"]),
    (
        7,
        "children-in-care-mental-health",
        "2023-03-14",
        "2024-01-23",
        "call → support",
        ["corporate parents"],
        ["must make sure that every child"],
    ),
    (8, "cyp-mental-health-funding", "2019-03-12", "2024-01-23", "call → concern", ["not kept pace"], []),
    (9, "family-help-funding", "2019-03-12", "2023-03-14", "support → concern", ["every council"], []),
    (10, "agency-social-workers", "2023-01-24", "2023-03-14", "call → welcome", ["acting now"], ["cap"]),
    (11, "uasc-funding", "2019-03-12", "2024-01-23", "call → support", ["corporate parents"], ["£152 million"]),
    (14, "care-leaver-support", "2023-03-14", "2023-10-05", "unchanged (call)", ["minimum standards"], ["Staying Put"]),
    (15, "outcome-data-dashboards", "2019-01-16", "2023-03-14", "support → concern", ["dashboard"], []),
    (16, "youth-custody-and-prevention", "2023-03-14", "2023-10-05", "unchanged (call)", ["prevention"], ["custody"]),
]


@pytest.fixture(scope="module")
def bundled() -> Library:
    return load_knowledge_base(REPO / "positions").library


@pytest.mark.parametrize(
    ("pair", "pid", "old", "new", "stance", "inserted", "removed"), PAIRS, ids=[str(p[0]) for p in PAIRS]
)
def test_seed_diff_pairs(bundled: Library, pair, pid, old, new, stance, inserted, removed) -> None:
    position = bundled.get(pid)
    change = version_change(
        position, position.version(date.fromisoformat(old)), position.version(date.fromisoformat(new))
    )
    assert change.stance_change == stance
    added = " ".join(c.text for c in change.chunks if c.op == "insert")
    gone = " ".join(c.text for c in change.chunks if c.op == "delete")
    assert all(word in added for word in inserted), added
    assert all(word in gone for word in removed), gone
    assert old_text(change.chunks) == readable(change.old.text)
    assert new_text(change.chunks) == readable(change.new.text)


def test_dropped_asks_are_recorded_not_invented(bundled: Library) -> None:
    hnd = bundled.get("high-needs-deficits")
    assert "not restated" in hnd.latest.note
    uasc = history(bundled.get("uasc-funding"))
    assert uasc[-1][1].headline() == "not restated by Children and Young People Board (2024-01-23)"
    restated = history(bundled.get("send-improvement-plan-overall"))[-1][1]
    assert restated.new.status == "published" and restated.stance_change == "unchanged (mixed)"


def test_history_summaries(bundled: Library) -> None:
    rows = history(bundled.get("agency-social-workers"))
    assert rows[0][1] is None
    assert rows[1][1].headline() == "rewritten, stance call → welcome: 0 points carried over, 2 dropped, 2 new"


def test_a_rewritten_version_is_compared_point_by_point() -> None:
    from policydesk.changes import compare_points

    old = "We welcome the plan for national standards. We are concerned about funding for councils."
    new = "We welcome the plan for national standards in every area. Councils need new powers to lead."
    kinds = [(p.kind, p.old or p.new) for p in compare_points(old, new)]
    assert kinds == [
        ("carried over", "We welcome the plan for national standards."),
        ("new", "Councils need new powers to lead."),
        ("dropped", "We are concerned about funding for councils."),
    ]
    carried = compare_points(old, new)[0]
    assert "{+ in every area+}" in marked(list(carried.chunks))


def test_drift_on_the_examples(bundled: Library) -> None:
    stable = read_response(REPO / "responses" / "stable-homes-built-on-love.yaml").response
    found = {d.where: d for d in drift(stable, bundled)}
    edited = found["question 1, paragraph 2"]
    assert edited.flags == ("edited",)
    assert 0.5 < edited.summary.similarity < 1
    assert found["question 3, paragraph 1"].flags == ("verbatim",)
    assert found["question 4, paragraph 4"].flags == ("edited", "stale pin")
    assert found["question 1, paragraph 4"].flags == ("new text",)
    assert any(d.blocking for d in found.values())


def test_new_text_is_matched_to_its_nearest_position(bundled: Library) -> None:
    from policydesk.drift import NearestPosition

    nearest = NearestPosition(bundled)
    close = bundled.get("csc-p4-care-leaver-housing").line.text.replace("support", "back")
    assert nearest(close).position_id == "csc-p4-care-leaver-housing"
    assert str(nearest(close)).startswith("reads like csc-p4-care-leaver-housing, ")
    assert nearest("Completely unrelated words about weather and football.") is None


def test_drift_cli_exit_codes(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    stale = cli("--kb", str(REPO / "positions"), "drift", str(REPO / "responses" / "stable-homes-built-on-love.yaml"))
    assert stale.code == 1
    assert "question 1, paragraph 2\tfamily-help-funding 2023-03-14\tedited\t" in stale.out
    assert "stale pin (current 2024-01-23)" in stale.out
    assert "about how [-the -]Family Help [-model -]is to be funded" in stale.out


def test_diff_and_history_cli(cli, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    kb = str(REPO / "positions")
    result = cli("--kb", kb, "diff", "high-needs-deficits", "--from", "2019-01-16", "--to", "2023-03-14")
    lines = result.out.splitlines()
    assert lines[1].startswith("from: 2019-01-16  Children and Young People Board (noted), stance concern")
    assert lines[3].startswith("stance: concern → call;")
    assert "[-" in result.out and "{+" in result.out
    default = cli("--kb", kb, "diff", "high-needs-deficits")
    assert default.out.splitlines()[1].startswith("from: 2023-03-14")
    assert "note: The 2026 guarantee" in default.out
    one = cli("--kb", kb, "diff", "csc-p4-care-leaver-housing")
    assert one.code == 2 and "has only one version" in one.err
    hist = cli("--kb", kb, "history", "high-needs-deficits")
    assert len(hist.out.strip().splitlines()) == 4


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_tracked_changes_accept_to_the_draft_and_reject_to_the_agreed_text(bundled: Library, example: Path) -> None:
    response = read_response(example).response
    xml = DocxXml(render_to_bytes(response, bundled))
    accepted, rejected = "\n".join(document_view(xml, True)), "\n".join(document_view(xml, False))
    quoted = [p for _, _, p in response.quoted()]
    assert any(p.edited for p in quoted)
    for paragraph in quoted:
        agreed = bundled.get(paragraph.position).version(paragraph.version).text
        draft = paragraph.text if paragraph.edited else agreed
        assert readable(draft) in accepted
        assert readable(agreed) in rejected
        if paragraph.edited:
            assert readable(draft) not in rejected and readable(agreed) not in accepted
    assert len(xml.comments) == len(quoted)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    root = tmp_path / "positions"
    shutil.copytree(REPO / "positions", root)
    return root


def signed_off(tmp_path: Path, edit: str) -> Path:
    path = tmp_path / "responses" / "kinship.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"""\
consultation: {{title: Kinship care, department: Department for Education}}
status: signed-off
sign_off: {{by: Lead Members of the Children and Young People Board, on: 2024-02-01}}
contact: {{name: Alex Morgan, position: Senior Adviser, email: alex.morgan@local.gov.uk, phone: 020 7664 3000}}
key_messages: [We back kinship carers.]
sections:
  - question: "1"
    text: Do you agree?
    answer: Agree
    paragraphs:
      - position: kinship-carer-support
        version: 2023-03-14
        text: {edit}
      - position: csc-p4-care-leaver-housing
        version: 2023-03-14
      - text: Councils should be funded to recruit more kinship carers.
""")
    return path


def test_adopt_adds_versions_and_touches_nothing_else(kb_copy: Path, tmp_path: Path, cli) -> None:
    response = signed_off(tmp_path, "We strongly welcome better support for kinship carers, and want it funded.")
    target = kb_copy / "stable-homes" / "kinship-carer-support.yaml"
    before = {p: p.read_bytes() for p in kb_copy.rglob("*.yaml")}
    result = cli("--kb", str(kb_copy), "adopt", str(response))
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "added version 2024-02-01 to kinship-carer-support (question 1, paragraph 1)"
    assert "candidate new position from question 1, paragraph 3" in result.out
    changed = [p for p in before if p.read_bytes() != before[p]]
    assert changed == [target]
    assert target.read_bytes().startswith(before[target].replace(b"tier: P", b"tier: A"))
    assert "now quotes the new versions" in result.out
    repinned = read_response(response).response.sections[0].paragraphs[0]
    assert (repinned.version, repinned.text) == (date(2024, 2, 1), "")
    position = load_knowledge_base(kb_copy).library.get("kinship-carer-support")
    assert [v.date for v in position.versions] == [date(2023, 3, 14), date(2024, 2, 1)]
    assert position.latest.agreed_by == "Lead Members of the Children and Young People Board"
    assert position.latest.source.link == "responses/kinship.yaml"
    assert position.latest.text == "We strongly welcome better support for kinship carers, and want it funded.\n"


def test_adopt_refuses_drafts_and_stale_pins(kb_copy: Path, tmp_path: Path, cli) -> None:
    library = load_knowledge_base(kb_copy).library
    response = signed_off(tmp_path, "Edited.")
    draft = response.read_text().replace("status: signed-off", "status: draft")
    response.write_text(draft)
    with pytest.raises(InputError, match="the response is 'draft', not signed off"):
        adopt(read_response(response), library, kb_copy)
    stale = REPO / "responses" / "send-ap-improvement-plan.yaml"
    text = stale.read_text().replace(
        "status: draft", "status: signed-off\nsign_off: {by: Children and Young People Board, on: 2024-03-01}"
    )
    copy = tmp_path / "responses" / "send.yaml"
    copy.write_text(text)
    result = cli("--kb", str(kb_copy), "adopt", str(copy))
    assert result.code == 2
    assert "stale pin (send-improvement-plan-overall 2023-03-14)" in result.err
    assert load_knowledge_base(kb_copy).library.get("high-needs-deficits").updated == date(2024, 1, 23)


def test_adopt_dry_run_writes_nothing(kb_copy: Path, tmp_path: Path, cli) -> None:
    response = signed_off(tmp_path, "We welcome support for kinship carers.")
    before = {p: p.read_bytes() for p in kb_copy.rglob("*.yaml")}
    result = cli("--kb", str(kb_copy), "adopt", "--dry-run", str(response))
    assert result.out.startswith("would add version 2024-02-01 to kinship-carer-support")
    assert all(p.read_bytes() == data for p, data in before.items())
