"""The end-of-day report from a DaySummary: ``focus.day/1`` JSON, a Rich text layout, Markdown, HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from focus.core.accounting import STATES, BlockFigures, DaySummary
from focus.core.email_checks import noticed_words
from focus.core.figures import day_figures, funnel, plan_counts, whole_seconds
from focus.core.timeparse import duration
from focus.i18n import _, ngettext
from focus.reports import names, rendering
from focus.reports.local import clock_time, heading, percent, whole
from focus.reports.safe import markdown_text, terminal_text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

SCHEMA = "focus.day/1"
BAR_WIDTH = 20
# Each class has its own glyph as well as its colour, so a bar still reads piped to a file or under NO_COLOR.
GLYPHS = {"proactive": "█", "reactive": "▒", "neutral": "░"}
COLOURS = {"proactive": "green", "reactive": "red", "neutral": "blue"}
EMPTY = "·"


def to_json(summary: DaySummary) -> dict[str, Any]:
    """The ``focus.day/1`` document of DESIGN §5: the day's figures (as the week has them) and its blocks."""
    day = day_figures(summary).as_dict()
    return {
        "schema": SCHEMA,
        "date": day["date"],
        "timezone": summary.timezone,
        **{key: day[key] for key in ("seconds", "proactive_share", "interruptions", "mail_received", "focus", "plan")},
        "blocks": [
            {
                "id": f.block.id,
                "start": f.block.start_text,
                "end": f.block.end_text,
                "category": f.block.category,
                "title": f.block.title,
                "planned_seconds": whole_seconds(f.planned),
                "extended_seconds": whole_seconds(f.extended),
                "worked_seconds": whole_seconds(f.worked),
                "interruptions": f.interruptions,
                "state": f.state,
                "targets": f.block.targets,
            }
            for f in summary.blocks
        ],
        **{key: day[key] for key in ("outcomes", "funnel", "debrief")},
    }


def bar_cells(ms_by_class: dict[str, int], width: int) -> dict[str, int]:
    """How many of ``width`` cells each class fills: its share of the tracked time. Shares are taken of
    the whole minutes the report prints, so a class shown as ``0m`` fills no cell (a day with a few
    seconds of email is an empty bar, not a full one next to ``0m``); cells are handed out by largest
    remainder, so the classes add up to exactly ``width`` whenever a minute is tracked."""
    minutes = {name: round(ms / 60_000) for name, ms in ms_by_class.items()}
    whole = sum(minutes.values())
    if not whole:
        return dict.fromkeys(ms_by_class, 0)
    exact = {name: width * m / whole for name, m in minutes.items()}
    cells = {name: int(x) for name, x in exact.items()}
    for name in sorted(exact, key=lambda n: cells[n] - exact[n])[: width - sum(cells.values())]:
        cells[name] += 1
    return cells


def split_bar(ms_by_class: dict[str, int], width: int, only: str | None = None) -> Text:
    """The split as a Rich Text of ``width`` cells, each class in its own glyph and colour, the rest a dim
    ``·`` track; with ``only``, that one class's part of the split (one row of the day report)."""
    from rich.text import Text

    cells = bar_cells(ms_by_class, width)
    text = Text()
    for name in [only] if only else cells:
        text.append(GLYPHS[name] * cells[name], style=COLOURS[name])
    text.append(EMPTY * (width - len(text)), style="dim")
    return text


def bar_legend() -> Text:
    """``█ proactive  ▒ reactive  ░ neutral``, in the bar's colours."""
    from rich.text import Text

    legend = Text()
    for name, glyph in GLYPHS.items():
        legend.append("  " if legend else "")
        legend.append(glyph, style=COLOURS[name])
        legend.append(f" {names.time_class(name)}")
    return legend


def plan_line(summary: DaySummary) -> str:
    """``5 of 6 blocks kept · 1 not tracked``."""
    counts = plan_counts(summary)
    kept = ngettext("{kept} of {planned} block kept", "{kept} of {planned} blocks kept", counts.planned)
    return kept.format(kept=counts.kept, planned=counts.planned) + "".join(
        f" · {names.state_count(s, getattr(counts, s))}" for s in STATES[1:] if getattr(counts, s)
    )


