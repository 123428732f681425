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
from game.report.reflections import candidates
from game.report.run import build_report
from game.report.texts import load_texts
from game.scenario.loader import load_catalogue, load_rulebook, load_scenario

from conftest import edited

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
    assert "went on your file" not in " ".join(r.text for r in rep.reflections if r.turn == appeal.turn)


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


# ------------------------------------------------------------------ the second list (words2)
# Sentences newcomers found untrue or unclear after issue 9 (docs: /work/brief/words2-list.md).


def _mini(tmp_path, mini_lexicon, *pairs: tuple[str, str], extra: str = ""):
    return load_scenario(edited(MINI / "mini.toml", tmp_path, pairs, extra, "sc"), mini_lexicon)


def test_meeting_someone_for_the_first_time_is_not_being_in_touch_again(tmp_path, mini_lexicon, mini_rulebook):
    # 1. Bo was never in the circle: "now in touch"; Ana was, was dropped, and is back: "again"
    from game.report.turn import change_words

    sc = _mini(tmp_path, mini_lexicon, ('{ id = "bo", name = "Bo", standing = 100, relation = "neighbour" }',
                                        '{ id = "bo", name = "Bo", standing = 100, relation = "neighbour", kept = false }'),
               ('id = "rest"\ntext = "Rest"', 'id = "rest"\ntext = "Rest"\neffects = { add_contacts = ["ana", "bo"] }'))
    g, results = play(sc, mini_rulebook, 1, ["pay", "call", "drop_ana", "rest"])
    said = {c.name: change_words(g, c) for c in results[-1].story if c.kind == "taken_up"}
    assert said == {"ana": "You are in touch with Ana again", "bo": "You are now in touch with Bo"}


def test_the_endings_say_which_city_ends_which_way(mini_scenario, mini_rulebook, variant):
    # 2. "It does not even end the same way: A, B" named no city
    # two cities without the defaulters list: the same default ends "Plain" there, "Listed" here
    unlisted = [variant(('id = "strict"', f'id = "{c.lower()}"'), ('city = "Minitown"', f'city = "{c}"'),
                        ('triggers = ["debt_default"]', "triggers = []")) for c in ("Easytown", "Opentown")]
    rep = compose(play(mini_scenario, mini_rulebook, 1, ["default", "call", "share", "rest"])[0],
                  others={rb.id: rb for rb in unlisted})
    ends = {c.city: c.ending_title for c in rep.cities}
    assert ends == {"Minitown": "Listed", "Easytown": "Plain", "Opentown": "Plain"}
    text = _texts([p for p in end_pages(rep) if p.key == "cities"])
    assert 'It does not even end the same way: "Listed" in Minitown (here); "Plain" in Easytown and Opentown.' in text


def test_the_virtue_box_labels_its_columns_and_names_the_index(mini_scenario, mini_rulebook):
    # 3. "end" and "moved" without a word; the index beside "Virtue 20 -> 34" unexplained
    from game.report.dossier import virtues

    g, _ = play(mini_scenario, mini_rulebook, 1, ["late", "call", "share", "rest"])
    box = virtues(g).text
    assert box.splitlines()[0].split() == ["start", "end", "moved"]
    assert "in all" in box and "Virtue index +2: how far they moved in all." in box
    rep = compose(g, others={})
    text = _texts(end_pages(rep))
    assert "Virtue 0 → 2 (virtue index +2)" in text
    assert "Virtue index +2 · your hidden virtues added up, at the end (2) minus at the start (0)" in text


def test_a_good_deed_punished_is_named_by_its_virtue_not_called_a_kindness(tmp_path, mini_lexicon, mini_rulebook):
    # 4. paying late to be in hospital is care here; made honesty, it must not be "a kindness"
    sc = _mini(tmp_path, mini_lexicon, ("effects = { virtues = { care = 1 } }", "effects = { virtues = { honesty = 1 } }"))
    rep = compose(play(sc, mini_rulebook, 1, ["late", "call", "share", "rest"])[0], others={})
    from game.report.reflections import candidates
    from game.report.texts import load_texts

    said = next(r.text for r in candidates(rep, load_texts().reflection) if r.id == "good_punished")
    assert "an act of honesty" in said and "kindness" not in said and "care" not in said


