"""Asked for another folder when the run cannot be saved where it is (a full disk, a read-only
folder, a folder that went away). The run is saved there as a new file from then on."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from .. import render
from ...report import menus
from .dialog import Dialog


def suggested_folder() -> Path:
    return Path.home() / "model-citizen-saves"


class SaveElsewhereDialog(Dialog[Path | None]):
    """Dismissed with the folder typed, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, problem: str, unsaved: int) -> None:
        super().__init__()
        self.problem = problem
        self.unsaved = unsaved

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(render.text(menus.save_elsewhere(self.problem, self.unsaved)))
            yield Input(value=str(suggested_folder()), id="folder-input")
            yield Static(Text("Enter saves there · Escape cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = event.value.strip()
        self.dismiss(Path(value).expanduser() if value else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
