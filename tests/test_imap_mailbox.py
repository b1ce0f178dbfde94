"""The IMAP source's decisions without a server: what two looks at a mailbox mean (reads, arrivals,
starting over), how a mailbox is saved, and the secret from its command."""

from __future__ import annotations

import pytest

from focus.core.source_config import ImapAccount
from focus.sources.imap_login import Trouble, secret
from focus.sources.imap_mailbox import Look, Mailbox, compare, from_text, parse_uid_set, to_text, uid_set


def mailbox(unseen=(), last_uid=10, modseq=None) -> Mailbox:
    return Mailbox(7, last_uid, frozenset(unseen), modseq)


def test_the_first_look_and_a_new_uidvalidity_start_over_counting_nothing():
    first = compare(None, Look(7, {}, frozenset({3, 4}), 9, 100))
    assert first.started_over and first.reads == first.arrivals == ()
    assert first.after == Mailbox(7, 9, frozenset({3, 4}), 100)
    renumbered = compare(mailbox({1, 2}), Look(8, {}, frozenset(), 5, None))
    assert renumbered.started_over and renumbered.reads == () and renumbered.after.uidvalidity == 8


def test_unread_to_seen_is_a_read_and_a_seen_message_changing_is_not():
    change = compare(mailbox({3, 4}), Look(7, {3: True, 5: True, 4: False}, None, 0, 120))
    assert change.reads == (3,) and change.arrivals == ()
    assert change.after == Mailbox(7, 10, frozenset({4}), 120)


def test_arrivals_are_received_and_one_arriving_read_is_also_a_read():
    change = compare(mailbox({3}), Look(7, {11: False, 12: True}, None, 0, None))
    assert change.arrivals == (11, 12) and change.reads == (12,)
    assert change.after.unseen == {3, 11} and change.after.last_uid == 12
    # saved with the mail received: the arrivals taken in, the read still to come (so it is never lost)
    assert change.received == Mailbox(7, 12, frozenset({3, 11, 12}), None)
    again = compare(change.received, Look(7, {12: True}, None, 0, None))
    assert again.reads == (12,) and again.arrivals == ()


def test_a_full_look_drops_messages_deleted_unread_and_takes_in_ones_marked_unread():
    change = compare(mailbox({3, 4}), Look(7, {}, frozenset({4, 6}), 10, None))
    assert change.reads == () and change.after.unseen == {4, 6}


def test_the_mailbox_is_saved_compactly_and_damage_starts_over():
    box = Mailbox(7, 5000, frozenset(range(1, 4001)) | {4500}, 88)
    assert uid_set(box.unseen) == "1:4000,4500"
    assert from_text(to_text(box)) == box and parse_uid_set("") == frozenset()
    assert from_text(to_text(box._replace(modseq=None))) == box._replace(modseq=None)
    for damaged in (None, "", "{", '{"uidvalidity": 1}', '{"uidvalidity": 1, "last_uid": 2, "unseen": "3:1"}'):
        assert from_text(damaged) is None


def test_the_secret_is_the_first_line_and_a_failing_command_one_line_without_it(tmp_path):
    base = ImapAccount(name="a", host="h", port=993, tls="implicit", user="u")
    assert secret(base._replace(password_command="printf 'hemligt\\nmore\\n'")) == "hemligt"
    with pytest.raises(Trouble, match=r"^the password_command failed \(exit 3: no such entry\)$") as failed:
        secret(base._replace(password_command="echo no such entry >&2; exit 3"))
    assert failed.value.lasting
    with pytest.raises(Trouble, match=r"^the token_command printed nothing on its first line$"):
        secret(base._replace(auth="xoauth2", token_command="true"))
    with pytest.raises(Trouble) as leaked:
        secret(base._replace(password_command="echo hemligt; echo hemligt >&2; exit 1"))
    assert "hemligt" not in str(leaked.value) and str(leaked.value) == "the password_command failed (exit 1: [secret])"


