"""Save files: the format, atomic autosave, crashes, and every kind of bad file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.cli import main
from game.runs import store
from game.runs.save import FORMAT, KIND, SaveFile
from game.runs.store import (
    AutoSave,
    ContentChanged,
    ContentMissing,
    OutOfSync,
    SaveDamaged,
    SaveForeign,
    SaveInvalid,
    SaveProblem,
    SaveTooNew,
    SaveTruncated,
    list_runs,
    open_run,
    read_save,
    rebuild,
    resume,
    write_atomic,
)
from test_runs_helpers import MINI, play_run


@pytest.fixture
def saved(tmp_path, mini_scenario, mini_rulebook):
    """A finished mini run saved in tmp_path/saves."""
    s, saver = play_run(mini_scenario, mini_rulebook, 7, [2, 2, 3, 1], tmp_path / "saves")
    assert s.game.finished
    return saver.path


# --------------------------------------------------------------------------- format


def test_autosave_writes_one_file_per_run_after_every_decision(tmp_path, mini_scenario, mini_rulebook):
    saves = tmp_path / "saves"
    s, saver = play_run(mini_scenario, mini_rulebook, 3, [0], saves)
    assert [p.name for p in saves.iterdir() if not p.name.endswith(".lock")] == [saver.path.name]
    assert saver.path.name.startswith("mini-") and saver.path.name.endswith("-3.json")
    assert len(read_save(saver.path).turns) == 1
    s.decide(s.game.offer().choices[1].id)
    save = read_save(saver.path)
    assert len(save.turns) == 2 and saver.saves == 2
    # rewritten, no temp files left (the lock beside it is held while the run is played)
    assert [p.name for p in saves.iterdir() if not p.name.endswith(".lock")] == [saver.path.name]


def test_save_file_holds_what_the_issue_asks(saved):
    data = json.loads(saved.read_text())
    assert data["kind"] == KIND and data["format"] == FORMAT == 3
    assert set(data) >= {"game_version", "scenario", "rulebook", "seed", "player", "started", "last_played", "turns", "final"}
    assert set(data["scenario"]) >= {"id", "version", "content_hash"}
    assert set(data["rulebook"]) >= {"id", "content_hash"}
    t = data["turns"][0]
    assert set(t) >= {"turn", "event", "choice", "followed_guide", "checksum"}
    assert data["final"]["ending"] and "score" in data["final"] and "tier" in data["final"]
    assert data["player"] == "Test Person"


def test_unknown_fields_are_refused(saved, tmp_path):
    data = json.loads(saved.read_text())
    data["surprise"] = 1
    p = tmp_path / "x.json"
    p.write_text(json.dumps(data))
    with pytest.raises(SaveInvalid, match="surprise"):
        read_save(p)


def test_unfinished_run_resumes_exactly_where_it_stopped(tmp_path, mini_scenario, mini_rulebook):
    s, saver = play_run(mini_scenario, mini_rulebook, 11, [1, 0], tmp_path)
    run = open_run(saver.path)
    assert not run.save.finished and run.save.turn == s.game.turn
    again, saver2 = resume(run)
    assert again.game.state.checksum() == s.game.state.checksum()
    assert again.game.offer() == s.game.offer()
    assert saver2.path == saver.path
    again.decide(again.game.offer().choices[0].id)  # goes on saving into the same file
    assert len(read_save(saver.path).turns) == 3
    assert len(list(tmp_path.glob("*.json"))) == 1


# --------------------------------------------------------------------------- crashes


def test_failure_during_write_leaves_previous_save_intact(saved, monkeypatch):
    before = saved.read_bytes()

    def crash(fd):
        raise KeyboardInterrupt  # the process dies between writing and renaming

    monkeypatch.setattr(store.os, "fsync", crash)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(saved, '{"kind": "model-citizen-run", "format": 1, "scen')
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert read_save(saved).finished
    assert [p.name for p in saved.parent.iterdir() if not p.name.endswith(".lock")] == [saved.name]


def test_failed_rename_keeps_old_save_and_autosave_reports_once(tmp_path, mini_scenario, mini_rulebook, monkeypatch):
    s, saver = play_run(mini_scenario, mini_rulebook, 5, [0], tmp_path)
    messages = []
    saver.on_problem = messages.append
    good = saver.path.read_bytes()

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", refuse)
    s.decide(s.game.offer().choices[0].id)
    s.decide(s.game.offer().choices[0].id)
    assert len(messages) == 1 and "No space left" in messages[0] and "goes on" in messages[0]
    assert saver.path.read_bytes() == good
    monkeypatch.undo()
    s.decide(s.game.offer().choices[0].id)  # saving works again: the file catches up
    assert len(read_save(saver.path).turns) == 4


def test_unwritable_directory_is_reported_once_and_the_game_goes_on(tmp_path, mini_scenario, mini_rulebook):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the saves folder should be")
    messages = []
    saver = AutoSave(blocker / "saves", on_problem=messages.append)
    from game.runs.session import Session

    s = Session(mini_scenario, mini_rulebook, 1, saver)
    while not s.game.finished:
        s.decide(next(c for c in s.game.offer().choices if c.available).id)
    assert len(messages) == 1 and "Cannot save" in messages[0]
    assert saver.failures == len(s.decisions) and saver.saves == 0


CRASHER = r"""
import sys, time
from pathlib import Path
from game.runs.store import write_atomic
path, payload_a, payload_b = Path(sys.argv[1]), Path(sys.argv[2]).read_text(), Path(sys.argv[3]).read_text()
print("ready", flush=True)
i = 0
while True:
    write_atomic(path, payload_a if i % 2 else payload_b)
    i += 1
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killing_the_process_mid_save_never_damages_the_save(saved, tmp_path):
    """A real crash: kill -9 a process rewriting the save in a loop, at random moments."""
    a = saved.read_text()
    data = json.loads(a)
    data["turns"] = data["turns"][:2]
    data["final"] = None
    b_path = tmp_path / "b.txt"
    b_path.write_text(json.dumps(data, indent=1) * 1 + "\n")
    a_path = tmp_path / "a.txt"
    a_path.write_text(a)
    for k in range(4):
        p = subprocess.Popen([sys.executable, "-c", CRASHER, str(saved), str(a_path), str(b_path)],
                             stdout=subprocess.PIPE, cwd=Path(__file__).parents[1])
        assert p.stdout.readline().strip() == b"ready"
        time.sleep(0.02 + 0.013 * k)
        p.send_signal(signal.SIGKILL)
        p.wait()
        save = read_save(saved)  # never raises: the old or the new content, whole
        assert len(save.turns) in (2, 4)
    assert len(list_runs(saved.parent).entries) == 1  # stray temp files are not listed


