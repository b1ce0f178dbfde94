"""The rules of DESIGN §3, each tested directly on the pure functions (no database, no CLI)."""

from __future__ import annotations

import datetime as dt

import pytest

from focus.core import accounting as acc
from focus.core import config as cfg
from focus.core.clock import local_ms, zone
from focus.core.model import Block, DayLog, Interruption, Outcome, Session

TZ = zone("Europe/Stockholm")
DAY = dt.date(2026, 11, 24)
CONFIG = cfg.defaults()
M = 60_000


def t(hhmm: str, day: dt.date = DAY) -> int:
    hour, minute = map(int, hhmm.split(":"))
    return local_ms(day, dt.time(hour, minute), TZ)


def irq(start: str, kind: str = "email", end: str | None = None, back: str | None = None, id: str | None = None):
    return Interruption(id or f"i{start}", kind, t(start), t(end) if end else None, t(back) if back else None)


def session(start: str, end: str | None, category: str = "calls", block: str = "b1"):
    return Session(block, category, t(start), t(end) if end else None)


def block(start: str, end: str, category: str = "calls", id: str = "b1"):
    return Block(id, DAY, t(start), t(end), start, end, category, category)


def summary(sessions=(), interruptions=(), blocks=(), outcomes=(), now: str = "23:59"):
    log = DayLog(DAY, tuple(blocks), tuple(sessions), tuple(interruptions), tuple(outcomes))
    return acc.summarize(log, CONFIG, TZ, t(now))


# Rule 2 ------------------------------------------------------------------------------------------


def test_default_duration_applies_without_an_end():
    resolved = acc.resolve_interruptions([irq("10:00", "phone")], CONFIG.interruption_minutes)
    assert resolved[0][2] - resolved[0][1] == 5 * M


