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


async def type_text(pilot, text: str) -> None:
    """Press the keys that type `text`, one character at a time, as an officer would."""
    for char in text:
        await pilot.press("space" if char == " " else char)


def screen_text(app: PolicyDeskApp) -> str:
    """Everything the screen shows now, as plain text (what an officer can read)."""
    import io

    from rich.console import Console

    console = Console(width=app.size.width, file=io.StringIO(), record=True, legacy_windows=False)
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text()


def shown_in(widget) -> str:
    """The plain text a Static shows (a Text, or a Group of them)."""
    content = widget.content
    parts = getattr(content, "renderables", [content])
    return " ".join(str(getattr(part, "plain", part)) for part in parts)