def test_data_kept_back_is_said_as_what_happened_not_why(mini_scenario, mini_rulebook):
    # 5. "Privacy was allowed... your silence went on file": a motive the player may not have had
    from game.report.reflections import candidates
    from game.report.texts import load_texts

    rep = compose(play(mini_scenario, mini_rulebook, 1, ["pay", "call", "refuse", "rest"])[0], others={})
    said = next(r.text for r in candidates(rep, load_texts().reflection) if r.id == "data_refused")
    assert "your location data was not shared" in said and "you chose to" in said
    assert "Privacy" not in said and "silence" not in said


def test_a_secret_city_does_not_say_what_the_citizen_could_have_known(mini_scenario, variant):
    # 6. in a secret city the floor and the penalties were the platform's to know
    from game.report.reflections import candidates
    from game.report.texts import load_texts

    secret = variant(("start_score = 1000", "start_score = 1100"), ('transparency = "partial"', 'transparency = "secret"'))
    rep = compose(play(mini_scenario, secret, 1, ["pay", "game", "share", "rest"])[0], others={})
    texts = {r.id: r.text for r in candidates(rep, load_texts().reflection)}
    assert "licensed_once" not in texts
    assert "which it never published" in texts["licensed_once_unseen"]
    assert "You could not have known that" in texts["licensed_once_unseen"]


def test_the_missed_page_and_the_reflection_count_the_same_entries(tmp_path, mini_lexicon, variant):
    # 7. one line for the same entry week after week, yet the heading counted lines
    sc = _mini(tmp_path, mini_lexicon, ('id = "rest"\ntext = "Rest"', 'id = "rest"\ntext = "Rest"\nbehaviours = ["play_games"]'),
               ("turns = 4", "turns = 6"))
    secret = variant(('transparency = "partial"', 'transparency = "secret"'))
    rep = compose(play(sc, secret, 1, ["pay", "game", "share", "rest", "rest", "rest"])[0], others={})
    heads = [h for h in next(p for p in end_pages(rep) if p.key == "seen").blocks
             if getattr(h, "text", "").startswith("Rules you could not read")]
    entries = len(rep.unshown())
    assert entries > len(unshown := __import__("game.report.pages", fromlist=["x"]).unshown_lines(rep))
    assert heads[0].text.endswith(f"({entries} entries)") and heads[0].facts["count"] == rep.m("unshown_records")
    assert len(unshown) < entries


def test_a_choice_as_good_for_the_score_as_the_guides_is_not_called_the_guides(tmp_path, mini_lexicon, mini_rulebook):
    # 8. two choices best for the score; the Guide picks the cheaper; the other is not "the score's choice"
    # calling her is scored like the train, and costs nothing; playing games is, here, the kindest
    sc = _mini(tmp_path, mini_lexicon, ('id = "call"\ntext', 'id = "call"\nbehaviours = ["visit_parent"]\ntext'),
               ('behaviours = ["play_games", "lie_to_friend"]\neffects = { money = -10, virtues = { honesty = -1 } }',
                'effects = { virtues = { care = 3 } }'))
    g, results = play(sc, mini_rulebook, 1, ["pay", "train", "share", "rest"])
    rep = compose(g, others={})
    m = next((m for m in rep.metric_gaming.moments if m.turn == 2), None)
    assert m is not None and m.ties == 2 and m.gamed and m.score_preferred == "call" != m.chosen
    assert results[1].followed_guide is False
    text = _texts(end_pages(rep))
    assert 'you chose "Take the train", as good for the score as the Guide\'s pick, "Call her"' in text
    assert "Take the train\", the score's choice" not in text


def test_nothing_to_game_says_the_score_and_conscience_never_pulled_apart(mini_scenario, variant):
    # 9. the Guide recommended something, but conscience never disagreed: say that, not "nothing to game" alone
    calm = variant(("behaviour = \"late_payment\"\npoints = -60", "behaviour = \"late_payment\"\npoints = 0"),
                   ("behaviour = \"pay_rent\"\npoints = 5", "behaviour = \"pay_rent\"\npoints = 0"))
    rep = compose(play(mini_scenario, calm, 1, ["pay", "call", "share", "rest"])[0], others={})
    assert rep.metric_gaming.forks == 0 and any(d.guide for d in rep.deeds)
    text = _texts([p for p in end_pages(rep) if p.key == "gaming"])
    assert "never pulled apart" in text and "The score preferred some choices over others at" in text


