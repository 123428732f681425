"""Page 5: reflection. A handful of short texts chosen by what happened, read like a letter."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from .base import Page


class ReflectionPage(Page):
    TITLE = "Reflection"

    def compose(self) -> ComposeResult:
        with Vertical(id="letter"):
            if not self.report.reflections:
                yield Static(Text("Nothing in this life stood out to the system, or against it.", style="dim"))
            for r in self.report.reflections:
                yield Static(Text(r.text), classes="reflection")
