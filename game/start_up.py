"""A start without CPython's cyclic garbage collector.

What a start makes (modules, classes, Textual's stylesheet, the title screen) lives as long as
the process: collecting while it is made finds next to nothing (about a thousand unreachable
objects by the title screen's first frame) and was 3% of the instructions a start executes
(``benchmarks/instructions.py``). So ``citizen`` pauses the collector as it begins, and it
runs again once the start is done: the TUI resumes it once its first frame is drawn (see
``game.tui.app``), every other command before its own work begins, and ``citizen`` itself on
its way out, whatever happened.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    """No cyclic collection until :func:`resume` (if the collector is on at all)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """The collector as it was before :func:`pause`; nothing if it was not paused here."""
    global _paused
    if _paused:
        _paused = False
        gc.enable()
