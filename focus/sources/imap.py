"""Email checks noticed on an IMAP server (``[[sources.imap]]``): the user reading a message in any
mail program — unread → ``\\Seen`` — is mailbox activity, fed into the shared burst rule; a new
message is mail received. Each mailbox is watched read-only (EXAMINE) on its own connection, with IDLE
where the server has it (re-issued every 25 minutes) and a NOOP every ``poll_seconds`` where not.

What was last seen of each mailbox (``focus.sources.imap_mailbox``) is saved with the events it led
to, so what changed while the source was away is caught up after a reconnect or a restart, once:
through CONDSTORE's HIGHESTMODSEQ where the server has it, by comparing the unread messages where not.
A network failure is retried with growing pauses; a refused login, a certificate that is not trusted
or an unknown mailbox is said once and tried again only every 15 minutes (or when the config changes)."""

from __future__ import annotations

import imaplib
import threading
import time
from collections.abc import Callable
from typing import Any

from imapclient import IMAPClient

from focus.core.errors import FocusError
from focus.core.source_config import ImapAccount
from focus.i18n import _
from focus.sources import status
from focus.sources.backoff import Retry
from focus.sources.email_activity import EmailActivity, caught_up_line
from focus.sources.imap_login import Trouble, close, connect, explain
from focus.sources.imap_mailbox import Change, Look, Mailbox, compare, from_text, to_text
from focus.sources.status import SourceBoard
from focus.tracking import Tracker

IDLE_RENEW_SECONDS = 25 * 60  # RFC 2177: a server may end an IDLE after 29 minutes
LASTING_RETRY_SECONDS = 15 * 60  # a refused password is tried this seldom: never hammer the server
RECONNECT_MOST_SECONDS = 300.0
JOIN_SECONDS = 5.0
SEEN = b"\\Seen"


class ImapSource:
    """One ``[[sources.imap]]`` account: a watching thread per mailbox."""

    def __init__(
        self,
        account: ImapAccount,
        burst_seconds: int,
        make_tracker: Callable[[], Tracker],
        announce: Callable[[str], object],
        board: SourceBoard,
    ):
        self.account, self.announce, self.board = account, announce, board
        self.email = EmailActivity(make_tracker, burst_seconds, announce, state_name=f"imap {account.name}")
        self.stopping = threading.Event()
        self.said: set[str] = set()  # the account's troubles said (by any of its mailboxes' watches)
        self.said_lock = threading.Lock()
        self.watches = [MailboxWatch(self, mailbox) for mailbox in account.mailboxes]

    def say(self, line: str) -> None:
        """Announce a problem or its end once for the account, however many of its mailboxes meet it."""
        with self.said_lock:
            if line in self.said:
                return
            kind = line.split(":", 1)[0]
            self.said = {said for said in self.said if said.split(":", 1)[0] == kind} | {line}
        self.announce(line)

    def schedule(self, observer: Any) -> None:
        """No files to watch."""

    def start(self) -> None:
        """Connect and catch up in the background: a slow server never holds up the other sources."""
        for watch in self.watches:
            watch.thread.start()

    def stop(self) -> None:
        """End every connection now (an IDLE wait included) and the threads, all within 5 s together. A
        thread still connecting (a server that never greets, a token helper that takes its time) is left
        to end by itself: it sees the stop as soon as its connect returns, and writes nothing after it."""
        self.stopping.set()
        for watch in self.watches:
            watch.interrupt()
        deadline = time.monotonic() + JOIN_SECONDS
        for watch in self.watches:
            if watch.thread.is_alive():
                watch.thread.join(max(0.0, deadline - time.monotonic()))


