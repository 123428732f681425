"""`citizen list` finds shipped content by id, title and path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

MINI = Path(__file__).parent / "fixtures" / "mini"


def citizen(*args: str, env_content: Path | None = None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ)
    if env_content:
        env["CITIZEN_CONTENT"] = str(env_content)
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True, env=env)


def test_list_json_names_ids_titles_and_paths():
    out = citizen("list", "--format", "json", env_content=MINI)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["scenarios"] == [{"id": "mini", "title": "Mini", "path": str(MINI / "mini.toml")}]
    assert [r["id"] for r in data["rulebooks"]] == ["strict"]


def test_list_text_and_unknown_id_message():
    out = citizen("list", env_content=MINI)
    assert "mini" in out.stdout and "strict" in out.stdout
    bad = citizen("play", "nowhere", env_content=MINI)
    assert bad.returncode == 2
    assert "no scenario 'nowhere' (known: mini)" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_global_saves_option_without_a_command_means_play(monkeypatch):
    import game.cli.play as play_cmd
    from game.cli import main

    seen = {}
    monkeypatch.setattr(play_cmd, "run", lambda args: seen.update(command=args.command, saves=args.saves) or 0)
    assert main(["--saves", "/tmp/somewhere"]) == 0
    assert seen == {"command": "play", "saves": "/tmp/somewhere"}


def test_a_scenario_as_first_word_means_play(monkeypatch):
    import game.cli.play as play_cmd
    from game.cli import main

    seen = {}
    monkeypatch.setattr(play_cmd, "run", lambda args: seen.update(scenario=args.scenario, rulebook=args.rulebook) or 0)
    assert main(["eastgate", "-r", "rule_of_law"]) == 0
    assert seen == {"scenario": "eastgate", "rulebook": "rule_of_law"}
