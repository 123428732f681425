"""Headless playtests: many lives played by simple strategies, to find what is never reached,
what crashes, and whether the rules reward gaming over virtue.

A run is fully determined by (scenario, rulebook, strategy, seed). Run ``i`` of a playtest
plays strategy ``strategies[i % k]`` on the seed derived from (base seed, ``i // k``), so every
strategy lives the same worlds (the same chance draws), and the results do not depend on how
runs are spread over processes: ``--jobs 4`` gives exactly what ``--jobs 1`` gives.

Strategies choose among the choices the offer makes available:

* ``random``: any, uniformly.
* ``score``: the Guide's recommendation; when it has none, the best expected points under the
  whole rulebook (hidden rules included).
* ``virtue``: the choice whose effects add most to the hidden virtues (sum of ``effects.virtues``).
* ``thrifty``: the choice that leaves the most money (costs after price factors count).
* ``contrarian``: never the Guide's recommendation while there is another choice; WRITING.md
  says a player must not win by always doing the opposite of the Guide, and this tests it.

Ties and gaps are broken by a draw from the run's seed, so all of it replays.
"""

from __future__ import annotations

import gc
import hashlib
import math
import sys
import traceback
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any, Callable

from ..engine.forks import gamed, score_side
from ..engine.game import Game
from ..engine.guide import advise
from ..engine.outcome import ChoiceView, Decision, Offer
from ..engine.rng import Seeded, draw
from ..scenario.content import Rulebook, Scenario
from . import campaign, follow_ups
from .campaign import SAMPLE
from .playtest_text import balance_sentence, usual_tier
from .tally import StrategyTally, Tally

# --------------------------------------------------------------------------- strategies

Chooser = Callable[[Game, Offer, list[ChoiceView], Any], str]


def _random(game: Game, offer: Offer, available: list[ChoiceView], rng) -> str:
    return rng.choice(available).id


def _score(game: Game, offer: Offer, available: list[ChoiceView], rng) -> str:
    """The Guide's pick; when it has none (hidden rules, no visible difference) the bot games
    the metric with the whole rulebook, valued as the Guide values it, as an author asking
    "does my rulebook reward gaming?" needs, rather than playing blind."""
    guide = offer.guide
    if guide is not None:
        view = offer.choice(guide)
        if view is not None and view.lock is None:  # open: one of ``available``
            return guide
    derived = game.advice(offer).derived
    if derived.get("offer") is offer:  # the whole model's best at a shared offer: kept, see _best_kept
        best = derived.get("playtest:score")
        if best is None:
            best = derived["playtest:score"] = _whole_model_best(game, available)
        return best[0].id if len(best) == 1 else rng.choice(best).id
    return _best(available, _whole_model_values(game, available), rng)


def _whole_model_values(game: Game, available: list[ChoiceView]):
    ev = game.current_event()
    values = advise(game, ev, available, whole_model=True).values if ev is not None else {}
    return lambda v: values.get(v.id, 0.0)


def _whole_model_best(game: Game, available: list[ChoiceView]) -> list[ChoiceView]:
    return _best_views(available, _whole_model_values(game, available))


def _best(available: list[ChoiceView], key, rng) -> str:
    best = _best_views(available, key)
    # One best choice needs no draw: the draw is the decision's own, so not taking it changes
    # no other number of the run.
    return best[0].id if len(best) == 1 else rng.choice(best).id


def _best_views(available: list[ChoiceView], key) -> list[ChoiceView]:
    values = [key(v) for v in available]
    top = max(values)
    return [v for v, k in zip(available, values) if k == top]


def _best_kept(game: Game, offer: Offer, available: list[ChoiceView], rng, name: str, key) -> str:
    """:func:`_best` for a strategy whose ``key`` reads only the event's choices and their
    costs: at an offer shared by many lives (every choice open, see Game.offer) the best
    choices are the same every time, so they are kept with its advice."""
    derived = game.advice(offer).derived
    if derived.get("offer") is offer:
        best = derived.get(name)
        if best is None:
            best = derived[name] = _best_views(available, key)
    else:
        best = _best_views(available, key)
    return best[0].id if len(best) == 1 else rng.choice(best).id


