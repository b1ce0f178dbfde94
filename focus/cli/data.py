"""Data commands: export and import the log, the config file, the database file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from focus.cli.services import Services, pass_services
from focus.core.errors import FocusError
from focus.core.timeparse import hhmm


@click.group("export")
def export_group() -> None:
    """Export data."""


@export_group.command("events")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE instead of stdout.")
@pass_services
def export_events(services: Services, out: Path | None) -> None:
    """The whole event log as JSON lines, oldest first: focus export events --out backup.jsonl"""
    from focus.store.exchange import export_lines

    if out is None:
        for line in export_lines(services.store):
            click.echo(line)
        return
    from focus.store.paths import open_private

    written = 0
    with open_private(out) as stream:
        for line in export_lines(services.store):
            stream.write(line + "\n")
            written += 1
    click.echo(f"exported {written} events to {out}", err=True)


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
        raise FocusError(f"cannot read {file}: {exc.strerror}") from None
    with stream:
        try:
            added, skipped = import_lines(services.store, stream, services.config)
        except UnicodeDecodeError:
            raise FocusError(f"{file}: not UTF-8 text") from None
    click.echo(f"imported {added} events, {skipped} already present")


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
        raise FocusError(f"{target} exists; use --force to overwrite it")
    make_private_dir(target.parent)
    with open_private(target) as stream:
        stream.write(files("focus").joinpath("config.example.toml").read_text(encoding="utf-8"))
    click.echo(f"wrote {target}")


@config_group.command("check")
@pass_services
def config_check(services: Services) -> None:
    """Check the config file; print the zone and categories it gives."""
    config = services.config
    where = config.source or f"{services.paths.config_file} (not there: built-in defaults)"
    click.echo(f"ok: {where}")
    click.echo(
        f"timezone {config.timezone}; work {hhmm(config.work.start)}–{hhmm(config.work.end)}; "
        f"{len(config.categories)} categories; {len(config.template)} template blocks"
    )


@click.group("db")
def db_group() -> None:
    """The database: path, check."""


@db_group.command("path")
@pass_services
def db_path(services: Services) -> None:
    """Print where the database lives."""
    click.echo(services.paths.db_file)


@db_group.command("check")
@pass_services
def db_check(services: Services) -> None:
    """Check the database's integrity and schema; print its size."""
    store = services.store
    problems = store.check()
    if problems:
        raise FocusError(f"database {store.path}: " + "; ".join(problems))
    events = store.count()
    click.echo(
        f"ok: {store.path} — {events} event{'s' * (events != 1)}, {store.size_bytes() / 1_048_576:.1f} MB, "
        f"schema {store.schema_version()}"
    )


COMMANDS = (export_group, import_group, config_group, db_group)
