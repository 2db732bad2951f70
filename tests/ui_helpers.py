"""UI fixtures: the app on a small knowledge base in a temporary folder, and helpers to wait for workers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import DATA
from policydesk.ui.app import PolicyDeskApp, make_app

SIZE = (100, 32)


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(DATA / "kb-small", tmp_path / "positions")
    (tmp_path / "responses").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def app(workspace: Path) -> PolicyDeskApp:
    return make_app(workspace / "positions", workspace / "responses")


BACKGROUND = ("load", "search", "render")


async def settle(pilot, app: PolicyDeskApp) -> None:
    """Let background workers finish and the screen catch up (dialog workers wait for us, so not those)."""
    for _ in range(3):
        await pilot.pause()
        busy = [w for w in app.workers if w.group in BACKGROUND]
        if busy:
            await app.workers.wait_for_complete(busy)
    await pilot.pause()


async def loaded(pilot, app: PolicyDeskApp) -> None:
    while app.library is None or not app.get_screen("library").shown:
        await pilot.pause(0.02)
    await settle(pilot, app)
