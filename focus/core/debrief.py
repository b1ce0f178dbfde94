"""The 17:03 debrief (DESIGN §1–§2): the coaching questions for each customer visit, their
answers checked, and the coaching figures. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from focus.core.errors import FocusError
from focus.core.model import Block, DayLog
from focus.core.money import CODES, amount_text, parse_amount
from focus.core.text import NOTE_MAX, clean
from focus.i18n import N_, _, pgettext

FIELDS = ("who", "decision_maker", "budget", "next_step", "booked", "why_not")
CURRENCY = "currency"  # kept beside a budget amount only when the answer said one (``50 tkr``: SEK)
QUESTIONS = {  # the config's defaults (``[debrief.questions]``), asked in the language in use
    "who": N_("Who did you meet (names, roles)?"),
    "decision_maker": N_("Were they the only decision maker? (yes / no / unknown)"),
    "budget": N_("What budget do they have? (an amount, or unknown)"),
    "next_step": N_("What is the next step?"),
    "booked": N_("Did you book the next meeting before you left? (yes / no)"),
    "why_not": N_("Why not?"),
}
YES, NO, UNKNOWN = "yes", "no", "unknown"
WHY_NOT_MISSING = N_("say why the next meeting was not booked before you left")
WHO_MISSING = N_("who: say who you met (names, roles)")
_WORDS = {
    "y": YES,
    "yes": YES,
    "ja": YES,
    "j": YES,
    "n": NO,
    "no": NO,
    "nej": NO,
    "?": UNKNOWN,
    "unknown": UNKNOWN,
    "u": UNKNOWN,
    "vet ej": UNKNOWN,
    "vetej": UNKNOWN,
    "vet inte": UNKNOWN,
    "don't know": UNKNOWN,
}


def question(field: str, configured: dict[str, str]) -> str:
    """The question to ask for ``field``: the config's own wording, or the default in the language in use
    (a config that writes the default out, as ``focus config init`` does, gets it translated too)."""
    asked = configured.get(field, QUESTIONS[field])
    return _(asked) if asked == QUESTIONS[field] else asked


def answer_word(word: str) -> str:
    """``yes``, ``no`` or ``unknown`` as the language in use says it (``ja``, ``nej``, ``vet inte``)."""
    words = {YES: pgettext("answer", "yes"), NO: pgettext("answer", "no"), UNKNOWN: pgettext("answer", "unknown")}
    return words.get(word, word)


def _the_answer(field: str) -> str:
    return _("{field}: the answer").format(field=field)


def meaning(value: str) -> str | None:
    """The yes, no or unknown a typed answer means (``Ja``, ``n``, ``vet inte``), if any."""
    return _WORDS.get(" ".join(value.lower().split()))


def _choice(value: str, allowed: tuple[str, ...], field: str) -> str:
    word = meaning(value)
    if word not in allowed:
        choices = " / ".join(map(answer_word, allowed))
        raise FocusError(
            _("{field}: answer {choices}, not {value!r}").format(field=field, choices=choices, value=value)
        )
    return word


def parse_budget(value: str) -> float | str:
    """``50000``, ``50 000``, ``50k``, ``1.2M``, ``300 tkr`` → an amount; ``unknown`` or ``?`` → unknown."""
    return budget_answer(value)[0]


def budget_answer(value: str) -> tuple[float | str, str | None]:
    """A typed budget as an amount and its currency: ``50 tkr`` → ``(50000.0, "SEK")``, ``50k`` →
    ``(50000.0, None)``, ``€20k`` → ``(20000.0, "EUR")``; ``unknown``, ``?``, ``vet inte`` → unknown."""
    if not value.strip():
        raise FocusError(_("budget: give an amount such as 50000 or 50k, or unknown"))
    if meaning(value) == UNKNOWN:
        return UNKNOWN, None
    found = parse_amount(value)
    if found is None:
        raise FocusError(_("budget: {value!r} is not an amount (50000, 50k, 1.2M) or unknown").format(value=value))
    return found


def _budget(raw: dict[str, Any], text: str) -> dict[str, Any]:
    """The budget of some answers, with its currency when one was said: in the typed text
    (``50 tkr``) or, beside an amount given as a number, as ``currency``."""
    given = raw.get(CURRENCY) or None
    if given is not None and given not in CODES:
        raise FocusError(_("currency: use one of {codes}, not {given!r}").format(codes=", ".join(CODES), given=given))
    budget = raw.get("budget")
    amount: float | str
    said: str | None
    if isinstance(budget, (int, float)) and not isinstance(budget, bool):
        amount, said = budget, None
    else:
        amount, said = budget_answer(text)
    if said and given and said != given:
        raise FocusError(
            _("budget: {text!r} is in {said}, but currency says {given}").format(text=text, said=said, given=given)
        )
    currency = said or given
    return {"budget": amount} | ({CURRENCY: currency} if currency and amount != UNKNOWN else {})


def check_field(field: str, value: str) -> Any:
    """One answer as typed, checked on its own (for prompts and form fields)."""
    value = clean(value, _the_answer(field), NOTE_MAX)
    if field == "who":
        if not value.strip():
            raise FocusError(_(WHO_MISSING))
        return value.strip()
    if field == "decision_maker":
        return _choice(value, (YES, NO, UNKNOWN), field)
    if field == "budget":
        return parse_budget(value)
    if field == "booked":
        return _choice(value, (YES, NO), field)
    return value.strip()


def check(raw: dict[str, Any]) -> dict[str, Any]:
    """A visit's answers from what was typed; a FocusError naming the field that is wrong."""
    unknown = set(raw) - {*FIELDS, CURRENCY}
    if unknown:
        raise FocusError(_("{key}: not a debrief question").format(key=sorted(unknown)[0]))
    text = {
        field: clean(str(raw.get(field, "") if raw.get(field) is not None else ""), _the_answer(field), NOTE_MAX)
        for field in FIELDS
    }
    if not text["who"]:
        raise FocusError(_(WHO_MISSING))
    answers: dict[str, Any] = {
        "who": text["who"],
        "decision_maker": _choice(text["decision_maker"], (YES, NO, UNKNOWN), "decision_maker"),
        **_budget(raw, text["budget"]),
        "next_step": text["next_step"],
        "booked": _choice(text["booked"], (YES, NO), "booked"),
        "why_not": text["why_not"],
    }
    if answers["booked"] == NO and not answers["why_not"]:
        raise FocusError(f"why_not: {_(WHY_NOT_MISSING)}")
    if answers["booked"] == YES:
        answers["why_not"] = ""
    return answers


