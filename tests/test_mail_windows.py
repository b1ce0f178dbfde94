"""Which windows are mail (the default app and title patterns), and the pure reading of ActivityWatch's
data: visits, presence, the judgement of what counts, the choice of buckets."""

from __future__ import annotations

import tomllib

import pytest

from focus.core import activitywatch as aw
from focus.core import config
from focus.core.errors import FocusError
from focus.core.mail_windows import MailMatcher
from focus.core.source_config import DEFAULT_AW_APPS, DEFAULT_AW_TITLES

DEFAULTS = MailMatcher(DEFAULT_AW_APPS, DEFAULT_AW_TITLES)
ZWSP = "\u200b"  # Edge writes "Microsoft\u200b Edge"

MAIL = [
    # (app, title, label)
    ("OUTLOOK.EXE", "Inkorgen - anna@x.se - Outlook", "OUTLOOK.EXE"),
    ("olk.exe", "Mail - Anna Svensson - Outlook", "olk.exe"),
    ("Microsoft Outlook", "Inbox • anna@x.se", "Microsoft Outlook"),
    ("Mail", "Inkorg – 12 meddelanden", "Mail"),
    ("thunderbird", "Inbox - anna@x.se - Mozilla Thunderbird", "thunderbird"),
    ("thunderbird.exe", "Inkorgen - Mozilla Thunderbird", "thunderbird.exe"),
    ("org.mozilla.Thunderbird", "Inbox", "org.mozilla.Thunderbird"),
    ("Geary", "Inbox — anna@x.se", "Geary"),
    ("Google-chrome", "Inkorgen (12) – anna@x.se – Gmail – Google Chrome", "Gmail (Google-chrome)"),
    ("firefox", "Inbox (3) - Gmail - Mozilla Firefox", "Gmail (firefox)"),
    ("firefox", "Re: Offert Q3 - anna@x.se - Gmail — Mozilla Firefox", "Gmail (firefox)"),
    ("chrome.exe", "Mail - Anna Svensson - Outlook - Google Chrome", "Outlook (chrome.exe)"),
    ("msedge.exe", f"Inkorgen – anna@x.se – Outlook – Microsoft{ZWSP} Edge", "Outlook (msedge.exe)"),
    (
        "msedge.exe",
        f"Mail - Anna Svensson - Outlook and 3 more pages - Work - Microsoft{ZWSP} Edge",
        "Outlook (msedge.exe)",
    ),
    ("Safari", "E-post – Anna Svensson – Outlook", "Outlook (Safari)"),
    ("Firefox", "Inbox – anna@fastmail.com – Fastmail — Mozilla Firefox", "Fastmail (Firefox)"),
    ("Brave-browser", "Inbox | anna@proton.me | Proton Mail - Brave", "Proton Mail (Brave-browser)"),
    ("firefox", "Inkorgen – anna@foretag.se – Webbmejl — Mozilla Firefox", "webmail (firefox)"),
]

NOT_MAIL = [
    ("chrome.exe", "Outlook for the quarter – Google Docs - Google Chrome"),
    ("firefox", "Sales outlook 2027 - Google Sheets — Mozilla Firefox"),
    ("firefox", "Q3 – Outlook – Google Docs — Mozilla Firefox"),
    ("firefox", "How to set up Gmail filters - YouTube — Mozilla Firefox"),
    ("Google-chrome", "Gmail tips – Google Docs – Google Chrome"),
    ("firefox", "Inbox – Todoist — Mozilla Firefox"),
    ("firefox", "Inbox Zero: the method - YouTube — Mozilla Firefox"),
    ("Code", "mail_windows.py - focus - Visual Studio Code"),
    ("WINWORD.EXE", "Outlook 2027.docx - Word"),
    ("Slack", "Mailbox Mike (DM) - Acme - Slack"),
    ("mailman", "Mailman admin"),
    ("gnome-terminal-server", "anna@laptop: ~/mail"),
]


@pytest.mark.parametrize(("app", "title", "label"), MAIL)
def test_the_default_patterns_see_mail_windows(app, title, label):
    assert DEFAULTS.label(app, title) == label


@pytest.mark.parametrize(("app", "title"), NOT_MAIL)
def test_the_default_patterns_let_other_windows_be(app, title):
    assert DEFAULTS.label(app, title) is None


