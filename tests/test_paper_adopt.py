"""adopt PAPER end to end on a copy of the knowledge base: what it writes, what it refuses, and running it again."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import REPO
from policydesk.adopt import position_write
from policydesk.model.paper import Amendment
from policydesk.model.problems import InputError
from policydesk.paper_adopt import adopt_paper, plan_paper_adoption
from policydesk.store.amendments_file import read_amendments
from policydesk.store.atomic import ChangedOnDisk, write_all
from policydesk.store.edit import open_for_edit
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.paper_file import read_paper
from policydesk.store.position_file import read_position
from policydesk.store.yaml_io import dump

BUNDLED = REPO / "papers" / "stable-homes-initial-view.yaml"
DECIDED = "2024-03-12"
EDITED, NEW = "csc-p6-regional-improvement-commissioner", "csc-p5-pay-and-grading"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding a copy of the knowledge base and the bundled paper, moved to a 2024 meeting."""
    (tmp_path / ".git").mkdir()
    shutil.copytree(REPO / "positions", tmp_path / "positions")
    (tmp_path / "papers").mkdir()
    text = BUNDLED.read_text(encoding="utf-8").replace("meeting: 2023-03-14", f"meeting: {DECIDED}")
    (tmp_path / "papers" / "stable.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


def adopt(cli, *extra: str):
    return cli("adopt", "papers/stable.yaml", "--decided", DECIDED, *extra)


def test_adopt_records_the_agreed_wording_and_the_new_position(cli, work: Path) -> None:
    kb = work / "positions"
    before = snapshot(work)
    result = adopt(cli)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert f"added version {DECIDED} to {EDITED} (paragraph 38)" in lines
    assert f"created {NEW} in positions/stable-homes/{NEW}.yaml (paragraph 34)" in lines
    assert lines[-1] == f"papers/stable.yaml now records that the Board decided it on {DECIDED}."
    quoted = [line for line in lines if line.startswith("added version")]
    library = load_knowledge_base(REPO / "positions").library
    paper = read_paper(BUNDLED).paper
    expected = {
        p.position
        for _, _, p in paper.paragraphs()
        if p.position and (p.edited or library.get(p.position).line.standing != "agreed")
    }
    assert sorted(line.split()[4] for line in quoted) == sorted(expected), "every quoted line not yet agreed"
    changed = sorted(p.relative_to(work).as_posix() for p in snapshot(work) if snapshot(work)[p] != before.get(p))
    assert "papers/stable.yaml" in changed and f"positions/stable-homes/{NEW}.yaml" in changed
    assert len(changed) == len(quoted) + 2
    edited = kb / "stable-homes" / f"{EDITED}.yaml"
    assert edited.read_bytes().startswith(before[edited].replace(b"tier: P", b"tier: A")), "only the new version"
    library = load_knowledge_base(kb).library
    version = library.get(EDITED).line
    assert (version.date, version.agreed_by, version.status) == (
        date(2024, 3, 12),
        "Children and Young People Board",
        "agreed",
    )
    assert (version.source.document, version.source.paragraph, version.source.link) == (
        "Stable Homes, Built on Love: initial LGA view",
        "38",
        "papers/stable.yaml",
    )
    assert version.text.endswith("before the role is used anywhere else.\n")
    created = library.get(NEW)
    assert (created.pillar, created.framework, created.tier, created.topics) == (
        "shbl-p5",
        "shbl-2023",
        "A",
        ("workforce", "funding"),
    )
    assert [(v.status, v.stance, v.source.paragraph) for v in created.versions] == [("agreed", "call", "34")]
    path = kb / "stable-homes" / f"{NEW}.yaml"
    for fast in (True, False):
        assert read_position(path, library.taxonomy, kb, fast=fast)[1] == []
    data, _ = open_for_edit(path)
    assert dump(data) == path.read_text(encoding="utf-8"), "in the knowledge base's canonical layout"
    assert read_paper(work / "papers" / "stable.yaml").paper.decided == date(2024, 3, 12)
    assert cli("check").code == 0 and cli("check", "papers/stable.yaml").err == ""


def test_running_adopt_again_is_a_no_op(cli, work: Path) -> None:
    assert adopt(cli).code == 0
    before = snapshot(work)
    again = adopt(cli)
    assert again.code == 0, again.err
    lines = again.out.splitlines()
    assert all(line.endswith("already holds this paper's wording") for line in lines)
    assert {f"{EDITED} already holds this paper's wording", f"{NEW} already holds this paper's wording"} <= set(lines)
    assert snapshot(work) == before


def test_an_interrupted_adopt_is_completed_by_running_it_again(work: Path) -> None:
    """As if killed after the first rename: the edited position holds its version, nothing else is written."""
    kb, paper_path = work / "positions", work / "papers" / "stable.yaml"
    library = load_knowledge_base(kb).library
    full = plan_paper_adoption(read_paper(paper_path).paper, library, paper_path, kb, date(2024, 3, 12))
    write_all([position_write(library.get(EDITED), next(v for pid, v in full.adopted if pid == EDITED), library)])
    rerun = adopt_paper(read_paper(paper_path), load_knowledge_base(kb).library, kb, date(2024, 3, 12))
    assert EDITED in rerun.already and [c.proposal.id for c in rerun.created] == [NEW]
    assert (kb / "stable-homes" / f"{NEW}.yaml").is_file()
    assert load_knowledge_base(kb).errors == []


def test_dry_run_writes_nothing(cli, work: Path) -> None:
    before = snapshot(work)
    result = adopt(cli, "--dry-run")
    assert result.code == 0
    lines = result.out.splitlines()
    assert f"would add version {DECIDED} to {EDITED} (paragraph 38)" in lines
    assert f"would create {NEW} in positions/stable-homes/{NEW}.yaml (paragraph 34)" in lines
    assert snapshot(work) == before


def test_as_amended_records_the_boards_wording_and_leaves_out_what_it_did_not_agree(cli, work: Path) -> None:
    (work / "amendments.yaml").write_text(
        "# What the Board changed\n"
        "- paragraph: 12\n"
        "  text: We welcome high-quality help for families in their own communities.\n"
        "- paragraph: 34\n"
        "  agreed: false\n"
    )
    result = adopt(cli, "--as-amended", "amendments.yaml")
    assert result.code == 0, result.err
    assert f"added version {DECIDED} to csc-p1-welcome-family-help (paragraph 12)" in result.out
    assert "paragraph 34 was not agreed, so nothing is recorded for it" in result.out
    library = load_knowledge_base(work / "positions").library
    assert library.get(NEW) is None
    assert library.get("csc-p1-welcome-family-help").line.text == (
        "We welcome high-quality help for families in their own communities.\n"
    )
    again = adopt(cli, "--as-amended", "amendments.yaml")
    assert again.code == 0 and "csc-p1-welcome-family-help already holds this paper's wording" in again.out
    forgotten = adopt(cli)
    assert forgotten.code == 2
    assert (
        "paragraph 12: csc-p1-welcome-family-help already holds other wording from this paper, dated "
        f"{DECIDED}; run adopt again with the same --as-amended file as before"
    ) in forgotten.err


@pytest.mark.parametrize(
    ("amendments", "message"),
    [
        ("- paragraph: 99\n  text: Words.\n", "--as-amended: the paper has no paragraph 99"),
        ("- paragraph: 2\n  text: Words.\n", "paragraph 2 quotes no position and drafts none"),
        ("- paragraph: 12\n", "amendment 1 gives neither new wording nor 'agreed: false'"),
        ("- paragraph: 12\n  text: A.\n- paragraph: 12\n  text: B.\n", "paragraph 12 is amended twice"),
        ("paragraph: 12\n", "the amendments file must be a list"),
    ],
)
def test_amendments_that_name_no_view_are_refused(cli, work: Path, amendments: str, message: str) -> None:
    (work / "amendments.yaml").write_text(amendments)
    before = snapshot(work)
    result = adopt(cli, "--as-amended", "amendments.yaml")
    assert result.code == 2 and message in result.err, result.err
    assert snapshot(work) == before


def edit_paper(work: Path, old: str, new: str) -> None:
    path = work / "papers" / "stable.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "change", "message"),
    [
        ((), None, "is a board paper, adopted as decided by its board on a day; add --decided"),
        (("--decided", "2024-03-11"), None, "--decided 2024-03-11 is before the meeting (2024-03-12)"),
        (("--decided", "2999-01-01"), ("meeting: 2024-03-12", "meeting: 2999-01-01"), "is in the future"),
        (
            ("--decided", DECIDED),
            ("purpose: For direction", "purpose: For information"),
            "the paper is 'For information', so the Board decided nothing on it",
        ),
        (
            ("--decided", DECIDED),
            ("board: Children and Young People Board", "board: Resources Board"),
            "the board 'Resources Board' is not a body in taxonomy.yaml",
        ),
        (
            ("--decided", DECIDED),
            ("position: csc-p4-shared-vision", "position: children-in-care-mental-health"),
            "paragraph 25: verbatim, stale pin (children-in-care-mental-health 2023-03-14); update the pin",
        ),
        (
            ("--decided", DECIDED),
            ("new_position: csc-p5-pay-and-grading", "new_position: csc-p5-workload"),
            "paragraph 4: csc-p5-workload is already in the knowledge base; quote it with 'position:'",
        ),
        (
            ("--decided", DECIDED),
            (
                "position: csc-p6-national-framework\n        version: 2023-03-14\n",
                "position: csc-p6-regional-improvement-commissioner\n        version: 2023-03-14\n"
                "        text: Edited twice.\n",
            ),
            "csc-p6-regional-improvement-commissioner is edited in more than one paragraph",
        ),
        (
            ("--decided", DECIDED),
            ("annexes:", "decided: 2024-03-13\nannexes:"),
            "the paper was adopted as decided on 2024-03-13; run it again with --decided 2024-03-13",
        ),
    ],
)
def test_refusals_write_nothing(cli, work: Path, args, change, message) -> None:
    if change:
        edit_paper(work, *change)
    before = snapshot(work)
    result = cli("adopt", "papers/stable.yaml", *args)
    assert result.code == 2 and message in result.err, result.err
    assert snapshot(work) == before


