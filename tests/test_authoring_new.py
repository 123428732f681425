"""`citizen new`: the scaffold passes its own checks and playtests under every shipped rulebook."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.check import check_paths
from game.authoring.playtest import STRATEGIES, play_many, summarise
from game.authoring.scaffold import create, scenario_id
from game.cli import main
from game.scenario.library import content_root


def test_scaffold_passes_check_with_no_diagnostic(tmp_path, capsys):
    assert main(["new", "harbour_days", "--dir", str(tmp_path)]) == 0
    folder = tmp_path / "harbour_days"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.toml")) == [
        "endings.toml", "events/weeks.toml", "scenario.toml"]
    result = check_paths([folder])
    assert result.diagnostics == [] and len(result.scenarios) == 1
    assert result.scenarios[0].id == "harbour_days"
    out = capsys.readouterr().out
    assert "citizen playtest" in out and "citizen play" in out


def test_scaffold_teaches_in_comments_and_points_at_the_schema(tmp_path):
    folder = create("teach", tmp_path)
    text = (folder / "scenario.toml").read_text()
    assert text.startswith("#:schema ") and "scenario.schema.json" in text.splitlines()[0]
    schema_ref = (folder / text.splitlines()[0].split(" ", 1)[1]).resolve()
    assert schema_ref.is_file()
    events = (folder / "events" / "weeks.toml").read_text()
    for teaches in ("needs", "then", "show_if", "enable_if", "context", "once = false"):
        assert teaches in events
    assert sum(1 for line in events.splitlines() if line.lstrip().startswith("#") or " # " in line) >= 10


@pytest.mark.skipif(not (content_root() / "rulebooks").is_dir(), reason="no shipped rulebooks")
def test_scaffold_playtests_clean_under_every_shipped_rulebook(tmp_path, shipped_rulebooks):
    from game.scenario.library import catalogue_for
    from game.scenario.loader import load_catalogue, load_rulebook, load_scenario

    folder = create("playtested", tmp_path)
    lex = load_catalogue(catalogue_for(folder))
    sc = load_scenario(folder, lex)
    strategies = list(STRATEGIES)
    for rb_path in sorted((content_root() / "rulebooks").glob("*.toml")):
        rb = load_rulebook(rb_path, lex)
        report = summarise(sc, rb, play_many(sc, rb, 100, strategies, 1), strategies, 1)
        assert report["problems"] == []
        never = {(n["kind"], n["id"]) for n in report["coverage"]["never_reached"]}
        assert not {k for k in never if k[0] in ("event", "choice")}, never
    assert main(["playtest", str(folder), "--runs", "50", "--brief"]) == 0


def test_new_refuses_to_overwrite(tmp_path):
    create("twice", tmp_path)
    assert main(["new", "twice", "--dir", str(tmp_path)]) == 2
    assert main(["new", "twice", "--dir", str(tmp_path), "--force"]) == 0


def test_ids_from_names():
    assert scenario_id("My First Life") == "my_first_life"
    assert scenario_id("9 lives") == "s_9_lives"
