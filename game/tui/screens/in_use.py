"""Asked when a run another instance of the game is playing is opened: watch it, or copy it.

Only one instance may write a run (:mod:`game.runs.lock`). The other can still read it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from .. import render
from ...report import menus
from .dialog import Dialog


class InUseDialog(Dialog[str | None]):
    """Dismissed with "watch", "copy" or None."""

    BINDINGS = [Binding("w,r", "answer('watch')", "Watch"), Binding("c", "answer('copy')", "Copy"),
                Binding("escape,n", "answer(None)", "Back", show=False)]

    def __init__(self, name: str, holder: str) -> None:
        super().__init__()
        self.run_name = name
        self.holder = holder

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(render.text(menus.in_use(self.run_name, self.holder)))
            yield Static(Text("w  watch · c  play on from a copy · Esc  back"), classes="hint")

    def action_answer(self, choice: str | None) -> None:
        self.dismiss(choice)
