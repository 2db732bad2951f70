"""The policydesk command: check, search, show and list, in a pipe and as JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO, run_process


def test_check_prints_counts(kb_dir: Path, cli) -> None:
    result = cli("check")
    assert result.code == 0
    assert result.err == ""
    assert result.out.splitlines()[0] == "positions: 3 positions, 2 with two or more versions, 0 errors, 0 warnings"
    assert "shbl-2023\tStable Homes, Built on Love\t2" in result.out


def test_check_warns_on_past_review_dates(kb_dir: Path, cli) -> None:
    path = kb_dir / "children" / "high-needs-deficits.yaml"
    path.write_text(path.read_text().replace("tier: A\n", "tier: A\nreview_by: 2020-01-01\n"))
    result = cli("check")
    assert result.code == 0
    assert result.err == (
        "positions/children/high-needs-deficits.yaml: warning: review date 2020-01-01 has passed; "
        "review the position and set a new review_by date\n"
    )
    assert cli("check", "--strict").code == 1


def test_check_json(kb_dir: Path, cli) -> None:
    data = json.loads(cli("check", "--json").out)
    assert data["positions"] == 3
    assert data["counts"]["tier"] == {"A": 3}
    assert data["problems"] == []


def test_search_plain_and_json(kb_dir: Path, cli) -> None:
    result = cli("search", "kinshp carers")
    assert result.code == 0
    assert result.out.splitlines()[0].startswith("kinship-carer-support\tBetter support for kinship carers\tshbl-p3")
    hits = json.loads(cli("search", "deficit", "--json").out)
    assert [h["id"] for h in hits] == ["high-needs-deficits"]
    assert hits[0]["text_spans"]


def test_search_filters_are_checked(kb_dir: Path, cli) -> None:
    result = cli("search", "agency", "--pillar", "shbl-p55")
    assert result.code == 2
    assert result.err == (
        "--pillar: unknown pillar 'shbl-p55' (did you mean 'shbl-p5'?); "
        "run 'policydesk check' to list the pillars, or see taxonomy.yaml\n"
    )
    assert cli("search", "agency", "--stance", "welcome").out.startswith("agency-social-workers")


def test_show_gives_text_and_provenance(kb_dir: Path, cli) -> None:
    result = cli("show", "high-needs-deficits")
    assert result.code == 0
    lines = result.out.splitlines()
    assert "Line: 14 March 2023, agreed by the Children and Young People Board (the agreed line)" in lines
    assert "Source: SEND response, paragraph 41" in lines
    assert "We call on the Department to guarantee that every council's deficit is eliminated by 2026." in lines
    old = cli("show", "high-needs-deficits", "--version", "2019-01-16")
    steer = "a steer from the Children and Young People Board (a steer in the minutes, not a decision)"
    assert f"Version: 16 January 2019, {steer}" in old.out
    as_at = cli("show", "high-needs-deficits", "--as-at", "2020-06-01")
    assert "Line on 1 June 2020: 16 January 2019, a steer from the Children and Young People Board" in as_at.out
    assert "since then: 14 March 2023, agreed by the Children and Young People Board" not in as_at.out
    assert "since then:" not in cli("show", "high-needs-deficits").out


def test_show_unknown_id_and_version(kb_dir: Path, cli) -> None:
    result = cli("show", "kinship-carer")
    assert result.code == 2
    assert result.err.startswith(
        "kinship-carer: no position with id 'kinship-carer' (did you mean 'kinship-carer-support'?)"
    )
    missing = cli("show", "high-needs-deficits", "--version", "2020-01-01")
    assert missing.err == (
        "--version: high-needs-deficits has no version dated 2020-01-01; use one of: 2019-01-16, 2023-03-14\n"
    )


def test_list_with_filters(kb_dir: Path, cli) -> None:
    result = cli("list", "--topic", "workforce")
    assert result.out.splitlines()[1:] == [
        "agency-social-workers\tAgency social workers\tshbl-p5\twelcome\tA\t2023-03-14"
    ]


def test_kb_precedence(kb_dir: Path, tmp_path: Path, cli, monkeypatch) -> None:
    other = tmp_path / "other-kb"
    shutil.copytree(kb_dir, other)
    (other / "agency-social-workers.yaml").unlink()
    monkeypatch.setenv("POLICYDESK_KB", str(other))
    assert json.loads(cli("check", "--json").out)["positions"] == 2
    assert json.loads(cli("--kb", str(kb_dir), "check", "--json").out)["positions"] == 3
    bad = cli("--kb", str(tmp_path), "check")
    assert bad.code == 2
    assert bad.err.endswith(
        "no taxonomy.yaml in the folder given by --kb; "
        "point it at a knowledge base folder (one holding taxonomy.yaml)\n"
    )


def test_bundled_knowledge_base_works_from_any_folder(tmp_path: Path) -> None:
    result = run_process("search", "kinship", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("kinship-")
    shown = run_process("show", "high-needs-deficits", cwd=tmp_path)
    assert "Line: 23 January 2024, noted by the Children and Young People Board" in shown.stdout
    assert run_process("check", cwd=tmp_path).returncode == 0
    assert run_process("--version", cwd=tmp_path).stdout.strip() == "policydesk 0.1.0"
    assert (REPO / "positions" / "taxonomy.yaml").is_file()


def test_a_misspelt_option_or_command_gets_the_nearest_real_one(kb_dir: Path) -> None:
    option = run_process("search", "kinship", "--pilar", "shbl-p3", cwd=kb_dir.parent)
    assert option.returncode == 2
    assert "there is no option --pilar (did you mean --pillar?)" in option.stderr
    command = run_process("chek", cwd=kb_dir.parent)
    assert command.returncode == 2
    assert "there is no command 'chek' (did you mean check?)" in command.stderr
    assert "Traceback" not in option.stderr + command.stderr
