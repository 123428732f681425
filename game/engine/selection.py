"""Which events a turn has to test: an index by turn window, priority band and the flags and
seen events an event's condition requires.

Selection itself (:meth:`game.engine.game.Game._draw_event`) is unchanged: the highest
priority band with an eligible event, a draw by weight among that band's eligible events in
the order they are written. The index only leaves out events that cannot be eligible this
turn: those whose window does not cover it, and those whose condition is a conjunction one of
whose terms is ``flags.NAME`` (or ``'ID' in seen``) when that flag is not set (or that event
has not been seen). What is left is tested as before, so the cost of a turn grows with the
events that can come up, not with the size of the scenario. Built once per scenario, at the
first turn a life plays.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..scenario.conditions import Node
from ..scenario.content import CompiledEvent, Scenario
from .readers import direct


def gate(node: Node | None) -> tuple[str, str] | None:
    """``("flag", NAME)`` or ``("seen", ID)`` when the condition cannot hold unless that flag is
    set or that event has been seen (a term of its top-level ``and``); None otherwise."""
    if node is None:
        return None
    terms: list[Node] = []
    todo = [node]
    while todo:
        n = todo.pop()
        if n.kind == "binary" and n.op == "and":
            todo.extend(reversed(n.children))
        else:
            terms.append(n)
    for t in terms:
        if t.kind == "name" and isinstance(t.value, str) and t.value.startswith("flags."):
            return ("flag", t.value[len("flags."):])
    for t in terms:
        if (t.kind == "binary" and t.op == "in" and t.children[0].kind == "str"
                and t.children[1].kind == "name" and t.children[1].value == "seen"):
            return ("seen", str(t.children[0].value))
    return None


#: Most combinations of gated events a band remembers (see Band._merged).
MERGED_LIMIT = 64


@dataclass
class Band:
    """One priority band at one turn: the events whose window covers the turn, in the order
    written, split by what their condition requires."""

    order: dict[str, int] = field(default_factory=dict)  # event id -> position in the band
    open: list[CompiledEvent] = field(default_factory=list)  # no flag or seen event required
    by_flag: dict[str, list[CompiledEvent]] = field(default_factory=dict)
    by_seen: dict[str, list[CompiledEvent]] = field(default_factory=dict)
    _rows: list[tuple] | None = field(default=None, repr=False, compare=False)  # the open events' rows
    _row_of: dict[str, tuple] = field(default_factory=dict, repr=False, compare=False)  # any event's row
    #: the gated events a turn lets in (as found) -> the band's rows then. A band is one turn, so
    #: this pays only across lives: in a small story they meet the same few combinations; in
    #: a large one nearly every life meets a new one, so it is emptied when it reaches
    #: MERGED_LIMIT (kept, it grew with every life a playtest played)
    _merged: dict[tuple, tuple[list, list[tuple]]] = field(default_factory=dict, repr=False, compare=False)

    def candidates(self, flags: Iterable[str], seen: Iterable[str]) -> list[CompiledEvent]:
        """Every event of the band that may be eligible given the flags set and the events
        seen, in the band's order."""
        return [row[0] for row in self.rows(flags, seen)]

    def rows(self, flags: Iterable[str], seen: Iterable[str]) -> list[tuple]:
        """:meth:`candidates`, each as the row a turn tests: (event, id, once, cooldown, its
        ``when`` as a direct reader or None, weight)."""
        if self._rows is None:
            self._rows = [_row(ev) for ev in self.open]
        if not self.by_flag and not self.by_seen:
            return self._rows
        more: list[CompiledEvent] = []
        if self.by_flag:
            for f in flags:
                got = self.by_flag.get(f)
                if got:
                    more += got
        if self.by_seen:
            for e in seen:
                got = self.by_seen.get(e)
                if got:
                    more += got
        if not more:
            return self._rows
        key = tuple(map(id, more))  # the events are kept with the rows: no id is reused meanwhile
        merged = self._merged.get(key)
        if merged is not None:
            return merged[1]
        if len(self._merged) >= MERGED_LIMIT:
            self._merged.clear()
        order = self.order
        row_of = self._row_of
        out = []
        for ev in sorted(self.open + more, key=lambda ev: order[ev.id]):
            row = row_of.get(ev.id)
            if row is None or row[0] is not ev:
                row = row_of[ev.id] = _row(ev)
            out.append(row)
        self._merged[key] = (more, out)
        return out


def _row(ev: CompiledEvent) -> tuple:
    return (ev, ev.id, ev.once, ev.cooldown, direct(ev.when) if ev.when is not None else None, ev.model.weight)


class Selection:
    """Per turn, its priority bands (highest first) as :class:`Band`\\ s."""

    def __init__(self, scenario: Scenario) -> None:
        last = scenario.calendar.turns
        self.turns: dict[int, list[Band]] = {}
        for _priority, events in scenario.by_priority:
            bands: dict[int, Band] = {}
            for ev in events:
                m = ev.model
                hi = last if m.last_turn is None else min(m.last_turn, last)
                if hi < m.first_turn:
                    continue
                g = gate(ev.when.node if ev.when is not None else None)
                for turn in range(m.first_turn, hi + 1):
                    band = bands.get(turn)
                    if band is None:
                        band = bands[turn] = Band()
                    band.order[ev.id] = len(band.order)
                    if g is None:
                        band.open.append(ev)
                    else:
                        (band.by_flag if g[0] == "flag" else band.by_seen).setdefault(g[1], []).append(ev)
            for turn, band in bands.items():
                self.turns.setdefault(turn, []).append(band)

    def bands(self, turn: int) -> list[Band]:
        return self.turns.get(turn, [])

    @staticmethod
    def of(scenario: Scenario) -> "Selection":
        got = scenario.memo.get("selection")
        if got is None:
            got = scenario.memo["selection"] = Selection(scenario)
        return got
