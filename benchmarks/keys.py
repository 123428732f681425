"""A key on the play screen to its last repaint, the Footer's rebuilds per key, and memory
over six lives played in one sitting, against a bare Textual app (Header, Static, Footer)
given the same number of keys in the same run.

    python benchmarks/keys.py [--lives 6]

Model Citizen is driven headless at 80x24 through Textual's Pilot, as a player would: on an
event a digit for an open choice (seeded), on a report Enter, on an ending ``a`` (live
again) and Enter on the question of which city (the same one), for ``--lives`` lives of
Eastgate under the default rulebook, autosaving as the game does. For every key: the time
from the press to the last frame the app drew for it (the app is then left until it has been
idle for 150 ms), and the process's CPU time over the same span; "choosing" keys are the digits. The Footer's rebuilds are counted as its recomposes;
memory is the resident size after a full garbage collection at the end of each life; the
FooterKey widgets alive are counted after every key (outside the timed span). Each app runs in a fresh interpreter.
"""

from __future__ import annotations

import argparse

from _common import Row, child, mb, pct

HARNESS = """
import asyncio, gc, os, time, random
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

STAMPS = []
RECOMPOSES = [0]
_orig_recompose = Widget.recompose
async def recompose(self):
    if isinstance(self, Footer):
        RECOMPOSES[0] += 1
    return await _orig_recompose(self)
Widget.recompose = recompose

def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024

def spy(app):
    orig = app._display
    def display(screen, renderable):
        if renderable is not None:
            STAMPS.append(time.perf_counter())
        return orig(screen, renderable)
    app._display = display
    return app

async def settle(pilot):
    await pilot.pause()
    quiet_since = time.perf_counter()
    n = len(STAMPS)
    while time.perf_counter() - quiet_since < 0.15:
        await asyncio.sleep(0.03)
        await pilot.pause()
        if len(STAMPS) != n:
            n = len(STAMPS)
            quiet_since = time.perf_counter()

async def key(pilot, k, kind):
    n0 = len(STAMPS)
    r0 = RECOMPOSES[0]
    t0, c0 = time.perf_counter(), time.process_time()
    await pilot.press(k)
    await settle(pilot)
    c1 = time.process_time()
    last = STAMPS[-1] if len(STAMPS) > n0 else time.perf_counter()
    alive = sum(1 for o in gc.get_objects() if isinstance(o, FooterKey))  # after the clock stops
    OUT["keys"].append([kind, last - t0, c1 - c0, RECOMPOSES[0] - r0, alive])

def memory_point():
    gc.collect()
    OUT["memory"].append([rss_kb(), sum(1 for o in gc.get_objects() if isinstance(o, FooterKey))])

OUT["keys"] = []
OUT["memory"] = []
"""

BARE = HARNESS + """
from textual.app import App
from textual.widgets import Header, Static

class Bare(App):
    BINDINGS = [("1", "bump", "Bump"), ("enter", "bump", "Continue"), ("q", "quit", "Quit")]
    n = 0
    def compose(self):
        yield Header()
        yield Static("hello", id="s")
        yield Footer()
    def action_bump(self):
        self.n += 1
        self.query_one("#s", Static).update(f"pressed {self.n}")
        self.refresh_bindings()

async def main():
    app = spy(Bare())
    per_life = int(os.environ["BENCH_KEYS_PER_LIFE"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for life in range(int(os.environ["BENCH_LIVES"])):
            for i in range(per_life):
                await key(pilot, "1" if i % 2 == 0 else "enter", "choose" if i % 2 == 0 else "continue")
            memory_point()
asyncio.run(main())
"""

