"""The citizen as the system sees them: score, tier, money, resources, restrictions, privileges."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from ...engine.game import Game
from ..wording import indented, privilege_lines, restriction_lines


class StatusPanel(Static):
    def show(self, game: Game) -> None:
        s = game.state
        top = Text()

        def row(label: str, value: str) -> None:
            top.append(f"{label:<9}", style="dim")
            top.append(f"{value}\n", style="bold")

        row("Score", str(s.score))
        row("Tier", f"{s.tier} · {game.judge.tier_label(s.tier)}")
        row("Money", str(s.money))
        for k, v in s.resources.items():
            row(k.capitalize(), str(v))
        row("Week", f"{s.turn} of {game.scenario.calendar.turns}")
        top.rstrip()
        out: list[RenderableType] = [top]

        def heading(text: str) -> None:
            out.append(Text(f"\n{text}", style="bold underline"))

        heading("Sanctions and blacklists")
        active = s.active_restrictions()
        if not active:
            out.append(Text("None in force.", style="dim"))
        for r in active:
            out.extend(restriction_lines(game, r))

        heading("Privileges")
        if not s.privileges:
            out.append(Text("None held.", style="dim"))
        for pid in s.privileges:
            out.extend(privilege_lines(game, pid))

        heading("Your circle")
        people = [p for p in game.scenario.citizen.contacts if s.contacts.get(p.id, {}).get("kept")]
        if not people:
            out.append(Text("No one.", style="dim"))
        for p in people:
            line = Text(f"{p.name}  ")
            line.append(f"score {s.contacts[p.id]['score']}", style="bold")
            out.append(line)
            if p.relation:
                out.append(indented(Text(p.relation, style="dim")))
        self.update(Group(*out))
