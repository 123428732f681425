"""The app's screens, one module each. Screens open each other by class (typed), through
:meth:`CitizenApp.show` (replace) and :meth:`CitizenApp.overlay` (open on top); there is no
registry of names. :func:`citizen_app` gives a screen the app with those methods typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import App

if TYPE_CHECKING:  # pragma: no cover
    from ..app import CitizenApp


def citizen_app(app: App) -> "CitizenApp":
    """The running app, as the game's own (every screen runs inside a :class:`CitizenApp`)."""
    return cast("CitizenApp", app)
