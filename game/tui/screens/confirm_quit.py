"""Asked before leaving the game: y leaves, n or Escape stays, t goes back to the title screen
(mid-life there was no other way back). It says what quitting keeps."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from ...report.menus import Saving, quit_detail as words
from ..widgets.key_bar import KeyBar
from .dialog import Dialog


def quit_detail(session: Any, autosaver: Any) -> str:
    """What quitting now keeps, from what the autosave has done (not what it hopes to do)."""
    if session is None:
        return words(living=False, decisions=0, unit="", finished=False, saving="off")
    failing = getattr(autosaver, "failing", None) if hasattr(autosaver, "failing") \
        else getattr(autosaver, "problem", None)
    saving: Saving = "off" if autosaver is None else ("failing" if failing else "ok")
    return words(living=True, decisions=len(session.decisions), unit=session.scenario.calendar.unit,
                 finished=session.game.finished, saving=saving, problem=str(failing or ""))


#: The answer that means "back to the title screen" (True quits, False stays).
TITLE = "title"


class ConfirmQuit(Dialog["bool | str"]):
    CSS_PATH = "confirm_quit.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes, quit"),
        Binding("t", "answer('title')", "Title screen"),
        Binding("n", "answer(False)", "No, stay"),
        Binding("escape", "answer(False)", "Stay", show=False),
        Binding("q", "answer(False)", show=False),
    ]

    def __init__(self, detail: str = "", title: bool = False) -> None:
        """``title``: offer the title screen too (not when it is the screen being left)."""
        super().__init__()
        self.detail = detail
        self.offer_title = title

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters == (TITLE,):
            return self.offer_title
        return True

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("Quit Model Citizen?", id="question")
            yield Static(Text(self.detail or words(living=False, decisions=0, unit="", finished=False,
                                                   saving="off")), id="detail")
            yield Static("y  quit · t  title screen · n  stay" if self.offer_title else "y  quit · n  stay",
                         id="keys")
        yield KeyBar()

    def action_answer(self, answer: bool | str) -> None:
        if answer == TITLE and not self.offer_title:
            return
        self.dismiss(answer)
