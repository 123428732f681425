"""The words around a life (game/report/menus.py): the title, load and hall screens and the
dialogs about runs say what is true of the runs and content they show, and the screens only
draw them."""

from __future__ import annotations

import ast
from datetime import datetime, timezone
from pathlib import Path
from types import SimpleNamespace as NS

import game.tui.screens
from game.report import menus
from test_engine_words import PHRASE, _literal

SCREENS = Path(game.tui.screens.__file__).parent


def _save(**kw):
    base = dict(player="[bold]Ana[/bold]", seed=7, started=datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc),
                turns=[1], origin=None, final=None, scenario=NS(title="Eastgate", id="eastgate"),
                rulebook=NS(title="Civic Points", id="points_city"))
    base.update(kw)
    return NS(**base)


def test_a_saved_run_is_told_with_its_counts_in_words():
    one = NS(name="ana.json", problem=None, holder=None, save=_save(origin=NS(file="old.json", turns=1)))
    text = menus.run_detail(one).text
    assert "· 1 decision\n" in text and "after 1 decision." in text and "1 decisions" not in text
    assert "[bold]Ana[/bold]" in text  # a player's name is drawn as written, never read as markup
    many = NS(name="b.json", problem=None, holder={"pid": 1}, save=_save(turns=[1, 2, 3]))
    text = menus.run_detail(many, "process 1").text
    assert "· 3 decisions\n" in text and "Another Model Citizen is playing it (process 1)" in text
    ended = NS(name="c.json", problem=None, holder=None, save=_save(
        final=NS(turn=10, title="The quiet flat", ending="quiet", guide_followed=2, guide_offered=5)))
    assert "Ended in turn 10: The quiet flat. Followed the Guide 2 of 5 times." in menus.run_detail(ended).text
    assert menus.run_state(ended).text == "ended: The quiet flat"
    broken = NS(name="d.json", problem=NS(label="damaged", message="is not JSON"), holder=None, save=None)
    assert menus.run_state(broken).text == "✗ damaged"
    assert "Cannot be opened: is not JSON" in menus.run_detail(broken).text


def test_the_hall_and_the_dialogs_count_right():
    assert menus.hall_foot("/saves", 0, 2) == "No finished lives yet. Every life you finish is kept here, in /saves."
    assert menus.hall_foot("/saves", 3, 1).startswith("1 other saved run is unfinished")
    assert menus.hall_foot("/saves", 3, 2).startswith("2 other saved runs are unfinished")
    assert menus.hall_foot("/saves", 3, 0) == ""
    assert menus.hall_who(_save(), "the Dutiful").text == "[bold]Ana[/bold], the Dutiful\nCivic Points · Eastgate"
    assert menus.hall_who(_save(), "the Dutiful", "Corvale").text.endswith("\nCorvale · Civic Points · Eastgate")
    assert "The first 1 decision is kept; from month 2 on you choose." in menus.take_over("month", 2, 1, "a.json").text
    assert "The first 4 decisions are kept" in menus.take_over("week", 5, 4, "a.json").text
    assert "1 decision is not saved yet" in menus.save_elsewhere("The disk is full.", 1).text
    assert "a.json is open in another Model Citizen (process 9)" in menus.in_use("a.json", "process 9").text
    assert menus.unusable_content(1, "x.toml:1:1: bad").startswith("1 content file cannot be used")


def test_a_rulebook_is_summed_up_by_its_city_and_openness():
    p = menus.entry_summary("rulebook", " A pilot. ", {"city": "Corvale", "transparency": "secret"})
    assert p.text == "Corvale · rules not published. A pilot."
    assert menus.entry_summary("scenario", "A life.", {}).text == "A life."


def _composed(path: Path) -> list[tuple[int, str]]:
    """f-strings that make a phrase: sentences built from data (fixed labels and key hints,
    plain strings, may stay with the screen that shows them)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.lineno, t) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)
            and (t := _literal(n)) is not None and PHRASE.search(t)]


def test_the_run_and_content_screens_compose_no_sentence_of_their_own(tmp_path):
    found = [f"{name}:{line}: {text!r}" for name in ("title.py", "load.py", "hall.py", "in_use.py", "save_elsewhere.py")
             for line, text in _composed(SCREENS / name)]
    assert not found, "compose these in game/report/menus.py:\n" + "\n".join(found)
    # the check sees a sentence built in a screen, and spares its labels
    screen = tmp_path / "screen.py"
    screen.write_text('BINDINGS = [Binding("l", "load", "Load a run")]\n'
                      'def show(n, folder):\n    return f"No saved runs in {folder} yet.", f"#{n}", "Saved runs"\n')
    assert _composed(screen) == [(3, "No saved runs in {} yet.")]
