"""Small phrasing helpers every composed sentence uses: counts, signs, lists, the calendar unit."""

from __future__ import annotations

import re
from typing import Iterable

_COUNTS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def signed(n: int | float) -> str:
    """3 -> "+3", -3 -> "-3", 0 -> "0": a zero is neither a reward nor a penalty."""
    return f"{int(n):+d}" if int(n) else "0"


def points(n: int) -> str:
    """What a record or a rule did to the score: "+5", "-5", or "no points"."""
    return signed(n) if n else "no points"


def tier_name(tier_id: str, label: str) -> str:
    """ "C (On notice)"; the label alone when it already says the id ("Penalty on record")."""
    if not label:
        return tier_id
    if re.search(rf"\b{re.escape(tier_id)}\b", label, re.IGNORECASE):
        return label
    return f"{tier_id} ({label})"


def plural(n: int, one: str, many: str | None = None) -> str:
    """3 -> "3 records", 1 -> "1 record"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def counted(n: int, one: str, many: str | None = None) -> str:
    """Small counts in words: "one record", "three doors", "no appeal", "14 records"."""
    word = _COUNTS[n] if 0 <= n < len(_COUNTS) else str(n)
    return f"{word} {one if n == 1 else (many or one + 's')}"


def times(n: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(n, f"{n} times")


def names(items: Iterable[str]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def when(unit: str, turn: int) -> str:
    """ "Week 3" (or "Month 3", whatever the calendar counts in)."""
    return f"{unit.capitalize()} {turn}"


def units(unit: str, n: int) -> str:
    return plural(n, unit)


def factor(f: float) -> str:
    """1.5 -> "1.5 times the price"."""
    return f"{f:g} times the price"


def clause(text: str) -> str:
    """A choice's text as a clause: "Call your sister first." -> "call your sister first"."""
    t = text.strip().rstrip(".!")
    if len(t) > 1 and t[0].isupper() and t[1].islower():
        t = t[0].lower() + t[1:]
    return t


def appeal_fate(unit: str, state: str, decides: int, after_end: bool, over: bool) -> str:
    """An appeal's state in words; ``over``: said after the life ended (the report), not during
    it (the dossier). A decision due after the last turn is always said to be so."""
    if state == "upheld":
        return f"upheld in {unit} {decides}: struck out"
    if state == "dismissed":
        return f"dismissed in {unit} {decides}: the record stands"
    if over:
        if after_end:
            return f"never decided: the decision was due in {unit} {decides}, after this life's last {unit}"
        return f"pending when the life ended; the decision was due in {unit} {decides}"
    if after_end:
        return f"pending; the decision is due in {unit} {decides}, after this life's last {unit}"
    return f"pending; the decision is due in {unit} {decides}"
