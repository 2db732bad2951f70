"""Shared fixtures: a small knowledge base in a temporary folder, and CLI runners."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policydesk.cli import main
from policydesk.cli.output import Output

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
IN_CI = os.environ.get("CI", "").lower() == "true"


def need(available: bool, what: str) -> None:
    """Skip a test when `what` is missing on a developer machine; fail in CI, where it must exist."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is missing, and CI=true requires it")
    pytest.skip(f"{what} is not available here")


@pytest.fixture(autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never read the developer's configuration or knowledge base."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.delenv("POLICYDESK_KB", raising=False)


@pytest.fixture
def kb_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/data/kb-small at tmp_path/positions, with tmp_path as the working folder."""
    target = tmp_path / "positions"
    shutil.copytree(DATA / "kb-small", target)
    monkeypatch.chdir(tmp_path)
    return target


class Run:
    """The outcome of one in-process CLI run."""

    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run `policydesk ARGS` in-process with plain (pipe) output."""

    def run(*args: str) -> Run:
        import io

        stream = io.StringIO()
        code = main(list(args), out=Output(stream, styled=False))
        captured = capsys.readouterr()
        return Run(code, stream.getvalue() + captured.out, captured.err)

    return run


def run_process(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real `policydesk` entry point in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "policydesk", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A knowledge base and an empty responses folder in a temporary working folder."""
    shutil.copytree(DATA / "kb-small", tmp_path / "positions")
    (tmp_path / "responses").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def app(workspace: Path):
    """The terminal UI on the workspace (imported here so headless tests never need it)."""
    from policydesk.ui.app import make_app

    return make_app(workspace / "positions", workspace / "responses")
