"""The full report of a run: the engine's facts composed with the texts, the epithet, the
reflections and the other cities. Kept out of the package's ``__init__`` so that a shell which
only needs the words of its menus (the title screen) does not load every model on the way."""

from __future__ import annotations

from .texts import load_texts
from .epithet import epithet
from ..engine.game import Game
from ..engine.outcome import Decision
from .reflections import choose
from .run import RunReport, build_report
from ..scenario.content import Rulebook, Scenario
from ..scenario.library import other_rulebooks


def compose(game: Game, decisions: list[Decision] | None = None,
            others: dict[str, Rulebook] | None = None) -> RunReport:
    """The full report of a run: measures, epithet, reflections, other cities.

    ``others`` default to every other shipped rulebook; pass ``{}`` for none.
    """
    if others is None:
        others = other_rulebooks(game.scenario, game.rulebook)
    report = build_report(game, decisions, others)
    texts = load_texts()
    report.epithet = epithet(report, texts)
    report.reflections = choose(report, texts)
    return report
