"""Every figure of issue 11, each beside its anchor measured in the same run, in one table.

    python benchmarks/all.py [--quick] [--only NAME ...] [--json FILE] [--choicescript DIR]

Runs, in order: startup, keys, playtest, turn, check, verify (see benchmarks/README.md for
what each measures, its anchor and its goal). Takes several minutes (``--quick``: fewer
repeats, 20,000 runs instead of 100,000 for the memory figure). On a shared machine prefer
the CPU-time rows; wall-clock rows are printed beside them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from dataclasses import asdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _common import Row  # noqa: E402

NAMES = ["startup", "keys", "playtest", "turn", "check", "verify"]


def run(name: str, quick: bool) -> list[Row]:
    if name == "startup":
        import startup
        return startup.measure(repeat=3 if quick else 7)
    if name == "keys":
        import keys
        return keys.measure(lives=6)
    if name == "playtest":
        import playtest
        return playtest.measure(runs=10_000, big=20_000 if quick else 100_000, seconds=0.5 if quick else 2.0)
    if name == "turn":
        import turn
        return turn.measure(n=6 if quick else 12)
    if name == "check":
        import check_time
        return check_time.measure(repeat=1 if quick else 3)
    if name == "verify":
        import verify_100
        return verify_100.measure(repeat=3 if quick else 7)
    raise SystemExit(f"unknown benchmark {name}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", nargs="*", choices=NAMES)
    ap.add_argument("--json", help="also write the rows to this file")
    ap.add_argument("--choicescript", metavar="DIR",
                    help="a ChoiceScript checkout: its randomtest is run as the playtest's anchor (see playtest.py)")
    args = ap.parse_args()
    if args.choicescript:
        os.environ["CHOICESCRIPT_DIR"] = args.choicescript
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Model Citizen benchmarks: Python {platform.python_version()}, {os.cpu_count()} CPU(s), "
          f"load average {load:.1f} at the start")
    rows: dict[str, list[Row]] = {}
    t0 = time.perf_counter()
    for name in args.only or NAMES:
        t = time.perf_counter()
        try:
            rows[name] = run(name, args.quick)
        except Exception as exc:  # one benchmark failing does not lose the others
            rows[name] = [Row(f"{name}: failed", f"{type(exc).__name__}: {str(exc)[:60]}")]
        print(f"  {name}: {time.perf_counter() - t:.0f} s", file=sys.stderr)
        for r in rows[name]:
            print(f"    {r.figure}: {r.value} | {r.anchor} | {r.goal} | {r.mark()}", file=sys.stderr)
        if args.json:
            with open(args.json, "w") as f:
                json.dump({k: [asdict(r) for r in v] for k, v in rows.items()}, f, indent=1)
    w = [max(len(r.figure) for rs in rows.values() for r in rs), 26, 38, 24]
    print()
    print(f"{'figure':<{w[0]}}  {'now':<{w[1]}}  {'anchor, same run':<{w[2]}}  {'goal':<{w[3]}}  met")
    print("-" * (sum(w) + 13))
    for name, rs in rows.items():
        for r in rs:
            print(f"{r.figure:<{w[0]}}  {r.value:<{w[1]}}  {r.anchor:<{w[2]}}  {r.goal:<{w[3]}}  {r.mark()}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\n{time.perf_counter() - t0:.0f} s in all; load average {load:.1f} at the end")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({k: [asdict(r) for r in v] for k, v in rows.items()}, f, indent=1)


if __name__ == "__main__":
    main()