def test_a_label_is_visible_text_and_never_the_title():
    label = DEFAULTS.label("fire\x1b[31mfox\n", "Hemligt: lönelista - anna@x.se - Gmail")
    assert label == "Gmail (fire\ufffd[31mfox)"
    assert "Hemligt" not in label
    assert DEFAULTS.label("OUTLOOK" + "X" * 200 + ".EXE", "") is None
    long_app = "thunderbird"
    assert DEFAULTS.label(long_app, "x" * 100_000) == "thunderbird"


def test_the_config_takes_patterns_and_refuses_a_bad_one():
    def parse(text: str) -> config.Config:
        return config.parse(tomllib.loads(text), None)

    parsed = parse('[sources.activitywatch]\nurl = "http://127.0.0.1:5666/"\napps = ["^Superhuman$"]\ntitles = []\n')
    assert parsed.activitywatch == (
        "http://127.0.0.1:5666",
        ("^Superhuman$",),
        (),
        5,
        60,
    )
    matcher = MailMatcher(parsed.activitywatch.apps, parsed.activitywatch.titles)
    assert matcher.label("Superhuman", "") == "Superhuman"
    assert matcher.label("OUTLOOK.EXE", "Inbox - Outlook") is None
    assert parse("[sources.activitywatch]\nenabled = false\n").activitywatch is None
    assert parse("").activitywatch is None
    with pytest.raises(FocusError, match=r"sources\.activitywatch\.titles: bad regular expression"):
        parse('[sources.activitywatch]\ntitles = ["(gmail"]\n')


# -- reading ActivityWatch's events --------------------------------------------------------------------

T0 = aw.parse_time("2026-11-24T09:00:00+00:00") or 0


def event(offset_s: float, duration_s: float, **data) -> dict:
    return {"id": 1, "timestamp": aw.iso(T0 + round(offset_s * 1000)), "duration": duration_s, "data": data}


def test_timestamps_from_both_servers_parse():
    assert aw.parse_time("2026-11-24T09:00:00.123000+00:00") == T0 + 123
    assert aw.parse_time("2026-11-24T09:00:00.123456789Z") == T0 + 123  # aw-server-rust's nanoseconds
    assert aw.parse_time("2026-11-24T10:00:00+01:00") == T0
    for bad in ("2026-11-24T09:00:00", "yesterday", "", 17, None, "9" * 100):
        assert aw.parse_time(bad) is None


def test_events_that_are_not_events_are_skipped_not_raised():
    garbage = [
        None,
        "x",
        {"timestamp": "nope", "duration": 1, "data": {}},
        {"timestamp": aw.iso(T0), "duration": float("nan"), "data": {}},
        {"timestamp": aw.iso(T0), "duration": True, "data": {}},
        {"timestamp": aw.iso(T0), "duration": -1, "data": {}},
        {"timestamp": aw.iso(T0), "duration": 1, "data": []},
        {"timestamp": aw.iso(T0), "duration": 1, "data": {"app": 5, "title": "x"}},
        event(0, 30, app="OUTLOOK.EXE", title="Inbox"),
    ]
    events, skipped = aw.window_events(garbage)
    assert (len(events), skipped) == (1, 8)
    here, skipped = aw.presence([*garbage, event(0, 10, status="not-afk"), event(5, 1, status="away")])
    assert (here.present, skipped) == ([aw.Span(T0, T0 + 10_000)], 10)
    with pytest.raises(ValueError):
        aw.window_events({"not": "a list"})


def judge(window: list[dict], afk: list[dict] | None, done: int = T0, now_s: float = 3600, min_s: float = 5):
    events, _ = aw.window_events(window)
    here = aw.presence(afk)[0] if afk is not None else None
    frontier = max((e.end for e in events), default=done)
    return aw.judge(aw.visits(events, DEFAULTS), here, done, frontier, T0 + round(now_s * 1000), round(min_s * 1000))


