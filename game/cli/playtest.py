"""``citizen playtest SCENARIO``: play many headless lives and report coverage, crashes and balance.

Exit codes: 0 when every run finished without an exception or a broken invariant; 1 when any
run failed (each is saved as a replayable run file); 2 for a wrong command line or content
that does not load.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ..authoring.defaults import STRATEGY_NAMES, THEMES_SAMPLE
from ..scenario.safe_text import clean
from .common import CommandError, fail, load_pair, saves_dir


def register(sub) -> None:
    import argparse

    p = sub.add_parser(
        "playtest", help="play many headless runs: coverage, crashes, and whether gaming beats virtue",
        description="Play N lives of a scenario under a rulebook with simple strategies, then report "
                    "what was never reached, any crash or broken invariant (saved as replayable runs), "
                    "per-strategy scores, tiers, virtues and endings, and the balance verdict.",
        epilog="strategies: random (uniform), score (follows the Guide; when it is silent, the best "
               "expected points under the whole rulebook, hidden rules included), virtue (most hidden virtue), thrifty (keeps the most money), contrarian "
               "(never the Guide's pick). Runs are shared round-robin between the strategies. "
               "\n\nexit status:\n  0  every run sound\n  1  some run crashed or broke an invariant (each is saved)\n"
               "  2  a wrong command line, or content that does not load",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("scenario", help="scenario id or path (file or folder)")
    p.add_argument("--rulebook", "-r", help="rulebook id or path (default: the default shipped rulebook)")
    p.add_argument("--runs", "-n", type=int, default=500, help="how many lives in all (default 500)")
    p.add_argument("--strategy", "-s", action="append", choices=sorted(STRATEGY_NAMES) + ["all"],
                   help="a strategy to play (repeatable; default: all)")
    p.add_argument("--seed", type=int, default=1, help="base seed; each run's seed derives from it and the run index (default 1)")
    p.add_argument("--jobs", "-j", type=int, default=1, help="processes to spread runs over (same results as --jobs 1)")
    p.add_argument("--save-runs", metavar="DIR", help="save every run as a replayable run file in DIR")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--brief", action="store_true", help="text: list only what was never reached, not every count")
    p.add_argument("--themes", nargs="?", type=int, const=THEMES_SAMPLE, default=None, metavar="N",
                   help="also say which rows of THEMES.md the first N lives reached (default 200), read from "
                        "the run report's measures; slower, about 60 ms a life")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..authoring import campaign
    from ..authoring.playtest import STRATEGIES, Progress, play_tally, report as summary
    from ..authoring.playtest_text import render_text

    if args.runs < 1:
        return fail("--runs must be at least 1")
    if args.jobs < 1:
        return fail("--jobs must be at least 1")
    chosen = args.strategy or ["all"]
    strategies = list(STRATEGIES) if "all" in chosen else list(dict.fromkeys(chosen))
    try:
        scenario, rulebook = load_pair(args.scenario, args.rulebook)
    except CommandError as exc:
        return fail(str(exc), exc.code)
    save_dir = Path(args.save_runs) if args.save_runs else None
    failures = save_dir or saves_dir(args) / "playtest-failures"
    if save_dir is not None and (why := _unwritable(save_dir)):
        return fail(f"cannot save runs in {save_dir} ({why})")
    started = time.perf_counter()
    try:
        tally = play_tally(scenario, rulebook, args.runs, strategies, args.seed, jobs=args.jobs,
                           save_dir=save_dir, failures_dir=failures, progress=Progress(),
                           sample=max(campaign.SAMPLE, args.themes or 0))
    except OSError as exc:  # the disk filled up, the folder went away: a sentence, not a traceback
        return fail(f"cannot save runs in {save_dir or failures} ({exc.strerror or exc})")
    elapsed = time.perf_counter() - started
    report = summary(scenario, rulebook, tally, args.seed)
    if args.themes is not None:
        if args.themes < 1:
            return fail("--themes needs at least 1 life")
        report["themes"] = campaign.themes(scenario, rulebook, tally.sample(args.themes),
                                           campaign.shipped_others(scenario, rulebook))
    if args.format == "json":
        print(clean(json.dumps(report, indent=2, ensure_ascii=False)))
    else:
        print(clean(render_text(report, full_coverage=not args.brief)))
        print(f"\n{args.runs} runs in {elapsed:.1f}s with {args.jobs} job(s).", file=sys.stderr)
    return 1 if report["problems"] else 0


def _unwritable(folder: Path) -> str:
    """Why runs cannot be saved in ``folder`` ("" if they can): checked before hours of play."""
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return exc.strerror or str(exc)
    return ""
