"""The documented SQL views (README "Where data lives"): what a SQLite tool, the sqlite-utils CLI or
Datasette reads. Each carries local times as ISO text beside the day; ``interruptions`` has the start,
end and minutes the report counts.

Local times come from each event's stored UTC offset (``events.utc_offset``, seconds east of UTC at
that instant in its zone): SQLite knows no IANA zones. An interruption's end is shown in its start's
offset, so one that spans a clock change shows its end an hour off; its minutes are right.
"""

from __future__ import annotations


def local_iso(ms: str, offset: str) -> str:
    """SQL for the local ISO time (``2026-11-24T10:42:00+01:00``) of an epoch-ms expression."""
    return (
        f"strftime('%Y-%m-%dT%H:%M:%S', ({ms}) / 1000 + {offset}, 'unixepoch') || "
        f"CASE WHEN {offset} < 0 THEN '-' ELSE '+' END || "
        f"printf('%02d:%02d', abs({offset}) / 3600, abs({offset}) / 60 % 60)"
    )


NOT_SUPERSEDED = (
    "NOT EXISTS (SELECT 1 FROM superseded s WHERE s.id = {event}.id "
    "AND NOT EXISTS (SELECT 1 FROM events c WHERE c.type = 'undo' AND c.ref = s.by))"
)  # SQL: the event named {event} is not replaced by a correction that stands (DESIGN §3 rule 13)

VIEWS = {
    # Events that count: not undo events, and not undone, and not replaced by a correction that stands
    # (table superseded; an entry.remove is a correction of nothing); with their local time.
    "live_events": f"""
        SELECT e.id, e.at, {local_iso("e.at", "e.utc_offset")} AS at_local, e.utc_offset, e.tz, e.day, e.type,
               e.payload, e.source, e.device, e.ref
        FROM events e
        WHERE e.type NOT IN ('undo', 'entry.remove')
          AND NOT EXISTS (SELECT 1 FROM events u WHERE u.type = 'undo' AND u.ref = e.id)
          AND {NOT_SUPERSEDED.format(event="e")}
    """,
    # One row per interruption with the start, end and minutes the report counts (DESIGN §3.2): an
    # explicit end; else the kind's default minutes (table interruption_minutes, the config's values as
    # focus last saw them), or longer where a Maildir burst grew it, cut short by the next
    # interruption's start; "back to work" ends either earlier.
    "interruptions": f"""
        WITH items AS (
            SELECT id, day, at AS start_ms, utc_offset, tz, json_extract(payload, '$.kind') AS kind,
                   json_extract(payload, '$.end') AS explicit_end, json_extract(payload, '$.note') AS note,
                   source, device
            FROM live_events WHERE type = 'interruption'),
        next_starts AS (
            SELECT start_ms, LEAD(start_ms) OVER (ORDER BY start_ms) AS next_ms
            FROM (SELECT DISTINCT start_ms FROM items)),
        backs AS (SELECT ref, min(at) AS back_ms FROM live_events WHERE type = 'interruption.end' GROUP BY ref),
        grown AS (
            SELECT ref, max(json_extract(payload, '$.until')) AS until_ms
            FROM live_events WHERE type = 'interruption.extend' GROUP BY ref),
        cut AS (
            SELECT i.*, b.back_ms,
                   CASE WHEN i.explicit_end IS NOT NULL THEN i.explicit_end
                        ELSE min(max(i.start_ms + coalesce(d.minutes, 5) * 60000, coalesce(g.until_ms, 0)),
                                 coalesce(max(n.next_ms, i.start_ms), 9e18)) END AS planned_end
            FROM items i
            JOIN next_starts n ON n.start_ms = i.start_ms
            LEFT JOIN interruption_minutes d ON d.kind = i.kind
            LEFT JOIN backs b ON b.ref = i.id
            LEFT JOIN grown g ON g.ref = i.id),
        resolved AS (
            SELECT *, CASE WHEN back_ms IS NULL THEN planned_end
                           ELSE min(planned_end, max(back_ms, start_ms)) END AS end_ms
            FROM cut)
        SELECT id, day, kind, {local_iso("start_ms", "utc_offset")} AS start_local,
               {local_iso("end_ms", "utc_offset")} AS end_local, start_ms, end_ms,
               round((end_ms - start_ms) / 60000.0, 2) AS minutes,
               (explicit_end - start_ms) / 60000.0 AS explicit_minutes,
               note, tz, source, device
        FROM resolved
    """,
    # The plan: the latest version of every block that has not been removed; when it was planned.
    "blocks": f"""
        SELECT json_extract(b.payload, '$.block') AS block_id, b.day AS date,
               json_extract(b.payload, '$.start') AS start, json_extract(b.payload, '$.end') AS end,
               json_extract(b.payload, '$.category') AS category,
               json_extract(b.payload, '$.title') AS title, json_extract(b.payload, '$.targets') AS targets,
               {local_iso("b.at", "b.utc_offset")} AS planned_at_local, b.tz, b.source
        FROM live_events b
        WHERE b.type = 'block'
          AND NOT EXISTS (
              SELECT 1 FROM live_events later
              WHERE later.ref = json_extract(b.payload, '$.block')
                AND later.type IN ('block', 'block.remove') AND later.id > b.id)
    """,
    # Per local day: interruptions and email checks, the default outcomes, sessions started (time
    # figures: `focus report`; any outcome names: day_outcomes).
    "day_summary": """
        SELECT day,
               SUM(type = 'interruption') AS interruptions,
               SUM(type = 'interruption' AND json_extract(payload, '$.kind') = 'email') AS email_checks,
               SUM(CASE WHEN type = 'outcome' AND json_extract(payload, '$.kind') = 'call'
                        THEN json_extract(payload, '$.count') ELSE 0 END) AS calls,
               SUM(CASE WHEN type = 'outcome' AND json_extract(payload, '$.kind') = 'meeting'
                        THEN json_extract(payload, '$.count') ELSE 0 END) AS meetings,
               SUM(CASE WHEN type = 'outcome' AND json_extract(payload, '$.kind') = 'quote'
                        THEN json_extract(payload, '$.count') ELSE 0 END) AS quotes,
               SUM(CASE WHEN type = 'outcome' AND json_extract(payload, '$.kind') = 'deal'
                        THEN json_extract(payload, '$.count') ELSE 0 END) AS deals,
               SUM(type = 'session.start') AS sessions
        FROM live_events GROUP BY day
    """,
    # Per local day and outcome, whatever the outcomes are called in the config.
    "day_outcomes": """
        SELECT day, json_extract(payload, '$.kind') AS outcome, SUM(json_extract(payload, '$.count')) AS count
        FROM live_events WHERE type = 'outcome' GROUP BY day, outcome
    """,
}
