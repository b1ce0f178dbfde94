"""The IMAP source against a real Dovecot on loopback (tests/servers/dovecot.py): reads by another IMAP
client are email checks, arrivals are mail received, what changed while away is caught up once; the
same with CONDSTORE taken away (as on Microsoft 365); logins by password and by OAuth2 token; every
failure one line, and never the secret. The decisions themselves are tested without a server in test_imap_mailbox.py."""

from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from focus.core import config
from focus.core.clock import Clock
from focus.core.source_config import ImapAccount
from focus.sources import imap, status
from focus.sources.imap import ImapSource
from focus.sources.status import SourceBoard, read_board
from tests.servers.dovecot import NO_CONDSTORE, NO_IDLE, Dovecot, Unavailable
from tests.source_helpers import Lines, count_events, tracker_factory, wait_until

WAIT = 20.0  # seconds: a read reaches an IDLE session within a second; a reconnect within a few
users = itertools.count(1)


def start_server(capability: str = "") -> Dovecot:
    try:
        return Dovecot(capability)
    except Unavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def dovecot() -> Iterator[Dovecot]:
    server = start_server()
    yield server
    server.close()


@pytest.fixture(scope="module")
def dovecot_m365() -> Iterator[Dovecot]:
    """Dovecot with IDLE but without CONDSTORE and QRESYNC, as Microsoft 365 is."""
    server = start_server(NO_CONDSTORE)
    yield server
    server.close()


@pytest.fixture(params=["condstore", "no condstore"])
def server(request) -> Dovecot:
    return request.getfixturevalue("dovecot" if request.param == "condstore" else "dovecot_m365")


def new_user(server: Dovecot, tmp_path: Path, unread: int = 0, password: str = "") -> tuple[str, Path]:
    """A fresh user with ``unread`` messages; returns the name and a file holding the password."""
    user = f"seller{next(users)}-{os.getpid()}"
    password = password or f"pw-{user}-Hemligt"
    server.add_user(user, password)
    if unread:
        server.append(user, unread)
    secret_file = tmp_path / f"{user}.secret"
    secret_file.write_text(password + "\n")
    return user, secret_file


def account(server: Dovecot, user: str, secret_file: Path, **changes) -> ImapAccount:
    fields = {"name": user, "host": server.host, "port": server.port, "tls": "none", "user": user}
    return ImapAccount(**{**fields, "password_command": f"cat '{secret_file}'", **changes})


class Watching:
    """An ImapSource on a fresh database, its lines, its board and its fixed clock."""

    def __init__(self, tmp_path: Path, imap_account: ImapAccount, burst_seconds: int = 120):
        self.db = tmp_path / "focus.db"
        self.clock = Clock.fixed("Europe/Stockholm", "2026-11-27T10:00")
        self.lines, self.board = Lines(), SourceBoard(self.clock)
        self.account, self.burst_seconds = imap_account, burst_seconds
        self.source: ImapSource | None = None

    def start(self, state: str = status.WATCHING) -> Watching:
        make = tracker_factory(self.db, self.clock, "imap", config.defaults())
        self.source = ImapSource(self.account, self.burst_seconds, make, self.lines, self.board)
        self.source.start()
        if state:
            self.wait_for(state)
        return self

    def stop(self) -> None:
        if self.source is not None:
            self.source.stop()
            assert not any(watch.thread.is_alive() for watch in self.source.watches)
            self.source = None

    def state(self) -> dict:
        return next((entry for entry in self.board.snapshot() if entry["name"] == f"imap {self.account.name}"), {})

    def wait_for(self, state: str) -> None:
        wait_until(lambda: self.state().get("state") == state, WAIT, f"the source {state}: {self.state()}")

    def settled(self, read: list[int]) -> None:
        """Wait until the source has seen these messages read."""
        assert self.source is not None
        watch = self.source.watches[0]
        wait_until(lambda: watch.known is not None and not set(read) & watch.known.unseen, WAIT, f"{read} seen")

    def problem(self) -> str:
        """The next problem said (the lines before it are skipped)."""
        while not (line := self.lines.next(WAIT)).startswith("problem:"):
            pass
        return line

    def drain(self) -> list[str]:
        """Every line said and not read yet."""
        lines = []
        while not self.lines.queue.empty():
            lines.append(self.lines.next())
        return lines

    def checks(self) -> int:
        return count_events(self.db, "interruption")

    def received(self) -> int:
        return count_events(self.db, "mail.received")


