"""Helpers for the UI tests: wait for background workers and for the knowledge base to load."""

from __future__ import annotations

from policydesk.ui.app import PolicyDeskApp

SIZE = (100, 32)


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
