"""No key is lost between screens.

A key pressed while a screen is being built (pushed but not yet mounted and drawn), or while
a dialog's answer is on its way to whoever asked, would otherwise land on the screen being
left, or on nothing. Such keys wait here and are then handled, in the order they were
pressed, by the screen that is ready. Nothing waits longer than :data:`LIMIT` seconds, so a
screen that never settles cannot swallow the keyboard.
"""

from __future__ import annotations

import asyncio
from time import monotonic
from typing import TYPE_CHECKING, Any, Awaitable

from textual import events

if TYPE_CHECKING:  # pragma: no cover
    from textual.app import App

LIMIT = 2.0  # seconds


class KeyHold:
    def __init__(self, app: "App") -> None:
        self.app = app
        self.pending = 0  # screens being built, answers on their way
        self.held: list[events.Key] = []
        self._since: float | None = None
        self._tasks: set[asyncio.Task] = set()
        self._flushing = False

    # ------------------------------------------------------------------ waiting

    def busy(self) -> bool:
        """True while a key would not reach a ready screen."""
        if self.pending > 0:
            return True
        try:
            screen = self.app.screen
        except Exception:
            return True
        return screen.id == "_default" or not screen.is_mounted

    def begin(self) -> None:
        self.pending += 1

    def end(self) -> None:
        self.pending = max(0, self.pending - 1)
        if self.pending == 0:
            self.app.call_after_refresh(self.flush)

    def until(self, ready: Awaitable[Any]) -> None:
        """Hold keys until ``ready`` (a screen's mounting) is done and the screen is drawn."""
        self.begin()

        async def settle() -> None:
            try:
                await ready
            except Exception:  # a screen that failed to build: its error is reported elsewhere
                pass
            finally:
                self.end()

        task = asyncio.get_running_loop().create_task(settle())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # ------------------------------------------------------------------ keys

    def take(self, event: events.Key) -> bool:
        """Keep ``event`` for later if it cannot be handled now (True), else let it pass."""
        if not self.held and not self.busy():
            return False
        if self.held and self._since is not None and monotonic() - self._since > LIMIT:
            self.pending = 0  # something never settled: hand the keys over rather than lose them
        self.held.append(events.Key(event.key, event.character))
        if self._since is None:
            self._since = monotonic()
            self.app.set_timer(LIMIT + 0.1, self._expire)
        event.stop()
        event.prevent_default()
        if not self.busy():
            self.app.call_after_refresh(self.flush)
        return True

    def _expire(self) -> None:
        if self.held and self._since is not None and monotonic() - self._since >= LIMIT:
            self.pending = 0
            self.app.call_after_refresh(self.flush)

    async def flush(self) -> None:
        """Hand the held keys, oldest first, to the screen that is ready; stop as soon as one
        of them starts building another screen (the rest wait for that one)."""
        if self._flushing:
            return
        self._flushing = True
        try:
            while self.held and not self.busy():
                key = self.held.pop(0)
                await self.app._on_held_key(key)  # type: ignore[attr-defined]
        finally:
            self._flushing = False
            if not self.held:
                self._since = None
