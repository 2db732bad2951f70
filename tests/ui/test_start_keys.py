"""Keys typed while the UI starts reach it: the real command on a real pseudo-terminal, no Pilot."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

ALT_SCREEN = b"\x1b[?1049h"
CTRL_Q = b"\x11"


def _read_ready(fd: int, into: bytearray) -> None:
    while select.select([fd], [], [], 0)[0]:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the program has gone and closed its side
            return
        if not chunk:
            return
        into.extend(chunk)


def test_ctrl_q_typed_before_the_ui_has_drawn_quits_it_and_the_terminal_is_as_it_was(kb_dir: Path) -> None:
    leader, follower = os.openpty()
    os.set_blocking(leader, False)
    before = termios.tcgetattr(follower)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    process = subprocess.Popen(
        [sys.executable, "-m", "policydesk", "--kb", str(kb_dir)],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        start_new_session=True,
    )
    seen = bytearray()
    try:
        deadline = time.monotonic() + 20
        while termios.tcgetattr(follower)[3] & termios.ECHO:  # wait until policydesk holds the keys
            assert process.poll() is None and time.monotonic() < deadline, "policydesk never took the terminal"
            time.sleep(0.002)
        _read_ready(leader, seen)
        assert ALT_SCREEN not in seen, "the UI had already started: this would not test the first moments"
        os.write(leader, b"xy" + CTRL_Q)
        while process.poll() is None and time.monotonic() < deadline:
            _read_ready(leader, seen)
            time.sleep(0.02)
        _read_ready(leader, seen)
        assert process.poll() == 0, "Ctrl+Q typed during start-up did not quit the UI"
        assert ALT_SCREEN in seen, "the UI never drew"
        assert b"xy" not in seen[: seen.index(ALT_SCREEN)], "the early letters were echoed behind the UI"
        assert termios.tcgetattr(follower) == before
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(leader)
        os.close(follower)


def test_outside_a_terminal_the_guard_changes_nothing(tmp_path: Path) -> None:
    from policydesk.cli.terminal import keys_kept_for_the_ui

    with open(tmp_path / "not-a-terminal", "w+") as stream, keys_kept_for_the_ui(stream):
        stream.write("still writable")
