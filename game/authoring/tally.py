"""A playtest's summary built as its runs finish, in memory that does not grow with the runs.

Everything ``citizen playtest`` reports is a count, a sum or a distribution of small integers
(scores, virtues, money), so a :class:`Tally` keeps counters whose size depends on the
content (its events, choices, endings, the scores a life can end on, the openings it can
have), never on how many lives were played: the exact quantiles, means and standard
deviations come from value -> count tables. What needs the runs themselves keeps only a few:
the first ``sample`` sound lives (relived under the other cities, read for THEMES rows) and
the failed ones (each reported on its own).

Tallies of disjoint runs merge (each worker of ``--jobs N`` tallies its own runs), and the
report does not depend on the order runs were added or merged: ties are broken by the index
of the run that first met them, as a pass over the runs in index order would.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from operator import itemgetter
from typing import Any

from . import follow_ups
from .campaign import OPENING_TURNS, SAMPLE

# --------------------------------------------------------------------------- distributions


def dist(counts: dict[int, int]) -> dict[str, float]:
    """``{mean, std, min, p10, median, p90, max}`` of the values ``counts`` holds (value ->
    how many times), exactly what the same statistics of the list of values give."""
    n = sum(counts.values())
    if not n:
        return {}
    values = sorted(counts)
    sx = sum(v * k for v, k in counts.items())
    sxx = sum(v * v * k for v, k in counts.items())

    def q(p: float) -> float:
        rank = min(n - 1, int(p * (n - 1) + 0.5))  # the nearest rank, as in the sorted list
        seen = 0
        for v in values:
            seen += counts[v]
            if seen > rank:
                return v
        return values[-1]

    std = _sqrt_fraction(n * sxx - sx * sx, n * n) if n > 1 else 0.0
    return {"mean": round(sx / n, 2), "std": round(std, 2), "min": values[0], "p10": q(0.1),
            "median": q(0.5), "p90": q(0.9), "max": values[-1]}


def _sqrt_fraction(num: int, den: int) -> float:
    """The square root of ``num / den`` correctly rounded to a float, as ``statistics.pstdev``
    gives it for integers (round to odd at 109 bits, then one rounding to 53)."""
    if num == 0:
        return 0.0
    g = math.gcd(num, den)
    num, den = num // g, den // g
    width = 2 * 53 + 3
    q = (num.bit_length() - den.bit_length() - width) // 2
    if q >= 0:
        return (_isqrt_odd(num, den << 2 * q) << q) / 1
    return _isqrt_odd(num << -2 * q, den) / (1 << -q)


def _isqrt_odd(n: int, m: int) -> int:
    a = math.isqrt(n // m)
    return a | (a * a * m != n)


def mean(total: int, n: int) -> float:
    """``statistics.fmean`` of ``n`` integers that sum to ``total`` (an exact sum, one division)."""
    return total / n


# --------------------------------------------------------------------------- per strategy


class StrategyTally:
    """What one strategy's runs came to."""

    def __init__(self) -> None:
        self.runs = 0
        self.completed = 0
        self.score: Counter = Counter()
        self.tiers: Counter = Counter()
        self.virtues: dict[str, int] = {}  # virtue -> its sum over completed runs
        self.virtue_total: Counter = Counter()
        self.money: Counter = Counter()
        self.endings: Counter = Counter()
        self.ending_first: dict[str | None, int] = {}  # ending -> the first run (index) that reached it
        self.guide_followed = 0
        self.guide_offered = 0
        self.empty_turns = 0
        self.gaming: Counter = Counter()  # metric-gaming index of a run with forks -> runs
        self.forks = 0

    def add(self, r: Any) -> None:
        self.runs += 1
        if r.problem is not None:
            return
        self.completed += 1
        self.score[r.score] += 1
        self.tiers[r.tier] += 1
        for k, v in r.virtues.items():
            self.virtues[k] = self.virtues.get(k, 0) + v
        self.virtue_total[r.virtue_total] += 1
        self.money[r.money] += 1
        self.endings[r.ending] += 1
        if r.ending not in self.ending_first or r.index < self.ending_first[r.ending]:
            self.ending_first[r.ending] = r.index
        self.guide_followed += r.guide_followed
        self.guide_offered += r.guide_offered
        self.empty_turns += r.empty_turns
        if r.forks:
            self.gaming[round(100 * r.gamed / r.forks)] += 1
        self.forks += r.forks

    def merge(self, o: "StrategyTally") -> None:
        self.runs += o.runs
        self.completed += o.completed
        for mine, theirs in ((self.score, o.score), (self.tiers, o.tiers), (self.virtue_total, o.virtue_total),
                             (self.money, o.money), (self.endings, o.endings), (self.gaming, o.gaming)):
            mine.update(theirs)
        for k, v in o.virtues.items():
            self.virtues[k] = self.virtues.get(k, 0) + v
        for e, i in o.ending_first.items():
            if e not in self.ending_first or i < self.ending_first[e]:
                self.ending_first[e] = i
        self.guide_followed += o.guide_followed
        self.guide_offered += o.guide_offered
        self.empty_turns += o.empty_turns
        self.forks += o.forks

    def report(self, tier_order: list[str]) -> dict[str, Any]:
        n = self.completed
        # Counter.most_common keeps first-seen order among equals: seen in run order
        endings = Counter({e: self.endings[e] for e in sorted(self.endings, key=self.ending_first.__getitem__)})
        gaming_runs = sum(self.gaming.values())
        return {
            "runs": self.runs,
            "completed": n,
            "score": dist(self.score),
            "tiers": {t: self.tiers[t] for t in tier_order if self.tiers[t]},
            "virtues": {k: round(mean(self.virtues[k], n), 2) for k in sorted(self.virtues)} if n else {},
            "virtue_total": dist(self.virtue_total),
            "money": dist(self.money),
            "endings": {k: {"runs": c, "share": round(c / n, 4) if n else 0.0} for k, c in endings.most_common()},
            "guide_followed": round(self.guide_followed / max(1, self.guide_offered), 4),
            "empty_turns": round(mean(self.empty_turns, n), 3) if n else 0.0,
            "metric_gaming": {
                "mean": round(mean(sum(v * k for v, k in self.gaming.items()), gaming_runs), 1) if gaming_runs else None,
                "runs_with_forks": gaming_runs,
                "forks_mean": round(mean(self.forks, n), 2) if n else 0.0,
            },
        }


