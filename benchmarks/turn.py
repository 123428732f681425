"""One turn (the offer, then the decision, which draws the next event) of a generated
scenario at 5,000 and 20,000 events, against the same generator at 20 events.

    python benchmarks/turn.py [--lives 12]

Lives are played with seeded random choices under the default rulebook; each turn's CPU
time is measured (``time.process_time``), so load on the machine does not count. After the
clock stops, the events that could come up that turn (window open, condition true, not on
cooldown, and of the highest priority that has any) are counted, to set the cost of a turn beside them rather than beside the
scenario's size. See ``synthetic.py`` for the scenario's shape.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from _common import Row, mb, pct

import playtest
import synthetic


def can_come_up(g) -> int:
    """Events the next draw could pick: the eligible ones of the highest priority that has
    any (queued follow-ups aside). Counted by testing every event, outside the clock."""
    bands: dict[int, int] = {}
    for ev in g.scenario.events.values():
        if g._eligible(ev):
            bands[ev.model.priority] = bands.get(ev.model.priority, 0) + 1
    return bands[max(bands)] if bands else 0


def lives(path: Path, n: int, count_eligible: bool = True) -> dict:
    from game.engine.game import Game
    from game.scenario.library import open_rulebook, open_scenario

    sc = open_scenario(path)
    rb = open_rulebook("points_city", sc.lexicon)
    times: list[float] = []
    eligible: list[int] = []
    for seed in range(n):
        g = Game(sc, rb, seed)
        pick = random.Random(seed)
        while True:
            c0 = time.process_time()
            offer = g.offer()
            if offer is None:
                break
            g.decide(pick.choice([c for c in offer.choices if c.lock is None]).id)
            times.append(time.process_time() - c0)
            if count_eligible and not g.finished and seed < 3:
                eligible.append(can_come_up(g))
    return {"times": times, "eligible": sum(eligible) / max(1, len(eligible)), "events": len(sc.events)}


def playtest_peak_kb(path: Path, runs: int) -> float:
    """Peak memory (KB) of ``citizen playtest PATH --runs N --jobs 2``: the larger of the
    process's and its workers' (see playtest.command)."""
    return playtest.command(str(path), runs)["peak_kb"]


def measure(n: int = 12, memory: bool = True) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="citizen-synth-") as tmp:
        got = {size: lives(synthetic.write(Path(tmp), size), n) for size in (20, 5000, 20000)}
        # a large story's playtest must not grow with its runs either (each life meets new
        # combinations of events: whatever is remembered across lives has to stay bounded)
        peaks = {runs: playtest_peak_kb(Path(tmp) / "synthetic_5000.toml", runs) for runs in (100, 1000)} if memory else {}
    small, mid, big = got[20], got[5000], got[20000]
    p = {k: (pct(v["times"], 50), pct(v["times"], 95)) for k, v in got.items()}
    grow_cost = p[20000][0] / p[5000][0]
    grow_eligible = big["eligible"] / max(1e-9, mid["eligible"])
    return [
        Row("one turn, generated 5,000-event scenario, p95 (CPU)", f"{p[5000][1] * 1000:.2f} ms (p50 {p[5000][0] * 1000:.2f})",
            f"20 events: p95 {p[20][1] * 1000:.2f} ms (p50 {p[20][0] * 1000:.2f})", "<= 2 ms", p[5000][1] <= 0.002),
        Row("  at 20,000 events, p95 (CPU)", f"{p[20000][1] * 1000:.2f} ms (p50 {p[20000][0] * 1000:.2f})",
            f"5,000: p95 {p[5000][1] * 1000:.2f} ms", "-"),
        Row("  20,000 / 5,000: cost (p50) against events that can come up",
            f"{grow_cost:.2f}x cost", f"{grow_eligible:.2f}x eligible ({mid['eligible']:.0f} -> {big['eligible']:.0f}), 4x size",
            "cost grows with eligible, not size", grow_cost <= max(1.3, 1.25 * grow_eligible)),
    ] + ([
        Row("  playtest of the 5,000-event scenario, peak memory at 1,000 runs",
            f"{mb(peaks[1000])} ({peaks[1000] / peaks[100]:.2f}x)", f"100 runs: {mb(peaks[100])}", "<= 1.2x",
            peaks[1000] / peaks[100] <= 1.2),
    ] if peaks else [])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lives", type=int, default=12)
    ap.add_argument("--no-memory", action="store_true", help="leave out the playtest's peak memory (two commands)")
    args = ap.parse_args()
    for r in measure(args.lives, memory=not args.no_memory):
        print(f"{r.figure:<58} {r.value:<24} anchor: {r.anchor:<36} goal {r.goal}: {r.mark()}")


if __name__ == "__main__":
    main()
