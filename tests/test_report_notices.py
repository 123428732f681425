"""The system's voice, composed from the engine's facts (game/report/notices.py): what each
notice, lock, Guide's line and pass says, in the city's words and the calendar's unit, and
that every shell reads these words (never an internal id)."""

from __future__ import annotations

import re

import pytest

from game.engine.game import PASS, Game, play
from game.report.document import plain_text
from game.report.notices import choice_text, guide_words, lock_reason, notice_text, outcome_text
from game.report.turn import result_doc
from test_report_truth import _check_player_text, _ids


def words(game, results):
    return [(r.turn, n.kind, notice_text(n, game.scenario, game.rulebook)) for r in results for n in r.notices]


def test_a_late_payment_then_an_appeal_in_the_system_s_words(mini_scenario, mini_rulebook):
    g, results = play(mini_scenario, mini_rulebook, 1, ["late", "call", "appeal", "rest"])
    said = words(g, results)
    assert said[:4] == [
        (1, "record", "Recorded: Paid a bill after its due date. -60. Art. 1 Pay on time."),
        (1, "tier", "Your tier is lowered to C (Watched)."),
        (1, "sanction_start", "Travel restriction. Closed to you: Rail tickets, Bank loans, School places."),
        (1, "record", "Your circle is part of your record: 1 contact scored below 950. -10."),
    ]
    assert (3, "appeal", "Appeal against record #1 received. A decision is due in week 4.") in said
    assert (3, "appeal", "Appeal upheld: record #1 is struck out (+60).") in said
    assert (3, "tier", "Your tier is raised to B (Ordinary).") in said
    assert (3, "sanction_end", "Travel restriction lifted. Your tier no longer calls for it. "
                               "Open again: Rail tickets, Bank loans, School places.") in said
    assert said[-1] == (4, "ending", g.ending().title)


def test_a_withheld_reward_and_a_settled_listing(mini_scenario, mini_rulebook):
    g, results = play(mini_scenario, mini_rulebook, 1, ["default", "call", "refuse", "repay"])
    said = [w for _, _, w in words(g, results)]
    assert "Reward withheld (location data not shared). Closed to you: Bank loans." in said
    assert "Defaulters list lifted. The obligation is settled. Open again: Rail tickets, Bank loans." in said
    # the state keeps the same name the words give it (it is part of every saved checksum)
    assert any(r.name == "Reward withheld (location data not shared)" for r in g.state.restrictions)


def test_a_hidden_rule_withholds_its_reference_and_a_secret_city_gives_only_the_number(mini_scenario, variant):
    g, results = play(mini_scenario, variant(), 1, ["pay", "game"])
    assert "Score adjusted (-20). Reference withheld." in [w for _, _, w in words(g, results)]
    secret = variant(('transparency = "partial"', 'transparency = "secret"'))
    g, results = play(mini_scenario, secret, 1, ["late"])
    said = [w for _, k, w in words(g, results) if k == "record"]
    assert said[0] == "Your score has been updated (-60)." and not any("Art. 1" in w or "circle" in w for w in said)
    # a sanction's reason is withheld with its rule
    reasoned = variant(('closes = ["railway", "bank_loan", "school_place"]',
                        'closes = ["railway", "bank_loan", "school_place"]\nreason = "Travel is earned."'))
    g, results = play(mini_scenario, reasoned, 1, ["late"])
    assert any(w.endswith("School places. Travel is earned.") for _, _, w in words(g, results))
    hidden = variant(('closes = ["railway", "bank_loan", "school_place"]',
                      'closes = ["railway", "bank_loan", "school_place"]\nreason = "Travel is earned."\nhidden = true'))
    g, results = play(mini_scenario, hidden, 1, ["late"])
    start = next(n for r in results for n in r.notices if n.kind == "sanction_start")
    assert start.hidden and "earned" not in notice_text(start, g.scenario, g.rulebook)


def test_a_price_rise_says_what_it_costs_and_a_term_names_the_unit(mini_scenario, variant):
    rb = variant(('closes = ["railway", "bank_loan", "school_place"]',
                  'closes = ["railway"]\nprices = { bank_loan = 1.5 }'),
                 ('institution = "Mini Court"', 'institution = "Mini Court"\nduration = 2'))
    g, results = play(mini_scenario, rb, 1, ["late"])
    said = [w for _, _, w in words(g, results)]
    assert "Travel restriction. Closed to you: Rail tickets. Dearer for you: Bank loans (1.5 times the price)." in said
    g, results = play(mini_scenario, rb, 1, ["default"])
    assert "Defaulters list. Closed to you: Rail tickets, Bank loans. Until week 2." in [w for _, _, w in words(g, results)]


def test_the_calendar_unit_reaches_every_notice_that_names_a_turn(mini_scenario, variant, tmp_path, mini_lexicon):
    from game.scenario.loader import load_scenario
    from conftest import MINI

    monthly = tmp_path / "monthly.toml"
    monthly.write_text((MINI / "mini.toml").read_text().replace('unit = "week"', 'unit = "month"'))
    sc = load_scenario(monthly, mini_lexicon)
    slow = variant(("delay = 1", "delay = 5"))
    g, results = play(sc, slow, 1, ["late", "call", "appeal"])
    said = [w for _, k, w in words(g, results) if k == "appeal"]
    assert said == ["Appeal against record #1 received. A decision is due in month 8, after the last month of "
                    "this life."]
    rule = variant(extra='\n[[value]]\nbehaviour = "play_games"\npoints = -50\nfrom_turn = 2\narticle = "Art. 9"\n')
    g, results = play(sc, rule, 1, ["pay"])
    assert "New rule from this month: Bought a video game: -50. Art. 9" in [w for _, _, w in words(g, results)]


