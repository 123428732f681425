"""Lockside, the graduate's life: it loads under every shipped city, every ending is reached by
a known life, the openings vary, the same decisions mostly survive another city's rules, and
the arguments the issue asks for (a licensed harm, a wrong record struck out) happen in it."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from game.authoring.playtest import play_many
from game.engine.game import Game
from game.engine.outcome import Decision
from game.engine.relive import relive
from game.report.run import build_report
from game.scenario.library import content_root
from game.scenario.loader import load_scenario
from game.scenario.voice import voice_of, voiced

STRATEGIES = ["random", "score", "virtue", "thrifty", "contrarian"]


@pytest.fixture(scope="module")
def lockside(shipped_lexicon):
    return load_scenario(content_root() / "lockside", shipped_lexicon)


# A quiet life: one unremarkable choice for every event. Each ending below is this life with a
# few different decisions, and some seed among the first SEEDS reaches it: lives are
# described by what the citizen does, so that moving an event's week does not break them.
QUIET = {
    "trusted_connections": "empty", "terrace": "stairs", "reach_room": "stay", "reference": "write_true",
    "dads_envelope": "hardship_line", "judgement": "let_it_stand", "guarantor_letter": "by_the_month",
    "dad_card": "his_way", "sunday_call": "match", "keystone_letter": "split_it", "jorys_half": "ring_round",
    "recital": "run", "salon": "close_map", "wash_day": "drawings", "trust_rate": "link",
    "first_instalment": "overdraft", "statement": "archive", "upgrade": "hollybank_tea", "tutoring": "no_time",
    "blood_bus": "site", "corner_shop": "cupboard", "radio_stall": "walk_on", "radio_quiet": "pay_and_go",
    "ren_door": "alone", "ren_profile": "leave_it", "saltmere": "work", "islands": "visit",
    "staff_app": "install", "heat_map": "the_truth", "signature": "tonight", "review": "sign_all",
}
LOYAL = {"keystone_letter": "pay_it", "jorys_half": "lend", "recital": "go", "reach_room": "stay",
         "terrace": "jorys_number"}
WITH_REN = {"radio_stall": "ask_out", "ren_door": "vouch", "ren_profile": "leave_it", "saltmere": "van",
            "islands": "ask_her_to_stay"}
SEEDS = 60

# ending -> (city, the quiet life's changes)
LIVES = {
    "week_thirteen": ("rule_of_law", {}),
    "tiller_street": ("rule_of_law", LOYAL),
    "sedge_end": ("rule_of_law", {"review": "go_home"}),
    "nothing_fell": ("rule_of_law", {"signature": "sign"}),
    "fourteenth_floor": ("rule_of_law", {"trusted_connections": "connect_all", "reach_room": "take_it"}),
    "arch_nine": ("rule_of_law", WITH_REN),
    "ferry": ("rule_of_law", {**WITH_REN, "islands": "go_with_her"}),
    "on_the_list": ("court_blacklist", {"dads_envelope": "guarantor", "guarantor_letter": "cannot_pay"}),
    "withdrawn": ("points_city", {"staff_app": "decline", "keystone_letter": "association", "tutoring": "cash",
                                  "first_instalment": "pay_late", "trusted_connections": "empty", **WITH_REN}),
    "amber": ("credit_platform", {"staff_app": "decline", "first_instalment": "pay_late", "review": "go_home"}),
}


def live(scenario, rulebook, seed, policy):
    """Play a life that takes the policy's choice where it is open, else the first open one."""
    g = Game(scenario, rulebook, seed)
    while not g.finished:
        offer = g.offer()
        open_ids = [v.id for v in offer.choices if v.available]
        want = policy.get(offer.event_id)
        g.decide(want if want in open_ids else open_ids[0])
    return g


def test_the_life_has_the_shape_the_issue_asks_for(lockside):
    assert len(lockside.events) == 31 and len(lockside.endings) == 10
    assert 10 <= lockside.calendar.turns <= 12
    for ev in lockside.events.values():
        words = len(ev.model.text.split())
        assert 60 <= words <= 120, (ev.id, words)
        assert 2 <= len(ev.choices) <= 4, ev.id


def test_story_conditions_never_read_a_citys_scale(lockside):
    """score and tier belong to one city; stories ask standing, restricted, listed, closed."""
    conds = [e.model.when for e in lockside.events.values()] + [e.model.when for e in lockside.endings]
    conds += [c.model.show_if for e in lockside.events.values() for c in e.choices]
    conds += [c.model.enable_if for e in lockside.events.values() for c in e.choices]
    for cond in filter(None, conds):
        assert not re.search(r"\b(score|tier)\b", cond), cond
    assert any("standing" in (e.model.when or "") for e in lockside.endings)


