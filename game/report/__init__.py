"""The run report outside the engine: composing it with its texts, and exporting it.

:func:`compose` is what shells call: it builds the engine's report, adds the epithet and the
reflections, and lives the run again under the other shipped rulebooks
(:func:`game.scenario.library.other_rulebooks`; in :mod:`.full`,
loaded on first use: the title screen needs only :mod:`.menus`, and the start is quicker
without the content models).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .full import compose

__all__ = ["compose"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import full

        return getattr(full, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