def test_locks_the_guide_and_the_pass_in_words(mini_scenario, mini_rulebook, variant):
    g, _ = play(mini_scenario, mini_rulebook, 1, ["late"])
    train = g.offer().choice("train")
    assert lock_reason(train.lock, g.rulebook) == "Rail tickets: refused under Travel restriction."
    secret = variant(('transparency = "partial"', 'transparency = "secret"'))
    g, _ = play(mini_scenario, secret, 1, ["late"])
    assert lock_reason(g.offer().choice("train").lock, g.rulebook) == "Rail tickets: refused under a restriction."
    assert guide_words("pick") == "The Guide recommends this for your score."
    assert guide_words("pick", secret=True) == "The Guide recommends this. It is not authorised to say why."
    g2 = Game(mini_scenario, mini_rulebook, 1)
    g2.state.money = 5
    assert lock_reason(g2.offer().choice("pay").lock, g2.rulebook) == "It costs 50; you have 5."


def test_the_pass_is_worded_by_the_words_package(mini_scenario, mini_rulebook, tmp_path, mini_lexicon):
    from game.scenario.loader import load_scenario
    from conftest import MINI

    text = (MINI / "mini.toml").read_text().replace('unit = "week"', 'unit = "month"').replace(
        'id = "call"\ntext = "Call her"', 'id = "call"\ntext = "Call her"\nenable_if = "money > 1000"').replace(
        'id = "game"\ntext = "Play games instead"', 'id = "game"\ntext = "Play games instead"\nenable_if = "money > 1000"')
    p = tmp_path / "shut.toml"
    p.write_text(text)
    g = Game(load_scenario(p, mini_lexicon), mini_rulebook, 1)
    g.decide("late")  # tier C: the train is refused, and the other two are shut by their conditions
    offer = g.offer()
    view = offer.choice(PASS)
    assert view is not None and view.text == "" and choice_text(view, "month") == "Let the month go by"
    r = g.decide(PASS)
    assert r.outcome == "" and outcome_text(r, "month") == "Nothing you could do was open to you. The month goes by anyway."
    doc = "\n".join(plain_text(result_doc(g, r, offer.title, g.finished)))
    assert "The month goes by anyway." in doc


def test_the_turn_report_reads_the_composed_words(mini_scenario, mini_rulebook):
    g, [r] = play(mini_scenario, mini_rulebook, 1, ["late"])
    doc = "\n".join(plain_text(result_doc(g, r, "Rent day", False)))
    for n in r.notices:
        if n.kind != "ending":
            assert notice_text(n, g.scenario, g.rulebook) in " ".join(doc.split()), n


@pytest.mark.parametrize("rulebook", ["court_blacklist", "credit_platform", "points_city", "rule_of_law"])
def test_no_internal_id_in_any_notice_lock_or_guide_line(shipped_scenario, shipped_rulebooks, rulebook):
    rb = shipped_rulebooks[rulebook]
    ids = _ids(shipped_scenario, rb)
    seen: set[str] = set()
    for seed in range(6):
        g = Game(shipped_scenario, rb, seed)
        for n in g.opening:
            _check_player_text(notice_text(n, g.scenario, g.rulebook), ids)
        while not g.finished:
            offer = g.offer()
            unit = g.scenario.calendar.unit
            for c in offer.choices:
                _check_player_text(choice_text(c, unit), ids)
                if c.lock is not None:
                    _check_player_text(lock_reason(c.lock, g.rulebook), ids)
            _check_player_text(guide_words(offer.guide_says, g.judge.secret), ids)
            pick = [c.id for c in offer.choices if c.available][seed % max(1, sum(c.available for c in offer.choices))]
            r = g.decide(pick)
            for n in r.notices:
                text = notice_text(n, g.scenario, g.rulebook)
                _check_player_text(text, ids)
                assert text and not re.search(r"\b(None|True|False)\b", text), text
                seen.add(n.kind)
    assert "record" in seen


def test_a_withheld_record_does_not_name_its_force_and_a_sanction_does(mini_scenario, variant):
    from game.report.turn import notice_para

    secret = variant(('transparency = "partial"', 'transparency = "secret"'))
    g, [r] = play(mini_scenario, secret, 1, ["late"])
    drawn = {n.kind: notice_para(n, g.scenario, g.rulebook, g.judge.announcer).text for n in r.notices
             if n.phase == "decision"}
    assert drawn["record"] == "Your score has been updated (-60)."  # no "(market)": it would name the rule
    assert drawn["sanction_start"].endswith("School places. (architecture)")


def test_a_tier_lost_and_won_back_in_one_turn_marks_no_change():
    # the status line showed "Tier ▼ C" for a turn that went C -> B -> C
    from game.engine.outcome import Notice
    from game.report.turn import standing_changes

    assert standing_changes([Notice("tier", ref="up"), Notice("tier", ref="down")]) == {}
    assert standing_changes([Notice("tier", ref="down")]) == {"tier": "down"}
    assert standing_changes([Notice("tier", ref="down"), Notice("tier", ref="down"),
                             Notice("tier", ref="up")]) == {"tier": "down"}
