"""Reflection texts and epithets: each is triggered by a run built to trigger it, and not by
a run built not to. Runs are hand-built on the mini fixture (see test_report_measures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.report.texts import load_texts
from game.report.epithet import epithet
from game.engine.game import Game, play
from game.report.reflections import LIMIT, candidates, check, choose, in_turn, ordinal, render
from game.report.run import build_report
from game.scenario.loader import load_rulebook, load_scenario

MINI = Path(__file__).parent / "fixtures" / "mini"
STRICT = (MINI / "rulebooks" / "strict.toml").read_text()
SCENARIO = (MINI / "mini.toml").read_text()

TEXTS = load_texts()

# rulebook variants: (old, new) replacements of the strict rulebook, or TOML appended
RB = {
    "strict": (),
    "secret": (('transparency = "partial"', 'transparency = "secret"'),),
    "errors": (("observe = 1.0", 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["late_payment"]'),),
    "harsh_appeals": (('kind = "fair"', 'kind = "bureaucratic"\nsuccess = 0.0'),),
    "no_appeals": (('kind = "fair"', 'kind = "none"'),),
    "rich": (("start_score = 1000", "start_score = 1100"),),
    "richer": (("start_score = 1000", "start_score = 1200"),),
    "no_circle": (("low_below = 950\nlow_points = -10", ""),),
    "no_appeals_no_circle": (('kind = "fair"', 'kind = "none"'), ("low_below = 950\nlow_points = -10", "")),
    "pays_lies": ((), '\n[[value]]\nbehaviour = "lie_to_friend"\npoints = 50\n'),
    # a city that weighs circumstances (its wrong records are not "no reason to ask")
    "errors_heard": (("observe = 1.0", 'observe = 1.0\nerror_rate = 1.0\nwrong_records = ["late_payment"]'),
                     ('transparency = "partial"', 'transparency = "partial"\ncontext = "weighed"')),
    # a secret city: its floors and penalties were never the citizen's to know
    "rich_secret": (("start_score = 1000", "start_score = 1100"), ('transparency = "partial"', 'transparency = "secret"')),
}
# other cities for the comparison
CITIES = {
    "harsh": (("behaviour = \"pay_rent\"\npoints = 5", "behaviour = \"pay_rent\"\npoints = -100"),
              ('id = "strict"', 'id = "harsh"'), ('city = "Minitown"', 'city = "Hardtown"')),
    "lenient": (('id = "strict"', 'id = "lenient"'), ('city = "Minitown"', 'city = "Easytown"')),
    "cool": (("behaviour = \"visit_parent\"\npoints = 30", "behaviour = \"visit_parent\"\npoints = 0"),
             ('id = "strict"', 'id = "cool"'), ('city = "Minitown"', 'city = "Cooltown"')),
}
# scenario variants
SC = {
    "mini": (),
    # six weeks; the quiet week repeats and resting is scored, so the Guide speaks in it
    "long": (("turns = 4", "turns = 6"),
             ('id = "rest"\ntext = "Rest"', 'id = "rest"\ntext = "Rest"\nbehaviours = ["pay_rent"]\n\n'
                                           '[[event.choice]]\nid = "idle"\ntext = "Idle about"')),
    # resting is a small unkindness: a third harm for licensing
    # (with a second choice beside it: an act that was the only open door is no harm chosen)
    # the appeal choice shown whether or not a record is disputed
    "open_appeal": (('show_if = "disputed > 0"\neffects = { appeal = true }', "effects = { appeal = true }"),),
    "sullen": (('id = "rest"\ntext = "Rest"', 'id = "rest"\ntext = "Rest"\neffects = { virtues = { care = -1 } }\n\n'
                                              '[[event.choice]]\nid = "idle"\ntext = "Idle about"'),),
}

GUIDE = "<guide>"  # follow the Guide every turn
AGAINST = "<against>"  # take an open choice the Guide did not recommend, every turn

# id -> (triggering run, run that must not trigger it); a run is (scenario, rulebook, choices, cities)
CASES = {
    "other_city_other_verdict": (("mini", "strict", ["pay", "train", "share", "rest"], ["cool"]),
                                 ("mini", "strict", ["pay", "train", "share", "rest"], ["lenient", "harsh"])),
    "other_city_parted": (("mini", "strict", ["pay", "train", "share", "rest"], ["harsh"]),
                          ("mini", "strict", ["pay", "train", "share", "rest"], ["lenient"])),
    "forces_not_law": (("mini", "strict", ["late", "game", "refuse", "rest"], []),
                       ("mini", "no_circle", ["pay", "call", "share", "rest"], [])),
    "lawful_but_scored": (("mini", "strict", ["late", "game", "refuse", "rest"], []),
                          ("mini", "strict", ["pay", "call", "share", "rest"], [])),
    "encouraged_paid": (("mini", "strict", ["pay", "train", "share", "rest"], []),
                        ("mini", "strict", ["pay", "call", "refuse", "rest"], [])),
    "score_and_conscience_apart": (("mini", "strict", ["late", "call", "share", "rest"], []),
                                   ("mini", "strict", ["pay", "train", "share", "rest"], [])),
    # two choices whose own records ran against conscience (the weekly charge for Ana is no choice's)
    "score_and_conscience_turns": (("mini", "pays_lies", ["late", "game", "share", "rest"], []),
                                   ("mini", "strict", ["pay", "train", "share", "rest"], [])),
    "unshown_rule": (("mini", "strict", ["pay", "game", "share", "rest"], []),
                     ("mini", "strict", ["pay", "call", "share", "rest"], [])),
    "unshown_many": (("mini", "secret", ["late", "game", "refuse", "rest"], []),
                     ("mini", "strict", ["late", "game", "refuse", "rest"], [])),
    "one_wrong_many_doors": (("mini", "strict", ["late", "call", "share", "rest"], []),
                             ("mini", "strict", ["pay", "call", "share", "rest"], [])),
    "door_met": (("mini", "strict", ["late", "call", "share", "rest"], []),
                 ("mini", "strict", ["pay", "call", "share", "rest"], [])),
    "wrong_record": (("mini", "errors", ["pay", "call", "share", "rest"], []),
                     ("mini", "errors_heard", ["pay", "call", "share", "rest"], [])),
    "wrong_record_heard": (("mini", "errors_heard", ["pay", "call", "share", "rest"], []),
                           ("mini", "errors", ["pay", "call", "share", "rest"], [])),
    "contextless_record": (("mini", "strict", ["late", "call", "share", "rest"], []),
                           ("mini", "strict", ["pay", "call", "share", "rest"], [])),
    "appeal_failed": (("mini", "harsh_appeals", ["late", "call", "appeal", "rest"], []),
                      ("mini", "strict", ["late", "call", "appeal", "rest"], [])),
    "no_appeal": (("mini", "no_appeals", ["late", "call", "share", "rest"], []),
                  ("open_appeal", "no_appeals_no_circle", ["pay", "call", "share", "rest"], [])),
    "no_appeal_clean": (("open_appeal", "no_appeals_no_circle", ["pay", "call", "share", "rest"], []),
                        ("open_appeal", "no_appeals", ["pay", "call", "share", "rest"], [])),
    "points_with_a_price": (("mini", "strict", ["pay", "train", "share", "rest"], []),
                            ("mini", "strict", ["late", "call", "share", "rest"], [])),
    "licensed_once": (("mini", "rich", ["pay", "game", "share", "rest"], []),
                      ("mini", "rich_secret", ["pay", "game", "share", "rest"], [])),
    "licensed_once_unseen": (("mini", "rich_secret", ["pay", "game", "share", "rest"], []),
                             ("mini", "rich", ["pay", "game", "share", "rest"], [])),
    "licensed_often": (("sullen", "richer", ["pay", "game", "drop_ana", "rest"], []),
                       ("mini", "rich", ["pay", "game", "share", "rest"], [])),
    "dropped_friend": (("mini", "strict", ["pay", "call", "drop_ana", "rest"], []),
                       ("mini", "strict", ["pay", "call", "share", "rest"], [])),
    "kept_friend": (("mini", "strict", ["pay", "call", "share", "rest"], []),
                    ("mini", "strict", ["pay", "call", "drop_ana", "rest"], [])),
    "circle_rose": (("mini", "strict", ["pay", "call", "drop_ana", "rest"], []),
                    ("mini", "strict", ["pay", "call", "share", "rest"], [])),
    "data_shared": (("mini", "strict", ["pay", "call", "share", "rest"], []),
                    ("mini", "strict", ["pay", "call", "refuse", "rest"], [])),
    "data_refused": (("mini", "strict", ["pay", "call", "refuse", "rest"], []),
                     ("mini", "strict", ["pay", "call", "share", "rest"], [])),
    "guide_followed": (("long", "strict", GUIDE, []), ("long", "strict", AGAINST, [])),
    "guide_harm": (("mini", "pays_lies", ["pay", "game", "share", "rest"], []),
                   ("mini", "pays_lies", ["pay", "call", "share", "rest"], [])),
    "guide_declined": (("long", "strict", AGAINST, []), ("long", "strict", GUIDE, [])),
    "metric_gaming": (("mini", "strict", ["pay", "game", "share", "rest"], []),
                      ("mini", "strict", ["late", "call", "share", "rest"], [])),
    "score_wrong_way": (("mini", "errors", ["late", "call", "share", "rest"], []),
                        ("mini", "strict", ["pay", "call", "share", "rest"], [])),
    "good_unseen": (("mini", "strict", ["pay", "call", "share", "rest"], []),
                    ("mini", "strict", ["pay", "train", "share", "rest"], [])),
    "harm_rewarded": (("mini", "pays_lies", ["pay", "game", "share", "rest"], []),
                      ("mini", "strict", ["pay", "game", "share", "rest"], [])),
    "good_punished": (("mini", "strict", ["late", "call", "share", "rest"], []),
                      ("mini", "strict", ["pay", "call", "share", "rest"], [])),
}


def _variant(base: str, spec, tmp: Path, name: str) -> Path:
    """``spec``: (old, new) replacement pairs, and TOML strings to append."""
    text = base
    for old, new in (p for p in spec if isinstance(p, tuple) and p):
        assert old in text, old
        text = text.replace(old, new)
    p = tmp / name
    p.write_text(text + "".join(x for x in spec if isinstance(x, str)))
    return p


@pytest.fixture(scope="module")
def build(tmp_path_factory, mini_lexicon):
    tmp = tmp_path_factory.mktemp("variants")
    cache: dict = {}

    def rulebook(name: str, table=RB):
        key = ("rb", name)
        if key not in cache:
            cache[key] = load_rulebook(_variant(STRICT, table[name], tmp, f"rb_{name}.toml"), mini_lexicon)
        return cache[key]

    def scenario(name: str):
        key = ("sc", name)
        if key not in cache:
            cache[key] = load_scenario(_variant(SCENARIO, SC[name], tmp, f"sc_{name}.toml"), mini_lexicon)
        return cache[key]

    def run(sc_name: str, rb_name: str, choices, cities):
        sc, rb = scenario(sc_name), rulebook(rb_name)
        if isinstance(choices, str):
            g = Game(sc, rb, 1)
            while not g.finished:
                offer = g.offer()
                open_ = [c.id for c in offer.choices if c.available]
                if choices == GUIDE:
                    pick = offer.guide or open_[0]
                else:
                    pick = next((c for c in open_ if c != offer.guide), open_[0])
                g.decide(pick)
        else:
            g, _ = play(sc, rb, 1, choices)
        report = build_report(g, other_rulebooks={c: rulebook(c, CITIES) for c in cities})
        report.epithet = epithet(report, TEXTS)
        return report

    return run


def test_the_texts_are_well_formed_and_every_row_has_one():
    assert check(TEXTS) == []
    assert len({t.id for t in TEXTS.reflection}) == len(TEXTS.reflection)


def test_every_text_has_a_case():
    assert set(CASES) == {t.id for t in TEXTS.reflection}


@pytest.mark.parametrize("text_id", sorted(CASES))
def test_text_is_triggered_by_its_run_and_not_by_the_other(build, text_id):
    yes, no = CASES[text_id]
    fired = {c.id: c for c in candidates(build(*yes), TEXTS.reflection)}
    assert text_id in fired, f"{text_id} not triggered"
    assert text_id not in {c.id for c in candidates(build(*no), TEXTS.reflection)}, f"{text_id} triggered"
    text = fired[text_id].text
    assert "{" not in text and "}" not in text and "None" not in text
    template = next(t for t in TEXTS.reflection if t.id == text_id).text
    if "turn}" in template:
        assert fired[text_id].turn and in_turn(fired[text_id].turn, "week") in text.lower()


def test_rows_are_all_reached_by_the_cases(build):
    rows = set()
    for text_id, (yes, _) in CASES.items():
        rows |= {c.row for c in candidates(build(*yes), TEXTS.reflection) if c.id == text_id}
    assert rows == set(range(1, 14))


def test_a_run_reads_as_a_letter_not_a_lecture(build):
    rep = build("mini", "strict", ["late", "game", "refuse", "rest"], ["harsh", "lenient"])
    every = candidates(rep, TEXTS.reflection)
    chosen = choose(rep, TEXTS)
    assert len(every) > LIMIT >= len(chosen) >= 3
    assert len({r.row for r in chosen}) == len(chosen)  # one per THEMES row
    named = [r.turn for r in chosen if r.turn is not None]
    assert named == sorted(named)  # in the order of the turns they name
    moments = [r.moment for r in chosen if r.moment]
    assert len(set(moments)) == len(moments)  # one text per act or record
    assert chosen[0].salience <= max(r.salience for r in every)


def test_the_same_act_is_named_once(build):
    # paying late was both a good deed punished and a record without its reason
    rep = build("mini", "strict", ["late", "call", "share", "rest"], [])
    ids = {r.id for r in candidates(rep, TEXTS.reflection)}
    assert {"contextless_record", "good_punished"} <= ids
    chosen = choose(rep, TEXTS)
    assert sum(1 for r in chosen if r.moment == (1, "pay it late")) == 1
    assert len({r.id for r in chosen} & {"contextless_record", "good_punished"}) <= 1


def test_the_most_salient_text_of_a_row_wins(build):
    rep = build("mini", "strict", ["pay", "call", "drop_ana", "rest"], [])
    chosen = {r.row: r.id for r in choose(rep, TEXTS)}
    assert chosen[10] == "dropped_friend"  # weightier than the circle's average


def test_rendered_texts_name_the_turn_and_the_act(build):
    rep = build("mini", "strict", ["late", "call", "share", "rest"], [])
    text = next(t for t in TEXTS.reflection if t.id == "contextless_record")
    out = render(text, rep)
    assert out.startswith("In the first week you chose to pay it late.")
    assert '"You were in hospital."' in out and "-60" in out


def test_texts_cannot_reach_into_objects(build):
    from game.report.texts import ReflectionText, Trigger

    rep = build("mini", "strict", ["late", "call", "share", "rest"], [])
    evil = ReflectionText(id="evil", row=13, when=Trigger(measure="good_unseen", threshold=1),
                          text="{choice.__class__.__mro__}")
    with pytest.raises(KeyError):
        render(evil, rep)


def test_ordinals():
    assert [ordinal(n) for n in (1, 2, 3, 11, 12, 20, 21, 33, 99, 101, 112)] == [
        "first", "second", "third", "eleventh", "twelfth", "twentieth", "twenty-first", "thirty-third",
        "ninety-ninth", "101st", "112th"]
    assert in_turn(11, "month") == "in the eleventh month"


# ----------------------------------------------------------------- epithets


@pytest.mark.parametrize("run, title", [
    (("mini", "errors", ["pay", "call", "share", "rest"], []), "the Misrecorded"),
    (("mini", "strict", ["pay", "call", "drop_ana", "rest"], []), "the Well-Connected"),
    (("long", "strict", GUIDE, []), "the Compliant"),
    (("mini", "strict", ["pay", "call", "refuse", "rest"], []), "the Private"),
    (("mini", "strict", ["pay", "train", "share", "rest"], []), "the Unlisted"),
])
def test_epithets(build, run, title):
    assert build(*run).epithet == title


def test_epithet_falls_back(build):
    from game.report.texts import Epithet, Texts

    rep = build("mini", "strict", ["pay", "call", "share", "rest"], [])
    only = Texts(reflection=[], epithet=[Epithet(id="x", title="the Ordinary")])
    assert epithet(rep, only) == "the Ordinary"
