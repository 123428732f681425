"""The fast paths of issue 11 play the same game as the full path.

Bots skip what they do not need (checksums, notices and story changes, the life's log of acts
and lines, recomputing the offer they hold), and every life under a rulebook shares what it
works out once (the rulebook's tables, the Guide's advice, the event index, open views), but
every offer and decision, and the state less its log, must be what a player's session gets,
and a run a playtest saves must replay and verify exactly.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from game.authoring.playtest import STRATEGIES, play_many
from game.engine.forks import gamed, preferences
from game.engine.game import Game
from game.engine.guide import _advise, _depends_on, advise
from game.engine.judge import Tables
from game.engine.selection import Selection
from game.engine.rng import Draw, chance, draw
from game.runs.store import open_run, rebuild
from game.scenario import library
from game.scenario.library import open_rulebook, open_scenario


def _life(scenario, rulebook, seed: int, picks: list[int], fast: bool):
    g = Game(scenario, rulebook, seed, checksums=not fast, words=not fast)
    offers, results = [], []
    for pick in picks:
        offer = g.offer()
        if offer is None:
            break
        open_ = [c.id for c in offer.choices if c.available]
        choice = open_[pick % len(open_)]
        offers.append(offer)
        results.append(g.decide(choice, offer) if fast else g.decide(choice))
        if not fast:
            # the game's checksum, written from what it kept, is the state's written afresh
            assert results[-1].checksum == g.state.checksum()
            # between decisions the state is in step with its rules: a refresh changes nothing,
            # which is why a turn that makes, strikes and ends no record skips it
            before, said = g.state.copy(), []
            g.judge.refresh(g.state, g.state.turn, [], said)
            assert said == [] and g.state == before
    return g, offers, results


@pytest.fixture(scope="module")
def scenarios(shipped_lexicon):
    """Every shipped scenario (Eastgate, Lockside, Quince Hill: due events, follow-ups, appeals),
    each with every shipped rulebook, loaded once so what lives share stays warm across examples."""
    out = _Shipped()
    for entry in library.scenarios():
        sc = open_scenario(entry.id)
        out.append((sc, [open_rulebook(rb.id, sc.lexicon) for rb in library.rulebooks()]))
    return out


class _Shipped(list):
    def __repr__(self) -> str:  # hypothesis prints the test's arguments: not the whole content
        return f"<{len(self)} shipped scenarios>"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**40), picks=st.lists(st.integers(0, 5), min_size=1, max_size=16),
       which=st.integers(0, 3), where=st.integers(0, 2))
def test_fast_and_full_paths_give_the_same_life(scenarios, seed, picks, which, where):
    scenario, rulebooks = scenarios[where % len(scenarios)]
    rulebook = rulebooks[which]
    fast, fast_offers, fast_results = _life(scenario, rulebook, seed, picks, fast=True)
    full, full_offers, full_results = _life(scenario, rulebook, seed, picks, fast=False)
    # the same state, less the life's log (acts and lines), which a bot that makes neither
    # words nor checksums does not keep: only reports, saves and checksums read it
    log = ("acts", "lines")
    assert {k: v for k, v in fast.state.to_dict().items() if k not in log} == \
        {k: v for k, v in full.state.to_dict().items() if k not in log}
    assert fast.state.acts == [] and fast.state.lines == []
    assert len(full.state.lines) == len(full_results)
    assert fast_offers == full_offers
    assert [replace(r, checksum="", notices=[], story=[]) for r in full_results] == fast_results
    assert all(r.checksum == "" for r in fast_results) and all(len(r.checksum) == 12 for r in full_results)
    assert fast.opening == [] and all(not (r.notices or r.story) for r in fast_results)


def _cold(g: Game) -> None:
    """Forget everything remembered across lives: the rulebook's tables (and the Guide's advice
    kept in them), the event index, the shared views."""
    g.judge.t = Tables(g.rulebook)
    g._selection = Selection(g.scenario)
    g._views = {}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**40), picks=st.lists(st.integers(0, 5), min_size=1, max_size=16),
       which=st.integers(0, 3), strategy=st.sampled_from(sorted(STRATEGIES)), where=st.integers(0, 2))
def test_what_is_remembered_across_lives_is_what_would_be_worked_out(scenarios, seed, picks, which, strategy, where):
    """The tables, advice, index and views shared by every life under a rulebook (warm from the
    lives before this one) give the offers, advice, strategies' picks and states that working
    everything out afresh at each turn gives."""
    scenario, rulebooks = scenarios[where % len(scenarios)]
    rulebook = rulebooks[which]
    warm = Game(scenario, rulebook, seed, checksums=False)
    cold = Game(scenario, rulebook, seed, checksums=False)
    chooser = STRATEGIES[strategy]
    for pick in picks:
        _cold(cold)
        a, b = warm.offer(), cold.offer()
        assert a == b
        if a is None:
            break
        assert warm.advice(a) == cold.advice(b)
        assert advise(warm, warm.current_event(), a.choices, whole_model=True) == \
            advise(cold, cold.current_event(), b.choices, whole_model=True)
        open_ = [c for c in a.choices if c.available]
        choice = chooser(warm, a, open_, draw(seed, pick, "t")) if pick % 2 else open_[pick % len(open_)].id
        assert choice == (chooser(cold, b, open_, draw(seed, pick, "t")) if pick % 2 else choice)
        prefs = preferences(warm, a)
        assert prefs == preferences(cold, b)
        for c in a.choices:  # the playtest's verdict is the preferences'
            assert gamed(warm, a, c.id) == (prefs.gamed(c.id) if prefs.fork else None)
        _cold(cold)
        assert warm.decide(choice, a) == cold.decide(choice)
        assert warm.state == cold.state


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), which=st.integers(0, 3))
def test_the_guide_remembers_advice_only_for_what_it_depends_on(shipped_scenario, shipped_rulebooks, data, which):
    """Remembered advice is the advice worked out afresh, whatever the circle, the turn and the
    money (which locks choices) are when an event comes up."""
    rulebook = list(shipped_rulebooks.values())[which]
    g = Game(shipped_scenario, rulebook, 1, checksums=False)
    s = g.state
    s.current_event = data.draw(st.sampled_from(sorted(g.scenario.events)), label="event")
    s.turn = data.draw(st.integers(1, g.scenario.calendar.turns), label="turn")
    ev = g.current_event()
    for _ in range(3):  # the same event and turn, met again in another state
        s.money = data.draw(st.sampled_from([0, 40, 200, 5000]), label="money")
        for cid, c in s.contacts.items():
            c["kept"] = data.draw(st.booleans(), label=f"{cid} kept")
            c["standing"] = data.draw(st.sampled_from([0, 20, 50, 80, 100]), label=f"{cid} standing")
            c["score"] = g.judge.contact_score(c["standing"])
        for whole in (False, True):
            views = g.offer().choices
            remembered = advise(g, ev, views, whole_model=whole)
            assert remembered == _advise(g, ev, views, whole)
            assert advise(g, ev, views, whole_model=whole) is remembered or _depends_on(g, ev) is None


def test_only_the_offer_just_made_is_reused(mini_scenario, mini_rulebook, monkeypatch):
    """decide() reuses the offer the game has just made; any other (a copy, an older one,
    one made before a restore) is recomputed from the state."""
    g = Game(mini_scenario, mini_rulebook, 3)
    made = []
    real = Game.offer

    def counting(self):
        made.append(1)
        return real(self)

    monkeypatch.setattr(Game, "offer", counting)
    first = g.offer()
    choice = next(c.id for c in first.choices if c.available)
    g.decide(choice, first)
    assert len(made) == 1  # reused
    second = g.offer()
    g.restore(g.snapshot())
    g.decide(next(c.id for c in second.choices if c.available), second)
    assert len(made) == 3  # restored since: made again
    third = g.offer()
    g.decide(next(c.id for c in third.choices if c.available), replace(third))
    assert len(made) == 5  # an equal copy is not the offer made: made again


def test_checksum_sees_every_field(mini_scenario, mini_rulebook):
    g = Game(mini_scenario, mini_rulebook, 1)
    base = g.state.checksum()
    for name in ("money", "turn", "score"):
        s = g.state.copy()
        setattr(s, name, getattr(s, name) + 1)
        assert s.checksum() != base, name
    s = g.state.copy()
    s.virtues = {**s.virtues, "care": s.virtues.get("care", 0) + 1}
    assert s.checksum() != base
    s = g.state.copy()
    s.flags = [*s.flags, "zz"]
    assert s.checksum() != base


def test_draws_are_uniform_enough_and_keyed():
    assert draw(1, 2, "a").random() == draw(1, 2, "a").random()
    assert draw(1, 2, "a").random() != draw(1, 2, "b").random()
    xs = [draw(s, 1, "u").random() for s in range(4000)]
    assert all(0 <= x < 1 for x in xs)
    assert 0.45 < sum(xs) / len(xs) < 0.55
    assert 0.27 < sum(chance(s, 1, "c", 0.3) for s in range(4000)) / 4000 < 0.33
    picks = [Draw(k).choices("abc", weights=[1, 0, 3])[0] for k in range(4000)]
    assert picks == [Draw(k).pick("abc", [1, 0, 3]) for k in range(4000)]  # the one-pick path
    weights = [0.5, 1, 2, 1, 1, 0.5, 2]
    assert [Draw(k).choices(range(7), weights)[0] for k in range(2000)] == \
        [Draw(k).pick(range(7), weights) for k in range(2000)]
    assert "b" not in picks and 0.70 < picks.count("c") / 4000 < 0.80


def test_saved_playtest_runs_verify_under_every_rulebook_and_strategy(shipped_scenario, shipped_rulebooks, tmp_path):
    """A playtest plays without checksums; what it saves must still replay and verify."""
    for rid, rulebook in shipped_rulebooks.items():
        out = tmp_path / rid
        results = play_many(shipped_scenario, rulebook, 2 * len(STRATEGIES), list(STRATEGIES), 5, save_dir=out)
        assert all(r.problem is None for r in results)
        for r in results:
            session, ver = rebuild(open_run(r.saved))
            assert ver.ok, (rid, r.strategy, ver.problem)
            assert [(t.turn, t.event_id, t.choice_id) for t in session.results] == r.decisions


@pytest.fixture(scope="module")
def long_life(tmp_path_factory):
    """The benchmarks' 100-turn life: repeatable events, records struck out on appeal, a
    blacklist that gathers causes and is lifted, tier sanctions, association, wrong records."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "verify_100.py"
    spec = importlib.util.spec_from_file_location("verify_100", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    scenario, rulebook = mod.write_content(tmp_path_factory.mktemp("long") / "content", 100)
    # appeals decided two turns on, a listing with points of its own and a term: records and
    # appeals change turns after they are listed
    text = rulebook.read_text().replace("delay = 1", "delay = 2")
    rulebook.write_text(text.replace('lifted_by = ["repay_debt"]', 'lifted_by = ["repay_debt"]\npoints = -40\nduration = 4'))
    sc = open_scenario(scenario)
    return sc, open_rulebook(rulebook, sc.lexicon)


def test_a_checksum_written_from_what_was_kept_is_the_checksum_written_afresh(long_life):
    sc, rb = long_life
    changed: Counter = Counter()
    for seed in range(40):
        g = Game(sc, rb, seed)
        pick = Draw(seed)
        while (offer := g.offer()) is not None:
            s = g.state
            before = ([(r.removed, r.appealed) for r in s.records], [(r.ended, len(r.causes)) for r in s.restrictions],
                      [a.outcome for a in s.appeals])
            result = g.decide(pick.choice([c.id for c in offer.choices if c.available]), offer)
            after = ([(r.removed, r.appealed) for r in s.records], [(r.ended, len(r.causes)) for r in s.restrictions],
                     [a.outcome for a in s.appeals])
            for kind, b, a in zip(("records", "restrictions", "appeals"), before, after):
                changed[kind] += any(x != y for x, y in zip(b, a))
            assert result.checksum == s.checksum(), (seed, s.turn)
    assert all(changed[k] for k in ("records", "restrictions", "appeals")), changed  # listed items changed
