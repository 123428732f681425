"""The Guide: the system's own assistant, which recommends the choice best for the score.

In a public or partial city it weighs only the rules the player can read, so it knows what
the player could know. In a secret city it still recommends, from the platform's own model
(every rule), and cannot say why. When no choice moves the score differently, it says so.

:func:`advise` is the one place the Guide's pick is computed; anything that needs "the choice
best for the score as the player could know it" (the Guide, the metric-gaming index) calls it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import TYPE_CHECKING, Literal

from .outcome import ChoiceView
from .passing import PASS, pass_choice

if TYPE_CHECKING:
    from ..scenario.content import CompiledChoice, CompiledEvent
    from .game import Game

#: What the Guide has to say: it has a pick; or why it has none: no choice moves the score
#: (``nothing_moves``), every choice moves it alike (``all_the_same``), or none does by the
#: rules the player can read, in a city that withholds some (``nothing_shown``). Worded by
#: :func:`game.report.notices.guide_words`.
GuideSays = Literal["pick", "nothing_moves", "all_the_same", "nothing_shown"]


@dataclass(frozen=True)
class Advice:
    pick: str | None  # the recommended choice id, or None when no choice scores better
    says: GuideSays  # what the Guide has to say, as a fact
    values: dict[str, float] = field(default_factory=dict)  # open choice id -> expected points
    whole_model: bool = False  # True when it weighed every rule, hidden ones included
    #: What others work out from this advice alone, kept with it (advice is remembered across
    #: lives): see :func:`game.engine.forks.gamed`.
    derived: dict = field(default_factory=dict, compare=False, repr=False)


_CIRCLE = itemgetter("kept", "score", "standing")


def advise(game: "Game", event: "CompiledEvent", views: tuple[ChoiceView, ...] | list[ChoiceView],
           whole_model: bool | None = None, opened: list[tuple[str, int]] | None = None) -> Advice:
    """The Guide's recommendation among the open choices ``views`` of ``event``: the most
    expected points; among equals, the cheapest, then the first.

    ``whole_model`` None: as the Guide does, every rule in a secret city, the rules the player
    can read elsewhere. True or False force one or the other. ``opened``: the (id, cost) of
    each open view, in order, when the caller has them already."""
    if whole_model is None:
        whole_model = game.judge.secret
    memo = game.judge.t.advice
    key: tuple | None = None
    kind = _depends_on(game, event)
    if kind is not None:  # the advice depends on the turn, the open choices and (maybe) the circle
        if opened is None:
            opened = [(v.id, v.cost) for v in views if v.lock is None]
        key = (id(event), game.state.turn, whole_model, tuple(opened))
        if kind:
            # every contact's (kept, score, standing), in the circle's own order (its ids are
            # the scenario's, fixed, and the event in the key is the scenario's)
            key += tuple(map(_CIRCLE, game.state.contacts.values()))
        got = memo.get(key)
        if got is not None and got[0] is event:
            return got[1]
    advice = _advise(game, event, views, whole_model)
    if key is not None:
        memo[key] = (event, advice)
    return advice


def _depends_on(game: "Game", event: "CompiledEvent") -> bool | None:
    """What the Guide's values for ``event``'s choices depend on under this rulebook, beyond
    its behaviours, the turn and the open choices (and their costs): False, nothing; True, the
    citizen's circle (a choice changes it in a city that scores it); None, more (a choice
    settles a listing, or files an appeal the city hears). Unless None, the advice is
    remembered per (event, turn, open choices and costs, and the circle if True), shared by
    every life under the rulebook."""
    t = game.judge.t
    got = t.static.get(id(event))
    if got is not None and got[0] is event:
        return got[1]
    rb = game.rulebook
    a = rb.model.association
    scores_circle = a.low_below is not None or a.high_above is not None
    hears = rb.model.appeals.kind != "none"
    kind: bool | None = False
    for ch in event.choices:
        e = ch.model.effects
        if not t.lifters.isdisjoint(ch.model.behaviours) or (e.appeal and hears):
            kind = None
            break
        if scores_circle and (e.add_contacts or e.drop_contacts or e.contact_standing):
            kind = True
    t.static[id(event)] = (event, kind)
    return kind


def _advise(game: "Game", event: "CompiledEvent", views: tuple[ChoiceView, ...] | list[ChoiceView],
            whole_model: bool) -> Advice:
    values: dict[str, float] = {}
    for v in views:
        if not v.available:
            continue
        ch = event.choice(v.id) if v.id != PASS else pass_choice()
        if ch is None:
            continue
        values[v.id] = round(choice_value(game, ch, visible_only=not whole_model), 6)
    if not values:
        return Advice(None, "nothing_moves", values, whole_model)
    top = max(values.values())
    if len(set(values.values())) == 1:
        says: GuideSays
        if top != 0:
            says = "all_the_same"
        elif game.rulebook.meta.transparency == "partial" and not whole_model:
            says = "nothing_shown"
        else:
            says = "nothing_moves"
        return Advice(None, says, values, whole_model)
    # Among choices equally good for the score, the cheapest, then the first.
    cost = {v.id: v.cost for v in views}
    best = [cid for cid, val in values.items() if val == top]
    pick = min(best, key=lambda cid: cost.get(cid, 0))
    return Advice(pick, "pick", values, whole_model)


def choice_value(game: "Game", ch: "CompiledChoice", visible_only: bool) -> float:
    """Expected points a choice brings, as far as the rules weighed can tell: each behaviour's
    value times the chance it is seen, data offers, listings it starts or settles, an appeal's
    chance of striking a record out, and what a change in the citizen's circle will cost or
    earn in association points over the turns left."""
    judge, s, rb = game.judge, game.state, game.rulebook
    turn = s.turn
    behaviours = ch.model.behaviours

    def shown(item) -> bool:
        return not (visible_only and rb.is_hidden(item))

    total = sum([judge.expected_points(b, turn, visible_only) for b in behaviours])
    if behaviours and not judge.t.lifters.isdisjoint(behaviours):
        for r in s.active_restrictions():  # a listing settled: its points stop counting
            if r.kind == "blacklist":
                bl = judge._blacklist(r.id)
                if shown(bl) and any(b in bl.lifted_by for b in behaviours):
                    total -= sum(rec.points for rec in s.records
                                 if rec.kind == "listing" and rec.rule == r.id and not rec.removed)
    eff = ch.model.effects
    ap = rb.model.appeals
    if eff.appeal and ap.kind != "none":
        target = eff.appeal if isinstance(eff.appeal, str) else None
        recs = [r for r in judge.appealable(s) if target is None or r.behaviour == target]
        if recs:
            p = 1.0 if ap.kind == "fair" else ap.success
            total += -recs[-1].points * p
    if not (eff.add_contacts or eff.drop_contacts or eff.contact_standing):
        return total
    a = rb.model.association
    if shown(a) and (a.low_below is not None or a.high_above is not None):
        left = game.scenario.calendar.turns - turn
        before = _association_per_turn(game, {cid: dict(c) for cid, c in s.contacts.items()})
        after_contacts = {cid: dict(c) for cid, c in s.contacts.items()}
        for cid in eff.add_contacts:
            after_contacts[cid]["kept"] = True
        for cid in eff.drop_contacts:
            after_contacts[cid]["kept"] = False
        for cid, d in eff.contact_standing.items():
            c = after_contacts[cid]
            c["score"] = judge.contact_score(max(0, min(100, c["standing"] + d)))
        total += (_association_per_turn(game, after_contacts) - before) * left
    return total


def _association_per_turn(game: "Game", contacts: dict[str, dict]) -> int:
    a = game.rulebook.model.association
    kept = [c["score"] for c in contacts.values() if c["kept"]]
    low = sum(1 for x in kept if a.low_below is not None and x < a.low_below) * a.low_points
    high = sum(1 for x in kept if a.high_above is not None and x > a.high_above) * a.high_points
    return low + high
