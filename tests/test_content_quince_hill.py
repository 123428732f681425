"""Quince Hill, the shipped life of a retired teacher in a model district: its shape, its city-neutral
conditions, and that each ending and the arguments it was written for can be reached, under
every shipped rulebook where the story means them to be."""

from __future__ import annotations

import re
import tomllib
from collections import Counter

import pytest

from game.engine.game import Game
from game.engine.relive import relive
from game.engine.outcome import Decision
from game.scenario.library import content_root
from game.scenario.loader import load_scenario

FOLDER = content_root() / "quince_hill"
CITIES = ("points_city", "credit_platform", "court_blacklist", "rule_of_law")


@pytest.fixture(scope="module")
def quince(shipped_lexicon):
    return load_scenario(FOLDER, shipped_lexicon)


def _raw() -> tuple[list[dict], list[dict]]:
    events, endings = [], []
    for path in sorted(FOLDER.rglob("*.toml")):
        data = tomllib.loads(path.read_text())
        events += data.get("event", [])
        endings += data.get("ending", [])
    return events, endings


# --------------------------------------------------------------------------- shape


def test_the_life_has_the_shape_issue_10_asks_for(quince, shipped_rulebooks):
    assert set(CITIES) <= set(shipped_rulebooks)
    assert len(quince.events) >= 25
    assert len(quince.endings) >= 6
    assert 10 <= quince.calendar.turns <= 12
    for ev in quince.events.values():
        words = len(ev.model.text.split())
        assert 60 <= words <= 120, f"{ev.id}: {words} words"
        assert 2 <= len(ev.choices) <= 4, ev.id
    assert sum(1 for en in quince.endings if en.when is None) == 1  # one fallback


def test_no_story_condition_reads_one_citys_scale():
    """Stories ask standing, restricted, privileged, listed, closed, records and flags: never the
    raw score, a tier id, or a rulebook's privilege ids, which mean something in one city only."""
    events, endings = _raw()
    conditions = [e.get("when") for e in events] + [e.get("when") for e in endings]
    conditions += [c.get(k) for e in events for c in e["choice"] for k in ("show_if", "enable_if")]
    for cond in filter(None, conditions):
        bare = re.sub(r"'[^']*'|\"[^\"]*\"", "''", cond)
        assert not re.search(r"\b(score|tier|privileges)\b", bare), cond


# --------------------------------------------------------------------------- living it

#: Choices that keep a life out of the way of every ending but the fallback, unless a policy
#: below prefers otherwise.
QUIET = {
    "brannock_form": ["district_school"], "last_post": ["let_it_go"], "gerda_mentor": ["decline"],
    "court_letter": ["forward"], "room_in_kessmark": ["after_concert"], "teodor_fall": ["district_carers"],
    "teodor_found": ["district_carers"], "aurel_bench": ["coat"], "idris_stays": ["cannot"],
    "guarantor_letter": ["pay_all", "by_the_month"], "inspection": ["clean_up"], "green_supper": ["stay_in"],
    "winter_concert": ["anywhere"], "enrolment": ["district_after_all"], "audition": ["take_her_home"],
}
APPLY = {"brannock_form": ["apply_without"], "last_post": ["apply_without"], "audition": ["school_accompanist"],
         "enrolment": ["enrol"]}


def _best_for_score(game: Game, open_: list[str]) -> str:
    """What a citizen gaming the whole rulebook would take: the Guide's pick where it speaks,
    else the choice worth most points in expectation, hidden rules included."""
    offer, event = game.offer(), game.current_event()
    if offer.guide in open_:
        return offer.guide

    def worth(cid: str) -> float:
        ch = event.choice(cid)
        return sum(game.judge.expected_points(b, game.turn, visible_only=False) for b in ch.model.behaviours) if ch else 0.0

    return max(open_, key=worth)


def live(scenario, rulebook, seed: int, prefer: dict[str, list[str]], quiet: bool = True) -> Game:
    """A life that takes the first preferred choice that is open, else the one best for the score."""
    game = Game(scenario, rulebook, seed)
    policy = {**QUIET, **prefer} if quiet else prefer
    while not game.finished:
        offer = game.offer()
        open_ = [v.id for v in offer.choices if v.available]
        pick = next((c for c in policy.get(offer.event_id, []) if c in open_), None)
        game.decide(pick or _best_for_score(game, open_))
    return game


