"""game.places decides where content, schemas and saves are; the command line and the TUI
follow it: --saves anywhere, CITIZEN_CONTENT checked, citizen schema never writing a package."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import places
from game.cli import main

ROOT = Path(__file__).resolve().parents[1]
MINI = Path(__file__).parent / "fixtures" / "mini"


@pytest.fixture
def clean_env(monkeypatch):
    monkeypatch.delenv("CITIZEN_SAVES", raising=False)
    monkeypatch.delenv("CITIZEN_CONTENT", raising=False)


@pytest.fixture
def installed(monkeypatch, tmp_path):
    """As if the package ran from site-packages: no checkout beside it."""
    monkeypatch.setattr(places, "source_checkout", lambda: None)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data" / "model-citizen" / "saves"


# --------------------------------------------------------------------------- the saves folder


def test_in_a_checkout_saves_go_to_its_top_whatever_the_working_folder(clean_env, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert places.source_checkout() == ROOT
    assert places.saves_dir() == ROOT / "saves"


def test_installed_saves_go_to_the_user_data_folder(clean_env, installed, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    got = places.saves_folder()
    assert got.path == installed and got.why == "your user data folder"


def test_the_option_beats_the_environment_which_beats_the_default(clean_env, monkeypatch, tmp_path):
    monkeypatch.setenv("CITIZEN_SAVES", str(tmp_path / "env"))
    assert places.saves_dir() == tmp_path / "env"
    assert places.saves_dir(tmp_path / "opt") == tmp_path / "opt"
    assert places.saves_folder(tmp_path / "opt").why == "from --saves"


@pytest.mark.parametrize("argv", [
    ["--saves", "D", "replay", "run.json"],
    ["replay", "--saves", "D", "run.json"],
    ["replay", "run.json", "--saves", "D"],
    ["replay", "--saves=D", "run.json"],
])
def test_saves_is_accepted_before_or_after_the_command(argv, monkeypatch):
    import game.cli.replay as replay

    seen = {}
    monkeypatch.setattr(replay, "run", lambda args: seen.update(save=args.save, saves=args.saves) or 0)
    assert main(argv) == 0
    assert seen == {"save": "run.json", "saves": "D"}


def test_a_scenario_after_global_options_still_means_play(monkeypatch):
    import game.cli.play as play

    seen = {}
    monkeypatch.setattr(play, "run", lambda args: seen.update(scenario=args.scenario, saves=args.saves) or 0)
    assert main(["--saves", "D", "eastgate"]) == 0
    assert seen == {"scenario": "eastgate", "saves": "D"}


def test_help_says_where_saves_and_content_are(clean_env, installed, capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert f"saves    {installed} (your user data folder)" in out
    assert "CITIZEN_CONTENT=DIR" in out


def test_every_saves_fallback_in_the_tui_asks_the_one_helper():
    """No module but game.places works out a saves folder of its own."""
    import re

    own_decision = re.compile(r'/ "saves"|\bcwd\(\)|else "saves"|environ[^\n]*CITIZEN_SAVES|user_data_(dir|path)')
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "game").rglob("*.py")
                 if p.name != "places.py" and own_decision.search(p.read_text())]
    assert offenders == []


# --------------------------------------------------------------------------- the content folder


@pytest.mark.parametrize("kind, says", [
    ("missing", "which does not exist"),
    ("file", "which is a file"),
    ("empty", "which holds no scenarios or rulebooks"),
])
def test_a_missing_or_empty_content_folder_is_an_error_with_exit_2(kind, says, monkeypatch, tmp_path, capsys):
    folder = tmp_path / kind
    if kind == "file":
        folder.write_text("")
    elif kind == "empty":
        folder.mkdir()
    monkeypatch.setenv("CITIZEN_CONTENT", str(folder))
    assert main(["list"]) == 2
    err = capsys.readouterr().err
    assert f"CITIZEN_CONTENT names {folder}, {says}" in err


def test_a_content_folder_with_content_is_fine(monkeypatch):
    monkeypatch.setenv("CITIZEN_CONTENT", str(MINI))
    assert places.content_problem() is None
    assert places.content_root() == MINI


async def test_the_title_screen_says_what_is_wrong_with_the_content_folder(monkeypatch, tmp_path):
    from game.tui.app import CitizenApp

    monkeypatch.setenv("CITIZEN_CONTENT", str(tmp_path / "nowhere"))
    app = CitizenApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = "\n".join(s.text for s in app.screen._compositor.render_strips())
        assert "CITIZEN_CONTENT names" in text and "does not exist" in text


# --------------------------------------------------------------------------- schemas


def test_installed_schema_without_output_refuses_and_writes_nothing(installed, monkeypatch, tmp_path, capsys):
    from game.authoring import schema

    monkeypatch.setattr(schema, "write_all", lambda *a, **k: pytest.fail("wrote into the package"))
    assert main(["schema"]) == 2
    assert "citizen schema --output DIR" in capsys.readouterr().err


def test_schema_output_writes_only_there(monkeypatch, tmp_path, capsys):
    from game.authoring import reference, schema

    monkeypatch.setattr(reference, "update_doc", lambda *a, **k: pytest.fail("touched docs/AUTHORING.md"))
    assert main(["schema", "--output", str(tmp_path / "out")]) == 0
    for name in ("scenario.schema.json", "rulebook.schema.json", "catalogue.schema.json"):
        assert (tmp_path / "out" / name).read_text() == (schema.schemas_dir() / name).read_text()
    assert main(["schema", "--check", "--output", str(tmp_path / "out")]) == 0
