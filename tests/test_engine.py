"""The engine: effects, scoring, locks, sanctions, blacklists, privileges, appeals, the Guide."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.game import Game, play
from game.engine.outcome import IllegalDecision, StoryChange
from game.report.notices import guide_words, lock_reason, notice_text

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def rulebook(variant):
    """A variant of the strict rulebook: replace(old, new) pairs, or extra TOML appended."""
    return variant


def offer_ids(game):
    return {c.id: c for c in game.offer().choices}


def said(game, n):
    """A notice as the player reads it (the engine records facts; the words package words them)."""
    return notice_text(n, game.scenario, game.rulebook)


# ----------------------------------------------------------------- effects


def test_money_resources_virtues_flags_contacts(mini_scenario, mini_rulebook):
    g = Game(mini_scenario, mini_rulebook, 1)
    r = g.decide("pay")
    assert g.state.money == 50 and StoryChange("money", "", -50) in r.story
    g = Game(mini_scenario, mini_rulebook, 1)
    g.decide("default")
    assert g.state.has_flag("defaulted")
    g.decide("call")
    assert g.state.virtues == {"care": 1, "honesty": 0}
    g.decide("drop_ana")
    assert g.state.contacts["ana"]["kept"] is False
    g.decide("repay")  # clears the flag, costs money
    assert not g.state.has_flag("defaulted") and g.state.money == 70


def test_drop_contact_is_reported_and_resources_change(mini_scenario, mini_rulebook):
    g, results = play(mini_scenario, mini_rulebook, 1, ["pay", "call", "drop_ana"])
    assert StoryChange("dropped", "ana") in results[-1].story


def test_story_effects_never_touch_the_score(mini_scenario, rulebook):
    rb = rulebook(extra="")
    g = Game(mini_scenario, rb, 1)
    g.decide("pay")  # pay_rent is worth +5; money changes, the score only by records
    assert [r.points for r in g.state.records if r.kind == "act"] == [5]
    assert g.state.score == rb.model.rulebook.start_score + sum(r.points for r in g.state.records)


# ----------------------------------------------------------------- scoring and records


def test_behaviour_not_mentioned_is_not_recorded(mini_scenario, mini_rulebook):
    g, _ = play(mini_scenario, mini_rulebook, 1, ["pay", "game"])
    acts = {a.behaviour: a for a in g.state.acts}
    assert acts["lie_to_friend"].seen is False and acts["lie_to_friend"].record is None
    assert acts["play_games"].seen is True
    assert all(r.behaviour != "lie_to_friend" for r in g.state.records)


def test_observation_chance_zero_records_nothing(mini_scenario, rulebook):
    rb = rulebook(("observe = 1.0", "observe = 0.0"))
    g, _ = play(mini_scenario, rb, 1, ["pay"])
    assert [r for r in g.state.records if r.kind == "act"] == [] and g.state.acts[0].seen is False


def test_observation_by_domain_sits_between_value_and_default(mini_scenario, rulebook):
    rb = rulebook(("observe = 1.0", 'observe = 1.0\nobserve_domains = { finance = 0.0 }'))
    g, _ = play(mini_scenario, rb, 1, ["pay"])
    assert g.state.acts[0].seen is False  # pay_rent is finance
    rb = rulebook(("observe = 1.0", 'observe = 1.0\nobserve_domains = { finance = 0.0 }'),
                  ("points = 5", "points = 5\nobserve = 1.0"))
    g, _ = play(mini_scenario, rb, 1, ["pay"])
    assert g.state.acts[0].seen is True  # the value's own chance wins


def test_context_ignored_makes_a_contextless_record(mini_scenario, mini_rulebook):
    g, _ = play(mini_scenario, mini_rulebook, 1, ["late"])
    rec = g.state.records[0]
    assert (rec.truth, rec.points, rec.context) == ("contextless", -60, "You were in hospital.")


def test_context_weighed_scales_the_points(mini_scenario, rulebook):
    rb = rulebook(('transparency = "partial"', 'transparency = "partial"\ncontext = "weighed"\ncontext_factor = 0.5'))
    g, _ = play(mini_scenario, rb, 1, ["late"])
    rec = g.state.records[0]
    assert (rec.truth, rec.points) == ("true", -30)


def test_hidden_rule_notice_gives_no_reason_and_secret_gives_none(mini_scenario, mini_rulebook, rulebook):
    g, [_, r] = play(mini_scenario, mini_rulebook, 1, ["pay", "game"])
    hidden = next(n for n in r.notices if n.points == -20)
    assert hidden.hidden and "withheld" in said(g, hidden) and "video game" not in said(g, hidden)
    rb = rulebook(('transparency = "partial"', 'transparency = "secret"'))
    g, [r] = play(mini_scenario, rb, 1, ["late"])
    n = next(n for n in r.notices if n.kind == "record")
    assert n.secret and "Art. 1" not in said(g, n) and "(-60)" in said(g, n)


def test_rule_change_announced_and_unannounced(mini_scenario, rulebook):
    extra = '\n[[value]]\nbehaviour = "play_games"\npoints = -50\nfrom_turn = 2\narticle = "Art. 9"\n'
    rb = rulebook(extra=extra)
    g = Game(mini_scenario, rb, 1)
    r = g.decide("pay")
    assert any(n.kind == "rule_change" and n.worth == -50 and "-50" in said(g, n) for n in r.notices)
    r = g.decide("game")
    assert any(n.points == -50 for n in r.notices)
    rb2 = rulebook(extra=extra.replace("from_turn = 2", "from_turn = 2\nannounced = false"))
    r = Game(mini_scenario, rb2, 1).decide("pay")
    assert not any(n.kind == "rule_change" for n in r.notices)


# ----------------------------------------------------------------- tiers, sanctions, locks


def test_tier_drop_starts_a_sanction_that_locks_a_choice_naming_institution_and_record(mini_scenario, mini_rulebook):
    g = Game(mini_scenario, mini_rulebook, 1)
    r = g.decide("late")
    assert (r.tier_before, r.tier_after) == ("B", "C")
    assert any(n.kind == "tier" for n in r.notices)
    start = next(n for n in r.notices if n.kind == "sanction_start")
    assert "Rail tickets" in said(g, start)
    train = offer_ids(g)["train"]
    assert train.lock.kind == "service" and train.lock.institution == "Mini Rail Office"
    assert train.lock.records == (1,)
    with pytest.raises(IllegalDecision):
        g.decide("train")


def test_one_record_closes_many_services(mini_scenario, mini_rulebook):
    g, _ = play(mini_scenario, mini_rulebook, 1, ["late"])
    sanction = next(r for r in g.state.restrictions if r.id == "sanction:travel_ban")
    assert sanction.causes == [1] and len(sanction.closes) == 3


def test_privilege_opens_a_by_privilege_service_and_tier_a_grants_it(mini_scenario, rulebook):
    rb = rulebook(("start_score = 1000", "start_score = 1030"))
    g = Game(mini_scenario, rb, 1)
    assert "fast_lane" in g.state.privileges
    assert "fast_visa" not in g.judge.closed(g.state)
    g2 = Game(mini_scenario, rulebook(), 1)
    assert g2.judge.closed(g2.state)["fast_visa"] is None


def test_price_factor_changes_cost_and_money_locks(mini_scenario, rulebook):
    rb = rulebook(('opens = ["fast_visa"]', 'opens = ["fast_visa"]\nprices = { railway = 0.5 }'),
                  ("start_score = 1000", "start_score = 1030"))
    g = Game(mini_scenario, rb, 1)
    g.decide("pay")
    assert offer_ids(g)["train"].cost == 10  # 20 at half price
    g2 = Game(mini_scenario, rulebook(), 1)
    g2.state.money = 5
    lock = offer_ids(g2)["pay"].lock
    assert (lock.kind, lock.cost, lock.money) == ("money", 50, 5) and "50" in lock_reason(lock, g2.rulebook)


def test_enable_if_lock_uses_the_locked_reason(tmp_path, mini_lexicon, mini_rulebook):
    from game.scenario.loader import load_scenario
    text = (MINI / "mini.toml").read_text().replace(
        'text = "Pay it late"', 'text = "Pay it late"\nenable_if = "money > 500"\nlocked_reason = "Not with this balance."')
    p = tmp_path / "s.toml"
    p.write_text(text)
    g = Game(load_scenario(p, mini_lexicon), mini_rulebook, 1)
    lock = offer_ids(g)["late"].lock
    assert (lock.kind, lock.said, lock_reason(lock, g.rulebook)) == ("condition", "Not with this balance.",
                                                                      "Not with this balance.")


# ----------------------------------------------------------------- blacklists


def test_blacklist_closes_services_and_is_lifted_by_repaying(mini_scenario, mini_rulebook):
    g = Game(mini_scenario, mini_rulebook, 1)
    r = g.decide("default")
    listing = next(x for x in g.state.restrictions if x.kind == "blacklist")
    assert listing.institution == "Mini Court" and set(listing.closes) == {"railway", "bank_loan"}
    assert any(n.kind == "sanction_start" and n.institution == "Mini Court" for n in r.notices)
    assert offer_ids(g)["train"].lock.kind == "service"
    g.decide("call")
    g.decide("share")
    r = g.decide("repay")
    assert listing.ended == 4
    assert any(n.kind == "sanction_end" and n.lifted == "settled" and "settled" in said(g, n) for n in r.notices)


def test_blacklist_with_a_duration_expires(mini_scenario, rulebook):
    rb = rulebook(('institution = "Mini Court"', 'institution = "Mini Court"\nduration = 1'))
    g, results = play(mini_scenario, rb, 1, ["default"])
    listing = next(x for x in g.state.restrictions if x.kind == "blacklist")
    assert listing.ends == 1 and listing.ended == 2
    assert any(n.kind == "sanction_end" and n.lifted == "expired" and "term" in said(g, n) for n in results[0].notices)


# ----------------------------------------------------------------- association, data, wrong records, appeals


def test_association_penalty_per_low_contact_and_dropping_stops_it(mini_scenario, mini_rulebook):
    g, _ = play(mini_scenario, mini_rulebook, 1, ["pay", "call", "drop_ana"])
    assoc = [r for r in g.state.records if r.kind == "association"]
    assert [r.turn for r in assoc] == [2, 3]  # none after Ana was dropped at turn 3
    assert all(r.points == -10 and r.contacts == ["ana"] for r in assoc)


def test_association_bonus_for_high_contacts(mini_scenario, rulebook):
    rb = rulebook(("low_below = 950\nlow_points = -10", "high_above = 1000\nhigh_points = 7"))
    g, _ = play(mini_scenario, rb, 1, ["pay"])
    assert [(r.points, r.contacts) for r in g.state.records if r.kind == "association"] == [(7, ["bo"])]


def test_data_offer_share_and_refusal_closes_a_reward(mini_scenario, mini_rulebook):
    g, _ = play(mini_scenario, mini_rulebook, 1, ["pay", "call", "share"])
    assert [r.points for r in g.state.records if r.kind == "data"] == [15]
    g, _ = play(mini_scenario, mini_rulebook, 1, ["pay", "call", "refuse"])
    rec = next(r for r in g.state.records if r.kind == "data")
    assert rec.points == -5
    refusal = next(x for x in g.state.restrictions if x.kind == "refusal")
    assert refusal.closes == ["bank_loan"] and refusal.causes == [rec.id]


def test_wrong_records_come_at_the_error_rate(mini_scenario, rulebook):
    rb = rulebook(('observe = 1.0', 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["debt_default"]'))
    g, _ = play(mini_scenario, rb, 1, ["pay"])
    wrong = [r for r in g.state.records if r.truth == "wrong"]
    assert wrong and wrong[0].behaviour == "debt_default" and wrong[0].turn == 2
    assert any(x.kind == "blacklist" and wrong[0].id in x.causes for x in g.state.restrictions)


def test_fair_appeal_strikes_the_record_and_restores_the_score(mini_scenario, mini_rulebook):
    g = Game(mini_scenario, mini_rulebook, 1)
    g.decide("late")
    g.decide("call")
    assert "appeal" in offer_ids(g)
    r = g.decide("appeal")
    assert any(n.kind == "appeal" for n in r.notices)
    rec = g.state.records[0]
    assert rec.removed and g.state.appeals[0].outcome == "upheld"
    assert g.state.score == 1000 + sum(x.points for x in g.state.records if not x.removed)


def test_no_appeal_procedure_locks_the_choice(mini_scenario, rulebook):
    rb = rulebook(('kind = "fair"', 'kind = "none"'))
    g, _ = play(mini_scenario, rb, 1, ["late", "call"])
    lock = offer_ids(g)["appeal"].lock
    assert lock.kind == "appeal"


def test_bureaucratic_appeal_costs_money_and_can_fail(mini_scenario, rulebook):
    rb = rulebook(('kind = "fair"', 'kind = "bureaucratic"\ncost = 10\nsuccess = 0.0'))
    g, _ = play(mini_scenario, rb, 1, ["late", "call"])
    assert offer_ids(g)["appeal"].cost == 10  # the fee is shown on the choice
    g, results = play(mini_scenario, rb, 1, ["late", "call", "appeal", "rest"])
    assert g.state.money == 90 and g.state.appeals[0].outcome == "dismissed"
    assert not g.state.records[0].removed


# ----------------------------------------------------------------- the Guide


def test_guide_recommends_best_visible_score_and_ignores_hidden_rules(mini_scenario, mini_rulebook, rulebook):
    g = Game(mini_scenario, mini_rulebook, 1)
    assert g.offer().guide == "pay"
    g.decide("late")
    # turn 2: play_games is hidden (-20); visit_parent locked; so no visible difference
    offer = g.offer()
    assert offer.guide is None and offer.guide_says == "nothing_shown"
    assert guide_words(offer.guide_says).startswith("Nothing in the rules you can read moves")
    # a secret city's Guide still recommends, from the whole model, and cannot say why
    secret = rulebook(('transparency = "partial"', 'transparency = "secret"'))
    s = Game(mini_scenario, secret, 1)
    assert s.offer().guide == "pay" and s.offer().guide_says == "pick"
    assert "not authorised to say why" in guide_words(s.offer().guide_says, secret=s.judge.secret)
    s.decide("late")
    assert s.offer().guide == "call"  # the hidden -20 for games counts in the model


def test_following_the_guide_is_recorded(mini_scenario, mini_rulebook):
    _, results = play(mini_scenario, mini_rulebook, 1, ["pay", "call", "refuse"])
    assert results[0].followed_guide is True
    assert results[2].followed_guide is False


# ----------------------------------------------------------------- flow and endings


def test_endings_by_priority_and_condition(mini_scenario, mini_rulebook):
    g, _ = play(mini_scenario, mini_rulebook, 1, ["default", "call", "share", "rest"])
    assert g.state.ending == "listed"
    g, _ = play(mini_scenario, mini_rulebook, 1, ["late", "call", "share", "rest"])
    assert g.state.ending == "kind"  # care 1 + 1
    g, _ = play(mini_scenario, mini_rulebook, 1, ["pay", "game", "share", "rest"])
    assert g.state.ending == "plain"
    assert g.finished and g.offer() is None
    with pytest.raises(IllegalDecision):
        g.decide("rest")


def test_repeatable_event_with_cooldown_and_once(mini_scenario, mini_rulebook):
    g, results = play(mini_scenario, mini_rulebook, 1, ["pay", "call", "share", "rest"])
    assert [r.event_id for r in results] == ["rent", "mother", "app", "quiet"]


def test_then_queues_the_follow_up(tmp_path, mini_lexicon, mini_rulebook):
    from game.scenario.loader import load_scenario
    text = (MINI / "mini.toml").read_text().replace('id = "pay"\n', 'id = "pay"\nthen = "quiet"\n')
    p = tmp_path / "s.toml"
    p.write_text(text)
    g, results = play(load_scenario(p, mini_lexicon), mini_rulebook, 1, ["pay", "rest"])
    assert results[1].event_id == "quiet" and results[1].turn == 2


def test_same_seed_and_decisions_same_states(mini_scenario, mini_rulebook):
    a, ra = play(mini_scenario, mini_rulebook, 7, ["late", "call", "appeal", "rest"])
    b, rb = play(mini_scenario, mini_rulebook, 7, ["late", "call", "appeal", "rest"])
    assert [x.checksum for x in ra] == [x.checksum for x in rb]
    assert a.state.to_dict() == b.state.to_dict()


def test_engine_does_not_import_textual():
    code = ("import sys; import game.engine.game, game.engine.relive, game.scenario.library, game.runs.session;"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')];"
            "print(bad); raise SystemExit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_when_every_choice_is_locked_the_week_can_still_pass(mini_scenario, mini_rulebook):
    g = Game(mini_scenario, mini_rulebook, 1)
    g.state.money = 0
    g.decide("late")  # railway closes; turn 2 offers train (locked), call, game (costs 10)
    g.state.money = 0
    ids = offer_ids(g)
    assert "_pass" not in ids  # 'call' is still open
    g2 = Game(mini_scenario, mini_rulebook, 1)
    g2.state.money = 0
    offer = g2.offer()  # pay needs 50: locked; late and default are open
    assert all(c.id != "_pass" for c in offer.choices)
    # lock everything on turn 1 by hand: no money and a rulebook that closes nothing matters not;
    # use the mother event with the railway closed and no money for the game, and 'call' hidden
    from game.engine import game as engine
    ev = g.current_event()
    original = ev.choices
    ev.choices = [c for c in original if c.id != "call"]
    try:
        offer = g.offer()
        assert [c.id for c in offer.choices if c.available] == ["_pass"]
        r = g.decide("_pass")
        assert r.choice_id == engine.PASS and g.turn == 3
    finally:
        ev.choices = original


def test_an_appeal_can_name_the_behaviour_it_contests(tmp_path, mini_lexicon, rulebook):
    from game.scenario.loader import load_scenario
    text = (MINI / "mini.toml").read_text().replace("effects = { appeal = true }", 'effects = { appeal = "late_payment" }')
    p = tmp_path / "s.toml"
    p.write_text(text)
    sc = load_scenario(p, mini_lexicon)
    rb = rulebook(('observe = 1.0', 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["play_games"]'))
    g, _ = play(sc, rb, 1, ["late", "call", "appeal"])
    late = next(r for r in g.state.records if r.behaviour == "late_payment")
    g2, _ = play(sc, rb, 1, ["pay", "call"])  # only the wrong play_games record is disputed
    assert offer_ids(g2)["appeal"].lock.kind == "appeal"
    wrong = [r for r in g.state.records if r.truth == "wrong"]
    assert late.appealed and wrong and not any(r.appealed for r in wrong)


def test_notices_say_which_happened_as_the_next_turn_began(mini_scenario, mini_rulebook):
    g, [r] = play(mini_scenario, mini_rulebook, 1, ["late"])
    phases = {(n.kind, n.phase) for n in r.notices}
    assert ("record", "decision") in phases  # the late payment itself
    assoc = [n for n in r.notices if n.entry == "association"]
    assert all("circle" in said(g, n) for n in assoc)
    assert assoc and all(n.phase == "turn_start" for n in assoc)


def test_a_listing_with_points_is_announced_with_them(mini_scenario, rulebook):
    rb = rulebook(('institution = "Mini Court"', 'institution = "Mini Court"\npoints = -40'))
    _, [r] = play(mini_scenario, rb, 1, ["default"])
    assert any(n.kind == "record" and n.points == -40 for n in r.notices)


def test_change_notices_carry_what_they_are_about(mini_scenario, mini_rulebook):
    _, [r] = play(mini_scenario, mini_rulebook, 1, ["late"])
    tier = next(n for n in r.notices if n.kind == "tier")
    start = next(n for n in r.notices if n.kind == "sanction_start")
    assert tier.ref == "down"
    assert (start.ref, start.services) == ("sanction:travel_ban", ("railway", "bank_loan", "school_place"))


def test_a_listings_points_lapse_when_it_is_lifted(mini_scenario, rulebook):
    rb = rulebook(('institution = "Mini Court"', 'institution = "Mini Court"\npoints = -40'))
    g = Game(mini_scenario, rb, 1)
    g.decide("default")
    listed_score = g.state.score
    g.decide("call")
    g.decide("share")
    r = g.decide("repay")
    assert any(n.points == 40 and n.lapsed and "Entry closed" in said(g, n) for n in r.notices)
    listing = next(x for x in g.state.records if x.kind == "listing")
    assert listing.removed and g.state.score == 1000 + sum(x.points for x in g.state.records if not x.removed)
    assert g.state.score > listed_score


def test_a_tier_sanction_names_the_record_that_tipped_it_not_every_new_one(mini_scenario, variant):
    # a wrong record (-60) and an association record (-10) arrive together; only the wrong
    # one is needed to drop the citizen into C.
    rb = variant(("observe = 1.0", 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["late_payment"]'))
    g, _ = play(mini_scenario, rb, 1, ["pay"])
    sanction = next(r for r in g.state.restrictions if r.id == "sanction:travel_ban")
    [cause] = sanction.causes
    assert g.state.records[cause - 1].truth == "wrong"


def test_city_neutral_condition_names_follow_the_tier_not_the_scale(mini_scenario, mini_rulebook):
    g = Game(mini_scenario, mini_rulebook, 1)
    tiers = [t.id for t in mini_rulebook.model.tier]
    assert g.ctx.lookup("standing") == g.judge.standing(g.state.tier)
    assert g.judge.standing(tiers[0]) == 100 and g.judge.standing(tiers[-1]) == 0
    before = g.ctx.lookup("standing")
    assert g.ctx.lookup("restricted") is False
    g.decide("late")  # drops a tier and starts a sanction
    assert g.ctx.lookup("standing") < before
    assert g.ctx.lookup("restricted") is True
    assert g.ctx.lookup("privileged") is bool(g.state.privileges)
