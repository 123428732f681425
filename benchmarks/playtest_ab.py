"""Decisions a second of ``play_one``, this tree against another (a base), in one process.

    python benchmarks/playtest_ab.py BASE_TREE [--rounds 16] [--lives 10] [--scenario eastgate]

On a shared machine the same code measures 25-50% apart from one run to the next, so two
separate runs of ``playtest.py`` cannot show a change of that size. This loads both trees at
once (the base's ``game`` package as ``gamebase``, from a folder of links beside its content)
and interleaves them: each round plays ``--lives`` lives of every rulebook x strategy, base
then this tree (the other way round on odd rounds), the cyclic garbage collected before each
timed block so one tree's garbage is not collected on the other's time. Both see the same
machine at the same moments; the ratio is the figure. (Absolute rates are lower than
``playtest.py``'s: two copies of the code share the caches.)

BASE_TREE: a checkout of the repository, e.g. ``git worktree add /tmp/base main`` or
``git archive main | tar -x -C /tmp/base``.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import shutil
import sys
import tempfile
import time
from pathlib import Path


def _base_package(tree: Path) -> Path:
    """A folder holding ``gamebase`` (the base's ``game``) and links to the rest of the base tree,
    so the base finds its own content."""
    folder = Path(tempfile.mkdtemp(prefix="playtest_ab_"))
    atexit.register(shutil.rmtree, folder, True)  # links only: the base tree is left as it is
    for entry in tree.iterdir():
        (folder / ("gamebase" if entry.name == "game" else entry.name)).symlink_to(entry.resolve())
    return folder


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base", type=Path)
    ap.add_argument("--rounds", type=int, default=16)
    ap.add_argument("--lives", type=int, default=10, help="lives per rulebook x strategy per round")
    ap.add_argument("--scenario", default="eastgate")
    args = ap.parse_args()
    sys.path.insert(0, str(_base_package(args.base)))

    def setup(pkg: str):
        p = importlib.import_module(pkg + ".authoring.playtest")
        lib = importlib.import_module(pkg + ".scenario.library")
        sc = lib.open_scenario(args.scenario)
        return p, {e.id: lib.open_rulebook(e.id, sc.lexicon) for e in lib.rulebooks()}, sc

    sides = {"base": setup("gamebase"), "this": setup("game")}
    rbs = list(sides["this"][1])
    strats = list(sides["this"][0].STRATEGIES)
    for p, books, sc in sides.values():
        for rb in books.values():
            for s in strats:
                p.play_one(sc, rb, 0, s, p.run_seed(1, 0))  # warm caches
    cpu = {(n, r, s): 0.0 for n in sides for r in rbs for s in strats}
    made = dict.fromkeys(cpu, 0)
    for k in range(args.rounds):
        for r in rbs:
            for s in strats:
                for name in (("base", "this") if k % 2 == 0 else ("this", "base")):
                    p, books, sc = sides[name]
                    gc.collect()
                    c0 = time.process_time()
                    d = 0
                    for n in range(k * args.lives, (k + 1) * args.lives):
                        d += len(p.play_one(sc, books[r], n, s, p.run_seed(1, n)).decisions)
                    cpu[(name, r, s)] += time.process_time() - c0
                    made[(name, r, s)] += d
    rate = {key: made[key] / cpu[key] for key in cpu}
    for r in rbs:
        print(f"{r:<16}" + "  ".join(f"{s}: {rate[('base', r, s)]:,.0f} -> {rate[('this', r, s)]:,.0f} "
                                    f"({rate[('this', r, s)] / rate[('base', r, s)]:.2f}x)" for s in strats))
    total = {n: sum(made[k] for k in made if k[0] == n) / sum(cpu[k] for k in cpu if k[0] == n) for n in sides}
    low = {n: min((rate[(n, r, s)], r, s) for r in rbs for s in strats) for n in sides}
    print(f"all: {total['base']:,.0f} -> {total['this']:,.0f}/s ({total['this'] / total['base']:.2f}x); "
          f"slowest: base {low['base'][0]:,.0f}/s {low['base'][1:]}, this {low['this'][0]:,.0f}/s {low['this'][1:]} "
          f"({low['this'][0] / low['base'][0]:.2f}x)")


if __name__ == "__main__":
    main()
