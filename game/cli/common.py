"""Helpers shared by subcommands: opening content with messages instead of tracebacks."""

from __future__ import annotations

import sys
from pathlib import Path

from typing import TYPE_CHECKING

from .. import places
from ..scenario.diagnostics import LoadError
from ..scenario.library import NotFound, open_rulebook, open_scenario, resolve, rulebooks
from ..scenario.safe_files import trust
from ..scenario.safe_text import clean

if TYPE_CHECKING:
    from ..scenario.content import Rulebook, Scenario


class CommandError(Exception):
    """A message for the user; the command exits non-zero."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def exits(*lines: str) -> str:
    """A subcommand's --help epilog: its exit codes, one per line."""
    return "exit status:\n" + "\n".join(f"  {line}" for line in lines)


def fail(message: str, code: int = 2) -> int:
    print(f"citizen: {clean(message)}", file=sys.stderr)
    return code


def load_pair(scenario_ref: str, rulebook_ref: str | None) -> tuple[Scenario, Rulebook]:
    try:
        scenario = open_scenario(scenario_ref)
        ref = rulebook_ref or default_rulebook()
        rulebook = open_rulebook(ref, scenario.lexicon)
        for kind, named in (("scenario", scenario_ref), ("rulebook", ref)):
            trust(resolve(kind, named))  # content the user named: its runs may be resumed and replayed
    except NotFound as exc:
        raise CommandError(str(exc)) from None
    except LoadError as exc:
        raise CommandError("the content has errors:\n" + str(exc)) from None
    return scenario, rulebook


def default_rulebook() -> str:
    ids = [e.id for e in rulebooks()]
    if "points_city" in ids:
        return "points_city"
    if not ids:
        raise CommandError("no rulebooks found")
    return ids[0]


def saves_dir(args) -> Path:
    """The saves folder for this command (``--saves``, ``$CITIZEN_SAVES``, or the default)."""
    return places.saves_dir(getattr(args, "saves", None))


def add_trust(parser) -> None:
    """``--trust DIR``: content a save was played from, outside the content and saves folders."""
    parser.add_argument("--trust", action="append", metavar="DIR", default=[],
                        help="open the content a save records if it lies in DIR (a save's recorded path is "
                             "otherwise opened only inside the content and saves folders; see docs/SECURITY.md)")


def finder_for(args):
    """The content finder for a command, trusting what ``--trust`` names."""
    from ..runs.store import ContentFinder

    for d in getattr(args, "trust", None) or []:
        trust(Path(d))
    return ContentFinder()
