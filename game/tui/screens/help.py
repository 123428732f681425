"""What the words on the screen mean: a legend a first-time player can open with `?`."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Static

from ...engine.game import Game
from ...report.legend import legend
from .. import render
from .overlay import Overlay


class HelpScreen(Overlay):
    KEY = "question_mark"

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def heading(self) -> str:
        return "What the words mean"

    def body(self) -> Widget:
        return VerticalScroll(Static(render.blocks(legend(self.game)), id="help-text"), id="help-scroll",
                              classes="overlay-body")
