"""A catalogue may add to the shipped one (extends = "shipped") instead of replacing it."""

from __future__ import annotations

import shutil

import pytest

from game.authoring.check import check_paths
from game.cli import main
from game.scenario.diagnostics import LoadError
from game.scenario.library import content_root
from game.scenario.loader import load_catalogue, load_rulebook, load_scenario, shipped_catalogue

NEW = '''extends = "shipped"

[[behaviour]]
id = "join_strike"
description = "Joined a strike"
legal = "lawful"
domain = "work"

[[service]]
id = "union_hall"
name = "Union hall bookings"
institution = "Eastgate Union Hall"
domain = "work"
'''

LIFE = '''[scenario]
id = "strike_week"
title = "Strike week"

[calendar]
turns = 1

[citizen]
name = "Ada Stone"
money = 100

[[event]]
id = "strike"
title = "Strike"
text = "The depot walks out."

[[event.choice]]
id = "join"
text = "Join the picket"
behaviours = ["join_strike"]
needs = ["union_hall"]

[[event.choice]]
id = "pay"
text = "Pay the gas bill"
behaviours = ["pay_bill_on_time"]
needs = ["railway"]

[[ending]]
id = "end"
title = "End"
text = "It ends."
'''


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "catalogue.toml").write_text(NEW)
    (tmp_path / "life.toml").write_text(LIFE)
    return tmp_path


def test_the_shipped_catalogue_is_the_packaged_one_whatever_citizen_content_says(monkeypatch, tmp_path):
    monkeypatch.setenv("CITIZEN_CONTENT", str(tmp_path))
    assert shipped_catalogue().is_file() and shipped_catalogue().resolve() != (tmp_path / "catalogue.toml").resolve()


def test_extending_adds_to_the_shipped_vocabulary(folder):
    lex = load_catalogue(folder / "catalogue.toml")
    shipped = load_catalogue(shipped_catalogue())
    assert set(lex.behaviours) == set(shipped.behaviours) | {"join_strike"}
    assert set(lex.services) == set(shipped.services) | {"union_hall"}
    assert lex.content_hash != shipped.content_hash
    # a scenario may name both, and every shipped rulebook still loads against it
    assert check_paths([folder / "life.toml"]).diagnostics == []
    sc = load_scenario(folder / "life.toml", lex)
    for rb in sorted((content_root() / "rulebooks").glob("*.toml")):
        assert load_rulebook(rb, sc.lexicon).id


def test_without_extends_the_catalogue_replaces_the_shipped_one(folder):
    (folder / "catalogue.toml").write_text(NEW.replace('extends = "shipped"\n', ""))
    codes = [d.code for d in check_paths([folder / "life.toml"]).diagnostics]
    assert codes == ["E011", "E012"]  # pay_bill_on_time and railway are the shipped catalogue's


def test_a_clash_with_the_shipped_catalogue_names_where_the_shipped_one_is(folder):
    text = NEW.replace('id = "join_strike"', 'id = "late_payment"')
    (folder / "catalogue.toml").write_text(text)
    with pytest.raises(LoadError):
        load_catalogue(folder / "catalogue.toml")
    ds = check_paths([folder / "catalogue.toml"]).diagnostics
    assert [d.code for d in ds] == ["E010"] and ds[0].path == "behaviour[0].id"
    shipped = shipped_catalogue()
    line = next(i for i, l in enumerate(shipped.read_text().splitlines(), 1) if l == 'id = "late_payment"')
    assert f"already in the shipped catalogue (at {shipped}:{line}:1)" in ds[0].message


def test_only_shipped_can_be_extended(folder):
    (folder / "catalogue.toml").write_text(NEW.replace('"shipped"', '"eastgate"'))
    (d,) = check_paths([folder / "catalogue.toml"]).diagnostics
    assert d.code == "E004" and d.path == "extends" and '"shipped"' in d.message


def test_own_content_folder_with_the_shipped_rulebooks(folder, monkeypatch, capsys):
    """CITIZEN_CONTENT hides the shipped content; an extending catalogue and copied rulebooks
    bring the shipped cities back for one's own scenario."""
    (folder / "rulebooks").mkdir()
    shutil.copy(content_root() / "rulebooks" / "rule_of_law.toml", folder / "rulebooks")
    monkeypatch.setenv("CITIZEN_CONTENT", str(folder))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "strike_week" in out and "rule_of_law" in out and "eastgate" not in out and "points_city" not in out
    assert main(["playtest", "strike_week", "--runs", "10", "--brief"]) == 0
    assert "under Aldermere" in capsys.readouterr().out
