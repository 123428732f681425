"""The dossier: the citizen's record as the system holds it, with what the citizen knows."""

from __future__ import annotations

from textual.widget import Widget

from ...engine.game import Game
from ...report.dossier import dossier
from ..widgets.document import Document
from .overlay import Overlay


class DossierScreen(Overlay):
    KEY = "d"

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def heading(self) -> str:
        return f"Dossier · {self.game.scenario.citizen.name}"

    def body(self) -> Widget:
        return Document(dossier(self.game), id="dossier-doc", classes="overlay-body")