# --------------------------------------------------------------------------- the whole playtest

_EVENT = itemgetter(1)  # of a decision (turn, event, choice)
_EVENT_CHOICE = itemgetter(1, 2)


class Tally:
    """Everything a playtest reports, built one run at a time (see the module's docstring)."""

    def __init__(self, strategies: list[str], sample: int = SAMPLE) -> None:
        self.strategies = list(strategies)
        self.sample_size = sample
        self.runs = 0
        self.per = {s: StrategyTally() for s in self.strategies}
        self.offered: Counter = Counter()  # event -> decisions made on it (and failed at it)
        self.chosen: Counter = Counter()  # (event, choice) -> taken
        self.open: Counter = Counter()  # (event, choice) -> offered open
        self.endings: Counter = Counter()  # ending -> sound runs that reached it
        self.openings: Counter = Counter()  # the first OPENING_TURNS events of a sound run -> runs
        self.displaced: Counter = Counter()  # (follow-up, displaced event) -> runs
        self.missed: Counter = Counter()  # of those, runs where the displaced event never came up again
        self.problems: list[Any] = []  # the failed runs
        self._sample: list[tuple[int, int, Any]] = []  # max-heap on index: (-index, index, run)
        #: The other cities' rulebooks, when the playtest has read them already (not merged)
        self.others: dict[str, Any] | None = None

    def add(self, r: Any) -> None:
        self.runs += 1
        per = self.per.get(r.strategy)
        if per is None:  # not setdefault: that makes a tally for every run, to throw away
            per = self.per[r.strategy] = StrategyTally()
        per.add(r)
        self.offered.update(map(_EVENT, r.decisions))  # Counter.update counts in C
        self.chosen.update(map(_EVENT_CHOICE, r.decisions))
        if r.failing:
            self.offered[r.failing[1]] += 1
        self.open.update(r.available)
        if getattr(r, "displaced", None):  # (of_run makes two dicts, empty for most runs)
            for pair, missed in follow_ups.of_run(r).items():
                self.displaced[pair] += 1
                self.missed[pair] += missed
        if r.problem is not None:
            self.problems.append(_slim(r))
            return
        if r.ending:
            self.endings[r.ending] += 1
        self.openings[tuple(ev for _, ev, _ in r.decisions[:OPENING_TURNS])] += 1
        self._keep(r)

    def _keep(self, r: Any) -> None:
        """Keep ``r`` if it is among the first ``sample`` sound runs so far."""
        if self.sample_size <= 0:
            return
        item = (-r.index, r.index, _slim(r))
        if len(self._sample) < self.sample_size:
            heapq.heappush(self._sample, item)
        elif r.index < self._sample[0][1]:
            heapq.heapreplace(self._sample, item)

    def merge(self, o: "Tally") -> None:
        self.runs += o.runs
        for s, t in o.per.items():
            self.per.setdefault(s, StrategyTally()).merge(t)
        for mine, theirs in ((self.offered, o.offered), (self.chosen, o.chosen), (self.open, o.open),
                             (self.endings, o.endings), (self.openings, o.openings),
                             (self.displaced, o.displaced), (self.missed, o.missed)):
            mine.update(theirs)
        self.problems += o.problems
        for _, _, r in o._sample:
            self._keep(r)

    def sample_reach(self) -> float:
        """The highest run index that could still be among the sample (all, until it is full)."""
        if self.sample_size <= 0:
            return -1
        return self._sample[0][1] if len(self._sample) >= self.sample_size else math.inf

    def sample(self, size: int | None = None) -> list[Any]:
        """The first ``size`` (default: all kept) sound runs, in index order."""
        runs = [r for _, _, r in sorted(self._sample, key=lambda item: item[1])]
        return runs if size is None else runs[:size]

    def failed(self) -> list[Any]:
        return sorted(self.problems, key=lambda r: r.index)

    # ---- the report's parts

    def variety(self) -> dict[str, Any]:
        total = sum(self.openings.values())
        top = max(self.openings.values(), default=0)
        return {"opening_turns": OPENING_TURNS, "distinct_openings": len(self.openings),
                "most_common_opening_share": round(top / total, 4) if total else 0.0}

    def follow_ups(self, once_only: set[str]) -> list[dict[str, Any]]:
        d, m = self.displaced, self.missed
        return [{"follow_up": f, "displaced": o, "lives": n, "missed": m[(f, o)]}
                for (f, o), n in sorted(d.items(), key=lambda kv: (-m[kv[0]], -kv[1], kv[0]))
                if m[(f, o)] or o in once_only]

    def coverage(self, scenario: Any) -> dict[str, Any]:
        events: list[dict[str, Any]] = []
        for cev in scenario.events.values():
            choices = [{"id": c.id, "chosen": self.chosen[(cev.id, c.id)], "available": self.open[(cev.id, c.id)]}
                       for c in cev.choices]
            events.append({"id": cev.id, "offered": self.offered[cev.id], "file": cev.model._file,
                           "path": cev.model._path, "choices": choices})
        ends = [{"id": en.id, "reached": self.endings[en.id], "file": en.model._file, "path": en.model._path}
                for en in scenario.endings]
        never = ([{"kind": "event", "id": e["id"]} for e in events if not e["offered"]]
                 + [{"kind": "choice", "id": f"{e['id']}.{c['id']}", "available": c["available"]}
                    for e in events if e["offered"] for c in e["choices"] if not c["chosen"]]
                 + [{"kind": "ending", "id": en["id"]} for en in ends if not en["reached"]])
        return {"never_reached": never, "events": events, "endings": ends}


class _Slim:
    """What the report needs of a run it keeps (sampled, or failed): no coverage lists."""

    __slots__ = ("index", "strategy", "seed", "decisions", "problem", "detail", "failing", "saved", "full_lives")

    def __init__(self, r: Any) -> None:
        self.index, self.strategy, self.seed = r.index, r.strategy, r.seed
        self.decisions, self.problem, self.detail = r.decisions, r.problem, r.detail
        self.failing, self.saved = r.failing, r.saved
        #: other city id -> a full life there (see campaign.full_lives), when worked out already
        self.full_lives: dict[str, bool] | None = getattr(r, "full_lives", None)

    def __getstate__(self) -> tuple:
        return tuple(getattr(self, k) for k in self.__slots__)

    def __setstate__(self, state: tuple) -> None:
        for k, v in zip(self.__slots__, state):
            setattr(self, k, v)


def _slim(r: Any) -> Any:
    return r if isinstance(r, _Slim) else _Slim(r)
