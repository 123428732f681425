"""The false statements a new player found on the end pages (issue 9), one test each, at
their cause: each would fail if the statement came back."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.game import Game, play
from game.report import compose
from game.report.notices import notice_text
from game.report.pages import document, end_pages
from game.report.rulebook import rulebook_pages
from game.report.run import build_report
from game.scenario.loader import load_catalogue, load_rulebook, load_scenario

MINI = Path(__file__).parent / "fixtures" / "mini"


def _texts(pages) -> str:
    from game.report.document import paragraphs

    return "\n".join(p.text for page in pages for p in paragraphs(page))


def test_a_price_rise_is_not_a_closed_door_and_no_door_is_counted_twice(mini_scenario, variant):
    # the travel ban closes bank loans; a second sanction in the same tier makes them dearer and the
    # railway dearer: one record, three doors, two closed... and the loan counted once
    rb = variant(extra='\n[[sanction]]\nid = "dearer"\nname = "Surcharge"\ntiers = ["C"]\n'
                       'prices = { bank_loan = 1.5, fast_visa = 2.0 }\n')
    game, _ = play(mini_scenario, rb, 1, ["late", "call", "share", "rest"])
    rep = build_report(game)
    late = rep.record(1)
    services = [c.service for c in late.closures]
    assert len(services) == len(set(services))  # bank loans once, though both sanctions touch it
    assert sorted(c.service for c in late.closed) == ["bank_loan", "railway", "school_place"]
    assert [(c.service, c.factor) for c in late.priced] == [("fast_visa", 2.0)]
    text = _texts(end_pages(rep))
    assert "closed three doors (Rail tickets, Bank loans and School places) and made one dearer" in text
    assert "Fast-track visa at 2 times the price" in text


def test_an_appeal_the_game_acknowledged_is_not_called_unrecorded(mini_rulebook, tmp_path, mini_lexicon):
    # appealing takes a little courage here: a good deed the score says nothing about, but not unrecorded
    text = (MINI / "mini.toml").read_text().replace("effects = { appeal = true }",
                                                   "effects = { appeal = true, virtues = { honesty = 1 } }")
    p = tmp_path / "brave.toml"
    p.write_text(text)
    sc = load_scenario(p, mini_lexicon)
    rep = compose(play(sc, mini_rulebook, 1, ["late", "call", "appeal", "rest"])[0], others={})
    appeal = next(d for d in rep.deeds if d.choice == "appeal")
    assert appeal.appeal == 1 and appeal.seen
    assert appeal not in rep.good_unseen()
    text = _texts(document(rep))
    assert "the appeal against record #1 was received" in text
    assert "Nobody recorded it" not in " ".join(r.text for r in rep.reflections if r.turn == appeal.turn)


def test_a_rule_shown_from_the_start_is_not_one_you_could_not_read(mini_scenario, variant):
    # play_games is public here: announced for week 2 onwards, it is published from week 1
    announced = variant(("behaviour = \"play_games\"\npoints = -20\nhidden = true",
                         "behaviour = \"play_games\"\npoints = -20\nfrom_turn = 2"))
    rep = build_report(play(mini_scenario, announced, 1, ["pay", "game", "share", "rest"])[0])
    assert not rep.unshown()
    assert "could not read" not in _texts(end_pages(rep))
    # the same rule, begun without notice: not published before week 2, and said so
    silent = variant(("behaviour = \"play_games\"\npoints = -20\nhidden = true",
                      "behaviour = \"play_games\"\npoints = -20\nfrom_turn = 2\nannounced = false"))
    early = _texts(rulebook_pages(silent, turn=1))
    later = _texts(rulebook_pages(silent, turn=2))
    assert "Bought a video game" not in early and "Bought a video game" in later
    rep = build_report(play(mini_scenario, silent, 1, ["pay", "game", "share", "rest"])[0])
    assert [r.id for r in rep.unshown()] == [3]
    assert "a rule that began in week 2 without notice" in _texts(end_pages(rep))
    assert "never shown" not in _texts(end_pages(rep))


def test_a_parting_says_why_the_lives_part(mini_scenario, mini_rulebook, variant):
    # under a city where the rent is scored harshly the citizen lands in tier C in week 1: the
    # train is locked there, so the life parts at the mother's event
    harsh = variant(("behaviour = \"pay_rent\"\npoints = 5", "behaviour = \"pay_rent\"\npoints = -100"),
                    ('id = "strict"', 'id = "harsh"'), ('city = "Minitown"', 'city = "Hardtown"'))
    rep = build_report(play(mini_scenario, mini_rulebook, 1, ["pay", "train", "share", "rest"])[0],
                       other_rulebooks={"harsh": harsh})
    parted = next(c for c in rep.cities if not c.complete)
    assert parted.parting_kind == "locked" and parted.parting_service == "Rail tickets"
    text = _texts([p for p in end_pages(rep) if p.key == "cities"])
    assert "you could not have chosen to take the train: Rail tickets was closed to you there" in text


def test_another_event_coming_up_is_not_a_locked_choice(mini_scenario, mini_rulebook, tmp_path, mini_lexicon):
    # a city that sends the citizen's week 2 elsewhere (a priority event when the tier is low)
    sc_text = (MINI / "mini.toml").read_text() + '''
[[event]]
id = "summons"
title = "A summons"
text = "A letter."
first_turn = 2
last_turn = 2
priority = 20
when = "tier == 'C'"

[[event.choice]]
id = "go"
text = "Go"
'''
    p = tmp_path / "mini2.toml"
    p.write_text(sc_text)
    sc = load_scenario(p, mini_lexicon)
    strict = (MINI / "rulebooks" / "strict.toml").read_text()
    q = tmp_path / "harsh.toml"
    q.write_text(strict.replace('id = "strict"', 'id = "harsh"').replace('city = "Minitown"', 'city = "Hardtown"')
                 .replace("behaviour = \"pay_rent\"\npoints = 5", "behaviour = \"pay_rent\"\npoints = -100"))
    harsh = load_rulebook(q, mini_lexicon)
    rb = load_rulebook(MINI / "rulebooks" / "strict.toml", mini_lexicon)
    rep = build_report(play(sc, rb, 1, ["pay", "call", "share", "rest"])[0], other_rulebooks={"harsh": harsh})
    parted = next(c for c in rep.cities if not c.complete)
    assert parted.parting_kind == "other_event"
    text = _texts([p for p in end_pages(rep) if p.key == "cities"])
    assert '"A summons" came up there instead of "Your mother"' in text
    assert "could not have chosen" not in text


def test_settling_a_court_ordered_debt_is_not_conduct_the_law_leaves_to_you(tmp_path, variant):
    cat = (MINI / "catalogue.toml").read_text()
    cat = cat.replace('id = "repay_debt"\ndescription', 'id = "repay_debt"\ndescription', 1)
    start = cat.index('id = "repay_debt"')
    cat = cat[:start] + cat[start:].replace('legal = "lawful"', 'legal = "encouraged"', 1)
    (tmp_path / "catalogue.toml").write_text(cat)
    lex = load_catalogue(tmp_path / "catalogue.toml")
    sc = load_scenario(MINI / "mini.toml", lex)
    strict = (MINI / "rulebooks" / "strict.toml").read_text() + '\n[[value]]\nbehaviour = "repay_debt"\npoints = 40\n'
    (tmp_path / "rb.toml").write_text(strict)
    rb = load_rulebook(tmp_path / "rb.toml", lex)
    game, _ = play(sc, rb, 1, ["default", "call", "share", "repay"])
    rep = compose(game, others={})
    repay = next(r for r in rep.records if r.behaviour == "repay_debt")
    assert repay.settles == ["blacklist:defaulters"] and repay.points == 40
    enc = rep.measures["encouraged_points"]
    assert enc.value == 15 and enc.vars["record"] == "Shared location data"  # sharing, not settling
    assert all("Paid off a debt" not in r.text for r in rep.reflections if r.id == "encouraged_paid")


def test_the_only_open_choice_is_no_good_deed(mini_scenario, variant, tmp_path, mini_lexicon):
    # resting in the quiet week is a kindness here, but when it is the only choice shown it is not chosen
    text = (MINI / "mini.toml").read_text().replace('id = "rest"\ntext = "Rest"',
                                                   'id = "rest"\ntext = "Rest"\neffects = { virtues = { care = 1 } }')
    p = tmp_path / "kind.toml"
    p.write_text(text)
    sc = load_scenario(p, mini_lexicon)
    rb = load_rulebook(MINI / "rulebooks" / "strict.toml", mini_lexicon)
    rep = build_report(play(sc, rb, 1, ["pay", "call", "share", "rest"])[0])
    rest = next(d for d in rep.deeds if d.choice == "rest")
    assert rest.options == 1 and not rest.virtuous
    assert rest not in rep.good_unseen()
    assert all(m.turn != rest.turn for m in rep.fidelity.moments)


def test_an_appeal_due_after_the_last_turn_says_so(mini_scenario, variant):
    slow = variant(("delay = 1", "delay = 5"))
    game, results = play(mini_scenario, slow, 1, ["late", "call", "appeal", "rest"])
    a = game.state.appeals[0]
    assert (a.decides, a.after_end, a.state) == (8, True, "pending")
    filed = next(n for r in results for n in r.notices if n.kind == "appeal")
    assert (filed.appeal, filed.decides, filed.after_end) == ("pending", 8, True)
    said = notice_text(filed, game.scenario, game.rulebook)
    assert "after the last week of this life" in said
    rep = compose(game, others={})
    text = _texts(document(rep))
    assert "never decided: the decision was due in week 8, after this life's last week" in text
    assert "decided in week 8" not in text


def test_an_appeal_targets_the_wrong_record_not_its_listing(mini_scenario, variant):
    # someone else's default is filed under the citizen's name, and lists them: the listing falls
    # with the record, so only the record itself can be appealed
    errors = variant(("observe = 1.0", 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["debt_default"]'))
    g = Game(mini_scenario, errors, 1)
    g.decide("pay")
    wrong = [r for r in g.state.records if r.truth == "wrong"]
    assert {r.kind for r in wrong} >= {"wrong", "listing"} or {r.kind for r in wrong} == {"wrong"}
    targets = g.judge.appealable(g.state)
    assert targets and all(r.kind != "listing" for r in targets)


@pytest.mark.parametrize("measure", ["metric_gaming"])
def test_no_moments_is_not_a_perfect_score(mini_scenario, variant, measure):
    """A life with no fork reads "no moments", never 0 or 100."""
    quiet = variant(("behaviour = \"late_payment\"\npoints = -60", "behaviour = \"late_payment\"\npoints = 0"),
                    ("behaviour = \"pay_rent\"\npoints = 5", "behaviour = \"pay_rent\"\npoints = 0"))
    rep = compose(play(mini_scenario, quiet, 1, ["pay", "call", "share", "rest"])[0], others={})
    assert rep.metric_gaming.value is None
    text = _texts(end_pages(rep))
    assert "Metric-gaming index: no moments" in text
    assert "Metric-gaming index: 0/100" not in text and "100/100" not in text