def test_default_duration_is_cut_short_by_the_next_interruption():
    resolved = acc.resolve_interruptions([irq("10:00", "email"), irq("10:03", "chat")], CONFIG.interruption_minutes)
    assert [(b - a) // M for _, a, b in resolved] == [3, 2]


def test_an_explicit_end_lasts_exactly_that_long_even_if_another_starts():
    resolved = acc.resolve_interruptions(
        [irq("10:00", "phone", end="10:20"), irq("10:05", "chat")], CONFIG.interruption_minutes
    )
    assert [(b - a) // M for _, a, b in resolved] == [20, 2]


def test_back_to_work_ends_an_interruption_early():
    resolved = acc.resolve_interruptions([irq("10:00", "walk-in", back="10:01")], CONFIG.interruption_minutes)
    assert resolved[0][2] - resolved[0][1] == M


def test_the_running_interruption_is_the_one_covering_now():
    resolved = acc.resolve_interruptions([irq("10:00"), irq("10:03", "chat")], CONFIG.interruption_minutes)
    assert acc.running_interruption(resolved, t("10:04")).kind == "chat"
    assert acc.running_interruption(resolved, t("10:06")) is None


# Rules 1, 3 --------------------------------------------------------------------------------------


def test_overlapping_interruptions_count_once():
    s = summary(interruptions=[irq("10:00", "phone", end="10:10"), irq("10:05", "chat", end="10:15")])
    assert s.totals["reactive"] == 15 * M and s.tracked == 15 * M


def test_an_interruption_inside_a_session_is_reactive_not_the_sessions_mode():
    s = summary(sessions=[session("09:00", "10:00")], interruptions=[irq("09:30", "phone", end="09:40")])
    assert s.totals == {"proactive": 50 * M, "reactive": 10 * M, "neutral": 0}


def test_a_session_takes_its_categorys_mode():
    s = summary(sessions=[session("09:00", "09:30", "admin"), session("12:00", "12:45", "lunch", "b2")])
    assert s.totals == {"proactive": 0, "reactive": 30 * M, "neutral": 45 * M}


def test_overlapping_sessions_count_once_the_latest_started_wins():
    s = summary(sessions=[session("09:00", "10:00", "calls"), session("09:30", "09:45", "lunch", "b2")])
    assert s.totals == {"proactive": 45 * M, "reactive": 0, "neutral": 15 * M}
    assert s.tracked == 60 * M


# Rule 4 ------------------------------------------------------------------------------------------


def test_proactive_share_ignores_neutral_time():
    s = summary(
        sessions=[session("09:00", "10:00"), session("12:00", "13:00", "lunch", "b2")],
        interruptions=[irq("09:00", "phone", end="09:20")],
    )
    assert s.proactive_share == pytest.approx(40 / 60)


def test_proactive_share_is_none_without_proactive_or_reactive_time():
    assert summary(sessions=[session("12:00", "13:00", "lunch")]).proactive_share is None


# Rule 5 ------------------------------------------------------------------------------------------


def test_untracked_is_work_hours_minus_tracked_within_them():
    s = summary(sessions=[session("07:00", "09:00"), session("16:30", "18:00", block="b2")])
    assert s.work == 9 * 60 * M
    assert s.untracked == (9 * 60 - 60 - 30) * M


def test_untracked_is_zero_on_a_day_off():
    saturday = dt.date(2026, 11, 28)
    log = DayLog(saturday, (), (), (), ())
    s = acc.summarize(log, CONFIG, TZ, t("12:00", saturday))
    assert s.work == 0 and s.untracked == 0


def test_untracked_on_today_counts_only_the_work_hours_so_far():
    assert summary(sessions=[session("08:00", "09:00")], now="10:00").untracked == 60 * M


# Rule 6 ------------------------------------------------------------------------------------------


def test_focus_stretches_break_at_interruptions():
    s = summary(
        sessions=[session("09:00", "11:00")],
        interruptions=[irq("09:30", "chat", end="09:31"), irq("10:31", "self", end="10:32")],
    )
    # runs: 30, 60, 28 → longest 60; ≥ 25: all three
    assert s.longest_focus == 60 * M and s.focus_stretches == 3


def test_back_to_back_proactive_blocks_are_one_stretch_but_a_gap_breaks_it():
    s = summary(
        sessions=[
            session("09:00", "09:20"),
            session("09:20", "09:40", "quotes", "b2"),
            session("09:45", "10:00", block="b3"),
        ]
    )
    assert s.longest_focus == 40 * M and s.focus_stretches == 1


def test_neutral_time_is_not_a_focus_stretch():
    assert summary(sessions=[session("12:00", "13:00", "lunch")]).longest_focus == 0


# Rule 7 ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("worked_until, state", [("09:48", "kept"), ("09:47", "not_kept")])
def test_a_block_is_kept_at_80_percent(worked_until, state):
    s = summary(blocks=[block("09:00", "10:00")], sessions=[session("09:00", worked_until)])
    assert s.blocks[0].state == state


def test_a_block_without_session_is_not_tracked_or_upcoming():
    s = summary(blocks=[block("09:00", "10:00"), block("14:00", "15:00", id="b2")], now="12:00")
    assert [f.state for f in s.blocks] == ["not_tracked", "upcoming"]
    assert s.blocks[0].worked == 0


def test_block_counts_interruptions_that_start_during_its_sessions():
    s = summary(
        blocks=[block("09:00", "10:00")],
        sessions=[session("09:00", "09:30")],
        interruptions=[irq("08:59", end="09:05"), irq("09:10"), irq("09:30"), irq("09:45")],
    )
    assert s.blocks[0].interruptions == 1  # only 09:10; 08:59 started before, 09:30 after the end


def test_a_block_with_several_sessions_sums_them():
    s = summary(blocks=[block("09:00", "10:00")], sessions=[session("09:00", "09:20"), session("09:30", "10:00")])
    assert s.blocks[0].worked == 50 * M and s.blocks[0].state == "kept"


# Rule 8 ------------------------------------------------------------------------------------------


def test_a_running_session_counts_to_now_and_its_block_is_running():
    s = summary(blocks=[block("09:00", "10:00")], sessions=[session("09:00", None)], now="09:40")
    assert s.totals["proactive"] == 40 * M and s.blocks[0].state == "running"
    assert s.running_session is not None


def test_a_running_interruption_counts_to_now():
    s = summary(interruptions=[irq("09:00", "walk-in")], now="09:03")
    assert s.totals["reactive"] == 3 * M and s.running_interruption.kind == "walk-in"


def test_future_events_count_nothing_yet():
    s = summary(sessions=[session("15:00", "16:00")], interruptions=[irq("15:10")], now="12:00")
    assert s.tracked == 0


# Rule 10 -----------------------------------------------------------------------------------------


def test_intervals_are_clipped_to_the_day():
    late = Session("b1", "calls", t("23:00", DAY - dt.timedelta(days=1)), t("01:00"))
    s = summary(sessions=[late])
    assert s.totals["proactive"] == 60 * M


# Outcomes ----------------------------------------------------------------------------------------


def test_outcomes_are_summed_in_funnel_order():
    s = summary(
        outcomes=[Outcome("call", 10, t("09:00")), Outcome("deal", 1, t("10:00")), Outcome("call", 5, t("11:00"))]
    )
    assert s.outcomes == {"call": 15, "meeting": 0, "quote": 0, "deal": 1}


def test_a_stop_and_a_start_at_the_same_instant_hand_over():
    from focus.core import daylog
    from focus.core.model import Event

    tick = lambda hhmm: t(hhmm)  # noqa: E731
    events = [
        Event(
            "01A", tick("09:00"), "Europe/Stockholm", "2026-11-24", "session.start", {"block": "a", "category": "calls"}
        ),
        Event(
            "01B",
            tick("09:30"),
            "Europe/Stockholm",
            "2026-11-24",
            "session.start",
            {"block": "b", "category": "quotes"},
        ),
        Event("01Z", tick("09:30"), "Europe/Stockholm", "2026-11-24", "session.stop", {}),
    ]  # auto-stop of a
    assert [(s.block_id, s.start, s.end) for s in daylog.sessions(events)] == [
        ("a", tick("09:00"), tick("09:30")),
        ("b", tick("09:30"), None),
    ]


def test_a_replanned_blocks_category_decides_its_sessions_mode():
    s = summary(blocks=[block("09:00", "10:00", "admin")], sessions=[session("09:00", "10:00", "calls")])
    assert s.totals == {"proactive": 0, "reactive": 60 * M, "neutral": 0}
