"""Issue 13, the command line: --version, did-you-mean, global options anywhere, `citizen new`
escaping what it writes, `replay --verify --format json`, every command's --help with a
description and its exit codes, and a README that names the environment variables."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest

from game import __version__
from game.authoring.check import check_paths
from game.cli import build_parser, main
from test_runs_helpers import play_run

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"


def subcommands() -> dict:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return dict(sub.choices)


# --------------------------------------------------------------------------- --version


@pytest.mark.parametrize("argv", [["--version"], ["replay", "--version"], ["play", "--version"]])
def test_version_before_or_after_the_command(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 0
    assert f"Model Citizen) {__version__}" in capsys.readouterr().out


# --------------------------------------------------------------------------- did you mean


def test_a_mistyped_command_is_named_with_the_one_meant(capsys):
    assert main(["lsit"]) == 2
    err = capsys.readouterr().err
    assert "no command 'lsit'. Did you mean 'list'?" in err and "Traceback" not in err


def test_a_word_far_from_every_command_is_still_a_scenario(monkeypatch):
    import game.cli.play as play_cmd

    seen = {}
    monkeypatch.setattr(play_cmd, "run", lambda args: seen.update(scenario=args.scenario) or 0)
    assert main(["eastgate"]) == 0 and seen == {"scenario": "eastgate"}


@pytest.mark.parametrize("argv,meant", [
    (["play", "eastgat"], "did you mean 'eastgate'?"),
    (["play", "eastgate", "--rulebook", "court_blaklist"], "did you mean 'court_blacklist'?"),
    (["playtest", "eastgate", "-r", "pointscity", "--runs", "1"], "did you mean 'points_city'?"),
])
def test_a_mistyped_scenario_or_rulebook_id_is_named_with_the_one_meant(argv, meant, capsys):
    assert main(argv) == 2
    assert meant in capsys.readouterr().err


def test_a_mistyped_rulebook_in_replay_is_named_too(mini_scenario, mini_rulebook, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("CITIZEN_CONTENT", str(MINI))
    _s, saver = play_run(mini_scenario, mini_rulebook, 4, [1, 1], tmp_path)
    assert main(["replay", str(saver.path), "--text", "--rulebook", "strikt"]) == 2
    assert "did you mean 'strict'?" in capsys.readouterr().err


# --------------------------------------------------------------------------- global options anywhere


@pytest.mark.parametrize("argv", [
    ["--saves", "D", "report", "run.json"],
    ["report", "--saves", "D", "run.json"],
    ["report", "run.json", "--saves", "D"],
    ["report", "run.json", "--saves=D"],
])
def test_every_global_option_works_before_or_after_the_command(argv, monkeypatch):
    import game.cli.report as report

    seen = {}
    monkeypatch.setattr(report, "run", lambda args: seen.update(saves=args.saves) or 0)
    assert main(argv) == 0 and seen == {"saves": "D"}


def test_citizen_alone_has_the_arguments_citizen_play_has(monkeypatch):
    """`citizen` alone skips building the parser (start-up speed): what it runs with must be what
    the parser gives `citizen play`, so an option added to either is added to both."""
    from game.cli import plain_play

    assert vars(plain_play([])) == vars(build_parser().parse_args(["play"]))
    assert plain_play(["play"]) is None and plain_play(["--saves", "D"]) is None
    import game.cli.play as play

    seen = {}
    monkeypatch.setattr(play, "run", lambda args: seen.update(vars(args)) or 0)
    assert main([]) == 0 and seen["command"] == "play" and seen["scenario"] is None


def test_every_command_takes_every_global_option():
    globals_ = {s for a in build_parser()._actions if a.option_strings and a.dest != "help" for s in a.option_strings}
    for name, parser in subcommands().items():
        own = {s for a in parser._actions for s in a.option_strings}
        assert globals_ <= own, (name, globals_ - own)


# --------------------------------------------------------------------------- citizen new


@pytest.mark.parametrize("name", ['tom"s\\life', "back\\slash", 'a "quoted" life', "line\nbreak"])
def test_new_escapes_what_it_writes_and_passes_its_own_check(name, tmp_path, capsys):
    code = main(["new", name, "--dir", str(tmp_path)])
    out = capsys.readouterr().out
    folder = tmp_path / Path(name).name
    assert code == 0, out
    data = tomllib.loads((folder / "scenario.toml").read_text())
    assert data["scenario"]["title"].replace(" ", "").lower() == name.replace(" ", "").replace("\n", "").lower() \
        or "\n" in name
    result = check_paths([folder])
    assert not result.errors and not result.warnings, [str(d) for d in result.diagnostics]


# --------------------------------------------------------------------------- replay --verify --format json


def test_verify_as_json_says_ok_or_where_it_parts(mini_scenario, mini_rulebook, tmp_path, capsys):
    _s, saver = play_run(mini_scenario, mini_rulebook, 4, [1, 1, 1, 0], tmp_path)
    assert main(["replay", str(saver.path), "--verify", "--format", "json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["ok"] is True and got["turns"] == got["matched"] == 4 and got["problem"] is None
    assert got["scenario"] == "mini" and got["rulebook"] == "strict" and got["seed"] == 4
    data = json.loads(saver.path.read_text())
    data["turns"][2]["checksum"] = "0" * 12
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    assert main(["replay", str(bad), "--verify", "--format", "json"]) == 1
    got = json.loads(capsys.readouterr().out)
    assert got["ok"] is False and got["matched"] == 2 and got["problem"]["turn"] == 3
    assert "checksum" in got["problem"]["detail"]


def test_format_json_without_verify_is_refused_with_a_reason(mini_scenario, mini_rulebook, tmp_path, capsys):
    _s, saver = play_run(mini_scenario, mini_rulebook, 4, [1], tmp_path)
    assert main(["replay", str(saver.path), "--format", "json"]) == 2
    assert "--format json goes with --verify" in capsys.readouterr().err


# --------------------------------------------------------------------------- --help


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_command_has_a_description_and_its_exit_codes(name):
    parser = subcommands()[name]
    assert parser.description and len(parser.description) > 40, name
    text = parser.format_help()
    assert "exit status:" in text, name
    codes = re.findall(r"^\s+(\d+)\s+\S", text.split("exit status:", 1)[1], re.M)
    assert "0" in codes and len(codes) >= 2, (name, codes)


def test_the_top_level_help_names_exit_codes_and_where_settings_live():
    text = build_parser().format_help()
    assert "exit status:" in text and "settings" in text and "CITIZEN_CONFIG" in text


# --------------------------------------------------------------------------- README


def test_readme_lists_the_environment_variables_the_game_and_textual_honour():
    text = (ROOT / "README.md").read_text()
    for name in ("NO_COLOR", "TEXTUAL_THEME", "TEXTUAL_COLOR_SYSTEM", "CITIZEN_CONTENT", "CITIZEN_SAVES",
                 "CITIZEN_CONFIG", "TEXTUAL_ANIMATIONS", "ESCDELAY"):
        assert f"`{name}" in text, name
