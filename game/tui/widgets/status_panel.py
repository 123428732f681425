"""The citizen as the system sees them: score, tier, money, resources, restrictions, privileges."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding

from textual.widgets import Static

from ...engine.game import Game
from ...report.document import Para
from ...report.dossier import status
from .. import render


class StatusPanel(Static):
    def show(self, game: Game) -> None:
        out: list[RenderableType] = []
        for b in status(game):
            if isinstance(b, Para) and b.role == "indent":
                # wrapped lines keep the same indent as their first
                out.append(Padding(render.text(b), (0, 0, 0, 2)))
            else:
                out.append(render.block(b))
        self.update(Group(*out))
