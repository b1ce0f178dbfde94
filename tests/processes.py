"""Child processes for tests: every read is bounded, and every child is ended (killed if need be, and
waited for) when the test ends, passed, failed or interrupted. Start them through the ``spawn`` fixture
(tests/conftest.py), or use a ``Child`` as a context manager."""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

READ_SECONDS = 30.0  # generous: a child's start-up on a loaded machine; a hang still ends
# Run argv[1:] with SIGINT at its default action. A shell that starts a command in the background (&,
# nohup, many CI runners) starts it with SIGINT ignored, and every child inherits that: Python then never
# raises KeyboardInterrupt, and a "ctrl+c" sent to the child does nothing at all.
SIGINT_AS_IN_A_TERMINAL = (
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])"
)


class Child:
    """A child process with its stdout read line by line by a thread (``line(timeout)`` never blocks
    longer than asked) and its stderr collected by another. ``end()`` ends it whatever state it is in."""

    def __init__(
        self,
        args: Sequence[str | os.PathLike[str]],
        *,
        env: dict[str, str] | None = None,
        stdin: bool = False,
        ctrl_c: bool = False,
    ):
        """``ctrl_c``: the test sends SIGINT, so the child gets it as when started from a terminal."""
        self.args = [str(arg) for arg in args]
        self.name = " ".join([Path(self.args[0]).name, *self.args[1:]])[:80]  # for messages
        self.process = subprocess.Popen(
            [sys.executable, "-c", SIGINT_AS_IN_A_TERMINAL, *self.args] if ctrl_c else self.args,
            env=env,
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        self.lines: queue.Queue[str | None] = queue.Queue()  # None: stdout closed
        self.err: list[str] = []
        self.readers = [
            threading.Thread(target=self._read_stdout, daemon=True, name=f"stdout of {self.pid}"),
            threading.Thread(target=self._read_stderr, daemon=True, name=f"stderr of {self.pid}"),
        ]
        for reader in self.readers:
            reader.start()

    @property
    def pid(self) -> int:
        return self.process.pid

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.err.append(line)

    @property
    def stderr(self) -> str:
        return "".join(self.err)

    def line(self, timeout: float = READ_SECONDS) -> str:
        """The next line on stdout (without its newline), waiting at most ``timeout`` seconds."""
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"{self.name}: no line within {timeout} s; stderr: {self.stderr}") from None
        if line is None:
            self.lines.put(None)  # closed stays closed
            raise AssertionError(f"{self.name} closed stdout (exit {self.process.poll()}); stderr: {self.stderr}")
        return line.rstrip("\n")

    def rest(self) -> list[str]:
        """The lines on stdout not read yet, once it has closed (after ``wait``)."""
        lines: list[str] = []
        while (line := self.lines.get(timeout=READ_SECONDS)) is not None:
            lines.append(line.rstrip("\n"))
        self.lines.put(None)
        return lines

    def send(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text)
        self.process.stdin.flush()

    def send_signal(self, number: int) -> None:
        if self.process.poll() is None:
            self.process.send_signal(number)

    def wait(self, timeout: float = READ_SECONDS) -> int:
        """Its exit code, waiting at most ``timeout`` seconds (then it is killed and the test fails);
        its output has been read to the end when this returns."""
        try:
            code = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.end()
            raise AssertionError(f"{self.name} did not exit within {timeout} s; stderr: {self.stderr}") from None
        for reader in self.readers:
            reader.join(timeout=timeout)
        return code

    def end(self) -> None:
        """Make sure it is gone (``end_process``); close the pipes."""
        end_process(self.process)
        for reader in self.readers:
            reader.join(timeout=5)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):  # a broken pipe to a child already gone
                    stream.close()

    def __enter__(self) -> Child:
        return self

    def __exit__(self, *exc: object) -> None:
        self.end()


def end_process(process: subprocess.Popen[Any]) -> None:
    """A child that may still run: SIGTERM, SIGKILL after 5 s, and always waited for."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def kill_and_reap(pid: int) -> None:
    """End a child started without ``Child`` (e.g. by ``pty.fork``) and collect its exit status."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def children_of(pid: int) -> list[tuple[int, str, str]]:
    """(pid, state, command line) of every process whose parent is ``pid``, zombies included (read from
    /proc; a zombie is a child nobody waited for)."""
    found: list[tuple[int, str, str]] = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            cmdline = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:  # gone meanwhile
            continue
        # pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ")"
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid:
            found.append((int(entry), state, cmdline.replace(b"\0", b" ").decode(errors="replace").strip()))
    return found