def first_seed(scenario, rulebook, prefer, test, seeds=range(300), quiet=True):
    for seed in seeds:
        game = live(scenario, rulebook, seed, prefer, quiet)
        if test(game):
            return seed, game
    return None, None


ROUTES = {
    "over_the_border": ("rule_of_law", {"court_letter": ["guarantor"], "room_in_kessmark": ["all_go"]}),
    "on_a_list": ("court_blacklist", {"court_letter": ["guarantor"], "guarantor_letter": ["refuse"]}),
    "the_gate": ("points_city", {**APPLY, "petition": ["sign"], "bin_day": ["accept"], "green_tick": ["drawer"],
                                 "pharmacy": ["full_price"], "tutoring": ["cash"]}),
    "empty_room": ("credit_platform", {"court_letter": ["pay_some"], "room_in_kessmark": ["lotte_goes"]}),
    "brannock_for_ros": ("rule_of_law", {**APPLY, "winter_concert": ["film_for_ros"]}),
    "brannock": ("credit_platform", APPLY),
    "thursdays": ("points_city", {"teodor_fall": ["next_of_kin"], "teodor_found": ["next_of_kin"]}),
    "quince_in_flower": ("court_blacklist", {"aurel_bench": ["quince_tree"]}),
    "tea_tray": ("rule_of_law", {"pharmacy": ["cheaper"], "inspection": ["log_and_drain"], "cataract": ["wait"],
                                 "chess": ["play_on"], "teodor_fall": ["send_lotte"], "teodor_found": ["send_lotte"],
                                 "aurel_bench": ["coat"], "winter_concert": ["film_for_ros"]}),
    "christmas_coach": ("points_city", {"court_letter": ["pay_some"]}),
    "number_nine": ("credit_platform", {"idris_stays": ["register"], "inspection": ["drain"]}),
    "resident_of_the_month": ("rule_of_law", {"gerda_mentor": ["mentor_only"]}),
    "end_of_term": ("court_blacklist", {}),
}


def test_every_ending_has_a_route(quince):
    assert set(ROUTES) == {en.id for en in quince.endings}


@pytest.mark.parametrize("ending", sorted(ROUTES))
def test_each_ending_is_reached_by_its_route(quince, shipped_rulebooks, ending):
    city, prefer = ROUTES[ending]
    seed, game = first_seed(quince, shipped_rulebooks[city], prefer, lambda g: g.state.ending == ending)
    assert seed is not None, f"no life in 300 seeds under {city} reaches {ending} by its route"


@pytest.mark.parametrize("city", CITIES)
def test_every_city_lives_it_to_an_ending(quince, shipped_rulebooks, city):
    """The same careful life runs to its end in every city: the story never strands a citizen."""
    game = live(quince, shipped_rulebooks[city], 11, APPLY)
    assert game.finished and game.state.turn == quince.calendar.turns
    assert len(game.state.lines) == quince.calendar.turns


# --------------------------------------------------------------------------- the arguments


def _heaviest_penalty(rb) -> int:
    m = rb.model
    worst = [-v.points for v in m.value] + [-b.points for b in m.blacklist] + [-o.refuse_points for o in m.data_offer]
    return max(w for w in worst if w > 0)


@pytest.mark.parametrize("city", ["points_city", "credit_platform"])
def test_moral_licensing_a_comfortable_score_forgives_the_scrape(quince, shipped_rulebooks, city):
    """Banked credit: a citizen who has shared, volunteered and bought her way far above the floor
    of the best tier drives away from a scraped car, loses points, and keeps the tier and every
    privilege (THEMES rows 8 and 9)."""
    rb = shipped_rulebooks[city]
    floors = {t.id: t.min for t in rb.model.tier}

    def licensed(game) -> bool:
        lines = game.state.lines
        for before, line in zip(lines, lines[1:]):
            if line.event == "scraped_car" and line.choice == "drive_away" and floors[before.tier] is not None:
                margin = before.score - floors[before.tier]
                return margin >= _heaviest_penalty(rb) and line.tier == before.tier and line.score < before.score
        return False

    # Every other week the citizen follows the Guide, banking points.
    seed, game = first_seed(quince, rb, {"scraped_car": ["drive_away"]}, licensed, seeds=range(400), quiet=False)
    assert seed is not None
    assert game.state.privileges  # the privileges of the best tier survive the scrape


