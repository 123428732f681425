"""Reflection texts chosen by what happened in a run.

Pure: takes a :class:`~game.report.run.RunReport` and the parsed texts
(:func:`game.report.texts.load_texts`), and returns the handful that this life earned. Each text
speaks to one row of THEMES.md and is triggered by one report measure; the chosen few are
read in the order of the turns they name, like a letter.
"""

from __future__ import annotations

import math
import string
from dataclasses import dataclass, field
from typing import Any, Iterable

from .texts import CityPolicy, ReflectionText, Texts, Trigger
from .run import MEASURES, RunReport
from .words import signed, tier_name

#: How many reflections a run gets at most: a letter, not a lecture.
LIMIT = 5
#: A measure far past its threshold makes its text at most this much more salient.
CAP = 1.5

FORCE_PHRASES = {
    "law": "the law",
    "norms": "the people around you",
    "market": "prices, banks and rewards",
    "architecture": "gates, forms and systems that simply said no",
}

_ORDINALS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
             "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
             "seventeenth", "eighteenth", "nineteenth"]
_TENS = ["", "", "twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"]


def ordinal(n: int) -> str:
    """1 -> "first", 23 -> "twenty-third"; past 99, "105th"."""
    if 0 <= n < 20:
        return _ORDINALS[n]
    if 20 <= n < 100:
        tens, unit = divmod(n, 10)
        return f"{_TENS[tens]}ieth" if unit == 0 else f"{_TENS[tens]}y-{_ORDINALS[unit]}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_COUNTS = ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def count_word(n: int) -> str:
    """0 -> "none", 3 -> "three", 40 -> "40"."""
    return _COUNTS[n] if 0 <= n < len(_COUNTS) else str(n)


def in_turn(turn: int, unit: str) -> str:
    return f"in the {ordinal(turn)} {unit}"


@dataclass(frozen=True)
class Reflection:
    id: str
    row: int
    measure: str
    text: str
    turn: int | None  # the turn it names, if any
    salience: float
    moment: tuple = ()  # what it is about: (turn, choice) or (turn, record), if anything
    facts: dict = field(default_factory=dict, compare=False)  # what the text may state


class _Fields(string.Formatter):
    """str.format with plain names only: no attribute or index access in texts."""

    def get_field(self, field_name: str, args, kwargs):
        if not field_name.isidentifier():
            raise KeyError(field_name)
        return kwargs[field_name], field_name

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec == "+d" and value == 0:  # a zero is neither a reward nor a penalty
            return "0"
        return super().format_field(value, format_spec)


_FORMAT = _Fields()


def met(trigger: Trigger, report: RunReport) -> bool:
    v = report.m(trigger.measure)
    ok = v >= trigger.threshold if trigger.op == ">=" else v <= trigger.threshold
    return (ok and all(report.m(k) >= t for k, t in trigger.requires.items())
            and all(report.m(k) < t for k, t in trigger.below.items()))


def suits(city: CityPolicy, report: RunReport) -> bool:
    """The text is true of this city's policies (what it publishes, whether it weighs context,
    how it hears appeals)."""
    return ((city.transparency is None or report.transparency in city.transparency)
            and (city.context is None or report.context in city.context)
            and (city.appeals is None or report.appeals_kind in city.appeals))


def strength(trigger: Trigger, report: RunReport) -> float:
    """How far past its threshold a met trigger went: 1 at the threshold, at most CAP.

    It grows slowly (a quarter for each doubling) so that a text's weight, the author's
    judgement, matters more than the scale of the measure.
    """
    v, t = report.m(trigger.measure), trigger.threshold
    if trigger.op == ">=":
        ratio = v / t if t > 0 else 1.0 + max(v - t, 0)
    else:
        ratio = (t + 1) / (v + 1) if v > -1 else 4.0
    return min(1.0 + 0.25 * math.log2(max(ratio, 1.0)), CAP)


