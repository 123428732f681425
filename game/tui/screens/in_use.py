"""Asked when a run another instance of the game is playing is opened: watch it, or copy it.

Only one instance may write a run (:mod:`game.runs.lock`). The other can still read it.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

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
            t = Text()
            t.append("This run is being played elsewhere\n\n", style="bold")
            t.append(f"{self.run_name} is open in another Model Citizen ({self.holder}). Only one can play a run, "
                     "so that neither loses the other's decisions.\n\n")
            t.append("You can watch it as it stands, or play on from a copy: a new run with the same "
                     "decisions so far, saved in its own file.")
            yield Static(t)
            yield Static(Text("w  watch · c  play on from a copy · Esc  back"), classes="hint")

    def action_answer(self, choice: str | None) -> None:
        self.dismiss(choice)
