"""Snapshot tests at 80x24, fixed content and seed, in the game's own theme and in
textual-light: the title, the play screen (an event with a locked choice), the turn report,
the ending, an end page and the replay viewer.

Update the pictures with ``pytest tests/test_tui_snapshots.py --snapshot-update`` after a
deliberate change, and look at them before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.runs.session import Session
from game.runs.store import autosave, open_run
from game.scenario.loader import load_catalogue, load_rulebook, load_scenario
from game.tui.app import CitizenApp
from game.tui.screens.replay import ReplayScreen

MINI = Path(__file__).parent / "fixtures" / "mini"
THEMES = ["model-citizen", "textual-light"]


@pytest.fixture
def mini_pair():
    lex = load_catalogue(MINI / "catalogue.toml")
    return load_scenario(MINI / "mini.toml", lex), load_rulebook(MINI / "rulebooks" / "strict.toml", lex)


@pytest.fixture(params=THEMES)
def theme(request, monkeypatch):
    """Each picture in the game's theme and in a light one; the content is the mini fixture."""
    monkeypatch.setenv("TEXTUAL_THEME", request.param)
    monkeypatch.setenv("CITIZEN_CONTENT", str(MINI))
    return request.param


def keys_then_quiet(*keys: str):
    """Press keys, then clear the notifications so the picture does not depend on their timing."""

    async def run_before(pilot) -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def test_title_screen(snap_compare, theme):
    assert snap_compare(CitizenApp(seed=7), terminal_size=(80, 24), run_before=keys_then_quiet())


def test_play_screen_with_a_locked_choice(snap_compare, mini_pair, theme):
    """Week 2 after defaulting on the rent: the train is locked by the defaulters' list, and
    the player has asked for it (its reason stands out where it is)."""
    app = CitizenApp(pair=mini_pair, seed=7)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_quiet("enter", "3", "enter", "1"))


def test_report_after_a_decision(snap_compare, mini_pair, theme):
    """The report between weeks: narration, notices, the score's movement, and the restriction
    that began marked in the status line."""
    app = CitizenApp(pair=mini_pair, seed=7)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_quiet("enter", "3"))


def test_ending_screen(snap_compare, mini_pair, theme):
    app = CitizenApp(pair=mini_pair, seed=7)
    keys = ("enter", "2", "enter", "2", "enter", "1", "enter", "1", "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_quiet(*keys))


def test_end_page_numbers(snap_compare, mini_pair, theme):
    """The second end page: the score chart over the tier bands, the virtue chart beside it."""
    app = CitizenApp(pair=mini_pair, seed=7)
    keys = ("enter", "2", "enter", "2", "enter", "1", "enter", "1", "enter", "enter", "2")
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_quiet(*keys))


@pytest.fixture
def saved_run(tmp_path, mini_pair):
    scenario, rulebook = mini_pair
    saver = autosave(tmp_path)
    s = Session(scenario, rulebook, 7, saver)
    for choice in ("late", "game", "refuse", "rest"):
        s.decide(choice)
    saver.path = saver.path.rename(tmp_path / "a-saved-life.json")  # a name the picture can keep
    return saver.path


def test_replay_viewer(snap_compare, saved_run, theme):
    class ReplayApp(CitizenApp):
        def on_mount(self, event) -> None:
            event.prevent_default()
            self.push_screen(ReplayScreen(run=open_run(saved_run)))

    assert snap_compare(ReplayApp(), terminal_size=(80, 24), run_before=keys_then_quiet("right"))
