"""Shared fixtures: the small test content in tests/fixtures/mini, and the shipped content."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.library import content_root
from game.scenario.loader import load_catalogue, load_rulebook, load_scenario
from game.scenario.safe_files import trust

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"

# Saves made from the test content record paths under tests/fixtures, outside the content and
# saves folders: the tests name it, as a player would with `citizen play PATH` or `--trust`.
trust(FIXTURES)


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory, monkeypatch):
    """Tests never read or write the player's own settings (the theme they chose); each
    test starts with none, so every app opens in the game's own theme."""
    monkeypatch.setenv("CITIZEN_CONFIG", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("TEXTUAL_THEME", raising=False)


@pytest.fixture(scope="session")
def mini_lexicon():
    return load_catalogue(MINI / "catalogue.toml")


@pytest.fixture(scope="session")
def mini_scenario(mini_lexicon):
    return load_scenario(MINI / "mini.toml", mini_lexicon)


@pytest.fixture(scope="session")
def mini_rulebook(mini_lexicon):
    return load_rulebook(MINI / "rulebooks" / "strict.toml", mini_lexicon)


@pytest.fixture(scope="session")
def shipped_lexicon():
    return load_catalogue(content_root() / "catalogue.toml")


@pytest.fixture(scope="session")
def shipped_scenario(shipped_lexicon):
    return load_scenario(content_root() / "eastgate", shipped_lexicon)


@pytest.fixture(scope="session")
def shipped_rulebooks(shipped_lexicon):
    folder = content_root() / "rulebooks"
    return {p.stem: load_rulebook(p, shipped_lexicon) for p in sorted(folder.glob("*.toml"))}


@pytest.fixture
def variant(tmp_path, mini_lexicon):
    """The mini strict rulebook with replace(old, new) pairs applied and TOML appended."""

    def make(*pairs: tuple[str, str], extra: str = "", name: str = ""):
        return load_rulebook(edited(MINI / "rulebooks" / "strict.toml", tmp_path, pairs, extra, f"rb{name}"), mini_lexicon)

    return make


def edited(source: Path, folder: Path, pairs: tuple[tuple[str, str], ...], extra: str = "", stem: str = "") -> Path:
    """A copy of ``source`` in ``folder`` with replace(old, new) pairs applied (each must be
    found) and TOML appended."""
    text = source.read_text()
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    p = folder / f"{stem}{abs(hash((pairs, extra, stem)))}.toml"
    p.write_text(text + extra)
    return p
