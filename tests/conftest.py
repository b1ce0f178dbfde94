"""Shared fixtures: a fresh FOCUS home in tmp_path, a fixed clock, a CLI runner bound to both; child
processes that are always ended (``spawn``), and a check that no test left one behind."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from focus import i18n
from focus.cli import Services, cli
from focus.core.clock import Clock
from focus.store.paths import Paths
from tests.processes import Child, children_of, kill_and_reap

ZONE = "Europe/Stockholm"

# The suite speaks English whatever the developer's environment (LANG=sv_SE.UTF-8 would make it Swedish):
# LANGUAGE comes first in gettext's order, and it leaves the locale's encoding alone. A test of another
# language says so in its config or in its child's environment.
os.environ["LANGUAGE"] = "en"


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    """A command run in-process in another language leaves the next test in English, and the next
    test's ``--help`` option worded afresh: click makes it once per command, in the language of the
    first command line it parses (a process speaks one language; a test worker runs many)."""
    yield
    i18n.use("en")
    forget_help_options(cli)


def forget_help_options(command: click.Command) -> None:
    command._help_option = None  # click's cache of the --help option, worded when made
    for sub in getattr(command, "commands", {}).values():
        forget_help_options(sub)


@pytest.fixture
def spawn() -> Iterator[Callable[..., Child]]:
    """``spawn(args, env=..., stdin=...)`` starts a Child; each one is ended (SIGTERM, SIGKILL, waited
    for) when the test ends, however it ends."""
    started: list[Child] = []

    def start(args: Sequence[str | os.PathLike[str]], **kwargs: Any) -> Child:
        child = Child(args, **kwargs)
        started.append(child)
        return child

    yield start
    for child in started:
        child.end()


@pytest.fixture(scope="session", autouse=True)
def no_child_left_behind() -> Iterator[None]:
    """At the end of the session (of each xdist worker), no process this one started is still there:
    a test that leaves one fails loudly here, and the leftovers are killed."""
    yield
    left = children_of(os.getpid())
    for pid, _state, _command in left:
        kill_and_reap(pid)
    assert not left, "child processes left running by the tests of this worker (now killed): " + "; ".join(
        f"pid {pid} [{state}] {command}" for pid, state, command in left
    )


@pytest.fixture
def home(tmp_path: Path) -> Paths:
    return Paths(tmp_path / "config.toml", tmp_path)


class Focus:
    """Runs ``focus`` commands in-process against one home, with the clock set per call."""

    def __init__(self, paths: Paths, now: str, zone: str = ZONE):
        self.paths, self.now, self.zone = paths, now, zone
        self.runner = CliRunner()

    def __call__(self, *args: str, now: str | None = None, ok: bool = True):
        clock = Clock.fixed(self.zone, now or self.now)
        result = self.runner.invoke(cli, list(args), obj=Services(self.paths, clock))
        if ok:
            assert result.exit_code == 0, (
                f"focus {' '.join(args)} → {result.exit_code}: {result.stderr}{result.exception!r}"
            )
        return result

    def json(self, *args: str, now: str | None = None) -> dict:
        return json.loads(self(*args, "--format", "json", now=now).stdout)

    def event_count(self) -> int:
        if not self.paths.db_file.exists():
            return 0
        with sqlite3.connect(self.paths.db_file) as conn:
            return conn.execute("SELECT count(*) FROM events").fetchone()[0]


@pytest.fixture
def focus(home: Paths) -> Focus:
    """``focus(...)`` on a fresh home; the clock reads 2026-11-24 18:00 in Stockholm unless told."""
    return Focus(home, "2026-11-24T18:00")
