"""The workday screen in Swedish, driven with Textual's pilot through the app the CLI builds: the
config's ``language = "sv"`` (or the environment's LANGUAGE=sv) turns every word of the screen, its
keys, forms and toasts Swedish; ``language = "en"`` keeps it English whatever the environment says."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from textual.widgets import Button, Input, Label, Select
from textual.widgets._footer import FooterKey

from focus import i18n
from focus.core.config import TemplateBlock
from focus.core.plan import PlannedBlock
from focus.store.paths import Paths
from focus.tui.app import FocusApp, build_app
from focus.tui.screens import BlockForm, ConfirmScreen, DebriefScreen, HelpScreen
from focus.tui.widgets import ends
from tests.tui_helpers import DAY, make_tracker, plan, press, settle, text_of, tick, until

SIZE = (100, 32)


@pytest.fixture
def tracker(tmp_path):
    t = make_tracker(tmp_path, "2026-11-24T10:05")
    plan(t, ("10:00", "11:00", "calls", "Ring the Q4 list"), ("11:00", "12:00", "visits", "Acme AB"))
    return t


def app_speaking(tracker, language: str | None) -> FocusApp:
    """The shipped factory on the tracker's home and clock, with the config's ``language``."""
    folder = tracker.store.path.parent
    config = dataclasses.replace(tracker.config, language=language)
    return build_app(Paths(folder / "config.toml", folder), config, tracker.clock, sources=False, watch_database=False)


@pytest.mark.parametrize(
    "language, remaining, said",
    [
        ("sv", 12 * 60_000, "slutar om 12 minuter"),
        ("sv", 44 * 60_000, "slutar om 44 minuter"),
        ("sv", 55 * 60_000, "slutar om 55 minuter"),
        ("sv", 89 * 60_000, "slutar om 1 timme"),
        ("sv", 90 * 60_000, "slutar om 2 timmar"),
        ("sv", 119 * 60_000, "slutar om 2 timmar"),
        ("sv", 119_000, "slutar om 2 minuter"),
        ("sv", 30_000, "slutar om några sekunder"),
        ("sv", 0, "slutade för några sekunder sedan"),
        ("sv", -3 * 60_000, "slutade för 3 minuter sedan"),
        ("sv", -30 * 3600_000, "slutade för 1 dag sedan"),
        ("en", 12 * 60_000, "ends in 12 minutes"),
        ("en", -3 * 60_000, "ended 3 minutes ago"),
        ("en", 119 * 60_000, "ends in 2 hours"),
        ("en", 20_000, "ends in a few seconds"),
    ],
)
def test_when_a_block_ends_relative_to_now(language, remaining, said):
    i18n.use(language)
    now = 1_795_000_000_000  # any instant: only the difference is said
    assert ends(remaining, now) == said


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def titles(app) -> list[str]:
    return [n.title for n in app._notifications]


def footer(app) -> list[tuple[str, str]]:
    return [(key.key_display, key.description) for key in app.workday.query(FooterKey)]


async def test_the_footer_and_the_panels_speak_swedish(tracker):
    app = app_speaking(tracker, "sv")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert footer(app) == [
            ("mellanslag", "start/stopp"),
            ("e", "mejl"),
            ("p", "telefon"),
            ("1–4", "räkna"),
            ("u", "ångra"),
            ("a", "lägg till"),
            ("?", "hjälp"),
        ]
        borders = [app.workday.query_one(f"#{name}").border_title for name in ("now", "today", "plan")]
        assert borders == ["Nu", "I dag", "Plan"]
        assert app.workday.query_one("#interruptions").border_title == "Avbrott"
        assert app.workday.query_one("#outcomes").border_title == "Resultat"
        assert app.sub_title == "tis 24 nov 2026 · vecka 48 · kl. 10.05"
        assert "samtal 0  möte 0  offert 0  affär 0\nkundbesök 0/4" in text_of(app, "#outcomes")
        today = text_of(app, "#today")
        assert "proaktivt" in today and "fokus     längsta 0m · 0 ≥ 25 min" in today
        assert "oregistrerat 2h05 av 9h00 arbetstid" in today
        table = app.workday.query_one("#plan")
        assert [str(column.label) for column in table.columns.values()] == [
            "#",
            "tid",
            "kategori",
            "rubrik",
            "plan",
            "gjort",
            "avbr",
            "status",
        ]
        assert [str(cell) for cell in table.get_row_at(1)] == [
            "2",
            "11.00–12.00",
            "kundbesök",
            "Acme AB",
            "1h00",
            "–",
            "0",
            "kommande",
        ]


@pytest.mark.parametrize("language", ["sv", "en"])
async def test_the_workday_screen_keeps_the_keys_every_screen_has(tracker, language):
    """Tab between the panels and ctrl+c to copy what the mouse selected, whatever the language."""
    app = app_speaking(tracker, language)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = app.workday._bindings.key_to_bindings
        assert {"tab", "shift+tab", "ctrl+c", "space", "e", "question_mark"} <= set(keys)
        assert [binding.action for binding in keys["e"]] == ["interrupt('email')"]
        described = {key: keys[key][0].description for key in ("tab", "shift+tab", "ctrl+c")}
        assert (
            described
            == {
                "sv": {"tab": "Nästa fält", "shift+tab": "Föregående fält", "ctrl+c": "Kopiera markerad text"},
                "en": {"tab": "Focus Next", "shift+tab": "Focus Previous", "ctrl+c": "Copy selected text"},
            }[language]
        )
        await press(pilot, "ctrl+c")  # copies (nothing is selected); Textual's hint says how to quit
        said = {
            "sv": ("Vill du avsluta?", "Tryck [b]q[/b] för att avsluta"),
            "en": ("Do you want to quit?", "Press [b]q[/b] to quit the app"),
        }
        assert (titles(app)[-1], notes(app)[-1]) == said[language]


async def test_the_email_key_shows_the_swedish_counter_and_the_running_check(tracker):
    app = app_speaking(tracker, "sv")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "e")
        assert text_of(app, "#interruption-counts").startswith("mejlkoll 1/3  telefon 0  chatt 0\nspontanbesök 0")
        tracker.clock.advance(75)
        await tick(pilot)
        assert text_of(app, "#now-interruption") == "⚡ mejlkoll · 01:15 · enter: klar"
        for _ in range(3):  # three more checks, each after the one before it ended: the fourth goes over 3
            tracker.clock.advance(5 * 60)
            await press(pilot, "e")
        assert "mejlkoll 4/3 !" in text_of(app, "#interruption-counts")
        assert "Mejlkoll nummer 4 i dag: över din budget på 3." in notes(app)
        assert "Mejlbudget" in titles(app)


async def test_the_running_block_says_when_it_ends_relative_to_now(tracker):
    tracker.config = dataclasses.replace(tracker.config, auto_start=False)  # 11:00 would start Acme
    app = app_speaking(tracker, "sv")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "space")
        assert text_of(app, "#now-title") == "▶ Ring the Q4 list · samtal · proaktivt · kvar"
        assert app.workday.query_one("#now").border_subtitle == "slutar om 55 minuter"
        tracker.clock.advance(53 * 60)
        await tick(pilot)
        assert app.workday.query_one("#now").border_subtitle == "slutar om 2 minuter"
        tracker.clock.advance(5 * 60)  # 11:03: three minutes over time
        await tick(pilot)
        assert text_of(app, "#now-title").endswith("· över tiden")
        assert app.workday.query_one("#now").border_subtitle == "slutade för 3 minuter sedan"


async def test_the_block_form_in_swedish_and_its_refusal(tracker):
    app = app_speaking(tracker, "sv")
    before = tracker.store.count()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, BlockForm)
        labels = [str(label.render()) for label in form.query(Label)]
        assert labels[:5] == ["Nytt block · tis 24 nov", "tid (start-slut)", "kategori", "rubrik", "mål"]
        assert [field.placeholder for field in form.query(Input)] == ["09.00-10.00", "Ring Q4-listan", "samtal=20"]
        assert [str(button.label) for button in form.query(Button)] == ["Spara", "Avbryt"]
        assert form.query_one(Select).selection == "calls"
        assert text_of(app, "SelectCurrent #label") == "samtal"  # shown in Swedish, saved as calls
        form.query_one("#range", Input).value = "14.00-13.00"  # as typed (the English tests type each key)
        await press(pilot, "enter")
        assert str(form.query_one("#form-error", Label).render()) == (
            "felaktigt tidsintervall '14.00-13.00': det slutar innan det börjar; "
            "ett block ligger inom en dag, så dela ett som går över midnatt i två"
        )
        assert tracker.store.count() == before and app.screen is form
        form.query_one("#range", Input).value = "13.00-14.00"
        form.query_one("#title", Input).value = "Globex"
        form.query_one("#targets", Input).value = "samtal=20, möte=1"  # Swedish names, saved as call, meeting
        await press(pilot, "enter")
        await pilot.pause()
        assert not isinstance(app.screen, BlockForm)
        added = tracker.day(DAY).blocks[-1]
        assert (added.title, dict(added.targets)) == ("Globex", {"call": 20, "meeting": 1})


async def test_toasts_undo_and_the_edit_form_in_swedish(tracker):
    app = app_speaking(tracker, "sv")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert "Inget avbrott pågår." in notes(app)
        await press(pilot, "plus")
        assert "Inget block pågår som kan förlängas." in notes(app)
        await press(pilot, "space", "plus")
        assert "Ring the Q4 list: 15 minuter till, fram till kl. 11.15." in notes(app)
        await press(pilot, "1", "u")
        assert "Ångrade 1 × samtal kl. 10.05." in notes(app) and "Ångra" in titles(app)
        await press(pilot, "E")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, BlockForm)
        assert str(form.query_one(Label).render()) == "Ändra block · tis 24 nov"
        assert form.query_one("#range", Input).value == "10.00-11.00"
        await press(pilot, "escape")
        await pilot.pause()
        await press(pilot, "j", "x")
        assert "Tog bort 11.00–12.00 Acme AB (u ångrar)." in notes(app)
        await press(pilot, "d")
        assert "Inga kundbesök i dag att gå igenom." in notes(app)


async def test_the_help_screen_and_the_command_palette_in_swedish(tracker):
    app = app_speaking(tracker, "sv")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = text_of(app, "#help")
        assert shown.startswith("Tangenter\n\n  mellanslag    Starta eller stoppa det aktuella blocket")
        assert "Mejlkoll: ett avbrott börjar nu" in shown and "ctrl+p        Kommandopaletten" in shown
        await press(pilot, "escape")
        commands = {command.title: command.help for command in app.get_system_commands(app.screen)}
        assert commands["Räkna en vunnen affär"] == "tangent: 4"
        assert commands["Mejlkoll: ett avbrott börjar nu"] == "tangent: e"
        assert "Avsluta" in commands and "Färgtema" in commands  # Textual's own, translated here
        assert app._bindings.key_to_bindings["ctrl+p"][0].description == "palett"
        await press(pilot, "ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(Input).placeholder == "Sök efter kommandon …"
        await press(pilot, "escape")
        app.search_themes()  # the palette's "Färgtema"
        await pilot.pause()
        assert app.screen.query_one(Input).placeholder == "Sök bland teman …"


async def test_the_template_question_in_swedish_answered_with_j(tmp_path):
    tracker = make_tracker(tmp_path, "2026-11-24T08:00")
    template = tuple(
        TemplateBlock(dt.time(start), dt.time(start + 1), category, title)
        for start, category, title in ((9, "calls", "Ring"), (10, "visits", "Acme"))
    )
    tracker.config = dataclasses.replace(tracker.config, template=template)
    app = app_speaking(tracker, "sv")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        labels = [str(label.render()) for label in app.screen.query(Label)]
        assert labels == ["Inget är planerat i dag. Planera din dagsmall (2 block)?", "j: ja · n: nej"]
        await press(pilot, "j")
        await settle(pilot)
        assert "Planerade 2 block från din dagsmall." in notes(app)
        assert len(tracker.day(DAY).blocks) == 2


async def test_the_environment_asks_for_swedish_when_the_config_says_nothing(tracker, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "sv")
    app = app_speaking(tracker, None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert i18n.language() == "sv"
        assert ("e", "mejl") in footer(app)


async def test_language_en_keeps_the_screen_english_whatever_the_environment(tracker, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "sv")
    app = app_speaking(tracker, "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert footer(app) == [
            ("space", "start/stop"),
            ("e", "email"),
            ("p", "phone"),
            ("1–4", "count"),
            ("u", "undo"),
            ("a", "add"),
            ("?", "help"),
            ("^p", "palette"),
        ]
        await press(pilot, "e", "space")
        assert text_of(app, "#now-title") == "▶ Ring the Q4 list · calls · proactive · left"
        assert not app.workday.query_one("#now").border_subtitle
        assert text_of(app, "#interruption-counts").startswith("email 1/3  phone 0")
        assert app.sub_title == "Tue 24 Nov 2026 · v48 · 10:05"


async def test_at_1703_the_debrief_toast_and_screen_in_swedish(tmp_path):
    tracker = make_tracker(tmp_path, "2026-11-24T17:02:30")
    plan(tracker, ("09:00", "10:00", "visits", "Acme AB"), ("13:00", "14:00", "visits", "Globex"))
    app = app_speaking(tracker, "sv")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        tracker.clock.advance(40)  # 17:03:10
        await tick(pilot)
        await until(pilot, lambda: isinstance(app.screen, DebriefScreen), "the debrief to open")
        screen = app.screen
        assert "2 kundbesök att gå igenom: vem träffade du, beslutsfattare, budget, nästa steg, nästa möte bokat?" in (
            notes(app)
        )
        assert "Genomgång" in titles(app)
        assert (
            str(screen.query_one("#debrief-title", Label).render()) == "Genomgång · besök 1 av 2 · 09.00–10.00 Acme AB"
        )
        assert [str(button.label) for button in screen.query(Button)] == ["Spara", "Hoppa över besöket"]
        questions = [str(label.render()) for label in screen.query(".question")]
        assert questions[0] == "Vem träffade du? (namn, roller)"
        assert questions[-1] == "Varför bokade ni inte nästa möte innan du gick?"
        hint = [str(label.render()) for label in screen.query(".hint")]
        assert hint == ["enter eller ctrl+s: spara · ctrl+n: hoppa över · escape: sluta"]
        await press(pilot, "ctrl+n")
        assert str(screen.query_one("#debrief-title", Label).render()).startswith("Genomgång · besök 2 av 2 · 13.00")


async def test_a_block_start_and_a_session_left_running_since_yesterday_in_swedish(tmp_path):
    monday = make_tracker(tmp_path, "2026-11-23T16:00")
    monday.plan([PlannedBlock(DAY - dt.timedelta(days=1), dt.time(16), dt.time(17), "calls", "Ring")])
    monday.start(monday.clock.now_ms(), monday.day(DAY - dt.timedelta(days=1)).blocks[0].id)
    tracker = make_tracker(tmp_path, "2026-11-24T09:59:50")
    plan(tracker, ("10:00", "11:00", "quotes", "Offert Acme"))
    app = app_speaking(tracker, "sv")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Pågår fortfarande" in titles(app)
        said = (
            "samtal startade mån 23 nov kl. 16.00 (för 18 timmar sedan) och pågår fortfarande: mellanslag stoppar det."
        )
        assert said in notes(app)
        tracker.clock.advance(20)  # 10:00:10
        await tick(pilot)
        assert "10.00–11.00 offerter Offert Acme börjar nu" in notes(app) and "Blocket börjar" in titles(app)


async def test_at_80x24_the_forms_refusal_and_its_buttons_are_in_view_and_whole(tracker):
    """A long Swedish reason wraps inside the form, and the form scrolls to show it and the buttons."""
    app = app_speaking(tracker, "sv")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "a")
        await pilot.pause()
        form = app.screen
        await press(pilot, *"14.00-13.00", "enter")
        await pilot.pause()
        error = form.query_one("#form-error", Label)
        said = str(error.render())
        assert said.startswith("felaktigt tidsintervall '14.00-13.00'") and said.endswith("midnatt i två")
        assert error.size.height >= 2  # wrapped, not cut at the form's width
        region = form.query_one("#form").region
        for widget in (error, form.query_one("#save", Button)):
            assert region.contains_region(widget.region), f"{widget} outside {region}"
