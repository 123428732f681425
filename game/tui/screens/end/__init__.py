"""The end screens: a finished life, paged. One module per page; :class:`EndScreens` holds them.

1 the ending and the citizen's epithet · 2 the life in numbers · 3 what the system saw and
what it missed · 4 punished everywhere · 5 reflection · 6 other cities. Everything shown comes
from the engine's :class:`~game.report.run.RunReport`; nothing here decides anything.
"""

from __future__ import annotations

from .screens import PAGES, EndScreens

__all__ = ["EndScreens", "PAGES"]
