"""Lockside, the graduate's life: it loads under every shipped city, every ending is reached by
a known life, the openings vary, the same decisions mostly survive another city's rules, and
the arguments the issue asks for (a licensed harm, a wrong record struck out) happen in it."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from game.authoring.playtest import play_many
from game.engine.game import play
from game.engine.outcome import Decision
from game.engine.relive import relive
from game.engine.report import build_report
from game.scenario.library import content_root
from game.scenario.loader import load_scenario
from game.scenario.voice import voice_of, voiced

STRATEGIES = ["random", "score", "virtue", "thrifty", "contrarian"]


@pytest.fixture(scope="module")
def lockside(shipped_lexicon):
    return load_scenario(content_root() / "lockside", shipped_lexicon)


# Each ending, reached by one recorded life: (city, seed, the choices in order).
KNOWN_LIVES = {
    "ferry": ("rule_of_law", 44761259880424, [
        "link", "connect_all", "get_a_cut", "ask_out", "lend", "let_it_stand", "in_your_name",
        "overdraft", "tonight", "towpath_pub", "go_with_her"]),
    "on_the_list": ("rule_of_law", 279952805453139, [
        "ask_out", "standard", "bus", "app", "overdraft", "let_it_stand", "food_bank", "his_problem",
        "miss_deadline", "work", "close_map", "go_home"]),
    "withdrawn": ("points_city", 127357839736894, [
        "link", "pay_it", "work_phone", "guarantor", "deposit", "cannot_pay", "pay_late", "dispute",
        "miss_deadline", "ride_with_him", "bus", "strike_nine"]),
    "nothing_fell": ("rule_of_law", 127357839736894, [
        "standard", "ask_him_to_go", "install", "send_money", "donors_wall", "borrow", "for_nothing",
        "pay_late", "archive", "sign", "site", "go_home"]),
    "amber": ("points_city", 127357839736894, [
        "link", "ask_him_to_go", "decline", "stairs", "food_bank", "let_it_stand", "pay_late", "archive",
        "tonight", "his_way", "hospital", "strike_nine"]),
    "fourteenth_floor": ("rule_of_law", 22886588316440, [
        "walk_on", "pay_it", "connect_all", "his_problem", "site", "let_it_stand", "app", "take_and_cover",
        "miss_deadline", "profile_plus", "refuse", "strike_nine"]),
    "arch_nine": ("rule_of_law", 116438946840609, [
        "empty", "ask_out", "for_nothing", "guarantor", "donors_wall", "by_the_month", "archive", "vouch",
        "tonight", "van", "close_map", "strike_nine"]),
    "tiller_street": ("rule_of_law", 127357839736894, [
        "link", "pay_it", "work_phone", "guarantor", "deposit", "cannot_pay", "pay_late", "profile_plus",
        "miss_deadline", "ride_with_him", "bus", "strike_nine"]),
    "sedge_end": ("rule_of_law", 127357839736894, [
        "link", "association", "work_phone", "go_down", "donors_wall", "pay_later", "app", "run",
        "miss_deadline", "get_a_cut", "hospital", "go_home"]),
    "week_thirteen": ("rule_of_law", 127357839736894, [
        "link", "ask_him_to_go", "decline", "stairs", "food_bank", "let_it_stand", "pay_late", "archive",
        "tonight", "his_way", "hospital", "strike_nine"]),
}


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


@pytest.mark.parametrize("ending", sorted(KNOWN_LIVES))
def test_every_ending_is_reached_by_a_known_life(lockside, shipped_rulebooks, ending):
    city, seed, choices = KNOWN_LIVES[ending]
    g, results = play(lockside, shipped_rulebooks[city], seed, choices)
    assert g.finished and g.state.ending == ending, (g.state.ending, [r.event_id for r in results])
    assert len(results) == len(choices)


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
    """Moral licensing: well above the floor of its tier, the citizen signs off a balcony
    unchecked and keeps the tier."""
    choices = ["pay_it", "work_phone", "bus", "prune", "flag_him", "borrow", "pay_later", "deposit", "sign",
               "write_it", "profile_plus", "sign_all"]
    g, _ = play(lockside, shipped_rulebooks["credit_platform"], 84972930395427, choices)
    rep = build_report(g)
    licensed = {(d.event, d.choice) for d in rep.licensed()}
    assert ("signature", "sign") in licensed
    assert rep.measures["licensed_harms"].value >= 1


def test_a_wrong_record_is_struck_out_on_appeal_in_the_charter_city(lockside, shipped_rulebooks):
    choices = ["guarantor", "decline", "hospital", "ask_out", "pay_late", "dispute", "by_the_month", "vouch",
               "tonight", "close_map", "van", "strike_nine"]
    g, _ = play(lockside, shipped_rulebooks["rule_of_law"], 215724981683012, choices)
    upheld = [a for a in g.state.appeals if a.outcome == "upheld"]
    assert upheld and all(g.state.records[a.record - 1].truth == "wrong" for a in upheld)
    assert all(g.state.records[a.record - 1].removed for a in upheld)
    # Under the court, which hears no appeals, the same statement's dispute is locked.
    g2, _ = play(lockside, shipped_rulebooks["court_blacklist"], 215724981683012, choices[:5])
    offer = g2.offer()
    assert offer.event_id == "statement" and offer.choice("dispute").lock.kind == "appeal"


def test_the_institutions_speak_as_the_chosen_city(lockside, shipped_rulebooks):
    for rb in shipped_rulebooks.values():
        sc = voiced(lockside, rb)
        words = voice_of(rb)
        assert words["system"] in sc.citizen.background
        assert words["system"] in sc.events["statement"].model.text and words["system"] in sc.events["review"].model.text
        assert "{" not in sc.events["statement"].model.text and "{" not in sc.events["review"].model.text
