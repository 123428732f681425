"""The same decisions, lived again: to verify a run, or under another city's rules.

A life "parts" from its recording when the recorded event does not come up, or the recorded
choice is not offered or is locked. Everything up to there is the same life; after, it is not.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..scenario.content import Rulebook, Scenario
from .game import Game
from .outcome import Decision, Lock, TurnResult

PartingKind = Literal["ended", "other_event", "not_offered", "locked"]


@dataclass
class Parting:
    """Where a life stops following its recording. ``kind`` says why, as data: the life had
    ended, another event came up, the choice was not offered, or it was locked (``lock``).
    :func:`game.report.replay.parting_words` says it in words."""

    turn: int
    expected_event: str
    expected_choice: str
    offered_event: str | None
    kind: PartingKind = "other_event"
    lock: Lock | None = None
    offered_turn: int | None = None  # the turn of the event that came up instead


@dataclass
class Relived:
    game: Game
    results: list[TurnResult] = field(default_factory=list)
    parting: Parting | None = None

    @property
    def complete(self) -> bool:
        return self.parting is None


def relive(scenario: Scenario, rulebook: Rulebook, seed: int, decisions: list[Decision],
           checksums: bool = True, words: bool = True) -> Relived:
    """Apply recorded decisions in order until they all apply or the lives part.
    ``checksums``, ``words``: as for :class:`Game` (False when only the parting is wanted)."""
    game = Game(scenario, rulebook, seed, checksums=checksums, words=words)
    out = Relived(game)
    for d in decisions:
        offer = game.offer()
        if offer is None:
            out.parting = Parting(d.turn, d.event, d.choice, None, "ended")
            break
        if offer.event_id != d.event or offer.turn != d.turn:
            out.parting = Parting(d.turn, d.event, d.choice, offer.event_id, "other_event", None, offer.turn)
            break
        view = offer.choice(d.choice)
        if view is None:
            out.parting = Parting(d.turn, d.event, d.choice, offer.event_id, "not_offered")
            break
        if view.lock is not None:
            out.parting = Parting(d.turn, d.event, d.choice, offer.event_id, "locked", view.lock)
            break
        out.results.append(game.decide(d.choice, offer))
    return out
