"""SVG snapshots of the three main screens at a fixed size on fixed data."""

from __future__ import annotations

import shutil
from pathlib import Path

from ui_helpers import loaded, settle

from conftest import DATA
from policydesk.ui.app import make_app

SIZE = (100, 30)


def app_on(workspace: Path, open_sample: bool = False):
    sample = None
    if open_sample:
        sample = Path(shutil.copy(DATA / "responses" / "sample.yaml", workspace / "responses"))
    return make_app(workspace / "positions", workspace / "responses", sample)


def test_library_snapshot(snap_compare, workspace: Path) -> None:
    async def ready(pilot) -> None:
        await loaded(pilot, pilot.app)
        await pilot.press(*"kinship")
        await settle(pilot, pilot.app)

    assert snap_compare(app_on(workspace), run_before=ready, terminal_size=SIZE)


def test_history_snapshot(snap_compare, workspace: Path) -> None:
    async def ready(pilot) -> None:
        await loaded(pilot, pilot.app)
        await pilot.press(*"deficit", "enter")
        await settle(pilot, pilot.app)

    assert snap_compare(app_on(workspace), run_before=ready, terminal_size=SIZE)


def test_composer_snapshot(snap_compare, workspace: Path) -> None:
    async def ready(pilot) -> None:
        await loaded(pilot, pilot.app)
        await settle(pilot, pilot.app)
        for _ in range(8):
            await pilot.press("down")
        await settle(pilot, pilot.app)
        pilot.app.clear_notifications()
        await settle(pilot, pilot.app)

    assert snap_compare(app_on(workspace, open_sample=True), run_before=ready, terminal_size=SIZE)
