"""``focus sources``: each configured event source and what it is doing."""

from __future__ import annotations

import json
from typing import Any

import click

from focus.cli.services import Services, pass_services
from focus.core.clock import from_ms
from focus.i18n import N_, _
from focus.reports.local import clock_time
from focus.reports.safe import terminal_text


@click.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_services
def sources(services: Services, fmt: str) -> None:
    """Each event source the config asks for (the inbox folder, Maildir folders, the calendar, IMAP
    accounts, ActivityWatch), whether the sources run (in `focus watch` or the workday screen), each
    one's state (watching, catching up, reconnecting in 30 s, failed: …) and the last activity it saw."""
    from focus.sources.lock import SourcesBusy, SourcesLock, holder_said
    from focus.sources.status import configured, read_board, state_words

    paths = services.paths
    lock = SourcesLock(paths.data_dir / "sources.lock", "focus sources")
    runner: str | None = None
    if paths.data_dir.is_dir():
        try:
            lock.acquire()
        except SourcesBusy as busy:
            runner = busy.holder
        else:
            lock.release()
    board = (
        {entry.get("name"): entry for entry in (read_board(paths.data_dir / "sources.json") or [])} if runner else {}
    )
    rows: list[dict[str, Any]] = []
    for name, where in configured(services.config, paths.inbox):
        entry = board.get(name, {})
        rows.append(
            {
                "name": name,
                "where": where,
                "state": str(entry.get("state", "starting" if runner else "not running")),
                "detail": str(entry.get("detail", "")),
                "last_activity": _instant(services, entry.get("last_activity")),
                "last_seen": str(entry.get("last_seen", "")),
            }
        )
    if fmt == "json":
        click.echo(json.dumps({"schema": "focus.sources/1", "running_in": runner, "sources": rows}, indent=2))
        return
    running = _("the sources run in {holder}").format(holder=terminal_text(holder_said(runner))) if runner else None
    click.echo(running or _(_NOT_RUNNING))
    width = max(len(str(row["name"])) for row in rows)
    for row in rows:
        state = state_words(str(row["state"])) + (f": {row['detail']}" if row["detail"] else "")
        when = row["last_activity"]
        last = (
            _(" · last: {what} at {time}").format(what=row["last_seen"], time=clock_time(when[11:16])) if when else ""
        )
        line = f"{row['name']:<{width}}  {state}{last}  ({row['where']})"
        click.echo(terminal_text(line))


_NOT_RUNNING = N_("the sources are not running: `focus watch` or the workday screen (`focus`) runs them")


def _instant(services: Services, value: Any) -> str | None:
    """An instant from the board as local ISO time, or None."""
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    return from_ms(value, services.clock.tz).isoformat(timespec="seconds")
