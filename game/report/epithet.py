"""An epithet for the citizen, chosen by what happened in the run ("the Compliant").

Pure: the rules are data (:func:`game.report.texts.load_texts`, ``epithets.toml``).
"""

from __future__ import annotations

from .texts import Texts
from .reflections import met, strength
from .run import RunReport


def epithet(report: RunReport, texts: Texts) -> str:
    """The title of the rule this run fits best; the fallback if it fits none."""
    best: tuple[float, int, str] | None = None
    fallback = "the Ordinary"
    for i, e in enumerate(texts.epithet):
        if e.when is None:
            fallback = e.title
            continue
        if met(e.when, report):
            key = (e.weight * strength(e.when, report), -i, e.title)
            if best is None or key > best:
                best = key
    return best[2] if best else fallback


def styled(report: RunReport) -> str:
    """The citizen's name with the epithet: "Mara Voss, the Compliant"."""
    return f"{report.citizen}, {report.epithet}" if report.epithet else report.citizen