def test_reflections_follow_the_citys_own_policy(mini_scenario, mini_rulebook, variant):
    # 10. the own city is "here", and a city that weighs context is not one that "had no reason to ask"
    from game.report.reflections import candidates
    from game.report.texts import load_texts

    heard = variant(("observe = 1.0", 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["late_payment"]'),
                    ('transparency = "partial"', 'transparency = "partial"\ncontext = "weighed"'))
    texts = {r.id: r.text for r in candidates(compose(play(mini_scenario, heard, 1, ["pay", "call", "share", "rest"])[0],
                                                      others={}), load_texts().reflection)}
    assert "wrong_record" not in texts and "none to hear" in texts["wrong_record_heard"]
    cool = variant(("behaviour = \"visit_parent\"\npoints = 30", "behaviour = \"visit_parent\"\npoints = 0"),
                   ('id = "strict"', 'id = "cool"'), ('city = "Minitown"', 'city = "Cooltown"'))
    rep = compose(play(mini_scenario, mini_rulebook, 1, ["pay", "train", "share", "rest"])[0], others={"cool": cool})
    said = next(r.text for r in candidates(rep, load_texts().reflection) if r.id == "other_city_other_verdict")
    assert "judged here in minitown" in said.lower() and "judged by the rules of Minitown" not in said


def test_a_tier_label_that_names_its_tier_is_said_once(variant, mini_scenario):
    # 11. "Penalty Penalty on record"
    from game.report.notices import tier_words
    from game.report.words import tier_name

    assert tier_name("Penalty", "Penalty on record") == "Penalty on record"
    assert tier_name("Clear", "No penalty outstanding") == "Clear (No penalty outstanding)"
    rep = compose(play(mini_scenario, variant(('label = "Watched"', 'label = "C on watch"')), 1,
                       ["late", "call", "share", "rest"])[0], others={})
    text = _texts(end_pages(rep))
    assert "Tiers, best first: " in text and "C C on watch" not in text and "C on watch" in text
    assert tier_words(variant(('label = "Watched"', 'label = "C on watch"')), "C") == "C on watch"


def test_a_contest_locked_for_want_of_a_disputed_record_is_not_a_city_without_appeals(tmp_path, mini_lexicon,
                                                                                     mini_rulebook, variant):
    # 12. appealing with nothing to appeal against: "no disputed record", not "no form, no office"
    from game.report.reflections import candidates
    from game.report.texts import load_texts

    sc = _mini(tmp_path, mini_lexicon, ('show_if = "disputed > 0"\neffects = { appeal = true }', "effects = { appeal = true }"))
    rep = compose(play(sc, mini_rulebook, 1, ["pay", "call", "share", "rest"])[0], others={})
    locked = [d for d in rep.doors if d.kind == "appeal"]
    assert locked and all(d.appeal == "no_record" for d in locked)
    assert rep.m("appeal_refused") == 0
    assert "no_appeal" not in {r.id for r in candidates(rep, load_texts().reflection)}
    # a city with no procedure at all still says so
    none = variant(('kind = "fair"', 'kind = "none"'))
    rep = compose(play(sc, none, 1, ["pay", "call", "share", "rest"])[0], others={})
    ids = {r.id for r in candidates(rep, load_texts().reflection)}
    assert rep.m("appeal_refused") == 1
    # "The record simply stood" only of a record that was there; a clean file is told it was clean
    on_file = any(r.turn < locked[0].turn and r.kind != "listing" and r.points < 0 for r in rep.records)
    assert ("no_appeal" in ids) == on_file and ("no_appeal_clean" in ids) == (not on_file)
    late = compose(play(sc, none, 1, ["late", "call", "share", "rest"])[0], others={})
    assert late.m("appeal_refused_on_file") == 1 and "no_appeal" in {r.id for r in candidates(late, load_texts().reflection)}


def test_a_zero_is_never_printed_as_a_reward_or_a_penalty(mini_scenario, variant):
    # 13. "earned +0", "Recorded: ... +0." in a city that does not pay for data
    unpaid = variant(("share_points = 15", "share_points = 0"))
    g, results = play(mini_scenario, unpaid, 1, ["pay", "call", "share", "rest"])
    said = [notice_text(n, g.scenario, g.rulebook) for r in results for n in r.notices if n.kind == "record"]
    assert any(s.endswith("No points.") for s in said) and not any("+0" in s for s in said)
    rep = compose(g, others={})
    text = _texts(document(rep))
    assert "+0" not in text and "shared your location data, no points" in text
    from game.report.reflections import candidates
    from game.report.texts import load_texts

    shared = next(r.text for r in candidates(rep, load_texts().reflection) if r.id == "data_shared")
    assert "earned no points" in shared


def test_the_score_charts_tier_marks_say_each_tier_once(mini_scenario, variant):
    # "0 |####| Clear No penalty outstanding": id and label ran together on the chart's floor marks
    from game.report.pages import floors

    rep = compose(play(mini_scenario, variant(('label = "Watched"', 'label = "C on watch"')), 1,
                       ["late", "call", "share", "rest"])[0], others={})
    marks = [m for m, _ in floors(rep)]
    assert "C on watch" in marks and not any(m.startswith("C C") for m in marks)
    assert all("(" in m or m.split()[0] in [t.id for t in rep.tiers] for m in marks)


def test_a_guide_with_no_pick_is_not_a_guide_never_followed(mini_scenario, mini_rulebook):
    # "The Guide recommended a choice in 0 of 12 weeks; you never followed it."
    import dataclasses

    from game.report.pages import _guide

    rep = compose(play(mini_scenario, mini_rulebook, 1, ["late", "call", "share", "rest"])[0], others={})
    rep.deeds = [dataclasses.replace(d, guide=None, followed_guide=False) for d in rep.deeds]
    lead = _guide(rep).blocks[0].text
    assert "never followed" not in lead and "0 of" not in lead
    assert lead.startswith("The Guide had no pick in any of the 4 ")


def test_a_heading_that_is_a_sentence_gets_no_colon_after_its_full_stop():
    # "... Tenancy subject to a profile check at 1.25 times the price).:" in the text report
    from game.report.document import Heading, Items
    from game.report.export import _blocks_text

    lines = _blocks_text([Heading("#1 Week 2: it made two doors dearer.", {}), Items([]),
                          Heading("Doors you found shut (0)", {})])
    assert "#1 Week 2: it made two doors dearer." in lines
    assert "Doors you found shut (0):" in lines


def test_an_empty_dossier_says_no_record_and_a_flat_week_no_plus_zero(mini_scenario, mini_rulebook):
    # "0 records in force"; a timeline row "990 (+0)" (seen in the replay viewer)
    from game.report.dossier import dossier
    from game.report.words import signed

    g = Game(mini_scenario, mini_rulebook, 1)
    lead = dossier(g)[0].blocks[0].text
    assert "no record in force" in lead and "0 records" not in lead
    assert signed(0) == "0" and signed(5) == "+5"


def test_the_ending_verdict_of_a_clean_file_says_no_records(mini_scenario, mini_rulebook):
    # "0 records in your dossier" under "What the system holds" (an Eastgate life in Tessaly)
    from game.report.dossier import verdict

    g = Game(mini_scenario, mini_rulebook, 1)
    text = verdict(g).text
    assert "No records in your dossier" in text and "0 records" not in text


# ------------------------------------------------------------------ the third list (words3)
# What a newcomer read on the end pages and the turn reports of four lives and found untrue
# (/work/brief/reports/newcomer-final.md).


def test_the_company_kept_is_not_called_an_act(variant, mini_scenario):
    # Ana scores below the line: each week begins with a charge for knowing her, and from 960 the
    # first charge drops the citizen to tier C, where the travel ban closes three doors
    low = variant(("start_score = 1000", "start_score = 960"))
    rep = compose(play(mini_scenario, low, 1, ["pay", "call", "share", "rest"])[0], others={})
    top = rep.wrongs()[0]
    assert top.kind == "association" and top.turn == 2
    said = next(r.text for r in rep.reflections if r.id == "one_wrong_many_doors")
    assert "One act" not in said and "Not an act of yours" in said, said
    assert 'In the second week one record of the company you kept, "Kept company with low-scored contacts (Ana)"' \
        in said
    # "closed N doors" counts closed doors only, as the Punished page does; "services answered" counts all
    assert f"closed {['no', 'one', 'two', 'three'][len(top.closed)]} doors" in said
    punished = _texts([p for p in end_pages(rep) if p.key == "punished"])
    assert f"It closed three doors (Rail tickets, Bank loans and School places)" in punished


def test_a_door_made_dearer_is_not_counted_as_closed_in_the_reflection(mini_scenario, variant):
    rb = variant(extra='\n[[sanction]]\nid = "dearer"\nname = "Surcharge"\ntiers = ["C"]\n'
                       'prices = { fast_visa = 2.0 }\n')
    rep = compose(play(mini_scenario, rb, 1, ["late", "call", "share", "rest"])[0], others={})
    said = next(r.text for r in rep.reflections if r.id == "one_wrong_many_doors")
    assert "closed three doors (Rail tickets, Bank loans and School places) and made one dearer" in said
    assert "One act; four services answered it" in said


def test_points_are_laid_only_on_the_choice_that_made_them(mini_scenario, mini_rulebook, variant):
    # calling your mother moves conscience up; that week's -10 is the charge for knowing Ana,
    # which came as the week began, not with the call
    rep = compose(play(mini_scenario, mini_rulebook, 1, ["late", "call", "share", "rest"])[0], others={})
    call = next(d for d in rep.deeds if d.choice == "call")
    line = next(ln for ln in rep.lines if ln.turn == call.turn)
    prev = next(ln for ln in rep.lines if ln.turn == call.turn - 1)
    assert line.score - prev.score == -10 and call.points == 0  # the trap: the week moved, the choice did not
    div = rep.measures["divergent_turns"]
    assert div.value == 1 and div.vars["choice"] == "pay it late" and div.vars["score_change"] == -60
    # two choices that did move the score against conscience: the text names what the choice's records did
    liar = variant(extra='\n[[value]]\nbehaviour = "lie_to_friend"\npoints = 50\n')
    rep = compose(play(mini_scenario, liar, 1, ["late", "game", "share", "rest"])[0], others={})
    said = next(r.text for r in candidates(rep, load_texts().reflection) if r.id == "score_and_conscience_turns")
    assert "In the first week, when you chose to pay it late, the system recorded -60 for it" in said, said
    # every such week had a notice of the points: the text does not say there was none
    assert "never with a notice" not in said and "The notices spoke only of the points." in said


def test_a_good_deed_that_touched_someone_elses_entry_is_not_called_unrecorded(mini_scenario, mini_rulebook):
    rep = compose(play(mini_scenario, mini_rulebook, 1, ["pay", "call", "share", "rest"])[0], others={})
    said = next(r.text for r in candidates(rep, load_texts().reflection) if r.id == "good_unseen")
    assert "Nobody recorded it" not in said
    assert "In the second week you chose to call her. Nothing of it went on your file" in said, said


def test_the_cities_page_says_each_city_makes_its_own_mistakes(mini_scenario, mini_rulebook, variant):
    errors = variant(("observe = 1.0", 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["late_payment"]'),
                     ('id = "strict"', 'id = "errors"'), ('city = "Minitown"', 'city = "Errtown"'))
    rep = compose(play(mini_scenario, mini_rulebook, 1, ["pay", "call", "share", "rest"])[0],
                  others={"errors": errors})
    own, other = rep.cities
    assert own.wrong_records == 0 and other.wrong_records > 0  # the same dice, not the same mistakes
    text = _texts([p for p in end_pages(rep) if p.key == "cities"])
    assert "the same luck" not in text
    assert "Each city also makes its own mistakes" in text
    assert "Records of things you never did: no records under Minitown (here) and three records under Errtown." \
        in text and other.wrong_records == 3, text


def test_a_record_of_someone_elses_act_says_so_in_its_notice(mini_scenario, variant):
    errors = variant(("observe = 1.0", 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["late_payment"]'))
    game, results = play(mini_scenario, errors, 1, ["pay", "call", "share", "rest"])
    records = [n for r in results for n in r.notices if n.kind == "record"]
    wrong = [n for n in records if game.state.records[n.record - 1].truth == "wrong"]
    true = [n for n in records if game.state.records[n.record - 1].truth == "true"]
    assert wrong and true
    for n in wrong:
        said = notice_text(n, game.scenario, game.rulebook)
        assert said.startswith("Recorded: Paid a bill after its due date. -60. You never did this."), said
    assert all("never did" not in notice_text(n, game.scenario, game.rulebook) for n in true)
    # someone else's default lists the citizen too, with points: that entry is not theirs either
    listing = variant(("observe = 1.0", 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["debt_default"]'),
                      ('institution = "Mini Court"', 'institution = "Mini Court"\npoints = -40'))
    game, results = play(mini_scenario, listing, 1, ["pay", "call", "share", "rest"])
    listed = [n for r in results for n in r.notices if n.kind == "record" and n.entry == "listing"]
    assert listed and listed[0].points == -40
    assert notice_text(listed[0], game.scenario, game.rulebook).endswith("-40. You never did this.")
    # a secret city never says what a record is about: nor, then, whose act it was
    secret = variant(("observe = 1.0", 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["late_payment"]'),
                     ('transparency = "partial"', 'transparency = "secret"'))
    game, results = play(mini_scenario, secret, 1, ["pay", "call", "share", "rest"])
    said = [notice_text(n, game.scenario, game.rulebook) for r in results for n in r.notices if n.kind == "record"]
    assert said and all("never did" not in s for s in said)


def test_the_end_pages_name_a_tier_as_the_status_bar_does(mini_scenario, mini_rulebook, variant):
    cool = variant(("behaviour = \"visit_parent\"\npoints = 30", "behaviour = \"visit_parent\"\npoints = 0"),
                   ('id = "strict"', 'id = "cool"'), ('city = "Minitown"', 'city = "Cooltown"'))
    rep = compose(play(mini_scenario, mini_rulebook, 1, ["pay", "train", "share", "rest"])[0], others={"cool": cool})
    assert rep.tier == "A"
    pages = end_pages(rep)
    ending = _texts([p for p in pages if p.key == "ending"])
    assert "tier A (Exemplary)" in ending
    cities = next(p for p in pages if p.key == "cities")
    table = next(b for b in cities.blocks if hasattr(b, "rows"))
    assert [row[1] for row in table.rows] == ["A (Exemplary)", "B (Ordinary)"]
    said = next(r.text for r in rep.reflections if r.id == "other_city_other_verdict")
    assert "end in tier B (Ordinary)" in said and "they end in tier A (Exemplary)" in said, said
    assert "tier called" not in said
    assert "ends in A (Exemplary) under Minitown and in B (Ordinary) under Cooltown" in _texts([cities])


def test_an_unchecked_certificate_is_no_fork_when_checking_it_scores_as_well(shipped_lexicon, shipped_rulebooks):
    """Lockside under Brightwater, "Friday, four o'clock": the Guide picks "Sign the certificate",
    but finding the caretaker tonight scores the same (0) and is best for conscience, so the
    score's best and conscience's best share a choice: no fork. The Guide picks the cheaper of
    the two the score ties on; a player who checked tonight took the score's side and
    conscience's at once."""
    from game.engine.forks import preferences
    from game.scenario.library import content_root

    sc = load_scenario(content_root() / "lockside", shipped_lexicon)
    g = Game(sc, shipped_rulebooks["credit_platform"], 0)
    while (offer := g.offer()) is not None and offer.event_id != "signature":
        g.decide(next(v.id for v in offer.choices if v.available))
    assert offer is not None and offer.guide == "sign"
    prefs = preferences(g, offer)
    assert prefs.score["sign"] == prefs.score["tonight"] > prefs.score["miss_deadline"]
    assert prefs.score_best == {"sign", "tonight"} and prefs.conscience_best == {"miss_deadline", "tonight"}
    assert not prefs.fork and not prefs.gamed("tonight")
