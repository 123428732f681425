"""Full garbage collections made between keys, not inside them.

CPython collects its oldest generation when enough younger collections have piled up, at
whatever allocation tips it over: on the play screen that walked every object the life holds,
25-30 ms, inside about one key in twelve, and those were the slowest keys a player waited for.
While the app runs, the oldest generation is not collected on its own: the app collects it a
moment after a key has been answered and drawn, once CPython would have considered one due
(as many middle-generation collections as its own threshold). The two young generations are
collected as before, inside keys: a millisecond or two. A slow timer collects as well, for a
player who uses the mouse or leaves the game open, so the heap is never left to grow.

One per app; the thresholds are put back when the last app holding them closes (a test process
runs many apps, and could run two at once).
"""

from __future__ import annotations

import gc

#: Seconds after a key's frame before a due collection (a key pressed meanwhile goes first).
AFTER = 0.05
#: Seconds between the slow timer's looks.
EVERY = 5.0
#: Threshold that keeps CPython from collecting the oldest generation on its own.
NEVER = 2**31 - 1


#: CPython's thresholds while some app holds them, and how many apps do (a test or a host may
#: run two at once: the last to close gives them back).
_saved: tuple[int, int, int] | None = None
_holders = 0


class Collector:
    def __init__(self) -> None:
        self._holding = False

    def hold(self) -> None:
        """From now on the oldest generation waits for :meth:`collect`."""
        global _saved, _holders
        if self._holding:
            return
        self._holding = True
        _holders += 1
        if _holders == 1:
            _saved = gc.get_threshold()
            young, middle, _oldest = _saved
            gc.set_threshold(young, middle, NEVER)

    def release(self) -> None:
        """CPython's own thresholds again, once no other app holds them."""
        global _saved, _holders
        if not self._holding:
            return
        self._holding = False
        _holders -= 1
        if _holders == 0 and _saved is not None:
            gc.set_threshold(*_saved)
            _saved = None

    def due(self) -> bool:
        """A full collection is due: as many middle collections since the last as CPython's
        threshold for the oldest (10 by default)."""
        return self._holding and _saved is not None and gc.get_count()[2] >= _saved[2]

    def collect(self) -> int:
        """Collect every generation if a full collection is due; what was freed."""
        return gc.collect() if self.due() else 0
