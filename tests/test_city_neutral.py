"""A story written once, judged by any city: contacts' standing, the city's own voice, the Guide."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.game import Game
from game.engine.judge import score_for_standing, standing, typical_scores
from game.scenario.diagnostics import LoadError
from game.scenario.loader import Reporter, load_scenario

MINI = Path(__file__).parent / "fixtures" / "mini"


# ----------------------------------------------------------------- contacts on the city's scale


def test_a_contact_at_a_tiers_standing_is_scored_in_that_tier_in_every_city(shipped_rulebooks):
    for rb in shipped_rulebooks.values():
        judge_tiers = rb.model.tier
        for t in judge_tiers:
            at = standing(rb, t.id)
            score = score_for_standing(rb, at)
            tier = next((x for x in judge_tiers if x.min is not None and score >= x.min), judge_tiers[-1])
            assert tier.id == t.id, (rb.id, t.id, at, score)


def test_standing_to_score_never_goes_down_and_stays_between_the_extremes(shipped_rulebooks, mini_rulebook):
    for rb in [*shipped_rulebooks.values(), mini_rulebook]:
        scores = [score_for_standing(rb, s) for s in range(0, 101)]
        assert scores == sorted(scores), rb.id
        typ = typical_scores(rb)
        assert scores[0] == typ[-1] and scores[-1] == typ[0]
        assert score_for_standing(rb, -20) == scores[0] and score_for_standing(rb, 150) == scores[-1]


def test_a_tier_may_declare_its_typical_score(mini_rulebook):
    assert typical_scores(mini_rulebook) == [1200, 990, 700]  # A and C declared, B the middle of 960..1020


def test_the_same_low_friend_counts_against_you_in_every_city_with_such_a_rule(shipped_scenario, shipped_rulebooks):
    low = [p for p in shipped_scenario.citizen.contacts if p.standing <= 10]
    assert low, "Eastgate keeps a friend the system thinks little of"
    cities = [rb for rb in shipped_rulebooks.values() if rb.model.association.low_below is not None]
    assert len(cities) >= 2
    for rb in cities:
        g = Game(shipped_scenario, rb, 1)
        for p in low:
            assert g.state.contacts[p.id]["score"] < rb.model.association.low_below, (rb.id, p.id)


def test_contact_standing_moves_the_score_on_each_citys_scale(mini_scenario, mini_rulebook, variant):
    g = Game(mini_scenario, mini_rulebook, 1)
    ana = g.state.contacts["ana"]
    assert (ana["standing"], ana["score"]) == (0, 700)
    from game.scenario.content import CompiledChoice
    from game.scenario.models import Choice, Effects
    from game.engine.outcome import TurnResult

    up = CompiledChoice(Choice(id="x", text="x", effects=Effects(contact_standing={"ana": 60})), None, None)
    g._apply_effects(up, 0, TurnResult(1, "e", "x", None, None, ""))
    assert ana["standing"] == 60 and ana["score"] == score_for_standing(mini_rulebook, 60)
    g._apply_effects(up, 0, TurnResult(1, "e", "x", None, None, ""))
    assert ana["standing"] == 100 and ana["score"] == 1200  # kept within 0..100


def test_an_old_contact_score_is_refused_with_what_to_write_instead(tmp_path, mini_lexicon):
    text = (MINI / "mini.toml").read_text().replace('standing = 0, relation = "friend"', 'score = 300, relation = "friend"')
    p = tmp_path / "s.toml"
    p.write_text(text)
    rep = Reporter()
    with pytest.raises(LoadError):
        load_scenario(p, mini_lexicon, rep)
    [d] = rep.items
    assert d.code == "E002" and d.path == "citizen.contacts[0].score" and "`standing` (0-100" in d.message


# ----------------------------------------------------------------- the city's own voice


def test_placeholders_are_filled_in_the_citys_words(shipped_rulebooks):
    from game.scenario.voice import speak, voice_of

    words = voice_of(shipped_rulebooks["credit_platform"])
    assert speak("{System} runs {app}, a {kind} in {city}.", words) == \
        "Lantern Credit runs the Lantern app, a commercial platform in Brightwater."
    assert speak("{{city}} stays {{braced}}", words) == "{city} stays {braced}"
    court = voice_of(shipped_rulebooks["court_blacklist"])
    assert speak("{System}", court) == "The Register of Judgement Defaulters" and court["kind"] == "court register"


@pytest.mark.parametrize("text, found", [
    ("{cty} at night", "unknown placeholder '{cty}' (did you mean 'city'?)"),
    ("a lone { brace", "a lone '{'"),
    ("a lone } brace", "a lone '}'"),
    ("{{fine}} and {city} and {Announcer}", None),
])
def test_placeholder_problems(text, found):
    from game.scenario.voice import problems

    got = problems(text)
    if found is None:
        assert got == []
    else:
        [(_, message)] = got
        assert found in message


def test_every_text_the_player_reads_speaks_as_the_chosen_city(shipped_scenario, shipped_rulebooks):
    """The opening letter names the city's own system under each rulebook, and nothing the
    player can read is left with a raw placeholder."""
    from game.scenario.voice import voiced

    for rb in shipped_rulebooks.values():
        g = Game(shipped_scenario, rb, 1)
        sc = g.scenario
        assert sc.source is shipped_scenario and voiced(shipped_scenario, rb) is sc  # built once
        texts = [sc.citizen.background] + [p.relation for p in sc.citizen.contacts + sc.citizen.family]
        for ev in sc.events.values():
            texts += [ev.model.title, ev.model.text]
            for ch in ev.choices:
                texts += [ch.model.text, ch.model.outcome, ch.model.locked_reason, *ch.model.context.values()]
        for en in sc.endings:
            texts += [en.model.title, en.model.text]
        assert not [t for t in texts if "{" in t or "}" in t], rb.id
        letter = sc.events["the_letter"].model.text
        system = rb.model.rulebook.system
        assert system.split()[-1] in letter, (rb.id, letter)
    # a life relived under another city speaks as that city, not as the first
    a = Game(shipped_scenario, shipped_rulebooks["points_city"], 1)
    b = Game(a.scenario, shipped_rulebooks["credit_platform"], 1)
    assert "Lantern Credit" in b.scenario.events["the_letter"].model.text


# ----------------------------------------------------------------- the Guide in every city


def _offer_views(g):
    offer = g.offer()
    return offer, g.current_event(), offer.choices


def test_the_guide_weighs_what_dropping_a_friend_saves_over_the_turns_left(mini_scenario, mini_rulebook):
    from game.engine.game import play
    from game.engine.guide import advise

    g, _ = play(mini_scenario, mini_rulebook, 1, ["pay", "call"])
    offer, ev, views = _offer_views(g)
    advice = advise(g, ev, views)
    # week 3 of 4: Ana costs -10 a week; dropping her saves one week of it
    assert advice.values["drop_ana"] == 10 and advice.values["share"] == 15 and advice.values["refuse"] == -5
    assert advice.pick == "share" and offer.guide == "share"


def test_the_guide_values_an_appeal_by_its_chance_and_says_when_nothing_differs(mini_scenario, variant):
    from game.engine.game import play
    from game.engine.guide import advise
    from game.report.notices import ALL_THE_SAME, NOTHING_MOVES, NOTHING_SHOWN, guide_words

    fair = variant()
    g, _ = play(mini_scenario, fair, 1, ["late", "call"])
    _, ev, views = _offer_views(g)
    assert advise(g, ev, views).values["appeal"] == 60  # a fair tribunal strikes the -60 out
    slow = variant(('kind = "fair"', 'kind = "bureaucratic"\nsuccess = 0.25'))
    g, _ = play(mini_scenario, slow, 1, ["late", "call"])
    _, ev, views = _offer_views(g)
    assert advise(g, ev, views).values["appeal"] == 15
    # the quiet week: resting scores nothing, so the Guide has no pick and says so; a partial
    # city's Guide speaks only for the rules the player can read
    g, _ = play(mini_scenario, fair, 1, ["pay", "call", "share"])
    offer, ev, views = _offer_views(g)
    assert offer.event_id == "quiet" and offer.guide is None and guide_words(offer.guide_says) == NOTHING_SHOWN
    public = variant(('transparency = "partial"', 'transparency = "public"'))
    g, _ = play(mini_scenario, public, 1, ["pay", "call", "share"])
    assert g.offer().guide is None and guide_words(g.offer().guide_says) == NOTHING_MOVES
    assert ALL_THE_SAME.endswith("the choice is yours.")


def test_the_guide_can_be_asked_as_the_player_knows_or_as_the_model_knows(mini_scenario, mini_rulebook):
    """One function for the Guide's pick, callable by the metric-gaming index either way."""
    from game.engine.game import play
    from game.engine.guide import advise

    g, _ = play(mini_scenario, mini_rulebook, 1, ["late"])
    _, ev, views = _offer_views(g)
    assert advise(g, ev, views).pick is None  # the -20 for games is hidden in this partial city
    model = advise(g, ev, views, whole_model=True)
    assert model.pick == "call" and model.values["game"] == -20 and model.whole_model


