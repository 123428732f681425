"""`citizen play --dev`: file changes are noticed, the scenario reloads, the run is relived,
and bad content keeps the old run with the errors to show."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from game.authoring.devreload import Watcher, reload
from game.runs.session import Session
from game.scenario.loader import load_catalogue, load_rulebook, load_scenario

HERE = Path(__file__).parent / "fixtures" / "playtest"


@pytest.fixture
def content(tmp_path):
    shutil.copy(HERE / "catalogue.toml", tmp_path / "catalogue.toml")
    (tmp_path / "rulebooks").mkdir()
    shutil.copy(HERE / "rulebooks" / "plain.toml", tmp_path / "rulebooks" / "plain.toml")
    shutil.copy(HERE / "unreachable.toml", tmp_path / "life.toml")
    return tmp_path


def _session(root: Path) -> Session:
    lex = load_catalogue(root / "catalogue.toml")
    sc = load_scenario(root / "life.toml", lex)
    return Session(sc, load_rulebook(root / "rulebooks" / "plain.toml", lex), seed=3)


def _touch(path: Path, text: str) -> None:
    st = path.stat()
    path.write_text(text)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))  # a visibly later mtime


def test_watcher_sees_edits_once(content):
    s = _session(content)
    w = Watcher.for_session(s)
    assert not w.changed()
    _touch(content / "life.toml", (content / "life.toml").read_text() + "\n")
    assert w.changed()
    assert not w.changed()
    _touch(content / "catalogue.toml", (content / "catalogue.toml").read_text() + "\n")
    assert w.changed()


def test_reload_keeps_the_run_and_shows_the_edit(content):
    s = _session(content)
    s.decide("pay")
    s.decide("visit")
    w = Watcher.for_session(s)
    life = content / "life.toml"
    _touch(life, life.read_text().replace('text = "The rent is due."', 'text = "The rent is due again."'))
    assert w.changed()
    got = reload(w, s)
    assert got.ok and got.parting is None and got.relived == got.recorded == 2
    assert got.session.game.turn == 3 and got.session.seed == s.seed
    assert got.session.game.offer().text == "The rent is due again."
    assert [d.choice for d in got.session.decisions] == ["pay", "visit"]
    assert "all 2 decisions relived" in got.summary()


def test_bad_edit_keeps_the_old_run_and_reports_positioned_errors(content):
    s = _session(content)
    s.decide("game")
    w = Watcher.for_session(s)
    life = content / "life.toml"
    good = life.read_text()
    _touch(life, good.replace('when = "score > 100000"', 'when = "scor > 100000"'))
    got = reload(w, s)
    assert not got.ok and got.session is None
    (d,) = [d for d in got.errors if d.severity == "error"]
    assert d.code == "E021" and d.file.endswith("life.toml") and "did you mean 'score'" in d.message
    assert "last version that loaded" in got.summary()
    assert s.game.turn == 2  # the old run is untouched
    _touch(life, good)
    assert w.changed()
    assert reload(w, s).ok


def test_removed_choice_parts_the_lives_and_says_where(content):
    s = _session(content)
    s.decide("pay")
    s.decide("game")
    s.decide("pay")
    w = Watcher.for_session(s)
    life = content / "life.toml"
    text = life.read_text()
    cut = text.index('[[event.choice]]\nid = "game"')
    end = text.index("[[event.choice]]", cut + 5)
    _touch(life, text[:cut] + text[end:])
    got = reload(w, s)
    assert got.ok and got.relived == 1 and got.recorded == 3
    assert got.parting is not None and got.parting.turn == 2
    assert got.parting.kind == "not_offered" and "not one this event offers" in got.summary()
    assert "1 of 3 decisions still apply" in got.summary()


async def test_the_app_reloads_in_dev_mode_and_keeps_the_run(content):
    from game.tui.app import CitizenApp

    s = _session(content)
    app = CitizenApp(pair=(s.scenario, s.rulebook), seed=3, dev=True)
    life = content / "life.toml"
    good = life.read_text()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # past the opening
        await pilot.press("1")  # pay the rent
        await pilot.press("enter")  # past the report, to turn 2
        await pilot.pause(0.7)  # the watcher starts watching this run
        first = app.session
        assert [d.choice for d in first.decisions] == ["pay"]
        _touch(life, good.replace('text = "The rent is due."', 'text = "The rent is due, again."'))
        await pilot.pause(1.2)
        assert app.session is not first and [d.choice for d in app.session.decisions] == ["pay"]
        assert app.session.game.turn == 2
        assert app.session.game.offer().text == "The rent is due, again."
        assert getattr(app.screen, "phase", None) == "event"  # straight back to the current event
        kept = app.session
        _touch(life, good.replace('when = "score > 100000"', 'when = "scor > 100000"'))
        await pilot.pause(1.2)
        assert app.session is kept  # a broken edit keeps the run
        titles = [n.title for n in app.notices]
        assert "Scenario not reloaded" in titles and "Scenario reloaded" in titles
