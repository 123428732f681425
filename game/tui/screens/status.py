"""The side panel as a screen of its own, for narrow terminals where it is folded away."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget

from ...engine.game import Game
from ..widgets.status_panel import StatusPanel
from .overlay import Overlay


class StatusScreen(Overlay):
    KEY = "s"

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def heading(self) -> str:
        return f"Status · {self.game.scenario.citizen.name}"

    def body(self) -> Widget:
        return VerticalScroll(StatusPanel(id="status-full"), id="status-scroll", classes="overlay-body")

    def on_mount(self) -> None:
        self.query_one(StatusPanel).show(self.game)
