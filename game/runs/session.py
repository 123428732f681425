"""A run being played: the game, its decisions so far, and a hook to save after each.

The TUI and the playtest bots drive a Session; the save format lives in :mod:`game.runs.save`.
"""

from __future__ import annotations

from typing import Callable

from ..engine.game import Game
from ..engine.outcome import Decision, Offer, TurnResult
from ..engine.relive import Parting, relive
from ..scenario.content import Rulebook, Scenario


class Session:
    def __init__(self, scenario: Scenario, rulebook: Rulebook, seed: int,
                 on_decision: Callable[["Session", TurnResult], None] | None = None,
                 checksums: bool = True, words: bool = True) -> None:
        self.scenario = scenario
        self.rulebook = rulebook
        self.seed = seed
        self.game = Game(scenario, rulebook, seed, checksums=checksums, words=words)
        self.decisions: list[Decision] = []
        self.results: list[TurnResult] = []
        self.on_decision = on_decision

    @classmethod
    def from_decisions(cls, scenario: Scenario, rulebook: Rulebook, seed: int, decisions: list[Decision],
                       on_decision: Callable[["Session", TurnResult], None] | None = None,
                       words: bool = True) -> tuple["Session", Parting | None]:
        """A session that has already made ``decisions`` (without calling ``on_decision``).

        Stops where the recorded decisions no longer apply, and says why (the parting).
        ``words`` False: the results carry no notices or story changes (a check that reads
        only the states; see :class:`Game`)."""
        lived = relive(scenario, rulebook, seed, decisions, words=words)
        s = cls(scenario, rulebook, seed, on_decision)
        s.game = lived.game
        s.results = list(lived.results)
        s.decisions = [Decision(r.turn, r.event_id, r.choice_id, r.followed_guide) for r in lived.results]
        return s, lived.parting

    def decide(self, choice_id: str, offer: Offer | None = None) -> TurnResult:
        """Take a choice; ``offer`` is the game's current offer if the caller holds it."""
        turn = self.game.turn
        event = self.game.state.current_event or ""
        result = self.game.decide(choice_id) if offer is None else self.game.decide(choice_id, offer)
        self.decisions.append(Decision(turn, event, choice_id, result.followed_guide))
        self.results.append(result)
        if self.on_decision is not None:
            self.on_decision(self, result)
        return result

    def follow_guide(self) -> TurnResult | None:
        offer = self.game.offer()
        if offer is None or offer.guide is None:
            return None
        return self.decide(offer.guide, offer)
