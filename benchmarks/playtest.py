"""Headless playtests: decisions a second in one process under every shipped rulebook and
every strategy; ``citizen playtest`` of 10,000 runs with ``--jobs 2`` against the same
command at 1,000 runs; and the command's peak memory at 100,000 runs against 1,000.

    python benchmarks/playtest.py [--runs 10000] [--big 100000] [--seconds 1.0] [--scenario ID]

Decisions a second are counted over whole lives played by the playtest's own
``play_one`` (the path ``citizen playtest`` takes), per CPU second of this process, so a
loaded machine does not lower them. The commands run as fresh processes
(``citizen playtest SCENARIO --runs N --jobs 2 --format json``, output discarded); their
wall time, CPU time (the process and its workers) and peak memory (the larger of the
process and its biggest worker) are reported. No figure here is an assertion.

The issue's anchor for decisions a second is ChoiceScript's randomtest on its sample game
(7,000-11,800 a second on a loaded machine of this kind, 20,400 on a quiet one); it is quoted,
not run here.
"""

from __future__ import annotations

import argparse
import time

from _common import Row, child, mb

COMMAND = """
import sys
from game.cli import main
sys.stdout = open("/dev/null", "w")
OUT["exit"] = main(ARGS)
"""


def decisions_per_second(scenario_id: str, seconds: float) -> dict[tuple[str, str], float]:
    from game.authoring.playtest import STRATEGIES, play_one, run_seed
    from game.scenario.library import open_rulebook, open_scenario, rulebooks

    sc = open_scenario(scenario_id)
    out: dict[tuple[str, str], float] = {}
    for entry in rulebooks():
        rb = open_rulebook(entry.id, sc.lexicon)
        for strat in STRATEGIES:
            play_one(sc, rb, 0, strat, run_seed(1, 0))  # warm caches
            n = decisions = 0
            c0 = time.process_time()
            while time.process_time() - c0 < seconds:
                r = play_one(sc, rb, n, strat, run_seed(1, n))
                assert r.problem is None, r.detail
                decisions += len(r.decisions)
                n += 1
            out[(entry.id, strat)] = decisions / (time.process_time() - c0)
    return out


def command(scenario_id: str, runs: int, jobs: int = 2) -> dict:
    got = child(f"ARGS = {['playtest', scenario_id, '--runs', str(runs), '--jobs', str(jobs), '--format', 'json']!r}\n"
                + COMMAND)
    got["all_cpu"] = got["cpu"] + got["children_cpu"]
    got["peak_kb"] = max(got["maxrss_kb"], got["children_maxrss_kb"])
    return got


def measure(runs: int = 10_000, big: int = 100_000, seconds: float = 1.0, scenario: str = "eastgate") -> list[Row]:
    rates = decisions_per_second(scenario, seconds)
    slow = min(rates, key=rates.get)
    fast = max(rates, key=rates.get)
    by_rb: dict[str, list[float]] = {}
    for (rb, _s), v in rates.items():
        by_rb.setdefault(rb, []).append(v)
    rows = [
        Row("headless playtest, one process: slowest rulebook x strategy", f"{rates[slow]:,.0f}/s",
            "ChoiceScript randomtest 20,400/s quiet (quoted)", ">= 20,000 (goal 40,000)", rates[slow] >= 20_000),
        Row(f"  ({slow[0]}, {slow[1]}); fastest ({fast[0]}, {fast[1]})", f"{rates[fast]:,.0f}/s"),
    ]
    for rb, vs in by_rb.items():
        rows.append(Row(f"  {rb}: slowest .. fastest strategy", f"{min(vs):,.0f} .. {max(vs):,.0f}/s"))
    small = command(scenario, 1_000)
    main = command(scenario, runs)
    rows += [
        Row(f"citizen playtest, {runs:,} runs, --jobs 2 (wall)", f"{main['wall']:.1f} s",
            f"1,000 runs: {small['wall']:.1f} s", "<= 3 s", main["wall"] <= 3),
        Row("  the same, CPU of the process and its workers", f"{main['all_cpu']:.1f} s",
            f"1,000 runs: {small['all_cpu']:.1f} s", "<= 6 s (3 s x 2 cores)", main["all_cpu"] <= 6),
    ]
    if big:
        large = command(scenario, big)
        ratio = large["peak_kb"] / small["peak_kb"]
        rows.append(Row(f"  peak memory at {big:,} runs", f"{mb(large['peak_kb'])} ({ratio:.2f}x)",
                        f"1,000 runs: {mb(small['peak_kb'])}", "<= 1.2x", ratio <= 1.2))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--big", type=int, default=100_000, help="runs for the memory figure (0: skip)")
    ap.add_argument("--seconds", type=float, default=1.0, help="CPU seconds per rulebook x strategy")
    ap.add_argument("--scenario", default="eastgate")
    args = ap.parse_args()
    for r in measure(args.runs, args.big, args.seconds, args.scenario):
        print(f"{r.figure:<58} {r.value:<18} anchor: {r.anchor:<28} goal {r.goal}: {r.mark()}")


if __name__ == "__main__":
    main()