def test_a_wrong_record_is_struck_out_on_appeal_in_the_charter_city(quince, shipped_rulebooks):
    rb = shipped_rulebooks["rule_of_law"]
    assert rb.model.appeals.kind == "fair"

    def struck(game) -> bool:
        recs = game.state.records
        return any(a.outcome == "upheld" and recs[a.record - 1].truth == "wrong" for a in game.state.appeals)

    seed, game = first_seed(quince, rb, {"statement": ["contest"]}, struck)
    assert seed is not None


def test_a_record_without_its_context_can_be_contested_in_the_points_city(quince, shipped_rulebooks):
    """The Pryces' bag is recorded against the citizen without its reason; the statement lets her
    contest it (THEMES rows 7 and 13)."""
    rb = shipped_rulebooks["points_city"]

    def contested(game) -> bool:
        recs = game.state.records
        return any(recs[a.record - 1].truth == "contextless" and recs[a.record - 1].behaviour == "unsorted_waste"
                   for a in game.state.appeals)

    seed, game = first_seed(quince, rb, {"bin_day": ["accept"], "statement": ["contest"]}, contested)
    assert seed is not None


def test_the_court_register_hears_no_appeal(quince, shipped_rulebooks):
    rb = shipped_rulebooks["court_blacklist"]
    for seed in range(300):
        game = Game(quince, rb, seed)
        while not game.finished:
            offer = game.offer()
            contest = offer.choice("contest") if offer.event_id == "statement" else None
            if contest is not None:
                assert contest.lock is not None and contest.lock.kind == "appeal"
                return
            open_ = [v.id for v in offer.choices if v.available]
            pick = next((c for c in QUIET.get(offer.event_id, []) if c in open_), open_[0])
            game.decide(pick)
    pytest.fail("no life in 300 seeds met the statement with a disputed record under the court register")


def test_keeping_a_daughter_costs_points_where_the_city_counts_company(quince, shipped_rulebooks):
    """Sending the court's letter on lets enforcement continue: Ros's score falls below the
    points city's line, and from then on keeping her weighs on her mother's score (row 10)."""
    rb = shipped_rulebooks["points_city"]

    def weighed(game) -> bool:
        return any(r.kind == "association" and "ros" in r.contacts for r in game.state.records)

    seed, game = first_seed(quince, rb, {"court_letter": ["forward"]}, weighed)
    assert seed is not None
    assert game.state.contacts["ros"]["score"] < rb.model.association.low_below


# --------------------------------------------------------------------------- other cities, other openings


def _random_lives(scenario, rulebook, n: int):
    from game.authoring.playtest import play_one, run_seed

    return [play_one(scenario, rulebook, i, "random", run_seed(5, i)) for i in range(n)]


@pytest.mark.parametrize("city", CITIES)
def test_the_same_decisions_mostly_run_to_the_end_in_every_other_city(quince, shipped_rulebooks, city):
    lives = _random_lives(quince, shipped_rulebooks[city], 80)
    for other in CITIES:
        if other == city:
            continue
        full = sum(relive(quince, shipped_rulebooks[other], r.seed,
                          [Decision(t, e, c, None) for t, e, c in r.decisions]).parting is None for r in lives)
        assert full / len(lives) >= 0.8, f"{city} -> {other}: {full}/{len(lives)}"


def test_openings_vary_from_the_second_week(quince, shipped_rulebooks):
    lives = _random_lives(quince, shipped_rulebooks["points_city"], 300)
    openings = Counter(tuple(e for _, e, _ in r.decisions[:5]) for r in lives)
    assert openings.most_common(1)[0][1] / len(lives) <= 0.25
    assert len({r.decisions[1][1] for r in lives}) >= 5  # week 2 is drawn from a pool
