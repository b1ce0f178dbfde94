"""`focus watch` in Swedish: the line it starts with, what it says when it notices a message read or
received, what it caught up on after a pause, a rejected inbox file; `focus sources` and the screen's
sources line while it runs; and its reminders as Swedish desktop notifications (a real daemon)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

from focus import i18n
from focus.sources.status import one_line
from focus.store.paths import Paths
from tests.notification_daemon import notification_daemon
from tests.source_helpers import wait_until
from tests.test_notify import ZONE, prepare_day

FOCUS = str(Path(sys.executable).parent / "focus")
MESSAGE = "17645{n:02d}.M1P2.host,U={n}"


def maildir(root: Path, messages: int) -> Path:
    for sub in ("cur", "new", "tmp"):
        (root / sub).mkdir(parents=True)
    for n in range(messages):
        (root / "new" / MESSAGE.format(n=n)).write_text(f"Subject: {n}\n\nhej\n")
    return root


def read(inbox: Path, n: int) -> None:
    """What mutt does on reading message n: new/X → cur/X:2,S."""
    os.rename(inbox / "new" / MESSAGE.format(n=n), inbox / "cur" / f"{MESSAGE.format(n=n)}:2,S")


def swedish_env(home: Path) -> dict[str, str]:
    return {**os.environ, "FOCUS_HOME": str(home), "TZ": ZONE}


def test_focus_watch_says_what_it_notices_in_swedish(tmp_path, spawn):
    inbox = maildir(tmp_path / "Mail" / "INBOX", 3)
    (tmp_path / "config.toml").write_text(f'language = "sv"\n[sources.maildir]\npaths = ["{inbox}"]\n')
    watch = spawn([FOCUS, "watch"], env=swedish_env(tmp_path))
    assert watch.line() == f"bevakar inbox-mappen {tmp_path / 'inbox'}, mejl {inbox} (ctrl+c stoppar)"
    read(inbox, 0)
    assert re.fullmatch(r"\d\d:\d\d:\d\d mejlkoll i INBOX", watch.line())
    (inbox / "new" / MESSAGE.format(n=7)).write_text("Subject: ny\n\nhej\n")
    assert re.fullmatch(r"\d\d:\d\d:\d\d mejl mottaget i INBOX", watch.line())
    sources = subprocess.run(
        [FOCUS, "sources"], env=swedish_env(tmp_path), capture_output=True, text=True, timeout=30
    ).stdout.splitlines()
    assert sources[0] == f"källorna körs i pid {watch.pid} (focus watch)"
    assert re.fullmatch(
        rf"maildir  bevakar · senast: mejl mottaget i INBOX kl\. \d\d\.\d\d  \({re.escape(str(inbox))}\)", sources[2]
    )
    (tmp_path / "inbox" / "affar.json").write_text('{"type": "outcome", "kind": "deal"}')
    assert re.fullmatch(r"\d\d:\d\d:\d\d inbox affar\.json: resultat affär", watch.line())
    (tmp_path / "inbox" / "trasig.json").write_text("{")
    wait_until(lambda: "avvisad" in watch.stderr, what="the rejected file's line")
    watch.send_signal(signal.SIGTERM)
    assert watch.wait() == 0
    problems = watch.stderr.splitlines()
    assert len(problems) == 1 and re.fullmatch(
        r"\d\d:\d\d:\d\d problem: inbox trasig\.json avvisad: trasig JSON \(.+", problems[0]
    )
    reason = (tmp_path / "inbox" / "rejected" / "trasig.json.error.txt").read_text(encoding="utf-8")
    assert reason.startswith("trasig JSON (")

    read(inbox, 1)  # while nobody watches: caught up at the next start
    again = spawn([FOCUS, "watch"], env=swedish_env(tmp_path))
    assert again.line().startswith("bevakar inbox-mappen ")
    assert {again.line()[9:], again.line()[9:]} == {
        "mejlkoll i INBOX",
        "ikapp: 1 meddelande lästes i INBOX under tiden",
    }
    again.send_signal(signal.SIGTERM)
    assert (again.wait(), again.stderr) == (0, "")


def test_a_source_that_keeps_failing_is_one_swedish_problem_line_and_a_swedish_state(tmp_path, spawn):
    (tmp_path / "config.toml").write_text(
        'language = "sv"\n[sources.activitywatch]\nurl = "http://127.0.0.1:9"\npoll_seconds = 1\n'
    )
    watch = spawn([FOCUS, "watch"], env=swedish_env(tmp_path))
    assert watch.line().endswith(", ActivityWatch http://127.0.0.1:9 (ctrl+c stoppar)")
    said = "problem: ActivityWatch körs inte på http://127.0.0.1:9 (anslutningen vägrades); försöker igen, minst var "
    wait_until(lambda: said in watch.stderr, what="the problem line")

    def board() -> str:
        return subprocess.run(
            [FOCUS, "sources"], env=swedish_env(tmp_path), capture_output=True, text=True, timeout=30
        ).stdout

    wait_until(lambda: "återansluter" in board(), what="the reconnecting state")
    assert re.search(
        r"^activitywatch  återansluter: nästa försök kl\. \d\d\.\d\d\.\d\d: ActivityWatch körs inte på "
        r"http://127\.0\.0\.1:9  \(http://127\.0\.0\.1:9\)$",
        board(),
        re.MULTILINE,
    )
    watch.send_signal(signal.SIGTERM)
    assert watch.wait() == 0
    assert len(watch.stderr.splitlines()) == 1  # said once while the trouble lasts


def test_the_sources_line_of_the_workday_screen_in_swedish():
    entries = [
        {"name": "inbox", "state": "watching"},
        {"name": "maildir", "state": "watching"},
        {"name": "calendar", "state": "watching"},
        {
            "name": "imap anna@x.se",
            "state": "reconnecting",
            "detail": "nästa försök kl. 10:42:30: värden x hittades inte",
        },
        {"name": "activitywatch", "state": "failed", "detail": "ActivityWatch körs inte på http://localhost:5600"},
    ]
    english = one_line(entries)
    assert english.startswith("3 sources watching · imap anna@x.se reconnecting: ")
    i18n.use("sv")
    assert one_line(entries) == (
        "3 källor bevakar · imap anna@x.se återansluter: nästa försök kl. 10:42:30: värden x hittades inte · "
        "activitywatch misslyckades: ActivityWatch körs inte på http://localhost:5600"
    )
    assert one_line(entries[:2]) == "bevakar inbox, maildir"


def test_reminders_are_swedish_lines_and_swedish_desktop_notifications(tmp_path, spawn):
    paths = Paths(tmp_path / "config.toml", tmp_path)
    prepare_day(paths)
    paths.config_file.write_text('language = "sv"\n' + paths.config_file.read_text())
    with notification_daemon(spawn, tmp_path) as daemon:
        env = {**daemon.env, "FOCUS_HOME": str(tmp_path)}
        args = [sys.executable, "-m", "tests.focus_at", "--without", "desktop_notifier", ZONE, "2026-11-24T16:59:58"]
        watch = spawn([*args, "watch"], env=env)
        assert watch.line().startswith("bevakar inbox-mappen")
        assert watch.line() == "17:00:00 påminnelse: Blocket slutar: 13.00–17.00 kundbesök Acme <b>AB</b> & co"
        assert watch.line() == (
            "17:00:00 påminnelse: Genomgång: 1 kundbesök att gå igenom: vem träffade du, beslutsfattare, budget, "
            "nästa steg, nästa möte bokat?"
        )
        assert daemon.next() == ("focus", "Blocket slutar", "13.00–17.00 kundbesök Acme ‹b›AB‹/b› ＆ co")
        assert daemon.next()[1] == "Genomgång"
        watch.send_signal(signal.SIGTERM)
        assert (watch.wait(), watch.stderr) == (0, "")
