"""The shipped command: ``focus`` with no arguments opens the workday screen in a real (pseudo-)terminal,
offers the day template on an empty day, plans it on ``y``, and quits with exit 0 on ``q``."""

from __future__ import annotations

import fcntl
import os
import re
import select
import sqlite3
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.processes import end_process

FOCUS = Path(sys.executable).parent / "focus"
COLUMNS, LINES = 100, 32
SCREEN_SECONDS = 10.0  # first frame budget is 1 s; generous for a loaded machine, still bounded
# CSI (colours, cursor moves, modes), OSC (titles), and two-byte escapes such as ESC = / ESC >
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x1b.")


class Terminal:
    """The master side of a pseudo-terminal of COLUMNS × LINES: everything the app drew, as plain text."""

    def __init__(self, master: int):
        self.master = master
        self.raw = b""
        self.closed = False

    @property
    def text(self) -> str:
        return ANSI.sub("", self.raw.decode("utf-8", "replace"))

    def read(self, timeout: float) -> None:
        """Whatever arrives within ``timeout`` seconds (at most one chunk)."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return
        try:
            chunk = os.read(self.master, 65536)
        except OSError:  # EIO: the other side is closed, the program has gone
            chunk = b""
        if not chunk:
            self.closed = True
        self.raw += chunk

    def wait_for(self, pattern: str, since: int = 0, timeout: float = SCREEN_SECONDS) -> None:
        """Read until the screen drawn after byte ``since`` shows ``pattern`` (a regular expression)."""
        deadline = time.monotonic() + timeout
        while not re.search(pattern, ANSI.sub("", self.raw[since:].decode("utf-8", "replace"))):
            left = deadline - time.monotonic()
            assert left > 0 and not self.closed, (
                f"{pattern!r} not on the screen within {timeout} s; it showed: {self.text[-3000:]!r}"
            )
            self.read(min(left, 0.1))

    def press(self, keys: bytes) -> None:
        os.write(self.master, keys)


@pytest.mark.skipif(not FOCUS.exists(), reason="the focus console script is not installed next to python")
def test_focus_opens_the_workday_screen_plans_the_template_and_quits_with_0(tmp_path):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {
        key: value for key, value in os.environ.items() if not key.startswith(("TEXTUAL", "NO_COLOR", "FORCE_COLOR"))
    }
    env.update(FOCUS_HOME=str(tmp_path), TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
    process = subprocess.Popen(
        [str(FOCUS)], stdin=slave, stdout=slave, stderr=slave, env=env, cwd=tmp_path, start_new_session=True
    )
    os.close(slave)  # the child has it; end of output shows once the child has gone
    terminal = Terminal(master)
    try:
        terminal.wait_for(r"Plan your day template")
        assert "Plan" in terminal.text  # the panel's title, under the question
        drawn = len(terminal.raw)
        terminal.press(b"y")
        terminal.wait_for(r"08:30.08:45", since=drawn)  # the template's first block in the plan
        terminal.press(b"q")
        deadline = time.monotonic() + SCREEN_SECONDS
        while process.poll() is None and time.monotonic() < deadline:
            terminal.read(0.1)  # keep the terminal drained while it restores the screen and exits
        assert process.poll() == 0, f"focus exited {process.poll()}; the screen: {terminal.text[-2000:]!r}"
    finally:
        end_process(process)
        os.close(master)
    assert "Traceback" not in terminal.text
    with sqlite3.connect(tmp_path / "focus.db") as conn:
        blocks = conn.execute("SELECT count(*) FROM events WHERE type = 'block'").fetchone()[0]
    conn.close()
    assert blocks == 10
