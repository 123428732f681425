"""The run report's measures, on hand-built runs of the mini fixture whose answers are known.

The mini life: week 1 rent (pay +5 / late -60 without its hospital context / default ->
defaulters list), week 2 mother (train +30 needs the railway / call, unscored / games -20 under
a hidden rule, plus an unscored lie), week 3 the app (share +15 / refuse -5 and bank loans
closed / appeal / drop Ana), week 4 a quiet week. Strict tiers: A >= 1020, B >= 960, C
below; tier C closes railway, bank loans and school places. Ana (300) costs -10 a week.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.game import play
from game.engine.outcome import Decision
from game.report.run import MEASURES, ReportError, build_report, heaviest_penalty



def report_of(scenario, rulebook, choices, seed=1, **kw):
    game, _ = play(scenario, rulebook, seed, choices)
    return build_report(game, **kw)


# ----------------------------------------------------------------- punished everywhere


def test_one_record_closing_three_services_is_three_punishments_for_one_wrong(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["late", "call", "share", "rest"])
    late = rep.record(1)
    assert late.behaviour == "late_payment" and late.points == -60
    assert sorted(c.service for c in late.closures) == ["bank_loan", "railway", "school_place"]
    assert late.punishments == 3
    assert rep.m("max_punishments") == 3
    assert rep.m("punishments") == 3
    assert rep.wrongs() == [late]
    # the sanction stood for weeks 2, 3 and 4, and was still in force at the end
    assert {(c.turns, c.until_end) for c in late.closures} == {(3, True)}
    assert rep.measures["max_punishments"].vars["truth_note"] == " The record did not say why."  # no hospital in it


def test_paying_on_time_closes_nothing(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["pay", "call", "share", "rest"])
    assert rep.m("max_punishments") == 0 and rep.m("punishments") == 0 and rep.wrongs() == []


def test_a_closed_door_met_is_counted_with_its_record(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["late", "call", "share", "rest"])
    assert rep.m("doors_met") == 1
    door = rep.doors[0]
    assert (door.turn, door.service, door.records, door.institution) == (2, "railway", [1], "Mini Rail Office")


def test_blacklist_and_its_lifting_are_counted(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["default", "call", "share", "repay"])
    default = rep.record(1)
    listed = [c for c in default.closures if c.kind == "blacklist"]
    assert sorted(c.service for c in listed) == ["bank_loan", "railway"]
    assert all(not c.until_end for c in listed)


# ----------------------------------------------------------------- rules never shown


def test_a_hidden_rules_effect_is_counted(mini_scenario, mini_rulebook, variant):
    rep = report_of(mini_scenario, mini_rulebook, ["pay", "game", "share", "rest"])
    assert [r.behaviour for r in rep.unshown()] == ["play_games"]
    assert rep.m("unshown_points") == 20 and rep.m("unshown_records") == 1
    assert rep.measures["unshown_points"].vars["lost"] == 20
    shown = variant(("points = -20\nhidden = true", "points = -20"))
    rep2 = report_of(mini_scenario, shown, ["pay", "game", "share", "rest"])
    assert rep2.m("unshown_points") == 0 and rep2.unshown() == []


def test_an_unannounced_rule_change_counts_as_never_shown(mini_scenario, variant):
    change = '\n[[value]]\nbehaviour = "share_location"\npoints = -40\nfrom_turn = 3\nannounced = false\n'
    rep = report_of(mini_scenario, variant(extra=change), ["pay", "call", "share", "rest"])
    shared = next(r for r in rep.records if r.behaviour == "share_location")
    assert shared.unannounced and not shared.hidden
    assert rep.m("unshown_points") == abs(shared.points)
    announced = report_of(mini_scenario, variant(extra=change.replace("announced = false", "")),
                          ["pay", "call", "share", "rest"])
    assert announced.m("unshown_points") == 0


def test_secret_rulebook_makes_every_rule_unshown(mini_scenario, variant):
    rep = report_of(mini_scenario, variant(('transparency = "partial"', 'transparency = "secret"')),
                    ["pay", "call", "share", "rest"])
    assert rep.m("unshown_records") == len([r for r in rep.records if r.points and not r.removed])


# ----------------------------------------------------------------- moral licensing


def test_heaviest_penalty_is_the_default_margin(mini_rulebook):
    assert heaviest_penalty(mini_rulebook) == 60  # late_payment


@pytest.mark.parametrize("start, licensed", [
    (1100, True),   # week 2: 1105 - 10 (Ana) = 1095 in tier A (floor 1020): 75 above, > 60
    (1070, False),  # 1065 in tier A: 45 above its floor, < 60
    (1000, False),  # 995 in tier B (floor 960): 35 above
    (900, False),   # tier C has no floor: nothing to lose
])
def test_licensing_is_detected_only_above_the_threshold(mini_scenario, variant, start, licensed):
    rb = variant(("start_score = 1000", f"start_score = {start}"))
    rep = report_of(mini_scenario, rb, ["pay", "game", "share", "rest"])
    games = next(d for d in rep.deeds if d.choice == "game")
    assert games.harmful
    assert games.licensed is licensed
    assert rep.m("licensed_harms") == (1 if licensed else 0)


def test_licensing_margin_is_inclusive_and_can_be_set(mini_scenario, variant):
    rb = variant(("start_score = 1000", "start_score = 1100"))
    game, _ = play(mini_scenario, rb, 1, ["pay", "game", "share", "rest"])
    assert build_report(game, licensing_margin=75).m("licensed_harms") == 1
    assert build_report(game, licensing_margin=76).m("licensed_harms") == 0


def test_good_deeds_are_never_licensed_harms(mini_scenario, variant):
    rb = variant(("start_score = 1000", "start_score = 1100"))
    rep = report_of(mini_scenario, rb, ["pay", "call", "share", "rest"])
    assert rep.m("licensed_harms") == 0


# ----------------------------------------------------------------- the system's blind spots


def test_good_deed_never_seen_harm_rewarded_and_good_punished(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["late", "call", "share", "rest"])
    # paying late was care (+1) and cost -60: a good deed punished; calling is care, unscored
    assert [d.choice for d in rep.good_punished()] == ["late"]
    assert [d.choice for d in rep.good_unseen()] == ["call"]
    assert rep.m("good_unseen") == 1 and rep.m("good_punished") == 1 and rep.m("harms_rewarded") == 0


def test_harm_rewarded_when_a_rule_pays_for_it(mini_scenario, variant):
    rb = variant(extra='\n[[value]]\nbehaviour = "lie_to_friend"\npoints = 25\n')
    rep = report_of(mini_scenario, rb, ["pay", "game", "share", "rest"])
    assert [d.choice for d in rep.harms_rewarded()] == ["game"]  # -20 + 25 for a lie: +5
    assert rep.m("harms_rewarded") == 1


def test_metric_gaming_is_the_players_side_at_forks(mini_scenario, mini_rulebook):
    # rent: paying (+5, no virtue) and paying late (-60, care +1) part ways: a fork
    rep = report_of(mini_scenario, mini_rulebook, ["pay", "game", "share", "rest"])
    mg = rep.metric_gaming
    assert (mg.forks, mg.gamed, mg.value) == (1, 1, 100)
    m = mg.moments[0]
    assert (m.turn, m.chosen, m.score_preferred, m.gamed) == (1, "pay", "pay", True)
    rep2 = report_of(mini_scenario, mini_rulebook, ["late", "call", "share", "rest"])
    assert (rep2.metric_gaming.forks, rep2.metric_gaming.gamed, rep2.metric_gaming.value) == (1, 0, 0)
    assert rep2.metric_gaming.moments[0].score_preferred_text == "Pay the rent"


def test_metric_gaming_says_no_moments_when_score_and_conscience_never_part(mini_scenario, variant):
    # with paying late and on time unscored, no offer has a choice the score prefers against conscience
    rb = variant(("behaviour = \"late_payment\"\npoints = -60", "behaviour = \"late_payment\"\npoints = 0"),
                 ("behaviour = \"pay_rent\"\npoints = 5", "behaviour = \"pay_rent\"\npoints = 0"))
    rep = report_of(mini_scenario, rb, ["pay", "call", "share", "rest"])
    assert rep.metric_gaming.forks == 0 and rep.metric_gaming.value is None
    assert rep.gaming_index is None


def test_score_fidelity_counts_right_silent_and_wrong(mini_scenario, mini_rulebook):
    # late: a good deed punished (wrong; its contextless record is the same moment);
    # call: a good deed never counted (silent)
    rep = report_of(mini_scenario, mini_rulebook, ["late", "call", "share", "rest"])
    f = rep.fidelity
    assert (f.right, f.silent, f.wrong) == (0, 1, 1)
    # game: a harm punished (right)
    rep2 = report_of(mini_scenario, mini_rulebook, ["pay", "game", "share", "rest"])
    assert (rep2.fidelity.right, rep2.fidelity.silent, rep2.fidelity.wrong) == (1, 0, 0)


def test_contextless_and_weighed_context(mini_scenario, mini_rulebook, variant):
    rep = report_of(mini_scenario, mini_rulebook, ["late", "call", "share", "rest"])
    assert rep.m("contextless_records") == 1 and rep.record(1).context == "You were in hospital."
    weighed = variant(('transparency = "partial"', 'transparency = "partial"\ncontext = "weighed"\ncontext_factor = 0.5'))
    rep2 = report_of(mini_scenario, weighed, ["late", "call", "share", "rest"])
    assert rep2.m("contextless_records") == 0 and rep2.record(1).points == -30


# ----------------------------------------------------------------- score, virtue, legality, forces


def test_lines_and_virtue_index(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["pay", "train", "share", "rest"])
    assert [ln.turn for ln in rep.lines] == [1, 2, 3, 4]
    assert [ln.score for ln in rep.lines] == [1005, 1025, 1030, 1020]
    assert [ln.virtue for ln in rep.lines] == [0, 2, 2, 2]
    assert rep.virtue_index == 2 and rep.m("virtue_index") == 2
    assert rep.tier_changes and rep.tier_changes[0].new == "A" and not rep.tier_changes[0].down


def test_score_and_virtue_moving_apart(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["late", "call", "share", "rest"])
    # late: score -60, care +1 (apart); call: care +1, and Ana's weekly -10 came with the week,
    # not with the call: not apart
    assert rep.m("divergent_turns") == 1
    assert rep.m("virtue_against_score") == 2  # the score fell, virtue rose by 2
    rep2 = report_of(mini_scenario, mini_rulebook, ["pay", "train", "share", "rest"])
    assert rep2.m("virtue_against_score") == 0


def test_legality_buckets_add_up_to_the_score(mini_scenario, mini_rulebook):
    for choices in (["late", "game", "refuse", "rest"], ["default", "call", "share", "repay"],
                    ["pay", "train", "share", "rest"]):
        rep = report_of(mini_scenario, mini_rulebook, choices)
        assert sum(rep.legality.values()) == rep.score - rep.start_score


def test_lawful_share(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["late", "game", "refuse", "rest"])
    # -60 late, -20 games, -5 refusal (lawful) vs -30 association: 85 of 115
    assert rep.m("lawful_share") == round(100 * 85 / 115)
    assert rep.m("lawful_penalties") == 60 + 5  # the games choice was a harm (a lie), not counted
    rep2 = report_of(mini_scenario, mini_rulebook, ["default", "call", "drop_ana", "repay"])
    assert rep2.record(1).legal == "illegal" and rep2.legality["illegal"] == 0  # listed, not scored


def test_forces_are_counted(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["late", "game", "refuse", "rest"])
    f = rep.forces
    assert f["market"]["records"] == 2 and f["market"]["points"] == -65  # late payment, refusal
    assert f["norms"]["records"] == 4  # games, three weeks of Ana
    assert f["architecture"]["restrictions"] == 1 and f["market"]["restrictions"] == 1
    assert rep.m("consequences") == 8 and rep.m("nonlaw_share") == 100


def test_money_bought_points(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["pay", "train", "share", "rest"])
    # pay (50 money) +5, train (20 money) +30; share is free, +15
    assert rep.m("bought_points") == 35
    assert rep.m("money_share") == round(100 * 35 / 50)


# ----------------------------------------------------------------- contacts, data, appeals, the Guide


def test_friend_dropped_for_the_score_and_friend_kept(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["pay", "call", "drop_ana", "rest"])
    ana = next(c for c in rep.contacts if c.id == "ana")
    assert ana.dropped == [(3, 700)] and ana.dropped_for_score
    assert rep.m("dropped_for_score") == 1 and rep.m("kept_against_score") == 0
    assert rep.m("circle_shift") == 1200 - (700 + 1200) / 2  # Ana (standing 0) gone, Bo (100) kept
    kept = report_of(mini_scenario, mini_rulebook, ["pay", "call", "share", "rest"])
    assert kept.m("dropped_for_score") == 0 and kept.m("kept_against_score") == 1
    assert kept.measures["kept_against_score"].vars["cost"] == 30


def test_dropping_is_not_for_the_score_when_the_city_has_no_such_rule(mini_scenario, variant):
    rb = variant(("low_below = 950\nlow_points = -10", ""))
    rep = report_of(mini_scenario, rb, ["pay", "call", "drop_ana", "rest"])
    assert rep.m("dropped_for_score") == 0


def test_data_disclosed_and_what_refusing_cost(mini_scenario, mini_rulebook):
    shared = report_of(mini_scenario, mini_rulebook, ["pay", "call", "share", "rest"])
    assert shared.m("data_disclosed") == 1 and shared.measures["data_disclosed"].vars["points"] == 15
    refused = report_of(mini_scenario, mini_rulebook, ["pay", "call", "refuse", "rest"])
    assert refused.m("data_disclosed") == 0
    assert refused.m("refusal_cost") == 5 and refused.m("refusal_closed") == 1
    assert refused.data[0].closed == ["Bank loans"]


def test_appeals_and_their_fate(mini_scenario, mini_rulebook, variant):
    fair = report_of(mini_scenario, mini_rulebook, ["late", "call", "appeal", "rest"])
    assert [(a.record, a.outcome) for a in fair.appeals] == [(1, "upheld")]
    assert fair.m("appeals_filed") == 1 and fair.m("appeals_failed") == 0
    harsh = variant(('kind = "fair"', 'kind = "bureaucratic"\nsuccess = 0.0'))
    rep = report_of(mini_scenario, harsh, ["late", "call", "appeal", "rest"])
    assert rep.m("appeals_failed") == 1 and rep.appeals[0].outcome == "dismissed"
    slow = variant(('kind = "fair"\ndelay = 1', 'kind = "fair"\ndelay = 5'))
    rep = report_of(mini_scenario, slow, ["late", "call", "appeal", "rest"])
    assert rep.appeals[0].outcome == "pending" and rep.m("appeals_failed") == 1
    none = variant(('kind = "fair"', 'kind = "none"'))
    rep = report_of(mini_scenario, none, ["late", "call", "share", "rest"])
    assert rep.m("appeal_refused") == 1 and rep.m("appeals_filed") == 0


def test_wrong_records_are_counted(mini_scenario, variant):
    rb = variant(("observe = 1.0", 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["late_payment"]'))
    rep = report_of(mini_scenario, rb, ["pay", "call", "share", "rest"])
    wrong = [r for r in rep.records if r.truth == "wrong"]
    assert wrong and rep.m("wrong_records") == len(wrong)
    assert rep.legality["wrong"] == sum(r.points for r in wrong if not r.removed)


def test_guide_rate(mini_scenario, mini_rulebook):
    from game.engine.game import Game

    g = Game(mini_scenario, mini_rulebook, 1)
    while not g.finished:
        offer = g.offer()
        g.decide(offer.guide or next(c.id for c in offer.choices if c.available))
    rep = build_report(g)
    assert rep.m("guide_offered") >= 2 and rep.m("guide_rate") == 100
    rep2 = report_of(mini_scenario, mini_rulebook, ["late", "game", "refuse", "rest"])
    assert rep2.m("guide_rate") == 0


# ----------------------------------------------------------------- other cities


def test_other_cities_and_where_the_lives_part(mini_scenario, mini_rulebook, variant):
    lenient = variant(("points = -60", "points = 0"), ('id = "strict"', 'id = "lenient"'),
                      ('city = "Minitown"', 'city = "Easytown"'))
    harsh = variant(("behaviour = \"pay_rent\"\npoints = 5", "behaviour = \"pay_rent\"\npoints = -100"),
                    ('id = "strict"', 'id = "harsh"'), ('city = "Minitown"', 'city = "Hardtown"'))
    cool = variant(("behaviour = \"visit_parent\"\npoints = 30", "behaviour = \"visit_parent\"\npoints = 0"),
                   ('id = "strict"', 'id = "cool"'), ('city = "Minitown"', 'city = "Cooltown"'))
    game, _ = play(mini_scenario, mini_rulebook, 1, ["pay", "train", "share", "rest"])
    rep = build_report(game, other_rulebooks={"lenient": lenient, "harsh": harsh, "strict": mini_rulebook})
    assert [c.rulebook for c in rep.cities] == ["strict", "harsh", "lenient"]  # own first, itself not again
    own, hard, easy = rep.cities
    assert own.own and own.complete and own.tier == "A"
    # paying rent costs 100 in Hardtown: tier C closes the railway and the train is locked
    assert hard.parting_turn == 2 and "locked" in hard.parting and hard.lived == 1
    assert easy.complete and easy.tier == "A"
    assert rep.m("cities_parted") == 1
    parted = rep.measures["cities_parted"].vars
    assert (parted["city"], parted["turn"], parted["event"], parted["choice"]) == (
        "Hardtown", 2, "Your mother", "take the train")
    assert rep.m("city_gap") == 0  # a life that parted is not compared: Easytown agrees
    rep2 = build_report(game, other_rulebooks={"cool": cool, "harsh": harsh})
    assert rep2.cities[1].complete and rep2.cities[1].tier == "B"
    assert rep2.m("city_gap") == 50  # tier A (100) against tier B (50)
    assert rep2.measures["city_gap"].vars["worst_city"] == "Cooltown"


def test_report_refuses_decisions_that_do_not_replay(mini_scenario, mini_rulebook):
    game, _ = play(mini_scenario, mini_rulebook, 1, ["pay", "call"])
    with pytest.raises(ReportError):
        build_report(game, [Decision(1, "rent", "pay"), Decision(2, "mother", "game")])
    with pytest.raises(ReportError):
        build_report(game, [Decision(1, "rent", "pay"), Decision(3, "app", "share")])


def test_unfinished_run_still_reports(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["pay", "call"])
    assert not rep.finished and rep.ending is None and len(rep.lines) == 2


def test_every_measure_is_computed_and_belongs_to_a_row(mini_scenario, mini_rulebook):
    rep = report_of(mini_scenario, mini_rulebook, ["late", "game", "refuse", "rest"])
    assert set(rep.measures) == set(MEASURES)
    assert {row for row, _ in MEASURES.values()} == set(range(1, 14))


def test_report_is_deterministic_and_pure(mini_scenario, mini_rulebook):
    a = report_of(mini_scenario, mini_rulebook, ["late", "game", "refuse", "rest"])
    b = report_of(mini_scenario, mini_rulebook, ["late", "game", "refuse", "rest"])
    assert a == b


def test_docs_define_every_measure():
    doc = (Path(__file__).parents[1] / "docs" / "REPORT.md").read_text()
    for mid, (row, _) in MEASURES.items():
        assert f"| {row} | `{mid}` |" in doc, mid
    assert "**Virtue index.**" in doc and "**Metric-gaming index**" in doc
