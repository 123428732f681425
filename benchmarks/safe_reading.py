"""What reading content safely costs, and that it grows in proportion to the content.

Writes synthetic scenarios of N events (one events file each) to a temporary folder and, for
each N, times in this process:

* baseline: ``tomli.loads`` of the events file alone (what reading cost before issue 15);
* safe read: :func:`game.scenario.safe_files.read_toml` (a regular-file check, the size limit,
  the nesting pre-scan, tomli, and the walk that cleans every string and applies the limits);

then runs ``python -m game check FOLDER`` as a separate process and reports its wall time and
peak memory (the whole check: loading, validation, analysis, which issue 11 will speed up).

Per-event figures staying flat as N grows is what "proportional to its size" means here.

    python benchmarks/safe_reading.py [--sizes 2500,5000,10000,20000] [--repeat 3] [--no-check]

Figures, not assertions. The temporary folder is removed afterwards.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini"
sys.path.insert(0, str(ROOT))


def write(folder: Path, n: int) -> Path:
    text = (MINI / "mini.toml").read_text()
    head = text.split("[[event]]")[0]
    endings = "[[ending]]" + text.split("[[ending]]", 1)[1]
    folder.mkdir(parents=True)
    shutil.copy(MINI / "catalogue.toml", folder / "catalogue.toml")
    (folder / "scenario.toml").write_text(head + endings)
    events = []
    for i in range(n):
        events.append(
            f'[[event]]\nid = "e{i}"\ntitle = "Event {i}"\ntext = "Something happens, number {i}."\n'
            f'when = "money > {i % 50} and not flags.defaulted"\n'
            f'[[event.choice]]\nid = "a"\ntext = "Pay"\nbehaviours = ["pay_rent"]\neffects = {{ money = -1 }}\n'
            f'[[event.choice]]\nid = "b"\ntext = "Skip"\nbehaviours = ["late_payment"]\n'
            f'effects = {{ set = ["defaulted"] }}\n')
    (folder / "events.toml").write_text("\n".join(events))
    return folder


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def check(folder: Path) -> tuple[float, float]:
    """Wall seconds and peak MB of `citizen check FOLDER` in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "game", "check", str(folder)], cwd=ROOT, capture_output=True,
                   env=dict(os.environ, PYTHONPATH=str(ROOT)))
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, max(peak, before) / 1024


def main() -> None:
    import tomli

    from game.scenario.safe_files import read_toml

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="2500,5000,10000,20000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-check", action="store_true")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="citizen-bench-"))
    try:
        print(f"{'events':>7} {'MB':>6} {'tomli s':>8} {'safe s':>7} {'ratio':>6} {'safe us/event':>14}"
              + ("" if args.no_check else f" {'check s':>8} {'check ms/event':>15} {'peak MB':>8}"))
        for n in [int(x) for x in args.sizes.split(",")]:
            folder = write(tmp / f"s{n}", n)
            events = folder / "events.toml"
            text = events.read_text()
            base = best(lambda: tomli.loads(text), args.repeat)
            safe = best(lambda: read_toml(events), args.repeat)
            line = (f"{n:>7} {len(text) / 1e6:>6.1f} {base:>8.2f} {safe:>7.2f} {safe / base:>6.2f} "
                    f"{safe / n * 1e6:>14.0f}")
            if not args.no_check:
                wall, peak = check(folder)
                line += f" {wall:>8.1f} {wall / n * 1e3:>15.2f} {peak:>8.0f}"
            print(line, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