def test_a_mail_window_while_present_counts_at_the_moment_the_user_was_there():
    window = [
        event(0, 60, app="code", title="x"),
        event(60, 30, app="OUTLOOK.EXE", title="Inbox"),
        event(90, 5, app="x"),
    ]
    result = judge(window, [event(0, 70, status="not-afk"), event(70, 200, status="afk")], min_s=15)
    assert result.noticed == []  # present only 10 s of it (60 s to 70 s)
    result = judge(window, [event(0, 70, status="not-afk"), event(70, 200, status="afk")], min_s=10)
    assert result.noticed == [aw.Noticed(T0 + 60_000, T0 + 60_000, "OUTLOOK.EXE")]
    result = judge(
        window, [event(0, 30, status="not-afk"), event(30, 50, status="afk"), event(80, 60, status="not-afk")]
    )
    assert result.noticed == [aw.Noticed(T0 + 80_000, T0 + 60_000, "OUTLOOK.EXE")]  # came back at 80 s
    assert result.done == T0 + 95_000


def test_while_afk_or_too_short_nothing_counts_and_the_judgement_moves_on():
    window = [event(0, 30, app="OUTLOOK.EXE", title="Inbox"), event(30, 5, app="x")]
    assert judge(window, [event(0, 300, status="afk")]) == aw.Judgement([], T0 + 35_000)
    short = [event(0, 4, app="OUTLOOK.EXE", title="Inbox"), event(4, 30, app="x")]
    assert judge(short, [event(0, 40, status="not-afk")]) == aw.Judgement([], T0 + 34_000)


def test_a_short_visit_that_may_still_grow_waits():
    window = [event(0, 20, app="x"), event(20, 3, app="OUTLOOK.EXE", title="Inbox")]
    waiting = judge(window, [event(0, 23, status="not-afk")], now_s=30)
    assert waiting == aw.Judgement([], T0 + 20_000)
    # the AFK data does not reach past it yet: it waits, however the window ended
    window.append(event(23, 5, app="x"))
    assert judge(window, [event(0, 21, status="not-afk")], now_s=30).done == T0 + 20_000
    # ... but not for ever
    assert judge(window, [event(0, 21, status="not-afk")], now_s=20 * 60).done == T0 + 28_000


def test_mail_windows_one_after_another_are_one_visit_and_a_judged_one_is_not_judged_again():
    window = [
        event(0, 3, app="OUTLOOK.EXE", title="Inbox"),
        event(3.5, 3, app="OUTLOOK.EXE", title="RE: offer - Message (HTML)"),
        event(7, 20, app="x"),
    ]
    assert judge(window, None).noticed == [aw.Noticed(T0, T0, "OUTLOOK.EXE")]
    assert judge(window, None, done=T0 + 1).noticed == []


def test_buckets_are_chosen_by_type_and_host():
    buckets = {
        "aw-watcher-window_desk": {"type": "currentwindow", "hostname": "desk", "last_updated": aw.iso(T0)},
        "aw-watcher-window_laptop": {"type": "currentwindow", "hostname": "laptop", "last_updated": aw.iso(T0 + 1)},
        "aw-watcher-afk_desk": {"type": "afkstatus", "hostname": "desk"},
        "aw-watcher-afk_laptop": {"type": "afkstatus", "hostname": "laptop"},
        "aw-watcher-web-firefox": {"type": "web.tab.current", "hostname": "desk"},
    }
    assert aw.choose_buckets(buckets, "DESK") == aw.Buckets("aw-watcher-window_desk", "aw-watcher-afk_desk", "")
    other = aw.choose_buckets(buckets, "server")
    assert other[:2] == ("aw-watcher-window_laptop", "aw-watcher-afk_laptop")
    assert other.note == "2 hosts have a window watcher (desk, laptop): reading laptop's, updated last"
    alone = aw.choose_buckets({"w": {"type": "currentwindow", "hostname": "desk"}}, "desk")
    assert alone == aw.Buckets("w", None, "no AFK watcher: a mail window counts whenever it is active")
    assert aw.choose_buckets({}, "desk") == aw.Buckets(None, None, "")
    strange = {f"w{n}": {"type": "currentwindow", "hostname": f"h\x1b[2J{n}"} for n in (1, 2)}
    assert aw.choose_buckets(strange, "desk").note.startswith(
        "2 hosts have a window watcher (h\ufffd[2J1, h\ufffd[2J2)"
    )
    with pytest.raises(ValueError):
        aw.choose_buckets([], "desk")
