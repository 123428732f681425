"""Cold start to the first interactive frame, and peak memory at start, against a bare
Textual app (Header, Static, Footer) measured in the same run.

    python benchmarks/startup.py [--repeat N]

Each start is a fresh interpreter running the app headless at 80x24. The clock runs from
just before the process is spawned to the first frame the app draws with its Footer on the
screen (the title screen for Model Citizen, which first does what ``citizen`` alone does
before it opens the TUI; ``citizen play``, which builds the whole command line parser first,
is measured beside); the CPU time is the process's own up to that frame (until 2026-12-02 it
was read at the process's exit, which adds closing the app: printed beside); memory is the
process's peak RSS once that frame is drawn. Bare
and Model Citizen starts alternate, so load on the machine falls on both alike; medians.
"""

from __future__ import annotations

import argparse
import tempfile
import time

from _common import Row, child, mb, median

HARNESS = """
import asyncio, os, time, resource
from textual.widgets import Footer

def spy(app):
    orig = app._display
    def display(screen, renderable):
        if renderable is not None and "first_frame" not in OUT and screen.query(Footer):
            OUT["first_frame"] = time.time() - float(os.environ["BENCH_T0"])
            OUT["rss_at_frame_kb"] = peak_kb()
            _ru = resource.getrusage(resource.RUSAGE_SELF)
            OUT["cpu_at_frame"] = _ru.ru_utime + _ru.ru_stime
        return orig(screen, renderable)
    app._display = display
    return app

async def main():
    app = spy(make())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(50):
            if "first_frame" in OUT:
                break
            await pilot.pause(0.01)
asyncio.run(main())
"""

BARE = """
from textual.app import App
from textual.widgets import Footer, Header, Static

class Bare(App):
    BINDINGS = [("q", "quit", "Quit")]
    def compose(self):
        yield Header()
        yield Static("hello")
        yield Footer()

def make():
    return Bare()
""" + HARNESS

CITIZEN = """
import os
import game.cli
from game import places, start_up
# what `citizen` alone does before it opens the TUI (game.cli.main): the collector paused for
# the start (resumed by the app once its first frame is drawn; since 2026-12-02), its
# arguments, without building every command's parser, and the content folder checked
start_up.pause()
game.cli.plain_play([])
places.content_problem()
from game.tui.app import CitizenApp

def make():
    return CitizenApp(saves=os.environ["BENCH_SAVES"])
""" + HARNESS

#: `citizen play` (any command line but `citizen` alone) builds the whole command line parser
#: first: printed beside, as the figure was measured before `citizen` alone stopped building it.
CITIZEN_PLAY = CITIZEN.replace("game.cli.plain_play([])", "game.cli.build_parser()")


def one(code: str, saves: str) -> dict:
    return child(code, env={"BENCH_T0": repr(time.time()), "BENCH_SAVES": saves})


def measure(repeat: int = 7) -> list[Row]:
    bare: list[dict] = []
    ours: list[dict] = []
    play: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="citizen-bench-") as saves:
        one(CITIZEN, saves)  # warm the .pyc files and the file cache
        one(CITIZEN_PLAY, saves)
        one(BARE, saves)
        for _ in range(repeat):
            bare.append(one(BARE, saves))
            ours.append(one(CITIZEN, saves))
            play.append(one(CITIZEN_PLAY, saves))
    b_t, o_t = median([r["first_frame"] for r in bare]), median([r["first_frame"] for r in ours])
    b_c, o_c = median([r["cpu_at_frame"] for r in bare]), median([r["cpu_at_frame"] for r in ours])
    p_c = median([r["cpu_at_frame"] for r in play])
    b_x, o_x = median([r["cpu"] for r in bare]), median([r["cpu"] for r in ours])
    b_m, o_m = median([r["rss_at_frame_kb"] for r in bare]), median([r["rss_at_frame_kb"] for r in ours])
    return [
        Row("cold start to first frame, headless (wall, median)", f"{o_t:.2f} s ({o_t / b_t:.2f}x)",
            f"bare app {b_t:.2f} s", "<= 1.3x", o_t / b_t <= 1.3),
        Row("  the same, CPU time to the first frame", f"{o_c:.2f} s ({o_c / b_c:.2f}x)", f"bare app {b_c:.2f} s",
            "<= 1.3x", o_c / b_c <= 1.3),
        Row("  CPU to the first frame, `citizen play`", f"{p_c:.2f} s ({p_c / b_c:.2f}x)",
            f"bare app {b_c:.2f} s"),
        Row("  CPU of the whole process, to its exit (before)", f"{o_x:.2f} s ({o_x / b_x:.2f}x)",
            f"bare app {b_x:.2f} s"),
        Row("peak memory at start", f"{mb(o_m)} ({o_m / b_m:.2f}x)", f"bare app {mb(b_m)}", "<= 1.3x",
            o_m / b_m <= 1.3),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    for r in measure(args.repeat):
        print(f"{r.figure:<55} {r.value:<22} anchor: {r.anchor:<20} goal {r.goal}: {r.mark()}")


if __name__ == "__main__":
    main()
