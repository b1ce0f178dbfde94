"""Snapshots of the workday screen in Swedish (``language = "sv"``): the busy morning of the English
snapshots (its blocks named in Swedish), at 100×32 and 80×24, and the key list; and no word of
English in any of them.

Record again after an intended change: pytest tests/test_tui_swedish_snapshots.py --snapshot-update
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest

from focus.store.paths import Paths
from focus.tui.app import FocusApp, build_app
from tests.test_swedish_coverage import english_left
from tests.test_tui_snapshots import busy_morning
from tests.tui_helpers import settle


def swedish_app(folder) -> FocusApp:
    """The shipped factory on the busy morning, its config saying ``language = "sv"``."""
    tracker = busy_morning(folder, ("Inkorgen", "Acme AB", "Ring Q4-listan", "Globex", "Lunch"))
    config = dataclasses.replace(tracker.config, language="sv")
    return build_app(Paths(folder / "config.toml", folder), config, tracker.clock, sources=False, watch_database=False)


@pytest.mark.parametrize("size", [(100, 32), (80, 24)], ids=["100x32", "80x24"])
def test_main_screen_in_swedish(snap_compare, tmp_path, size):
    assert snap_compare(swedish_app(tmp_path), terminal_size=size, run_before=settle)


def test_help_screen_in_swedish(snap_compare, tmp_path):
    assert snap_compare(swedish_app(tmp_path), press=["question_mark"], terminal_size=(100, 32), run_before=settle)


SNAPSHOTS = Path(__file__).parent / "__snapshots__" / Path(__file__).stem
TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>')


def screen_text(svg: str) -> str:
    """A snapshot's text, row by row as the terminal shows it."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in TEXT.findall(svg):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\u00a0", " ")))
    return "\n".join("".join(text for _x, text in sorted(row)) for _y, row in sorted(rows.items()))


@pytest.mark.parametrize("snapshot", sorted(SNAPSHOTS.glob("*.svg")), ids=lambda path: path.stem)
def test_no_english_word_on_the_swedish_screen(snapshot):
    """The recorded screens (which the tests above keep equal to what the app draws) say nothing in English."""
    text = screen_text(snapshot.read_text(encoding="utf-8"))
    assert "mejlkoll" in text or "Tangenter" in text
    assert english_left(text) == []
