"""What every benchmark shares: a row of the table, percentiles, and a child process that
reports its own figures (CPU time, peak memory) as one line of JSON."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Row:
    """One figure of the table, beside its anchor from the same run and its goal."""

    figure: str
    value: str
    anchor: str = "-"
    goal: str = "-"
    met: bool | None = None  # None: no goal, or not measured

    def mark(self) -> str:
        return {True: "yes", False: "NO", None: "-"}[self.met]


def median(xs) -> float:
    return statistics.median(xs) if xs else float("nan")


def pct(xs, p: float) -> float:
    """The p-th percentile (0-100), nearest rank."""
    if not xs:
        return float("nan")
    v = sorted(xs)
    k = max(0, min(len(v) - 1, round(p / 100 * len(v) + 0.5) - 1))
    return v[k]


def ms(x: float) -> str:
    return f"{x * 1000:.1f} ms" if x < 10 else f"{x:.1f} s"


def mb(kb: float) -> str:
    return f"{kb / 1024:.1f} MB"


#: Peak resident size of this process since it was started (exec'd): unlike ``ru_maxrss``,
#: ``VmHWM`` does not carry the size of the benchmark process the child was forked from.
PEAK = """
def peak_kb():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
"""

#: Put at the end of a child's code: prints its CPU seconds and peak memory (KB) as JSON,
#: with whatever the child stored in ``OUT``.
REPORT = """
import resource as _r, json as _j, sys as _s
_u = _r.getrusage(_r.RUSAGE_SELF)
_c = _r.getrusage(_r.RUSAGE_CHILDREN)
OUT.update(cpu=_u.ru_utime + _u.ru_stime, maxrss_kb=peak_kb(),
           children_cpu=_c.ru_utime + _c.ru_stime, children_maxrss_kb=_c.ru_maxrss)
_s.__stdout__.write("\\n@@" + _j.dumps(OUT) + "\\n")
"""


def child_env(extra: dict | None = None) -> dict:
    """The environment a measured process runs in: this one's, with ``extra``, and with
    bytecode caching on. An installed game (a wheel) starts from compiled ``.pyc`` files, as
    Textual and pydantic in site-packages do; a ``PYTHONDONTWRITEBYTECODE`` set where the
    benchmarks run would make every start compile the game's sources again, and only ours."""
    env = {**os.environ, **(extra or {})}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def child(code: str, env: dict | None = None, timeout: float = 3600) -> dict:
    """Run ``code`` in a fresh interpreter (``OUT = {}`` is defined first); return what it
    reported, plus ``wall`` (seconds from spawn to exit, measured here)."""
    full = "OUT = {}\n" + PEAK + code + "\n" + REPORT
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", full], capture_output=True, text=True, cwd=ROOT,
                       env=child_env(env), timeout=timeout)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"benchmark child failed ({p.returncode}):\n{p.stderr[-3000:]}")
    line = next(l for l in reversed(p.stdout.splitlines()) if l.startswith("@@"))
    got = json.loads(line[2:])
    got["wall"] = wall
    return got
