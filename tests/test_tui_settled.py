"""A key on the play screen is laid out once and drawn in one frame (screens/settled.py).

Textual lays a screen out again, a frame later, whenever a layout changes a widget's size, and
the play screen's keys change the size of the report, the choices and the scrollbar: before,
a choosing key was laid out two to four times, each drawn as a frame of its own. What is
counted here is the layouts Textual starts (the passes inside one are not), so the test says
nothing about time and fails if the screen is laid out again after its frame.
"""

from __future__ import annotations

import pytest

from game.tui.app import CitizenApp
from game.tui.screens.play import PlayScreen
from game.tui.screens.settled import SettledScreen
from game.tui.widgets.footer import BarKey


@pytest.fixture
def mini_pair(mini_scenario, mini_rulebook):
    return mini_scenario, mini_rulebook


async def test_each_key_of_a_life_is_laid_out_once(mini_pair, monkeypatch):
    started: list[str] = []
    original = SettledScreen._refresh_layout

    def counted(self, size=None, scroll=False):
        if not self._settling:
            started.append(type(self).__name__)
        return original(self, size, scroll)

    monkeypatch.setattr(SettledScreen, "_refresh_layout", counted)
    for size in ((80, 24), (130, 30)):  # the report overflows at 80x24 (a scrollbar comes), not wide
        app = CitizenApp(pair=mini_pair, seed=7)
        async with app.run_test(size=size) as pilot:
            await pilot.press("enter")  # the first event: the key bar builds its keys for choosing
            await pilot.pause()
            checked = 0
            for n, key in enumerate(("2", "enter", "2", "enter", "1", "enter", "1")):  # to the last report
                assert isinstance(app.screen, PlayScreen)
                started.clear()
                keys_before = len(app.screen.query(BarKey))
                await pilot.press(key)
                await pilot.pause()
                await pilot.pause(0.1)  # anything laid out later than the key's frame is counted too
                if len(app.screen.query(BarKey)) > keys_before:
                    continue  # an action the bar never showed on this screen: its key is mounted, laid out a frame later
                assert started == ["PlayScreen"], (size, n, key, started)
                checked += 1
            assert checked >= 5
