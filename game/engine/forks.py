"""Where the score and conscience part ways at a decision: the facts behind the
metric-gaming index.

A *fork* is an offer whose available choices the score and conscience rank differently: the
choices best for the score (as the citizen could know it, by the same measure the Guide
uses, :func:`game.engine.guide.advise`) and those best for conscience (the choice's hidden virtue
changes) have none in common. An offer with one open choice, or where either side sees no
difference, is no fork.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .outcome import Offer
from .passing import PASS, pass_choice

if TYPE_CHECKING:  # pragma: no cover
    from .game import Game


@dataclass(frozen=True)
class Preferences:
    """What the score and conscience make of each open choice of one offer."""

    turn: int
    event: str
    score: dict[str, float]  # choice id -> points, as the citizen could know them
    conscience: dict[str, int]  # choice id -> the sum of its hidden virtue changes

    @staticmethod
    def _best(values: dict[str, float] | dict[str, int]) -> frozenset[str]:
        if not values:
            return frozenset()
        top = max(values.values())
        return frozenset(k for k, v in values.items() if v == top)

    @property
    def score_best(self) -> frozenset[str]:
        return self._best(self.score)

    @property
    def conscience_best(self) -> frozenset[str]:
        return self._best(self.conscience)

    @property
    def fork(self) -> bool:
        return (len(self.score) >= 2 and len(set(self.score.values())) > 1
                and len(set(self.conscience.values())) > 1 and self.score_best.isdisjoint(self.conscience_best))

    def gamed(self, choice: str) -> bool:
        """At a fork, the choice took the score's side."""
        return self.fork and choice in self.score_best


def preferences(game: "Game", offer: Offer) -> Preferences:
    """The score's and conscience's view of ``offer``'s open choices, at the current state."""
    ev = game.scenario.events[offer.event_id]
    score = dict(game.advice(offer).values)
    conscience: dict[str, int] = {}
    for v in offer.choices:
        if v.id not in score:
            continue
        ch = ev.choice(v.id) if v.id != PASS else pass_choice()
        conscience[v.id] = sum(ch.model.effects.virtues.values()) if ch is not None else 0
    return Preferences(offer.turn, offer.event_id, score, conscience)


def gamed(game: "Game", offer: Offer, choice: str) -> bool | None:
    """None when ``offer`` is no fork; else whether ``choice`` took the score's side. The
    verdict of :func:`preferences` (``prefs.gamed(choice) if prefs.fork else None``), without
    building it: a playtest asks it at every decision."""
    best = score_side(game, offer)
    return None if best is None else choice in best


def score_side(game: "Game", offer: Offer) -> frozenset[str] | None:
    """None when ``offer`` is no fork; else the choices best for the score there. They depend
    on the advice (its values) and the event's choices alone, so they are kept with the
    advice."""
    advice = game.advice(offer)
    try:
        return advice.derived["fork"]
    except KeyError:
        best = advice.derived["fork"] = _fork(game.scenario.events[offer.event_id], advice.values)
        return best


def _fork(ev, score: dict[str, float]) -> frozenset[str] | None:
    """At a fork, the choices best for the score; None when it is none."""
    if len(score) < 2:
        return None
    top = max(score.values())
    if all(v == top for v in score.values()):
        return None
    conscience: dict[str, int] = {}
    for cid in score:
        ch = ev.choice(cid) if cid != PASS else pass_choice()
        conscience[cid] = sum(ch.model.effects.virtues.values()) if ch is not None else 0
    best = max(conscience.values())
    if all(v == best for v in conscience.values()):
        return None
    if any(v == top and conscience[cid] == best for cid, v in score.items()):
        return None  # a choice best for both: no fork
    return frozenset(cid for cid, v in score.items() if v == top)
