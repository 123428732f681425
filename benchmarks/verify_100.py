"""How long ``citizen replay SAVE --verify`` takes on a 100-turn run, beyond start-up.

Writes a synthetic 100-turn scenario (repeatable events, a rulebook with chance of being
seen, wrong records, a blacklist, tier sanctions, association and appeals) to a temporary
folder, plays one life through with seeded random choices (autosaved like the game does),
then times, as separate processes:

* start-up:  ``python -m game replay SAVE --help``  (interpreter, imports, argument parsing)
* verify:    ``python -m game replay SAVE --verify``

and prints the medians and their difference, plus an in-process breakdown (read the save,
load the content, re-simulate and compare every checksum).

    python benchmarks/verify_100.py [--repeat N] [--turns T]

Figures, not assertions: run it on the machine you care about. Nothing is added to
scenarios/; the temporary folder is removed afterwards (--keep keeps it).
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CATALOGUE = """
[[behaviour]]
id = "pay_rent"
description = "Paid rent on time"
legal = "lawful"
domain = "finance"

[[behaviour]]
id = "late_payment"
description = "Paid a bill after its due date"
legal = "lawful"
domain = "finance"

[[behaviour]]
id = "debt_default"
description = "Defaulted on a debt"
legal = "illegal"
domain = "finance"

[[behaviour]]
id = "repay_debt"
description = "Repaid a debt"
legal = "lawful"
domain = "finance"

[[behaviour]]
id = "visit_parent"
description = "Visited an elderly parent"
legal = "encouraged"
domain = "family"

[[behaviour]]
id = "play_games"
description = "Bought a video game"
legal = "lawful"
domain = "consumption"

[[behaviour]]
id = "volunteer"
description = "Volunteered"
legal = "encouraged"
domain = "civic"

[[behaviour]]
id = "share_location"
description = "Shared location data"
legal = "encouraged"
domain = "data"
discloses = "location"

[[behaviour]]
id = "refuse_location"
description = "Declined to share location data"
legal = "lawful"
domain = "data"
withholds = "location"

[[service]]
id = "railway"
name = "Rail tickets"
institution = "Bench Rail Office"
domain = "travel"

[[service]]
id = "bank_loan"
name = "Bank loans"
institution = "Bench Bank"
domain = "finance"
"""

SCENARIO = """
[scenario]
id = "bench_{turns}"
title = "Benchmark life ({turns} turns)"

[calendar]
turns = {turns}
unit = "week"

[citizen]
name = "Bench Person"
money = 500
resources = {{ time = 3 }}
virtues = {{ care = 0, honesty = 0 }}
contacts = [
  {{ id = "ana", name = "Ana", standing = 0, relation = "friend" }},
  {{ id = "bo", name = "Bo", standing = 90, relation = "neighbour" }},
]

[[event]]
id = "bills"
title = "Bills"
text = "The bills are due."
once = false
cooldown = 2
priority = 1

[[event.choice]]
id = "pay"
text = "Pay"
behaviours = ["pay_rent"]
effects = {{ money = -20 }}

[[event.choice]]
id = "late"
text = "Pay late"
behaviours = ["late_payment"]
context = {{ late_payment = "The wages came late." }}

[[event.choice]]
id = "default"
text = "Do not pay"
behaviours = ["debt_default"]
effects = {{ set = ["defaulted"], money = 10 }}

[[event]]
id = "parent"
title = "Your father"
text = "Your father asks you to come."
once = false
cooldown = 1

[[event.choice]]
id = "train"
text = "Take the train"
needs = ["railway"]
behaviours = ["visit_parent"]
effects = {{ money = -15, virtues = {{ care = 1 }} }}

[[event.choice]]
id = "call"
text = "Call him"
effects = {{ virtues = {{ care = 1 }} }}

[[event.choice]]
id = "games"
text = "Play games instead"
behaviours = ["play_games"]
effects = {{ money = -5 }}

[[event]]
id = "app"
title = "The app"
text = "The app asks for your location."
once = false
cooldown = 3

[[event.choice]]
id = "share"
text = "Share it"
behaviours = ["share_location"]

[[event.choice]]
id = "refuse"
text = "Refuse"
behaviours = ["refuse_location"]

[[event.choice]]
id = "appeal"
text = "Appeal a record"
show_if = "disputed > 0"
effects = {{ appeal = true }}

[[event]]
id = "week"
title = "An ordinary week"
text = "Nothing much happens."
once = false
priority = -1

[[event.choice]]
id = "rest"
text = "Rest"

[[event.choice]]
id = "volunteer"
text = "Volunteer"
behaviours = ["volunteer"]

