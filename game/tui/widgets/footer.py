"""The key bar: Textual's Footer, rebuilt at most once per refresh and only when it changes.

Textual's Footer recomposes on every ``refresh_bindings`` (a key on the play screen sends
three), and binds each key widget to its own ``compact`` reactive, so every key widget it
ever built stays referenced by that watcher until the screen goes: a life's worth of them.
This one keeps the look and the behaviour, and neither the repeats nor the references.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    """Drop-in for :class:`textual.widgets.Footer`: same name, so the same CSS and look."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._rebuild_due = False
        self._shown: tuple | None = None

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                # Set, not bound: our footers never change ``compact`` after they are built.
                widget._reactive_connect = None
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_due:
            self._rebuild_due = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_due = False
        if not self.is_attached:  # its screen has gone since the rebuild was asked for
            return
        if self._signature() != self._shown:
            await self.recompose()
            # taken after composing: a subclass may set ``compact`` there (the key bar does, by width),
            # and a signature taken before would differ at the next key and rebuild it again
            self._shown = self._signature()

    def _signature(self) -> tuple:
        """What the bar would show: each shown binding, whether it is enabled, its tooltip."""
        return (self.compact, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE,
                tuple((b.key, b.key_display, b.description, b.action, b.group, enabled, tooltip)
                      for (_node, b, enabled, tooltip) in self.screen.active_bindings.values() if b.show))
