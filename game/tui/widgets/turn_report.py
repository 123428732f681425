"""What just happened: the narration of a decision, then what the system did about it."""

from __future__ import annotations

from textual.widgets import Static

from ...engine.game import Game
from ...engine.outcome import TurnResult
from ...report.turn import opening_doc, result_doc, summary_doc
from .. import render


class TurnReport(Static, can_focus=True):
    """Drawn between turns: the decision's outcome, story changes, notices, score movement."""

    def show_result(self, game: Game, result: TurnResult, title: str, finished: bool,
                    resumed: bool = False) -> None:
        self.update(render.blocks(result_doc(game, result, title, finished, resumed)))

    def show_opening(self, game: Game) -> None:
        self.update(render.blocks(opening_doc(game)))

    def show_summary(self, game: Game, result: TurnResult, title: str) -> None:
        """A short reminder of the last decision's consequences, for the side panel."""
        self.update(render.blocks(summary_doc(game, result, title)))
