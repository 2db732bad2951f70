"""What held up under attack, kept so: bounded aliases, no constructed tags, big and many files, encodings,
bad invocations, interrupted and concurrent renders."""

from __future__ import annotations

import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import docx
import pytest
from reliability.helpers import loops

from conftest import DATA
from policydesk.cli import run
from policydesk.store.knowledge_base import load_knowledge_base

POSITION = (DATA / "kb-small" / "children" / "kinship-carer-support.yaml").read_text()


def test_an_alias_bomb_is_bounded_and_located(kb_dir: Path) -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)]
    (kb_dir / "bomb.yaml").write_text("\n".join(lines) + "\n")
    start = time.perf_counter()
    found = [str(p) for p in load_knowledge_base(kb_dir).problems]
    assert time.perf_counter() - start < 5
    assert found and all(p.startswith("positions/bomb.yaml:") for p in found)


def test_yaml_tags_are_never_constructed(kb_dir: Path, tmp_path: Path) -> None:
    marker = tmp_path / "constructed"
    (kb_dir / "tag.yaml").write_text(f'id: !!python/object/apply:os.system ["touch {marker}"]\n')
    found = [str(p) for p in load_knowledge_base(kb_dir).problems]
    assert not marker.exists()
    assert found == [
        "positions/tag.yaml:1:5: the explicit tag 'tag:yaml.org,2002:python/object/apply:os.system' is not used in "
        "policydesk files; remove the '!' tag and write the value as plain text"
    ]


def test_a_50_mb_file_is_checked_quickly(kb_dir: Path) -> None:
    padding = "# " + "x" * 50_000_000 + "\n"
    (kb_dir / "huge.yaml").write_text(POSITION.replace("kinship-carer-support", "huge") + padding)
    start = time.perf_counter()
    kb = load_knowledge_base(kb_dir)
    assert time.perf_counter() - start < 30
    assert kb.problems == [] and "huge" in kb.library


def test_many_files_with_two_broken_report_both(kb_dir: Path) -> None:
    for n in range(2000):
        (kb_dir / f"p{n}.yaml").write_text(POSITION.replace("kinship-carer-support", f"p{n}"))
    (kb_dir / "p7.yaml").write_text("id: [\n")
    (kb_dir / "p1999.yaml").write_text("id: p1999\n")
    kb = load_knowledge_base(kb_dir)
    assert sorted({p.file for p in kb.errors}) == ["positions/p1999.yaml", "positions/p7.yaml"]
    assert len(kb.library) == 2001


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (POSITION.encode("utf-16"), "positions/x.yaml:1:1: the file is not UTF-8 (byte 0xff)"),
        (b"id: x\ntitle: caf\xe9\n", "positions/x.yaml:2:11: the file is not UTF-8 (byte 0xe9)"),
    ],
)
def test_encodings_are_located(kb_dir: Path, content: bytes, expected: str) -> None:
    (kb_dir / "x.yaml").write_bytes(content)
    assert str(load_knowledge_base(kb_dir).problems[0]).startswith(expected)


def test_bom_and_crlf_are_read(kb_dir: Path) -> None:
    crlf = POSITION.replace("\n", "\r\n").encode()
    (kb_dir / "children" / "kinship-carer-support.yaml").write_bytes(b"\xef\xbb\xbf" + crlf)
    assert load_knowledge_base(kb_dir).problems == []


BAD_INVOCATIONS = [
    ["--nope"],
    ["search"],
    ["show"],
    ["show", "no-such-id"],
    ["show", "kinship-carer-support", "--version", "x"],
    ["diff", "kinship-carer-support"],
    ["history", "nope"],
    ["list", "--tier", "Z"],
    ["search", "x", "--stance", "q"],
    ["render"],
    ["render", "missing.yaml"],
    ["drift", "missing.yaml"],
    ["adopt", "missing.yaml"],
    ["new", "Bad Name", "--title", "t", "--department", "d"],
    ["new", "x"],
    ["check", "missing.yaml"],
    ["--kb", "/nonexistent", "check"],
    ["search", "x", "--since", "2023-13-01"],
    ["import", "missing.docx"],
]


@pytest.mark.parametrize("argv", BAD_INVOCATIONS, ids=" ".join)
def test_bad_invocations_exit_2_without_a_traceback(kb_dir: Path, argv: list[str], capsys) -> None:
    assert run(argv) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_piping_to_head_never_tracebacks(kb_dir: Path) -> None:
    piped = subprocess.run(
        f"{sys.executable} -m policydesk --kb {DATA.parent.parent / 'positions'} list | head -1",
        shell=True,
        cwd=kb_dir.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert piped.stdout.count("\n") == 1 and piped.stderr == ""


def _opens(path: Path) -> bool:
    try:
        docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError):
        return False
    return True


def test_kill_during_render_never_leaves_a_broken_document(workspace: Path) -> None:
    response = shutil.copy(DATA / "responses" / "sample.yaml", workspace / "responses" / "sample.yaml")
    target = Path(response).with_suffix(".docx")
    rng = random.Random(3)
    for _ in range(loops(4, 300)):
        process = subprocess.Popen([sys.executable, "-m", "policydesk", "render", str(response)], cwd=workspace)
        time.sleep(rng.uniform(0.2, 1.0))
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert not target.exists() or _opens(target)


def test_concurrent_renders_to_one_path_always_leave_a_valid_document(workspace: Path) -> None:
    response = shutil.copy(DATA / "responses" / "sample.yaml", workspace / "responses" / "sample.yaml")
    for _ in range(loops(1, 10)):
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "policydesk", "render", str(response)],
                cwd=workspace,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for _ in range(6)
        ]
        assert all(run.wait() == 0 for run in runs)
        assert _opens(Path(response).with_suffix(".docx"))
