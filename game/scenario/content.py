"""Content as the engine uses it: checked, indexed, conditions compiled.

Built only by :mod:`game.scenario.loader`. Holds no state of a run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .conditions import Condition
from .models import (
    Behaviour,
    Calendar,
    Catalogue,
    Choice,
    Citizen,
    Ending,
    Event,
    RulebookFile,
    ScenarioMeta,
    Service,
    Value,
)


@dataclass
class CompiledChoice:
    model: Choice
    show_if: Condition | None
    enable_if: Condition | None
    id: str = field(init=False, repr=False, compare=False)  # the model's id, read every turn

    def __post_init__(self) -> None:
        self.id = self.model.id


@dataclass
class CompiledEvent:
    model: Event
    when: Condition | None
    choices: list[CompiledChoice]
    order: int  # position in the scenario, for stable tie-breaking
    id: str = field(init=False, repr=False, compare=False)  # the model's id, read every turn
    once: bool = field(init=False, repr=False, compare=False)  # the model's, read every turn
    cooldown: int = field(init=False, repr=False, compare=False)  # the model's, read every turn
    _by_id: tuple = field(init=False, repr=False, compare=False)  # (choices, id -> choice)

    def __post_init__(self) -> None:
        self.id = self.model.id
        self.once = self.model.once
        self.cooldown = self.model.cooldown
        self._by_id = (None, {})

    def choice(self, choice_id: str) -> CompiledChoice | None:
        listed, by_id = self._by_id
        if listed is not self.choices:  # built on first use, again if the list is replaced
            by_id = {}
            for c in self.choices:
                by_id.setdefault(c.id, c)
            self._by_id = (self.choices, by_id)
        return by_id.get(choice_id)


@dataclass
class CompiledEnding:
    model: Ending
    when: Condition | None
    id: str = field(init=False, repr=False, compare=False)  # the model's id

    def __post_init__(self) -> None:
        self.id = self.model.id


@dataclass
class Lexicon:
    """The shared vocabulary, indexed."""

    catalogue: Catalogue
    content_hash: str = ""
    #: The catalogue file that failed to load (this lexicon is then empty), or None.
    failed: str | None = None
    behaviours: dict[str, Behaviour] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.behaviours = {b.id: b for b in self.catalogue.behaviour}
        self.services = {s.id: s for s in self.catalogue.service}

    @property
    def data_sources(self) -> set[str]:
        return {s for b in self.catalogue.behaviour for s in (b.discloses, b.withholds) if s}


@dataclass
class Scenario:
    meta: ScenarioMeta
    calendar: Calendar
    citizen: Citizen
    events: dict[str, CompiledEvent]
    endings: list[CompiledEnding]
    lexicon: Lexicon
    content_hash: str
    path: Path
    flags: frozenset[str]
    #: events indexed by priority (highest first), so selection stops at the first
    #: priority band that has an eligible event instead of testing every condition.
    by_priority: list[tuple[int, list[CompiledEvent]]] = field(default_factory=list)
    #: The scenario as it reads under each city's voice (see :mod:`game.scenario.voice`),
    #: and, on such a voiced copy, the scenario it was made from.
    voices: dict = field(default_factory=dict, repr=False, compare=False)
    source: "Scenario | None" = field(default=None, repr=False, compare=False)
    #: Indexes the engine derives from the content, built once (see
    #: :mod:`game.engine.selection`); each voiced copy builds its own.
    memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        bands: dict[int, list[CompiledEvent]] = {}
        for ev in self.events.values():
            bands.setdefault(ev.model.priority, []).append(ev)
        self.by_priority = sorted(bands.items(), key=lambda kv: -kv[0])
        self.due_events = [ev for ev in self.events.values() if ev.model.due]
        #: turn -> the due events whose last turn it is (when they must come up if they have not).
        self.due_by_turn: dict[int, list[CompiledEvent]] = {}
        for ev in self.due_events:
            self.due_by_turn.setdefault(ev.model.last_turn or self.calendar.turns, []).append(ev)
        #: Endings that can end a life at once, highest priority first (in file order among equals).
        self.immediate_endings = sorted((en for en in self.endings if en.model.immediate and en.when is not None),
                                        key=lambda en: -en.model.priority)
        #: The others, the same way: the life's ending when the calendar runs out.
        self.final_endings = sorted((en for en in self.endings if not (en.model.immediate and en.when is not None)),
                                    key=lambda en: -en.model.priority)
        self.ending_by_id: dict[str, CompiledEnding] = {}
        for en in self.endings:
            self.ending_by_id.setdefault(en.id, en)
        self._by_turn: dict[int, list[list[CompiledEvent]]] = {}

    def bands_for_turn(self, turn: int) -> list[list[CompiledEvent]]:
        """Priority bands (highest first) holding only events whose turn window covers
        ``turn``; built once per turn number, so a turn tests only events that could come up."""
        bands = self._by_turn.get(turn)
        if bands is None:
            bands = []
            for _priority, band in self.by_priority:
                live = [ev for ev in band if ev.model.first_turn <= turn
                        and (ev.model.last_turn is None or turn <= ev.model.last_turn)]
                if live:
                    bands.append(live)
            self._by_turn[turn] = bands
        return bands

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass
class Rulebook:
    model: RulebookFile
    lexicon: Lexicon
    content_hash: str
    path: Path
    values: dict[str, list[Value]] = field(default_factory=dict)
    #: Tables the engine derives from the rules, built once and shared by every life judged
    #: under this rulebook (see :class:`game.engine.judge.Tables`); not part of the content.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for v in self.model.value:
            self.values.setdefault(v.behaviour, []).append(v)
        for vs in self.values.values():
            vs.sort(key=lambda v: v.from_turn)

    @property
    def id(self) -> str:
        return self.model.rulebook.id

    @property
    def title(self) -> str:
        return self.model.rulebook.title

    @property
    def meta(self):
        return self.model.rulebook

    def value_for(self, behaviour: str, turn: int) -> Value | None:
        """The rule in force for a behaviour at a turn (the latest that has started)."""
        found = None
        for v in self.values.get(behaviour, ()):
            if v.from_turn <= turn and (v.until_turn is None or turn <= v.until_turn):
                found = v
        return found

    def is_hidden(self, item) -> bool:
        t = self.model.rulebook.transparency
        return t == "secret" or (t == "partial" and bool(getattr(item, "hidden", False)))

    def mentions(self) -> set[str]:
        m = self.lexicon
        out = set(self.values)
        for bl in self.model.blacklist:
            out |= set(bl.triggers) | set(bl.lifted_by)
        sources = {o.source for o in self.model.data_offer}
        for b in m.behaviours.values():
            if b.discloses in sources or b.withholds in sources:
                out.add(b.id)
        return out
