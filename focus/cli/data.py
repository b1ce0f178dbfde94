"""Data commands: export and import the log, the config file, the database file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from focus.cli.services import Services, pass_services
from focus.core.errors import FocusError
from focus.core.timeparse import hhmm
from focus.i18n import _, ngettext
from focus.reports.local import clock_time, decimal


@click.group("export")
def export_group() -> None:
    """Export data."""


@export_group.command("events")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
@pass_services
def export_events(services: Services, out: Path | None) -> None:
    """The whole event log as JSON lines, oldest first: focus export events --out backup.jsonl

    From a damaged database it saves every event that can still be read (in the order they were
    written), says how many rows were left out, and exits with 1."""
    from focus.store.exchange import Export, export_lines

    store = services.store
    export = Export()
    lines = export_lines(store, export)
    written = 0
    if out is None:
        for line in lines:
            click.echo(line)
            written += 1
    else:
        from focus.store.paths import open_private

        with open_private(out) as stream:
            for line in lines:
                stream.write(line + "\n")
                written += 1
    if export.damaged:
        said = (
            _("focus: exported {n} events from the damaged database {path}; {lost}")
            if out is None
            else _("focus: exported {n} events to {out} from the damaged database {path}; {lost}")
        )
        click.echo(said.format(n=written, out=out, path=store.path, lost=export), err=True)
        sys.exit(1)
    if out is not None:
        click.echo(_("exported {n} events to {out}").format(n=written, out=out), err=True)


@click.group("import")
def import_group() -> None:
    """Import data."""


@import_group.command("events")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_services
def import_events(services: Services, file: Path) -> None:
    """Add the events of a JSON-lines export; events already here (same id) are skipped."""
    from focus.store.exchange import import_lines

    try:
        stream = open(file, encoding="utf-8") if str(file) != "-" else sys.stdin  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise FocusError(_("cannot read {file}: {error}").format(file=file, error=exc.strerror)) from None
    with stream:
        try:
            added, skipped = import_lines(services.store, stream, services.config)
        except UnicodeDecodeError:
            raise FocusError(_("{file}: not UTF-8 text").format(file=file)) from None
    click.echo(_("imported {added} events, {skipped} already present").format(added=added, skipped=skipped))


@click.group("config")
def config_group() -> None:
    """The config file: init, path, check."""


@config_group.command("path")
@pass_services
def config_path(services: Services) -> None:
    """Print where the config file is read from."""
    click.echo(services.paths.config_file)


@config_group.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing config file.")
@pass_services
def config_init(services: Services, force: bool) -> None:
    """Write the documented example config to the config path."""
    from importlib.resources import files

    from focus.store.paths import make_private_dir, open_private

    target = services.paths.config_file
    if target.exists() and not force:
        raise FocusError(_("{path} exists; use --force to overwrite it").format(path=target))
    make_private_dir(target.parent)
    with open_private(target) as stream:
        stream.write(files("focus").joinpath("config.example.toml").read_text(encoding="utf-8"))
    click.echo(_("wrote {path}").format(path=target))


@config_group.command("check")
@pass_services
def config_check(services: Services) -> None:
    """Check the config file; print the zone and categories it gives."""
    config = services.config
    where = config.source or _("{path} (not there: built-in defaults)").format(path=services.paths.config_file)
    click.echo(_("ok: {where}").format(where=where))
    click.echo(
        _("timezone {zone}; work {start}–{end}; {categories} categories; {blocks} template blocks").format(
            zone=config.timezone,
            start=clock_time(hhmm(config.work.start)),
            end=clock_time(hhmm(config.work.end)),
            categories=len(config.categories),
            blocks=len(config.template),
        )
    )


@click.group("db")
def db_group() -> None:
    """The database: path, check, init."""


@db_group.command("path")
@pass_services
def db_path(services: Services) -> None:
    """Print where the database lives."""
    click.echo(services.paths.db_file)


@db_group.command("check")
@pass_services
def db_check(services: Services) -> None:
    """Check the database's integrity and schema; print its size."""
    from focus.store import integrity

    store = services.store
    problems = store.check()
    if problems and problems[0].startswith("migrations not applied"):
        raise FocusError(_("database {path}: {problem}").format(path=store.path, problem=problems[0]))
    if problems:
        raise integrity.damaged(store.path, integrity.summary(problems))
    events = store.count()
    said = ngettext(
        "ok: {path} — {n} event, {size} MB, schema {schema}",
        "ok: {path} — {n} events, {size} MB, schema {schema}",
        events,
    )
    size = decimal(store.size_bytes() / 1_048_576)
    click.echo(said.format(path=store.path, n=events, size=size, schema=store.schema_version()))


@db_group.command("init")
@click.option(
    "--force",
    is_flag=True,
    help="Put a new, empty database in place of the file there (damaged, empty or another program's); "
    "that file is kept beside it, renamed.",
)
@pass_services
def db_init(services: Services, force: bool) -> None:
    """Create the database (focus also does on first use). With --force, start a new one where a
    damaged one is: save what it holds first with focus export events, import it after."""
    import os

    from focus.sources.lock import SourcesBusy, SourcesLock
    from focus.store.creation import create_database
    from focus.store.paths import make_private_dir

    path = services.paths.db_file
    kept = None
    if os.path.lexists(path) or os.path.lexists(f"{path}-wal"):
        if not force:
            raise FocusError(
                _("database {path} exists; nothing was changed").format(path=path),
                hint=_("focus db init --force puts a new one in its place and keeps this one beside it, renamed"),
            )
        lock = SourcesLock(services.paths.data_dir / "sources.lock", "focus db init")
        try:
            lock.acquire()  # not while focus watch or the screen has the old file open
        except SourcesBusy as busy:
            raise FocusError(
                _("{holder} has the database open: stop it first; nothing was changed").format(holder=busy.holder)
            ) from None
        try:
            kept = path.with_name(f"{path.name}.replaced-{services.clock.now():%Y%m%d-%H%M%S}")
            for suffix in ("", "-wal", "-shm"):  # the WAL holds its latest writes: kept with it
                if os.path.lexists(f"{path}{suffix}"):
                    os.rename(f"{path}{suffix}", f"{kept}{suffix}")
        except OSError as exc:
            raise FocusError(_("cannot move {path} aside: {error}").format(path=path, error=exc.strerror)) from None
        finally:
            lock.release()
    make_private_dir(path.parent)
    create_database(path)
    said = _("created {path}; the file that was there is kept as {kept}") if kept else _("created {path}")
    click.echo(said.format(path=path, kept=kept))


COMMANDS = (export_group, import_group, config_group, db_group)