class _DrawWhenAsked:
    """The decision's draw (``draw(seed, turn, purpose)``), made only if a strategy asks for
    it: most decisions of the strategies that pick a best choice have one best. ``seed``: the
    run's seed, or its :class:`~game.engine.rng.Seeded` draws."""

    __slots__ = ("seed", "turn", "purpose", "_choice")

    def __init__(self, seed: "int | Seeded", turn: int, purpose: str) -> None:
        self.seed, self.turn, self.purpose = seed, turn, purpose
        self._choice = seed.choice if isinstance(seed, Seeded) else None  # the run's draws, bound once

    def choice(self, seq):
        if self._choice is not None:
            return self._choice(self.turn, self.purpose, seq)
        return draw(self.seed, self.turn, self.purpose).choice(seq)  # type: ignore[arg-type]


def _virtue(game: Game, offer: Offer, available: list[ChoiceView], rng) -> str:
    got = _per_choice(game, offer.event_id)
    return _best_kept(game, offer, available, rng, "playtest:virtue", lambda v: got.get(v.id, (0, 0))[0])


def _thrifty(game: Game, offer: Offer, available: list[ChoiceView], rng) -> str:
    got = _per_choice(game, offer.event_id)
    return _best_kept(game, offer, available, rng, "playtest:thrifty", lambda v: got.get(v.id, (0, 0))[1] - v.cost)


def _per_choice(game: Game, event_id: str) -> dict[str, tuple[int, int]]:
    """choice id -> (the sum of its virtue changes, the money it brings (0 for a cost)) for an
    event's choices: what ``virtue`` and ``thrifty`` weigh, the same in every life, so worked
    out once per event (kept with the scenario, whose content never changes)."""
    memo: dict[str, dict[str, tuple[int, int]]] | None = game.scenario.memo.get("playtest:per_choice")
    if memo is None:
        memo = game.scenario.memo["playtest:per_choice"] = {}
    got = memo.get(event_id)
    if got is None:
        got = memo[event_id] = {}
        for ch in game.scenario.events[event_id].choices:
            e = ch.model.effects
            got.setdefault(ch.id, (sum(e.virtues.values()), max(e.money, 0)))
    return got


def _contrarian(game: Game, offer: Offer, available: list[ChoiceView], rng) -> str:
    others = [v for v in available if v.id != offer.guide]
    return rng.choice(others or available).id


STRATEGIES: dict[str, Chooser] = {
    "random": _random,
    "score": _score,
    "virtue": _virtue,
    "thrifty": _thrifty,
    "contrarian": _contrarian,
}


def run_seed(base: int, game_index: int) -> int:
    """The seed of one game of a playtest: from the base seed and the game's index only."""
    digest = hashlib.sha256(f"playtest:{base}:{game_index}".encode()).digest()
    return int.from_bytes(digest[:6], "big")


def plan(runs: int, strategies: list[str], base_seed: int) -> list[tuple[int, str, int]]:
    """(index, strategy, seed) for every run."""
    return list(_plan(runs, strategies, base_seed))


