"""``citizen check`` of the generated 5,000-event scenario: time and peak memory, against the
same command on the same generator at 20 events, and whether the line/column index of the
file was built although no diagnostic needed it.

    python benchmarks/check_time.py [--repeat 3]

Each check is a fresh process (``citizen check FILE``, output discarded); medians of
alternating runs. The index count is taken in one more process that counts
the scans ``Locator`` makes of a file.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _common import Row, child, mb, median

import synthetic

CHECK = """
import sys
from game.cli import main
sys.stdout = open("/dev/null", "w")
OUT["exit"] = main(ARGS)
"""

COUNT = """
import sys
import game.scenario.locate as locate
built = [0]
_scan = locate.Locator._scan
def counting(self, *a, **k):
    built[0] += 1
    return _scan(self, *a, **k)
locate.Locator._scan = counting
from game.cli import main
sys.stdout = open("/dev/null", "w")
OUT["exit"] = main(ARGS)
OUT["locators"] = built[0]
"""


def measure(repeat: int = 3) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="citizen-synth-") as tmp:
        small = synthetic.write(Path(tmp), 20)
        big = synthetic.write(Path(tmp), 5000)
        run = lambda p, code=CHECK: child(f"ARGS = {['check', str(p)]!r}\n" + code)  # noqa: E731
        s, b = [], []
        for _ in range(repeat):
            s.append(run(small))
            b.append(run(big))
        counted = run(big, COUNT)
    assert all(x["exit"] == 0 for x in s + b), [x["exit"] for x in s + b]
    cpu_b, cpu_s = median([x["cpu"] for x in b]), median([x["cpu"] for x in s])
    wall_b, wall_s = median([x["wall"] for x in b]), median([x["wall"] for x in s])
    mem_b, mem_s = median([x["maxrss_kb"] for x in b]), median([x["maxrss_kb"] for x in s])
    return [
        Row("citizen check, generated 5,000 events (CPU)", f"{cpu_b:.2f} s", f"20 events: {cpu_s:.2f} s",
            "<= 2 s", cpu_b <= 2),
        Row("  the same, wall clock", f"{wall_b:.2f} s", f"20 events: {wall_s:.2f} s", "<= 2 s", wall_b <= 2),
        Row("  peak memory", mb(mem_b), f"20 events: {mb(mem_s)}"),
        Row("  position indexes built, no diagnostic to place", str(counted["locators"]), "-", "0",
            counted["locators"] == 0),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    for r in measure(args.repeat):
        print(f"{r.figure:<50} {r.value:<12} anchor: {r.anchor:<22} goal {r.goal}: {r.mark()}")


if __name__ == "__main__":
    main()
