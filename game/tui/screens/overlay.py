"""What the four overlays (rulebook, dossier, status, legend) share: a title line, a body
that scrolls by keyboard, a footer, and Escape (or the key that opened it) to close."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from ..widgets.key_bar import KeyBar
from ..widgets.notice_line import NoticeLine


class Overlay(Screen[None]):
    """Subclasses give ``KEY`` (the key that opens and closes it), ``heading()`` and ``body()``."""

    CSS_PATH = "overlay.tcss"
    KEY: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs) -> None:
        # before Textual's own hook, which gathers the class's bindings
        cls.BINDINGS = [Binding("escape", "close", "Back")] + (  # type: ignore[assignment]
            [Binding(cls.KEY, "close", "Back", show=False)] if cls.KEY else [])
        super().__init_subclass__(**kwargs)

    def heading(self) -> str:
        raise NotImplementedError

    def body(self) -> Widget:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield Static(Text(self.heading(), style="bold"), classes="overlay-title")
        yield self.body()
        yield NoticeLine()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(".overlay-body").focus()

    def action_close(self) -> None:
        self.dismiss()
