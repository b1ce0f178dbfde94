"""What each running source is doing (``focus sources``, the screen's sources line): its state, a
detail, and the last activity it saw. The runner's board is written to ``sources.json`` in the data
folder on every change, so another process can show it; it goes when the sources stop."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from focus.core.clock import Clock, from_ms
from focus.core.config import Config
from focus.core.source_config import ImapAccount
from focus.core.timeparse import said_clock
from focus.i18n import _, ngettext, pgettext

WATCHING = "watching"
CATCHING_UP = "catching up"
RECONNECTING = "reconnecting"
FAILED = "failed"  # needs the user: a wrong password, an unknown mailbox, a bad certificate
STOPPED = "stopped"


def state_words(state: str) -> str:
    """A source's state as the language in use says it; the board and its JSON keep the English word."""
    words = {
        WATCHING: pgettext("source state", "watching"),
        CATCHING_UP: pgettext("source state", "catching up"),
        RECONNECTING: pgettext("source state", "reconnecting"),
        FAILED: pgettext("source state", "failed"),
        STOPPED: pgettext("source state", "stopped"),
        "starting": pgettext("source state", "starting"),
        "not running": pgettext("source state", "not running"),
    }
    return words.get(state, state)


class SourceBoard:
    """The states of one runner's sources; thread-safe. ``on_change`` is called after each change."""

    def __init__(self, clock: Clock, path: Path | None = None, on_change: Callable[[], object] | None = None):
        self.clock, self.path, self.on_change = clock, path, on_change
        self.lock = threading.Lock()
        self.sources: dict[str, dict[str, Any]] = {}

    def set(self, name: str, state: str, detail: str = "") -> None:
        """Source ``name`` (e.g. "imap anna@example.com") is now in ``state``; ``detail`` says more
        ("next try at 10:42:30: connection refused"). Never a secret in either."""
        with self.lock:
            entry = self.sources.setdefault(name, {"name": name, "last_activity": None, "last_seen": ""})
            if (entry.get("state"), entry.get("detail")) == (state, detail):
                return
            entry.update(state=state, detail=detail, since=self.clock.now_ms())
            self._write()

    def retrying(self, name: str, pause: float, detail: str) -> None:
        """Source ``name`` tries again in ``pause`` seconds: the board says when (a countdown written
        once would be stale by the time anyone reads it)."""
        again = from_ms(self.clock.now_ms() + int(pause * 1000), self.clock.tz)
        self.set(
            name,
            RECONNECTING,
            _("next try at {time}: {detail}").format(time=said_clock(f"{again:%H:%M:%S}"), detail=detail),
        )

    def saw(self, name: str, what: str) -> None:
        """Source ``name`` saw activity now (``what``: "email check in INBOX")."""
        with self.lock:
            entry = self.sources.setdefault(name, {"name": name, "state": WATCHING, "detail": "", "since": 0})
            entry.update(last_activity=self.clock.now_ms(), last_seen=what)
            self._write()

    def state(self, name: str) -> str | None:
        """The state source ``name`` is in, None when it has none yet."""
        with self.lock:
            entry = self.sources.get(name)
            return None if entry is None else entry.get("state")

    def snapshot(self) -> list[dict[str, Any]]:
        """Every source's entry, in the order they were first set."""
        with self.lock:
            return [dict(entry) for entry in self.sources.values()]

    def sources_now(self) -> list[dict[str, Any]]:
        """``snapshot`` for ``on_change``, which runs with the board's lock held."""
        return [dict(entry) for entry in self.sources.values()]

    def clear(self) -> None:
        """The sources stopped: the file goes."""
        with self.lock:
            self.sources.clear()
            if self.path is not None:
                with contextlib.suppress(OSError):
                    self.path.unlink(missing_ok=True)

    def _write(self) -> None:
        if self.path is not None:
            temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            try:
                fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "w", encoding="utf-8") as stream:
                    json.dump({"pid": os.getpid(), "sources": list(self.sources.values())}, stream)
                os.replace(temporary, self.path)
            except OSError:
                pass  # the board is a convenience: a full disk must not stop a source
        if self.on_change is not None:
            self.on_change()


def read_board(path: Path) -> list[dict[str, Any]] | None:
    """The sources another process's board shows, or None when it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [entry for entry in data["sources"] if isinstance(entry, dict)]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def configured(config: Config, inbox: Path) -> list[tuple[str, str]]:
    """Each source the config asks for, by its board name, with where it looks."""
    found = [("inbox", str(inbox))]
    if config.maildir_paths:
        found.append(("maildir", ", ".join(config.maildir_paths)))
    if config.calendar_path:
        found.append(("calendar", config.calendar_path))
    for account in config.imap:  # one line per mailbox (each has its connection) when there are several
        for mailbox in account.mailboxes:
            found.append((imap_name(account, mailbox), f"{account.host}:{account.port} {mailbox}"))
    if config.activitywatch is not None:
        found.append(("activitywatch", config.activitywatch.url))
    return found


def imap_name(account: ImapAccount, mailbox: str) -> str:
    """A mailbox watch's line on the board: the account, and the mailbox when the account has several."""
    return f"imap {account.name}" + ("" if len(account.mailboxes) == 1 else f" {mailbox}")


def one_line(entries: list[dict[str, Any]]) -> str:
    """The board in a few words for the screen's header: ``3 sources watching · imap anna@x reconnecting:
    in 30 s: connection refused``."""
    watching = [entry for entry in entries if entry.get("state") == WATCHING]
    others = [entry for entry in entries if entry.get("state") != WATCHING]
    parts = []
    if watching:
        names = ", ".join(str(entry.get("name")) for entry in watching)
        n = len(watching)
        parts.append(
            _("watching {names}").format(names=names)
            if n <= 2
            else ngettext("{n} source watching", "{n} sources watching", n).format(n=n)
        )
    for entry in others:
        detail = f": {entry['detail']}" if entry.get("detail") else ""
        parts.append(f"{entry.get('name')} {state_words(str(entry.get('state')))}{detail}")
    return " · ".join(parts)