[[event.choice]]
id = "repay"
text = "Repay the debt"
show_if = "flags.defaulted"
behaviours = ["repay_debt"]
effects = {{ money = -30, clear = ["defaulted"] }}

[[ending]]
id = "listed"
title = "Listed"
text = "You end on a list."
when = "listed"
priority = 5

[[ending]]
id = "plain"
title = "Plain"
text = "Life goes on."
"""

RULEBOOK = """
[rulebook]
id = "bench_city"
title = "Bench City"
city = "Benchtown"
start_score = 1000
transparency = "partial"
observe = 0.8
error_rate = 0.05
wrong_records = ["late_payment"]

[[value]]
behaviour = "late_payment"
points = -30

[[value]]
behaviour = "play_games"
points = -10
hidden = true

[[value]]
behaviour = "visit_parent"
points = 20

[[value]]
behaviour = "pay_rent"
points = 5

[[value]]
behaviour = "volunteer"
points = 10
from_turn = 20

[[tier]]
id = "A"
label = "Exemplary"
min = 1100

[[tier]]
id = "B"
label = "Ordinary"
min = 900

[[tier]]
id = "C"
label = "Watched"

[[sanction]]
id = "travel_ban"
name = "Travel restriction"
tiers = ["C"]
closes = ["railway"]

[[blacklist]]
id = "defaulters"
name = "Defaulters list"
triggers = ["debt_default"]
lifted_by = ["repay_debt"]
closes = ["bank_loan"]

[association]
low_below = 850
low_points = -2

[[data_offer]]
source = "location"
share_points = 5
refuse_points = -5

[appeals]
kind = "fair"
delay = 1
"""


def write_content(folder: Path, turns: int) -> tuple[Path, Path]:
    (folder / "rulebooks").mkdir(parents=True)
    (folder / "catalogue.toml").write_text(CATALOGUE)
    scenario = folder / f"bench_{turns}.toml"
    scenario.write_text(SCENARIO.format(turns=turns))
    rulebook = folder / "rulebooks" / "bench_city.toml"
    rulebook.write_text(RULEBOOK)
    return scenario, rulebook


def play_and_save(scenario_path: Path, rulebook_path: Path, saves: Path, seed: int = 1) -> Path:
    from game.runs.session import Session
    from game.runs.store import autosave
    from game.scenario.library import open_rulebook, open_scenario

    sc = open_scenario(scenario_path)
    rb = open_rulebook(rulebook_path, sc.lexicon)
    saver = autosave(saves)
    s = Session(sc, rb, seed, saver)
    pick = random.Random(seed)
    while (offer := s.game.offer()) is not None:
        s.decide(pick.choice([c.id for c in offer.choices if c.available]))
    assert saver.path is not None and saver.problem is None, saver.problem
    return saver.path


def timed(cmd: list[str], n: int, expect: int) -> list[float]:
    from _common import child_env

    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, env=child_env())
        out.append(time.perf_counter() - t0)
        if p.returncode != expect:
            raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}:\n{p.stdout}{p.stderr}")
    return out


def in_process(save: Path, n: int) -> dict[str, float]:
    from game.runs.store import ContentFinder, open_save, read_save, rebuild
    from game.scenario.safe_files import trust

    trust(save.parent.parent / "content")

    parts: dict[str, list[float]] = {"read save": [], "load content": [], "re-simulate + check": []}
    for _ in range(n):
        t0 = time.perf_counter()
        s = read_save(save)
        t1 = time.perf_counter()
        run = open_save(s, save, ContentFinder())
        t2 = time.perf_counter()
        _, ver = rebuild(run)
        t3 = time.perf_counter()
        assert ver.ok, ver.problem
        parts["read save"].append(t1 - t0)
        parts["load content"].append(t2 - t1)
        parts["re-simulate + check"].append(t3 - t2)
    return {k: statistics.median(v) for k, v in parts.items()}


def viewer(save: Path, every: int = 8) -> dict[str, float]:
    """Opening the timeline (one pass, keyframes every ``every``) and the slowest seek."""
    from game.runs.store import open_run
    from game.runs.timeline import for_save
    from game.scenario.safe_files import trust

    trust(save.parent.parent / "content")

    run = open_run(save)
    t0 = time.perf_counter()
    tl = for_save(run, every=every)
    built = time.perf_counter() - t0
    worst = 0.0
    for i in range(len(tl) - 1, -1, -1):
        t0 = time.perf_counter()
        tl.view(i)
        worst = max(worst, time.perf_counter() - t0)
    return {"build timeline": built, f"slowest seek (K={every})": worst}


CHILD = """
import sys
from game.cli import main
sys.stdout = open("/dev/null", "w")
try:
    OUT["exit"] = main(ARGS)
except SystemExit as e:
    OUT["exit"] = e.code
