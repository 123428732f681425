"""The choice every event offers when all its own choices are locked: no player is ever stuck.

Its id is not a valid content id, so it can never clash with an authored choice; saves record
it like any other choice. Its words (what it says, what follows) are the words package's
(:mod:`game.report.notices`), which knows the calendar's unit.
"""

from __future__ import annotations

from functools import cache

from ..scenario.content import CompiledChoice
from ..scenario.models import Choice, Effects

#: The choice's id.
PASS = "_pass"


@cache
def pass_choice() -> CompiledChoice:
    """The pass as a choice: it does nothing (made once, shared: read it, never change it)."""
    return CompiledChoice(Choice.model_construct(
        id=PASS, text="", show_if=None, enable_if=None, locked_reason="",
        needs=[], behaviours=[], context={}, effects=Effects(), then=None, outcome=""), None, None)
