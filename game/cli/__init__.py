"""The ``citizen`` command: a thin shell over the engine, the runs and the TUI.

Each subcommand lives in its own module and registers itself with :func:`register`.
"""

from __future__ import annotations

import argparse
import sys
from importlib import import_module

COMMANDS = ["play", "listing", "check", "playtest", "replay", "report", "schema", "new"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="citizen",
        description="Model Citizen: live a life under a social credit system.",
    )
    parser.add_argument("--saves", metavar="DIR", help="where runs are saved (default: saves/, or $CITIZEN_SAVES)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        import_module(f"game.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    if argv and not argv[0].startswith("-") and argv[0] not in sub.choices:
        argv = ["play", *argv]  # `citizen eastgate` plays eastgate
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*argv, "play"])  # global options stay before the command
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a path the system refuses (too long, read-only...): a sentence, not a traceback
        from .common import fail

        name = str(exc.filename or "")
        where = (name if len(name) <= 80 else name[:79] + "…") + ": " if name else ""
        return fail(f"{where}{exc.strerror or exc}")
    except (RecursionError, MemoryError) as exc:
        from .common import fail

        return fail(f"the input is too large or too deeply nested to handle ({type(exc).__name__}); "
                    "see docs/SECURITY.md for the limits")