def test_a_short_secret_is_taken_out_of_what_the_server_said_not_out_of_the_words_around_it():
    from imapclient.exceptions import LoginError

    from focus.sources.imap_login import explain

    account = ImapAccount(name="a", host="h", port=993, tls="implicit", user="u", auth="xoauth2", token_command="x")
    trouble = explain(LoginError("token tok refused"), account, "tok")
    assert str(trouble) == "the server refused the token (expired or revoked?): [secret]en [secret] refused"


def test_a_secret_at_the_cut_of_a_long_message_is_hidden_before_the_cut():
    from imapclient.exceptions import LoginError

    from focus.sources.imap_login import explain

    word = "Sup3rSecretPassw0rd-XYZ"
    base = ImapAccount(name="a", host="h", port=993, tls="implicit", user="u")
    with pytest.raises(Trouble) as failed:  # the command's complaint ends with the secret, past the cut
        secret(base._replace(password_command=f"echo {word}; echo '{'x' * 150} got {word}' >&2; exit 3"))
    said = explain(LoginError("[AUTHENTICATIONFAILED] " + "y" * 170 + " " + word), base, word)
    for text in (str(failed.value), str(said)):
        assert not any(word[:n] in text for n in range(4, len(word) + 1)), text


def test_stop_waits_for_all_mailboxes_together_when_a_server_never_greets(monkeypatch):
    import socket
    import time

    from focus.core.clock import Clock
    from focus.sources import imap
    from focus.sources.status import SourceBoard

    monkeypatch.setattr(imap, "JOIN_SECONDS", 0.5)
    with socket.socket() as silent:  # accepts the connection, never says a greeting
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port, boxes = silent.getsockname()[1], ("INBOX", "Sent", "Kunder")
        account = ImapAccount("a", "127.0.0.1", port, "none", "u", boxes, password_command="echo pw")
        source = imap.ImapSource(account, 120, lambda: None, lambda line: None, SourceBoard(Clock("UTC")))
        source.start()
        began = time.monotonic()
        source.stop()
        assert time.monotonic() - began < 1.2  # one deadline for the three, not 0.5 s each


def test_a_secret_command_that_takes_too_long_is_ended_with_what_it_started(monkeypatch):
    import os
    from pathlib import Path

    from focus.sources import imap_login
    from tests.source_helpers import wait_until

    def sleepers() -> list[str]:
        found = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and b"31.25" in (entry / "cmdline").read_bytes():
                    found.append(entry.name)
            except OSError:
                continue
        return found

    if os.name != "posix" or not Path("/proc").is_dir():
        pytest.skip("reads /proc")
    monkeypatch.setattr(imap_login, "SECRET_SECONDS", 0.5)
    base = ImapAccount(name="a", host="h", port=993, tls="implicit", user="u")
    with pytest.raises(Trouble, match=r"did not finish within 0\.5 s"):
        secret(base._replace(password_command="sleep 31.25; echo late"))
    wait_until(lambda: not sleepers(), timeout=5, what="the command's sleep to be ended")


def test_starttls_asked_of_a_server_that_does_not_offer_it_is_for_the_user_to_fix():
    import socket
    import threading

    from focus.sources.imap_login import connect

    with socket.socket() as listener:  # a greeting that offers no STARTTLS, as a server with ssl = no
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)

        def greet() -> None:
            conn, _ = listener.accept()
            with conn:
                conn.sendall(b"* OK ready\r\n")
                tag = conn.recv(1024).split(b" ", 1)[0]  # its CAPABILITY command
                conn.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
                conn.recv(1024)

        threading.Thread(target=greet, daemon=True).start()
        port = listener.getsockname()[1]
        account = ImapAccount("a", "127.0.0.1", port, "starttls", "u", password_command="echo pw")
        with pytest.raises(Trouble) as trouble:
            connect(account)
    assert str(trouble.value) == f'127.0.0.1:{port} does not offer STARTTLS: is tls = "starttls" right for it?'
    assert trouble.value.lasting
