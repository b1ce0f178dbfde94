"""The config as frozen, typed objects, on the built-in defaults of DESIGN §6.

Every key of a parsed TOML document is checked: an unknown key or a bad value is a FocusError naming
the file and the key. Reading the file is ``focus.store.config_file``'s job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from focus.core import source_config
from focus.core.clock import system_zone_name, zone
from focus.core.config_values import Section, boolean, count, local_time, positive_int, string, strings
from focus.core.debrief import QUESTIONS
from focus.core.errors import FocusError
from focus.core.source_config import ActivityWatchConfig, ImapAccount, NotifyConfig
from focus.core.text import problem as text_problem
from focus.core.timeparse import WEEKDAYS, parse_range
from focus.i18n import LANGUAGES, _

MODES = ("proactive", "reactive", "neutral")
INTERRUPTION_KINDS = ("email", "phone", "chat", "walk-in", "self", "other")
DEFAULT_OUTCOMES = ("call", "meeting", "quote", "deal")
DEFAULT_CATEGORIES = {
    "calls": "proactive",
    "visits": "proactive",
    "followup": "proactive",
    "quotes": "proactive",
    "email": "reactive",
    "admin": "reactive",
    "lunch": "neutral",
    "fika": "neutral",
    "travel": "neutral",
    "internal": "neutral",
}
DEFAULT_INTERRUPTION_MINUTES = {"email": 5, "phone": 5, "chat": 2, "walk-in": 5, "self": 2, "other": 5}
DEFAULT_TEMPLATE = (
    "08:30-08:45 email",
    "09:00-10:00 visits",
    "10:15-10:45 calls",
    "11:00-12:00 visits",
    "12:00-12:45 lunch",
    "12:45-13:00 email",
    "13:00-14:00 visits",
    "14:15-15:30 calls",
    "15:30-15:45 email",
    "16:00-17:00 visits",
)
DEFAULT_CALENDAR_RULES = ({"match": "(?i)kundbesök|visit|customer", "category": "visits"},)
MAX_CALENDAR_DAYS = 366  # sources.calendar.days: the calendar is read at most a year (and a day) ahead


class Category(NamedTuple):
    name: str
    mode: str
    meeting: bool = False


class TemplateBlock(NamedTuple):
    start: dt.time
    end: dt.time
    category: str
    title: str


class Work(NamedTuple):
    start: dt.time = dt.time(8)
    end: dt.time = dt.time(17)
    days: tuple[int, ...] = (0, 1, 2, 3, 4)  # Monday is 0


class Targets(NamedTuple):
    email_checks_per_day: int = 3
    visits_per_day: int = 4
    visit_days_per_week: int = 3


class CalendarRule(NamedTuple):
    match: str
    category: str


DEFAULT_WORK, DEFAULT_TARGETS = Work(), Targets()


@dataclass(frozen=True)
class Config:
    timezone: str
    work: Work = field(default_factory=Work)
    categories: dict[str, Category] = field(default_factory=dict)
    interruption_minutes: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_INTERRUPTION_MINUTES))
    outcomes: tuple[str, ...] = DEFAULT_OUTCOMES
    targets: Targets = field(default_factory=Targets)
    debrief_time: dt.time = dt.time(17, 3)
    debrief_questions: dict[str, str] = field(default_factory=dict)
    focus_minutes: int = 25
    auto_start: bool = True
    template: tuple[TemplateBlock, ...] = ()
    maildir_paths: tuple[str, ...] = ()
    burst_seconds: int = 120  # mailbox activity within this is one email check, whoever noticed it (rule 11)
    imap: tuple[ImapAccount, ...] = ()
    activitywatch: ActivityWatchConfig | None = None
    notify: NotifyConfig = field(default_factory=NotifyConfig)
    calendar_path: str = ""
    calendar_rules: tuple[CalendarRule, ...] = ()
    calendar_days: int = 14
    calendar_default_category: str = "internal"
    csv_delimiter: str | None = None  # None: the language's (";" in Swedish, for its Excel; "," in English)
    seller: str = ""
    language: str | None = None  # None: from the environment (focus.i18n.from_environment)
    deals_per_week: float = 0
    fixed_rates: dict[str, float] = field(default_factory=dict)
    source: Path | None = None

    @cached_property
    def modes(self) -> dict[str, str]:
        """Each category's mode."""
        return {name: category.mode for name, category in self.categories.items()}

    @cached_property
    def meetings(self) -> frozenset[str]:
        """The categories whose blocks are customer visits."""
        return frozenset(name for name, category in self.categories.items() if category.meeting)

    def category(self, name: str) -> Category:
        """The category called ``name``; a FocusError listing the known ones otherwise."""
        try:
            return self.categories[name]
        except KeyError:
            raise FocusError(
                _("unknown category {name}; known: {known}").format(name=repr(name), known=", ".join(self.categories))
            ) from None


def defaults() -> Config:
    """The built-in configuration."""
    return parse({}, None)