def fields(report: RunReport, measure: str) -> dict[str, Any]:
    """What a text triggered by ``measure`` may name."""
    m = report.measures[measure]
    out: dict[str, Any] = {
        "citizen": report.citizen, "city": report.city, "unit": report.unit, "units": f"{report.unit}s",
        "score": report.score, "tier": tier_name(report.tier, report.tier_label), "value": _num(m.value),
    }
    out.update(m.vars)
    if out.get("weeks") == 1:  # "over 1 week", not "over 1 weeks"
        out["units"] = report.unit
    if "top" in out:
        out["top_phrase"] = FORCE_PHRASES.get(out["top"], out["top"])
    if "outcome" in out:
        if out["outcome"] == "pending" and out.get("after_end"):
            out["outcome_phrase"] = (f"none. The decision was due in {report.unit} {out['decides']}, "
                                     f"after this life's last {report.unit}")
        else:
            out["outcome_phrase"] = {"dismissed": "dismissed", "pending": "none yet, when the life ended"}.get(
                out["outcome"], out["outcome"])
    if measure == "money_share":
        v = out["value"]
        out["Share_of_points"] = ("Every point you gained" if v == 100
                                  else f"{v} of every hundred points you gained")
    if measure == "guide_rate" and out.get("offered"):
        out["took"] = "every one" if out["followed"] == out["offered"] else f"{out['followed']} of them"
    if measure == "data_disclosed":
        out["earned"] = f"earned {signed(out['points'])} in all" if out.get("points") else "earned no points"
    if "services" in out and measure == "refusal_cost":
        out["closed"] = f", and closed {out['services']}" if out["services"] else ""
    if isinstance(out.get("points"), int):  # "+5", or "no points": a zero is no reward
        out["points_said"] = signed(out["points"]) if out["points"] else "no points"
    for k, v in list(out.items()):
        if isinstance(v, int) and not isinstance(v, bool):
            out[f"{k}_w"] = count_word(v)
        if (k == "turn" or k.endswith("_turn")) and isinstance(v, int) and v > 0:
            phrase = in_turn(v, report.unit)
            out[f"in_{k}"] = phrase
            out[f"In_{k}"] = phrase[0].upper() + phrase[1:]
    return out


def render(text: ReflectionText, report: RunReport) -> str:
    return " ".join(_FORMAT.vformat(text.text, (), fields(report, text.when.measure)).split())


def candidates(report: RunReport, texts: Iterable[ReflectionText]) -> list[Reflection]:
    """Every text this run triggers, most salient first."""
    out = []
    for t in texts:
        if not met(t.when, report) or not suits(t.city, report):
            continue
        vars = report.measures[t.when.measure].vars
        turn = vars.get("turn") or None
        about = vars.get("choice") or vars.get("record_id") or vars.get("name")
        out.append(Reflection(t.id, t.row, t.when.measure, render(t, report), turn,
                              round(t.weight * strength(t.when, report), 4),
                              (turn, about) if turn and about else (), fields(report, t.when.measure)))
    order = {t.id: i for i, t in enumerate(texts)}
    return sorted(out, key=lambda r: (-r.salience, r.row, order[r.id]))


def choose(report: RunReport, texts: Texts, limit: int = LIMIT) -> list[Reflection]:
    """At most ``limit`` reflections, one per THEMES row and one per moment (the same act or
    record is named once), read in the order of their turns."""
    picked: list[Reflection] = []
    rows: set[int] = set()
    moments: set[tuple] = set()
    for r in candidates(report, texts.reflection):
        if r.row in rows or (r.moment and r.moment in moments):
            continue
        picked.append(r)
        rows.add(r.row)
        if r.moment:
            moments.add(r.moment)
        if len(picked) == limit:
            break
    return sorted(picked, key=lambda r: (r.turn is None, r.turn or 0, r.row))


def check(texts: Texts) -> list[str]:
    """Problems in the texts: unknown measures, rows without a text."""
    problems = []
    for t in texts.reflection:
        for mid in (t.when.measure, *t.when.requires, *t.when.below):
            if mid not in MEASURES:
                problems.append(f"reflection '{t.id}': no measure '{mid}'")
        if MEASURES.get(t.when.measure, (t.row,))[0] != t.row:
            problems.append(f"reflection '{t.id}' is for row {t.row} but '{t.when.measure}' measures row "
                            f"{MEASURES[t.when.measure][0]}")
    for e in texts.epithet:
        if e.when is not None:
            for mid in (e.when.measure, *e.when.requires, *e.when.below):
                if mid not in MEASURES:
                    problems.append(f"epithet '{e.id}': no measure '{mid}'")
    missing = set(range(1, 14)) - {t.row for t in texts.reflection}
    problems += [f"no reflection for THEMES row {r}" for r in sorted(missing)]
    return problems


def _num(v: float) -> int | float:
    return int(v) if float(v).is_integer() else round(v, 1)
