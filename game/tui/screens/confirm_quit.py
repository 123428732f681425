"""Asked before leaving the game: y leaves, n or Escape stays."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Static


class ConfirmQuit(ModalScreen[bool]):
    CSS_PATH = "confirm_quit.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes, quit"),
        Binding("n", "answer(False)", "No, stay"),
        Binding("escape", "answer(False)", "Stay", show=False),
        Binding("q", "answer(False)", show=False),
    ]

    def __init__(self, detail: str = "") -> None:
        super().__init__()
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Quit Model Citizen?", id="question")
            yield Static(self.detail or "You can come back and live another life.", id="detail")
            yield Static("y  quit        n  stay", id="keys")
        yield Footer()

    def action_answer(self, quit_: bool) -> None:
        self.dismiss(quit_)
