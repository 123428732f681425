"""The side panel as a screen of its own, for narrow terminals where it is folded away."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...engine.game import Game
from ..widgets.status_panel import StatusPanel


class StatusScreen(Screen):
    CSS_PATH = "overlay.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("s", "close", "Back", show=False),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Status · {self.game.scenario.citizen.name}", style="bold"), classes="overlay-title")
        with VerticalScroll(id="status-scroll"):
            yield StatusPanel(id="status-full")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StatusPanel).show(self.game)
        self.query_one("#status-scroll").focus()

    def action_close(self) -> None:
        self.dismiss()
