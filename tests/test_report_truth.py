"""Every statement on the end pages and in the report files, held against the run it describes.

Lives are generated (every shipped rulebook, every playtest strategy, many seeds); each is
saved as its decisions only, and the facts each paragraph carries are recomputed from those
decisions by replaying them in a fresh engine, without the report's own code. Player text
must also never show an internal id, a door twice, or "1 records".
"""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.authoring.playtest import STRATEGIES, play_one
from game.engine.forks import preferences
from game.engine.game import Game
from game.engine.outcome import Decision
from game.report import compose
from game.report.document import Heading, Items, Para, Span, paragraphs, unstated_numbers
from game.report.export import to_data, to_markdown, to_text
from game.report.notices import notice_text
from game.report.pages import END_PAGES, document
from game.report.reflections import candidates
from game.report.texts import load_texts
from game.report.turn import change_words
from game.report.words import tier_name

RULEBOOKS = ["court_blacklist", "credit_platform", "points_city", "rule_of_law"]

#: Words of the engine's own vocabulary a player must never read.
PROGRAMMER = re.compile(r"(?<![\w.])[+-]0(?![\d.])|\(true\)|\b(rule|value|data|blacklist|sanction|refusal|association):[a-z_]+|"
                        r"\bby 1 records\b|\b1 (records|doors|punishments|forks|entries|contacts|weeks|months)\b")


def _ids(scenario, rulebook) -> set[str]:
    """Every id with an underscore that content declares: behaviours, services, events, choices,
    rulebook ids, restrictions, contacts, data sources, measures."""
    from game.report.run import MEASURES

    lex = scenario.lexicon
    out = set(lex.behaviours) | set(lex.services) | set(scenario.events) | set(MEASURES)
    out |= {c.id for ev in scenario.events.values() for c in ev.choices} | set(RULEBOOKS)
    m = rulebook.model
    out |= {x.id for x in (*m.sanction, *m.blacklist, *m.privilege, *m.tier)}
    out |= {p.id for p in scenario.citizen.contacts}
    return {i for i in out if "_" in i}


def _life(scenario, rulebook, strategy: str, seed: int) -> list[Decision]:
    res = play_one(scenario, rulebook, 0, strategy, seed)
    assert res.problem is None, res.detail
    return [Decision(t, e, c) for t, e, c in res.decisions]


def _replay(scenario, rulebook, seed: int, decisions: list[Decision]):
    """The run, lived again from its decisions: the game, and what each turn offered."""
    g = Game(scenario, rulebook, seed)
    offers, open_, prefs, made, notices = [], [], [], [], []
    known = {p.id for p in scenario.citizen.contacts if p.kept}  # who has been in the circle
    for d in decisions:
        offer = g.offer()
        assert offer is not None and offer.event_id == d.event
        offers.append(offer)
        open_.append(sum(1 for v in offer.choices if v.available))
        prefs.append(preferences(g, offer))
        before = len(g.state.records)
        r = g.decide(d.choice)
        made.append([rec for rec in g.state.records[before:] if rec.turn == r.turn])
        notices.extend(r.notices)
        for c in r.story:  # "again" only for someone who was in the circle before
            if c.kind == "taken_up":
                words = change_words(g, c)
                assert c.again == (c.name in known) and words.endswith(" again") == c.again, words
        ch = scenario.events[d.event].choice(d.choice)
        known |= set(ch.model.effects.add_contacts) if ch else set()
    return g, offers, open_, prefs, made, notices