@pytest.fixture
def watching(tmp_path) -> Iterator[list[Watching]]:
    started: list[Watching] = []
    yield started
    for each in started:
        each.stop()


def watch(watching: list[Watching], tmp_path: Path, imap_account: ImapAccount, **kwargs) -> Watching:
    each = Watching(tmp_path, imap_account, **kwargs)
    watching.append(each)
    return each


# -- against Dovecot, with and without CONDSTORE --------------------------------------------------


def test_one_read_is_one_check(server, tmp_path, watching):
    user, secret_file = new_user(server, tmp_path, unread=3)
    source = watch(watching, tmp_path, account(server, user, secret_file)).start()
    assert source.checks() == 0  # what was unread at the start is not a check
    read = server.read(user, 1)
    wait_until(lambda: source.checks() == 1, WAIT, "the check")
    source.settled(read)
    assert source.lines.next() == f"email check in INBOX on {user}"
    assert source.checks() == 1 and source.received() == 0
    assert source.state()["last_seen"] == f"email check in INBOX on {user}"
    with sqlite3.connect(source.db) as conn:
        (source_name, payload), *_ = conn.execute("SELECT source, payload FROM events").fetchall()
    conn.close()
    assert source_name == "imap" and json.loads(payload)["note"] == f"INBOX on {user}"
    with server.client(user) as other:  # EXAMINE only: the source marked nothing read
        other.select_folder("INBOX", readonly=True)
        assert len(other.search(["UNSEEN"])) == 2


def test_three_reads_within_the_burst_are_one_check_and_one_after_it_another(dovecot, tmp_path, watching):
    """(The burst rule is the shared one: CONDSTORE or not changes only how reads are found.)"""
    user, secret_file = new_user(dovecot, tmp_path, unread=5)
    source = watch(watching, tmp_path, account(dovecot, user, secret_file)).start()
    for _ in range(3):
        source.settled(dovecot.read(user, 1))
        source.clock.advance(20)
    assert source.checks() == 1
    source.clock.advance(300)  # beyond burst_seconds
    source.settled(dovecot.read(user, 1))
    assert source.checks() == 2


def test_a_new_message_is_mail_received_not_a_check(server, tmp_path, watching):
    user, secret_file = new_user(server, tmp_path)
    source = watch(watching, tmp_path, account(server, user, secret_file)).start()
    server.deliver(user, "Offert")
    wait_until(lambda: source.received() == 1, WAIT, "mail received")
    assert source.lines.next() == f"mail received in INBOX on {user}"
    assert source.checks() == 0
    source.settled(server.read(user, 1))  # then read: a check
    assert source.checks() == 1 and source.received() == 1


def test_reads_while_stopped_are_one_check_at_the_restart_and_a_second_restart_adds_nothing(server, tmp_path, watching):
    user, secret_file = new_user(server, tmp_path, unread=4)
    source = watch(watching, tmp_path, account(server, user, secret_file)).start()
    source.stop()
    server.read(user, 2)
    server.deliver(user, "Medan du var borta")
    source.clock.advance(600)
    source.start()
    assert source.checks() == 1 and source.received() == 1  # caught up before it says it watches
    assert {source.lines.next(), source.lines.next(), source.lines.next()} == {
        f"caught up: 2 messages read in INBOX on {user} meanwhile",
        f"mail received in INBOX on {user}",
        f"email check in INBOX on {user}",
    }
    source.stop()
    source.clock.advance(600)
    source.start()
    assert source.checks() == 1 and source.received() == 1


def test_a_message_deleted_unread_is_not_a_check(server, tmp_path, watching):
    user, secret_file = new_user(server, tmp_path, unread=2)
    source = watch(watching, tmp_path, account(server, user, secret_file)).start()
    source.stop()
    with server.client(user) as other:
        other.select_folder("INBOX")
        first = min(other.search(["UNSEEN"]))
        other.delete_messages([first])
        other.expunge()
    source.start()
    source.settled([first])
    assert source.checks() == 0


