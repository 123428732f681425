"""Issue 15 for saves: bounded and cleaned reading, contained paths, integrity of every recorded
figure, reports that never overwrite what they must not, one writer per run, loud failures."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.runs import store
from game.runs.lock import acquire
from game.runs.session import Session
from game.runs.store import (AutoSave, ContentFinder, ContentMissing, OutOfSync, RunInUse, SaveDamaged, SaveInvalid,
                             SaveProblem, SaveTruncated, SaveUnreadable, autosave, clean_stale, create_save,
                             list_runs, open_run, read_save, rebuild, resume, take_over, write_atomic)

from test_runs_helpers import play_run

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def saved(tmp_path, mini_scenario, mini_rulebook):
    s, saver = play_run(mini_scenario, mini_rulebook, 7, [2, 2, 3, 1], tmp_path / "saves")
    saver.close()
    return saver.path


@pytest.fixture
def unfinished(tmp_path, mini_scenario, mini_rulebook):
    s, saver = play_run(mini_scenario, mini_rulebook, 8, [0], tmp_path / "saves")
    saver.close()
    return saver.path


def edit(path: Path, fn, name: str | None = None) -> Path:
    data = json.loads(path.read_text())
    fn(data)
    out = path.with_name(name) if name else path
    out.write_text(json.dumps(data, indent=1))
    return out


# --------------------------------------------------------------------------- reading


def test_bom_and_trailing_bytes(saved):
    bom = saved.with_name("bom.json")
    bom.write_bytes(b"\xef\xbb\xbf" + saved.read_bytes())
    assert read_save(bom).finished
    tail = saved.with_name("tail.json")
    tail.write_bytes(saved.read_bytes() + b"garbage")
    with pytest.raises(SaveDamaged) as got:
        read_save(tail)
    assert not isinstance(got.value, SaveTruncated)
    assert "the run is complete, but 7 more bytes follow it" in got.value.message


def test_dates_without_a_zone_or_out_of_range_never_take_the_listing_down(saved):
    naive = edit(saved, lambda d: d.__setitem__("last_played", "2026-03-02T19:31:40"), "naive.json")
    assert read_save(naive).last_played.tzinfo is not None  # read as UTC
    edit(saved, lambda d: d.__setitem__("last_played", "0001-01-01T00:00:00+14:00"), "early.json")
    edit(saved, lambda d: d.__setitem__("started", "9999-12-31T23:59:59-14:00"), "late.json")
    listing = list_runs(saved.parent)
    by = {e.path.name: e for e in listing.entries}
    assert by["naive.json"].usable and by[saved.name].usable
    assert "between the years 1900 and 9000" in by["early.json"].problem.message
    assert "between the years 1900 and 9000" in by["late.json"].problem.message
    for e in listing.entries:
        e.when.astimezone()  # every date shown can be shown


def test_special_files_and_links_in_the_saves_folder(saved, tmp_path, capsys):
    folder = saved.parent
    os.mkfifo(folder / "fifo.json")
    outside = tmp_path / "outside.json"
    shutil.copy(saved, outside)
    (folder / "link.json").symlink_to(outside)
    t = time.perf_counter()
    by = {e.path.name: e for e in list_runs(folder).entries}
    assert time.perf_counter() - t < 5  # the FIFO did not block the listing
    assert "named pipe" in by["fifo.json"].problem.message
    assert "outside" in by["link.json"].problem.message and by[saved.name].usable
    assert main(["--saves", str(folder), "replay", "fifo.json", "--text"]) == 2
    assert "named pipe (FIFO), not a regular file" in capsys.readouterr().err
    with pytest.raises(SaveUnreadable, match="outside the saves folder"):
        store.locate_save("../outside.json", folder)


def test_size_and_length_limits(saved, monkeypatch):
    huge = edit(saved, lambda d: d.__setitem__("player", "N" * 20_001), "long.json")
    with pytest.raises(SaveInvalid, match="player"):
        read_save(huge)
    monkeypatch.setattr(store, "MAX_SAVE_BYTES", 1000)
    with pytest.raises(SaveUnreadable, match="too large to be a save"):
        read_save(saved)


def test_text_in_a_save_is_cleaned_as_it_is_read(saved):
    p = edit(saved, lambda d: d.__setitem__("player", "M\x1b]0;PWNED\x07allory \u202eevil"), "p.json")
    assert read_save(p).player == "Mallory evil"


JSON_ATOMS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12)
FIELDS = ["kind", "format", "game_version", "scenario", "rulebook", "seed", "player", "started", "last_played",
          "turns", "final", "origin", "catalogue_hash"]


@st.composite
def mangled(draw, base: dict):
    data = json.loads(json.dumps(base))
    for _ in range(draw(st.integers(0, 4))):
        key = draw(st.sampled_from(FIELDS))
        data[key] = draw(JSON_ATOMS | st.sampled_from(["2026-01-01T00:00:00", "0001-01-01T00:00:00+14:00",
                                                       "9999-12-31T23:59:59-12:00", "[/]", "\x1b]8;;x\x1b\\"]))
    text = json.dumps(data)
    depth = draw(st.sampled_from([0, 0, 50, 5000]))
    if depth:
        text = text[:-1] + ', "deep": ' + "[" * depth + "]" * depth + "}"
    raw = text.encode()
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]
    if draw(st.booleans()):
        raw = raw + draw(st.binary(max_size=8))
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    return raw


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])
@given(data=st.data())
def test_reading_any_save_raises_only_save_problems(saved, data):
    base = json.loads(saved.read_text())
    p = saved.with_name("any.json")
    p.write_bytes(data.draw(mangled(base)))
    try:
        save = read_save(p)
    except SaveProblem as exc:
        assert str(exc).startswith("any.json: ")
        return
    try:
        run = open_run(p)
        rebuild(run)
    except SaveProblem:
        pass
    save.last_played.astimezone()


# --------------------------------------------------------------------------- what a save may open


@pytest.mark.parametrize("source", ["/dev/zero", "/proc/self/fd/0", "/", "/etc"])
def test_a_save_s_recorded_path_is_not_opened_outside_the_content_and_saves_folders(saved, source):
    p = edit(saved, lambda d: (d["scenario"].__setitem__("id", "nowhere"), d["scenario"].__setitem__("source", source)),
             "src.json")
    t = time.perf_counter()
    with pytest.raises(ContentMissing) as got:
        open_run(p, ContentFinder())
    assert time.perf_counter() - t < 5
    if os.path.exists(source):
        assert "not opened on the save's word" in got.value.message and "--trust" in got.value.message


def test_content_inside_the_saves_folder_or_trusted_is_found(tmp_path, mini_scenario, mini_rulebook, capsys):
    from conftest import MINI

    # content copied beside the save (inside the saves folder): opened
    saves = tmp_path / "saves"
    local = saves / "content"
    shutil.copytree(MINI, local)
    from game.scenario.loader import load_catalogue, load_rulebook, load_scenario

    lex = load_catalogue(local / "catalogue.toml")
    sc, rb = load_scenario(local / "mini.toml", lex), load_rulebook(local / "rulebooks" / "strict.toml", lex)
    s, saver = play_run(sc, rb, 4, [0, 0], saves)
    saver.close()
    assert open_run(saver.path, ContentFinder()).scenario.id == "mini"
    # the same content elsewhere, not trusted: refused; named with --trust: opened
    elsewhere = tmp_path / "elsewhere"
    shutil.move(str(local), elsewhere)
    edit(saver.path, lambda d: [d[k].__setitem__("source", str(elsewhere / v)) for k, v in
                                (("scenario", "mini.toml"), ("rulebook", "rulebooks/strict.toml"))])
    assert main(["replay", str(saver.path), "--verify"]) == 2
    assert "--trust" in capsys.readouterr().err
    assert main(["replay", str(saver.path), "--verify", "--trust", str(elsewhere)]) == 0


# --------------------------------------------------------------------------- integrity


def test_verify_covers_the_final_block_and_the_titles(saved, capsys):
    assert main(["replay", str(saved), "--verify"]) == 0
    assert "the final block included" in capsys.readouterr().out
    for field, value in (("score", 5000), ("records", 99), ("guide_followed", 3), ("title", "Rich")):
        p = edit(saved, lambda d: d["final"].__setitem__(field, value), f"edited-{field}.json")
        assert main(["replay", str(p), "--verify"]) == 1
        err = capsys.readouterr().err
        assert f"final {field}" in err and "(the file was edited?)" in err
    p = edit(saved, lambda d: d["rulebook"].__setitem__("title", "Kind City"), "edited-title.json")
    assert main(["replay", str(p), "--verify"]) == 1
    assert "rulebook title 'Strict' (saved 'Kind City')" in capsys.readouterr().err


def test_replay_text_warns_first_on_a_save_that_does_not_verify(saved, capsys):
    p = edit(saved, lambda d: d["turns"][1].__setitem__("score", d["turns"][1]["score"] + 100), "e.json")
    assert main(["replay", str(p), "--text"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("WARNING: this save does not verify: out of sync at turn 2")
    assert err.startswith("WARNING: this save does not verify")
    assert main(["replay", str(saved), "--text"]) == 0
    assert "WARNING" not in capsys.readouterr().out


async def test_the_viewer_and_the_hall_do_not_believe_an_edited_save(saved, tmp_path):
    from textual.widgets import DataTable, Static

    from game.tui.app import CitizenApp
    from game.tui.screens.replay import ReplayScreen

    p = edit(saved, lambda d: d["final"].__setitem__("score", 5000))
    app = CitizenApp(saves=saved.parent)
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(ReplayScreen(run=open_run(p)))
        await pilot.pause()
        head = str(app.screen.query_one("#replay-head", Static).render())
        assert "✗ This save does not verify" in head and "final score" in head
        assert any("does not verify" in n.message for n in app.notices)
        app.pop_screen()
        await pilot.pause()
        await pilot.press("h")
        for _ in range(40):
            await pilot.pause(0.05)
            table = app.screen.query_one("#hall", DataTable)
            if str(table.get_cell_at((0, 2))) == "✗":
                break
        assert str(table.get_cell_at((0, 2))) == "✗"  # the edited 5000 is not shown as the score


# --------------------------------------------------------------------------- reports


def test_report_output_never_replaces_a_save_a_special_file_or_a_link(saved, tmp_path, capsys):
    before = saved.read_bytes()
    assert main(["report", str(saved), "--output", str(saved)]) == 1
    assert "is a saved run" in capsys.readouterr().err and saved.read_bytes() == before
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert main(["report", str(saved), "--output", str(fifo)]) == 1
    assert fifo.is_fifo()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "link.txt").symlink_to(victim)
    assert main(["report", str(saved), "--output", str(tmp_path / "link.txt")]) == 1
    assert "symbolic link" in capsys.readouterr().err and victim.read_text() == "precious"
    assert main(["report", str(saved), "--output", str(tmp_path / "fine.md")]) == 0
    assert (tmp_path / "fine.md").read_text().startswith("# ")


def test_a_link_planted_at_a_guessable_temporary_name_is_never_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "out.txt"
    for name in (f".out.txt.{os.getpid()}.tmp", f".out.txt.{os.getpid()}.aaaaaaaa.tmp"):
        (tmp_path / name).symlink_to(victim)
    write_atomic(target, "report")
    assert target.read_text() == "report" and victim.read_text() == "precious"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp") and not p.is_symlink()]


# --------------------------------------------------------------------------- one writer per run

HOLDER = """
import sys, time
sys.path.insert(0, sys.argv[2])
from conftest import FIXTURES  # trusts the test content
from game.runs.store import open_run, resume
session, saver = resume(open_run(sys.argv[1]))
print("holding", flush=True)
time.sleep(60)
"""


def _hold(path: Path) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), str(ROOT / "tests")], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, cwd=ROOT)
    line = p.stdout.readline()
    assert line.strip() == b"holding", p.stderr.read()
    return p


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_a_second_instance_is_told_and_a_killed_one_leaves_no_stale_lock(unfinished):
    holder = _hold(unfinished)
    try:
        with pytest.raises(RunInUse) as got:
            resume(open_run(unfinished))
        assert f"process {holder.pid}" in got.value.message and "play on from a copy" in got.value.message
        assert [e.holder for e in list_runs(unfinished.parent).entries][0]["pid"] == holder.pid
        # a copy can always be made: a new file, the original untouched
        before = unfinished.read_bytes()
        session, saver = take_over(open_run(unfinished), 1, unfinished.parent)
        assert saver.path != unfinished and unfinished.read_bytes() == before
        saver.close()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    session, saver = resume(open_run(unfinished))  # kill -9 released the lock
    assert saver.lock is not None and saver.lock.held
    saver.close()


async def test_the_load_screen_offers_to_watch_or_copy_a_run_in_use(unfinished):
    from game.tui.app import CitizenApp
    from game.tui.screens.in_use import InUseDialog
    from game.tui.screens.replay import ReplayScreen

    holder = _hold(unfinished)
    try:
        app = CitizenApp(saves=unfinished.parent)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("l")
            await pilot.pause()
            assert app.screen.entries[0].holder is not None
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, InUseDialog)
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, ReplayScreen)
            await pilot.press("escape")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()
            assert type(app.screen).__name__ == "PlayScreen"
            assert app.autosaver.path != unfinished and app.autosaver.origin.turns == 1
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()


NEW_RUN = """
import sys
from datetime import datetime, timezone
from pathlib import Path
from game.runs.store import create_save
path, lock = create_save(Path(sys.argv[1]), "mini", datetime(2026, 1, 1, tzinfo=timezone.utc), 5, sys.argv[2])
print(path.name, flush=True)
"""


def test_new_runs_with_the_same_seed_in_the_same_second_never_share_a_file(tmp_path):
    folder = tmp_path / "saves"
    folder.mkdir()
    procs = [subprocess.Popen([sys.executable, "-c", NEW_RUN, str(folder), f"run {i}"], stdout=subprocess.PIPE,
                              cwd=ROOT) for i in range(6)]
    names = [p.communicate()[0].decode().strip() for p in procs]
    assert len(set(names)) == 6 and "mini-20260101-000000-5.json" in names
    assert sorted(p.read_text() for p in folder.glob("*.json")) == [f"run {i}" for i in range(6)]
    # in one process too, and a name already taken by a file or a link is skipped
    started = datetime(2026, 1, 1, tzinfo=timezone.utc)
    path, run_lock = create_save(folder, "mini", started, 5, "again")
    assert path.name == "mini-20260101-000000-5-7.json"


# --------------------------------------------------------------------------- when saving fails


def _full_disk(monkeypatch):
    def full(*a, **kw):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "fsync", full)


def test_every_unsaved_decision_is_counted_and_saving_catches_up(tmp_path, mini_scenario, mini_rulebook,
                                                                 monkeypatch):
    told = []
    saver = autosave(tmp_path / "saves", on_problem=told.append)
    s = Session(mini_scenario, mini_rulebook, 9, saver)
    s.decide(s.game.offer().choices[0].id)
    _full_disk(monkeypatch)
    counts = []
    for _ in range(2):
        s.decide([c for c in s.game.offer().choices if c.available][0].id)
        counts.append(saver.unsaved)
    assert counts == [1, 2] and len(told) == 1 and "No space left on device" in told[0]
    assert len(read_save(saver.path).turns) == 1  # the last good save is intact
    monkeypatch.undo()
    s.decide([c for c in s.game.offer().choices if c.available][0].id)
    assert saver.unsaved == 0 and len(read_save(saver.path).turns) == 4
    assert not [p for p in saver.path.parent.iterdir() if p.name.endswith(".tmp")]


def test_moving_to_another_folder_saves_the_whole_run_there(tmp_path, mini_scenario, mini_rulebook, monkeypatch):
    saver = autosave(tmp_path / "saves")
    s = Session(mini_scenario, mini_rulebook, 9, saver)
    s.decide(s.game.offer().choices[0].id)
    first = saver.path
    real = store.write_atomic
    monkeypatch.setattr(store, "write_atomic", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.EROFS, "Read-only file system")))
    s.decide([c for c in s.game.offer().choices if c.available][0].id)
    assert saver.unsaved == 1
    assert not saver.move_to(tmp_path / "saves" / "no" / "\0bad", s) and saver.path == first  # a bad folder
    monkeypatch.setattr(store, "write_atomic", real)
    assert saver.move_to(tmp_path / "elsewhere", s)
    assert saver.path.parent == tmp_path / "elsewhere" and len(read_save(saver.path).turns) == 2
    assert saver.unsaved == 0 and len(read_save(first).turns) == 1


async def test_the_status_line_marks_every_unsaved_decision_and_ctrl_s_saves_elsewhere(tmp_path, mini_scenario,
                                                                                       mini_rulebook, monkeypatch):
    from textual.widgets import Input

    from game.tui.app import CitizenApp
    from game.tui.widgets.status_bar import StatusBar

    app = CitizenApp(pair=(mini_scenario, mini_rulebook), seed=4, saves=tmp_path / "saves")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        _full_disk(monkeypatch)
        marks = []
        for _ in range(2):
            await pilot.press("g" if app.screen.offer and app.screen.offer.guide else "1")
            await pilot.pause()
            marks.append(str(app.screen.query_one(StatusBar).render()))
            await pilot.press("enter")
            await pilot.pause()
        assert marks[0].startswith("✗ 1 not saved") and marks[1].startswith("✗ 2 not saved")  # the 80-column form
        monkeypatch.undo()
        await pilot.press("ctrl+s")
        await pilot.pause()
        field = app.screen.query_one(Input)
        field.value = str(tmp_path / "elsewhere")
        await pilot.press("enter")
        await pilot.pause()
        assert app.autosaver.path.parent == tmp_path / "elsewhere"
        assert "✗" not in str(app.screen.query_one(StatusBar).render())
        assert len(read_save(app.autosaver.path).turns) == 2


def test_stale_temporary_and_lock_files_are_cleaned_up(saved):
    folder = saved.parent
    dead = 2 ** 22 + 12345  # above any pid the system hands out
    old = time.time() - 3600
    names = [f".{saved.name}.{dead}.abcdefgh.tmp", f".{saved.name}.{dead}.tmp", ".gone.json.lock"]
    for n in names:
        (folder / n).write_text("{")
        os.utime(folder / n, (old, old))
    (folder / f".{saved.name}.{dead}.fresh123.tmp").write_text("{")  # a write in progress elsewhere: kept
    (folder / ".notes.txt").write_text("mine")  # not ours: kept
    removed = clean_stale(folder)
    assert sorted(p.name for p in removed) == sorted(names)
    assert (folder / ".notes.txt").exists() and (folder / f".{saved.name}.{dead}.fresh123.tmp").exists()


def test_a_report_target_s_leftover_temporaries_are_removed_on_the_next_write(tmp_path):
    dead = 2 ** 22 + 4321
    old = time.time() - 3600
    left = tmp_path / f".out.txt.{dead}.abcdefgh.tmp"
    left.write_text("half a rep")
    os.utime(left, (old, old))
    write_atomic(tmp_path / "out.txt", "report")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_the_replay_hint_trusts_content_outside_the_content_folder(saved, capsys):
    from conftest import MINI
    from game.runs.store import replay_command

    hint = replay_command(saved, MINI / "mini.toml", MINI / "rulebooks" / "strict.toml")
    assert hint.split()[:3] == ["citizen", "replay", str(saved)]
    assert f"--trust {MINI}" in hint and f"--trust {MINI / 'rulebooks'}" in hint
    shipped = Path(__file__).resolve().parents[1] / "scenarios"
    assert replay_command(saved, shipped / "eastgate") == f"citizen replay {saved}"
    argv = hint.split()[2:] + ["--verify"]
    assert main(["replay", *argv]) == 0
