"""One line at the top of the play screen: week, score, tier, money, restrictions."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...engine.game import Game
from ..wording import LOCKED, plural


class StatusBar(Static):
    def show(self, game: Game) -> None:
        s = game.state
        t = Text(no_wrap=True, overflow="ellipsis")
        t.append(f"Week {s.turn} of {game.scenario.calendar.turns}")
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
        t.append(f"  · {game.rulebook.title}, {game.rulebook.meta.city}", style="dim")
        self.update(t)
