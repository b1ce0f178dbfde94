"""DESIGN §3 rule 11, one email check whoever noticed it: the pure rule, then through the report, the
week and "back to work" on a real database."""

from __future__ import annotations

import datetime as dt

from focus.core import config, email_checks
from focus.core.accounting import resolve_checks
from focus.core.clock import Clock
from focus.core.model import Interruption
from focus.store.database import Store
from focus.tracking import Tracker

ZONE = "Europe/Stockholm"
DAY = "2026-11-24"
MINUTE = 60_000
T0 = 1_795_000_000_000  # some instant; only differences matter in the pure tests
MINUTES = config.DEFAULT_INTERRUPTION_MINUTES


def email(at_minutes: float, source: str, id: str, **kw) -> Interruption:
    return Interruption(id, "email", T0 + int(at_minutes * MINUTE), None, source=source, **kw)


def test_a_key_and_imap_seeing_the_same_read_are_one_check_that_both_noticed():
    checks = email_checks.merge([email(0, "tui", "a"), email(1, "imap", "b")], 120, MINUTES)
    assert len(checks) == 1
    check = checks[0]
    assert (check.id, check.start, check.noticed_by) == ("a", T0, ("pressed", "imap"))
    [(_, start, end)] = resolve_checks(checks, config.defaults())
    assert (start, end) == (T0, T0 + 6 * MINUTE)  # the later part's default end: 10:01 + 5 min


def test_activity_that_grew_a_check_carries_the_burst_on():
    grown = email(0, "imap", "a", until=T0 + 4 * MINUTE, last_activity=T0 + 3 * MINUTE)
    joined = email(4.5, "activitywatch", "b")  # 90 s after the last activity, 4.5 min after the start
    [check] = email_checks.merge([grown, joined], 120, MINUTES)
    assert check.noticed_by == ("imap", "activitywatch")
    assert check.last_activity == T0 + int(4.5 * MINUTE)


def test_checks_further_apart_than_the_burst_stay_two():
    checks = email_checks.merge([email(0, "tui", "a"), email(3, "imap", "b")], 120, MINUTES)
    assert [c.id for c in checks] == ["a", "b"]
    assert email_checks.noticed_counts(checks) == {"pressed": 1, "imap": 1}


def test_back_to_work_ends_the_whole_check_and_the_next_interruption_cuts_it():
    parts = [email(0, "tui", "a", back=T0 + 2 * MINUTE), email(1, "imap", "b")]
    [(_, _, end)] = resolve_checks(parts, config.defaults())
    assert end == T0 + 2 * MINUTE
    phone = Interruption("c", "phone", T0 + 3 * MINUTE, None, source="tui")
    resolved = resolve_checks([email(0, "tui", "a"), email(1, "imap", "b"), phone], config.defaults())
    assert [(item.id, end - T0) for item, _, end in resolved] == [("a", 3 * MINUTE), ("c", 8 * MINUTE)]


def test_other_kinds_are_never_merged():
    calls = [Interruption(str(n), "phone", T0 + n * MINUTE, None) for n in range(3)]
    assert len(email_checks.merge(calls, 120, MINUTES)) == 3


def test_the_words_say_who_noticed_largest_first_and_nothing_when_all_were_pressed():
    assert email_checks.noticed_words({"pressed": 1, "imap": 3}) == "3 noticed by IMAP, 1 pressed"
    assert email_checks.noticed_words({"pressed": 4}) == ""


def at(time: str) -> int:
    return int(dt.datetime.fromisoformat(f"{DAY}T{time}").replace(tzinfo=Clock.fixed(ZONE, DAY).tz).timestamp() * 1000)


def test_the_report_and_the_week_count_one_check_and_say_who_noticed(focus):
    focus("log", "email", "--date", DAY, "--at", "10:01")  # pressed while IMAP saw the read at 10:00
    imap = Tracker(Store(focus.paths.db_file), config.defaults(), Clock.fixed(ZONE, f"{DAY}T18:00"), source="imap")
    for time in ("10:00", "10:30", "14:00"):
        imap.log("email", at(time))
    focus("log", "email", "--date", DAY, "--at", "16:00")
    report = focus.json("report", DAY)
    assert report["interruptions"]["by_kind"]["email"] == 4
    assert report["interruptions"]["email_noticed_by"] == {"imap": 3, "pressed": 1}
    assert "email 4/3 over budget · 3 noticed by IMAP, 1 pressed" in focus("report", DAY).stdout
    week = focus.json("week", "2026-W48")
    assert week["totals"]["interruptions"]["by_kind"]["email"] == 4
    assert week["totals"]["interruptions"]["email_noticed_by"] == {"imap": 3, "pressed": 1}
    assert focus.json("week", "2026-W48")["totals"] == week["totals"]  # the same from the day cache


def test_back_ends_a_check_that_two_sources_noticed(focus):
    imap = Tracker(Store(focus.paths.db_file), config.defaults(), Clock.fixed(ZONE, f"{DAY}T10:02"), source="imap")
    imap.log("email", at("10:00"))
    focus("log", "email", "--date", DAY, "--at", "10:01")
    focus("back", "--date", DAY, "--at", "10:02", now=f"{DAY}T10:02")
    report = focus.json("report", DAY)
    assert report["interruptions"]["by_kind"]["email"] == 1
    assert report["seconds"]["reactive"] == 2 * 60


def test_a_late_notice_after_back_to_work_does_not_take_the_seller_back_into_the_check():
    # e at 10:00, back at 10:01; IMAP sees the mail program's delayed \\Seen at 10:01:10
    parts = [email(0, "tui", "a", back=T0 + MINUTE), email(70 / 60, "imap", "b")]
    [(check, _, end)] = resolve_checks(parts, config.defaults())
    assert check.noticed_by == ("pressed", "imap")
    assert end == T0 + 70_000  # not 10:06:10: the notice's own default length does not count
    reading_again = [email(0, "tui", "a", back=T0 + MINUTE), email(4, "imap", "b")]  # beyond the burst
    assert [end - start for _, start, end in resolve_checks(reading_again, config.defaults())] == [MINUTE, 5 * MINUTE]