def worked(figures: BlockFigures) -> str:
    """A block's worked time; ``–`` for a block not tracked (not zero: DESIGN §3.7) or still upcoming."""
    return "–" if figures.state in ("not_tracked", "upcoming") else duration(figures.worked)


def _stretches(summary: DaySummary) -> str:
    n = summary.focus_stretches
    return ngettext("{n} stretch", "{n} stretches", n).format(n=n)


def _interruption_line(summary: DaySummary) -> str:
    parts = []
    for kind, n in summary.interruptions_by_kind.items():
        if kind == "email":
            over = " [bold red]" + _("over budget") + "[/]" if n > summary.email_budget else ""
            noticed = noticed_words(summary.email_noticed_by)
            checks = _("email {n}/{budget}").format(n=n, budget=summary.email_budget)
            parts.append(checks + over + (f" · {noticed}" if noticed else ""))
        else:
            parts.append(f"{names.kind(kind)} {n}")
    received = summary.mail_received
    mail = " · " + ngettext("{n} mail in", "{n} mails in", received).format(n=whole(received)) if received else ""
    return f"{summary.interruptions} · " + " · ".join(parts) + mail


def _focus_line(summary: DaySummary, between: str, minimum: str) -> str:
    """``longest 1h02 · 2 stretches ≥ 25m``."""
    longest = _("longest {duration}").format(duration=duration(summary.longest_focus))
    return f"{longest}{between}{_stretches(summary)} ≥ {minimum}"