# -- only with Dovecot as it is -----------------------------------------------------------------------


def test_the_server_renumbering_a_mailbox_starts_over_without_counting_it_read(dovecot, tmp_path, watching):
    user, secret_file = new_user(dovecot, tmp_path)
    with dovecot.client(user) as other:
        other.create_folder("Kunder")
    source = watch(watching, tmp_path, account(dovecot, user, secret_file, mailboxes=("Kunder",))).start()
    source.stop()
    with dovecot.client(user) as other:  # deleted and made again: a new UIDVALIDITY, every message read
        other.delete_folder("Kunder")
        other.create_folder("Kunder")
    dovecot.append(user, 3, mailbox="Kunder")
    with dovecot.client(user) as other:
        other.select_folder("Kunder")
        other.add_flags(other.search(["ALL"]), [b"\\Seen"])
    source.start()
    assert source.lines.next() == f"imap {user}: the server renumbered Kunder: starting over"
    assert source.checks() == 0 and source.received() == 0


def test_an_unknown_mailbox_is_one_line(dovecot, tmp_path, watching):
    user, secret_file = new_user(dovecot, tmp_path)
    source = watch(watching, tmp_path, account(dovecot, user, secret_file, mailboxes=("Inkorg",))).start(status.FAILED)
    line = f"problem: imap {user}: cannot open mailbox 'Inkorg' (Mailbox doesn't exist: Inkorg); the server has INBOX"
    assert source.lines.next() == line
    assert source.state()["detail"] == line.removeprefix(f"problem: imap {user}: ")


def test_each_mailbox_is_watched_and_a_trouble_of_the_account_said_once(dovecot, tmp_path, watching):
    user, secret_file = new_user(dovecot, tmp_path, unread=1)
    with dovecot.client(user) as other:
        other.create_folder("Kunder")
    two = account(dovecot, user, secret_file, mailboxes=("INBOX", "Kunder", "Saknas"))
    source = watch(watching, tmp_path, two)
    source.start(state="")  # no single board entry: each mailbox has its own

    def states() -> dict[str, str]:
        return {entry["name"]: entry["state"] for entry in source.board.snapshot()}

    names = {f"imap {user} {mailbox}": mailbox for mailbox in two.mailboxes}
    wanted = {f"imap {user} INBOX": "watching", f"imap {user} Kunder": "watching", f"imap {user} Saknas": "failed"}
    wait_until(lambda: states() == wanted, WAIT, f"{wanted}: {states()}")
    assert len(names) == 3 and source.problem().startswith(f"problem: imap {user}: cannot open mailbox 'Saknas'")
    source.settled(dovecot.read(user, 1))
    assert source.checks() == 1
    source.stop()
    source.drain()
    secret_file.write_text("wrong\n")
    source.start(state="")

    def refused() -> bool:
        return all("refused the password" in entry["detail"] for entry in source.board.snapshot())

    wait_until(refused, WAIT, f"every mailbox refused: {source.board.snapshot()}")
    assert source.drain() == [
        f"problem: imap {user}: the server refused the password: [AUTHENTICATIONFAILED] Authentication failed."
    ]


def test_idle_is_issued_again_before_the_server_ends_it(dovecot, tmp_path, watching, monkeypatch):
    monkeypatch.setattr(imap, "IDLE_RENEW_SECONDS", 0.2)
    user, secret_file = new_user(dovecot, tmp_path, unread=1)
    source = watch(watching, tmp_path, account(dovecot, user, secret_file)).start()
    wait_until(lambda: "IDLE" in dovecot.log_file.read_text(), WAIT, "IDLE in the log")
    source.settled(dovecot.read(user, 1))
    assert source.checks() == 1


def test_without_idle_it_polls_every_poll_seconds(tmp_path, watching):
    server = start_server(NO_IDLE)
    try:
        user, secret_file = new_user(server, tmp_path, unread=2)
        source = watch(watching, tmp_path, account(server, user, secret_file, poll_seconds=1)).start()
        assert source.state()["detail"] == "polling every 1 s (no IDLE)"
        source.settled(server.read(user, 2))
        assert source.checks() == 1
        source.stop()
    finally:
        server.close()


