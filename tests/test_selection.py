"""The event index (game/engine/selection.py) leaves out only events that cannot be eligible:
over random states, each priority band's eligible events, in order, are those a plain scan of
every event whose window covers the turn finds, so the engine draws the same event."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from game.engine.game import Game
from game.engine.selection import MERGED_LIMIT, Selection, gate
from game.scenario.conditions import parse
from game.scenario.library import open_rulebook, open_scenario

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """The benchmarks' generated scenario at 600 events (threads gated by flags, windows with
    conditions on money, virtues, records, closed services, the turn, listings and events seen)."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    path = mod.write(tmp_path_factory.mktemp("synthetic"), 600)
    sc = open_scenario(path)
    return sc, open_rulebook("points_city", sc.lexicon)


@pytest.fixture(scope="module")
def upside_down(synthetic):
    """The generated story with its events written bottom up. It writes them from the top
    priority down, so an index's band by band order is its written order; written the other
    way, the two differ."""
    from dataclasses import replace

    sc, rb = synthetic
    return replace(sc, events=dict(reversed(list(sc.events.items()))), voices={}), rb


def _plain(g: Game) -> list[list[str]]:
    return [[ev.id for ev in band if g._eligible(ev)] for band in g.scenario.bands_for_turn(g.state.turn)]


def _indexed(g: Game) -> list[list[str]]:
    s = g.state
    return [[ev.id for ev in band.candidates(s.flags, s.seen_events) if g._eligible(ev)]
            for band in Selection.of(g.scenario).bands(s.turn)]


def _random_state(g: Game, data) -> None:
    sc = g.scenario
    s = g.state
    events = sorted(sc.events)
    s.turn = data.draw(st.integers(1, sc.calendar.turns), label="turn")
    s.flags = sorted(data.draw(st.sets(st.sampled_from(sorted(sc.flags))), label="flags"))
    seen = data.draw(st.lists(st.sampled_from(events), max_size=40), label="seen")
    s.seen_events = {eid: data.draw(st.integers(1, s.turn), label="when") for eid in seen}
    s.money = data.draw(st.integers(-100, 1200), label="money")
    s.virtues = {k: data.draw(st.integers(0, 10), label=k) for k in s.virtues}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), seed=st.integers(0, 2**32))
def test_the_index_finds_what_a_plain_scan_finds_in_the_synthetic_scenario(synthetic, data, seed):
    sc, rb = synthetic
    g = Game(sc, rb, seed)
    _random_state(g, data)
    plain = _plain(g)
    assert _indexed(g) == plain
    # and the engine's own draw is the one the plain scan's first band with an event gives
    first = next((pool for pool in plain if pool), None)
    s = g.state
    s.queued = []
    drawn = g._draw_event()
    due = [ev for ev in sc.due_by_turn.get(s.turn, ()) if ev.id not in s.seen_events and g._eligible(ev)]
    if not due:
        assert (drawn.id if drawn else None) in (first or [None])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), seed=st.integers(0, 2**32), which=st.integers(0, 3))
def test_the_index_finds_what_a_plain_scan_finds_in_the_shipped_scenario(shipped_scenario, shipped_rulebooks,
                                                                        data, seed, which):
    g = Game(shipped_scenario, list(shipped_rulebooks.values())[which], seed)
    _random_state(g, data)
    assert _indexed(g) == _plain(g)


def test_a_gate_is_a_term_every_true_reading_needs():
    assert gate(parse("flags.a")) == ("flag", "a")
    assert gate(parse("money > 5 and flags.b and not listed")) == ("flag", "b")
    assert gate(parse("'ev' in seen and money > 5")) == ("seen", "ev")
    # an alternative, a negation or a comparison never gates: the event is always tested
    for src in ("flags.a or money > 5", "not flags.a", "flags.a == false", "'ev' not in seen", "money > 5"):
        assert gate(parse(src)) is None, src


def test_a_band_remembers_a_bounded_number_of_combinations(synthetic):
    """A band is one turn, so what it remembers pays only across lives; in a large story nearly
    every life lets in a new combination of gated events, and a band that kept them all grew
    with every life a playtest played (75 MB a thousand lives at 5,000 events). Past the
    limit it forgets, and still lists what it listed."""
    import random

    sc, _ = synthetic
    band = max((b for bands in Selection.of(sc).turns.values() for b in bands), key=lambda b: len(b.by_flag))
    flags = sorted(band.by_flag)
    assert len(flags) >= 8  # enough gates for more combinations than the limit
    rng = random.Random(5)
    for _ in range(4 * MERGED_LIMIT):
        on = rng.sample(flags, rng.randint(1, len(flags)))  # in any order, as a life sets them
        got = [ev.id for ev in band.candidates(on, ())]
        let_in = {ev.id for f in on for ev in band.by_flag[f]}
        assert got == [eid for eid in band.order if eid in let_in or any(ev.id == eid for ev in band.open)]
        assert len(band._merged) <= MERGED_LIMIT


def _displaced_against_a_walk(g: Game, data) -> int:
    """Playtest's displaced events come from the index (events that can be eligible this
    turn), in the order the story writes them: the same list a test of every event gives.
    A choice is given a follow-up below the top priority for the example (the generated
    story's follow-ups are top-priority threads, which displace nothing). Returns the
    list's length."""
    from game.authoring.follow_ups import displaced_now

    _random_state(g, data)
    events = list(g.scenario.events.values())
    top = max(ev.model.priority for ev in events)
    lead = data.draw(st.sampled_from(events), label="lead")
    ch = lead.choices[0]
    follow = data.draw(st.sampled_from([ev.id for ev in events if ev.model.priority < top]), label="follow")
    s = g.state
    s.current_event = follow
    s.seen_events[follow] = s.turn
    rank = g.scenario.events[follow].model.priority
    walk = [(s.turn, follow, ev.id) for ev in events
            if ev.id not in (follow, lead.id) and ev.model.priority > rank and g._eligible(ev)]
    then = ch.model.then
    ch.model.then = follow
    try:
        assert displaced_now(g, lead.id, ch.id) == walk
    finally:
        ch.model.then = then
    return len(walk)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), seed=st.integers(0, 2**32))
def test_displaced_follow_ups_are_what_a_walk_of_every_event_finds(synthetic, data, seed):
    sc, rb = synthetic
    _displaced_against_a_walk(Game(sc, rb, seed), data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), seed=st.integers(0, 2**32))
def test_displaced_follow_ups_keep_the_order_the_story_is_written_in(upside_down, data, seed):
    sc, rb = upside_down
    _displaced_against_a_walk(Game(sc, rb, seed), data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), seed=st.integers(0, 2**32))
def test_displaced_follow_ups_in_the_shipped_scenario(shipped_scenario, shipped_rulebooks, data, seed):
    _displaced_against_a_walk(Game(shipped_scenario, shipped_rulebooks["points_city"], seed), data)