def test_every_shipped_city_has_a_guide_that_picks(shipped_scenario, shipped_rulebooks):
    for rb in shipped_rulebooks.values():
        picks = 0
        for seed in range(8):
            g = Game(shipped_scenario, rb, seed)
            while not g.finished:
                offer = g.offer()
                picks += offer.guide is not None
                assert (offer.guide_says == "pick") == (offer.guide is not None)
                g.decide(offer.guide or next(c.id for c in offer.choices if c.available))
        assert picks >= 1, rb.id


# ----------------------------------------------------------------- openings that vary: due events

POOL = """
[scenario]
id = "pool"
title = "Pool"

[calendar]
turns = 6

[citizen]
name = "P"
flags = ["ready"]

{events}

[[ending]]
id = "end"
title = "End"
text = "It ends."
"""


def _pool_event(eid: str, extra: str = "") -> str:
    return f"""
[[event]]
id = "{eid}"
title = "{eid}"
text = "Something."
{extra}

[[event.choice]]
id = "a"
text = "A"

[[event.choice]]
id = "b"
text = "B"
effects = {{ clear = ["ready"] }}
"""


def _pool(tmp_path, mini_lexicon, thread_extra: str):
    events = "".join(_pool_event(f"filler{i}") for i in range(6)) + _pool_event("thread", thread_extra)
    p = tmp_path / "pool.toml"
    p.write_text(POOL.replace("{events}", events))
    return load_scenario(p, mini_lexicon)


