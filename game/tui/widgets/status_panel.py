"""The citizen as the system sees them: score, tier, money, resources, restrictions, privileges."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding

from ...engine.game import Game
from ...report.document import Para
from ...report.dossier import status
from .. import render
from .doc_view import DocView


class StatusPanel(DocView):
    def show(self, game: Game, week: int | None = None) -> None:
        """``week``: as the status line's (see StatusBar.show)."""
        doc = status(game, week)

        def draw(styles: render.Styles) -> Group:
            out: list[RenderableType] = []
            for b in doc:
                if isinstance(b, Para) and b.role == "indent":
                    # wrapped lines keep the same indent as their first
                    out.append(Padding(render.text(b, styles=styles), (0, 0, 0, 2)))
                else:
                    out.append(render.block(b, styles))
            return Group(*out)

        self.draw(draw)
