"""Page 4: punished everywhere. Each record, and every door it closed, for how long."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ....report.document import doors_met, punished
from .base import Page, bullet_list, heading


class PunishedPage(Page):
    TITLE = "Punished"

    def compose(self) -> ComposeResult:
        rep = self.report
        wrongs = rep.wrongs()
        total = int(rep.m("punishments"))
        t = Text()
        if wrongs:
            t.append(f"{len(wrongs)} record{'s' if len(wrongs) != 1 else ''} closed or raised the price of ")
            t.append(f"{total} door{'s' if total != 1 else ''}", style="bold")
            t.append(". The most for a single record: ")
            t.append(f"{wrongs[0].punishments}", style="bold")
            t.append(".")
        else:
            t.append("No record closed a door in this life.")
        yield Static(t, classes="page-lead")
        for head, doors in punished(rep):
            yield Static(heading(head), classes="group-head")
            yield Static(bullet_list(doors), classes="group-body")
        met = doors_met(rep)
        yield Static(heading(f"Doors you found shut ({len(met)})"), classes="group-head")
        yield Static(bullet_list(met, "You never found a door shut."), classes="group-body")
