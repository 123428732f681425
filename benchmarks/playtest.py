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
(7,000-11,800 a second on a loaded machine of this kind, 20,400 on a quiet one). It is quoted
unless a ChoiceScript checkout is given (``--choicescript DIR``, or ``CHOICESCRIPT_DIR``: a
folder holding ``randomtest.js``, ``headless.js``, ``seedrandom.js`` and ``web/`` with the
sample game ``web/mygame``; none of it is part of this project). Then randomtest is run with
Node in the same sitting, between the rounds of the cells here, and its rate is printed beside
ours: its decisions are the options it picks (one ``*choice`` line each in its own output), per
CPU second of the run less a one-iteration run (Node's start and the game's loading).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import time

from _common import Row, child, mb

COMMAND = """
import sys
from game.cli import main
sys.stdout = open("/dev/null", "w")
OUT["exit"] = main(ARGS)
"""


def randomtest_rate(folder: str, iterations: int = 20_000) -> float:
    """ChoiceScript's randomtest on its sample game: options picked per CPU second of Node,
    beyond a one-iteration run."""
    def run(n: int) -> tuple[float, int]:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = subprocess.run(["node", "randomtest.js", f"num={n}", "seed=0", "showText=false",
                              "avoidUsedOptions=false", "showCoverage=false"],
                             cwd=folder, capture_output=True, text=True, check=True).stdout
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return cpu, out.count(" *choice ")
    base, _ = run(1)
    cpu, decisions = run(iterations)
    return decisions / (cpu - base)


def decisions_per_second(scenario_id: str, seconds: float, rounds: int = 5,
                         choicescript: str | None = None, anchor: list[float] | None = None) -> dict[tuple[str, str], float]:
    """Each rulebook x strategy's rate: warmed by 30 lives first (so the first cell of a
    rulebook does not pay the caches the others find made), then ``rounds`` rounds that each
    give every cell ``seconds / rounds`` CPU seconds in turn; a cell's rate is its median
    round. Interleaved rounds keep a burst of load on a shared machine to one round of a few
    cells instead of a whole cell (one cell measured once moved 12,600-18,200/s between runs)."""
    from statistics import median

    from game.authoring.playtest import STRATEGIES, play_one, run_seed
    from game.scenario.library import open_rulebook, open_scenario, rulebooks

    sc = open_scenario(scenario_id)
    cells = [(entry.id, open_rulebook(entry.id, sc.lexicon), strat) for entry in rulebooks() for strat in STRATEGIES]
    played = {(rb_id, strat): 0 for rb_id, _, strat in cells}
    for rb_id, rb, strat in cells:
        for n in range(30):
            play_one(sc, rb, n, strat, run_seed(1, n))
    got: dict[tuple[str, str], list[float]] = {(rb_id, strat): [] for rb_id, _, strat in cells}
    for _ in range(rounds):
        for rb_id, rb, strat in cells:
            n = played[(rb_id, strat)]
            decisions = 0
            c0 = time.process_time()
            while time.process_time() - c0 < seconds / rounds:
                r = play_one(sc, rb, n, strat, run_seed(1, n))
                assert r.problem is None, r.detail
                decisions += len(r.decisions)
                n += 1
            got[(rb_id, strat)].append(decisions / (time.process_time() - c0))
            played[(rb_id, strat)] = n
        if choicescript and anchor is not None:  # randomtest between the rounds: the same sitting
            anchor.append(randomtest_rate(choicescript))
    return {k: median(v) for k, v in got.items()}


def command(scenario_id: str, runs: int, jobs: int = 2) -> dict:
    got = child(f"ARGS = {['playtest', scenario_id, '--runs', str(runs), '--jobs', str(jobs), '--format', 'json']!r}\n"
                + COMMAND)
    got["all_cpu"] = got["cpu"] + got["children_cpu"]
    got["peak_kb"] = max(got["maxrss_kb"], got["children_maxrss_kb"])
    return got


def measure(runs: int = 10_000, big: int = 100_000, seconds: float = 1.0, scenario: str = "eastgate",
            choicescript: str | None = None) -> list[Row]:
    from statistics import median

    choicescript = choicescript or os.environ.get("CHOICESCRIPT_DIR") or None
    anchor: list[float] = []
    rates = decisions_per_second(scenario, seconds, choicescript=choicescript, anchor=anchor)
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
    if anchor:
        cs = median(anchor)
        rows.append(Row("  slowest cell against randomtest, run in this sitting", f"{rates[slow] / cs:.2f}x",
                        f"randomtest {cs:,.0f}/s (median of {len(anchor)}: {min(anchor):,.0f}..{max(anchor):,.0f})",
                        ">= 1x (goal 2x)", rates[slow] >= cs))
    for rb, vs in by_rb.items():
        rows.append(Row(f"  {rb}: slowest .. fastest strategy", f"{min(vs):,.0f} .. {max(vs):,.0f}/s"))
    # the commands as fresh processes, three of each alternated: the median by wall clock
    pairs = [(command(scenario, 1_000), command(scenario, runs)) for _ in range(3)]
    small = sorted((p[0] for p in pairs), key=lambda g: g["wall"])[1]
    main = sorted((p[1] for p in pairs), key=lambda g: g["wall"])[1]
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
    ap.add_argument("--seconds", type=float, default=1.0, help="CPU seconds per rulebook x strategy (over five rounds)")
    ap.add_argument("--scenario", default="eastgate")
    ap.add_argument("--choicescript", metavar="DIR", help="a ChoiceScript checkout: run its randomtest as the anchor")
    args = ap.parse_args()
    for r in measure(args.runs, args.big, args.seconds, args.scenario, args.choicescript):
        print(f"{r.figure:<58} {r.value:<18} anchor: {r.anchor:<28} goal {r.goal}: {r.mark()}")


if __name__ == "__main__":
    main()