CITIZEN = HARNESS + """
from game.tui.app import CitizenApp
from game.scenario.library import open_rulebook, open_scenario

async def main():
    sc = open_scenario("eastgate")
    rb = open_rulebook("points_city", sc.lexicon)
    app = spy(CitizenApp(pair=(sc, rb), seed=7, saves=os.environ["BENCH_SAVES"]))
    pick = random.Random(7)
    lives = int(os.environ["BENCH_LIVES"])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        session, life = app.session, 1
        for _ in range(5000):
            if app.session is not session:
                memory_point()
                session, life = app.session, life + 1
                if life > lives:
                    break
            screen = app.screen
            phase = getattr(screen, "phase", None)
            if phase == "event" and screen.offer is not None:
                open_ = [i for i, c in enumerate(screen.offer.choices, 1) if c.lock is None]
                await key(pilot, str(pick.choice(open_)), "choose")
            elif phase in ("opening", "report"):
                await key(pilot, "enter", "continue")
            elif type(screen).__name__ == "CityDialog":  # live again: in which city? the same
                await key(pilot, "enter", "city")
            elif type(screen).__name__ == "EndingScreen":
                await key(pilot, "a", "ending")
            else:  # a screen this harness cannot drive: fail, rather than press keys for an hour
                raise SystemExit(f"keys.py cannot drive {type(screen).__name__}")
asyncio.run(main())
"""


def measure(lives: int = 6) -> list[Row]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="citizen-bench-") as saves:
        ours = child(CITIZEN, env={"BENCH_SAVES": saves, "BENCH_LIVES": str(lives)})
    keys = ours["keys"]
    per_life = max(1, len(keys) // lives)
    bare = child(BARE, env={"BENCH_LIVES": str(lives), "BENCH_KEYS_PER_LIFE": str(per_life)})
    choose = [k for k in keys if k[0] == "choose"]
    play = [k for k in keys if k[0] in ("choose", "continue")]
    b_cpu = pct([k[2] for k in bare["keys"]], 50)
    o_cpu = pct([k[2] for k in choose], 50)
    p95 = pct([k[1] for k in choose], 95)
    p95_play = pct([k[1] for k in play], 95)
    b_p95 = pct([k[1] for k in bare["keys"]], 95)
    rebuilds = max(k[3] for k in choose)
    mem = ours["memory"]  # after lives 1..n
    growth = (mem[-1][0] - mem[1][0]) if len(mem) >= 2 else float("nan")
    b_mem = bare["memory"]
    b_growth = (b_mem[-1][0] - b_mem[1][0]) if len(b_mem) >= 2 else float("nan")
    return [
        Row("key to last repaint, p95 (play screen, choosing)", f"{p95 * 1000:.0f} ms",
            f"bare app {b_p95 * 1000:.0f} ms", "<= 50 ms", p95 <= 0.050),
        Row("  the same, every key on the play screen", f"{p95_play * 1000:.0f} ms", f"bare app {b_p95 * 1000:.0f} ms",
            "<= 50 ms", p95_play <= 0.050),
        Row("CPU per key, median (choosing)", f"{o_cpu * 1000:.1f} ms ({o_cpu / b_cpu:.1f}x)",
            f"bare app {b_cpu * 1000:.1f} ms", "<= 3x", o_cpu / b_cpu <= 3),
        Row("Footer rebuilds per key, most (choosing)", f"{rebuilds}", f"bare app {max(k[3] for k in bare['keys'])}",
            "<= 1", rebuilds <= 1),
        Row("FooterKey widgets alive, first / most after a choosing key", f"{choose[0][4]} / {max(k[4] for k in choose)}",
            f"bare app {bare['keys'][0][4]} / {max(k[4] for k in bare['keys'])}", "no growth",
            max(k[4] for k in choose) <= choose[0][4] + 2),
        Row(f"memory growth, life 2 to {len(mem)} (RSS)", f"{mb(growth)}", f"bare app {mb(b_growth)} (same keys)",
            "<= 2 MB", growth <= 2048),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lives", type=int, default=6)
    args = ap.parse_args()
    for r in measure(args.lives):
        print(f"{r.figure:<50} {r.value:<20} anchor: {r.anchor:<28} goal {r.goal}: {r.mark()}")


if __name__ == "__main__":
    main()
