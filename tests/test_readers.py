"""The engine's direct readers of conditions answer what the conditions answer through a
ConditionContext, in every state a life reaches, for every condition the shipped content has."""

from __future__ import annotations

import random

import pytest

from game.engine.game import Game
from game.engine.readers import build, direct
from game.scenario.conditions import compile_node, parse
from game.scenario.library import open_rulebook, open_scenario, rulebooks, scenarios


def _conditions(sc):
    for ev in sc.events.values():
        if ev.when is not None:
            yield ev.when
        for ch in ev.choices:
            for c in (ch.show_if, ch.enable_if):
                if c is not None:
                    yield c
    for en in sc.endings:
        if en.when is not None:
            yield en.when


@pytest.mark.parametrize("scenario_id", [s.id for s in scenarios()])
def test_direct_readers_agree_with_the_conditions_in_every_state_reached(scenario_id):
    sc = open_scenario(scenario_id)
    conds = list({c.source: c for c in _conditions(sc)}.values())
    assert conds
    rng = random.Random(11)
    checked = 0
    for entry in rulebooks():
        rb = open_rulebook(entry.id, sc.lexicon)
        for seed in range(12):
            g = Game(sc, rb, seed, checksums=False, words=False)
            while True:
                for c in conds:
                    assert bool(direct(c)(g)) == c(g.ctx), (c.source, g.state.turn)
                    checked += 1
                offer = g.offer()
                if offer is None:
                    break
                g.decide(rng.choice([v.id for v in offer.choices if v.lock is None]), offer)
    assert checked > 1000


@pytest.mark.parametrize("src", [
    "money >= 50", "50 <= money", "money - 10 > score / 2", "score % 7 == 3", "not (turn < 3)",
    "'{c}' in contacts", "'{c}' not in contacts", "'nobody' in contacts", "'x' in seen", "'x' not in privileges",
    "'x' in closed", "tier in ['a', 'b']", "-money < 0 or flags.f", "flags.f and not flags.g",
])
def test_every_shape_of_condition_reads_the_same(src, mini_scenario, mini_rulebook):
    g = Game(mini_scenario, mini_rulebook, 3)
    assert g.state.contacts
    node = parse(src.replace("{c}", next(iter(g.state.contacts))))
    fn, read = compile_node(node), build(node)
    for money in (0, 49, 50, 51, 300):
        for flags in ([], ["f"], ["f", "g"]):
            g.state.money = money
            g.state.flags = flags
            for kept in (True, False):
                for c in g.state.contacts.values():
                    c["kept"] = kept
                assert read(g) == fn(g.ctx), (src, money, flags, kept)