def field_problems(raw: dict[str, str]) -> dict[str, str]:
    """What is wrong with each typed answer of a form, in words (empty when all are fine): every field
    checked on its own, and a "no" to booked needs a why not."""
    wrong = {}
    for field in FIELDS:
        try:
            check_field(field, raw.get(field, ""))
        except FocusError as exc:
            wrong[field] = str(exc).split(": ", 1)[-1]
    if needs_why_not(raw.get("booked", "")) and not raw.get("why_not", "").strip():
        wrong["why_not"] = _(WHY_NOT_MISSING)
    return wrong


def needs_why_not(booked: str) -> bool:
    """A typed "booked" answer that asks for the why-not question: a no."""
    return meaning(booked) == NO


def as_text(answers: dict[str, Any]) -> dict[str, str]:
    """Answers as they would be typed again (prompt defaults, form fields): ``50000 SEK``; yes, no and
    unknown in the language in use (``ja``, ``nej``, ``vet inte``: read back the same)."""
    budget = answers["budget"]
    typed = {field: str(answers[field]) for field in FIELDS}
    for field in ("decision_maker", "booked"):
        typed[field] = answer_word(answers[field])
    typed["budget"] = answer_word(budget) if isinstance(budget, str) else amount_text(budget, answers.get(CURRENCY))
    return typed


COUNTS = ("visits", "debriefed", "decision_maker_known", "budget_known", "next_step_set", "booked_before_leaving")


@dataclass(frozen=True, slots=True)
class DebriefFigures:
    """Coaching figures over some visits: how many were debriefed, and of those how many had the
    decision maker known, the budget known, a next step set, the next meeting booked."""

    visits: int = 0
    debriefed: int = 0
    decision_maker_known: int = 0
    budget_known: int = 0
    next_step_set: int = 0
    booked_before_leaving: int = 0

    @property
    def rates(self) -> dict[str, float | None]:
        """The shares: debriefed of visits, the rest of debriefed visits (None: nothing to divide by)."""
        return {
            "debriefed": share(self.debriefed, self.visits),
            **{key: share(getattr(self, key), self.debriefed) for key in COUNTS[2:]},
        }

    def as_dict(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in COUNTS} | {"rates": self.rates}

    @classmethod
    def total(cls, parts: Iterable[DebriefFigures]) -> DebriefFigures:
        """The figures of several days together (rates follow from the summed counts)."""
        parts = list(parts)
        return cls(**{key: sum(getattr(p, key) for p in parts) for key in COUNTS})


def to_debrief(visits: Iterable[Block], log: DayLog) -> list[Block]:
    """The visits still to debrief: neither answered nor skipped (a skip is a decision: it sticks)."""
    return [v for v in visits if v.id not in log.debriefs and v.id not in log.debriefs_skipped]


def share(part: int, whole: int) -> float | None:
    """``part / whole`` to four places; None when ``whole`` is 0."""
    return round(part / whole, 4) if whole else None


def figures(visits: list[Block], debriefs: dict[str, dict[str, Any]]) -> DebriefFigures:
    """The coaching figures of some visits and their newest answers."""
    answered = [debriefs[v.id] for v in visits if v.id in debriefs]
    return DebriefFigures(
        visits=len(visits),
        debriefed=len(answered),
        decision_maker_known=sum(1 for a in answered if a["decision_maker"] != UNKNOWN),
        budget_known=sum(1 for a in answered if a["budget"] != UNKNOWN),
        next_step_set=sum(1 for a in answered if a["next_step"]),
        booked_before_leaving=sum(1 for a in answered if a["booked"] == YES),
    )
