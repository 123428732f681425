"""A run as plain text, turn by turn (``citizen replay SAVE --text``).

The words are the replay viewer's (:mod:`game.report.replay`), printed as plain lines.
"""

from __future__ import annotations

from ..report.document import plain_text
from ..report.replay import end_doc, turn_doc
from .timeline import Timeline, TurnView


def turn_text(v: TurnView, tl: Timeline) -> list[str]:
    return [line.rstrip() for line in plain_text(turn_doc(v, tl.scenario, tl.rulebook)) if line.strip()]


def run_text(tl: Timeline, header: list[str] | None = None, save=None) -> str:
    out = list(header or [])
    for i in range(len(tl)):
        out += turn_text(tl.view(i), tl)
        out.append("")
    if tl.end is not None:
        out += [line.rstrip() for line in plain_text(end_doc(tl, save)) if line.strip()]
    return "\n".join(out) + "\n"
