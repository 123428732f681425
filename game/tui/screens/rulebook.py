"""The rulebook as the city publishes it: everything, part of it, or only the tiers."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...scenario.content import Rulebook
from ..widgets.document import Document
from ..wording import rulebook_sections


class RulebookScreen(Screen):
    CSS_PATH = "overlay.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("r", "close", "Back", show=False),
    ]

    def __init__(self, rulebook: Rulebook) -> None:
        super().__init__()
        self.rulebook = rulebook

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Rulebook · {self.rulebook.title} · {self.rulebook.meta.city}", style="bold"),
                     classes="overlay-title")
        yield Document(rulebook_sections(self.rulebook), id="rulebook-doc")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Document).focus()

    def action_close(self) -> None:
        self.dismiss()