def parse(data: dict[str, Any], path: Path | None, ask_system_zone: Callable[[], str | None] | None = None) -> Config:
    """Check every key of a parsed TOML document and build the Config; without a ``timezone`` key the
    machine's zone (``ask_system_zone``: the shell's lookup where $TZ and /etc/localtime say none)."""
    root = Section(data, "", path)
    timezone = root.take("timezone", _zone_name, None) or system_zone_name(ask_system_zone)
    work = root.section("work")
    work_cfg = Work(
        start=work.take("start", local_time, DEFAULT_WORK.start),
        end=work.take("end", local_time, DEFAULT_WORK.end),
        days=work.take("days", _weekdays, DEFAULT_WORK.days),
    )
    work.done()
    if work_cfg.end <= work_cfg.start:
        raise root.error("work", _("end must come after start"))
    categories = _categories(root.section("categories"))
    interruptions = root.section("interruptions")
    minutes = {
        kind: interruptions.take(kind, positive_int, default) for kind, default in DEFAULT_INTERRUPTION_MINUTES.items()
    }
    interruptions.done()
    outcomes = root.take("outcomes", _outcome_names, DEFAULT_OUTCOMES)
    targets = root.section("targets")
    targets_cfg = Targets(
        email_checks_per_day=targets.take("email_checks_per_day", count, DEFAULT_TARGETS.email_checks_per_day),
        visits_per_day=targets.take("visits_per_day", count, DEFAULT_TARGETS.visits_per_day),
        visit_days_per_week=targets.take("visit_days_per_week", count, DEFAULT_TARGETS.visit_days_per_week),
    )
    targets.done()
    debrief = root.section("debrief")
    debrief_time = debrief.take("time", local_time, dt.time(17, 3))
    asked = debrief.section("questions")
    debrief_questions = {name: asked.take(name, string, text) for name, text in QUESTIONS.items()}
    asked.done()
    debrief.done()
    report = root.section("report")
    focus_minutes = report.take("focus_minutes", positive_int, 25)
    report.done()
    plan = root.section("plan")
    auto_start = plan.take("auto_start", boolean, True)
    template = plan.take("template", lambda v: _template(v, categories), None)
    if template is None:
        template = _template(list(DEFAULT_TEMPLATE), categories)
    plan.done()
    sources = root.section("sources")
    burst_seconds = sources.take("burst_seconds", positive_int, 120)
    maildir = sources.section("maildir")
    maildir_paths = maildir.take("paths", strings, ())
    burst_seconds = maildir.take("burst_seconds", positive_int, burst_seconds)  # its older place
    maildir.done()
    imap = source_config.imap_accounts(sources.data.pop("imap", []), sources)
    activitywatch = source_config.activitywatch(sources.section("activitywatch"))
    calendar = sources.section("calendar")
    calendar_path = calendar.take("path", string, "")
    calendar_days = calendar.take("days", _calendar_days, 14)
    calendar_default = calendar.take("default_category", string, "internal")
    if calendar_default and calendar_default not in categories:
        raise calendar.error(
            "sources.calendar.default_category",
            _("unknown category {calendar_default}").format(calendar_default=repr(calendar_default)),
        )
    calendar_rules = calendar.take("rules", lambda v: _rules(v, categories), None)
    if calendar_rules is None:
        calendar_rules = _rules(list(DEFAULT_CALENDAR_RULES), categories)
    calendar.done()
    sources.done()
    notify = source_config.notify(root.section("notify"))
    export = root.section("export")
    csv_delimiter = export.take("csv_delimiter", check_delimiter, None)
    export.done()
    seller = root.take("seller", string, "")
    language = root.take("language", _language, None)
    forecast = root.section("forecast")
    deals_per_week = forecast.take("deals_per_week", _rate_number, 0)
    fixed_rates = forecast.take("rates", lambda v: _rates(v, outcomes), {})
    forecast.done()
    root.done()
    return Config(
        timezone=timezone,
        work=work_cfg,
        categories=categories,
        interruption_minutes=minutes,
        outcomes=outcomes,
        targets=targets_cfg,
        debrief_time=debrief_time,
        debrief_questions=debrief_questions,
        focus_minutes=focus_minutes,
        auto_start=auto_start,
        template=template,
        maildir_paths=maildir_paths,
        burst_seconds=burst_seconds,
        imap=imap,
        activitywatch=activitywatch,
        notify=notify,
        calendar_path=calendar_path,
        calendar_rules=calendar_rules,
        calendar_days=calendar_days,
        calendar_default_category=calendar_default,
        csv_delimiter=csv_delimiter,
        seller=seller,
        language=language,
        deals_per_week=deals_per_week,
        fixed_rates=fixed_rates,
        source=path,
    )


