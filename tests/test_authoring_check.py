"""`citizen check`: one broken file per diagnostic code, positions, JSON output, exit codes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from game.authoring.check import check_paths
from game.cli import main
from game.scenario.diagnostics import CODES
from game.scenario.library import content_root

BROKEN = Path(__file__).parent / "fixtures" / "broken"
MINI = Path(__file__).parent / "fixtures" / "mini"


def _expected(path: Path) -> str | None:
    first = (path / "scenario.toml" if path.is_dir() else path)
    if path.is_dir() and not first.exists():
        first = next(path.rglob("*.toml"))
    m = re.match(r"# expect: (\w+)", first.read_text().splitlines()[0])
    return m.group(1) if m else None


CASES = sorted(p for p in list(BROKEN.iterdir()) + list((BROKEN / "rulebooks").iterdir())
               if p.name != "catalogue.toml" and p.name != "rulebooks" and _expected(p))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_each_broken_file_reports_its_code(path):
    code = _expected(path)
    result = check_paths([path])
    codes = [d.code for d in result.diagnostics]
    assert code in codes, "\n".join(map(str, result.diagnostics))
    for d in result.diagnostics:
        assert d.line >= 1 and d.col >= 1
        assert Path(d.file).resolve().is_relative_to(path.resolve()) or Path(d.file).resolve() == path.resolve()
        assert str(d).startswith(f"{d.file}:{d.line}:{d.col}: {d.code}")


def test_every_code_has_a_broken_example():
    covered = {_expected(p) for p in CASES} | {"E005", "I201"}  # E005: missing path; I201: pair test below
    covered |= {"E050", "E051", "E052"}  # a FIFO, a link out, a file over the size limit: made in test_safe_files.py
    internal = {"E099"}
    assert set(CODES) - covered - internal == set()


@pytest.mark.parametrize("name", ["ok_base.toml", "rulebooks/ok_rulebook.toml"])
def test_the_valid_bases_are_clean(name):
    result = check_paths([BROKEN / name])
    assert result.diagnostics == []


def test_positions_point_inside_the_condition():
    (d,) = check_paths([BROKEN / "E021_unknown_name.toml"]).diagnostics
    assert (d.line, d.col, d.path) == (34, 9, "event[1].when")
    assert "did you mean 'virtues.care'" in d.message


def test_did_you_mean_for_keys_and_ids():
    messages = [str(d) for p in ("E002_unknown_key.toml", "E011_unknown_behaviour.toml", "E013_unknown_event.toml",
                                 "E014_unknown_contact.toml", "rulebooks/E030_unknown_behaviour.toml")
                for d in check_paths([BROKEN / p]).diagnostics]
    for hint in ("'once'", "'pay_rent'", "'week'", "'ana'"):
        assert any(f"did you mean {hint}" in m for m in messages), hint


def test_flag_read_but_never_set_has_its_own_code():
    (d,) = check_paths([BROKEN / "E024_flag_never_set.toml"]).diagnostics
    assert d.code == "E024" and "flag 'warned' is read but never set" in d.message


def test_dead_choice_makes_the_flag_it_sets_unset():
    ds = check_paths([BROKEN / "W102_flag_only_from_dead_choice.toml"]).diagnostics
    assert [d.code for d in ds] == ["W103", "W102"]
    assert "flags.rich is always false" in ds[1].message


def test_missing_path():
    (d,) = check_paths([BROKEN / "nowhere.toml"]).diagnostics
    assert d.code == "E005"


def test_unscored_behaviours_are_noted_per_pair():
    result = check_paths([MINI])
    (d,) = [d for d in result.diagnostics if d.code == "I201"]
    assert d.severity == "info" and "lie_to_friend" in d.message and d.file.endswith("strict.toml")
    assert result.exit_code() == 0


def test_folder_scenario_splits_across_files(tmp_path):
    folder = tmp_path / "split"
    (folder / "events").mkdir(parents=True)
    shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
    base = (BROKEN / "ok_base.toml").read_text()
    head, _, rest = base.partition("[[event]]")
    (folder / "scenario.toml").write_text(head)
    (folder / "events" / "weeks.toml").write_text("[[event]]" + rest)
    result = check_paths([folder])
    assert result.diagnostics == []
    (sc,) = result.scenarios
    assert list(sc.events) == ["week"] and sc.events["week"].model._file.endswith("weeks.toml")
    # checking one file of the folder (as an editor does on save) checks the whole scenario
    one = check_paths([folder / "events" / "weeks.toml"])
    assert one.diagnostics == [] and [s.id for s in one.scenarios] == ["broken"]
    # ids are unique across the folder: a duplicate in another file is an error in that file
    (folder / "events" / "zz_again.toml").write_text("[[event]]" + rest.partition("[[ending]]")[0])
    ds = check_paths([folder]).diagnostics
    assert [d.code for d in ds] == ["E010"] and ds[0].file.endswith("zz_again.toml")
    # it names the first definition's file, line and column, and flags the later one in reading order
    assert f"first defined at {folder / 'events' / 'weeks.toml'}:2:1" in ds[0].message
    assert (ds[0].line, ds[0].col) == (2, 1)


def test_exit_codes_and_json(capsys):
    assert main(["check", str(BROKEN / "ok_base.toml")]) == 0
    assert main(["check", str(BROKEN / "E011_unknown_behaviour.toml")]) == 1
    assert main(["check", str(BROKEN / "W101_flag_never_read.toml")]) == 0
    assert main(["check", "--strict", str(BROKEN / "W101_flag_never_read.toml")]) == 1
    capsys.readouterr()
    assert main(["check", "--format", "json", str(BROKEN / "E021_unknown_name.toml"), str(BROKEN / "W107_one_choice.toml")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == 1 and data["exit"] == 1
    assert data["summary"]["errors"] == 1 and data["summary"]["warnings"] == 1
    by_code = {d["code"]: d for d in data["diagnostics"]}
    assert set(by_code) == {"E021", "W107"}
    assert by_code["E021"] | {} == {**by_code["E021"], "severity": "error", "line": 34, "col": 9, "path": "event[1].when"}
    assert by_code["W107"]["severity"] == "warning"
    assert set(data["codes"]) == {"E021", "W107"}


def test_text_output_format(capsys):
    main(["check", str(BROKEN / "E013_unknown_event.toml")])
    out = capsys.readouterr().out.splitlines()
    assert re.match(r".+E013_unknown_event\.toml:38:1: E013 event\[1\]\.choice\[0\]\.then: unknown event 'weeek' \(did you mean 'week'\?\)$", out[0])
    assert out[-1].startswith("1 error(s), 0 warning(s)")


def test_mini_and_shipped_content_have_no_errors():
    assert check_paths([MINI]).errors == []
    root = content_root()
    if not (root / "catalogue.toml").exists():
        pytest.skip("no shipped content")
    result = check_paths([root])
    assert result.errors == [], "\n".join(map(str, result.errors))


def test_array_items_in_inline_tables_are_located(tmp_path):
    path = tmp_path / "flags.toml"
    shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
    text = (BROKEN / "ok_base.toml").read_text().replace(
        'effects = { virtues = { care = 1 } }', 'effects = { virtues = { care = 1 }, set = ["one", "two"] }')
    path.write_text(text)
    ds = check_paths([path]).diagnostics
    line = next(i for i, l in enumerate(text.splitlines(), 1) if '"two"' in l)
    assert [(d.code, d.line, text.splitlines()[d.line - 1][d.col - 1:d.col + 5]) for d in ds] == [
        ("W101", line, '"one",'), ("W101", line, '"two"]')]


# --------------------------------------------------------------------------- then and priority (W110)


def test_a_follow_up_that_can_take_a_higher_priority_turn_is_named():
    (d,) = check_paths([BROKEN / "W110_follow_up_displaces.toml"]).diagnostics
    assert (d.code, d.path) == ("W110", "event[0].choice[1].then")
    assert "follow-up 'meeting' (priority 0) comes up the turn after 'week' ahead of every other event" in d.message
    assert "a life can miss 'rent' (priority 15) in turn 3" in d.message


@pytest.mark.parametrize("old, new", [
    ('when = "turn == 3"', 'once = false'),                       # a repeatable rent only waits a turn
    ('when = "turn == 3"\npriority = 15', 'when = "turn == 3"'),  # no higher priority to displace
    ('then = "meeting"', ''),                                     # no follow-up at all
])
def test_no_warning_when_nothing_can_be_missed(tmp_path, old, new):
    text = (BROKEN / "W110_follow_up_displaces.toml").read_text()
    assert old in text
    path = tmp_path / "f.toml"
    shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
    path.write_text(text.replace(old, new))
    assert "W110" not in [d.code for d in check_paths([path]).diagnostics]


def test_the_follow_up_displaces_in_play_as_check_says(tmp_path):
    """What W110 warns of happens: a life that takes the follow-up never sees 'rent'."""
    from game.engine.game import Game
    from game.scenario.loader import load_catalogue, load_rulebook, load_scenario

    lex = load_catalogue(BROKEN / "catalogue.toml")
    sc = load_scenario(BROKEN / "W110_follow_up_displaces.toml", lex)
    rb = load_rulebook(BROKEN / "rulebooks" / "ok_rulebook.toml", lex)
    game = Game(sc, rb, seed=1)
    seen = []
    while not game.finished:
        offer = game.offer()
        seen.append(offer.event_id)
        game.decide("help" if offer.turn == 2 else offer.choices[0].id)  # its follow-up lands on turn 3
    assert seen == ["week", "week", "meeting"]


# --------------------------------------------------------------------------- #:schema lines (W111)


def _scenario_with_schema_line(folder: Path, line: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(BROKEN / "catalogue.toml", folder / "catalogue.toml")
    path = folder / "life.toml"
    path.write_text(f"#:schema {line}\n" + (BROKEN / "ok_base.toml").read_text())
    return path


def test_a_schema_line_one_folder_short_is_named_with_the_line_to_write():
    (d,) = check_paths([BROKEN / "W111_schema_line"]).diagnostics
    assert (d.code, d.path, d.line, d.col) == ("W111", "#:schema", 1, 10)
    assert d.file.endswith("events/week.toml")
    fix = d.message.rsplit("write #:schema ", 1)[1]
    assert (Path(d.file).parent / fix).resolve() == (schema_dir() / "scenario.schema.json").resolve()


def schema_dir() -> Path:
    from game.authoring.schema import schemas_dir

    return schemas_dir()


def test_a_schema_is_recognised_by_its_title_wherever_it_lives(tmp_path):
    from game.authoring.schema import write_all

    write_all(tmp_path / "schemas")  # the author's own copies (citizen schema --output schemas)
    path = _scenario_with_schema_line(tmp_path / "lives", "../schemas/scenario.schema.json")
    assert check_paths([path]).diagnostics == []
    path = _scenario_with_schema_line(tmp_path / "lives", "../schemas/rulebook.schema.json")
    (d,) = check_paths([path]).diagnostics
    assert d.code == "W111" and "is the rulebook schema, but this is a scenario file" in d.message
    assert d.message.endswith("write #:schema ../schemas/scenario.schema.json")
    path = _scenario_with_schema_line(tmp_path / "lives", "schemas/scenario.schema.json")
    (d,) = check_paths([path]).diagnostics
    assert "does not exist from this file's folder" in d.message
    assert d.message.endswith("write #:schema ../schemas/scenario.schema.json")


def test_schema_urls_and_missing_lines(tmp_path):
    path = _scenario_with_schema_line(tmp_path, "https://example.org/model-citizen/scenario.schema.json")
    assert check_paths([path]).diagnostics == []
    path = _scenario_with_schema_line(tmp_path, "https://example.org/model-citizen/catalogue.schema.json")
    assert [d.code for d in check_paths([path]).diagnostics] == ["W111"]
    path.write_text((BROKEN / "ok_base.toml").read_text())  # no line: a .taplo.toml may map it
    assert check_paths([path]).diagnostics == []
    assert check_paths([_scenario_with_schema_line(tmp_path, "../nowhere.json")], analyse=False).diagnostics == []


def test_an_event_of_one_turn_is_tied_to_it_and_one_of_a_longer_window_is_left_to_playtest(tmp_path):
    text = (BROKEN / "W110_follow_up_displaces.toml").read_text()
    shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
    path = tmp_path / "f.toml"
    path.write_text(text.replace('when = "turn == 3"', "first_turn = 3\nlast_turn = 3"))
    (d,) = check_paths([path]).diagnostics
    assert d.code == "W110" and "'rent' (priority 15) in turn 3" in d.message
    path.write_text(text.replace('when = "turn == 3"', "first_turn = 2\nlast_turn = 3"))
    assert check_paths([path]).diagnostics == []


def test_an_id_checks_the_content_of_that_id(tmp_path, monkeypatch):
    """An installed game's scenarios have no path an author knows: `check lockside` checks it by id."""
    monkeypatch.chdir(tmp_path)
    result = check_paths(["lockside", "rule_of_law"])
    assert [s.id for s in result.scenarios] == ["lockside"]
    assert [r.id for r in result.rulebooks] == ["rule_of_law"]
    assert not [d for d in result.diagnostics if d.code == "E005"]


def test_a_near_miss_of_an_id_gets_a_did_you_mean(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (d,) = [d for d in check_paths(["quince_hil"]).diagnostics if d.code == "E005"]
    assert "did you mean 'quince_hill'?" in d.message
    (d,) = [d for d in check_paths(["no/such/place.toml"]).diagnostics if d.code == "E005"]
    assert d.message == "no such file or folder"