def _check_player_text(text: str, ids: set[str]) -> None:
    assert not PROGRAMMER.search(text), (PROGRAMMER.search(text).group(0), text)  # type: ignore[union-attr]
    words = set(re.findall(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+", text))
    assert not (words & ids), (words & ids, text)


def _check(scenario, rulebook, seed, decisions) -> None:
    g, offers, open_, prefs, made, notices = _replay(scenario, rulebook, seed, decisions)
    s = g.state
    rep = compose(g, decisions, others={})
    ids = _ids(scenario, rulebook)
    pages = document(rep)

    # every number written is a fact the paragraph carries; no internal id, no "1 records"
    for page in pages:
        for p in paragraphs(page):
            assert unstated_numbers(p) == [], (page.key, p.text, p.facts)
            _check_player_text(p.text, ids)
            for t in rulebook.model.tier:  # a tier's id and label never run together
                assert f"{t.id} {t.label}" not in p.text, p.text
    for text in (to_text(rep), to_markdown(rep)):
        _check_player_text(text, ids)

    # the doors behind each record: each service once, closed apart from dearer, as the engine holds them
    heads = [b for page in pages if page.key == "punished" for b in page.blocks if isinstance(b, Heading)
             and "record" in b.facts]
    for h in heads:
        rid = h.facts["record"]
        behind = [r for r in s.restrictions if rid in r.causes]
        closed = {e.service for r in behind for e in r.effects() if e.effect == "closed"}
        priced = {e.service for r in behind for e in r.effects() if e.effect == "priced"} - closed
        names = {sid: scenario.lexicon.services[sid].name for sid in closed | priced}
        assert (h.facts["closed"], h.facts["priced"]) == (len(closed), len(priced)), h.text
        assert sorted(h.facts["services"]) == sorted(names[x] for x in closed | priced), h.text
        assert len(set(h.facts["services"])) == len(h.facts["services"]), ("a door twice", h.text)

    # appeals: their state and when they are decided, never after the end without saying so
    for page in pages:
        if page.key != "appeals":
            continue
        for p in paragraphs(page):
            if "record" not in p.facts:
                continue
            a = next(x for x in s.appeals if x.record == p.facts["record"])
            assert (p.facts["outcome"], p.facts["decides"], p.facts["after_end"]) == (a.state, a.decides, a.after_end)
            assert (a.decides > scenario.calendar.turns) == a.after_end
            if a.after_end:
                assert "after this life's last" in p.text, p.text

    # deed lines: what they say was recorded, or appealed
    for page in pages:
        for p in paragraphs(page):
            if "virtue" in p.facts and "records" in p.facts:
                i = next(i for i, d in enumerate(decisions) if d.turn == p.facts["turn"])
                assert p.facts["records"] == [r.id for r in made[i]], p.text
                filed = [a.record for a in s.appeals if a.filed == p.facts["turn"]]
                if "no record" in p.text:
                    assert not made[i] and not filed, ("an appeal or record called 'no record'", p.text)

    # the player's metric-gaming index, from the offers the decisions met
    forks = [(d, pr) for d, pr in zip(decisions, prefs) if pr.fork]
    gamed = [d for d, pr in forks if d.choice in pr.score_best]
    data = to_data(rep)
    mg = data["indices"]["metric_gaming"]
    assert (mg["forks"], mg["gamed"]) == (len(forks), len(gamed))
    assert mg["value"] == (round(100 * len(gamed) / len(forks)) if forks else None)
    assert [(m["turn"], m["chosen"]) for m in mg["moments"]] == [(d.turn, d.choice) for d, _ in forks]

    # at a fork, the score's side is the Guide's own pick (it weighs the same), and a choice as
    # good for the score that the Guide did not pick is not called "the score's choice"
    for m, (d, pr) in zip(mg["moments"], forks):
        offer = offers[decisions.index(d)]
        assert offer.guide in pr.score_best and m["score_preferred"] == offer.guide
    gaming = next(page for page in pages if page.key == "gaming")
    for p in paragraphs(gaming):
        if "the score's choice" in p.text:
            assert p.facts["chosen"] == next(x for x in rep.metric_gaming.moments if x.turn == p.facts["turn"]) \
                .score_preferred_text, p.text
        if "nothing to game" in p.text:  # the Guide may have had picks: then say the score never pulled apart
            preferred = sum(1 for pr in prefs if len(set(pr.score.values())) > 1)
            assert p.facts["preferred"] == preferred and ("never pulled apart" in p.text) == bool(preferred), p.text

    # the Missed page counts entries as the reflections count them
    for b in seen_blocks(pages):
        if b.text.startswith("Rules you could not read"):
            assert b.facts["count"] == rep.m("unshown_records"), b.text

    # the cities page names the city each ending belongs to
    cities = next(page for page in pages if page.key == "cities")
    for p in paragraphs(cities):
        if "endings" in p.facts:
            for title, where in zip(p.facts["endings"], p.facts["cities"]):
                assert f'"{title}" in ' in p.text and all(w in p.text for w in where)

    # every reflection this life triggers, chosen or not, is true of this city
    for r in candidates(rep, load_texts().reflection):
        assert "kindness" not in r.text and "your silence" not in r.text, r.text
        assert f"judged by the rules of {rulebook.meta.city}" not in r.text, r.text  # the own city is "here"
        if rulebook.meta.context == "weighed":
            assert "no reason to ask" not in r.text, r.text
        if rulebook.meta.transparency == "secret":
            assert "any one penalty in the city" not in r.text, r.text
        if r.id == "no_appeal":
            assert rulebook.model.appeals.kind == "none", r.text
        if r.id in ("good_punished", "guide_harm"):
            d = decisions[[x.turn for x in decisions].index(r.turn)]
            virtues = scenario.events[d.event].choice(d.choice).model.effects.virtues
            named = [k for k, v in virtues.items() if (v > 0) == (r.id == "good_punished") and v]
            assert all(k in r.text for k in named), (r.text, virtues)

    # the city's score fidelity: good deeds and harms among free choices, then wrong or contextless records
    right = silent = wrong = 0
    counted: set[int] = set()
    for d, n, recs in zip(decisions, open_, made):
        ev = scenario.events[d.event]
        ch = ev.choice(d.choice)
        virtue = sum(ch.model.effects.virtues.values()) if ch else 0
        legal = [scenario.lexicon.behaviours[b].legal for b in (ch.model.behaviours if ch else [])]
        good = n >= 2 and virtue > 0
        harm = n >= 2 and (virtue < 0 or ("illegal" in legal and virtue <= 0))
        if not (good or harm):
            continue
        pts = sum(r.points for r in recs)
        sign = 1 if good else -1
        right += pts * sign > 0
        silent += pts == 0
        wrong += pts * sign < 0
        counted |= {r.id for r in recs}
    for r in s.records:
        if r.kind != "listing" and r.truth in ("wrong", "contextless") and r.id not in counted:
            silent += r.points == 0
            wrong += r.points != 0
    sf = data["indices"]["score_fidelity"]
    assert (sf["right"], sf["silent"], sf["wrong"]) == (right, silent, wrong)

    # the fidelity page lists exactly the moments it counts, under their verdict
    seen = next(page for page in pages if page.key == "seen")
    listed = {}
    for head, items in zip(seen.blocks, seen.blocks[1:]):
        if isinstance(head, Heading) and isinstance(items, Items):
            listed[head.text.split(" (")[0]] = len(items.items)
    assert (listed.get("Got right", 0), listed.get("Passed over in silence", 0),
            listed.get("Got the wrong way round", 0)) == (right, silent, wrong)

    # a good deed is never credited for the only choice that was open
    for d in rep.good_unseen() + rep.good_punished() + rep.harms_rewarded():
        i = next(i for i, x in enumerate(decisions) if x.turn == d.turn)
        assert open_[i] >= 2

    # a tier is named as the status bar names it ("Good (Lantern Silver)"), never by its label alone
    said = [p.text for page in pages if page.key in dict(END_PAGES) for p in paragraphs(page)]
    said += [r.text for r in candidates(rep, load_texts().reflection)]
    for t in rulebook.model.tier:
        name = tier_name(t.id, t.label)
        if name != t.label:
            for text in said:
                bare = len(re.findall(rf"\b{re.escape(t.label)}\b", text))
                assert bare == text.count(name), (name, text)

    # points are laid only on the choice that made them: a week's charge for the company kept, or
    # someone else's act filed that week, is no choice's
    apart = [(d, sum(x.points for x in recs)) for d, recs in zip(decisions, made)
             if sum(x.points for x in recs) * sum(scenario.events[d.event].choice(d.choice).model.effects.virtues.values()
                                                  if scenario.events[d.event].choice(d.choice) else {}) < 0]
    assert rep.m("divergent_turns") == len(apart)
    for r in candidates(rep, load_texts().reflection):
        if r.id == "score_and_conscience_turns":
            d, pts = next((d, p) for d, p in apart if d.turn == r.turn)
            assert r.facts["score_change"] == pts, r.text
            assert "never with a notice" not in r.text
        if r.id == "one_wrong_many_doors":  # an act only when the record was the citizen's own act
            rec = s.records[r.facts["record_id"] - 1]
            assert ("One act;" in r.text) == (rec.kind in ("act", "data") and rec.truth != "wrong"), r.text
            assert r.facts["closed_count"] == len({e.service for x in s.restrictions if rec.id in x.causes
                                                    for e in x.effects() if e.effect == "closed"}), r.text
        if r.id == "good_unseen":
            assert "Nobody recorded" not in r.text

    # a record of someone else's act says so in its notice, wherever the notice names the act
    for n in notices:
        if n.kind == "record" and not n.lapsed:
            text = notice_text(n, scenario, rulebook)
            wrong = s.records[n.record - 1].truth == "wrong"  # the wrong record, or the listing it brought
            assert ("You never did this." in text) == (wrong and not n.hidden), text

    # a rule said to have begun without notice could not be read before that turn
    for r in rep.unshown():
        rec = s.records[r.id - 1]
        assert rec.readable_from is None or rec.readable_from >= rec.turn


def seen_blocks(pages):
    seen = next(page for page in pages if page.key == "seen")
    return [b for b in seen.blocks if isinstance(b, Heading)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(rulebook=st.sampled_from(RULEBOOKS), strategy=st.sampled_from(sorted(STRATEGIES)),
       seed=st.integers(min_value=0, max_value=2**31 - 1))
def test_every_statement_matches_the_run(shipped_scenario, shipped_rulebooks, rulebook, strategy, seed):
    rb = shipped_rulebooks[rulebook]
    _check(shipped_scenario, rb, seed, _life(shipped_scenario, rb, strategy, seed))


@pytest.mark.parametrize("rulebook", RULEBOOKS)
@pytest.mark.parametrize("strategy", sorted(STRATEGIES))
def test_every_rulebook_and_strategy_once(shipped_scenario, shipped_rulebooks, rulebook, strategy):
    rb = shipped_rulebooks[rulebook]
    _check(shipped_scenario, rb, 7, _life(shipped_scenario, rb, strategy, 7))


def test_the_checks_can_fail():
    """The checks catch what the issue found: a door twice, "1 records", an internal id."""
    with pytest.raises(AssertionError):
        _check_player_text("one record closed 2 doors (by 1 records)", set())
    with pytest.raises(AssertionError):
        _check_player_text("#1 share_location_data +25", {"share_location_data"})
    with pytest.raises(AssertionError):
        _check_player_text("-30 (true)", set())
    with pytest.raises(AssertionError):  # a zero is neither a reward nor a penalty
        _check_player_text("What you shared earned +0 in all.", set())
    _check_player_text("Score 0 → 0, virtue 20 → 18 (virtue index -2), +0.5 kg, v2.0", set())
    assert unstated_numbers(Para([], {})) == []
    from game.report.document import para
    assert unstated_numbers(para("closed 5 doors", facts={"closed": 4})) == ["5"]


def test_json_report_contract(shipped_scenario, shipped_rulebooks, tmp_path, capsys):
    """``citizen report SAVE --format json``: the indices and the pages, every number a fact."""
    from game.cli import main
    from game.runs.session import Session
    from game.runs.store import autosave

    rb = shipped_rulebooks["points_city"]
    decisions = _life(shipped_scenario, rb, "score", 3)
    saver = autosave(tmp_path / "saves")
    s = Session(shipped_scenario, rb, 3, saver)
    for d in decisions:
        s.decide(d.choice)
    assert main(["report", str(saver.path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    mg = data["indices"]["metric_gaming"]
    assert set(mg) >= {"value", "forks", "gamed", "moments"}
    assert mg["value"] is None or 0 <= mg["value"] <= 100
    for m in mg["moments"]:
        assert set(m) >= {"turn", "event", "chosen", "score_preferred"}
    assert set(data["indices"]["score_fidelity"]) >= {"right", "silent", "wrong"}
    assert [p["title"] for p in data["pages"]][:2] == ["Ending", "Numbers"]
    for page in data["pages"]:
        for p in page["paragraphs"]:
            assert set(p) == {"text", "facts"}
            assert unstated_numbers(Para([Span(p["text"])], p["facts"])) == [], p
