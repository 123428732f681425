"""Objects the engine makes every turn without their constructor (a TurnResult, an association
Record, from a dict of their fields) are the objects the constructor would make: same fields,
same order (the state's checksum reads them in order), same equality."""

from __future__ import annotations

from dataclasses import fields

from game.authoring.playtest import STRATEGIES, play_one, run_seed
from game.engine.game import Game
from game.engine.outcome import TurnResult
from game.engine.state import Record
from game.scenario.library import open_rulebook, open_scenario


def _rebuilt(obj):
    return type(obj)(**{f.name: getattr(obj, f.name) for f in fields(obj)})


def test_results_and_association_records_are_what_their_constructors_make():
    sc = open_scenario("eastgate")
    rb = open_rulebook("points_city", sc.lexicon)  # scores the circle: an association record a turn
    names = {TurnResult: [f.name for f in fields(TurnResult)], Record: [f.name for f in fields(Record)]}
    seen = {"association": 0, "result": 0}
    for n in range(12):
        life = play_one(sc, rb, n, list(STRATEGIES)[n % len(STRATEGIES)], run_seed(3, n))
        g = Game(sc, rb, life.seed)
        for _, _, choice in life.decisions:
            res = g.decide(choice)
            assert list(res.__dict__) == names[TurnResult]
            assert res == _rebuilt(res)
            seen["result"] += 1
        for rec in g.state.records:
            assert list(rec.__dict__) == names[Record]
            assert rec == _rebuilt(rec)
            seen["association"] += rec.kind == "association"
    assert seen["association"] > 20 and seen["result"] > 50
