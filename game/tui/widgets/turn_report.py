"""What just happened: the narration of a decision, then what the system did about it."""

from __future__ import annotations

from ...engine.game import Game
from ...engine.outcome import TurnResult
from ...report.turn import opening_doc, result_doc, summary_doc
from .. import render
from ..drawn_once import DrawnOnce
from .doc_view import DocView


class TurnReport(DocView, can_focus=True):
    """Drawn between turns: the decision's outcome, story changes, notices, score movement."""

    def show_result(self, game: Game, result: TurnResult, title: str, finished: bool,
                    resumed: bool = False) -> None:
        doc = result_doc(game, result, title, finished, resumed)
        self.draw(lambda styles: DrawnOnce(self, render.blocks(doc, styles)))

    def show_opening(self, game: Game) -> None:
        doc = opening_doc(game)
        self.draw(lambda styles: DrawnOnce(self, render.blocks(doc, styles)))

    def show_summary(self, game: Game, result: TurnResult, title: str) -> None:
        """A short reminder of the last decision's consequences, for the side panel."""
        doc = summary_doc(game, result, title)
        self.draw(lambda styles: DrawnOnce(self, render.blocks(doc, styles)))
