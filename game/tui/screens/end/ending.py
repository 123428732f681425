"""Page 1: how the life ended, and who the citizen was, in one epithet."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ....report.epithet import styled
from ....report.document import ending_line, signed
from .base import Page


class EndingPage(Page):
    TITLE = "Ending"

    def compose(self) -> ComposeResult:
        rep = self.report
        yield Static(Text(styled(rep), style="bold"), id="end-epithet")
        yield Static(Text(f"{rep.scenario_title} · {rep.rulebook_title}, {rep.city}", style="dim"),
                     classes="end-sub")
        yield Static(Text(ending_line(rep), style="bold"), id="end-title")
        yield Static(Text(rep.ending_text.strip() or "The life goes on without you watching."), id="end-text")
        t = Text()
        t.append("Score ", style="dim")
        t.append(f"{rep.score}", style="bold")
        t.append(f" ({rep.tier_label})", style="")
        t.append("   Virtue index ", style="dim")
        t.append(signed(rep.virtue_index), style="bold")
        t.append("   Metric-gaming index ", style="dim")
        t.append(f"{rep.gaming_index}", style="bold")
        t.append("/100", style="dim")
        yield Static(t, id="end-figures")
