"""Page 6: other cities. The same decisions under each other rulebook, and where lives part."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from .base import Page, bullet_list, heading


class CitiesPage(Page):
    TITLE = "Cities"

    def compose(self) -> ComposeResult:
        rep = self.report
        yield Static(Text("The same decisions and the same luck, judged by another city's rules.",
                          style=""), classes="page-lead")
        table = Table(box=None, pad_edge=False, expand=True, show_edge=False, header_style="bold")
        table.add_column("City", ratio=3, no_wrap=True, overflow="ellipsis")
        table.add_column("Tier", ratio=3)
        table.add_column("Score", justify="right")
        table.add_column("Doors", justify="right")
        table.add_column("Same life", ratio=2, no_wrap=True)
        for c in rep.cities:
            name = Text(c.city, style="bold" if c.own else "")
            if c.own:
                name.append(" (here)", style="dim")
            same = "all of it" if c.complete else f"to {rep.unit} {c.parting_turn}"
            table.add_row(name, Text(c.tier_label), str(c.score), str(c.punishments), same)  # a label is text, never markup
        yield Static(table, id="cities-table")
        if len(rep.cities) == 1:
            yield Static(Text("No other rulebook is installed to compare with.", style="dim"), classes="group-body")
        parted = [f"{c.city}: {c.parting}." for c in rep.cities if not c.complete]
        if parted:
            yield Static(heading("Where the lives part"), classes="group-head")
            yield Static(bullet_list(parted), classes="group-body")
        gap = rep.measures["city_gap"]
        if gap.value:
            v = gap.vars
            yield Static(Text(f"Lived whole, the same life ends in {v['best_tier']} under {v['best_city']} and in "
                              f"{v['worst_tier']} under {v['worst_city']}."), classes="group-body")
        endings = {c.ending_title for c in rep.cities if c.complete and c.ending_title}
        if len(endings) > 1:
            yield Static(Text("It does not even end the same way: " + ", ".join(sorted(endings)) + "."),
                         classes="group-body")
