"""A sitting keeps only the screens it shows: what a life drew is freed when the life is over.

Two things kept widgets alive after their screen had gone: the app's theme signal (a document
view subscribed to it and never left), and a class-wide cache in Textual 8.2.8 keyed by each
widget's drawing cache (see ``game.tui.app._forget_drawn_widgets``).
"""

from __future__ import annotations

import gc
import weakref

import pytest

from game.tui.app import CitizenApp
from game.tui.screens.ending import EndingScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.doc_view import DocView


@pytest.fixture
def mini_pair(mini_scenario, mini_rulebook):
    return mini_scenario, mini_rulebook


async def test_a_life_over_leaves_nothing_of_its_play_screen(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        views = [weakref.ref(v) for v in app.screen.query(DocView)]
        caches = [weakref.ref(v._styles_cache) for v in app.screen.query(DocView)]
        assert len(views) >= 3
        for key in ("enter", "2", "enter", "2", "enter", "1", "enter", "1", "enter"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        await pilot.pause()
        gc.collect()
        assert [r for r in views if r() is not None] == []
        assert [r for r in caches if r() is not None] == []
        assert not any(isinstance(node, DocView) and not node.is_attached
                       for node in app.theme_changed_signal._subscriptions.keys())
