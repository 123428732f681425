"""Prints: headless complete runs per second of the shipped scenario (random choices), and
cold start to the first interactive frame, as a ratio against a bare Textual app.

    python benchmarks/run_speed.py [--runs N] [--starts N]

Figures, not assertions: run it on the machine you care about.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time

from game.engine.game import Game
from game.scenario.library import open_rulebook, open_scenario, rulebooks


def complete_runs(scenario, rulebook, n: int) -> float:
    pick = random.Random(1)
    t0 = time.perf_counter()
    for seed in range(n):
        g = Game(scenario, rulebook, seed)
        while (offer := g.offer()) is not None:
            g.decide(pick.choice([c.id for c in offer.choices if c.available]))
    return n / (time.perf_counter() - t0)


BARE = """
import time, asyncio
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("hello")
async def main():
    async with Bare().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""

CITIZEN = """
import asyncio
from game.tui.app import CitizenApp
async def main():
    app = CitizenApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""


def cold_start(code: str, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=300)
    ap.add_argument("--starts", type=int, default=5)
    args = ap.parse_args()
    scenario = open_scenario("eastgate")
    print(f"Headless complete runs of '{scenario.id}' ({scenario.calendar.turns} turns), random choices:")
    for entry in rulebooks():
        rb = open_rulebook(entry.id, scenario.lexicon)
        print(f"  {entry.id:<18} {complete_runs(scenario, rb, args.runs):8.0f} runs/s")
    bare = cold_start(BARE, args.starts)
    ours = cold_start(CITIZEN, args.starts)
    print(f"Cold start to first interactive frame (median of {args.starts}, headless 80x24):")
    print(f"  bare Textual app   {bare * 1000:7.0f} ms")
    print(f"  Model Citizen      {ours * 1000:7.0f} ms   ratio {ours / bare:.2f}x")


if __name__ == "__main__":
    main()
