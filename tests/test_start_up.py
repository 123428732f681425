"""`citizen` starts without the cyclic garbage collector and gives it back (game/start_up.py).

A start makes what the process keeps (modules, classes, the stylesheet), so collecting while
it is made finds next to nothing. The tests hold the promise that makes pausing safe: the
collector runs again before any command's own work, once the game's first frame is drawn,
and when `citizen` returns, whatever happened.
"""

from __future__ import annotations

import gc

import pytest

import game.cli
from game import start_up
from game.cli import listing
from game.tui.app import CitizenApp


@pytest.fixture(autouse=True)
def collector_back():
    yield
    start_up.resume()
    gc.enable()


def test_pause_and_resume_give_back_only_what_they_took():
    start_up.pause()
    assert not gc.isenabled()
    start_up.resume()
    assert gc.isenabled()
    gc.disable()  # off for reasons of the caller's own: not turned on behind its back
    start_up.pause()
    start_up.resume()
    assert not gc.isenabled()


def test_a_command_runs_with_the_collector_and_citizen_returns_with_it(monkeypatch):
    seen: list[bool] = []

    def run(args) -> int:
        seen.append(gc.isenabled())
        return 0

    monkeypatch.setattr(listing, "run", run)
    assert game.cli.main(["list"]) == 0
    assert seen == [True]
    assert gc.isenabled()


def test_the_game_keeps_it_paused_into_its_start_and_citizen_gives_it_back_on_the_way_out(monkeypatch, tmp_path):
    monkeypatch.setenv("CITIZEN_SAVES", str(tmp_path))
    seen: list[bool] = []

    def run_app(**kwargs) -> int:
        seen.append(gc.isenabled())
        raise RuntimeError("the terminal went away")

    import game.tui.app

    monkeypatch.setattr(game.tui.app, "run_app", run_app)
    with pytest.raises(RuntimeError):
        game.cli.main([])
    assert seen == [False]  # the game's own start, paused
    assert gc.isenabled()


async def test_the_game_resumes_it_once_its_first_frame_is_drawn(tmp_path):
    start_up.pause()
    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query("KeyBar")  # the title screen is up
        assert gc.isenabled()
