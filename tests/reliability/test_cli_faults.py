"""The command line under hostile arguments and surroundings: every problem is a message and a status."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import DATA, REPO, run_process


@pytest.fixture
def response(workspace: Path) -> Path:
    return Path(shutil.copy(DATA / "responses" / "sample.yaml", workspace / "responses" / "sample.yaml"))


def rendered(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        return b"policydesk" in archive.read("docProps/app.xml")


# 6. render --out writes only Word documents policydesk may replace ---------------------------------------------


@pytest.mark.parametrize("out", ["responses/r.yaml", "positions/children/kinship-carer-support.yaml", "out", ""])
def test_out_must_be_a_docx(cli, response: Path, workspace: Path, out: str) -> None:
    before = {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()}
    result = cli("render", str(response), "--out", out)
    assert result.code == 2
    assert "the Word document's name must end in .docx" in result.err
    assert {p: p.read_bytes() for p in workspace.rglob("*") if p.is_file()} == before


def test_the_response_itself_is_never_the_output(cli, workspace: Path, response: Path) -> None:
    named_docx = response.rename(workspace / "responses" / "q.docx")
    original = named_docx.read_bytes()
    result = cli("render", str(named_docx))
    assert (result.code, "this is the file being rendered itself" in result.err) == (2, True)
    assert named_docx.read_bytes() == original


def test_a_file_policydesk_did_not_write_needs_force(cli, workspace: Path, response: Path) -> None:
    theirs = workspace / "theirs.docx"
    theirs.write_bytes(b"a colleague's document")
    refused = cli("render", str(response), "--out", str(theirs))
    assert refused.code == 2 and "policydesk did not write it" in refused.err and "--force" in refused.err
    assert theirs.read_bytes() == b"a colleague's document"
    assert cli("render", str(response), "--out", str(theirs), "--force").code == 0
    assert rendered(theirs)


def test_its_own_document_is_replaced(cli, response: Path) -> None:
    assert cli("render", str(response)).code == 0
    again = cli("render", str(response), "--clean")
    assert again.code == 0, again.err


def test_read_only_documents_are_respected(cli, response: Path) -> None:
    assert cli("render", str(response)).code == 0
    target = response.with_suffix(".docx")
    target.chmod(0o444)
    before = target.read_bytes()
    result = cli("render", str(response))
    assert (result.code, "is read-only, so it is not replaced" in result.err) == (2, True)
    assert target.read_bytes() == before


@pytest.mark.parametrize("special", ["/dev/null.docx", "folder.docx"])
def test_devices_and_folders_are_never_replaced(cli, workspace: Path, response: Path, special: str) -> None:
    if special == "folder.docx":
        (workspace / special).mkdir()
        target = str(workspace / special)
    else:
        target = "/dev/null"
    result = cli("render", str(response), "--out", target)
    assert result.code == 2
    assert Path("/dev/null").is_char_device()
    if special == "folder.docx":
        assert "is a folder, not a file" in result.err


# 13. Writes that fail are messages ----------------------------------------------------------------------------


def test_a_missing_output_folder_is_created(cli, workspace: Path, response: Path) -> None:
    assert cli("render", str(response), "--out", str(workspace / "new" / "deep" / "r.docx")).code == 0
    assert rendered(workspace / "new" / "deep" / "r.docx")


def test_a_file_in_the_way_of_the_folder(cli, workspace: Path, response: Path) -> None:
    (workspace / "blocker").write_text("x")
    result = cli("render", str(response), "--out", str(workspace / "blocker" / "r.docx"))
    assert (result.code, "is a file, not a folder" in result.err) == (2, True)


def test_a_name_that_is_too_long(cli, workspace: Path, response: Path) -> None:
    result = cli("render", str(response), "--out", str(workspace / ("x" * 300 + ".docx")))
    assert result.code == 2
    assert "the name is too long" in result.err


def test_a_file_size_limit_is_reported_and_leaves_nothing(workspace: Path, response: Path) -> None:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    result = subprocess.run(
        [sys.executable, "-m", "policydesk", "render", str(response)],
        cwd=workspace,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "could not be written (File too large)" in result.stderr
    assert "Traceback" not in result.stderr
    assert not response.with_suffix(".docx").exists()
    assert not [p for p in response.parent.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("where", ["/proc/policydesk.docx", "/proc/self/r.docx"])
def test_unwritable_places(cli, response: Path, where: str) -> None:
    result = cli("render", str(response), "--out", where)
    assert result.code == 2 and "Traceback" not in result.err


def test_new_into_a_file_or_a_missing_folder(cli, workspace: Path) -> None:
    (workspace / "afile").write_text("x")
    onto_file = cli("new", "x", "--title", "T", "--department", "D", "--dir", str(workspace / "afile"))
    assert (onto_file.code, "is a file, not a folder" in onto_file.err) == (2, True)
    missing = cli("new", "x", "--title", "T", "--department", "D", "--dir", str(workspace / "a" / "b"))
    assert missing.code == 0 and (workspace / "a" / "b" / "x.yaml").is_file()


# 14. and 15. ASCII-only output, and faults of our own --------------------------------------------------------------


def test_an_ascii_locale_gets_output_not_a_traceback(tmp_path: Path) -> None:
    env = {"PYTHONIOENCODING": "ascii"}
    shown = run_process("--kb", str(REPO / "positions"), "show", "csc-ov-funding-gap", cwd=tmp_path, env=env)
    assert shown.returncode == 0, shown.stderr
    listed = run_process("--kb", str(REPO / "positions"), "list", "--json", cwd=tmp_path, env=env)
    assert listed.returncode == 0, listed.stderr
    assert any("£" in p["title"] for p in json.loads(listed.stdout))


def test_a_fault_in_policydesk_exits_70_with_a_report(tmp_path: Path) -> None:
    script = (
        "import policydesk.cli as c, policydesk.store.knowledge_base as kb; kb.load_knowledge_base = None; "
        "raise SystemExit(c.run(['list']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "POLICYDESK_CACHE": str(tmp_path / "cache")},
        timeout=120,
    )
    assert result.returncode == 70
    assert "a fault in policydesk itself, not in your files" in result.stderr
    assert "Traceback" not in result.stderr
    reports = list((tmp_path / "cache" / "fault-reports").glob("fault-*.txt"))
    assert len(reports) == 1 and "Traceback" in reports[0].read_text()


# 20. Smaller holes ------------------------------------------------------------------------------------------------


def test_a_closed_pipe_keeps_the_exit_status(workspace: Path) -> None:
    for n in range(3000):
        (workspace / "positions" / f"broken-{n}.yaml").write_text("id: [\n")
    piped = subprocess.run(
        f"{sys.executable} -m policydesk check --json | head -c 10 > /dev/null; echo ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        cwd=workspace,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.stdout.strip() == "2"
    assert "Traceback" not in piped.stderr and "Exception ignored" not in piped.stderr


def test_search_limit_must_be_positive(workspace: Path) -> None:
    result = run_process("search", "kinship", "--limit", "-5", cwd=workspace)
    assert result.returncode == 2 and "is not a whole number of 1 or more" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "why"),
    [
        ("--title", "A\x01title", "--title contains U+0001, a control character"),
        ("--title", "  ", "--title is empty"),
        ("--link", "www.gov.uk/consultation", "is not a web address"),
        ("--contact-email", "alex at lga", "is not an email address"),
    ],
)
def test_new_writes_only_files_check_accepts(cli, workspace: Path, option: str, value: str, why: str) -> None:
    args = {"--title": "Kinship care", "--department": "Department for Education", option: value}
    result = cli("new", "kinship", *[x for pair in args.items() for x in pair])
    assert result.code == 2 and why in result.err
    assert not (workspace / "responses" / "kinship.yaml").exists()


@pytest.mark.parametrize("name", ["con", "nul", "com1"])
def test_new_refuses_windows_device_names(cli, name: str) -> None:
    result = cli("new", name, "--title", "T", "--department", "D")
    assert result.code == 2 and "is a name Windows reserves for a device" in result.err
