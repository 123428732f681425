"""Follow-ups in play: when a ``then`` took a turn from an event of higher priority.

A follow-up is drawn before any priority band (see docs/AUTHORING.md, "How the next event is
chosen"). ``citizen check`` warns (W110) when that can cost an event tied to one turn; in
play, any event of higher priority that was eligible on the turn a follow-up took is
*displaced*, and it is *missed* if it never came up later in that life. Playtest counts both,
so an author sees what their ``then`` does to the rest of the calendar.

Hooked into playtest by two calls: :func:`displaced_now` after each decision, and
:func:`of_run` as each run is tallied (:mod:`game.authoring.tally`, which lists them in the
report, worded by :mod:`game.authoring.playtest_text`); :func:`summary` gives the same list
from a list of runs.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..engine.selection import Selection


def displaced_now(game: Any, event_id: str, choice_id: str) -> list[tuple[int, str, str]]:
    """Right after ``choice_id`` of ``event_id`` was decided: if its follow-up is the event
    now offered, the events of higher priority that were eligible too, as (turn, follow-up,
    displaced event)."""
    ev = game.scenario.events.get(event_id)
    ch = ev.choice(choice_id) if ev is not None else None
    follow = ch.model.then if ch is not None else None
    s = game.state
    if not follow or s.finished or s.current_event != follow:
        return []
    rank = game.scenario.events[follow].model.priority
    # Only the events that can be eligible this turn are tested (the engine's own index: those
    # whose window covers it and whose flag or seen event is there), not every event of the
    # story; listed in the order the story writes them, as a walk of every event would.
    found = []
    for band in Selection.of(game.scenario).bands(s.turn):  # highest priority first
        candidates = band.candidates(s.flags, s.seen_events)
        if candidates and candidates[0].model.priority <= rank:
            break
        found += [ev for ev in candidates if ev.id not in (follow, event_id) and _eligible(game, ev)]
    if len(found) > 1:
        written = _written(game.scenario)
        found.sort(key=lambda ev: written[ev.id])
    return [(s.turn, follow, ev.id) for ev in found]


def _written(scenario: Any) -> dict[str, int]:
    """Event id -> its place in the story as written (kept with the scenario's indexes)."""
    got = scenario.memo.get("written")
    if got is None:
        got = scenario.memo["written"] = {eid: n for n, eid in enumerate(scenario.events)}
    return got


def _eligible(game: Any, ev: Any) -> bool:
    """The engine's own eligibility rule (window, once/cooldown, ``when``), read from the
    state as it is now; one rule, not a copy that could drift from it."""
    return bool(game._eligible(ev))


def of_run(r: Any) -> dict[tuple[str, str], int]:
    """(follow-up, displaced event) -> 1 if the event never came up afterwards in this life,
    else 0; one entry per pair displaced in it (see :func:`summary`)."""
    pairs = {(f, o): t for t, f, o in reversed(getattr(r, "displaced", []) or [])}
    return {(follow, other): int(not any(e == other and t > turn for t, e, _ in r.decisions))
            for (follow, other), turn in pairs.items()}


def summary(results: list[Any], once_only: set[str]) -> list[dict[str, Any]]:
    """Per (follow-up, displaced event): in how many lives it was displaced, and in how many
    of those it never came up afterwards. A repeatable event that always came up later is
    left out: waiting a turn is what repeatable events do."""
    displaced: Counter = Counter()
    missed: Counter = Counter()
    for r in results:
        pairs = {(f, o): t for t, f, o in reversed(getattr(r, "displaced", []) or [])}
        for (follow, other), turn in pairs.items():
            displaced[(follow, other)] += 1
            if not any(e == other and t > turn for t, e, _ in r.decisions):
                missed[(follow, other)] += 1
    return [{"follow_up": f, "displaced": o, "lives": n, "missed": missed[(f, o)]}
            for (f, o), n in sorted(displaced.items(), key=lambda kv: (-missed[kv[0]], -kv[1], kv[0]))
            if missed[(f, o)] or o in once_only]