def test_the_bundled_paper_as_it_stands_is_refused_a_version_on_its_own_day(cli, work: Path) -> None:
    """Its positions were proposed at that same 2023 meeting, so a version dated that day cannot follow them."""
    shutil.copy(BUNDLED, work / "papers" / "bundled.yaml")
    result = cli("adopt", "papers/bundled.yaml", "--decided", "2023-03-14")
    assert result.code == 2
    assert "decided on 2023-03-14, not after the line of" in result.err
    assert "versions must be in date order" in result.err


def test_a_position_changed_after_loading_stops_the_whole_adopt(work: Path) -> None:
    kb, paper_path = work / "positions", work / "papers" / "stable.yaml"
    library = load_knowledge_base(kb).library
    target = kb / "stable-homes" / f"{EDITED}.yaml"
    target.write_text(target.read_text() + "# edited by someone else after loading\n")
    before = snapshot(work)
    with pytest.raises(ChangedOnDisk, match="changed on disk since the knowledge base was loaded"):
        adopt_paper(read_paper(paper_path), library, kb, date(2024, 3, 12))
    assert snapshot(work) == before and not (kb / "stable-homes" / f"{NEW}.yaml").exists()


def test_a_verbatim_quote_of_a_proposed_line_becomes_agreed(work: Path) -> None:
    kb, paper_path = work / "positions", work / "papers" / "stable.yaml"
    path = kb / "stable-homes" / "csc-p4-shared-vision.yaml"
    path.write_text(path.read_text().replace("status: agreed", "status: proposed").replace("tier: A", "tier: P"))
    library = load_knowledge_base(kb).library
    assert library.get("csc-p4-shared-vision").line.standing == "proposed"
    adoption = adopt_paper(read_paper(paper_path), library, kb, date(2024, 3, 12))
    assert "csc-p4-shared-vision" in [pid for pid, _ in adoption.adopted]
    position = load_knowledge_base(kb).library.get("csc-p4-shared-vision")
    assert (position.tier, position.line.status, position.line.date) == ("A", "agreed", date(2024, 3, 12))
    assert position.line.text == position.versions[0].text, "the wording put to the Board, unchanged"


def test_amendments_are_read_with_their_places(work: Path) -> None:
    path = work / "amendments.yaml"
    path.write_text("- paragraph: 12\n  text: New.\n- paragraph: 34\n  agreed: false\n  text: Both.\n- [list]\n")
    with pytest.raises(InputError) as refused:
        read_amendments(path)
    found = [str(p) for p in refused.value.problems]
    assert "amendments.yaml:4:11: amendment 2 gives new wording for a paragraph not agreed" in found[0]
    assert found[1].startswith("amendments.yaml:6:3: amendment 3 must be a mapping")
    path.write_text("- paragraph: 12\n  text: New.\n- paragraph: 3 of Annex 1\n  agreed: false\n")
    assert read_amendments(path) == [Amendment("12", "New."), Amendment("3 of Annex 1", "", agreed=False)]
