"""adopt under stress: all or nothing, resumable, safe with concurrent writers, and true to each file's form."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from reliability.helpers import EDITS, loops, signed_off_response

from policydesk.adopt import adopt
from policydesk.model.problems import InputError
from policydesk.store.atomic import ChangedOnDisk
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.response_file import read_response

FILES = {
    "kinship-carer-support": "children/kinship-carer-support.yaml",
    "high-needs-deficits": "children/high-needs-deficits.yaml",
    "agency-social-workers": "agency-social-workers.yaml",
}


def start(*args: str, cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "policydesk", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def snapshot(kb_dir: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(kb_dir.rglob("*"), key=str) if p.is_file()}


def dates(kb_dir: Path, pid: str) -> list[date]:
    return [v.date for v in load_knowledge_base(kb_dir).library.get(pid).versions]


# 3. All or nothing, and resumable ----------------------------------------------------------------------------------


def test_a_refused_second_target_writes_nothing(kb_dir: Path, tmp_path: Path) -> None:
    response = signed_off_response(tmp_path / "responses")
    library = load_knowledge_base(kb_dir).library
    second = kb_dir / FILES["high-needs-deficits"]
    second.write_text(second.read_text() + "# edited by someone else after loading\n")
    before = snapshot(kb_dir) | {response: response.read_bytes()}
    with pytest.raises(ChangedOnDisk, match="changed on disk since the knowledge base was loaded"):
        adopt(read_response(response), library, kb_dir)
    assert snapshot(kb_dir) | {response: response.read_bytes()} == before


def test_a_read_only_target_writes_nothing(kb_dir: Path, tmp_path: Path) -> None:
    response = signed_off_response(tmp_path / "responses")
    library = load_knowledge_base(kb_dir).library
    (kb_dir / FILES["agency-social-workers"]).chmod(0o444)
    before = snapshot(kb_dir)
    with pytest.raises(InputError, match="is read-only, so it is not replaced"):
        adopt(read_response(response), library, kb_dir)
    assert snapshot(kb_dir) == before


def test_a_linked_position_file_is_not_replaced(kb_dir: Path, tmp_path: Path) -> None:
    real = kb_dir / "real-kinship.yaml.keep"
    (kb_dir / FILES["kinship-carer-support"]).rename(real)
    (kb_dir / FILES["kinship-carer-support"]).symlink_to(real)
    response = signed_off_response(tmp_path / "responses", only=("kinship-carer-support",))
    with pytest.raises(InputError, match="is a symbolic link, which policydesk will not replace"):
        adopt(read_response(response), load_knowledge_base(kb_dir).library, kb_dir)
    assert (kb_dir / FILES["kinship-carer-support"]).is_symlink()


def test_running_adopt_again_is_a_no_op(kb_dir: Path, tmp_path: Path, cli) -> None:
    response = signed_off_response(tmp_path / "responses")
    first = cli("adopt", str(response))
    assert first.code == 0, first.err
    assert first.out.count("added version 2024-02-01") == 3
    before = snapshot(kb_dir) | {response: response.read_bytes()}
    again = cli("adopt", str(response))
    nothing = "Nothing to adopt: every quoted paragraph is the agreed wording."
    assert (again.code, again.out.splitlines()[0]) == (0, nothing)
    assert snapshot(kb_dir) | {response: response.read_bytes()} == before
    assert cli("check", str(response)).err == ""


def test_an_interrupted_adopt_is_completed_by_running_it_again(kb_dir: Path, tmp_path: Path, cli) -> None:
    """As if killed after the first rename: one position holds the new version, the response is unchanged."""
    response = signed_off_response(tmp_path / "responses")
    partial = signed_off_response(tmp_path / "part", only=("kinship-carer-support",))
    assert cli("adopt", str(partial)).code == 0
    link = next(
        v
        for v in load_knowledge_base(kb_dir).library.get("kinship-carer-support").versions
        if v.date == date(2024, 2, 1)
    ).source.link
    path = kb_dir / FILES["kinship-carer-support"]
    path.write_text(path.read_text().replace(link, "responses/three.yaml"))
    result = cli("adopt", str(response))
    assert result.code == 0, result.err
    assert "kinship-carer-support already holds this response's wording" in result.out
    assert result.out.count("added version 2024-02-01") == 2
    for pid in EDITS:
        assert dates(kb_dir, pid)[-1] == date(2024, 2, 1)
    assert cli("check").code == 0


def test_kill_during_adopt_never_leaves_a_broken_file_and_a_rerun_completes(kb_dir: Path, tmp_path: Path) -> None:
    rng = random.Random(9)
    pristine = snapshot(kb_dir)
    outcomes = {"complete": 0, "nothing": 0, "partial": 0}
    for _ in range(loops(4, 300)):
        for path, data in pristine.items():
            path.write_bytes(data)
        response = signed_off_response(tmp_path / "responses")
        process = start("adopt", str(response), cwd=tmp_path)
        time.sleep(rng.uniform(0.15, 0.9))
        process.send_signal(signal.SIGKILL)
        process.communicate()
        check = subprocess.run([sys.executable, "-m", "policydesk", "check"], cwd=tmp_path, capture_output=True)
        assert check.returncode == 0, check.stderr
        written = sum(dates(kb_dir, pid)[-1] == date(2024, 2, 1) for pid in EDITS)
        outcomes["complete" if written == 3 else "nothing" if written == 0 else "partial"] += 1
        rerun = subprocess.run(
            [sys.executable, "-m", "policydesk", "adopt", str(response)], cwd=tmp_path, capture_output=True, text=True
        )
        assert rerun.returncode == 0, rerun.stderr
        assert all(dates(kb_dir, pid)[-1] == date(2024, 2, 1) for pid in EDITS)
        assert not [p for p in kb_dir.rglob(".*.tmp")]
    print(f"kill -9 outcomes before the re-run: {outcomes}")


# 2. Concurrent writers ---------------------------------------------------------------------------------------------


def test_concurrent_adopts_never_lose_a_version(kb_dir: Path, tmp_path: Path) -> None:
    pristine = snapshot(kb_dir)
    for round_ in range(loops(3, 140)):
        for path, data in pristine.items():
            path.write_bytes(data)
        first = signed_off_response(tmp_path / "a", "first", "2024-02-01", only=("kinship-carer-support",))
        second = signed_off_response(tmp_path / "b", "second", "2024-03-01", only=("kinship-carer-support",))
        order = (first, second) if round_ % 2 else (second, first)
        runs = [start("adopt", str(r), cwd=tmp_path) for r in order]
        results = [run.communicate() + (run.returncode,) for run in runs]
        claimed = sum(out.count("added version") for out, _, _ in results)
        held = dates(kb_dir, "kinship-carer-support")
        assert len(held) == 1 + claimed, results
        assert held == sorted(held)
        assert all(code in (0, 2) for _, _, code in results), results
        check = subprocess.run([sys.executable, "-m", "policydesk", "check"], cwd=tmp_path, capture_output=True)
        assert check.returncode == 0, check.stderr


# 20. The file's own conventions ------------------------------------------------------------------------------------


def test_adopt_keeps_crlf_and_byte_order_mark(kb_dir: Path, tmp_path: Path, cli) -> None:
    path = kb_dir / FILES["kinship-carer-support"]
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    response = signed_off_response(tmp_path / "responses", only=("kinship-carer-support",))
    assert cli("adopt", str(response)).code == 0
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == data.count(b"\n") > 10


def test_stale_temporary_files_are_cleaned_on_the_next_write(kb_dir: Path, tmp_path: Path, cli) -> None:
    path = kb_dir / FILES["kinship-carer-support"]
    leftover = path.with_name(f".{path.name}.abc123.tmp")
    leftover.write_text("half a file")
    response = signed_off_response(tmp_path / "responses", only=("kinship-carer-support",))
    assert cli("adopt", str(response)).code == 0
    assert not leftover.exists()