OUT["modules"] = sorted(sys.modules)
"""

# Start-up with the verify's own modules: every module a verify has loaded is imported first,
# then the command line is read as far as --help. When the issue was filed, `citizen replay
# SAVE --help` imported pydantic, the content models and the engine (citizen built every
# subcommand's parser from them); since `citizen` starts without them (the title screen never
# needs them), --help alone no longer measures a verify's start-up.
WARM = """
import importlib
for name in MODULES:
    try:
        importlib.import_module(name)
    except Exception:
        pass
"""


def measure(repeat: int = 7, turns: int = 100):
    """Rows for benchmarks/all.py: --verify beyond start-up, CPU and wall: the median over
    alternating runs of each verify less the start-up run just before it. Start-up is
    ``replay SAVE --help`` after importing every module the verify imports (the interpreter,
    the code, the argument parsing: what a verify of any length pays before it reads the
    save); the figure beyond ``--help`` alone is printed below it."""
    from _common import Row, child, median

    tmp = Path(tempfile.mkdtemp(prefix="citizen-verify-"))
    try:
        scenario, rulebook = write_content(tmp / "content", turns)
        save = play_and_save(scenario, rulebook, tmp / "saves")
        # content outside the content and saves folders is opened only when trusted by name
        base = ["replay", str(save), "--trust", str(tmp / "content")]
        run = lambda extra, pre="": child(f"ARGS = {base + extra!r}\n" + pre + CHILD)  # noqa: E731
        modules = run(["--verify"])["modules"]
        warm = f"MODULES = {modules!r}\n" + WARM
        bare, start, verify = [], [], []
        for _ in range(repeat):
            bare.append(run(["--help"]))
            start.append(run(["--help"], warm))
            verify.append(run(["--verify"]))
        assert all(v["exit"] == 0 for v in verify), verify
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    # each verify beside the start-up measured just before it: the median of the differences
    # of neighbours is steadier on a shared machine than the difference of two medians
    wall = median([v["wall"] - s["wall"] for s, v in zip(start, verify)])
    cpu = median([v["cpu"] - s["cpu"] for s, v in zip(start, verify)])
    cpu_bare = median([v["cpu"] - s["cpu"] for s, v in zip(bare, verify)])
    imports = median([s["cpu"] - b["cpu"] for b, s in zip(bare, start)])
    return [Row(f"replay --verify, {turns} turns, beyond start-up (CPU)", f"{cpu * 1000:.0f} ms",
                f"start-up with its modules {median([s['cpu'] for s in start]) * 1000:.0f} ms", "<= 50 ms", cpu <= 0.050),
            Row("  the same, wall clock", f"{wall * 1000:.0f} ms",
                f"start-up with its modules {median([s['wall'] for s in start]) * 1000:.0f} ms", "<= 50 ms", wall <= 0.050),
            Row("  beyond `replay --help` alone (CPU)", f"{cpu_bare * 1000:.0f} ms",
                f"--help {median([b['cpu'] for b in bare]) * 1000:.0f} ms; its modules {imports * 1000:.0f} ms")]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7, help="processes timed per command (median reported)")
    ap.add_argument("--turns", type=int, default=100)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="citizen-verify-"))
    try:
        scenario, rulebook = write_content(tmp / "content", args.turns)
        save = play_and_save(scenario, rulebook, tmp / "saves")
        from game.runs.store import read_save

        data = read_save(save)
        print(f"run: {len(data.turns)} decisions over {data.turn} turns, save {save.stat().st_size} bytes ({save})")
        trusted = ["--trust", str(tmp / "content")]  # outside the content folder: named to be opened
        base = [sys.executable, "-m", "game", "replay", *trusted, str(save)]
        timed(base + ["--verify"], 1, 0)  # warm the file cache and .pyc files
        for row in measure(args.repeat, args.turns):
            print(f"{row.figure:<52} {row.value:>8}   {row.anchor}")
        print("in process (median of the same repeats):")
        for k, v in in_process(save, args.repeat).items():
            print(f"  {k:<22} {v * 1000:7.1f} ms")
        print("replay viewer (in process):")
        for k, v in viewer(save).items():
            print(f"  {k:<22} {v * 1000:7.1f} ms")
        # and a damaged copy really fails
        bad = tmp / "saves" / "tampered.json"
        text = save.read_text()
        first = data.turns[len(data.turns) // 2].checksum
        bad.write_text(text.replace(first, "0" * len(first), 1))
        p = subprocess.run(base[:-1] + [str(bad), "--verify"], capture_output=True, text=True)
        print(f"tampered copy: exit {p.returncode}: {p.stderr.strip().splitlines()[0] if p.stderr else ''}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