@pytest.mark.parametrize("ending", sorted(LIVES))
def test_every_ending_is_reached_by_a_life_described_by_its_choices(lockside, shipped_rulebooks, ending):
    city, changes = LIVES[ending]
    policy = {**QUIET, **changes}
    reached = Counter(live(lockside, shipped_rulebooks[city], seed, policy).state.ending for seed in range(SEEDS))
    assert reached[ending] > 0, reached


def test_it_plays_to_an_ending_under_every_city_without_a_problem(lockside, shipped_rulebooks):
    for city, rb in shipped_rulebooks.items():
        for r in play_many(lockside, rb, 60, STRATEGIES, 5):
            assert r.problem is None, (city, r.index, r.detail)
            assert r.ending in {e.id for e in lockside.endings}


def test_openings_differ_from_the_first_week(lockside, shipped_rulebooks):
    res = play_many(lockside, shipped_rulebooks["credit_platform"], 500, STRATEGIES, 1)
    openings = Counter(tuple(e for _, e, _ in r.decisions[:5]) for r in res)
    assert openings.most_common(1)[0][1] / len(res) <= 0.25
    assert len({r.decisions[0][1] for r in res}) >= 5


def test_the_same_decisions_mostly_survive_another_citys_rules(lockside, shipped_rulebooks):
    for city, rb in shipped_rulebooks.items():
        lives = play_many(lockside, rb, 100, STRATEGIES, 1)
        for other, orb in shipped_rulebooks.items():
            if other == city:
                continue
            full = sum(relive(lockside, orb, r.seed, [Decision(t, e, c) for t, e, c in r.decisions]).complete
                       for r in lives)
            assert full / len(lives) >= 0.8, (city, other, full)


def test_a_comfortable_score_forgives_a_signature_it_never_checked(lockside, shipped_rulebooks):
    """Moral licensing: a citizen who follows the Guide until the balcony certificate, then signs
    it unchecked, does so in some lives well above the floor of a tier the signature never costs."""
    rb = shipped_rulebooks["credit_platform"]
    licensed = 0
    for seed in range(SEEDS):
        g = Game(lockside, rb, seed)
        while not g.finished:
            offer = g.offer()
            open_ids = [v.id for v in offer.choices if v.available]
            pick = "sign" if offer.event_id == "signature" else offer.guide
            g.decide(pick if pick in open_ids else open_ids[0])
        rep = build_report(g)
        if ("signature", "sign") in {(d.event, d.choice) for d in rep.licensed()}:
            licensed += 1
            assert rep.measures["licensed_harms"].value >= 1
    assert licensed > 0


def test_a_wrong_record_is_struck_out_on_appeal_in_the_charter_city(lockside, shipped_rulebooks):
    policy = {**QUIET, "statement": "dispute"}
    struck = 0
    for seed in range(SEEDS * 2):
        g = live(lockside, shipped_rulebooks["rule_of_law"], seed, policy)
        upheld = [a for a in g.state.appeals if a.outcome == "upheld"]
        assert all(g.state.records[a.record - 1].truth == "wrong" for a in upheld)  # no context to dispute here
        struck += sum(g.state.records[a.record - 1].removed for a in upheld)
    assert struck > 0


def test_the_court_hears_no_appeal(lockside, shipped_rulebooks):
    for seed in range(SEEDS):
        g = Game(lockside, shipped_rulebooks["court_blacklist"], seed)
        while not g.finished:
            offer = g.offer()
            if offer.event_id == "statement":
                assert offer.choice("dispute").lock.kind == "appeal"
                return
            open_ids = [v.id for v in offer.choices if v.available]
            want = QUIET.get(offer.event_id)
            g.decide(want if want in open_ids else open_ids[0])
    pytest.fail("the statement never came up")


def test_the_institutions_speak_as_the_chosen_city(lockside, shipped_rulebooks):
    for rb in shipped_rulebooks.values():
        sc = voiced(lockside, rb)
        words = voice_of(rb)
        assert words["system"] in sc.citizen.background
        assert words["system"] in sc.events["statement"].model.text and words["system"] in sc.events["review"].model.text
        assert "{" not in sc.events["statement"].model.text and "{" not in sc.events["review"].model.text
