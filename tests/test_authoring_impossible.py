"""Playtest tells what no life can reach under the chosen rulebook from what no run reached,
and shows money at the end per strategy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.authoring import playtest
from game.authoring.impossible import impossible
from game.authoring.playtest import play_many, summarise
from game.authoring.playtest_text import render_text
from game.cli import main
from game.scenario.loader import load_catalogue, load_rulebook, load_scenario

HERE = Path(__file__).parent / "fixtures" / "playtest"
ALL = list(playtest.STRATEGIES)

LIFE = '''[scenario]
id = "doors"
title = "Doors"

[calendar]
turns = 4

[citizen]
name = "Ada Stone"
money = 100
virtues = { care = 0 }

[[event]]
id = "visa"
title = "A visa"
text = "A conference abroad."

[[event.choice]]
id = "fast"
text = "Use the fast lane"
needs = ["fast_visa"]

[[event.choice]]
id = "queue"
text = "Queue with everyone"

[[event]]
id = "letter"
title = "A letter"
text = "A record you do not recognise."

[[event.choice]]
id = "appeal"
text = "Contest it"
effects = { appeal = true }

[[event.choice]]
id = "ignore"
text = "Let it be"
effects = { virtues = { care = 1 } }

[[event]]
id = "gala"
title = "A gala"
text = "For the listed only."
when = "listed"

[[event.choice]]
id = "go"
text = "Go"

[[event.choice]]
id = "stay"
text = "Stay home"

[[event]]
id = "week"
title = "A week"
text = "A week passes."
once = false

[[event.choice]]
id = "rest"
text = "Rest"

[[event.choice]]
id = "yacht"
text = "Buy a yacht"
effects = { money = -100000 }

[[ending]]
id = "vip"
title = "VIP"
text = "A lanyard."
when = "'vip' in privileges"
priority = 2

[[ending]]
id = "plain"
title = "Plain"
text = "Life goes on."
'''

OPEN_CITY = '''
[[privilege]]
id = "vip"
name = "Very important"
tiers = ["A", "B", "C"]
opens = ["fast_visa"]

[[blacklist]]
id = "gamers"
name = "Gamers"
triggers = ["play_games"]

[appeals]
kind = "fair"
'''


@pytest.fixture
def pair(tmp_path):
    shutil.copy(HERE / "catalogue.toml", tmp_path / "catalogue.toml")
    (tmp_path / "doors.toml").write_text(LIFE)
    lex = load_catalogue(tmp_path / "catalogue.toml")
    sc = load_scenario(tmp_path / "doors.toml", lex)
    return sc, load_rulebook(HERE / "rulebooks" / "plain.toml", lex), tmp_path


def test_impossible_under_this_rulebook_each_with_its_reason(pair):
    sc, rb, _ = pair
    got = impossible(sc, rb)
    assert set(got) == {("choice", "visa.fast"), ("choice", "letter.appeal"), ("event", "gala"),
                        ("choice", "week.yacht"), ("ending", "vip")}
    assert got[("choice", "visa.fast")] == ("it needs 'fast_visa', which is offered only with a privilege, "
                                            "and no privilege of Plain Rules opens it")
    assert got[("choice", "letter.appeal")] == "it files an appeal, and Plain Rules has no appeal procedure"
    assert got[("event", "gala")] == 'its condition "listed" can never hold under Plain Rules (it keeps no blacklist)'
    assert got[("ending", "vip")].endswith("under Plain Rules (its privileges are: none)")
    assert got[("choice", "week.yacht")].endswith("(in every city: `citizen check` warns of it)")


def test_a_city_that_opens_the_doors_makes_them_possible(pair):
    sc, _, folder = pair
    text = (HERE / "rulebooks" / "plain.toml").read_text() + OPEN_CITY
    (folder / "open.toml").write_text(text)
    rb = load_rulebook(folder / "open.toml", sc.lexicon)
    assert set(impossible(sc, rb)) == {("choice", "week.yacht"), ("choice", "letter.appeal")}
    # the appeal is allowed, but this city can never make a record disputable
    assert "no record can ever be disputed" in impossible(sc, rb)[("choice", "letter.appeal")]


def test_playtest_lists_the_impossible_apart_and_money_per_strategy(pair):
    sc, rb, _ = pair
    report = summarise(sc, rb, play_many(sc, rb, 50, ALL, 3), ALL, 3)
    cov = report["coverage"]
    assert cov["never_reached"] == []
    assert {(i["kind"], i["id"]) for i in cov["impossible"]} == set(impossible(sc, rb))
    assert all(i["why"] for i in cov["impossible"])
    text = render_text(report, full_coverage=False)
    assert "Coverage: 0 never reached by chance." in text
    assert "Impossible under Plain Rules: 5 (no life under this rulebook can reach them" in text
    assert "  IMPOSSIBLE choice visa.fast: it needs 'fast_visa'" in text
    money = text.split("Money at the end (mean, lowest to highest):\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split()[0] for line in money] == ALL
    per = report["per_strategy"]
    assert money[0] == f"  random     {per['random']['money']['mean']:g} ({per['random']['money']['min']:g} to {per['random']['money']['max']:g})"


def test_the_json_output_carries_both(pair, capsys):
    _, _, folder = pair
    assert main(["playtest", str(folder / "doors.toml"), "-r", str(HERE / "rulebooks" / "plain.toml"),
                 "--runs", "20", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {i["id"] for i in data["coverage"]["impossible"]} >= {"visa.fast", "letter.appeal", "gala"}
    assert set(data["per_strategy"]["random"]["money"]) >= {"mean", "min", "max"}


def test_what_is_called_impossible_never_happens(shipped_scenario, shipped_rulebooks):
    """Sound, not complete: under each shipped city, nothing marked impossible is ever reached."""
    for rb in shipped_rulebooks.values():
        marked = impossible(shipped_scenario, rb)
        results = play_many(shipped_scenario, rb, 150, ALL, 11)
        reached = {("event", ev) for r in results for _, ev, _ in r.decisions}
        reached |= {("choice", f"{ev}.{ch}") for r in results for _, ev, ch in r.decisions}
        reached |= {("ending", r.ending) for r in results if r.ending}
        assert not (set(marked) & reached), (rb.id, set(marked) & reached)


def test_playtest_counts_follow_ups_that_push_out_higher_priority_events(tmp_path):
    """The W110 fixture in play: 'meeting' follows 'week' and takes turn 3 from 'rent'."""
    broken = Path(__file__).parent / "fixtures" / "broken"
    lex = load_catalogue(broken / "catalogue.toml")
    sc = load_scenario(broken / "W110_follow_up_displaces.toml", lex)
    rb = load_rulebook(broken / "rulebooks" / "ok_rulebook.toml", lex)
    results = play_many(sc, rb, 100, ALL, 2)
    report = summarise(sc, rb, results, ALL, 2)
    (item,) = report["follow_ups"]
    lives = sum(1 for r in results if any(t == 3 and e == "meeting" for t, e, _ in r.decisions))
    assert item == {"follow_up": "meeting", "displaced": "rent", "lives": lives, "missed": lives} and lives > 0
    assert all(not any(e == "rent" for _, e, _ in r.decisions) for r in results if r.displaced)
    text = render_text(report, full_coverage=False)
    assert f"  'meeting' came before 'rent' in {lives}; it never came up afterwards in {lives}" in text