def _categories(section: Section) -> dict[str, Category]:
    categories = {name: Category(name, mode, meeting=(name == "visits")) for name, mode in DEFAULT_CATEGORIES.items()}
    for name in list(section.data):
        if not re.fullmatch(r"[a-z][a-z0-9_-]*", name):
            raise section.error(section.key(name), _("a category name is lowercase letters, digits, - or _"))
        table = section.section(name)
        known = categories.get(name)
        mode = table.take("mode", _mode, known.mode if known else None)
        if mode is None:
            raise section.error(
                section.key(name) + ".mode", _("missing: one of {modes}").format(modes=", ".join(MODES))
            )
        meeting = table.take("meeting", boolean, known.meeting if known else False)
        table.done()
        categories[name] = Category(name, mode, meeting)
    return categories


def _calendar_days(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CALENDAR_DAYS:
        raise ValueError(
            _("must be a whole number of days from 1 to {most}, not {value}").format(
                most=MAX_CALENDAR_DAYS, value=repr(value)
            )
        )
    return value


def _language(value: Any) -> str:
    if value not in LANGUAGES:
        raise ValueError(
            _("must be one of {languages}, not {value}").format(
                languages=", ".join(map(repr, LANGUAGES)), value=repr(value)
            )
        )
    return str(value)


def _zone_name(value: Any) -> str:
    name = string(value)
    zone(name)
    return name


def _weekdays(value: Any) -> tuple[int, ...]:
    days = strings(value)
    for day in days:
        if day not in WEEKDAYS:
            raise ValueError(_("{day} is not one of {weekdays}").format(day=repr(day), weekdays=", ".join(WEEKDAYS)))
    return tuple(sorted({WEEKDAYS.index(day) for day in days}))


def _mode(value: Any) -> str:
    if value not in MODES:
        raise ValueError(_("must be one of {modes}, not {value}").format(modes=", ".join(MODES), value=repr(value)))
    return str(value)


def _outcome_names(value: Any) -> tuple[str, ...]:
    names = strings(value)
    if not names or len(set(names)) != len(names):
        raise ValueError(_("must be a non-empty list of distinct names, in funnel order"))
    return names


def _template(value: Any, categories: dict[str, Category]) -> tuple[TemplateBlock, ...]:
    blocks = []
    for entry in strings(value):
        parts = entry.split(maxsplit=2)
        if len(parts) < 2:
            raise ValueError(f'{entry!r}: use "START-END CATEGORY [TITLE]"')
        start, end = parse_range(parts[0])
        if parts[1] not in categories:
            raise ValueError(
                _("{entry}: unknown category {category}").format(entry=repr(entry), category=repr(parts[1]))
            )
        blocks.append(TemplateBlock(start, end, parts[1], parts[2] if len(parts) > 2 else ""))
    ordered = sorted(blocks, key=lambda block: block.start)
    for before, after in zip(ordered, ordered[1:]):
        if after.start < before.end:
            raise ValueError(
                _("blocks at {first:%H:%M} and {second:%H:%M} overlap").format(first=before.start, second=after.start)
            )
    return tuple(ordered)


def _rules(value: Any, categories: dict[str, Category]) -> tuple[CalendarRule, ...]:
    if not isinstance(value, list):
        raise ValueError(_('must be a list of {match = "regex", category = "name"}'))
    rules = []
    for item in value:
        if not isinstance(item, dict) or set(item) != {"match", "category"}:
            raise ValueError(_('each rule is {match = "regex", category = "name"}'))
        try:
            re.compile(string(item["match"]))
        except re.error as exc:
            raise ValueError(
                _("bad regular expression {pattern}: {exc}").format(pattern=repr(item["match"]), exc=exc)
            ) from None
        if item["category"] not in categories:
            raise ValueError(_("unknown category {category}").format(category=repr(item["category"])))
        rules.append(CalendarRule(item["match"], item["category"]))
    return tuple(rules)


def _rate_number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(_("must be a number of 0 or more, not {value}").format(value=repr(value)))
    return float(value)


def _rates(value: Any, outcomes: tuple[str, ...]) -> dict[str, float]:
    if not isinstance(value, dict):
        raise ValueError(_("must be a table such as {meeting = 0.08, quote = 0.4, deal = 0.3}"))
    for name, rate in value.items():
        if name not in outcomes[1:]:
            raise ValueError(
                _("{name}: rates are per later funnel stage: {stages}").format(
                    name=repr(name), stages=", ".join(outcomes[1:])
                )
            )
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 < rate <= 1:
            raise ValueError(_("{name} = {rate}: a rate lies between 0 and 1").format(name=name, rate=repr(rate)))
    return {name: float(rate) for name, rate in value.items()}


def check_delimiter(value: Any) -> str:
    """A CSV delimiter: one character, not a quote or a line break (``export.csv_delimiter``, ``--delimiter``)."""
    text = string(value)
    if len(text) != 1 or text in '"\r\n' or text_problem(text):
        raise ValueError(_("must be one character such as , or ;, not {text}").format(text=repr(text)))
    return text
