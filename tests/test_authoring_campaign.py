"""`citizen playtest`'s campaign keys: varied openings, the same lives in other cities, THEMES rows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from game.authoring import campaign, playtest
from game.authoring.playtest import play_many, summarise
from game.cli import main
from game.engine.relive import relive

ALL = list(playtest.STRATEGIES)


@dataclass
class FakeRun:
    decisions: list
    problem: str | None = None
    seed: int = 1
    index: int = 0
    strategy: str = "random"
    extra: dict = field(default_factory=dict)


def test_variety_counts_openings_by_their_first_five_events():
    a = [(t, e, "x") for t, e in enumerate("abcdef", 1)]
    b = [(t, e, "x") for t, e in enumerate("abcdez", 1)]  # same first five as a
    c = [(t, e, "x") for t, e in enumerate("bacde", 1)]
    runs = [FakeRun(a), FakeRun(b), FakeRun(c), FakeRun(c, problem="exception")]
    assert campaign.variety(runs) == {"opening_turns": 5, "distinct_openings": 2, "most_common_opening_share": 0.6667}


def test_sample_spreads_over_every_strategy():
    runs = [FakeRun([], index=i, strategy=ALL[i % 5]) for i in range(1000)]
    got = campaign.sample_runs(runs, 200)
    assert len(got) == 200 and {r.strategy for r in got} == set(ALL)
    assert campaign.sample_runs(runs[:30], 200) == runs[:30]


def test_other_cities_share_is_the_share_of_lives_that_do_not_part(shipped_scenario, shipped_rulebooks):
    rb = shipped_rulebooks["points_city"]
    others = {k: v for k, v in shipped_rulebooks.items() if k != rb.id}
    results = play_many(shipped_scenario, rb, 20, ALL, 5)
    got = campaign.other_cities(shipped_scenario, others, results)
    assert set(got) == set(others)
    for rid, other in others.items():
        full = sum(relive(shipped_scenario, other, r.seed, campaign._decisions(r)).complete for r in results)
        assert got[rid] == {"full_life_share": round(full / 20, 4), "runs": 20}


def test_verdicts_carried_by_a_run_are_counted_and_a_run_without_them_is_lived_again(shipped_scenario,
                                                                                      shipped_rulebooks):
    rb = shipped_rulebooks["credit_platform"]
    others = {k: v for k, v in shipped_rulebooks.items() if k != rb.id}
    results = play_many(shipped_scenario, rb, 20, ALL, 6)
    want = campaign.other_cities(shipped_scenario, others, results)
    for r in results[::2]:  # what a worker works out for the runs it kept, for half of them
        r.full_lives = campaign.full_lives(shipped_scenario, others, r)
    assert campaign.other_cities(shipped_scenario, others, results) == want
    for r in results[::2]:  # the carried verdicts are what is counted: none full, half of the lives
        r.full_lives = dict.fromkeys(others, False)
    got = campaign.other_cities(shipped_scenario, others, results)
    for rid in others:
        lived = sum(relive(shipped_scenario, others[rid], r.seed, campaign._decisions(r)).complete for r in results[1::2])
        assert got[rid] == {"full_life_share": round(lived / 20, 4), "runs": 20}


def test_playtest_json_has_variety_and_other_cities_and_themes_on_request(capsys):
    assert main(["playtest", "eastgate", "--runs", "10", "--format", "json", "--themes"]) == 0
    report = json.loads(capsys.readouterr().out)
    v = report["variety"]
    assert v["opening_turns"] == 5 and 1 <= v["distinct_openings"] <= 10 and 0 < v["most_common_opening_share"] <= 1
    assert set(report["other_cities"]) == {"court_blacklist", "credit_platform", "rule_of_law"}
    assert all(0 <= c["full_life_share"] <= 1 and c["runs"] == 10 for c in report["other_cities"].values())
    th = report["themes"]
    assert th["runs"] == 10 and set(th["rows"]) == {str(n) for n in range(1, 14)}
    assert th["rows"]["12"]["runs"] == 10  # the Guide recommends something in every life
    assert all(th["rows"][str(r)]["runs"] == 0 for r in th["unreached"])


def test_themes_count_a_row_when_one_of_its_measures_moved(shipped_scenario, shipped_rulebooks):
    rb = shipped_rulebooks["points_city"]
    results = play_many(shipped_scenario, rb, 10, ["score"], 2)
    th = campaign.themes(shipped_scenario, rb, results, {})
    # the score strategy follows the Guide every week: row 12's guide_rate moved in every life
    assert th["rows"]["12"]["measures"]["guide_offered"] == 10
    assert th["rows"]["1"]["runs"] == 0  # no other city was given: row 1 cannot be met
    assert "1" not in [str(x) for x in th["rows"] if th["rows"][x]["runs"]]


def test_text_output_says_it_in_a_line_each(capsys):
    assert main(["playtest", "eastgate", "--runs", "10", "--brief"]) == 0
    out = capsys.readouterr().out
    assert "Variety: " in out and "different openings (first 5 events) in 10 lives" in out
    assert "Other cities (10 lives relived, same seeds): court_blacklist " in out
    assert "THEMES rows reached" not in out


def test_summarise_carries_the_campaign_keys_without_themes(shipped_scenario, shipped_rulebooks):
    rb = shipped_rulebooks["rule_of_law"]
    report = summarise(shipped_scenario, rb, play_many(shipped_scenario, rb, 10, ALL, 1), ALL, 1)
    assert "variety" in report and "other_cities" in report and "themes" not in report
    assert "rule_of_law" not in report["other_cities"]


def test_the_other_cities_are_the_ones_the_run_report_compares_against():
    """campaign.shipped_others reads the other cities itself (so a playtest need not import
    the report before its workers start); they must be the report's own, rule for rule."""
    from game.report.full import other_rulebooks
    from game.scenario.library import open_rulebook, open_scenario, rulebooks, scenarios

    for sc_entry in scenarios():
        sc = open_scenario(sc_entry.id)
        for rb_entry in rulebooks():
            own = open_rulebook(rb_entry.id, sc.lexicon)
            mine, theirs = campaign.shipped_others(sc, own), other_rulebooks(sc, own)
            assert list(mine) == list(theirs) and rb_entry.id not in mine and len(mine) == len(rulebooks()) - 1
            for rid in mine:
                assert mine[rid].model == theirs[rid].model and mine[rid].path == theirs[rid].path
