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

from dataclasses import dataclass

from ..engine.outcome import Decision, TurnResult
from ..engine.relive import Relived, relive
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


@dataclass(frozen=True)
class Parted:
    """Where the other life stopped following the recording, and why."""

    turn: int
    reason: str
    event: str  # the recorded event
    choice: str  # the recorded choice
    offered_event: str | None  # what came up instead (None if that life had ended)


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

    @property
    def status(self) -> str:
        if self.parted is not None:
            return f"parted at turn {self.parted.turn}; figures as of then"
        if self.finished:
            return f"ended in turn {self.turn}: {self.ending_title or self.ending}"
        return f"in progress at turn {self.turn}"


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
                               _choice_text(scenario, d.event, d.choice),
                               _cell(recorded, ra), _cell(other, rb)))
    return Comparison(scenario.id, scenario.title, seed, _summary(scenario, recorded, la),
                      _summary(scenario, other, lb), tuple(rows))


def _cell(rb: Rulebook, r: TurnResult | None) -> Cell | None:
    if r is None:
        return None
    notes = tuple(f"{n.text}" for n in r.notices if n.kind != "story")
    return Cell(r.score_before, r.score_after, r.tier_after, _tier_label(rb, r.tier_after), r.followed_guide, notes)


def _summary(scenario: Scenario, rb: Rulebook, life: Relived) -> LifeSummary:
    g = life.game
    s = g.state
    en = g.ending()
    parted = None
    if life.parting is not None:
        p = life.parting
        reason = p.reason
        if p.offered_event is None and s.finished:
            reason = f"this life had already ended in turn {s.turn} ('{en.title if en else s.ending}')"
        parted = Parted(p.turn, reason, p.expected_event, p.expected_choice, p.offered_event)
    return LifeSummary(rb.id, rb.title, rb.meta.city, len(life.results), s.turn, s.score, s.tier,
                       _tier_label(rb, s.tier), s.finished, s.ending, en.title if en else "", parted)


def _tier_label(rb: Rulebook, tier: str) -> str:
    return next((t.label for t in rb.model.tier if t.id == tier), tier)


def _event_title(scenario: Scenario, eid: str) -> str:
    ev = scenario.events.get(eid)
    return ev.model.title if ev else eid


def _choice_text(scenario: Scenario, eid: str, cid: str) -> str:
    ev = scenario.events.get(eid)
    ch = ev.choice(cid) if ev else None
    return ch.model.text if ch else cid


# --------------------------------------------------------------------------- text


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def _cell_text(c: Cell | None) -> str:
    if c is None:
        return "-"
    guide = {True: " G", False: " ·", None: ""}[c.followed_guide]
    return f"{c.score:>6} ({c.delta:+d}) {c.tier}{guide}"


def render_text(c: Comparison, width: int = 100) -> str:
    """The comparison as plain text, for ``citizen replay --rulebook OTHER --text``."""
    a, b = c.a, c.b
    out = [f"{c.scenario_title}: the same decisions under two rulebooks (seed {c.seed})", ""]
    out.append(f"  A: {a.title} ({a.city}) - the life as recorded")
    out.append(f"  B: {b.title} ({b.city})")
    out.append("")
    col = 22
    lead = max(20, width - 2 * col - 10)
    out.append(f"{'turn':>4}  {'event / choice':<{lead}}  {'A score (change) tier':<{col}}  {'B score (change) tier':<{col}}")
    out.append("-" * min(width, 4 + 2 + lead + 2 + col + 2 + col))
    parted_shown = False
    for r in c.rows:
        what = _fit(f"{r.event_title} / {r.choice_text}", lead)
        out.append(f"{r.turn:>4}  {what:<{lead}}  {_cell_text(r.a):<{col}}  {_cell_text(r.b):<{col}}")
        if r.b is None and b.parted is not None and not parted_shown and r.turn >= b.parted.turn:
            out.append(f"{'':>4}  ^ B parts here: {b.parted.reason}")
            parted_shown = True
    if b.parted is not None and not parted_shown:
        out.append(f"{b.parted.turn:>4}  ^ B parts here: {b.parted.reason}")
    out.append("")
    out.append("G: the recorded choice was the Guide's pick in that city; ·: it was not.")
    out.append("")
    if b.parted is None and a.parted is None:
        out.append("The lives never part: every recorded decision could be made under both rulebooks.")
    elif b.parted is not None:
        out.append(f"The lives part at turn {b.parted.turn}: {b.parted.reason}.")
        out.append("After that turn the citizen under B would have faced other choices, which nobody made;")
        out.append("B's figures stop there.")
    if a.parted is not None:
        out.append(f"Note: the recorded life itself does not rebuild past turn {a.parted.turn}: {a.parted.reason}.")
    out.append("")
    for tag, life in (("A", a), ("B", b)):
        out.append(f"  {tag} {life.title}: score {life.score}, tier {life.tier} ({life.tier_label}), "
                   f"{life.decisions} decisions; {life.status}")
    return "\n".join(out) + "\n"
