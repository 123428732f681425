"""Screens by name, so the app switches screens without importing them all.

Another module adds its own screen with :func:`register` (a load screen, a replay viewer);
the app opens any of them with ``app.show(name, ...)`` or ``app.overlay(name, ...)``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from textual.screen import Screen

SCREENS: dict[str, str] = {
    "title": "game.tui.screens.title:TitleScreen",
    "play": "game.tui.screens.play:PlayScreen",
    "ending": "game.tui.screens.ending:EndingScreen",
    "rulebook": "game.tui.screens.rulebook:RulebookScreen",
    "dossier": "game.tui.screens.dossier:DossierScreen",
    "status": "game.tui.screens.status:StatusScreen",
    "help": "game.tui.screens.help:HelpScreen",
    "confirm_quit": "game.tui.screens.confirm_quit:ConfirmQuit",
}


def register(name: str, target: str) -> None:
    """Name a screen class, as ``"package.module:Class"``."""
    SCREENS[name] = target


def make(name: str, **kwargs: Any) -> Screen:
    module, _, cls = SCREENS[name].partition(":")
    return getattr(import_module(module), cls)(**kwargs)
