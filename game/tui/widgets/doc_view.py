"""A Static that draws words with the colours of the theme in use, and again when it changes.

Rich text carries colours as values, not as theme variables; so a widget that draws a
document keeps how to draw it (``draw(styles)``) and draws it again on a theme change, with
the styles its component classes take from the theme (``$alarm`` for ``warn``).
"""

from __future__ import annotations

from typing import Callable

from rich.console import RenderableType
from textual.visual import Visual
from textual.widget import Widget
from textual.widgets import Static

from .. import render

Draw = Callable[[render.Styles], "RenderableType | Visual"]


class DocView(Static):
    COMPONENT_CLASSES = {"doc--warn"}
    DEFAULT_CSS = """
    DocView > .doc--warn {
        color: $alarm;
        text-style: bold;
    }
    """

    def __init__(self, draw: Draw | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._draw = draw
        self._ready = False  # styles can be read from the theme once mounted
        self._stale = False  # asked to draw while not displayed (under a hidden panel)

    def on_mount(self) -> None:
        self._ready = True
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw())
        self._redraw()

    def on_unmount(self) -> None:
        # The app's signal keeps its subscribers in a weak dictionary, but the callback holds
        # this widget, so the entry never goes by itself: it kept every document view ever
        # drawn, with what it drew (three a life on the play screen, ~1,000 objects).
        self.app.theme_changed_signal.unsubscribe(self)

    def draw(self, draw: Draw) -> None:
        """Draw with ``draw(styles)`` now, and again whenever the theme changes."""
        self._draw = draw
        self._redraw()

    def doc_styles(self) -> render.Styles:
        return {**render.STYLES, "warn": self.get_component_rich_style("doc--warn", partial=True)}

    def _redraw(self) -> None:
        if self._draw is None or not self._ready:
            return
        if self._in_hidden_panel():  # the side panel at 80 columns: drawn when it is shown
            self._stale = True
            return
        self._stale = False
        self.update(self._draw(self.doc_styles()))

    def _in_hidden_panel(self) -> bool:
        """Whether a container of this view is not displayed. (Its own ``display`` is not
        asked: the play screen draws a page, then shows it.)"""
        node: object = self.parent
        while isinstance(node, Widget):
            if not node.display:
                return True
            node = node.parent
        return False

    def on_show(self) -> None:
        if self._stale:
            self._redraw()