def _block_time(figures: BlockFigures) -> str:
    """``09:00–10:00`` (``09.00–10.00`` in Swedish), ``10:03–10:14 +15m`` for a block extended past its
    planned end, as the workday screen writes it."""
    plus = _(" +{minutes}m").format(minutes=figures.extended // 60_000) if figures.extended else ""
    return f"{clock_time(figures.block.start_text)}–{clock_time(figures.block.end_text)}{plus}"


def funnel_line(outcomes: dict[str, int]) -> str:
    """``call 14 → meeting 2 (14 %) → quote 1 (50 %) → deal 0 (0 %)``: the outcomes in funnel order."""
    words = [f"{names.outcome(kind)} {whole(n)}" for kind, n in outcomes.items()]
    for index, step in enumerate(funnel(outcomes), start=1):
        if step.rate is not None:
            words[index] += f" ({percent(step.rate)})"
    return " → ".join(words)


def visits_line(visits: int, target: int, debriefed: int) -> str:
    """``visits 2/4 · 1 debriefed``: the day's visits against the target and how many of them have their
    debrief, as the screen and the report both say it (``visits 0/4`` without visits)."""
    line = _("visits {n}/{target}").format(n=visits, target=target)
    if not visits:
        return line
    return line + " · " + ngettext("{n} debriefed", "{n} debriefed", debriefed).format(n=debriefed)


def debrief_line(summary: DaySummary) -> str:
    """``visits 2/4 · 1 debriefed · decision maker known 1 · budget known 0 · …``."""
    figures = summary.debrief
    line = visits_line(figures.visits, summary.visit_target, figures.debriefed)
    if not figures.visits:
        return line
    return (
        line
        + " · "
        + _(
            "decision maker known {decision_maker} · budget known {budget} · next step {next_step} · booked {booked}"
        ).format(
            decision_maker=figures.decision_maker_known,
            budget=figures.budget_known,
            next_step=figures.next_step_set,
            booked=figures.booked_before_leaving,
        )
    )


def renderable(summary: DaySummary) -> RenderableType:
    """The report as a Rich renderable: the split, interruptions, focus, plan, outcomes."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    top = Table.grid(padding=(0, 2))
    top.add_column(style="bold")
    top.add_column()
    split = Table.grid(padding=(0, 1))
    for _column in range(4):
        split.add_column()
    for name, ms in summary.totals.items():
        share = percent(summary.proactive_share) if name == "proactive" else ""
        split.add_row(
            names.time_class(name),
            split_bar(summary.totals, BAR_WIDTH, only=name),
            Text(duration(ms), justify="right"),
            Text(share, justify="right"),
        )
    work = _("of {hours} work hours").format(hours=duration(summary.work)) if summary.work else _("a day off")
    untracked = Text(duration(summary.untracked), justify="right")
    split.add_row(names.time_class("untracked"), Text(work, style="dim"), untracked, "")
    top.add_row(_("Time"), split)
    top.add_row(_("Interruptions"), _interruption_line(summary))
    top.add_row(_("Focus"), _focus_line(summary, " · ", f"{summary.focus_minutes}m"))
    top.add_row(_("Plan"), plan_line(summary))
    top.add_row(_("Outcomes"), funnel_line(summary.outcomes))
    top.add_row(_("Debrief"), debrief_line(summary))
    parts: list[RenderableType] = [
        Text(f"focus · {heading(summary.date)} · {summary.timezone}", style="bold"),
        Text(""),
        top,
    ]
    if summary.blocks:
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="dim")
        columns: tuple[tuple[str, Literal["left", "right"]], ...] = (
            ("#", "right"),
            (_("time"), "left"),
            (_("category"), "left"),
            (_("title"), "left"),
            (_("planned"), "right"),
            (_("worked"), "right"),
            (_("int"), "right"),
            (_("state"), "left"),
        )
        for column, justify in columns:
            table.add_column(column, justify=justify)
        state_style = {
            "kept": "green",
            "not_kept": "yellow",
            "not_tracked": "dim",
            "running": "bold cyan",
            "upcoming": "",
        }
        for number, f in enumerate(summary.blocks, start=1):
            table.add_row(
                str(number),
                _block_time(f),
                Text(terminal_text(names.category(f.block.category))),
                Text(terminal_text(f.block.title)),
                duration(f.planned),
                worked(f),
                str(f.interruptions),
                Text(names.state(f.state), style=state_style[f.state]),
            )
        parts += [Text(""), table]
    return Group(*parts)


def to_text(summary: DaySummary, width: int = 110, color: bool = False) -> str:
    """The report as terminal text (ANSI colour only when ``color``)."""
    return rendering.as_text(renderable(summary), width, color)


def to_html(summary: DaySummary) -> str:
    """The report as an HTML page, through Rich's own export."""
    return rendering.as_html(renderable(summary), 110)


def to_markdown(summary: DaySummary) -> str:
    """The report as Markdown, for sending to a manager."""
    totals, share = summary.totals, percent(summary.proactive_share)
    interruptions = _interruption_line(summary).replace("[bold red]", "**").replace("[/]", "**")
    time, share_word, of_work = _("time"), _("share"), _("of {hours} work").format(hours=duration(summary.work))
    lines = [
        f"# focus · {heading(summary.date)}",
        "",
        f"| | {time} | {share_word} |",
        "|---|---:|---:|",
        f"| {names.time_class('proactive')} | {duration(totals['proactive'])} | {share} |",
        f"| {names.time_class('reactive')} | {duration(totals['reactive'])} | |",
        f"| {names.time_class('neutral')} | {duration(totals['neutral'])} | |",
        f"| {names.time_class('untracked')} | {duration(summary.untracked)} | {of_work} |",
        "",
    ]
    for label, line in (
        (_("Interruptions"), interruptions),
        (_("Focus"), _focus_line(summary, ", ", f"{summary.focus_minutes} min")),
        (_("Plan"), plan_line(summary)),
        (_("Outcomes"), funnel_line(summary.outcomes)),
    ):
        lines.append(f"**{label}:** {line}  ")
    debrief = _("Debrief")
    lines += [f"**{debrief}:** {debrief_line(summary)}", ""]
    if summary.blocks:
        columns = (_("time"), _("category"), _("title"), _("planned"), _("worked"), _("interruptions"), _("state"))
        lines += ["| " + " | ".join(columns) + " |", "|---|---|---|---:|---:|---:|---|"]
        for f in summary.blocks:
            lines.append(
                f"| {_block_time(f)} | {markdown_text(names.category(f.block.category))} | "
                f"{markdown_text(f.block.title)} | "
                f"{duration(f.planned)} | {worked(f)} | {f.interruptions} | {names.state(f.state)} |"
            )
    return "\n".join(lines) + "\n"
