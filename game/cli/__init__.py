"""The ``citizen`` command: a thin shell over the engine, the runs and the TUI.

Each subcommand lives in its own module and registers itself with :func:`register`.
Global options (``--saves``) are accepted before or after the subcommand's name.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from importlib import import_module

from .. import __version__, places, start_up

COMMANDS = ["play", "listing", "check", "playtest", "replay", "report", "schema", "new", "serve"]


def add_global_options(parser: argparse.ArgumentParser, *, in_command: bool = False) -> None:
    """Options every command takes. Inside a subcommand their default is SUPPRESS, so a value
    given before the subcommand's name is not overwritten by the subcommand's default."""
    default = argparse.SUPPRESS if in_command else None
    saves = places.saves_folder()
    parser.add_argument("--saves", metavar="DIR", default=default,
                        help=f"where runs are saved (now {saves.path}: {saves.why}; also CITIZEN_SAVES=DIR)")
    parser.add_argument("--version", action=_Version, nargs=0, help="print the game's version and exit")


class _Version(argparse.Action):
    """argparse's own version action wants the text when the parser is built; the save format
    lives with the saves, which ``citizen`` should not load just to start."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(version())
        parser.exit()


def version() -> str:
    from ..runs.save import FORMAT

    return f"citizen (Model Citizen) {__version__}, save format {FORMAT}"


def _where() -> str:
    saves = places.saves_folder()
    return (
        "where things are:\n"
        f"  saves    {saves.path} ({saves.why})\n"
        "           --saves DIR or CITIZEN_SAVES=DIR puts them elsewhere\n"
        f"  content  {places.content_root()} ({places.content_why()})\n"
        "           CITIZEN_CONTENT=DIR plays your own scenarios and rulebooks\n"
        f"  settings {places.config_dir()} (the theme you chose; CITIZEN_CONFIG=DIR)\n"
        "\n"
        "exit status: 0 fine, 1 the command found a problem (see each command's --help),\n"
        "2 a wrong command line or content or a save that cannot be used, 130 interrupted."
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


class UnknownCommand(Exception):
    pass


def _with_play(parser: argparse.ArgumentParser, argv: list[str]) -> list[str]:
    """``citizen eastgate`` (and ``citizen --saves D eastgate``) plays eastgate: put ``play``
    before the first word that is not a global option, its value, or a command. A word that
    is neither a command nor a scenario, but is close to a command, is a mistyped command."""
    sub = next(a for a in parser._actions if a.dest == "command")
    valued = {s for a in parser._actions if a.option_strings and a.nargs != 0 for s in a.option_strings}
    i = 0
    while i < len(argv):
        word = argv[i]
        if word == "--":
            return argv
        if word.startswith("-"):
            i += 2 if "=" not in word and word in valued else 1
            continue
        commands = list(sub.choices or {})
        if word in commands:
            return argv
        close = difflib.get_close_matches(word, commands, n=1, cutoff=0.6)
        if close and not _is_scenario(word):
            raise UnknownCommand(f"no command '{word}'. Did you mean '{close[0]}'? "
                                 f"(commands: {', '.join(commands)}; `citizen --help` says what each does)")
        return [*argv[:i], "play", *argv[i:]]
    return argv


def _is_scenario(word: str) -> bool:
    from pathlib import Path

    from ..scenario.library import scenarios

    return Path(word).exists() or any(e.id == word for e in scenarios())


def plain_play(argv: list[str]) -> argparse.Namespace | None:
    """``citizen`` alone opens the game: the arguments ``citizen play`` has, without building
    every command's parser (nine modules and their options, about a tenth of the start-up
    to the title screen). None for any other command line. A test holds these to the parser's."""
    if argv:
        return None
    from . import play

    return argparse.Namespace(saves=None, version=None, command="play", scenario=None, rulebook=None, seed=None,
                              dev=False, connection=False, func=play.run)


def main(argv: list[str] | None = None) -> int:
    start_up.pause()  # until the start is done (see game.start_up)
    try:
        return _main(argv)
    finally:
        start_up.resume()


def _main(argv: list[str] | None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = plain_play(argv)
    if args is None:
        parser = build_parser()
        try:
            argv = _with_play(parser, argv)
        except UnknownCommand as exc:
            print(f"citizen: {exc}", file=sys.stderr)
            return 2
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args([*argv, "play"])  # global options alone: play
    problem = places.content_problem()
    if problem is not None:
        print(f"citizen: {problem}", file=sys.stderr)
        return 2
    if args.command != "play":  # the game resumes it once its first frame is drawn
        start_up.resume()
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
