"""What the player chose that outlives a run: the theme. A small JSON file in the user config
folder (:func:`game.places.config_dir`), written whole or not at all; a missing or damaged
file is the same as no choice."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .. import places

FILE = "settings.json"


def path() -> Path:
    return places.config_dir() / FILE


def load() -> dict:
    try:
        data = json.loads(path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_theme() -> str | None:
    theme = load().get("theme")
    return theme if isinstance(theme, str) and theme else None


def remember_theme(name: str) -> str | None:
    """Keep ``name`` for the next run; the problem in words if it cannot be written, else None."""
    data = load()
    if data.get("theme") == name:
        return None
    data["theme"] = name
    target = path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=2)
                f.write("\n")
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"The theme could not be remembered in {target}: {exc.strerror or exc}."
    return None
