"""`citizen playtest`: strategies, coverage, failures saved as replayable runs, --jobs identity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.authoring import playtest, playtest_text
from game.authoring.playtest import Progress, play_many, plan, run_seed, summarise
from game.cli import main
from game.scenario.library import catalogue_for
from game.scenario.loader import load_catalogue, load_rulebook, load_scenario

HERE = Path(__file__).parent / "fixtures" / "playtest"
SCENARIO = HERE / "unreachable.toml"
RULEBOOK = HERE / "rulebooks" / "plain.toml"


@pytest.fixture(scope="module")
def pair():
    sc = load_scenario(SCENARIO, load_catalogue(catalogue_for(SCENARIO)))
    return sc, load_rulebook(RULEBOOK, sc.lexicon)


ALL = list(playtest.STRATEGIES)


def test_coverage_lists_the_unreachable_event_first(pair):
    sc, rb = pair
    report = summarise(sc, rb, play_many(sc, rb, 100, ALL, 7), ALL, 7)
    assert report["coverage"]["never_reached"] == [{"kind": "event", "id": "gala"}]
    events = {e["id"]: e for e in report["coverage"]["events"]}
    assert events["gala"]["offered"] == 0
    assert events["rent"]["offered"] == sum(len(r) for r in [range(4)] * 100)  # 4 turns, 100 lives
    assert {c["id"]: c["chosen"] > 0 for c in events["rent"]["choices"]} == {"pay": True, "game": True, "visit": True}
    assert {e["id"]: e["reached"] > 0 for e in report["coverage"]["endings"]} == {"kind": True, "plain": True}
    assert report["problems"] == []


def test_strategies_do_what_they_say(pair):
    sc, rb = pair
    results = play_many(sc, rb, 50, ALL, 3)
    by = {s: [r for r in results if r.strategy == s] for s in ALL}
    # score always takes the Guide's advice (here: play games, +10)
    assert all(r.guide_followed == r.guide_offered == 4 for r in by["score"])
    assert all(ch == "game" for r in by["score"] for _, _, ch in r.decisions)
    # virtue takes the choice with the most virtue
    assert all(ch == "visit" for r in by["virtue"] for _, _, ch in r.decisions)
    # contrarian never takes the Guide's choice when another is open
    assert all(r.guide_followed == 0 for r in by["contrarian"])
    # thrifty never pays the rent (the only choice that costs money)
    assert all(ch != "pay" for r in by["thrifty"] for _, _, ch in r.decisions)


def test_balance_verdict_says_gaming_pays_with_numbers(pair):
    sc, rb = pair
    report = summarise(sc, rb, play_many(sc, rb, 20, ["score", "virtue"], 1), ["score", "virtue"], 1)
    bal = report["balance"]
    assert bal["verdict"] == "gaming_pays"
    assert (bal["score_strategy_mean"], bal["virtue_strategy_mean"], bal["gap"]) == (140, 80, 60)
    assert bal["sentence"] == ("Under Plain Rules, gaming pays: following the Guide ends on a mean score of 140 "
                               "(all in tier A), 60 points above living by the virtues (80, all in tier C), and "
                               "leaves the citizen with virtues of +0 against +8.")


def test_balance_calls_a_gap_within_chance_even(pair):
    _, rb = pair

    def side(mean, std, virtues, tiers):
        return {"completed": 400, "score": {"mean": mean, "std": std}, "virtue_total": {"mean": virtues}, "tiers": tiers}

    even = playtest.balance(rb, {"score": side(-9.0, 30, 22.5, {"Clear": 321, "Penalty": 79}),
                                 "virtue": side(-12.1, 30, 29.8, {"Clear": 296, "Penalty": 104})})
    assert even["verdict"] == "even" and "gaming does not pay" in even["sentence"]
    assert "3.1 points apart, within chance" in even["sentence"] and "most often tier Clear, 80%" in even["sentence"]
    virtue = playtest.balance(rb, {"score": side(14.8, 60, 22, {"Clear": 372}), "virtue": side(55, 60, 30.1, {"Clear": 368})})
    assert virtue["verdict"] == "virtue_pays" and "40.2 points above following the Guide" in virtue["sentence"]
    assert not virtue["slight"] and "out-scores gaming:" in virtue["sentence"]
    little = playtest.balance(rb, {"score": side(-9.0, 10, 22.5, {"Clear": 321}), "virtue": side(-12.1, 10, 29.8, {"Clear": 296})})
    assert little["verdict"] == "gaming_pays" and little["slight"] and "gaming pays a little:" in little["sentence"]


def test_seeds_derive_from_base_and_index_only():
    p = plan(10, ["random", "score"], 5)
    assert [s for _, s, _ in p[:4]] == ["random", "score", "random", "score"]
    assert p[0][2] == p[1][2] == run_seed(5, 0) and p[2][2] == run_seed(5, 1) != p[0][2]
    assert plan(10, ["random", "score"], 5) == p and plan(10, ["random", "score"], 6) != p


def _strip(report: dict) -> dict:
    for p in report["problems"]:
        p["saved"] = Path(p["saved"]).name if p["saved"] else None
    return report


def test_jobs_two_equals_jobs_one(pair, tmp_path):
    sc, rb = pair
    one = play_many(sc, rb, 60, ALL, 11, jobs=1)
    two = play_many(sc, rb, 60, ALL, 11, jobs=2)
    assert one == two
    assert summarise(sc, rb, one, ALL, 11) == summarise(sc, rb, two, ALL, 11)


def test_jobs_two_equals_jobs_one_from_the_command_line(capsys, tmp_path):
    args = ["playtest", str(SCENARIO), "-r", str(RULEBOOK), "--runs", "40", "--seed", "4", "--format", "json"]
    assert main(args + ["--jobs", "1"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert main(args + ["--jobs", "2"]) == 0
    two = json.loads(capsys.readouterr().out)
    assert one == two
    assert one["runs"] == 40 and set(one["per_strategy"]) == set(ALL)
    assert one["coverage"]["never_reached"][0] == {"kind": "event", "id": "gala"}


def test_a_crash_is_reported_with_its_seed_and_saved_replayably(pair, tmp_path, monkeypatch):
    from game.runs.store import open_run, rebuild

    sc, rb = pair

    def broken(game, offer, available, rng):
        if offer.turn == 3:
            return "no_such_choice"
        return available[0].id

    monkeypatch.setitem(playtest.STRATEGIES, "broken", broken)
    results = play_many(sc, rb, 2, ["broken"], 9, failures_dir=tmp_path)
    report = summarise(sc, rb, results, ["broken"], 9)
    assert len(report["problems"]) == 2
    p = report["problems"][0]
    assert p["kind"] == "exception" and p["seed"] == run_seed(9, 0)
    assert p["failing_decision"] == [3, "rent", "no_such_choice"]
    assert "IllegalDecision" in p["detail"]
    run = open_run(p["saved"])
    assert run.save.seed == p["seed"] and len(run.save.turns) == 2
    session, verification = rebuild(run)
    assert verification.ok and session.game.turn == 3
    text = playtest_text.render_text(report)
    assert f"seed {p['seed']}" in text and "saved:" in text


def test_an_invariant_violation_is_caught(pair, tmp_path, monkeypatch):
    sc, rb = pair
    real = playtest._check_invariants

    def tampered(game, start_money, *summed):
        if game.state.turn == 2:
            game.state.score += 1  # a score that no longer matches its records
        real(game, start_money, *summed)

    monkeypatch.setattr(playtest, "_check_invariants", tampered)
    (r,) = play_many(sc, rb, 1, ["random"], 2, failures_dir=tmp_path)
    assert r.problem == "invariant" and "not the sum of the records" in r.detail
    assert r.saved and Path(r.saved).exists()


def test_save_runs_saves_every_run(tmp_path, capsys):
    from game.runs.store import open_run, rebuild

    out = tmp_path / "runs"
    assert main(["playtest", str(SCENARIO), "-r", str(RULEBOOK), "--runs", "6", "--save-runs", str(out), "--brief"]) == 0
    files = sorted(out.glob("*.json"))
    assert len(files) == 6
    for f in files:
        session, verification = rebuild(open_run(f))
        assert verification.ok and session.game.finished
    text = capsys.readouterr().out
    assert "Balance: Under Plain Rules" in text and "UNTESTED event  gala" in text


def test_progress_only_on_a_terminal():
    import io

    class Tty(io.StringIO):
        def isatty(self):
            return True

    quiet, loud = io.StringIO(), Tty()
    for stream in (quiet, loud):
        bar = Progress(stream)
        for i in range(1, 11):
            bar(i, 10)
    assert quiet.getvalue() == "" and "10/10 runs" in loud.getvalue()


def test_shipped_scenario_plays_clean_under_every_rulebook(shipped_scenario, shipped_rulebooks):
    for rb in shipped_rulebooks.values():
        results = play_many(shipped_scenario, rb, 25, ALL, 1)
        report = summarise(shipped_scenario, rb, results, ALL, 1)
        assert report["problems"] == [], report["problems"][:1]


@pytest.mark.parametrize("rulebook", ["points_city", "credit_platform"])
def test_the_score_bot_games_the_metric_and_the_virtue_bot_does_not(rulebook, capsys):
    """per_strategy.<name>.metric_gaming.mean, over the lives that had a fork: following the
    score must read as gaming it, by a wide margin, and living by conscience must not."""
    from game.cli import main

    main(["playtest", "eastgate", "--rulebook", rulebook, "--runs", "60", "--strategy", "score",
          "--strategy", "virtue", "--format", "json"])
    per = json.loads(capsys.readouterr().out)["per_strategy"]
    score, virtue = per["score"]["metric_gaming"], per["virtue"]["metric_gaming"]
    assert score["runs_with_forks"] > 0 and virtue["runs_with_forks"] > 0
    assert score["mean"] >= virtue["mean"] + 30


def test_a_record_struck_out_unbeknown_to_the_judge_is_caught_by_the_life_s_last_check(monkeypatch):
    """The check after each decision adds only the new records while the judge has struck
    none out (Judge.struck); a record struck out behind its back is still caught, by the full
    sum at the end of the life."""
    from game.scenario.library import open_rulebook, open_scenario

    sc = open_scenario("eastgate")
    rb = open_rulebook("points_city", sc.lexicon)  # a record every turn
    real = playtest._check_invariants
    calls = {"incremental": 0, "full": 0}

    def tampered(game, start_money, *summed):
        calls["incremental" if summed else "full"] += 1
        hit = [r for r in game.state.records if r.points and not r.removed]
        if game.state.turn == 3 and summed and hit:
            hit[0].removed = True  # the judge's tally, its count and the score stay as they were
        real(game, start_money, *summed)

    monkeypatch.setattr(playtest, "_check_invariants", tampered)
    r = playtest.play_one(sc, rb, 0, "random", playtest.run_seed(5, 0))
    assert r.problem == "invariant" and "not the sum of the records" in r.detail
    assert calls["full"] == 1 and calls["incremental"] > 3
