"""A real notification daemon for tests: a private D-Bus session bus (``dbus-daemon --session``, what
``dbus-run-session`` starts), an X server (Xvfb) and dunst on them, each a Child the test ends; dunst
prints every notification it receives (``-print``), read here as (app, summary, body)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.processes import Child
from tests.source_helpers import wait_until

PROGRAMS = ("dbus-daemon", "dbus-send", "Xvfb", "dunst")


def missing() -> list[str]:
    return [program for program in PROGRAMS if shutil.which(program) is None]


class Daemon:
    """The environment a notifying process needs (``env``), and what dunst received."""

    def __init__(self, env: dict[str, str], dunst: Child):
        self.env, self.dunst = env, dunst

    def next(self, timeout: float = 10.0) -> tuple[str, str, str]:
        """The next notification dunst received: (appname, summary, body)."""
        fields: dict[str, str] = {}
        while True:
            line = self.dunst.line(timeout).strip()
            if line == "}" and fields:
                return fields.get("appname", ""), fields.get("summary", ""), fields.get("body", "")
            name, colon, value = line.partition(": ")
            if colon and name in ("appname", "summary", "body"):
                fields[name] = value.removeprefix("'").removesuffix("'")


@contextlib.contextmanager
def notification_daemon(spawn: Callable[..., Child], folder: Path) -> Iterator[Daemon]:
    """dunst on its own bus and display, ready for notifications; skips the test where a program is missing."""
    if missing():
        pytest.skip(f"no notification daemon to test against: {', '.join(missing())} not installed")
    bus = spawn(["dbus-daemon", "--session", "--nofork", "--print-address=1"])
    address = bus.line()
    display = spawn(["Xvfb", "-displayfd", "1", "-nolisten", "tcp", "-screen", "0", "640x480x24"])
    number = display.line()
    config = folder / "dunstrc"
    config.write_text('[global]\n    markup = full\n    format = "%s|%b"\n')
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address, "DISPLAY": f":{number}"}
    env.pop("WAYLAND_DISPLAY", None)
    dunst = spawn(["dunst", "-config", str(config), "-print"], env=env)
    # Asked before dunst has the name, the bus would start another dunst of its own (D-Bus activation):
    # wait until the name has an owner instead (bounded).
    wait_until(lambda: _has_owner(env) or dunst.process.poll() is not None, what="dunst on the bus")
    assert dunst.process.poll() is None, f"dunst did not start: {dunst.stderr}"
    yield Daemon(env, dunst)


def _has_owner(env: dict[str, str]) -> bool:
    asked = subprocess.run(
        [
            "dbus-send",
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus.NameHasOwner",
            "string:org.freedesktop.Notifications",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
    )
    return "boolean true" in asked.stdout
