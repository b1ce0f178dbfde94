"""`focus sources`: each configured source and its state, from the board of the process that runs them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from focus.store.paths import Paths
from tests.source_helpers import wait_until

FOCUS = Path(sys.executable).parent / "focus"


def sources(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(FOCUS), "sources", *args], env=env, capture_output=True, text=True, timeout=30)


def test_sources_say_not_running_then_watching_then_the_last_activity(tmp_path, spawn):
    paths = Paths(tmp_path / "config.toml", tmp_path)
    inbox = tmp_path / "Mail" / "INBOX"
    for sub in ("cur", "new", "tmp"):
        (inbox / sub).mkdir(parents=True)
    (inbox / "new" / "1.M1.host").write_text("Subject: hi\n\n")
    paths.config_file.write_text(f'[sources.maildir]\npaths = ["{inbox}"]\n')
    env = {**os.environ, "FOCUS_HOME": str(tmp_path)}

    idle = sources(env)
    assert idle.returncode == 0, idle.stderr
    assert idle.stdout.splitlines()[0].startswith("the sources are not running")
    assert "maildir  not running" in idle.stdout

    child = spawn([FOCUS, "watch"], env=env)
    assert child.line().startswith("watching the inbox")
    shown = json.loads(sources(env, "--format", "json").stdout)
    assert shown["running_in"].startswith(f"pid {child.pid} (focus watch)")
    assert {row["name"]: row["state"] for row in shown["sources"]} == {"inbox": "watching", "maildir": "watching"}

    os.rename(inbox / "new" / "1.M1.host", inbox / "cur" / "1.M1.host:2,S")
    assert child.line().endswith("email check in INBOX")
    wait_until(lambda: "last: email check in INBOX at" in sources(env).stdout, what="the board's last activity")

    child.send_signal(signal.SIGTERM)
    assert child.wait() == 0, child.stderr
    assert not (tmp_path / "sources.json").exists()
    assert sources(env).stdout.startswith("the sources are not running")


def test_the_screens_line_names_what_watches_and_says_what_does_not():
    from focus.sources.status import one_line

    watching = [{"name": "inbox", "state": "watching", "detail": ""}, {"name": "maildir", "state": "watching"}]
    assert one_line(watching) == "watching inbox, maildir"
    trouble = {"name": "imap anna@x.se", "state": "reconnecting", "detail": "next try at 10:42:30: connection refused"}
    assert one_line([*watching, {"name": "calendar", "state": "watching"}, trouble]) == (
        "3 sources watching · imap anna@x.se reconnecting: next try at 10:42:30: connection refused"
    )


def test_each_network_source_keeps_the_board_line_focus_sources_looks_for(tmp_path):
    from focus.core import config
    from focus.sources import activitywatch
    from focus.sources.status import configured

    account = {"host": "127.0.0.1", "user": "anna", "password_command": "echo x", "mailboxes": ["INBOX", "Kunder"]}
    cfg = config.parse({"sources": {"activitywatch": {}, "imap": [account]}}, None)
    names = [name for name, _ in configured(cfg, tmp_path)]
    assert activitywatch.NAME in names
    assert names[1:3] == ["imap anna@127.0.0.1 INBOX", "imap anna@127.0.0.1 Kunder"]


def test_a_retry_on_the_board_says_when_not_a_countdown_that_goes_stale():
    from focus.core.clock import Clock
    from focus.sources.status import SourceBoard

    board = SourceBoard(Clock.fixed("Europe/Stockholm", "2026-11-24T10:42"))
    board.retrying("imap work", 30, "127.0.0.1:143 refused the connection")
    [entry] = board.snapshot()
    assert (entry["state"], entry["detail"]) == (
        "reconnecting",
        "next try at 10:42:30: 127.0.0.1:143 refused the connection",
    )
