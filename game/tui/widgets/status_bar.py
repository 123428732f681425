"""One line at the top of the play screen: week, score, tier, money, restrictions, privileges,
and, while saving fails, how many decisions are not saved (on every decision, until it works)."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from ...engine.game import Game
from ...report.turn import LOCKED
from ...report.words import plural


class StatusBar(Widget):
    """Draws the long form of each part if the line has room, else the short form."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.game: Game | None = None
        self.unsaved = 0

    def show(self, game: Game, unsaved: int = 0) -> None:
        self.game = game
        self.unsaved = unsaved
        self.refresh()

    def _parts(self, short: bool) -> list[tuple[str, str]]:
        """(label, value) pairs; the label is drawn dim."""
        g = self.game
        assert g is not None
        s = g.state
        cal = g.scenario.calendar
        label = g.judge.tier_label(s.tier)
        parts = [
            ("", f"{cal.unit.capitalize()} {s.turn}/{cal.turns}" if short else f"{cal.unit.capitalize()} {s.turn} of {cal.turns}"),
            ("Score ", str(s.score)),
            ("Tier ", s.tier if short or label == s.tier else f"{s.tier} ({label})"),
            ("Money ", str(s.money)),
        ]
        active = len(s.active_restrictions())
        if active:
            parts.append(("", f"{LOCKED} {active}" if short else f"{LOCKED} {plural(active, 'restriction')}"))
        if s.privileges:
            n = len(s.privileges)
            parts.append(("", f"✚ {n}" if short else f"✚ {plural(n, 'privilege')}"))
        return parts

    def render(self) -> Text:
        if self.game is None:
            return Text("")
        width = self.size.width
        for short in (False, True):
            t = Text(no_wrap=True, overflow="ellipsis")
            if self.unsaved:
                n = self.unsaved
                t.append(f"✗ {n} not saved" if short else f"✗ NOT SAVED: {plural(n, 'decision')} (ctrl+s)",
                         style="bold reverse")
                t.append("  ")
            for i, (label, value) in enumerate(self._parts(short)):
                if i:
                    t.append("  ")
                if label:
                    t.append(label, style="dim")
                t.append(value, style="bold")
            if t.cell_len <= width:
                break
        rb = self.game.rulebook
        where = f"  {rb.title}, {rb.meta.city}"
        if t.cell_len + len(where) <= width:
            t.append(where, style="dim")
        return t