def test_a_password_with_letters_beyond_ascii_logs_in(dovecot, tmp_path, watching):
    """LOGIN takes ASCII only: such a password goes by AUTHENTICATE PLAIN, in UTF-8."""
    user, secret_file = new_user(dovecot, tmp_path, unread=1, password="Sommar-Åre-2026")
    source = watch(watching, tmp_path, account(dovecot, user, secret_file)).start()
    source.settled(dovecot.read(user, 1))
    assert source.checks() == 1


@pytest.mark.parametrize("auth", ["xoauth2", "oauthbearer"])
def test_a_token_from_the_token_command_logs_in_and_a_revoked_one_is_one_line(dovecot, tmp_path, watching, auth):
    user, _ = new_user(dovecot, tmp_path, unread=1)
    token = f"ya29.token-{auth}-{user}"
    dovecot.tokens.issue(user, token)
    token_file = tmp_path / "token"
    token_file.write_text(f"{token}\nsecond line, ignored\n")
    settings = {"auth": auth, "password_command": "", "token_command": f"cat '{token_file}'"}
    source = watch(watching, tmp_path, account(dovecot, user, token_file, **settings)).start()
    source.settled(dovecot.read(user, 1))
    assert source.checks() == 1
    source.stop()
    dovecot.tokens.revoke(token)
    source.start(status.FAILED)
    problem = f"problem: imap {user}: the server refused the token (expired or revoked?): "
    assert source.problem() == problem + "[AUTHENTICATIONFAILED] Authentication failed."
    source.stop()
    everything = (
        source.db.read_bytes() + "\n".join(source.lines.seen).encode() + json.dumps(source.board.snapshot()).encode()
    )
    assert token.encode() not in everything


def test_a_certificate_not_trusted_is_one_line_and_ca_file_trusts_it(dovecot, tmp_path, watching):
    user, secret_file = new_user(dovecot, tmp_path, unread=2)
    implicit = account(dovecot, user, secret_file, tls="implicit", port=dovecot.tls_port)
    refused = watch(watching, tmp_path, implicit).start(status.FAILED)
    assert refused.lines.next() == (
        f"problem: imap {user}: the certificate of 127.0.0.1 is not trusted (self-signed certificate): "
        "give its CA as ca_file"
    )
    refused.stop()
    trusted = watch(watching, tmp_path / "trusted", implicit._replace(ca_file=str(dovecot.cert_file))).start()
    trusted.settled(dovecot.read(user, 1))
    starttls = account(dovecot, user, secret_file, tls="starttls", ca_file=str(dovecot.cert_file))
    watch(watching, tmp_path / "starttls", starttls).start()
    unverified = watch(watching, tmp_path / "unverified", implicit._replace(verify_certificates=False)).start()
    unverified.settled(dovecot.read(user, 1))
    assert trusted.checks() == 1 and unverified.checks() == 1


def test_a_wrong_port_for_tls_is_one_line(dovecot, tmp_path, watching):
    user, secret_file = new_user(dovecot, tmp_path)
    source = watch(watching, tmp_path, account(dovecot, user, secret_file, tls="implicit")).start(status.FAILED)
    assert source.lines.next() == (
        f"problem: imap {user}: TLS with 127.0.0.1:{dovecot.port} failed (WRONG_VERSION_NUMBER): "
        'is tls = "implicit" right for this port?'
    )


# -- focus watch: restarts of the watch and of the server, a wrong password -----------------------------


def focus_home(tmp_path: Path, server: Dovecot, user: str, command: str, burst_seconds: int = 1) -> dict[str, str]:
    (tmp_path / "config.toml").write_text(
        f'[sources]\nburst_seconds = {burst_seconds}\n\n[[sources.imap]]\nname = "{user}"\n'
        f'host = "{server.host}"\nport = {server.port}\ntls = "none"\nuser = "{user}"\n'
        f"password_command = {json.dumps(command)}\n"
    )
    return {**os.environ, "FOCUS_HOME": str(tmp_path)}


def board_state(home: Path, name: str) -> str:
    entries = read_board(home / "sources.json") or []
    return next((entry["state"] for entry in entries if entry["name"] == name), "")


