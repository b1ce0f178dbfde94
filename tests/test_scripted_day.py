"""A whole scripted day through the CLI; every figure of the JSON report computed by hand."""

from __future__ import annotations

DAY = "2026-11-24"  # a Tuesday; work hours 08:00-17:00 (540 min)


def test_scripted_day_report_equals_hand_computation(focus):
    at = lambda time: ("--date", DAY, "--at", time)  # noqa: E731
    plan = lambda *args: focus("plan", "add", *args, "--date", DAY)  # noqa: E731
    plan("08:30-08:45", "email", "Inbox batch")
    plan("09:00-10:00", "visits", "Acme AB")
    plan("10:15-10:45", "calls", "Ring the Q4 list", "--target", "call=20")
    plan("12:00-12:45", "lunch")
    plan("13:00-14:00", "quotes", "Globex quote")
    plan("14:15-15:00", "calls", "Follow-ups")  # never started: not tracked

    focus("start", "1", *at("08:30"))
    focus("stop", *at("08:45"))  # 15 min reactive (a planned email block)

    focus("start", "2", *at("09:00"))  # a visit, 09:00-09:55
    focus("log", "email", *at("09:10"))  # default 5 min, cut short at 09:12 → 2 min
    focus("log", "phone", "--minutes", "10", *at("09:12"))  # 09:12-09:22
    focus("log", "chat", *at("09:20"))  # 09:20-09:22 overlaps the call: counted once
    focus("stop", *at("09:55"))

    focus("start", "3", *at("10:15"))  # calls, 10:15-10:35
    focus("log", "self", *at("10:25"))
    focus("back", *at("10:26"))  # 1 min
    focus("count", "call", "12", *at("10:30"))
    focus("count", "call", "3", *at("10:34"))
    focus("count", "meeting", "2", *at("10:34"))
    focus("stop", *at("10:35"))

    focus("log", "walk-in", "--minutes", "15", *at("11:00"))  # outside any session: 11:00-11:15
    focus("log", "email", *at("11:30"))  # outside any session: 11:30-11:35

    focus("start", "4", *at("12:00"))  # lunch: 45 min neutral
    focus("start", "5", *at("12:45"))  # quotes early; starting it stops lunch
    focus("log", "email", "--minutes", "3", *at("13:30"))  # 13:30-13:33
    focus("log", "email", *at("13:40"))
    undone = focus("undo")  # ...that one never happened
    assert "email check" in undone.stdout and "13:40" in undone.stdout
    focus("count", "quote", *at("13:50"))
    focus("stop", *at("14:00"))  # quotes 12:45-14:00: 75 min
    focus("log", "email", *at("16:30"))  # the 4th email check: over budget

    report = focus.json("report", DAY)

    # Reactive: block 1 15 + 09:10-09:22 12 + self 1 + walk-in 15 + email 5 + email 3 + email 5 = 56 min
    # Proactive: visit 55 - 12 = 43; calls 20 - 1 = 19; quotes 75 - 3 = 72 → 134 min
    # Neutral: lunch 12:00-12:45 = 45 min
    proactive, reactive, neutral = 134 * 60, 56 * 60, 45 * 60
    tracked = proactive + reactive + neutral
    assert report["schema"] == "focus.day/1"
    assert report["date"] == DAY and report["timezone"] == "Europe/Stockholm"
    assert report["seconds"] == {
        "proactive": proactive,
        "reactive": reactive,
        "neutral": neutral,
        "tracked": tracked,
        "untracked": 540 * 60 - tracked,
        "work": 540 * 60,
    }
    assert report["proactive_share"] == round(134 / (134 + 56), 4)
    assert report["interruptions"] == {
        "total": 8,
        "by_kind": {"email": 4, "phone": 1, "chat": 1, "walk-in": 1, "self": 1, "other": 0},
        "email_budget": 3,
        "email_over_budget": True,
        "email_noticed_by": {"pressed": 4},
    }
    # Proactive runs: 09:00-09:10, 09:22-09:55 (33), 10:15-10:25, 10:26-10:35, 12:45-13:30 (45), 13:33-14:00 (27)
    assert report["focus"] == {"longest_seconds": 45 * 60, "stretches": 3, "min_minutes": 25}
    blocks = [
        (b["title"], b["planned_seconds"], b["worked_seconds"], b["interruptions"], b["state"])
        for b in report["blocks"]
    ]
    assert blocks == [
        ("Inbox batch", 15 * 60, 15 * 60, 0, "kept"),
        ("Acme AB", 60 * 60, 55 * 60, 3, "kept"),  # 55 ≥ 80 % of 60
        ("Ring the Q4 list", 30 * 60, 20 * 60, 1, "not_kept"),  # 20 < 24
        ("lunch", 45 * 60, 45 * 60, 0, "kept"),
        ("Globex quote", 60 * 60, 75 * 60, 1, "kept"),
        ("Follow-ups", 45 * 60, 0, 0, "not_tracked"),
    ]
    assert report["blocks"][2]["targets"] == {"call": 20}
    assert report["plan"] == {"planned": 6, "kept": 4, "not_kept": 1, "not_tracked": 1, "running": 0, "upcoming": 0}
    assert report["outcomes"] == {"call": 15, "meeting": 2, "quote": 1, "deal": 0}
    assert report["funnel"] == [
        {"from": "call", "to": "meeting", "rate": round(2 / 15, 4)},
        {"from": "meeting", "to": "quote", "rate": 0.5},
        {"from": "quote", "to": "deal", "rate": 0.0},
    ]


def test_text_and_markdown_reports_show_the_same_figures(focus):
    focus("plan", "add", "09:00-10:00", "calls", "Ring", "--date", DAY)
    focus("start", "--date", DAY, "--at", "9:00")
    focus("log", "email", "--date", DAY, "--at", "9:30", "--minutes", "6")
    focus("stop", "--date", DAY, "--at", "10:00")
    focus("count", "call", "7", "--date", DAY, "--at", "9:45")
    text = focus("report", DAY).stdout
    assert "Tue 24 Nov 2026 · v48" in text
    assert "54m" in text and "90 %" in text  # 54 proactive of 60, share 54/60
    assert "email 1/3" in text and "call 7" in text
    assert "Ring" in text and "kept" in text
    markdown = focus("report", DAY, "--format", "md").stdout
    assert markdown.startswith("# focus · Tue 24 Nov 2026")
    assert "| proactive | 54m | 90 % |" in markdown
    html = focus("report", DAY, "--format", "html").stdout
    assert html.lstrip().lower().startswith("<!doctype html") and "Ring" in html


def test_running_items_count_up_to_now(focus):
    focus("plan", "add", "09:00-10:00", "calls", "--date", DAY)
    focus("start", "--date", DAY, "--at", "9:00")
    focus("log", "phone", "--date", DAY, "--at", "9:20")  # default 5 min, still going at 9:22
    report = focus.json("report", DAY, now=f"{DAY}T09:22")
    assert report["seconds"]["proactive"] == 20 * 60
    assert report["seconds"]["reactive"] == 2 * 60
    assert report["blocks"][0]["state"] == "running"
    assert report["blocks"][0]["worked_seconds"] == 22 * 60
    assert report["seconds"]["untracked"] == 60 * 60  # 08:00-09:00 so far, not the rest of the day
    later = focus.json("report", DAY, now=f"{DAY}T09:40")
    assert later["seconds"]["reactive"] == 5 * 60 and later["seconds"]["proactive"] == 35 * 60
