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
                await pilot.press(key)
                await pilot.pause()
                await pilot.pause(0.1)  # anything laid out later than the key's frame is counted too
                # (a key that shows an action for the first time on this screen too: its key
                # widget is mounted and placed in the same layout; see Footer.refresh)
                assert started == ["PlayScreen"], (size, n, key, started)
                checked += 1
            assert checked >= 5


async def test_a_report_that_scrolls_is_wrapped_at_one_width(tmp_path):
    """The main panel keeps room for its scrollbar: a report long enough to scroll was wrapped
    at the full width, then again beside the scrollbar that appeared (a second layout pass)."""
    from game.scenario.library import open_rulebook, open_scenario
    from game.tui.drawn_once import DrawnOnce
    from game.tui.widgets.turn_report import TurnReport

    sc = open_scenario("eastgate")
    app = CitizenApp(pair=(sc, open_rulebook("points_city", sc.lexicon)), seed=7, saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        scrolled = 0
        while scrolled < 3 and isinstance(app.screen, PlayScreen):
            screen = app.screen
            if screen.phase != "event":
                await pilot.press("enter")
                await pilot.pause()
                continue
            first_open = next(i for i, c in enumerate(screen.offer.choices, 1) if c.lock is None)
            await pilot.press(str(first_open))
            await pilot.pause()
            if screen.query_one("#main").max_scroll_y == 0:
                continue  # a report that fits: the case the gutter is for is one that scrolls
            scrolled += 1
            report = screen.query_one(TurnReport)
            visual = report._render()
            assert isinstance(visual, DrawnOnce)
            assert {width for width, _style in visual._drawn} == {report.content_region.width}
        assert scrolled == 3


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_key_bar_keeps_its_form_from_page_to_page(mini_pair, size):
    """At 80 columns the event's keys need the packed form and the report's would fit spaced;
    at 60 the event's need short labels too. The bar keeps the event's form and words on the
    report (it re-spaced itself, every key drawn again, on every page, and "Rules" became
    "Rulebook"), and keys that stay on the bar are not drawn again. A resize lets it choose
    afresh."""
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")  # the first event
        await pilot.pause()
        bar = app.screen.query_one("KeyBar")
        shown = {w.action: w for w in bar.query(BarKey) if w.display}
        assert all(w.compact for w in shown.values())
        words = {action: w.description for action, w in shown.items()}
        if size == (60, 20):
            assert words["rulebook"] == "Rules"  # the case this size is here for
        drawn = {action: w.render() for action, w in shown.items()}
        await pilot.press("2")  # its report
        await pilot.pause()
        on_report = [w for w in bar.query(BarKey) if w.display]
        assert on_report and all(w.compact for w in on_report)
        kept = [w for w in on_report if w.action in drawn]
        assert kept and all(w.description == words[w.action] for w in kept)
        assert all(w.render() is drawn[w.action] for w in kept)
        await pilot.resize_terminal(200, 24)
        await pilot.pause()
        await pilot.pause(0.1)
        assert not any(w.compact for w in bar.query(BarKey) if w.display)  # room for the spaced form again
        assert all(w.description == "Rulebook" for w in bar.query(BarKey) if w.action == "rulebook")


async def test_a_bar_key_is_drawn_again_when_its_look_changes(mini_pair):
    """A key's drawing is kept between layouts; a new theme (or any restyle) draws it again."""
    app = CitizenApp(pair=mini_pair, seed=7, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        key = next(w for w in app.screen.query(BarKey) if w.display)
        first = key.render()
        assert key.render() is first
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        again = key.render()
        assert again is not first
        assert again.plain == first.plain
        assert again.spans != first.spans  # the new theme's colours
        key.set_class(True, "-disabled")  # a restyle the key's own state does not show: dimmed by the CSS
        await pilot.pause()
        dimmed = key.render()
        assert dimmed is not again and dimmed.spans != again.spans


async def test_a_new_screen_is_drawn_once_with_its_keys(mini_pair, monkeypatch):
    """The ending, which replaces the play screen, is laid out and drawn in one frame, with
    its key bar's keys in it. Before, Textual drew it three times: the bar was rebuilt after
    the first frame (its keys were not known when it was composed), and the screen was laid
    out and drawn again as its widgets finished mounting and as the old screen was put away."""
    from game.tui.screens.ending import EndingScreen
    from game.tui.widgets.footer import Footer

    rebuilt: list[int] = []
    original = Footer.recompose

    async def counted(self):
        rebuilt.append(1)
        return await original(self)

    monkeypatch.setattr(Footer, "recompose", counted)
    app = CitizenApp(pair=mini_pair, seed=7)
    frames: list[tuple[str, int]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        display = app._display

        def spied(screen, renderable):
            if renderable is not None:
                frames.append((type(screen).__name__, len(screen.query(BarKey))))
            return display(screen, renderable)

        app._display = spied
        for key in ("enter", "2", "enter", "2", "enter", "1", "enter", "1"):  # to the last report
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause(0.1)
        assert app.session.game.finished
        frames.clear()
        rebuilt.clear()
        await pilot.press("enter")  # the ending
        await pilot.pause()
        await pilot.pause(0.2)  # a frame drawn later than the first is counted too
        assert isinstance(app.screen, EndingScreen)
        assert [name for name, _keys in frames] == ["EndingScreen"]
        assert frames[0][1] >= 5  # the keys, in that one frame
        assert rebuilt == []
