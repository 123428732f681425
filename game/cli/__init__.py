"""The ``citizen`` command: a thin shell over the engine, the runs and the TUI.

Each subcommand lives in its own module and registers itself with :func:`register`.
Global options (``--saves``) are accepted before or after the subcommand's name.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

from .. import places

COMMANDS = ["play", "listing", "check", "playtest", "replay", "report", "schema", "new", "serve"]


def add_global_options(parser: argparse.ArgumentParser, *, in_command: bool = False) -> None:
    """Options every command takes. Inside a subcommand their default is SUPPRESS, so a value
    given before the subcommand's name is not overwritten by the subcommand's default."""
    default = argparse.SUPPRESS if in_command else None
    saves = places.saves_folder()
    parser.add_argument("--saves", metavar="DIR", default=default,
                        help=f"where runs are saved (now {saves.path}: {saves.why}; also CITIZEN_SAVES=DIR)")


def _where() -> str:
    saves = places.saves_folder()
    return (
        "where things are:\n"
        f"  saves    {saves.path} ({saves.why})\n"
        "           --saves DIR or CITIZEN_SAVES=DIR puts them elsewhere\n"
        f"  content  {places.content_root()} ({places.content_why()})\n"
        "           CITIZEN_CONTENT=DIR plays your own scenarios and rulebooks"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citizen",
        description="Model Citizen: live a life under a social credit system.",
        epilog=_where(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"game.cli.{name}").register(sub)
    for command in sub.choices.values():
        add_global_options(command, in_command=True)
    return parser


def _with_play(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``citizen eastgate`` (and ``citizen --saves D eastgate``) plays eastgate: put ``play``
    before the first word that is not a global option, its value, or a command."""
    sub = next(a for a in parser._actions if a.dest == "command")
    valued = {s for a in parser._actions if a.option_strings and a.nargs != 0 for s in a.option_strings}
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            return argv
        if word.startswith("-"):
            i += 2 if word in valued else 1
            continue
        return argv if word in (sub.choices or {}) else [*argv[:i], "play", *argv[i:]]
    return argv


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    argv = _with_play(parser, argv)
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*argv, "play"])  # global options alone: play
    problem = places.content_problem()
    if problem is not None:
        print(f"citizen: {problem}", file=sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