def test_a_due_event_comes_up_in_a_different_week_in_each_life_but_always_by_its_last(tmp_path, mini_lexicon, mini_rulebook):
    sc = _pool(tmp_path, mini_lexicon, "last_turn = 3\ndue = true\nwhen = \"flags.ready\"")
    weeks = []
    for seed in range(60):
        g = Game(sc, mini_rulebook, seed)
        while not g.finished and "thread" not in g.state.seen_events:
            g.decide("a")
        weeks.append(g.state.seen_events.get("thread"))
    assert None not in weeks and set(weeks) == {1, 2, 3}
    plain = _pool(tmp_path, mini_lexicon, "last_turn = 3\nwhen = \"flags.ready\"")
    missed = 0
    for seed in range(60):
        g = Game(plain, mini_rulebook, seed)
        while not g.finished:
            g.decide("a")
        missed += "thread" not in g.state.seen_events
    assert missed > 0  # without `due`, a thread may never start


def test_a_due_event_that_is_not_eligible_at_its_last_turn_does_not_come_up(tmp_path, mini_lexicon, mini_rulebook):
    sc = _pool(tmp_path, mini_lexicon, "last_turn = 3\ndue = true\nweight = 0.0001\nwhen = \"flags.ready\"")
    for seed in range(20):
        g = Game(sc, mini_rulebook, seed)
        while not g.finished:
            g.decide("b" if g.state.turn == 1 else "a")  # week 1 clears the flag the thread needs
        assert "thread" not in g.state.seen_events or g.state.seen_events["thread"] == 1


def test_a_follow_up_waits_a_turn_for_a_due_event(tmp_path, mini_lexicon, mini_rulebook):
    events = (_pool_event("opener", 'first_turn = 1\nlast_turn = 1\npriority = 9').replace(
        'id = "a"\ntext = "A"', 'id = "a"\ntext = "A"\nthen = "follow"')
        + _pool_event("follow", 'first_turn = 2\nweight = 0.0001')
        + _pool_event("thread", 'first_turn = 2\nlast_turn = 2\ndue = true')
        + "".join(_pool_event(f"filler{i}") for i in range(3)))
    p = tmp_path / "wait.toml"
    p.write_text(POOL.replace("{events}", events))
    sc = load_scenario(p, mini_lexicon)
    g = Game(sc, mini_rulebook, 1)
    g.decide("a")
    assert g.state.current_event == "thread"  # due at week 2: it comes first
    g.decide("a")
    assert g.state.current_event == "follow"  # the follow-up waited a turn
