"""The load screen and the replay viewer, driven headless with Pilot."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console
from textual.widgets import DataTable, Input, Static

from game.runs.store import read_save
from game.tui.app import CitizenApp
from game.tui.screens.load import LoadScreen
from game.tui.screens.replay import ReplayScreen
from game.runs.store import open_run
from test_runs_helpers import other_rulebook, play_run

SIZE = (130, 44)


def _text(widget: Static) -> str:
    """What a Static shows, as plain text (Text or any Rich renderable)."""
    console = Console(width=120, file=io.StringIO(), record=True)
    console.print(widget.content)
    return console.export_text()


@pytest.fixture
def saves(tmp_path, mini_scenario, mini_rulebook):
    d = tmp_path / "saves"
    finished, fa = play_run(mini_scenario, mini_rulebook, 2, [0, 0, 0, 0], d)  # pays, takes the train
    unfinished, ua = play_run(mini_scenario, mini_rulebook, 3, [1, 1], d)
    # make the order certain: the unfinished run was played last
    data = json.loads(fa.path.read_text())
    data["last_played"] = "2020-01-01T00:00:00Z"
    fa.path.write_text(json.dumps(data))
    (d / "broken.json").write_text('{"kind": "model-citizen-run", "format": 1, "sce')
    (d / "zzz-newer.json").write_text(json.dumps(dict(data, format=7, game_version="3.0.0")))
    return d, (finished, fa.path), (unfinished, ua.path)


async def test_title_l_opens_load_screen_listing_newest_first_with_bad_files(saves):
    d, (_, fpath), (_, upath) = saves
    app = CitizenApp(saves=d)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LoadScreen)
        good = [e.path for e in screen.entries if e.usable]
        assert good == [upath, fpath]
        labels = {e.path.name: e.problem.label for e in screen.entries if not e.usable}
        assert labels == {"broken.json": "truncated", "zzz-newer.json": "newer format"}
        table = screen.query_one("#runs", DataTable)
        assert table.row_count == 4
        # highlight the newer-format file: its message names the version that can open it
        row = [e.path.name for e in screen.entries].index("zzz-newer.json")
        table.move_cursor(row=row)
        await pilot.pause()
        assert "Model Citizen 3.0.0 or later" in _text(screen.query_one("#load-detail", Static))
        await pilot.press("enter")  # refuses with a message; nothing breaks
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "TitleScreen"


async def _resume(app, pilot, d, upath) -> None:
    """From the load screen, Enter on the unfinished run."""
    app.push_screen(LoadScreen(saves_dir=d))
    await pilot.pause()
    screen = app.screen
    screen.query_one("#runs", DataTable).move_cursor(row=[e.path for e in screen.entries].index(upath))
    await pilot.press("enter")
    await pilot.pause()


async def test_enter_resumes_an_unfinished_run_where_it_stopped_and_keeps_saving(saves):
    d, _, (unfinished, upath) = saves
    app = CitizenApp(saves=d)
    async with app.run_test(size=SIZE) as pilot:
        await _resume(app, pilot, d, upath)
        assert app.screen.__class__.__name__ == "PlayScreen"
        assert app.session.game.state.checksum() == unfinished.game.state.checksum()
        choice = next(c for c in app.session.game.offer().choices if c.available)
        app.session.decide(choice.id)
        await pilot.pause()  # the autosave is made once the frame showing the decision is drawn
        assert len(read_save(upath).turns) == len(unfinished.decisions) + 1
        assert len(list(d.glob("mini-*.json"))) == 2  # the same file, not a new one


async def test_a_decision_is_saved_after_its_frame_and_never_lost_by_leaving_at_once(saves):
    """The autosave waits for the frame that shows the decision; quitting before that frame
    (or going to another screen, life or the title: App.flush_save) makes it first."""
    d, _, (unfinished, upath) = saves
    app = CitizenApp(saves=d)
    async with app.run_test(size=SIZE) as pilot:
        await _resume(app, pilot, d, upath)
        before = len(read_save(upath).turns)
        for _ in range(2):  # two decisions before any frame: one save holds both, in order
            choice = next(c for c in app.session.game.offer().choices if c.available)
            app.session.decide(choice.id)
        assert len(read_save(upath).turns) == before  # not yet: the frame comes first
        decisions = [t.choice for t in app.session.decisions]
        app.exit()  # quitting before the frame
        turns = read_save(upath).turns
        assert [t.choice for t in turns] == decisions and len(turns) == before + 2


async def test_replay_viewer_steps_jumps_plays_and_shows_locks(tmp_path, mini_scenario, mini_rulebook):
    s, saver = play_run(mini_scenario, mini_rulebook, 7, [2, 1, 3, 1], tmp_path)  # default, then games
    run = open_run(saver.path)
    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ReplayScreen(run=run))
        await pilot.pause()
        v = app.screen
        assert isinstance(v, ReplayScreen) and v.index == 0
        await pilot.press("right")
        await pilot.pause()
        detail = _text(v.query_one("#replay-turn", Static))
        assert v.index == 1 and "Your mother" in detail
        assert "Take the train" in detail and "refused under Defaulters list" in detail  # locked, with its reason
        assert "← chosen" in detail and "Why the score moved" in detail
        await pilot.press("left")
        await pilot.pause()
        assert v.index == 0
        await pilot.press("end")
        await pilot.pause()
        assert v.index == len(s.decisions) and "The end" in _text(v.query_one("#replay-turn", Static))
        await pilot.press("home")
        await pilot.pause()
        assert v.index == 0
        await pilot.press("j")
        await pilot.pause()
        app.screen.query_one(Input).cursor_blink = False
        await pilot.press("3", "enter")
        await pilot.pause()
        assert app.screen is v and v.timeline.rows[v.index].turn == 3
        await pilot.press("home", "space")
        assert v.playing
        await pilot.press("plus")
        assert v.timer is not None and abs(v.timer._interval - 1.5 / 2.0) < 1e-9
        v._tick()
        assert v.index == 1
        await pilot.press("space")
        assert not v.playing and v.index == 1
        for _ in range(5):
            await pilot.press("plus")
        await pilot.press("space")
        await pilot.pause(0.6)  # 8x: a turn every 0.19 s, really played by the timer
        assert v.index > 1
        await pilot.press("end")
        await pilot.pause(0.3)
        assert not v.playing  # playing stops at the end
        await pilot.press("minus")
        assert "paused" in _text(v.query_one("#replay-status", Static))


async def test_viewer_relives_the_run_under_another_rulebook(tmp_path, mini_scenario, mini_rulebook, monkeypatch):
    s, saver = play_run(mini_scenario, mini_rulebook, 2, [0, 0, 0, 0], tmp_path)  # the train in turn 2
    rb_path = other_rulebook(tmp_path)
    from game.scenario import library
    from game.scenario.library import Entry

    monkeypatch.setattr("game.tui.screens.replay.rulebooks",
                        lambda: [Entry("rulebook", "open_city", "Open City", rb_path)])
    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ReplayScreen(run=open_run(saver.path)))
        await pilot.pause()
        v = app.screen
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert v.comparison is not None and v.comparison.parting.turn == 2
        await pilot.press("right")
        await pilot.pause()
        detail = _text(v.query_one("#replay-turn", Static))
        assert "The lives part in week 2" in detail and "Travel restriction" in detail
        assert "As far as it goes" in detail
        assert "B · Othertown · Open City" in detail  # the other life named by its city first
        assert "comparing with Othertown" in _text(v.query_one("#replay-status", Static))
        await pilot.press("o")
        await pilot.pause()
        await pilot.press("enter")  # "Back to this run alone"
        await pilot.pause()
        assert v.comparison is None


async def test_take_over_from_the_viewer_starts_a_new_run_keeping_the_prefix(tmp_path, mini_scenario, mini_rulebook):
    s, saver = play_run(mini_scenario, mini_rulebook, 21, [0, 1, 0, 0], tmp_path)
    before = saver.path.read_bytes()
    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ReplayScreen(run=open_run(saver.path)))
        await pilot.pause()
        await pilot.press("right", "right", "t")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "PlayScreen"
        assert app.session.decisions == s.decisions[:2]
        new = app.autosaver.path
        assert new != saver.path and read_save(new).origin.turns == 2
        app.session.decide(next(c for c in app.session.game.offer().choices if c.available).id)
        await pilot.pause()  # saved once the frame showing the decision is drawn
        assert len(read_save(new).turns) == 3
    assert saver.path.read_bytes() == before


async def test_cli_viewer_app_opens_on_the_replay(tmp_path, mini_scenario, mini_rulebook, monkeypatch):
    s, saver = play_run(mini_scenario, mini_rulebook, 5, [0, 0], tmp_path)
    captured = {}

    from game.tui.screens import replay as replay_mod

    def fake_run(self, *a, **kw):
        captured["app"] = self

    monkeypatch.setattr("textual.app.App.run", fake_run)
    assert replay_mod.run_viewer(open_run(saver.path), saves=tmp_path, turn=2) == 0
    app = captured["app"]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ReplayScreen)
        assert app.screen.timeline.rows[app.screen.index].turn == 2
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
