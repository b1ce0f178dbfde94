"""Report commands: the day (``report``), the week (``week``) and the 17:03 debrief (``debrief``)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from focus.cli.services import Services, emit, format_option, pass_services, terminal_width
from focus.core.errors import FocusError
from focus.i18n import _, language, ngettext
from focus.reports.safe import terminal_text

if TYPE_CHECKING:
    from focus.core.model import Block


@click.command()
@click.argument("date_text", metavar="[DATE]", required=False)
@format_option("text", "json", "md", "html")
@click.option("--out", metavar="FILE", help="Write to FILE (created user-only) instead of stdout.")
@pass_services
def report(services: Services, date_text: str | None, fmt: str, out: str | None) -> None:
    """The end-of-day report: proactive vs event-driven time, interruptions, focus, plan, outcomes.
    DATE is today, yesterday, mon…sun or YYYY-MM-DD, or in Swedish idag, igår, mån…sön (default: today)."""
    from focus.reports import day

    date = services.date(date_text)
    summary = services.tracker.summary(date)
    if fmt == "json":
        text = json.dumps(day.to_json(summary), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "md":
        text = day.to_markdown(summary)
    elif fmt == "html":
        text = day.to_html(summary)
    else:
        width, color = terminal_width(110) if out is None or out == "-" else (110, False)
        text = day.to_text(summary, width=width, color=color)
    emit(text, out)


@click.command()
@click.argument("week_words", metavar="[WEEK]", nargs=-1)
@click.option(
    "--weeks",
    type=click.IntRange(1, 520),
    default=1,
    show_default=True,
    help="Add a trend table over the last N weeks.",
)
@format_option("text", "json", "csv", "md", "html")
@click.option("--out", metavar="FILE", help="Write to FILE (created user-only) instead of stdout.")
@click.option(
    "--delimiter",
    metavar="CHAR",
    help="CSV delimiter (default: export.csv_delimiter, else ';' in Swedish and ',' in English).",
)
@click.option(
    "--with-debrief",
    is_flag=True,
    help="Include the visits' debrief answers (by default only the coaching rates: the text is yours).",
)
@pass_services
def week(
    services: Services,
    week_words: tuple[str, ...],
    weeks: int,
    fmt: str,
    out: str | None,
    delimiter: str | None,
    with_debrief: bool,
) -> None:
    """Weekly stats: the split, interruptions, focus, plan kept, outcomes, visits, the funnel forecast.
    WEEK is 2026-W48, this, last or a date in it (default: this week); in Swedish vecka 48, v48, v.48,
    optionally with a year (vecka 48 2026), quoted or not."""
    from focus.core.config import check_delimiter
    from focus.core.timeparse import parse_week
    from focus.reports import week as week_report
    from focus.reports import week_data

    monday = parse_week(" ".join(week_words) or "this", services.clock.today())
    if delimiter is not None:
        try:
            check_delimiter(delimiter)
        except ValueError:
            raise FocusError(
                _("--delimiter {delimiter!r}: use one character such as , or ;").format(delimiter=delimiter)
            ) from None
    figures = services.tracker.week(monday, weeks, with_debrief=with_debrief)
    if fmt == "json":
        text = json.dumps(week_data.to_json(figures), indent=2, ensure_ascii=False) + "\n"
    elif fmt == "csv":
        text = week_data.to_csv(figures, delimiter or services.csv_delimiter)
    elif fmt == "md":
        text = week_report.to_markdown(figures)
    elif fmt == "html":
        text = week_report.to_html(figures)
    else:
        width, color = terminal_width(130) if out is None else (130, False)
        text = week_report.to_text(figures, width=width, color=color)
    emit(text, out)


@click.command("debrief")
@click.argument("date_text", metavar="[DATE]", required=False)
@format_option(
    "prompt",
    "md",
    "json",
    default="prompt",
    help_text="prompt: answer the questions; md or json: print the day's debriefs to send on.",
)
@click.option(
    "--answers",
    "answers_file",
    metavar="FILE",
    help="Save the answers in FILE ('-': stdin) instead of asking: the JSON that --format json prints, "
    "each visit's answers filled in (null skips a visit; DATE defaults to the file's date). All are checked "
    "before any is saved.",
)
@pass_services
def debrief_command(services: Services, date_text: str | None, fmt: str, answers_file: str | None) -> None:
    """The 17:03 questions for each customer visit of DATE (default today): who did you meet, were they
    the only decision maker, what budget, what is the next step, did you book the next meeting before
    you left — and if not, why not. Enter keeps an earlier answer; answer n to skip a visit. Without a
    terminal, give the answers in a file (--answers). Swedish answers are understood: ja, nej, vet inte;
    budgets such as 50 tkr, 50 000 kr, 1,2 mkr, 50k SEK or €20k (the currency is kept)."""
    from focus.reports.debrief import debrief_json, debrief_markdown
    from focus.reports.local import day_name

    if answers_file is not None:
        if fmt != "prompt":
            raise click.UsageError(_("--answers saves answers and --format prints them: use one"))
        _save_answers(services, date_text, answers_file)
        return
    date = services.date(date_text)
    log, visits = services.tracker.visits(date)
    if fmt == "json":
        click.echo(json.dumps(debrief_json(date, visits, log.debriefs), indent=2, ensure_ascii=False))
        return
    if fmt == "md":
        click.echo(debrief_markdown(date, visits, log.debriefs, log.debriefs_skipped), nl=False)
        return
    if not visits:
        click.echo(_("No customer visits on {day} to debrief.").format(day=day_name(date)))
        return
    saved = 0
    try:
        if sys.stdin is None:  # started with stdin closed
            raise click.Abort
        for number, block in enumerate(visits, start=1):
            of = _("{number} of {visits}").format(number=number, visits=len(visits))
            saved += _ask(services, date, block, log.debriefs.get(block.id), of)
    except click.Abort:
        if sys.stdin is not None and sys.stdin.isatty():
            raise  # ctrl+c or ctrl+d at the terminal: the seller stopped
        so_far = (
            ngettext("; {saved} of {visits} visit saved", "; {saved} of {visits} visits saved", len(visits)).format(
                saved=saved, visits=len(visits)
            )
            if saved
            else ""
        )
        raise FocusError(
            _(
                "debrief asks its questions at a terminal, and stdin is not one (it ended before the answers"
                "{so_far}); to answer from a file: focus debrief {date} --answers FILE (see focus debrief --help)"
            ).format(so_far=so_far, date=date)
        ) from None
    _saved(date, saved, len(visits))


def _ask(services: Services, date: dt.date, block: Block, earlier: dict[str, Any] | None, number: str) -> int:
    """Ask the questions for one visit at the prompt and save the answers: 1, or 0 when skipped."""
    from focus.core import debrief
    from focus.reports.local import clock_time

    visit = _("Visit {number}: {start}–{end} {title}").format(
        number=number,
        start=clock_time(block.start_text),
        end=clock_time(block.end_text),
        title=terminal_text(block.title),
    )
    click.echo("\n" + visit + (_(" (debriefed before: enter keeps an answer)") if earlier else ""))
    if not _yes_or_no(_("Debrief it now?")):
        services.tracker.skip_debrief(date, block.id)  # a decision: not asked again (none once answered)
        return 0
    defaults = debrief.as_text(earlier) if earlier else {}
    raw: dict[str, str] = {}
    for field in debrief.FIELDS:
        if field == "why_not" and not debrief.needs_why_not(raw["booked"]):
            continue
        asked = debrief.question(field, services.config.debrief_questions)
        raw[field] = click.prompt(
            asked,
            prompt_suffix=" " if language() == "sv" and asked.endswith("?") else ": ",  # "Vad är nästa steg? "
            default=defaults.get(field) or ("" if field in ("next_step", "why_not") else None),
            show_default=bool(defaults.get(field)),
            value_proc=_checked(field, raw),
        )
    services.tracker.debrief(date, block.id, raw)
    return 1


def _save_answers(services: Services, date_text: str | None, name: str) -> None:
    """``--answers FILE``: every visit's answers checked, then all saved in one write."""
    try:
        found, answered, skipped = _answers_in(_read_text(name))
        date = services.date(date_text) if date_text is not None or found is None else found
        if found is not None and found != date:
            raise FocusError(_("the answers are for {found}, not {date}").format(found=found, date=date))
        visits = services.tracker.visits(date)[1]
        saved = services.tracker.debrief_all(date, answered, skipped)
    except FocusError as exc:
        raise FocusError(f"--answers {name}: {exc}", exc.hint) from None
    _saved(date, len(saved), len(visits))