def _plan(runs: int, strategies: list[str], base_seed: int, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """:func:`plan` from run ``start``, each made as it is asked for."""
    k = len(strategies)
    return ((i, strategies[i % k], run_seed(base_seed, i // k)) for i in range(start, runs))


# --------------------------------------------------------------------------- one run


@dataclass
class RunResult:
    index: int
    strategy: str
    seed: int
    decisions: list[tuple[int, str, str]] = field(default_factory=list)  # (turn, event, choice)
    available: list[tuple[str, str]] = field(default_factory=list)  # (event, choice) offered and open
    ending: str | None = None
    score: int = 0
    tier: str = ""
    money: int = 0
    virtues: dict[str, int] = field(default_factory=dict)
    last_turn: int = 0
    guide_offered: int = 0
    guide_followed: int = 0
    displaced: list[tuple[int, str, str]] = field(default_factory=list)  # (turn, follow-up, event it displaced)
    forks: int = 0  # decisions where the score and conscience preferred different choices
    gamed: int = 0  # of those, where the strategy took the score's side
    problem: str | None = None  # "exception" or "invariant"
    detail: str = ""
    failing: tuple[int, str, str] | None = None  # the decision being made when it failed
    saved: str | None = None

    @property
    def virtue_total(self) -> int:
        return sum(self.virtues.values())

    @property
    def empty_turns(self) -> int:
        return max(0, self.last_turn - len(self.decisions)) if self.problem is None else 0


class InvariantViolation(Exception):
    pass


_POINTS = attrgetter("points")
_UNKNOWN = object()  # see play_one
_REMOVED = attrgetter("removed")


def _check_invariants(game: Game, start_money: int, summed: list | None = None) -> None:
    """``summed``: what the last check of this life summed, kept by the caller ([records, how
    many, their total, the judge's count of records struck out then]). Records are only ever
    appended and a listed record's points change only when it is struck out, which the judge
    counts (``Judge.struck``): while that count stands, only the new records are added. The
    caller checks once more with a full sum at the end of the life."""
    s = game.state
    judge = game.judge
    recs = s.records
    # summed here, not by the judge: a check of its own tally (every record's points less those
    # struck out, each sum a loop in C)
    if summed is not None and summed[0] is recs and summed[3] == judge.struck and summed[1] <= len(recs):
        total = summed[2]
        for r in recs[summed[1]:]:
            if not r.removed:
                total += r.points
    else:
        total = sum(map(_POINTS, recs)) - sum(map(_POINTS, filter(_REMOVED, recs)))
    if summed is not None:
        summed[:] = (recs, len(recs), total, judge.struck)
    total += judge.meta.start_score
    score = s.score
    if score != total:
        raise InvariantViolation(f"score {score} is not the sum of the records ({total})")
    tier = judge.t.tier_of.get(score)  # judge.tier_for, as it remembers it
    if tier is None:
        tier = judge.tier_for(score)
    if s.tier != tier.id:
        raise InvariantViolation(f"tier {s.tier} does not match score {score} (expected {tier.id})")
    if s.money < 0 and start_money >= 0:
        raise InvariantViolation(f"money fell below zero ({s.money}): a choice was taken that the citizen could not afford")
    sc = game.scenario
    if s.turn > sc.calendar.turns:
        raise InvariantViolation(f"turn {s.turn} is past the calendar ({sc.calendar.turns})")
    if s.finished:
        if s.ending not in _ending_ids(sc):
            raise InvariantViolation(f"the run finished without a known ending ({s.ending!r})")
    elif s.current_event not in sc.events:
        raise InvariantViolation(f"the run is not finished but offers no event ({s.current_event!r})")


def play_one(scenario: Scenario, rulebook: Rulebook, index: int, strategy: str, seed: int,
             save_dir: Path | None = None, failures_dir: Path | None = None) -> RunResult:
    """Play one life to its end, checking invariants after every decision."""
    chooser = STRATEGIES[strategy]
    purpose = f"playtest:{strategy}"
    out = RunResult(index, strategy, seed)
    session: Any = None  # a runs.session.Session when every run is saved
    game: Game | None = None
    pending: tuple[int, str, str] | None = None
    try:
        # Checksums and words only when every run is saved (through a Session, which keeps
        # what a save is made of); a failed run is saved by living it again with both.
        if save_dir is not None:
            from ..runs.session import Session  # only a saved run needs one (imported here, as it
            #                                     is asked for, not at every life)

            session = Session(scenario, rulebook, seed, checksums=True, words=True)
            game = session.game
            decide = session.decide
        else:
            game = Game(scenario, rulebook, seed, checksums=False, words=False)
            decide = game.decide
        start_money = scenario.citizen.money
        summed: list = [None, 0, 0, 0]  # see _check_invariants
        _check_invariants(game, start_money, summed)
        limit = scenario.calendar.turns
        decisions, available_all, displaced = out.decisions, out.available, out.displaced
        offer_of, advice_of, state, rng = game.offer, game.advice, game.state, game.judge.rng
        follows = _follow_ups(game.scenario)
        asked = _DrawWhenAsked(rng, 0, purpose)
        while not state.finished:
            if len(decisions) >= limit:
                raise InvariantViolation(f"more than {limit} decisions in a {limit}-turn life")
            offer = offer_of()
            if offer is None:
                raise InvariantViolation("the run is not finished but there is no offer")
            event_id, turn = offer.event_id, offer.turn
            derived = advice_of(offer).derived
            shared: Any = derived.get("offer")
            if shared is offer:  # shared by many lives (see Game.offer): kept with it
                got = derived.get("playtest:open")
                if got is None:
                    got = derived["playtest:open"] = ([v for v in offer.choices if v.lock is None],
                                                      [(event_id, v.id) for v in offer.choices if v.lock is None])
                available = got[0]  # shared: the strategies only read it
                available_all += got[1]
            else:
                available = [v for v in offer.choices if v.lock is None]
                available_all += [(event_id, v.id) for v in available]
            if not available:
                raise InvariantViolation(f"stuck: event '{event_id}' in turn {turn} offers no choice that can be taken")
            asked.turn = turn  # the decision's draw, if the strategy asks: (seed, this turn, purpose)
            choice = chooser(game, offer, available, asked)
            # _count_fork, written out: it runs every decision (score_side, whose verdict is kept
            # with the advice, asked only when it is not there yet)
            best = derived.get("fork", _UNKNOWN)
            if best is _UNKNOWN:
                best = score_side(game, offer)
            if best is not None:
                out.forks += 1
                out.gamed += choice in best
            pending = (turn, event_id, choice)
            result = decide(choice, offer)
            pending = None
            decisions.append((result.turn, result.event_id, result.choice_id))
            if state.current_event in follows:
                displaced += follow_ups.displaced_now(game, result.event_id, result.choice_id)
            if result.guide is not None:
                out.guide_offered += 1
                out.guide_followed += int(bool(result.followed_guide))
            _check_invariants(game, start_money, summed)
        _check_invariants(game, start_money)  # the whole dossier summed again, once a life
    except InvariantViolation as exc:
        out.problem, out.detail = "invariant", str(exc)
    except Exception:
        out.problem, out.detail = "exception", traceback.format_exc(limit=8)
    out.failing = pending
    if game is not None:
        s = game.state
        out.ending, out.score, out.tier, out.money = s.ending, s.score, s.tier, s.money
        out.virtues = dict(s.virtues)
        out.last_turn = s.turn
        target = save_dir if save_dir is not None else (failures_dir if out.problem else None)
        if target is not None and (save_dir is not None or out.problem):
            if session is None or not session.game.checksums:
                session = _with_checksums(scenario, rulebook, seed, out.decisions)
            out.saved = save_run(session, target, out)
    return out


def _ending_ids(scenario: Scenario) -> frozenset[str]:
    got = scenario.memo.get("playtest:endings")
    if got is None:
        got = scenario.memo["playtest:endings"] = frozenset(e.id for e in scenario.endings)
    return got


def _follow_ups(scenario: Scenario) -> frozenset[str]:
    """Every event some choice names as its follow-up (``then``): only after a decision that
    leaves one of them offered can a follow-up have displaced anything."""
    got = scenario.memo.get("playtest:follow_ups")
    if got is None:
        got = scenario.memo["playtest:follow_ups"] = frozenset(
            ch.model.then for ev in scenario.events.values() for ch in ev.choices if ch.model.then)
    return got


def _with_checksums(scenario: Scenario, rulebook: Rulebook, seed: int, decisions: list[tuple[int, str, str]]):
    """The same run, lived again with a checksum after every decision, to be saved."""
    from ..runs.session import Session

    again, _parting = Session.from_decisions(scenario, rulebook, seed,
                                             [Decision(turn, ev, ch) for turn, ev, ch in decisions])
    return again


def save_run(session, folder: Path, result: RunResult) -> str:
    """Write the run as a save file that ``citizen replay`` can open."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{session.scenario.id}-{session.rulebook.id}-{result.strategy}-{result.index:05d}-{result.seed}.json"
    path = folder / name
    try:
        from ..runs.save import build_save, now
        from ..runs.store import write_atomic

        started = now()
        write_atomic(path, build_save(session, started=started, player=f"playtest:{result.strategy}").to_json())
    except ImportError:  # pragma: no cover - save format not available: a minimal replayable record
        import json

        path.write_text(json.dumps({
            "scenario": session.scenario.id, "rulebook": session.rulebook.id, "seed": session.seed,
            "decisions": [asdict(d) for d in session.decisions]}, indent=1))
    return str(path)


# --------------------------------------------------------------------------- many runs

_WORKER: dict[str, Any] = {}


def _load_pair(scenario_path: str, rulebook_path: str) -> tuple[Scenario, Rulebook]:
    from ..scenario.library import catalogue_for
    from ..scenario.loader import load_catalogue, load_rulebook, load_scenario

    sc = load_scenario(Path(scenario_path), load_catalogue(catalogue_for(Path(scenario_path))))
    rb = load_rulebook(Path(rulebook_path), sc.lexicon)
    return sc, rb


def _init_worker(pair: tuple[Scenario, Rulebook] | None, scenario_path: str, rulebook_path: str,
                 others: dict[str, Rulebook] | None = None) -> None:
    # A forked worker has the parent's content already (passed, not pickled); another loads it.
    _WORKER["pair"] = pair if pair is not None else _load_pair(scenario_path, rulebook_path)
    _WORKER["others"] = others
    # What the worker holds now (modules, content) lives as long as it does: kept out of the
    # garbage collector's passes, which then walk only what the runs make (and a forked
    # worker does not copy the parent's pages by touching their objects' headers).
    gc.freeze()


def _tally_chunk(start: int, stop: int, strategies: list[str], base_seed: int, save_dir: str | None,
                 failures_dir: str | None, sample: int) -> Tally:
    """Play runs ``start`` to ``stop - 1`` of a playtest and tally them (in a worker). The runs
    kept for the sample carry their verdicts under the other cities (``full_lives``), worked
    out here, in parallel with the other workers, rather than in the parent once every run is
    in."""
    sc, rb = _WORKER["pair"]
    tally = Tally(strategies, sample)
    for i, strat, seed in _plan(stop, strategies, base_seed, start):
        tally.add(play_one(sc, rb, i, strat, seed, Path(save_dir) if save_dir else None,
                           Path(failures_dir) if failures_dir else None))
    # Only runs among the first ``sample`` can be sure to be sampled; one after them is sampled
    # only when runs before it failed, and is then lived again by the parent.
    kept = [r for r in tally.sample() if r.index < sample]
    if kept:
        others = _WORKER.get("others")
        if others is None:
            others = _WORKER["others"] = campaign.shipped_others(sc, rb)
        for r in kept:
            r.full_lives = campaign.full_lives(sc, others, r)
    return tally


def play_many(scenario: Scenario, rulebook: Rulebook, runs: int, strategies: list[str], base_seed: int,
              jobs: int = 1, save_dir: Path | None = None, failures_dir: Path | None = None,
              progress: Callable[[int, int], None] | None = None) -> list[RunResult]:
    """Every run of a playtest, in index order, in one process (``jobs`` is accepted for the
    callers that pass it: the runs are the same however they are spread). A command line that
    plays many runs tallies them as they finish instead: :func:`play_tally`."""
    results: list[RunResult] = []
    for n, (i, strat, seed) in enumerate(_plan(runs, strategies, base_seed), 1):
        results.append(play_one(scenario, rulebook, i, strat, seed, save_dir, failures_dir))
        if progress:
            progress(n, runs)
    return results


def play_tally(scenario: Scenario, rulebook: Rulebook, runs: int, strategies: list[str], base_seed: int,
               jobs: int = 1, save_dir: Path | None = None, failures_dir: Path | None = None,
               progress: Callable[[int, int], None] | None = None, sample: int = SAMPLE) -> Tally:
    """Play every run of a playtest and tally it as it finishes (see :mod:`.tally`): memory
    does not grow with ``runs``. With ``jobs`` > 1 the runs are dealt to worker processes in
    chunks, a few at a time, and each worker sends back its chunk's tally; the result does not
    depend on ``jobs``. ``sample``: how many of the first sound runs to keep (other cities,
    THEMES rows)."""
    tally = Tally(strategies, sample)
    if jobs <= 1 or runs < 2:
        for n, (i, strat, seed) in enumerate(_plan(runs, strategies, base_seed), 1):
            tally.add(play_one(scenario, rulebook, i, strat, seed, save_dir, failures_dir))
            if progress:
                progress(n, runs)
        return tally
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, wait

    size = max(1, min(CHUNK, math.ceil(runs / (jobs * 8))))
    starts = _chunks(runs, size, jobs)
    forked = multiprocessing.get_start_method() == "fork"
    pending: dict[Any, int] = {}
    done = 0
    # the other cities the sample is lived again under (see _tally_chunk), read once, here,
    # when the workers are forked from this process
    others = campaign.shipped_others(scenario, rulebook) if forked and sample > 0 else None
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                             initargs=((scenario, rulebook) if forked else None,
                                       str(scenario.path), str(rulebook.path), others)) as pool:

        def submit() -> None:
            got = next(starts, None)
            if got is None:
                return
            start, stop = got
            # a chunk whose runs all come after the sample kept so far need keep none
            keep = sample if start <= tally.sample_reach() else 0
            fut = pool.submit(_tally_chunk, start, stop, strategies, base_seed,
                              str(save_dir) if save_dir else None, str(failures_dir) if failures_dir else None, keep)
            pending[fut] = stop - start

        for _ in range(2 * jobs):  # a few chunks in flight at a time: memory does not grow with runs
            submit()
        # What only the report needs is imported now, while the workers play, not before they
        # start or after they finish.
        from . import impossible  # noqa: F401
        while pending:
            finished, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            for fut in finished:
                count = pending.pop(fut)
                tally.merge(fut.result())
                done += count
                if progress:
                    progress(done, runs)
                submit()
    tally.others = others  # read once already (or None): the report compares against the same cities
    return tally


#: Most runs a worker plays before it sends its tally back.
CHUNK = 200


def _chunks(runs: int, size: int, jobs: int) -> Iterator[tuple[int, int]]:
    """(start, stop) of each chunk of runs, in order: ``size`` runs, fewer as the end nears (a
    share of what is left for each worker), so the workers finish together rather than one
    waiting out another's last full chunk."""
    start = 0
    while start < runs:
        n = max(1, min(size, math.ceil((runs - start) / (4 * jobs)), runs - start))
        if n < size:
            n = max(n, min(size, 20, runs - start))  # not so small that sending it back dominates
            if runs - start - n < min(size, 20):
                n = runs - start  # no crumb left over
        yield start, start + n
        start += n


# --------------------------------------------------------------------------- the metric-gaming index


def _count_fork(out: RunResult, game: Game, offer: Offer, choice: str) -> None:
    verdict = gamed(game, offer, choice)
    if verdict is not None:
        out.forks += 1
        out.gamed += int(verdict)


def summarise(scenario: Scenario, rulebook: Rulebook, results: list[RunResult], strategies: list[str],
              base_seed: int) -> dict[str, Any]:
    """Everything a playtest found, as plain data (the JSON output), from a list of runs."""
    tally = Tally(strategies)
    for r in results:
        tally.add(r)
    return report(scenario, rulebook, tally, base_seed)


def report(scenario: Scenario, rulebook: Rulebook, tally: Tally, base_seed: int) -> dict[str, Any]:
    """Everything a playtest found, as plain data (the JSON output), from its tally."""
    from .impossible import split_coverage  # only the report needs it (see play_tally)

    tier_order = [t.id for t in rulebook.model.tier]
    per = {strat: tally.per[strat].report(tier_order) if strat in tally.per else StrategyTally().report(tier_order)
           for strat in tally.strategies}
    coverage = split_coverage(tally.coverage(scenario), scenario, rulebook)
    problems = [{"index": r.index, "strategy": r.strategy, "seed": r.seed, "kind": r.problem,
                 "detail": r.detail, "failing_decision": list(r.failing) if r.failing else None,
                 "decisions": len(r.decisions), "saved": r.saved}
                for r in tally.failed()]
    others = tally.others
    if others is None:
        others = campaign.shipped_others(scenario, rulebook)
    return {
        "scenario": {"id": scenario.id, "title": scenario.title, "path": str(scenario.path)},
        "rulebook": {"id": rulebook.id, "title": rulebook.title, "path": str(rulebook.path)},
        "runs": tally.runs, "seed": base_seed, "strategies": tally.strategies,
        "per_strategy": per,
        "balance": balance(rulebook, per),
        "coverage": coverage,
        "follow_ups": tally.follow_ups({e.id for e in scenario.events.values() if e.model.once}),
        "problems": problems,
        # the campaign keys (see campaign.summary): variety, other_cities
        "variety": tally.variety(),
        "other_cities": campaign.other_cities(scenario, others, tally.sample(campaign.SAMPLE)),
    }


def balance(rulebook: Rulebook, per: dict[str, Any]) -> dict[str, Any] | None:
    """Does following the Guide out-score living by the virtues, by how much, at what cost?"""
    s, v = per.get("score"), per.get("virtue")
    if not s or not v or not s["completed"] or not v["completed"]:
        return None
    gs, vs = s["score"]["mean"], v["score"]["mean"]
    gv, vv = s["virtue_total"]["mean"], v["virtue_total"]["mean"]
    gap = gs - vs
    gt, vt = usual_tier(s["tiers"]), usual_tier(v["tiers"])
    # The gap counts only beyond chance and beyond 2% of the score's scale: twice the standard
    # error of the difference of the two means, or 2% of max(start score, |means|, 100).
    se = math.sqrt(s["score"]["std"] ** 2 / s["completed"] + v["score"]["std"] ** 2 / v["completed"])
    scale = max(abs(rulebook.meta.start_score), abs(gs), abs(vs), 100)
    margin = max(2 * se, 0.02 * scale)
    gs, vs, gv, vv, gap = (round(x, 1) for x in (gs, vs, gv, vv, gap))
    slight = abs(gap) < 0.05 * scale  # under 5% of the scale
    verdict = "even" if abs(gap) <= margin else ("gaming_pays" if gap > 0 else "virtue_pays")
    out = {"verdict": verdict, "slight": slight and verdict != "even", "margin": round(margin, 1),
           "score_strategy_mean": gs, "virtue_strategy_mean": vs, "gap": gap,
           "score_strategy_virtues": gv, "virtue_strategy_virtues": vv,
           "score_strategy_tier": gt, "virtue_strategy_tier": vt}
    out["sentence"] = balance_sentence(out, rulebook.title)
    return out


class Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, stream=None, width: int = 30) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        pct = int(done * 100 / total) if total else 100
        if pct == self._last and done != total:
            return
        self._last = pct
        filled = int(self.width * done / total) if total else self.width
        self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} runs")
        if done >= total:
            self.stream.write("\r" + " " * (self.width + 30) + "\r")
        self.stream.flush()
