"""What an event source last saw (``source_state``, schema 6), written with the events it led to.

An IMAP mailbox's HIGHESTMODSEQ, ActivityWatch's last event read, a Maildir's seen messages: saved in
the same transaction as the events recorded from them, so a restart catches up exactly once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from focus.core.model import Event
from focus.store.database import INSERT_EVENT, Store, event_row


def load(store: Store, source: str) -> dict[str, str]:
    """Every key and value saved for ``source`` (e.g. ``"imap anna@example.com"``)."""
    with store.errors():
        rows = store.conn.execute("SELECT key, value FROM source_state WHERE source = ?", (source,)).fetchall()
    return dict(rows)


def record(store: Store, source: str, state: Mapping[str, str | None], events: Iterable[Event] = ()) -> int:
    """Append ``events`` (ids already present are skipped) and save ``state`` (None removes a key), in
    one transaction: both are on disk, or neither. Returns how many events were new."""
    rows = [event_row(event) for event in events]
    with store.transaction():
        added = int(store.conn.executemany(INSERT_EVENT, rows).rowcount) if rows else 0
        for key, value in state.items():
            if value is None:
                store.conn.execute("DELETE FROM source_state WHERE source = ? AND key = ?", (source, key))
            else:
                store.conn.execute(
                    "INSERT INTO source_state (source, key, value) VALUES (?, ?, ?) "
                    "ON CONFLICT (source, key) DO UPDATE SET value = excluded.value",
                    (source, key, value),
                )
    return added
