"""The end screens and the hall of records, headless: paging at 80x24, the keys, snapshots.

Update the pictures with ``pytest tests/test_report_tui.py --snapshot-update`` after a
deliberate change, and look at them before committing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import ContentSwitcher, DataTable

from game.report import compose
from game.runs.session import Session
from game.runs.store import autosave
from game.scenario.loader import load_rulebook
from game.tui.app import CitizenApp
from game.tui.screens.end import PAGES, EndScreens
from game.tui.screens.hall import HallScreen

MINI = Path(__file__).parent / "fixtures" / "mini"
CHOICES = ["late", "game", "refuse", "rest"]  # a life with three doors shut by one record


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture(scope="module")
def cities(tmp_path_factory, mini_lexicon):
    """Two other cities for the mini life: one lenient about late rent, one that pays rent badly."""
    strict = (MINI / "rulebooks" / "strict.toml").read_text()
    folder = tmp_path_factory.mktemp("cities")
    out = {}
    for rid, city, pairs in (("lenient", "Easytown", [("points = -60", "points = 0")]),
                             ("harsh", "Hardtown", [("behaviour = \"pay_rent\"\npoints = 5",
                                                     "behaviour = \"pay_rent\"\npoints = -100")])):
        text = strict.replace('id = "strict"', f'id = "{rid}"').replace('city = "Minitown"', f'city = "{city}"')
        for old, new in pairs:
            text = text.replace(old, new)
        (folder / f"{rid}.toml").write_text(text)
        out[rid] = load_rulebook(folder / f"{rid}.toml", mini_lexicon)
    return out


@pytest.fixture
def finished(tmp_path, mini_scenario, mini_rulebook):
    """A finished mini life, saved in tmp/saves."""
    saver = autosave(tmp_path / "saves")
    s = Session(mini_scenario, mini_rulebook, 1, saver)
    for c in CHOICES:
        s.decide(c)
    assert s.game.finished
    return s, saver


class EndApp(CitizenApp):
    """The app opened straight on the end screens of a session."""

    def __init__(self, session, saver, others, **kw):
        super().__init__(saves=saver.path.parent if saver else None, **kw)
        self._end = (session, saver, others)

    def on_mount(self, event) -> None:
        event.prevent_default()
        session, saver, others = self._end
        self.session, self.autosaver, self.pair = session, saver, (session.scenario, session.rulebook)
        self.push_screen(EndScreens(report=compose(session.game, session.decisions, others), session=session))


# ----------------------------------------------------------------- paging


async def test_pilot_pages_through_every_end_screen_at_80x24(finished, cities):
    session, saver = finished
    app = EndApp(session, saver, cities)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EndScreens)
        expected = [
            [f"Test Person, {screen.report.epithet}", "Plain (week 4 of 4)", "Metric-gaming index"],
            ["Score, as the system kept it", "Virtue, which it never saw", "Score 1000 → 885"],
            ["Metric-gaming index: 0/100", "The forks (1)", 'you chose "Pay it late"'],
            ["Score fidelity: 1 right, 0 silent, 1 wrong", "Got the wrong way round (1)",
             'Week 1, "Rent day": Pay it late'],
            ["2 records brought", "closed three doors", "Rail tickets (Mini Rail Office)", "Doors you found shut"],
            [screen.report.reflections[0].text[:40]],
            ["Minitown (here)", "Easytown", "Hardtown", "Same life", "all of it"],
        ]
        for i, words in enumerate(expected):
            assert screen.query_one(ContentSwitcher).current == f"page-{i + 1}"
            text = screen_text(app)
            assert f" {i + 1} {PAGES[i]} " in text.splitlines()[0]
            for w in words:
                assert w in text, (i + 1, w)
            assert len(text.splitlines()) == 24 and all(len(line) <= 80 for line in text.splitlines())
            await pilot.press("right")
            await pilot.pause()
        assert screen.query_one(ContentSwitcher).current == "page-1"  # wraps round
        await pilot.press("left")
        await pilot.pause()
        assert screen.query_one(ContentSwitcher).current == "page-7"
        await pilot.press("3")
        await pilot.pause()
        assert screen.query_one(ContentSwitcher).current == "page-3"
        # a long page scrolls by keyboard
        page = screen.query_one("#page-3")
        assert app.focused is page
        await pilot.press("pagedown")
        await pilot.pause()


async def test_every_page_fits_a_wide_terminal(finished, cities):
    session, saver = finished
    app = EndApp(session, saver, cities)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        for i in range(len(PAGES)):
            await pilot.press(str(i + 1))
            await pilot.pause()
            lines = screen_text(app).splitlines()
            assert len(lines) == 50 and all(len(line) <= 160 for line in lines)


async def test_w_writes_the_report_and_says_where(finished, cities):
    session, saver = finished
    app = EndApp(session, saver, cities)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        path = saver.path.with_suffix(".txt")
        assert path.exists() and path.read_text().startswith("MODEL CITIZEN - RUN REPORT")
        assert any(str(path) in n.message for n in app.notices)


async def test_v_opens_the_replay_viewer_and_a_starts_again(finished, cities):
    from game.tui.screens.play import PlayScreen
    from game.tui.screens.replay import ReplayScreen

    session, saver = finished
    app = EndApp(session, saver, cities)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EndScreens)
        await pilot.press("a")  # asks which city, the same one highlighted
        await pilot.pause()
        assert "Live it again from the first day: Mini" in screen_text(app) and "Minitown · Strict  (as before)" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.session is not session
        assert app.session.rulebook is session.rulebook


# ----------------------------------------------------------------- the hall of records


class HallApp(CitizenApp):
    """The app opened straight on the hall of records."""

    def on_mount(self, event) -> None:
        event.prevent_default()
        self.push_screen(HallScreen())


@pytest.fixture
def hall_saves(tmp_path, mini_scenario, mini_rulebook):
    d = tmp_path / "saves"
    runs = []
    for i, choices in enumerate((["pay", "call", "drop_ana", "rest"], CHOICES, ["pay", "call"])):
        saver = autosave(d)
        s = Session(mini_scenario, mini_rulebook, 10 + i, saver)
        for c in choices:
            s.decide(c)
        data = json.loads(saver.path.read_text())
        data["last_played"] = f"2024-01-0{i + 1}T00:00:00Z"  # newest: the last one
        saver.path.write_text(json.dumps(data))
        runs.append(saver.path)
    return d, runs


async def test_hall_lists_finished_runs_newest_first_with_epithets(hall_saves):
    d, (first, second, unfinished) = hall_saves

    app = HallApp(saves=d)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HallScreen)
        assert [e.path for e in screen.entries] == [second, first]  # newest first; the unfinished one left out
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = screen_text(app)
        assert "Test Person, the Private" in text and "Test Person, the Well-Connected" in text
        assert text.index("the Private") < text.index("the Well-Connected")
        assert "Plain" in text and "885" in text
        assert "1 other saved run is unfinished" in text
        table = screen.query_one(DataTable)
        table.move_cursor(row=1)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EndScreens)
        assert app.screen.report.epithet == "the Well-Connected"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HallScreen)


async def test_hall_with_no_finished_runs_says_so(tmp_path):
    app = HallApp(saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No finished lives yet" in screen_text(app)


# ----------------------------------------------------------------- snapshots


def _quiet(*keys: str):
    async def run_before(pilot) -> None:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before


@pytest.fixture
def snapshot_app(mini_scenario, mini_rulebook, cities):
    s = Session(mini_scenario, mini_rulebook, 1)
    for c in CHOICES:
        s.decide(c)
    return lambda: EndApp(s, None, cities)


@pytest.mark.parametrize("page", range(1, len(PAGES) + 1))
def test_end_screen_snapshot(snap_compare, snapshot_app, page):
    assert snap_compare(snapshot_app(), terminal_size=(80, 24), run_before=_quiet(str(page)))


# ----------------------------------------------------------------- reached by playing


async def test_from_the_ending_screen_enter_opens_the_end_screens(mini_scenario, mini_rulebook):
    from game.tui.screens.ending import EndingScreen

    app = CitizenApp(pair=(mini_scenario, mini_rulebook), seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("enter", "2", "enter", "2", "enter", "1", "enter", "1", "enter"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert "What it meant" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EndScreens) and screen.session is app.session
        for i in range(len(PAGES)):
            assert screen.query_one(ContentSwitcher).current == f"page-{i + 1}"
            await pilot.press("right")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)


async def test_title_h_opens_the_hall(tmp_path):
    from game.tui.screens.title import TitleScreen

    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen) and "Hall of records" in screen_text(app)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HallScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
