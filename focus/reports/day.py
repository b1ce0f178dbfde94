"""The end-of-day report from a DaySummary: ``focus.day/1`` JSON, a Rich text layout, Markdown, HTML."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from focus.core.accounting import STATES, BlockFigures, DaySummary
from focus.core.debrief import DebriefFigures
from focus.core.email_checks import noticed_words
from focus.core.figures import day_figures, funnel, plan_counts, whole_seconds
from focus.core.timeparse import duration
from focus.reports import rendering
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


def percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f} %"


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
                "worked_seconds": whole_seconds(f.worked),
                "interruptions": f.interruptions,
                "state": f.state,
                "targets": f.block.targets,
            }
            for f in summary.blocks
        ],
        **{key: day[key] for key in ("outcomes", "funnel", "debrief")},
    }


def heading(date: dt.date) -> str:
    """``Tue 24 Nov 2026 · v48``."""
    return f"{date:%a %d %b %Y} · v{date.isocalendar().week}"


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
        legend.append(f" {name}")
    return legend


def plan_line(summary: DaySummary) -> str:
    """``5 of 6 blocks kept · 1 not tracked``."""
    counts = plan_counts(summary)
    return f"{counts.kept} of {counts.planned} blocks kept" + "".join(
        f" · {getattr(counts, s)} {s.replace('_', ' ')}" for s in STATES[1:] if getattr(counts, s)
    )


def worked(figures: BlockFigures) -> str:
    """A block's worked time; ``–`` for a block not tracked (not zero: DESIGN §3.7) or still upcoming."""
    return "–" if figures.state in ("not_tracked", "upcoming") else duration(figures.worked)


def _stretches(summary: DaySummary) -> str:
    return f"{summary.focus_stretches} stretch{'es' if summary.focus_stretches != 1 else ''}"


def _interruption_line(summary: DaySummary) -> str:
    parts = []
    for kind, n in summary.interruptions_by_kind.items():
        if kind == "email":
            over = " [bold red]over budget[/]" if n > summary.email_budget else ""
            noticed = noticed_words(summary.email_noticed_by)
            parts.append(f"email {n}/{summary.email_budget}{over}" + (f" · {noticed}" if noticed else ""))
        else:
            parts.append(f"{kind} {n}")
    mail = f" · {summary.mail_received} mails in" if summary.mail_received else ""
    return f"{summary.interruptions} · " + " · ".join(parts) + mail


def funnel_line(outcomes: dict[str, int]) -> str:
    """``call 14 → meeting 2 (14 %) → quote 1 (50 %) → deal 0 (0 %)``: the outcomes in funnel order."""
    words = [f"{kind} {n}" for kind, n in outcomes.items()]
    for index, step in enumerate(funnel(outcomes), start=1):
        if step.rate is not None:
            words[index] += f" ({step.rate * 100:.0f} %)"
    return " → ".join(words)


def debrief_line(figures: DebriefFigures) -> str:
    """``1/2 visits debriefed · decision maker known 1 · budget known 0 · …`` (or no visits)."""
    if not figures.visits:
        return "no customer visits"
    return (
        f"{figures.debriefed}/{figures.visits} visits debriefed · decision maker known "
        f"{figures.decision_maker_known} · budget known {figures.budget_known} · next step "
        f"{figures.next_step_set} · booked {figures.booked_before_leaving}"
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
    for _ in range(4):
        split.add_column()
    for name, ms in summary.totals.items():
        share = percent(summary.proactive_share) if name == "proactive" else ""
        split.add_row(
            name,
            split_bar(summary.totals, BAR_WIDTH, only=name),
            Text(duration(ms), justify="right"),
            Text(share, justify="right"),
        )
    work = f"of {duration(summary.work)} work hours" if summary.work else "a day off"
    split.add_row("untracked", Text(work, style="dim"), Text(duration(summary.untracked), justify="right"), "")
    top.add_row("Time", split)
    top.add_row("Interruptions", _interruption_line(summary))
    top.add_row(
        "Focus", f"longest {duration(summary.longest_focus)} · {_stretches(summary)} ≥ {summary.focus_minutes}m"
    )
    top.add_row("Plan", plan_line(summary))
    top.add_row("Outcomes", funnel_line(summary.outcomes))
    top.add_row("Debrief", debrief_line(summary.debrief))
    parts: list[RenderableType] = [
        Text(f"focus · {heading(summary.date)} · {summary.timezone}", style="bold"),
        Text(""),
        top,
    ]
    if summary.blocks:
        table = Table(box=None, padding=(0, 1), show_edge=False, header_style="dim")
        columns: tuple[tuple[str, Literal["left", "right"]], ...] = (
            ("#", "right"),
            ("time", "left"),
            ("category", "left"),
            ("title", "left"),
            ("planned", "right"),
            ("worked", "right"),
            ("int", "right"),
            ("state", "left"),
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
                f"{f.block.start_text}–{f.block.end_text}",
                Text(terminal_text(f.block.category)),
                Text(terminal_text(f.block.title)),
                duration(f.planned),
                worked(f),
                str(f.interruptions),
                Text(f.state.replace("_", " "), style=state_style[f.state]),
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
    lines = [
        f"# focus · {heading(summary.date)}",
        "",
        "| | time | share |",
        "|---|---:|---:|",
        f"| proactive | {duration(summary.totals['proactive'])} | {percent(summary.proactive_share)} |",
        f"| reactive | {duration(summary.totals['reactive'])} | |",
        f"| neutral | {duration(summary.totals['neutral'])} | |",
        f"| untracked | {duration(summary.untracked)} | of {duration(summary.work)} work |",
        "",
        f"**Interruptions:** {_interruption_line(summary).replace('[bold red]', '**').replace('[/]', '**')}  ",
        f"**Focus:** longest {duration(summary.longest_focus)}, {_stretches(summary)} ≥ {summary.focus_minutes} min  ",
        f"**Plan:** {plan_line(summary)}  ",
        f"**Outcomes:** {funnel_line(summary.outcomes)}  ",
        f"**Debrief:** {debrief_line(summary.debrief)}",
        "",
    ]
    if summary.blocks:
        lines += [
            "| time | category | title | planned | worked | interruptions | state |",
            "|---|---|---|---:|---:|---:|---|",
        ]
        for f in summary.blocks:
            lines.append(
                f"| {f.block.start_text}–{f.block.end_text} | {markdown_text(f.block.category)} | "
                f"{markdown_text(f.block.title)} | "
                f"{duration(f.planned)} | {worked(f)} | {f.interruptions} | {f.state.replace('_', ' ')} |"
            )
    return "\n".join(lines) + "\n"
