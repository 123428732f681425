"""What the game's small questions (quit? take over? which city? which turn?) share.

A dialog's answer reaches whoever asked a moment after the dialog has gone; a key pressed in
that moment belongs to whatever the answer opens, so keys wait until the answer has been
acted on (see :mod:`game.tui.key_hold`). The box fits any terminal the game supports.
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

T = TypeVar("T")


class Dialog(ModalScreen[T]):
    DEFAULT_CSS = """
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    Dialog > #dialog {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    Dialog .hint {
        margin: 1 0 0 0;
        color: $text-muted;
    }
    """

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        keys = getattr(self.app, "keys", None)
        callbacks = self._result_callbacks
        requester = callbacks[-1].requester if callbacks else None
        if keys is None or requester is None:
            return super().dismiss(result)
        keys.begin()
        done = super().dismiss(result)
        requester.call_next(keys.end)  # after the answer's own callback, queued just before
        return done
