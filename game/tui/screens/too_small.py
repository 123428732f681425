"""Shown instead of the game while the terminal is smaller than the game can be played in.

It says how big the terminal must be and how big it is; it goes away by itself when the
window grows, and the screen beneath is as it was.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widgets import Static

from ...report.menus import too_small as words

#: The smallest terminal every screen is laid out for (columns, lines).
MIN_WIDTH, MIN_HEIGHT = 60, 20


def too_small(width: int, height: int) -> bool:
    return width < MIN_WIDTH or height < MIN_HEIGHT


def message(width: int, height: int) -> Text:
    heading, body = words(width, height, MIN_WIDTH, MIN_HEIGHT)
    t = Text(heading, style="bold")
    t.append(f"\n\n{body}")
    t.append("\n\nq quits", style="bold")
    return t


class TooSmall(ModalScreen[None]):
    DEFAULT_CSS = """
    TooSmall {
        background: $background;
        padding: 0 1;
    }
    TooSmall #too-small {
        width: 1fr;
        height: auto;
    }
    """
    BINDINGS = [Binding("q", "app.request_quit", "Quit", show=False)]

    def compose(self) -> ComposeResult:
        yield Static(message(*self.app.size), id="too-small")

    def on_resize(self) -> None:
        self.query_one("#too-small", Static).update(message(*self.app.size))