class MailboxWatch:
    """One mailbox of an account, on its own connection and thread."""

    def __init__(self, source: ImapSource, mailbox: str):
        account = source.account
        self.source, self.mailbox, self.account = source, mailbox, account
        self.name = status.imap_name(account, mailbox)
        self.where = f"{mailbox} on {account.name}"
        self.key = f"mailbox {mailbox}"
        self.said_as = f"imap {account.name}"  # the account, in what is said: the same for each mailbox
        self.retry = Retry(source.say, first=1.0, most=RECONNECT_MOST_SECONDS)
        self.client: IMAPClient | None = None
        self.in_trouble = source.board.state(self.name) in (status.FAILED, status.RECONNECTING)
        self.known: Mailbox | None = None
        self.uidvalidity = 0
        self.select_modseq: int | None = None  # HIGHESTMODSEQ as the mailbox was opened (CONDSTORE)
        self.thread = threading.Thread(target=self.run, name=f"focus-imap {self.name}", daemon=True)

    @property
    def stopping(self) -> bool:
        return self.source.stopping.is_set()

    def interrupt(self) -> None:
        client = self.client
        if client is not None:
            close(client)

    def run(self) -> None:
        try:
            while not self.stopping:
                try:
                    self.session()
                except Exception as exc:
                    if self.stopping:
                        break
                    self.trouble(exc if isinstance(exc, Trouble) else _trouble(exc, self.account))
                finally:
                    client, self.client = self.client, None
                    if client is not None:
                        close(client)
        finally:
            self.source.email.close()  # the runner clears the board

    def session(self) -> None:
        """Connect, open the mailbox read-only, catch up, then watch until something fails."""
        board = self.source.board
        board.set(self.name, status.CATCHING_UP, _("connecting to {host}").format(host=self.account.host))
        self.client = client = connect(self.account)
        if self.stopping:
            return
        self.select(client)
        self.known = from_text(self.source.email.saved().get(self.key))
        self.look(client, full=True)
        if self.in_trouble and not self.retry.said:  # a config reload made this watch: the old one had the trouble
            self.source.say("resolved: " + _("{said_as}: connected").format(said_as=self.said_as))
        self.in_trouble = False
        self.retry.succeeded(_("{said_as}: connected again").format(said_as=self.said_as))
        capabilities = client.capabilities()
        while not self.stopping:
            if b"IDLE" in capabilities:
                self.idle(client)
            else:
                board.set(
                    self.name,
                    status.WATCHING,
                    _("polling every {seconds} s (no IDLE)").format(seconds=self.account.poll_seconds),
                )
                if self.source.stopping.wait(self.account.poll_seconds):
                    return
                client.noop()
            if self.stopping:
                return
            self.look(client, full=False)

    def select(self, client: IMAPClient) -> None:
        """EXAMINE the mailbox (read-only: nothing is ever marked read by the source)."""
        try:
            info = client.select_folder(self.mailbox, readonly=True)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            raise Trouble(
                _("cannot open mailbox {mailbox} ({error}){others}").format(
                    mailbox=repr(self.mailbox), error=_text(exc), others=self._others(client)
                ),
                True,
            ) from None
        self.uidvalidity = int(info.get(b"UIDVALIDITY", 0))
        modseq = info.get(b"HIGHESTMODSEQ")
        self.select_modseq = int(modseq) if modseq is not None else None

    def _others(self, client: IMAPClient) -> str:
        try:
            names = [str(name) for _flags, _delimiter, name in client.list_folders()]
        except (imaplib.IMAP4.error, OSError):
            return ""
        shown = ", ".join(names[:8]) + (", …" if len(names) > 8 else "")
        return _("; the server has {names}").format(names=shown) if names else ""

    def idle(self, client: IMAPClient) -> None:
        """IDLE until the server tells of a change, or for 25 minutes; a BYE is a lost connection."""
        client.idle()
        self.source.board.set(self.name, status.WATCHING)
        deadline = time.monotonic() + IDLE_RENEW_SECONDS
        while not self.stopping:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            began = time.monotonic()
            responses = client.idle_check(timeout=left)
            if self.stopping:
                return
            for response in responses:
                if response[:1] == (b"BYE",):
                    said = b" ".join(part for part in response[1:] if isinstance(part, bytes)).decode(errors="replace")
                    raise Trouble(
                        _("the server closed the connection ({said})").format(said=said or "BYE"), lasting=False
                    )
            news = [response for response in responses if response[:1] != (b"OK",)]  # not "* OK Still here"
            if news or (not responses and time.monotonic() - began < left - 1):
                break  # a change, or the connection ended (an early return with nothing read)
        client.idle_done()

    def look(self, client: IMAPClient, full: bool) -> None:
        """Ask the server what changed since ``self.known`` and record it (``full``: every unread)."""
        known = self.known
        condstore = self.select_modseq is not None
        if known is None or known.uidvalidity != self.uidvalidity:
            unseen = frozenset(client.search(["UNSEEN"]))
            highest = client.search(["UID", "*"])
            look = Look(self.uidvalidity, {}, unseen, max(highest, default=0), self.select_modseq)
        else:
            unseen_now = frozenset(client.search(["UNSEEN"])) if full or not condstore else None
            if condstore and known.modseq is not None:
                changed = client.search(["MODSEQ", str(known.modseq + 1)])
                modseq: int | None = max(known.modseq, int(getattr(changed, "modseq", None) or 0))
                uids = set(changed)
            else:
                modseq = self.select_modseq
                after = known.last_uid + 1
                uids = {uid for uid in client.search(["UID", f"{after}:*"]) if uid >= after}
                uids |= known.unseen - (unseen_now or frozenset())
            fetched = client.fetch(sorted(uids), ["FLAGS"]) if uids else {}
            seen = {int(uid): SEEN in data.get(b"FLAGS", ()) for uid, data in fetched.items()}
            look = Look(self.uidvalidity, seen, unseen_now, 0, modseq)
        change = compare(known, look)
        if full and change.reads and not change.started_over:  # what was read while nobody watched
            n = len(change.reads)
            self.source.announce(caught_up_line(n, self.where))
        self.record(known, change)
        self.known = change.after

    def record(self, known: Mailbox | None, change: Change) -> None:
        """The reads as mailbox activity, the arrivals as mail received, the mailbox saved with them."""
        email, board = self.source.email, self.source.board
        after = {self.key: to_text(change.after)}
        if change.started_over:
            if known is not None:
                self.source.announce(
                    _("{said_as}: the server renumbered {mailbox}: starting over").format(
                        said_as=self.said_as, mailbox=self.mailbox
                    )
                )
            email.save(after)
            return
        if change.arrivals:
            first = {self.key: to_text(change.received)} if change.reads else after  # the reads are saved next
            email.received(self.where, len(change.arrivals), first)
            board.saw(self.name, _("mail received in {where}").format(where=self.where))
        if change.reads:
            if email.activity(self.where, after):
                board.saw(self.name, _("email check in {where}").format(where=self.where))
        elif not change.arrivals and change.after != known:
            email.save(after)

    def trouble(self, trouble: Trouble) -> None:
        """Say it once; wait (growing pauses for the network, 15 min for what needs the user)."""
        board, text = self.source.board, str(trouble)
        if trouble.lasting:  # said first, then shown: whoever sees the board's state has had the line
            self.retry.problem(f"{self.said_as}: {text}")
            pause = float(LASTING_RETRY_SECONDS)
            board.set(self.name, status.FAILED, text)
        else:
            self.retry.problem(
                _("{said_as}: {text}; reconnecting, at most every {most}").format(
                    said_as=self.said_as, text=text, most=self.retry.most_text
                )
            )
            pause = self.retry.next_pause()
            board.retrying(self.name, pause, text)
        self.source.stopping.wait(pause)


def _trouble(exc: Exception, account: ImapAccount) -> Trouble:
    if isinstance(exc, FocusError):
        return Trouble(str(exc), lasting=False)
    return explain(exc, account)


def _text(exc: BaseException) -> str:
    text = str(exc)
    return text.removeprefix("select failed: ").split(" (")[0]
