"""Snapshot tests: the play screen and the ending screen at 80x24, fixed content and seed.

Update the pictures with ``pytest tests/test_tui_snapshots.py --snapshot-update`` after a
deliberate change, and look at them before committing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import load_catalogue, load_rulebook, load_scenario
from game.tui.app import CitizenApp

MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def mini_pair():
    lex = load_catalogue(MINI / "catalogue.toml")
    return load_scenario(MINI / "mini.toml", lex), load_rulebook(MINI / "rulebooks" / "strict.toml", lex)


def keys_then_quiet(*keys: str):
    """Press keys, then clear the notifications so the picture does not depend on their timing."""

    async def run_before(pilot) -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


def test_play_screen_with_a_locked_choice(snap_compare, mini_pair):
    """Week 2 after defaulting on the rent: the train is locked by the defaulters' list."""
    app = CitizenApp(pair=mini_pair, seed=7)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_quiet("enter", "3", "enter"))


def test_report_after_a_decision(snap_compare, mini_pair):
    """The report between weeks: narration, notices, the score's movement."""
    app = CitizenApp(pair=mini_pair, seed=7)
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_quiet("enter", "3"))


def test_ending_screen(snap_compare, mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    keys = ("enter", "2", "enter", "2", "enter", "1", "enter", "1", "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_quiet(*keys))
