"""The same life under another rulebook: both lives side by side, and where they part.

Plain data (no Textual, no I/O) so the viewer, ``citizen replay --text`` and the end-of-run
report can all present it. Both lives are rebuilt with :func:`game.engine.relive.relive`
from the same decisions and seed.

Honesty rules for presenting a comparison:

* Rows exist only for decisions that were actually made. After the parting turn the other
  life has no cell: its citizen would have faced other choices, which nobody made.
* Each life's final figures are "as far as it goes": the end of the run, or the state
  at the start of the turn where it parted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engine.outcome import Decision, TurnResult
from ..engine.relive import Parting, Relived, relive
from ..report.notices import choice_words, notice_text
from ..scenario.content import Rulebook, Scenario


@dataclass(frozen=True)
class Cell:
    """One life at one turn."""

    score_before: int
    score: int
    tier: str
    tier_label: str
    followed_guide: bool | None  # did the recorded choice match this city's Guide?
    notices: tuple[str, ...]  # what this city's system said, with points

    @property
    def delta(self) -> int:
        return self.score - self.score_before


@dataclass(frozen=True)
class CompareRow:
    turn: int
    event: str
    event_title: str
    choice: str
    choice_text: str
    a: Cell | None
    b: Cell | None  # None: the lives had parted by this turn


#: Where the other life stopped following the recording, and why (``kind``: ended,
#: other_event, not_offered, locked), as the engine found it.
Parted = Parting


@dataclass(frozen=True)
class LifeSummary:
    rulebook: str
    title: str
    city: str
    decisions: int  # recorded decisions this life lived through
    turn: int  # the turn it reached
    score: int
    tier: str
    tier_label: str
    finished: bool
    ending: str | None
    ending_title: str
    parted: Parted | None
    rules: Rulebook = field(repr=False, compare=False)  # whose words its notices and locks are in


@dataclass(frozen=True)
class Comparison:
    scenario: str
    scenario_title: str
    seed: int
    a: LifeSummary  # the life as recorded (its own rulebook)
    b: LifeSummary  # the same decisions under the other rulebook
    rows: tuple[CompareRow, ...]

    @property
    def parting(self) -> Parted | None:
        return self.b.parted

    @property
    def same_all_the_way(self) -> bool:
        return self.b.parted is None and self.a.parted is None


def compare(scenario: Scenario, recorded: Rulebook, other: Rulebook, seed: int,
            decisions: list[Decision]) -> Comparison:
    """Relive ``decisions`` under ``recorded`` (life A) and ``other`` (life B)."""
    la = relive(scenario, recorded, seed, decisions)
    lb = relive(scenario, other, seed, decisions)
    rows = []
    for i, d in enumerate(decisions):
        ra = la.results[i] if i < len(la.results) else None
        rb = lb.results[i] if i < len(lb.results) else None
        if ra is None and rb is None:
            break
        rows.append(CompareRow(d.turn, d.event, _event_title(scenario, d.event), d.choice,
                               choice_words(scenario, d.event, d.choice),
                               _cell(scenario, recorded, ra), _cell(scenario, other, rb)))
    return Comparison(scenario.id, scenario.title, seed, _summary(scenario, recorded, la),
                      _summary(scenario, other, lb), tuple(rows))


def _cell(scenario: Scenario, rb: Rulebook, r: TurnResult | None) -> Cell | None:
    if r is None:
        return None
    notes = tuple(notice_text(n, scenario, rb) for n in r.notices if n.kind != "story")
    return Cell(r.score_before, r.score_after, r.tier_after, _tier_label(rb, r.tier_after), r.followed_guide, notes)


def _summary(scenario: Scenario, rb: Rulebook, life: Relived) -> LifeSummary:
    g = life.game
    s = g.state
    en = g.ending()
    parted = life.parting
    return LifeSummary(rb.id, rb.title, rb.meta.city, len(life.results), s.turn, s.score, s.tier,
                       _tier_label(rb, s.tier), s.finished, s.ending, en.title if en else "", parted, rb)


def _tier_label(rb: Rulebook, tier: str) -> str:
    return next((t.label for t in rb.model.tier if t.id == tier), tier)


def _event_title(scenario: Scenario, eid: str) -> str:
    ev = scenario.events.get(eid)
    return ev.model.title if ev else eid


# --------------------------------------------------------------------------- text


def render_text(c: Comparison, scenario: Scenario, width: int = 100) -> str:
    """The comparison as plain text (``citizen replay --rulebook OTHER --text``), worded by
    :func:`game.report.replay.compare_text`."""
    from ..report.replay import compare_text

    return compare_text(c, scenario, width)