def until_line(child, wanted: str) -> list[str]:
    """Lines of ``child`` up to one ending with ``wanted`` (each read bounded)."""
    lines = [child.line(timeout=WAIT)]
    while not lines[-1].endswith(wanted):
        lines.append(child.line(timeout=WAIT))
    return lines


FOCUS = Path(sys.executable).parent / "focus"


def test_focus_watch_catches_up_once_after_a_restart_and_reconnects_when_the_server_restarts(dovecot, tmp_path, spawn):
    """(The catch-up without CONDSTORE is tested in-process above; what the watch adds is the same.)"""
    server = dovecot
    user, secret_file = new_user(server, tmp_path, unread=5)
    env = focus_home(tmp_path, server, user, f"cat '{secret_file}'")
    db, name = tmp_path / "focus.db", f"imap {user}"

    first = spawn([FOCUS, "watch"], env=env)
    assert first.line().endswith(f", IMAP {user} (INBOX) (ctrl+c stops)")
    wait_until(lambda: board_state(tmp_path, name) == "watching", WAIT, "watching")
    first.send_signal(signal.SIGTERM)
    assert first.wait() == 0, first.stderr

    server.read(user, 2)
    second = spawn([FOCUS, "watch"], env=env)
    assert until_line(second, f"email check in INBOX on {user}")[-2].endswith(
        f"caught up: 2 messages read in INBOX on {user} meanwhile"
    )
    wait_until(lambda: board_state(tmp_path, name) == "watching", WAIT, "watching")
    assert count_events(db, "interruption") == 1

    server.restart()
    until_line(second, f"resolved: imap {user}: connected again")
    assert f"problem: imap {user}: " in second.stderr
    server.read(user, 1)
    until_line(second, f"email check in INBOX on {user}")  # burst_seconds = 1: a new check
    second.send_signal(signal.SIGTERM)
    assert second.wait() == 0, second.stderr
    assert count_events(db, "interruption") == 2

    third = spawn([FOCUS, "watch"], env=env)
    third.line()
    wait_until(lambda: board_state(tmp_path, name) == "watching", WAIT, "watching")
    third.send_signal(signal.SIGTERM)
    assert third.wait() == 0, third.stderr
    assert count_events(db, "interruption") == 2
    assert third.rest() == []


def test_focus_watch_with_a_wrong_password_says_one_line_keeps_the_inbox_and_never_the_password(
    dovecot, tmp_path, spawn
):
    user, secret_file = new_user(dovecot, tmp_path, unread=1)
    wrong = "Fel-Lösen-91827"
    env = focus_home(tmp_path, dovecot, user, f"echo {wrong}")
    child = spawn([FOCUS, "watch"], env=env)
    said = [child.line()]
    wait_until(lambda: board_state(tmp_path, f"imap {user}") == "failed", WAIT, "failed")
    (tmp_path / "inbox" / ".call.tmp").write_text(json.dumps({"type": "outcome", "kind": "call"}))
    (tmp_path / "inbox" / ".call.tmp").rename(tmp_path / "inbox" / "call.json")
    said += until_line(child, "inbox call.json: call outcome")  # the other sources keep running
    problems = [line for line in child.stderr.splitlines() if "problem:" in line]
    assert len(problems) == 1 and problems[0].endswith(
        f"problem: imap {user}: the server refused the password: [AUTHENTICATIONFAILED] Authentication failed."
    )
    board = (tmp_path / "sources.json").read_text()

    # the password command fixed in the config: the account is watched at once
    env = focus_home(tmp_path, dovecot, user, f"cat '{secret_file}'")
    said += until_line(child, "config reloaded")
    said += until_line(child, f"resolved: imap {user}: connected")  # the problem's last word
    wait_until(lambda: board_state(tmp_path, f"imap {user}") == "watching", WAIT, "watching")
    dovecot.read(user, 1)
    said += until_line(child, f"email check in INBOX on {user}")
    child.send_signal(signal.SIGTERM)
    assert child.wait() == 0
    said += child.rest()
    everything = [child.stderr, *said, board, (tmp_path / "focus.db").read_bytes().decode(errors="replace")]
    assert not [text for text in everything if wrong in text or dovecot.passwords[user] in text]
