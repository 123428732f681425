"""Where things are: the shipped content, the JSON Schemas, the saves folder, the settings.

One module decides every location, so a source checkout and an installed wheel behave the
same way everywhere. In a checkout (``pyproject.toml`` and ``scenarios/`` beside ``game/``)
authors edit the top-level ``scenarios/`` and runs are saved in its ``saves/``. Installed,
the content and schemas are package data (``game.content``, ``game.schemas``, mapped from
the same folders at build time and read through ``importlib.resources``, see ``setup.py``) and runs go to the platform's user data
folder. Environment variables and ``--saves`` win over both.

No Textual import here: the engine-free layers (scenario, runs) use it too.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

CONTENT_ENV = "CITIZEN_CONTENT"
SAVES_ENV = "CITIZEN_SAVES"
CONFIG_ENV = "CITIZEN_CONFIG"
APP_NAME = "model-citizen"
BROWSER = "browser"  # saves/browser/<connection>/: one folder per browser connection


def source_checkout() -> Path | None:
    """The repository this package runs from, or None when it is installed."""
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and (root / "scenarios").is_dir():
        return root
    return None


def _packaged(name: str) -> Path:
    """A data folder of the installed package (wheels install unzipped, so a real folder)."""
    from importlib import resources  # only an installed game asks: 7 ms of a cold start

    return Path(str(resources.files("game").joinpath(name)))


def shipped_content() -> Path:
    """The content that ships with the game: the checkout's ``scenarios/``, or ``game.content``."""
    root = source_checkout()
    if root is not None:
        return root / "scenarios"
    return _packaged("content")


def content_root() -> Path:
    """The content folder in use: ``$CITIZEN_CONTENT`` if set, else the shipped one."""
    env = os.environ.get(CONTENT_ENV)
    return Path(env).expanduser() if env else shipped_content()


def content_why() -> str:
    """How the content folder was chosen, for ``citizen --help``."""
    return f"from {CONTENT_ENV}" if os.environ.get(CONTENT_ENV) else "shipped with the game"


def content_problem() -> str | None:
    """Why the content folder cannot be used (a message for the player), or None.

    Only a folder named by ``$CITIZEN_CONTENT`` can be wrong; the shipped one is checked by
    the test suite."""
    env = os.environ.get(CONTENT_ENV)
    if not env:
        return None
    root = Path(env).expanduser()
    if not root.exists():
        return f"{CONTENT_ENV} names {root}, which does not exist. Unset it to play the shipped content."
    if not root.is_dir():
        return f"{CONTENT_ENV} names {root}, which is a file, not a folder of scenarios and rulebooks."
    from .scenario.library import rulebooks, scenarios

    if not scenarios(root) and not rulebooks(root):
        return (f"{CONTENT_ENV} names {root}, which holds no scenarios or rulebooks "
                "(expected scenario files or folders, and rulebooks/*.toml).")
    return None


def schemas_dir() -> Path:
    """The JSON Schemas: the checkout's ``schemas/`` (written by ``citizen schema``), or ``game.schemas``."""
    root = source_checkout()
    if root is not None:
        return root / "schemas"
    return _packaged("schemas")


def authoring_doc() -> Path | None:
    """``docs/AUTHORING.md`` of the checkout (its reference part is generated); None when installed."""
    root = source_checkout()
    return root / "docs" / "AUTHORING.md" if root is not None else None


@dataclass(frozen=True)
class SavesFolder:
    path: Path
    why: str  # how it was chosen, for --help and the load screen


def saves_folder(option: str | Path | None = None) -> SavesFolder:
    """Where runs are saved: ``--saves DIR``, else ``$CITIZEN_SAVES``, else the checkout's
    ``saves/``, else the platform's user data folder. Nothing else decides this."""
    if option:
        return SavesFolder(Path(option).expanduser(), "from --saves")
    env = os.environ.get(SAVES_ENV)
    if env:
        return SavesFolder(Path(env).expanduser(), f"from {SAVES_ENV}")
    root = source_checkout()
    if root is not None:
        return SavesFolder(root / "saves", "the source checkout's saves/")
    from platformdirs import user_data_path

    return SavesFolder(user_data_path(APP_NAME, appauthor=False) / "saves", "your user data folder")


def saves_dir(option: str | Path | None = None) -> Path:
    return saves_folder(option).path


def config_dir() -> Path:
    """Where the player's settings live (the theme they chose): ``$CITIZEN_CONFIG``, else the
    platform's user config folder (``~/.config/model-citizen`` on Linux). A checkout uses it
    too: a preference belongs to the person, not to the copy of the game."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def connection_folder(saves: Path) -> Path:
    """A new folder of its own under ``saves/browser/`` for one browser connection, so two
    tabs never write the same run. Named by time first, so a listing sorts by age."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    import secrets  # a browser's folder only (it brings hashlib and random: 5 ms of a cold start)

    return Path(saves) / BROWSER / f"{stamp}-{secrets.token_hex(3)}"
