"""Eastgate, the shipped life: the laws its writing keeps, so an edit that breaks one fails here."""

from __future__ import annotations

import re

import pytest

from game.authoring import campaign, playtest
from game.engine.game import Game
from game.engine.guide import advise
from game.report.run import build_report, decisions_of

#: Names whose value depends on the city judging the life. Eastgate never lets them decide
#: whether an event comes up or a choice is shown, so the same decisions can be lived again
#: under another city (endings may read them: an ending does not make a life part).
CITY_NAMES = ("score", "tier", "standing", "restricted", "privileged", "privileges", "listed",
              "sanctions", "disputed", "records", "closed", "money")


def _names(expr: str | None) -> set[str]:
    return set(re.findall(r"[a-z_]+", expr or "")) if expr else set()


def test_eastgate_has_thirty_events_of_the_right_shape(shipped_scenario):
    sc = shipped_scenario
    assert len(sc.events) >= 30 and len(sc.endings) >= 8
    for ev in sc.events.values():
        words = len(ev.model.text.split())
        assert 60 <= words <= 120, (ev.id, words)
        assert 2 <= len(ev.choices) <= 4, ev.id


def test_whether_an_event_comes_up_never_depends_on_the_city(shipped_scenario):
    for ev in shipped_scenario.events.values():
        assert not _names(ev.model.when) & set(CITY_NAMES), (ev.id, ev.model.when)
        for ch in ev.choices:
            assert not _names(ch.model.show_if) & set(CITY_NAMES), (ev.id, ch.id, ch.model.show_if)


def test_the_first_week_teaches_the_keys_in_the_storys_voice(shipped_scenario, shipped_rulebooks):
    for rb in shipped_rulebooks.values():
        g = Game(shipped_scenario, rb, 1)
        offer = g.offer()
        assert offer.turn == 1 and offer.event_id == "the_letter"
        for key in ("r for the rules", "d for your", "s for your status", "g for the Guide", "? for the words"):
            assert key in offer.text, key
        assert rb.model.rulebook.system in offer.text and rb.model.rulebook.app in offer.text


def test_openings_vary_from_the_second_week(shipped_scenario, shipped_rulebooks):
    rb = shipped_rulebooks["points_city"]
    results = playtest.play_many(shipped_scenario, rb, 200, ["random"], 3)
    v = campaign.variety(results)
    assert v["most_common_opening_share"] <= 0.25 and v["distinct_openings"] >= 50, v
    week2 = {r.decisions[1][1] for r in results}
    assert len(week2) >= 6, week2  # no fixed second week


@pytest.mark.parametrize("city", ["points_city", "credit_platform", "court_blacklist", "rule_of_law"])
def test_lives_run_to_the_end_in_the_other_cities(shipped_scenario, shipped_rulebooks, city):
    rb = shipped_rulebooks[city]
    others = {k: v for k, v in shipped_rulebooks.items() if k != city}
    results = playtest.play_many(shipped_scenario, rb, 100, list(playtest.STRATEGIES), 1)
    shares = campaign.other_cities(shipped_scenario, others, results)
    assert all(s["full_life_share"] >= 0.8 for s in shares.values()), shares


def test_a_comfortable_score_can_license_a_harm_under_the_platform(shipped_scenario, shipped_rulebooks):
    """THEMES row 9: a player who banks points with the platform, then takes a shortcut that
    hurts someone, stays safely above the tier's floor."""
    rb = shipped_rulebooks["credit_platform"]
    licensed = []
    for seed in range(80):
        g = Game(shipped_scenario, rb, seed)
        while not g.finished:
            offer, ev = g.offer(), g.current_event()
            values = advise(g, ev, offer.choices, whole_model=True).values
            pick = max(values, key=values.get)  # bank every point the platform pays for
            if g.state.score >= 800:  # then, comfortable, take the shortcut that hurts
                harms = [v.id for v in offer.choices if v.available and v.id in values
                         and sum(ev.choice(v.id).model.effects.virtues.values()) < 0]
                pick = harms[0] if harms else pick
            g.decide(pick)
        rep = build_report(g, decisions_of(g.state), {})
        licensed += [(seed, d.event, d.choice) for d in rep.licensed()]
    assert licensed


def test_a_wrong_record_can_be_struck_out_on_appeal_within_the_life(shipped_scenario, shipped_rulebooks):
    """THEMES row 7: under the charter city's fair tribunal, a wrong record met in the life can
    be contested and struck out before the life ends."""
    rb = shipped_rulebooks["rule_of_law"]
    upheld = []
    for seed in range(400):
        g = Game(shipped_scenario, rb, seed)
        while not g.finished:
            open_ = [v.id for v in g.offer().choices if v.available]
            g.decide(next((c for c in open_ if c in ("contest", "appeal")), open_[0]))
        upheld += [seed for a in g.state.appeals
                   if a.outcome == "upheld" and g.state.records[a.record - 1].truth == "wrong"]
    assert upheld


def test_every_institutional_voice_names_the_chosen_city(shipped_scenario, shipped_rulebooks):
    """No fixed city name in Eastgate's text: the system is always {system}, {app} or {city}."""
    cities = {rb.model.rulebook.city for rb in shipped_rulebooks.values()}
    sc = shipped_scenario
    texts = [sc.citizen.background] + [ev.model.text for ev in sc.events.values()]
    texts += [ch.model.outcome for ev in sc.events.values() for ch in ev.choices]
    texts += [en.model.text for en in sc.endings]
    for t in texts:
        for city in cities:
            assert city not in t, (city, t[:60])
