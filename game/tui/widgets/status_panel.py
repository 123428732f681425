"""The citizen as the system sees them: score, tier, money, resources, restrictions, privileges."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...engine.game import Game
from ..wording import privilege_lines, restriction_lines


class StatusPanel(Static):
    def show(self, game: Game) -> None:
        s = game.state
        t = Text()

        def row(label: str, value: str) -> None:
            t.append(f"{label:<9}", style="dim")
            t.append(f"{value}\n", style="bold")

        row("Score", str(s.score))
        row("Tier", f"{s.tier} · {game.judge.tier_label(s.tier)}")
        row("Money", str(s.money))
        for k, v in s.resources.items():
            row(k.capitalize(), str(v))
        row("Week", f"{s.turn} of {game.scenario.calendar.turns}")

        t.append("\nSanctions and blacklists\n", style="bold underline")
        active = s.active_restrictions()
        if not active:
            t.append("None in force.\n", style="dim")
        for r in active:
            for line in restriction_lines(game, r):
                t.append_text(line)
                t.append("\n")

        t.append("\nPrivileges\n", style="bold underline")
        if not s.privileges:
            t.append("None held.\n", style="dim")
        for pid in s.privileges:
            for line in privilege_lines(game, pid):
                t.append_text(line)
                t.append("\n")

        people = [p for p in game.scenario.citizen.contacts if s.contacts.get(p.id, {}).get("kept")]
        t.append("\nYour circle\n", style="bold underline")
        if not people:
            t.append("No one.\n", style="dim")
        for p in people:
            rel = f", {p.relation}" if p.relation else ""
            t.append(f"{p.name}{rel}: ")
            t.append(f"score {s.contacts[p.id]['score']}\n", style="bold")
        t.rstrip()
        self.update(t)
