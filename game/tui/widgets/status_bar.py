"""One line at the top of the play screen: week, score, tier, money, restrictions."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ...engine.game import Game
from ..wording import LOCKED, plural


class StatusBar(Widget):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.game: Game | None = None

    def show(self, game: Game) -> None:
        self.game = game
        self.refresh()

    def render(self) -> Text:
        game = self.game
        if game is None:
            return Text("")
        s = game.state
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(f"{game.scenario.calendar.unit.capitalize()} {s.turn} of {game.scenario.calendar.turns}")
        t.append("  Score ", style="dim")
        t.append(str(s.score), style="bold")
        t.append("  Tier ", style="dim")
        t.append(f"{s.tier} {game.judge.tier_label(s.tier)}", style="bold")
        t.append("  Money ", style="dim")
        t.append(str(s.money), style="bold")
        active = s.active_restrictions()
        if active:
            t.append(f"  {LOCKED} {plural(len(active), 'restriction')}", style="bold")
        if s.privileges:
            t.append(f"  ✚ {plural(len(s.privileges), 'privilege')}")
        where = f"  {game.rulebook.title}, {game.rulebook.meta.city}"
        if t.cell_len + len(where) <= self.size.width - 2:
            t.append(where, style="dim")
        return t
