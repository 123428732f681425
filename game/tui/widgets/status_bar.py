"""One line at the top of the play screen: week, score, tier, money, restrictions, privileges,
and, while saving fails, how many decisions are not saved (on every decision, until it works).

What the last decision changed in the citizen's standing (the tier, a restriction, a privilege)
is marked here, reversed, with ▲ or ▼ for the tier, until the next event: the turn's report
says what it was, and nothing floats over the report to say it again."""

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
        self.changed: dict[str, str] = {}
        self.week: int | None = None

    def show(self, game: Game, unsaved: int = 0, changed: dict[str, str] | None = None,
             week: int | None = None) -> None:
        """``changed``: what the last decision changed (see report.turn.standing_changes);
        ``week``: the week whose report is on the page (the game has already moved to the next:
        "Week 2 of 12" above week 1's report read as if week 1 had been skipped)."""
        self.game = game
        self.week = week
        self.unsaved = unsaved
        self.changed = dict(changed or {})
        self.refresh()

    def _parts(self, short: bool) -> list[tuple[str, str, bool]]:
        """(label, value, changed) triples; the label is drawn dim, a changed value reversed."""
        g = self.game
        assert g is not None
        s = g.state
        cal = g.scenario.calendar
        label = g.judge.tier_label(s.tier)
        moved = self.changed
        week = self.week or s.turn
        tier = s.tier if short or label == s.tier else f"{s.tier} ({label})"
        if "tier" in moved:
            tier = f"{'▼' if moved['tier'] == 'down' else '▲'} {tier}"
        parts = [
            ("", f"{cal.unit.capitalize()} {week}/{cal.turns}" if short else f"{cal.unit.capitalize()} {week} of {cal.turns}",
             False),
            ("Score ", str(s.score), False),
            ("Tier ", tier, "tier" in moved),
            ("Money ", str(s.money), False),
        ]
        active = len(s.active_restrictions())
        if active or "restrictions" in moved:
            parts.append(("", f"{LOCKED} {active}" if short else
                          f"{LOCKED} {plural(active, 'restriction') if active else 'no restrictions'}",
                          "restrictions" in moved))
        n = len(s.privileges)
        if n or "privileges" in moved:
            parts.append(("", f"✚ {n}" if short else f"✚ {plural(n, 'privilege') if n else 'no privileges'}",
                          "privileges" in moved))
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
            for i, (label, value, moved) in enumerate(self._parts(short)):
                if i:
                    t.append("  ")
                if label:
                    t.append(label, style="dim")
                t.append(value, style="bold reverse" if moved else "bold")
            if t.cell_len <= width:
                break
        rb = self.game.rulebook
        where = f"  {rb.title}, {rb.meta.city}"
        if t.cell_len + len(where) <= width:
            t.append(where, style="dim")
        return t