def _read_text(name: str) -> str:
    """The text of the file ``name``, or of stdin for ``-``."""
    if name == "-" and sys.stdin is None:
        raise FocusError(_("stdin is closed"))
    try:
        return sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
    except OSError as exc:
        raise FocusError(exc.strerror or str(exc)) from None
    except UnicodeDecodeError:
        raise FocusError(_("not UTF-8 text")) from None


ANSWERS_SHAPE = '{"visits": [{"id": …, "answers": {…}}]}'


def _answers_in(text: str) -> tuple[dt.date | None, list[tuple[str, dict[str, Any]]], list[str]]:
    """The date (if the document has one), the (visit, answers) pairs and the skipped visits (null
    answers) of an answers document: the ``focus.debrief/1`` JSON, or just its ``visits``; a visit is
    named by its block id or number."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FocusError(
            _("not JSON (line {line}, column {column})").format(line=exc.lineno, column=exc.colno)
        ) from None
    except (ValueError, RecursionError) as exc:  # a number of more than 4300 digits, or nested too deep
        from focus.core.text import json_problem

        raise FocusError(_("not JSON ({problem})").format(problem=json_problem(exc))) from None
    visits = document.get("visits") if isinstance(document, dict) else None
    if not isinstance(visits, list) or not all(isinstance(v, dict) and "id" in v for v in visits):
        raise FocusError(_("not a debrief: {shape}").format(shape=ANSWERS_SHAPE))
    try:
        date = dt.date.fromisoformat(document["date"]) if "date" in document else None
    except (TypeError, ValueError):
        raise FocusError(_("date {date!r}: not a date such as 2026-11-24").format(date=document["date"])) from None
    answered, skipped = [], []
    for visit in visits:
        ref, answers = str(visit["id"]), visit.get("answers", ...)
        if answers is ...:
            raise FocusError(_("visit {ref}: no answers (null skips it)").format(ref=ref))
        if answers is not None and not isinstance(answers, dict):
            raise FocusError(
                _("visit {ref}: the answers are not an object: {shape}").format(ref=ref, shape=ANSWERS_SHAPE)
            )
        if answers is None:
            skipped.append(ref)
        else:
            answered.append((ref, answers))
    return date, answered, skipped


def _saved(date: dt.date, saved: int, visits: int) -> None:
    click.echo(
        ngettext(
            "Saved {saved} debrief; {skipped} skipped. See them: focus debrief {date} --format md",
            "Saved {saved} debriefs; {skipped} skipped. See them: focus debrief {date} --format md",
            saved,
        ).format(saved=saved, skipped=max(0, visits - saved), date=date)
    )


def _yes_or_no(question: str) -> bool:
    """click.confirm (default yes) that also takes ja, j, nej."""
    from focus.core import debrief

    def answer(value: str) -> bool:
        word = debrief.meaning(value)
        if word not in (debrief.YES, debrief.NO):
            raise click.BadParameter(_("answer y or n (or ja, nej)"))
        return word == debrief.YES

    asked = _("{question} [Y/n]").format(question=question)
    return bool(click.prompt(asked, default="y", show_default=False, value_proc=answer))


def _checked(field: str, earlier: dict[str, str]) -> Any:
    """A click value_proc: the answer checked with the answers before it, re-asked with the reason."""
    from focus.core import debrief

    def check(value: str) -> str:
        problem = debrief.field_problems({**earlier, field: value}).get(field)
        if problem:
            raise click.BadParameter(problem)
        return value

    return check


COMMANDS = (report, week, debrief_command)
