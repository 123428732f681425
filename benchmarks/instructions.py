"""Instructions, not seconds: what a playtest life and a cold start cost, counted by Valgrind,
so that two versions of the code can be compared on a machine whose speed moves.

    python benchmarks/instructions.py [--base TREE] [--rulebooks ID ...] [--lives 100] [--no-start]

On the shared 2-core machine these benchmarks were written on, the same code measured 25-50%
apart from one run to the next, and from one hour to the next (the playtest's slowest cell:
14,753 to 21,110 decisions a second, same code). A change of a few percent cannot be seen in
seconds there. The number of instructions a process executes does not depend on the machine's
load: the same code, content and seed give the same count to within a few tenths of a percent
(``PYTHONHASHSEED`` is fixed, so sets and dicts are laid out alike).

Printed:

* **instructions per playtest life**, per shipped rulebook (Eastgate, the five strategies in
  turn, as ``citizen playtest`` plays them): the count of a process that plays ``--lives`` lives
  after 20, less that of one that plays the 20 alone, so start-up, imports and the first
  life's memos are left out; and per decision;
* **instructions to the first frame** of a cold start, Model Citizen against the bare Textual
  app, with the harness of ``startup.py`` (the process leaves as the frame is drawn); with
  ``--base``, the base is started as its own ``benchmarks/startup.py`` starts it.

With ``--base TREE`` (a checkout: ``git worktree add --detach /tmp/base COMMIT``) each figure is
printed for both and as a ratio. A count is a proxy for CPU time, not a measure of it: memory
stalls and branch misses are not counted, so the seconds in ``playtest.py`` and ``startup.py``
stay the figures the goals are judged by. Needs ``valgrind`` on the path (``apt-get install
valgrind``); without it, says so and stops. Takes a few minutes: Valgrind runs code about fifty
times slower.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import PEAK, ROOT

import startup

LIVES = """
from game.authoring.playtest import STRATEGIES, _plan, play_one
from game.scenario.library import open_rulebook, open_scenario
sc = open_scenario("eastgate")
rb = open_rulebook(RULEBOOK, sc.lexicon)
for i, strategy, seed in _plan(LIVES, list(STRATEGIES), 1):
    play_one(sc, rb, i, strategy, seed)
"""


def leaving_at_frame(harness: str) -> str:
    """``startup.py``'s harness, leaving at the first frame (closing the app is not counted)."""
    got = harness.replace('OUT["cpu_at_frame"] = _ru.ru_utime + _ru.ru_stime', 'os._exit(0)')
    assert got != harness, "startup.HARNESS changed: update leaving_at_frame"
    return got


#: Lives played before the counted ones (see the module's docstring).
WARM = 20


def count(code: str, tree: Path, env: dict | None = None) -> int:
    """Instructions executed by a fresh interpreter running ``code`` with ``tree`` first on
    its path (and as its working folder)."""
    full = "OUT = {}\n" + PEAK + code
    run_env = {**os.environ, "PYTHONHASHSEED": "0", "PYTHONPATH": str(tree), **(env or {})}
    run_env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-c", full], cwd=tree, env=run_env, check=True, capture_output=True)  # .pyc
    p = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                        sys.executable, "-c", full], cwd=tree, env=run_env, capture_output=True, text=True)
    m = re.search(r"I\s+refs:\s+([\d,]+)", p.stderr)
    if p.returncode != 0 or m is None:
        raise RuntimeError(f"valgrind run failed ({p.returncode}):\n{p.stderr[-3000:]}")
    return int(m.group(1).replace(",", ""))


def lives_code(rulebook: str, lives: int) -> str:
    return f"RULEBOOK = {rulebook!r}\nLIVES = {lives}\n" + LIVES


def decisions(rulebook: str, first: int, last: int) -> int:
    """Decisions made in lives ``first`` to ``last - 1`` of the plan (played here, natively)."""
    from game.authoring.playtest import STRATEGIES, _plan, play_one
    from game.scenario.library import open_rulebook, open_scenario

    sc = open_scenario("eastgate")
    rb = open_rulebook(rulebook, sc.lexicon)
    return sum(len(play_one(sc, rb, i, s, seed).decisions)
               for i, s, seed in _plan(last, list(STRATEGIES), 1) if i >= first)


def per_life(tree: Path, rulebook: str, lives: int) -> float:
    return (count(lives_code(rulebook, WARM + lives), tree) - count(lives_code(rulebook, WARM), tree)) / lives


def first_frame(tree: Path, make: str | None = None) -> int:
    """``make``: the bare app's code; None: Model Citizen's, as ``tree``'s own ``startup.py``
    starts it (what `citizen` does before its title screen changes from one version to the
    next)."""
    harness = startup.HARNESS
    if make is None:
        own = _startup_of(tree)
        make, harness = own.CITIZEN, own.HARNESS
    with tempfile.TemporaryDirectory(prefix="citizen-bench-") as saves:
        return count(make.replace(harness, leaving_at_frame(harness)), tree,
                     {"BENCH_T0": repr(time.time()), "BENCH_SAVES": saves})


def _startup_of(tree: Path):
    """``tree``'s own ``benchmarks/startup.py``, loaded as a module of its own."""
    import importlib.util

    if tree == ROOT:
        return startup
    spec = importlib.util.spec_from_file_location(f"startup_{abs(hash(str(tree)))}", tree / "benchmarks" / "startup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, help="another checkout, counted the same way")
    ap.add_argument("--rulebooks", nargs="*", help="rulebook ids (default: every shipped one)")
    ap.add_argument("--lives", type=int, default=100, help="lives counted per rulebook")
    ap.add_argument("--no-start", action="store_true", help="count the playtest lives only")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not on the path: nothing counted (apt-get install valgrind)")
        return
    from game.scenario.library import rulebooks

    trees = [("this", ROOT)] + ([("base", args.base.resolve())] if args.base else [])
    ids = args.rulebooks or [e.id for e in rulebooks()]

    def line(figure: str, got: dict[str, float], unit: str = "") -> None:
        cells = "   ".join(f"{name} {got[name]:>13,.0f}{unit}" for name, _ in trees)
        ratio = f"   this/base {got['this'] / got['base']:.3f}" if "base" in got else ""
        print(f"{figure:<40} {cells}{ratio}")

    print(f"Instructions (Valgrind), Eastgate, {args.lives} lives after {WARM}, the five strategies in turn:")
    for rb in ids:
        got = {name: per_life(tree, rb, args.lives) for name, tree in trees}
        made = decisions(rb, WARM, WARM + args.lives)
        line(f"  {rb}: per life", got)
        line(f"  {rb}: per decision ({made / args.lives:.1f} a life)", {k: v * args.lives / made for k, v in got.items()})
    if args.no_start:
        return
    print("Instructions to the first frame of a cold start (startup.py's harness, 80x24):")
    bare = first_frame(ROOT, startup.BARE)
    ours = {name: first_frame(tree) for name, tree in trees}
    print(f"  {'bare Textual app':<38} {bare:>18,}")
    for name, _ in trees:
        print(f"  {'Model Citizen (' + name + ')':<38} {ours[name]:>18,}   {ours[name] / bare:.3f}x the bare app")


if __name__ == "__main__":
    main()
