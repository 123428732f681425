"""Replays: save/load/replay identity, keyframe seeking, take-over, --verify and --text,
and the same life under another rulebook."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.runs.compare import compare, render_text
from game.runs.printout import run_text
from game.runs.store import open_run, read_save, rebuild, take_over
from game.runs.save import FORMAT
from game.runs.timeline import Timeline, for_save
from game.scenario.library import open_rulebook
from game.report.notices import lock_reason
from game.report.replay import parting_words
from test_runs_helpers import play_run, other_rulebook

runs = st.tuples(st.integers(0, 2**32), st.lists(st.integers(0, 50), min_size=0, max_size=12))


def _same_turns(original, replayed):
    assert len(original) == len(replayed)
    for a, b in zip(original, replayed):
        assert (a.turn, a.event_id, a.choice_id, a.checksum) == (b.turn, b.event_id, b.choice_id, b.checksum)
        assert (a.score_before, a.score_after, a.tier_after, a.followed_guide) == (b.score_before, b.score_after, b.tier_after, b.followed_guide)
        assert a.notices == b.notices and a.story == b.story


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(run=runs, every=st.integers(1, 5))
def test_any_run_saved_loaded_and_replayed_is_identical_turn_by_turn(mini_scenario, mini_rulebook, run, every):
    seed, picks = run
    with tempfile.TemporaryDirectory() as d:
        s, saver = play_run(mini_scenario, mini_rulebook, seed, picks, Path(d))
        if not s.decisions:
            return
        opened = open_run(saver.path)
        replayed, ver = rebuild(opened)
        assert ver.ok, ver.problem
        _same_turns(s.results, replayed.results)
        assert replayed.game.state.to_dict() == s.game.state.to_dict()
        # and the viewer's timeline, seeking in any order, shows the very same turns
        tl = for_save(opened, every=every)
        order = list(range(len(tl)))[::-1] + list(range(len(tl)))
        for i in order:
            v = tl.view(i)
            assert v.in_sync is True
            _same_turns([s.results[i]], [v.result])


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(run=runs)
def test_shipped_scenario_runs_replay_identically(shipped_scenario, shipped_rulebooks, run):
    seed, picks = run
    rb = next(iter(shipped_rulebooks.values()))
    with tempfile.TemporaryDirectory() as d:
        s, saver = play_run(shipped_scenario, rb, seed, picks, Path(d), finish=True)
        replayed, ver = rebuild(open_run(saver.path))
        assert ver.ok, ver.problem
        _same_turns(s.results, replayed.results)


def test_seeking_restores_keyframes_rather_than_replaying_from_start(mini_scenario, mini_rulebook, tmp_path):
    s, saver = play_run(mini_scenario, mini_rulebook, 9, [0, 1, 0, 0], tmp_path)
    tl = for_save(open_run(saver.path), every=2)
    assert tl.keyframes == [0, 2]
    calls = []
    real = tl._game.decide
    tl._game.decide = lambda c: calls.append(c) or real(c)
    tl.view(3)
    assert len(calls) == 2  # from keyframe 2: decisions 2 and 3 only
    assert tl.state_after(3).checksum() == s.game.state.checksum()
    assert tl.end.finished and tl.end.ending == s.game.state.ending


def test_turn_view_shows_locked_choices_with_reasons(mini_scenario, mini_rulebook, tmp_path):
    s, saver = play_run(mini_scenario, mini_rulebook, 7, [2, 1, 3, 1], tmp_path)  # default on the rent, then play games
    tl = for_save(open_run(saver.path))
    v = tl.view(1)
    train = v.offer.choice("train")
    assert train.lock is not None and train.lock.restriction == "blacklist:defaulters"
    assert "Defaulters list" in lock_reason(train.lock, mini_rulebook)
    text = run_text(tl)
    assert "⊘ Take the train" in text and "Rail tickets: refused under Defaulters list" in text
    r = v.result
    assert f"{r.score_before} → {r.score_after} ({r.score_after - r.score_before:+d})" in text
    assert "(rule " not in text and "play_games" not in text  # the system's words, never its ids
    assert tl.view(0).records_added  # the default is recorded: the system's ledger is shown
    assert v.decision.choice == "game" and "the rule is hidden from the citizen" in text  # why, even where the city did not say


def test_take_over_keeps_the_prefix_and_leaves_the_old_save_untouched(mini_scenario, mini_rulebook, tmp_path):
    s, saver = play_run(mini_scenario, mini_rulebook, 21, [0, 1, 0, 0], tmp_path)
    before = saver.path.read_bytes()
    run = open_run(saver.path)
    session, new = take_over(run, 2, tmp_path)
    assert new.path != saver.path and new.path.exists()
    assert session.decisions == s.decisions[:2]
    assert [r.checksum for r in session.results] == [r.checksum for r in s.results[:2]]
    fresh = read_save(new.path)
    assert [t.checksum for t in fresh.turns] == [t.checksum for t in run.save.turns[:2]]
    assert fresh.origin.file == saver.path.name and fresh.origin.turns == 2
    assert fresh.final is None and fresh.seed == run.save.seed
    session.decide([c for c in session.game.offer().choices if c.available][-1].id)
    assert len(read_save(new.path).turns) == 3
    assert saver.path.read_bytes() == before


# --------------------------------------------------------------------------- command line


def test_cli_verify_ok_and_out_of_sync(mini_scenario, mini_rulebook, tmp_path, capsys):
    s, saver = play_run(mini_scenario, mini_rulebook, 4, [1, 1, 1, 0], tmp_path)
    assert main(["--saves", str(tmp_path), "replay", saver.path.name, "--verify"]) == 0
    assert "every checksum matches" in capsys.readouterr().out
    data = json.loads(saver.path.read_text())
    data["turns"][2]["checksum"] = "0" * 12
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    assert main(["replay", str(bad), "--verify"]) == 1
    err = capsys.readouterr().err
    assert "out of sync at turn 3" in err and "checksum" in err


@pytest.mark.parametrize("content,words", [
    ("", "is empty"),
    ('{"kind": "model-citizen-run", "format": 1, "sce', "is truncated"),
    ('{"kind": "something-else"}', "not a Model Citizen save"),
    ('{"kind": "model-citizen-run", "format": %d, "game_version": "0.9"}' % (FORMAT + 1), "Model Citizen 0.9 or later"),
])
def test_cli_bad_save_gives_a_message_not_a_traceback(tmp_path, capsys, content, words):
    p = tmp_path / "s.json"
    p.write_text(content)
    for flags in (["--verify"], ["--text"]):
        assert main(["replay", str(p), *flags]) == 2
        err = capsys.readouterr().err
        assert words in err and "Traceback" not in err and err.startswith("citizen: s.json")


def test_cli_missing_save(tmp_path, capsys):
    assert main(["--saves", str(tmp_path), "replay", "nothing-here", "--text"]) == 2
    assert "no such save" in capsys.readouterr().err


def test_cli_text_prints_every_turn(mini_scenario, mini_rulebook, tmp_path, capsys):
    s, saver = play_run(mini_scenario, mini_rulebook, 4, [1, 1, 1, 0], tmp_path)
    assert main(["replay", str(saver.path), "--text"]) == 0
    out = capsys.readouterr().out
    for r in s.results:
        assert f"Week {r.turn} of 4 · " in out
    assert "Final figures" in out


# --------------------------------------------------------------------------- another rulebook


def test_same_life_under_another_rulebook_parts_where_a_choice_is_locked(mini_scenario, mini_rulebook, tmp_path):
    s, saver = play_run(mini_scenario, mini_rulebook, 2, [0, 0, 0, 0], tmp_path)  # pay, then the train
    assert s.decisions[1].choice == "train"
    other = open_rulebook(other_rulebook(tmp_path), mini_scenario.lexicon)
    c = compare(mini_scenario, mini_rulebook, other, 2, s.decisions)
    assert c.parting is not None and c.parting.turn == 2
    assert c.parting.kind == "locked" and "Travel restriction" in lock_reason(c.parting.lock, other)
    assert c.rows[0].a is not None and c.rows[0].b is not None
    assert c.rows[1].b is None and all(r.b is None for r in c.rows[1:])
    assert c.a.decisions == 4 and c.b.decisions == 1
    assert c.a.finished and not c.b.finished
    text = render_text(c, mini_scenario)
    assert "The lives part in week 2" in text and "B parts here" in text
    assert "Open City" in text and "parted in week 2" in text


def test_same_rulebook_never_parts(mini_scenario, mini_rulebook, tmp_path):
    s, _ = play_run(mini_scenario, mini_rulebook, 3, [1, 1, 1, 1])
    c = compare(mini_scenario, mini_rulebook, mini_rulebook, 3, s.decisions)
    assert c.same_all_the_way and [r.a for r in c.rows] == [r.b for r in c.rows]
    assert "never part" in render_text(c, mini_scenario)


def test_cli_text_with_other_rulebook(mini_scenario, mini_rulebook, tmp_path, capsys):
    s, saver = play_run(mini_scenario, mini_rulebook, 2, [0, 0, 0, 0], tmp_path)
    rb = other_rulebook(tmp_path)
    assert main(["replay", str(saver.path), "--text", "--rulebook", str(rb)]) == 0
    out = capsys.readouterr().out
    assert "The lives part in week 2" in out
    assert main(["replay", str(saver.path), "--text", "--rulebook", "no_such_city"]) == 2
    assert "no rulebook 'no_such_city'" in capsys.readouterr().err


def test_timeline_of_decisions_that_do_not_apply_stops_with_a_reason(mini_scenario, mini_rulebook):
    s, _ = play_run(mini_scenario, mini_rulebook, 2, [0, 0, 0, 0])
    other_rb = mini_rulebook
    decisions = list(s.decisions)
    decisions[2] = type(decisions[2])(decisions[2].turn, decisions[2].event, "fly_away")
    tl = Timeline(mini_scenario, other_rb, 2, decisions)
    assert len(tl) == 2 and tl.parting.turn == 3 and tl.parting.kind == "not_offered"
    assert "not one this event offers" in parting_words(tl.parting, mini_scenario, other_rb)


def test_turn_view_puts_what_the_next_turn_began_with_under_its_own_heading(mini_scenario, mini_rulebook, tmp_path):
    """A record written as the next week begins is not what the decision did: the viewer says so."""
    from game.report.document import Para
    from game.report.replay import turn_doc

    s, saver = play_run(mini_scenario, mini_rulebook, 1, [0, 1, 0, 0], tmp_path)
    tl = for_save(open_run(saver.path))
    v = tl.view(0)
    began = [n for n in v.result.notices if n.phase == "turn_start" and n.kind == "record"]
    assert began  # this run has one: the premise of the test
    texts = [b.text for b in turn_doc(v, mini_scenario, mini_rulebook) if isinstance(b, Para)]
    heading = texts.index(f"\nAs {mini_scenario.calendar.unit} {v.turn + 1} begins")
    decision = texts.index("\nWhat the system recorded") if "\nWhat the system recorded" in texts else -1
    from game.report.turn import notice_line
    line = notice_line(began[0], mini_scenario, mini_rulebook).text
    assert texts.index(line, heading) > heading  # under the next turn's heading
    assert decision == -1 or line not in texts[decision:heading]
