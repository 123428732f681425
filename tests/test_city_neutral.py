"""A story written once, judged by any city: contacts' standing, the city's own voice, the Guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.game import Game
from game.engine.judge import score_for_standing, standing, typical_scores
from game.scenario.diagnostics import LoadError
from game.scenario.loader import Reporter, load_scenario

MINI = Path(__file__).parent / "fixtures" / "mini"


# ----------------------------------------------------------------- contacts on the city's scale


def test_a_contact_at_a_tiers_standing_is_scored_in_that_tier_in_every_city(shipped_rulebooks):
    for rb in shipped_rulebooks.values():
        judge_tiers = rb.model.tier
        for t in judge_tiers:
            at = standing(rb, t.id)
            score = score_for_standing(rb, at)
            tier = next((x for x in judge_tiers if x.min is not None and score >= x.min), judge_tiers[-1])
            assert tier.id == t.id, (rb.id, t.id, at, score)


def test_standing_to_score_never_goes_down_and_stays_between_the_extremes(shipped_rulebooks, mini_rulebook):
    for rb in [*shipped_rulebooks.values(), mini_rulebook]:
        scores = [score_for_standing(rb, s) for s in range(0, 101)]
        assert scores == sorted(scores), rb.id
        typ = typical_scores(rb)
        assert scores[0] == typ[-1] and scores[-1] == typ[0]
        assert score_for_standing(rb, -20) == scores[0] and score_for_standing(rb, 150) == scores[-1]


def test_a_tier_may_declare_its_typical_score(mini_rulebook):
    assert typical_scores(mini_rulebook) == [1200, 990, 700]  # A and C declared, B the middle of 960..1020


def test_the_same_low_friend_counts_against_you_in_every_city_with_such_a_rule(shipped_scenario, shipped_rulebooks):
    low = [p for p in shipped_scenario.citizen.contacts if p.standing <= 10]
    assert low, "Eastgate keeps a friend the system thinks little of"
    cities = [rb for rb in shipped_rulebooks.values() if rb.model.association.low_below is not None]
    assert len(cities) >= 2
    for rb in cities:
        g = Game(shipped_scenario, rb, 1)
        for p in low:
            assert g.state.contacts[p.id]["score"] < rb.model.association.low_below, (rb.id, p.id)


def test_contact_standing_moves_the_score_on_each_citys_scale(mini_scenario, mini_rulebook, variant):
    g = Game(mini_scenario, mini_rulebook, 1)
    ana = g.state.contacts["ana"]
    assert (ana["standing"], ana["score"]) == (0, 700)
    from game.scenario.content import CompiledChoice
    from game.scenario.models import Choice, Effects
    from game.engine.outcome import TurnResult

    up = CompiledChoice(Choice(id="x", text="x", effects=Effects(contact_standing={"ana": 60})), None, None)
    g._apply_effects(up, 0, TurnResult(1, "e", "x", None, None, ""))
    assert ana["standing"] == 60 and ana["score"] == score_for_standing(mini_rulebook, 60)
    g._apply_effects(up, 0, TurnResult(1, "e", "x", None, None, ""))
    assert ana["standing"] == 100 and ana["score"] == 1200  # kept within 0..100


def test_an_old_contact_score_is_refused_with_what_to_write_instead(tmp_path, mini_lexicon):
    text = (MINI / "mini.toml").read_text().replace('standing = 0, relation = "friend"', 'score = 300, relation = "friend"')
    p = tmp_path / "s.toml"
    p.write_text(text)
    rep = Reporter()
    with pytest.raises(LoadError):
        load_scenario(p, mini_lexicon, rep)
    [d] = rep.items
    assert d.code == "E002" and d.path == "citizen.contacts[0].score" and "`standing` (0-100" in d.message