# --------------------------------------------------------------------------- bad files


def _write(folder: Path, name: str, content: bytes | str) -> Path:
    p = folder / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode())
    return p


def bad_files(folder: Path, good: Path) -> dict[str, tuple[Path, type, str]]:
    text = good.read_text()
    data = json.loads(text)
    newer = dict(data, format=FORMAT + 1, game_version="9.0.0")
    wrong_type = dict(data, seed="seven")
    bad_turn = json.loads(text)
    bad_turn["turns"][1]["turn"] = 1
    return {
        "empty": (_write(folder, "empty.json", ""), SaveTruncated, "empty"),
        "truncated": (_write(folder, "truncated.json", text[: len(text) // 2]), SaveTruncated, "truncated"),
        "garbage": (_write(folder, "garbage.json", text.replace('"turns"', '"turns" oops', 1)), SaveDamaged, "not valid JSON at line"),
        "binary": (_write(folder, "binary.json", b"\xff\xfe\x00garbage"), SaveDamaged, "not text"),
        "foreign list": (_write(folder, "list.json", "[1, 2, 3]"), SaveForeign, "not a Model Citizen save"),
        "foreign object": (_write(folder, "package.json", '{"name": "left-pad", "version": "1.0.0"}'), SaveForeign, "not a Model Citizen save"),
        "newer": (_write(folder, "newer.json", json.dumps(newer)), SaveTooNew, "Model Citizen 9.0.0 or later"),
        "wrong type": (_write(folder, "wrongtype.json", json.dumps(wrong_type)), SaveInvalid, "seed"),
        "bad order": (_write(folder, "order.json", json.dumps(bad_turn)), SaveInvalid, "decision 2 is for turn 1"),
    }


def test_each_kind_of_damaged_file_gets_its_message(saved, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    for label, (path, kind, words) in bad_files(folder, saved).items():
        with pytest.raises(kind) as info:
            read_save(path)
        msg = str(info.value)
        assert words in msg, (label, msg)
        assert msg.startswith(path.name), (label, msg)
        assert "Traceback" not in msg


def test_format_zero_or_nonsense_format_is_refused(saved, tmp_path):
    data = json.loads(saved.read_text())
    p = _write(tmp_path, "zero.json", json.dumps(dict(data, format=0)))
    with pytest.raises(SaveInvalid, match="format 0"):
        read_save(p)
    p = _write(tmp_path, "str.json", json.dumps(dict(data, format="one")))
    with pytest.raises(SaveInvalid, match="format"):
        read_save(p)


def test_older_formats_are_migrated(saved, tmp_path, monkeypatch):
    """The migration chain runs on read (exercised with a pretend format 0)."""
    data = json.loads(saved.read_text())
    old = dict(data, format=0)
    old["player_name"] = old.pop("player")
    p = _write(tmp_path, "old.json", json.dumps(old))

    def zero_to_one(d):
        d = dict(d)
        d["player"] = d.pop("player_name")
        return d

    monkeypatch.setitem(store.MIGRATIONS, 0, zero_to_one)
    monkeypatch.setitem(store.MIGRATIONS, 1, dict)
    monkeypatch.setitem(store.MIGRATIONS, 2, dict)
    monkeypatch.delitem(store.REFUSED, 1)
    monkeypatch.delitem(store.REFUSED, 2)
    save = read_save(p)
    assert save.player == data["player"] and save.format == FORMAT


@pytest.mark.parametrize("old, why", [
    (1, "Format 2 changed the chance draws and the checksum"),
    (2, "Format 3 changed the chance draws again (draw version 3)"),
])
def test_a_format_whose_draws_differ_is_refused(saved, tmp_path, capsys, old, why):
    """A run of that format would rebuild another life, so it is refused with a reason, in
    the listing and on the command line."""
    data = json.loads(saved.read_text())
    p = _write(tmp_path, f"v{old}.json", json.dumps(dict(data, format=old)))
    with pytest.raises(store.SaveTooOld) as info:
        read_save(p)
    msg = str(info.value)
    assert msg.startswith(f"v{old}.json: was saved in save format {old}") and "chance draws" in msg
    assert main(["replay", str(p), "--verify"]) == 2
    err = capsys.readouterr().err
    assert f"save format {old}" in err and "Traceback" not in err


def test_changed_scenario_or_rulebook_is_refused_by_name(saved, tmp_path):
    content = tmp_path / "content"
    (content / "rulebooks").mkdir(parents=True)
    for name in ("catalogue.toml", "mini.toml"):
        (content / name).write_text((MINI / name).read_text())
    (content / "rulebooks" / "strict.toml").write_text((MINI / "rulebooks" / "strict.toml").read_text())
    data = json.loads(saved.read_text())
    data["scenario"]["source"] = str(content / "mini.toml")
    data["rulebook"]["source"] = str(content / "rulebooks" / "strict.toml")
    p = _write(tmp_path, "moved.json", json.dumps(data))
    assert open_run(p).scenario.id == "mini"  # same bytes, same hash: fine

    (content / "rulebooks" / "strict.toml").write_text((MINI / "rulebooks" / "strict.toml").read_text().replace("points = -60", "points = -61"))
    with pytest.raises(ContentChanged, match="the rulebook 'strict' has changed since this run was saved"):
        open_run(p)
    (content / "mini.toml").write_text((MINI / "mini.toml").read_text().replace("Nothing happens.", "Nothing at all."))
    with pytest.raises(ContentChanged, match="the scenario 'mini' has changed"):
        open_run(p)
    (content / "mini.toml").unlink()
    with pytest.raises(ContentMissing, match="the scenario 'mini' is not installed"):
        open_run(p)


def test_tampered_decisions_are_out_of_sync_not_a_crash(saved, tmp_path):
    data = json.loads(saved.read_text())
    data["turns"][1]["checksum"] = "000000000000"
    p = _write(tmp_path, "sum.json", json.dumps(data))
    session, ver = rebuild(open_run(p))
    assert not ver.ok and ver.problem.turn == 2 and "out of sync at turn 2" in str(ver.problem)
    data = json.loads(saved.read_text())
    data["turns"][1]["choice"] = "no_such_choice"
    p = _write(tmp_path, "choice.json", json.dumps(data))
    with pytest.raises(OutOfSync, match="out of sync at turn 2: .*the recorded choice is not one this event offers"):
        resume(open_run(p))


def test_listing_is_newest_first_and_survives_bad_files(tmp_path, mini_scenario, mini_rulebook, saved):
    saves = saved.parent
    data = json.loads(saved.read_text())
    for i, stamp in enumerate(["2030-01-01T10:00:00Z", "2020-01-01T10:00:00Z"]):
        _write(saves, f"other{i}.json", json.dumps(dict(data, last_played=stamp)))
    bad = bad_files(saves, saved)
    (saves / ".half.json.123.tmp").write_text("{")
    (saves / "notes.txt").write_text("not a save")
    listing = list_runs(saves)
    names = [e.path.name for e in listing.entries]
    assert len(names) == 3 + len(bad)
    good = [e for e in listing.entries if e.usable]
    assert [e.path.name for e in good] == ["other0.json", saved.name, "other1.json"]
    for e in listing.entries:
        if not e.usable:
            assert isinstance(e.problem, SaveProblem) and str(e.problem)
    # the good ones still open, with the bad ones beside them
    assert open_run(saves / "other1.json").save.seed == 7


def test_listing_missing_folder_is_empty(tmp_path):
    assert list_runs(tmp_path / "nowhere").entries == []


def test_save_model_round_trips(saved):
    save = read_save(saved)
    assert SaveFile.model_validate_json(save.to_json()) == save


# --------------------------------------------------------------------------- fuzzing

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, 10_000), edits=st.lists(st.tuples(st.integers(0, 10_000), st.characters(codec="utf-8")), max_size=4),
       junk=st.sampled_from(["", "[" * 100_000, "\x00", "}}", '{"kind": "model-citizen-run"}']))
def test_loading_any_mangled_save_never_raises_anything_but_a_save_problem(saved, tmp_path, cut, edits, junk):
    text = list(saved.read_text())
    for pos, ch in edits:
        if text:
            text[pos % len(text)] = ch
    mangled = "".join(text)[: max(0, len(text) - cut % (len(text) + 1))] + junk
    p = tmp_path / "mangled.json"
    p.write_text(mangled, encoding="utf-8")
    try:
        run = open_run(p)
        rebuild(run)
    except SaveProblem as exc:
        assert str(exc).startswith("mangled.json")
    assert list_runs(tmp_path).entries  # listing never raises either
