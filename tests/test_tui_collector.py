"""Full garbage collections wait until a key has been answered and drawn (game/tui/collector.py).

CPython's full collection walked every object of the life, 25-30 ms, inside about one key in
twelve. While the app runs the oldest generation is collected by the app, after a key's frame.
The tests count collections and frames; none times anything.
"""

from __future__ import annotations

import gc
import time

import pytest

from game.tui.app import CitizenApp
from game.tui.collector import NEVER, Collector


@pytest.fixture
def mini_pair(mini_scenario, mini_rulebook):
    return mini_scenario, mini_rulebook


def _make_one_due(collector: Collector) -> None:
    """Each collection of the middle generation counts one towards the oldest's."""
    while not collector.due():
        gc.collect(1)


def test_a_collector_holds_and_gives_back_the_thresholds():
    before = gc.get_threshold()
    c = Collector()
    c.hold()
    try:
        assert gc.get_threshold() == (before[0], before[1], NEVER)
        _make_one_due(c)
        assert gc.get_count()[2] >= before[2]
        c.collect()
        assert not c.due()
        assert gc.get_count()[2] == 0
    finally:
        c.release()
    assert gc.get_threshold() == before
    assert not c.due()  # released: CPython decides again


async def test_a_full_collection_comes_after_the_keys_frame(mini_pair):
    before = gc.get_threshold()
    frames: list[float] = []
    full: list[float] = []

    def seen(phase, info):
        if phase == "start" and info["generation"] == 2:
            full.append(time.perf_counter())

    app = CitizenApp(pair=mini_pair, seed=7)
    display = app._display

    def stamped(screen, renderable):
        if renderable is not None:
            frames.append(time.perf_counter())
        return display(screen, renderable)

    app._display = stamped
    gc.callbacks.append(seen)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("enter")
            await pilot.pause()
            assert gc.get_threshold()[2] == NEVER  # held while the app runs
            _make_one_due(app.collector)
            full.clear()
            frames.clear()
            await pilot.press("2")  # a choice: its report is drawn, then the collection is made
            await pilot.pause(0.3)
            assert frames and len(full) == 1, (frames, full)
            assert full[0] > frames[0]
            assert not app.collector.due()
    finally:
        gc.callbacks.remove(seen)
    assert gc.get_threshold() == before  # given back when the app closed


def test_two_apps_holding_at_once_give_the_thresholds_back_when_the_last_closes():
    before = gc.get_threshold()
    first, second = Collector(), Collector()
    first.hold()
    second.hold()
    first.release()
    assert gc.get_threshold()[2] == NEVER  # the second still holds them
    assert second.due() == (gc.get_count()[2] >= before[2])
    second.release()
    assert gc.get_threshold() == before
