"""``citizen play``: open the game (the default command)."""

from __future__ import annotations

import argparse

from .. import places
from .common import CommandError, exits, fail, load_pair, saves_dir


def register(sub) -> None:
    p = sub.add_parser(
        "play", help="play (the default): open the title screen, or start a life directly",
        description="Open the game in this terminal: the title screen, or with SCENARIO a life straight away "
                    "(under --rulebook, or the default city). Every decision is saved as you go. "
                    "`citizen` alone, or `citizen SCENARIO`, means `citizen play`.",
        epilog=exits("0  the game was left normally", "2  the scenario or rulebook cannot be found or has errors"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("scenario", nargs="?", help="scenario id or path; omit to choose on the title screen")
    p.add_argument("--rulebook", "-r", help="rulebook id or path")
    p.add_argument("--seed", type=int, help="seed for this life (default: a new one)")
    p.add_argument("--dev", action="store_true", help="reload the scenario when its files change")
    # Set by `citizen serve` for each browser connection: save in a folder of its own.
    p.add_argument("--connection", action="store_true", help=argparse.SUPPRESS)
    p.set_defaults(func=run)


def run(args) -> int:
    pair = None
    if args.scenario:
        try:
            pair = load_pair(args.scenario, args.rulebook)
        except CommandError as exc:
            return fail(str(exc), exc.code)
    from ..tui.app import run_app  # Textual is imported only when a screen is wanted

    saves = saves_dir(args)
    if args.connection:
        saves = places.connection_folder(saves)
    # A browser connection's theme is its own: it is not remembered for the next player.
    return run_app(pair=pair, seed=args.seed, saves=saves, dev=args.dev,
                   scenario_ref=args.scenario, remember_theme=not args.connection)
