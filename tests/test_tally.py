"""A playtest's tally (game/authoring/tally.py) reports what a pass over every run reports,
whatever order the runs come in and however they are split between workers, in memory that
does not hold the runs."""

from __future__ import annotations

import random
import statistics
from collections import Counter

from hypothesis import given, settings, strategies as st

from game.authoring import playtest
from game.authoring.playtest import play_many, play_tally, report, summarise
from game.authoring.tally import Tally, _sqrt_fraction, dist

ALL = list(playtest.STRATEGIES)


def _reference_dist(values: list[int]) -> dict[str, float]:
    """The distribution as the playtest computed it from the list of every run's value."""
    if not values:
        return {}
    v = sorted(values)

    def q(p: float) -> float:
        return v[min(len(v) - 1, int(p * (len(v) - 1) + 0.5))]

    std = statistics.pstdev(v) if len(v) > 1 else 0.0
    return {"mean": round(statistics.fmean(v), 2), "std": round(std, 2), "min": v[0], "p10": q(0.1),
            "median": q(0.5), "p90": q(0.9), "max": v[-1]}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-10**6, 10**6), max_size=60) | st.lists(st.integers(-3, 3), max_size=400))
def test_a_distribution_from_counts_is_the_distribution_of_the_values(values):
    got = dist(Counter(values))
    assert got == _reference_dist(values)
    if len(values) > 1:  # the standard deviation itself, before rounding, to the last bit
        n, sx, sxx = len(values), sum(values), sum(x * x for x in values)
        assert _sqrt_fraction(n * sxx - sx * sx, n * n) == statistics.pstdev(values)


def test_the_tally_reports_what_the_list_of_runs_reports_in_any_order(shipped_scenario, shipped_rulebooks):
    rb = shipped_rulebooks["points_city"]
    runs = play_many(shipped_scenario, rb, 120, ALL, 4)
    want = summarise(shipped_scenario, rb, runs, ALL, 4)
    shuffled = runs[:]
    random.Random(1).shuffle(shuffled)
    parts = [Tally(ALL, sample=30) for _ in range(4)]  # a small sample: kept runs must be the first
    for k, r in enumerate(shuffled):
        parts[k % 4].add(r)
    whole = Tally(ALL, sample=30)
    for part in reversed(parts):
        whole.merge(part)
    got = report(shipped_scenario, rb, whole, 4)
    assert {k: v for k, v in got.items() if k != "other_cities"} == {k: v for k, v in want.items() if k != "other_cities"}
    assert [r.index for r in whole.sample()] == [r.index for r in runs if r.problem is None][:30]


def test_workers_tally_what_one_process_plays(shipped_scenario, shipped_rulebooks, monkeypatch):
    rb = shipped_rulebooks["credit_platform"]
    monkeypatch.setattr(playtest, "CHUNK", 7)  # many chunks, some after the sample is settled
    one = report(shipped_scenario, rb, play_tally(shipped_scenario, rb, 90, ALL, 2, jobs=1, sample=20), 2)
    two = report(shipped_scenario, rb, play_tally(shipped_scenario, rb, 90, ALL, 2, jobs=2, sample=20), 2)
    assert one == two and all(c["runs"] == 20 for c in one["other_cities"].values())
    full = report(shipped_scenario, rb, play_tally(shipped_scenario, rb, 90, ALL, 2, jobs=2), 2)
    assert full == summarise(shipped_scenario, rb, play_many(shipped_scenario, rb, 90, ALL, 2), ALL, 2)


def test_a_tally_keeps_no_run_beyond_its_sample_and_the_failed(shipped_scenario, shipped_rulebooks):
    rb = shipped_rulebooks["rule_of_law"]
    tally = play_tally(shipped_scenario, rb, 60, ALL, 3, sample=10)
    assert len(tally.sample()) == 10 and not tally.failed()
    assert tally.runs == 60 and sum(t.runs for t in tally.per.values()) == 60
    assert not any(hasattr(r, "available") for r in tally.sample())  # slim: no coverage lists kept


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 2**300), st.integers(1, 2**200))
def test_the_square_root_is_correctly_rounded_for_any_fraction(num, den):
    reference = getattr(statistics, "_float_sqrt_of_frac", None)
    if reference is None:  # pragma: no cover - another Python: compare with the decimal module
        import decimal
        with decimal.localcontext() as ctx:
            ctx.prec = 200
            want = float((decimal.Decimal(num) / decimal.Decimal(den)).sqrt())
    else:
        from fractions import Fraction
        f = Fraction(num, den)
        want = reference(f.numerator, f.denominator)
    assert _sqrt_fraction(num, den) == want
