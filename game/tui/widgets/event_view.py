"""The turn's event: when it is, its title, and the situation in the narration's voice."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class EventView(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="event-title")
        yield Static(id="event-text")

    def show(self, title: str, text: str, when: str = "") -> None:
        head = Text()
        if when:
            head.append(f"{when} · ", style="dim")
        head.append(title, style="bold")
        self.query_one("#event-title", Static).update(head)
        self.query_one("#event-text", Static).update(Text(text.strip()))
