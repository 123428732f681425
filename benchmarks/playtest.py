"""Prints how long ``citizen playtest`` takes for 10,000 runs with ``--jobs 2`` (and with
``--jobs 1`` for comparison), on the shipped scenario under the default rulebook, and checks
the two give the same report.

    python benchmarks/playtest.py [--runs 10000] [--rulebook ID] [--scenario ID] [--skip-single]

Equivalent to timing ``citizen playtest eastgate --runs 10000 --jobs 2 --format json``.
Figures, not assertions: run it on the machine you care about.
"""

from __future__ import annotations

import argparse
import os
import time

from game.authoring.playtest import STRATEGIES, play_many, summarise
from game.cli.common import default_rulebook
from game.scenario.library import open_rulebook, open_scenario


def timed(scenario, rulebook, runs: int, jobs: int) -> tuple[float, dict]:
    strategies = list(STRATEGIES)
    t0 = time.perf_counter()
    results = play_many(scenario, rulebook, runs, strategies, 1, jobs=jobs)
    report = summarise(scenario, rulebook, results, strategies, 1)
    return time.perf_counter() - t0, report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--scenario", default="eastgate")
    ap.add_argument("--rulebook", default=None)
    ap.add_argument("--skip-single", action="store_true", help="only time --jobs 2")
    args = ap.parse_args()
    scenario = open_scenario(args.scenario)
    rulebook = open_rulebook(args.rulebook or default_rulebook(), scenario.lexicon)
    print(f"{args.runs} playtest runs of {scenario.id} under {rulebook.id}, 5 strategies, "
          f"{os.cpu_count()} CPU(s)")
    two, report2 = timed(scenario, rulebook, args.runs, 2)
    print(f"  --jobs 2: {two:6.1f} s  ({args.runs / two:,.0f} runs/s)")
    if not args.skip_single:
        one, report1 = timed(scenario, rulebook, args.runs, 1)
        print(f"  --jobs 1: {one:6.1f} s  ({args.runs / one:,.0f} runs/s); speed-up {one / two:.2f}x")
        print(f"  same report with 1 and 2 jobs: {report1 == report2}")
    print(f"  problems: {len(report2['problems'])}")
    print(f"  {report2['balance']['sentence'] if report2['balance'] else ''}")


if __name__ == "__main__":
    main()
