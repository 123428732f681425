"""The choice every event offers when all its own choices are locked: no player is ever stuck.

Its id is not a valid content id, so it can never clash with an authored choice; saves record
it like any other choice.
"""

from __future__ import annotations

from functools import cache

from ..scenario.content import CompiledChoice
from ..scenario.models import Choice, Effects

#: The choice's id.
PASS = "_pass"


@cache
def pass_choice(unit: str = "week") -> CompiledChoice:
    """The choice itself (one per calendar unit, shared: read it, never change it)."""
    return CompiledChoice(Choice.model_construct(
        id=PASS, text=f"Let the {unit} go by", show_if=None, enable_if=None, locked_reason="",
        needs=[], behaviours=[], context={}, effects=Effects(), then=None,
        outcome=f"Nothing you could do was open to you. The {unit} goes by anyway."), None, None)
