"""A run as a timeline of turns, with instant seeking.

Built in one pass over the decisions, keeping a snapshot of the state every ``every``
decisions (keyframes). Showing turn *i* restores the nearest keyframe at or before it and
replays at most ``every`` decisions, so seeking costs the same anywhere in a long run.

Pure: no I/O, no Textual. The viewer, the ``--text`` printer and the tests all read
:class:`TurnView` objects from here.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from ..engine.game import Game
from ..engine.outcome import Decision, Notice, Offer, TurnResult
from ..engine.relive import Parting
from ..engine.state import CitizenState, Record
from ..report.notices import choice_text, choice_words
from ..scenario.content import Rulebook, Scenario

DEFAULT_EVERY = 8


@dataclass(frozen=True)
class Row:
    """One line of the timeline list (cheap: kept for every turn)."""

    index: int
    turn: int
    event: str
    event_title: str
    choice: str
    choice_text: str
    followed_guide: bool | None
    score_before: int
    score_after: int
    tier_after: str
    checksum: str
    in_sync: bool | None = None  # against the save's checksum, when one was given

    @property
    def delta(self) -> int:
        return self.score_after - self.score_before


@dataclass(frozen=True)
class TurnView:
    """Everything about one turn: what was offered, what was chosen, what the system did."""

    index: int
    turn: int
    offer: Offer  # the event and every choice offered, locked ones with their reasons
    decision: Decision
    result: TurnResult  # changes, notices, score and tier before and after
    money_before: int
    money_after: int
    records_added: tuple[Record, ...]  # what the system wrote down this turn (and at the next turn's start)
    records_struck: tuple[Record, ...]  # records removed on appeal this turn
    opening: tuple[Notice, ...] = ()  # for the first turn: what happened before it
    in_sync: bool | None = None

    @property
    def chosen(self):
        return self.offer.choice(self.decision.choice)

    @property
    def delta(self) -> int:
        return self.result.score_after - self.result.score_before

    @property
    def unannounced(self) -> int:
        """Points that moved with no notice saying so (e.g. a listing's extra record)."""
        said = sum(n.points for n in self.result.notices)
        return self.delta - said


@dataclass(frozen=True)
class End:
    """Where the timeline stops: an ending, a run in progress, or a parting."""

    finished: bool
    ending: str | None
    ending_title: str
    ending_text: str
    turn: int
    score: int
    tier: str
    money: int
    next_offer: Offer | None  # for a run in progress: the event waiting for a decision
    parting: Parting | None


@dataclass
class Timeline:
    scenario: Scenario = field(repr=False)
    rulebook: Rulebook = field(repr=False)
    seed: int
    decisions: list[Decision] = field(repr=False)
    every: int = DEFAULT_EVERY
    expected: list[str] | None = None  # saved checksums, one per decision
    rows: list[Row] = field(default_factory=list, repr=False)
    opening: tuple[Notice, ...] = field(default=(), repr=False)
    parting: Parting | None = None
    end: End | None = None
    _keys: dict[int, CitizenState] = field(default_factory=dict, repr=False)
    _game: Game | None = field(default=None, repr=False)
    _cache: dict[int, TurnView] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.every = max(1, int(self.every))
        game = Game(self.scenario, self.rulebook, self.seed)
        self._game = game
        self.opening = tuple(game.opening)
        for i, d in enumerate(self.decisions):
            if i % self.every == 0:
                self._keys[i] = game.snapshot()
            offer = game.offer()
            problem = _mismatch(self.scenario, offer, d)
            if problem is not None:
                self.parting = problem
                break
            result = game.decide(d.choice)
            assert offer is not None  # _mismatch said it could be decided
            self.rows.append(self._row(i, offer, result))
        self.end = self._end(game)
        self.decisions = list(self.decisions[: len(self.rows)])

    # ------------------------------------------------------------------ reading

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def keyframes(self) -> list[int]:
        return sorted(self._keys)

    def index_of_turn(self, turn: int) -> int | None:
        """The position of the decision made in ``turn`` (or the nearest one after it)."""
        for r in self.rows:
            if r.turn >= turn:
                return r.index
        return None

    def view(self, index: int) -> TurnView:
        """Turn ``index`` in full: restore the nearest keyframe, replay at most ``every`` decisions."""
        if not 0 <= index < len(self.rows):
            raise IndexError(index)
        hit = self._cache.get(index)
        if hit is not None:
            return hit
        game = self._game
        assert game is not None
        start = max(k for k in self._keys if k <= index)
        game.restore(self._keys[start])
        for j in range(start, index):
            game.decide(self.decisions[j].choice)
        state = game.state
        offer = game.offer()
        assert offer is not None
        money_before = state.money
        n_before = len(state.records)
        removed_before = {r.id for r in state.records if r.removed}
        result = game.decide(self.decisions[index].choice)
        state = game.state
        view = TurnView(
            index=index, turn=result.turn, offer=offer, decision=self.decisions[index], result=result,
            money_before=money_before, money_after=state.lines[-1].money,
            records_added=tuple(copy.copy(r) for r in state.records[n_before:]),
            records_struck=tuple(copy.copy(r) for r in state.records[:n_before] if r.removed and r.id not in removed_before),
            opening=self.opening if index == 0 else (),
            in_sync=self.rows[index].in_sync,
        )
        if len(self._cache) > 64:
            self._cache.clear()
        self._cache[index] = view
        return view

    def state_after(self, index: int) -> CitizenState:
        """A copy of the state after decision ``index`` (``-1``: before the first)."""
        game = self._game
        assert game is not None
        if index < 0:
            return self._keys[0].copy() if self._keys else game.snapshot()
        start = max(k for k in self._keys if k <= index)
        game.restore(self._keys[start])
        for j in range(start, index + 1):
            game.decide(self.decisions[j].choice)
        return game.snapshot()

    def first_out_of_sync(self) -> Row | None:
        return next((r for r in self.rows if r.in_sync is False), None)

    # ------------------------------------------------------------------ building

    def _row(self, i: int, offer: Offer, result: TurnResult) -> Row:
        chosen = offer.choice(result.choice_id)
        in_sync = None
        if self.expected is not None and i < len(self.expected):
            in_sync = self.expected[i] == result.checksum
        return Row(i, result.turn, offer.event_id, offer.title, result.choice_id,
                   choice_text(chosen, self.scenario.calendar.unit) if chosen else
                   choice_words(self.scenario, offer.event_id, result.choice_id), result.followed_guide,
                   result.score_before, result.score_after, result.tier_after, result.checksum, in_sync)

    def _end(self, game: Game) -> End:
        s = game.state
        en = game.ending()
        return End(
            finished=s.finished, ending=s.ending, ending_title=en.title if en else "",
            ending_text=en.text if en else "", turn=s.turn, score=s.score, tier=s.tier, money=s.money,
            next_offer=None if s.finished else game.offer(), parting=self.parting,
        )


def _mismatch(scenario: Scenario, offer: Offer | None, d: Decision) -> Parting | None:
    """Why a recorded decision cannot be applied to this offer (None: it can), as facts
    (:func:`game.report.replay.parting_words` words them)."""
    if offer is None:
        return Parting(d.turn, d.event, d.choice, None, "ended")
    if offer.event_id != d.event or offer.turn != d.turn:
        return Parting(d.turn, d.event, d.choice, offer.event_id, "other_event", None, offer.turn)
    view = offer.choice(d.choice)
    if view is None:
        return Parting(d.turn, d.event, d.choice, offer.event_id, "not_offered")
    if view.lock is not None:
        return Parting(d.turn, d.event, d.choice, offer.event_id, "locked", view.lock)
    return None


def for_save(run, every: int = DEFAULT_EVERY) -> Timeline:
    """The timeline of an opened save (:class:`game.runs.store.OpenedRun`), checked against its checksums."""
    save = run.save
    return Timeline(run.scenario, run.rulebook, save.seed, save.decisions(), every=every,
                    expected=[t.checksum for t in save.turns])
