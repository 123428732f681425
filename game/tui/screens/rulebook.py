"""The rulebook as the city publishes it: everything, part of it, or only the tiers."""

from __future__ import annotations

from textual.widget import Widget

from ...report.rulebook import rulebook_pages
from ...scenario.content import Rulebook
from ..widgets.document import Document
from .overlay import Overlay


class RulebookScreen(Overlay):
    KEY = "r"

    def __init__(self, rulebook: Rulebook, turn: int = 1, unit: str = "week") -> None:
        """``turn``: what is published by then (a rule that begins later without notice is not)."""
        super().__init__()
        self.rulebook = rulebook
        self.turn = turn
        self.unit = unit

    def heading(self) -> str:
        return f"Rulebook · {self.rulebook.title} · {self.rulebook.meta.city}"

    def body(self) -> Widget:
        return Document(rulebook_pages(self.rulebook, self.turn, self.unit), id="rulebook-doc",
                        classes="overlay-body")
