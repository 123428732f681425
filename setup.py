"""Packaging that pyproject.toml cannot say: the shipped content travels inside the package.

The repository keeps one copy of the content, the top-level ``scenarios/`` (and ``schemas/``),
which authors edit. A wheel carries them as ``game/content/`` and ``game/schemas/`` through
this mapping; ``game.places`` finds them with ``importlib.resources`` once installed, and
finds the top-level folders directly in a source checkout (an editable install).
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["game", "game.*"]), "game.content", "game.schemas"],
    package_dir={"game.content": "scenarios", "game.schemas": "schemas"},
    package_data={
        "game": ["**/*.tcss", "report/texts/*.toml"],
        "game.content": ["**/*.toml"],
        "game.schemas": ["*.schema.json"],
    },
)
