"""``citizen check PATH...``: validate scenario, rulebook and catalogue files or folders.

Prints every problem as ``file:line:col: CODE key.path: message``. Exit codes:

* 0: no errors (warnings and notes may have been printed);
* 1: at least one error (with ``--strict``: at least one error or warning);
* 2: the command line itself was wrong (argparse).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ..scenario.safe_text import clean

EPILOG = """\
exit status:
  0  no errors were found (warnings allowed)
  1  there were errors (or warnings, with --strict)
  2  a wrong command line
codes: E0xx errors (the content cannot be used), W1xx warnings (it loads, but something
cannot happen or will look wrong), I2xx notes. docs/AUTHORING.md lists every code."""


def register(sub) -> None:
    import argparse

    p = sub.add_parser(
        "check", help="validate scenario, rulebook and catalogue files or folders",
        description="Check content files: TOML syntax, keys and types, references between ids, "
                    "conditions, and what static analysis can prove (events that can never come up, "
                    "choices never selectable, unreachable endings, unread flags, broken markup).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a scenario file or folder, a rulebook, a catalogue, or a folder of them")
    p.add_argument("--format", choices=["text", "json"], default="text", help="json: one object with every diagnostic, for editors and CI")
    p.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    p.add_argument("--no-analysis", action="store_true", help="only load errors; skip the W-code analysis")
    p.set_defaults(func=run)


def run(args) -> int:
    import gc

    # Loading builds many small objects and no cycles worth collecting mid-way: the collector
    # would walk the growing heap again and again (a quarter of a large check's time).
    gc.disable()
    try:
        from ..authoring.check import check_paths

        result = check_paths([Path(p) for p in args.paths], analyse=not args.no_analysis)
    finally:
        gc.enable()
    code = result.exit_code(strict=args.strict)
    if args.format == "json":
        data = result.to_json()
        data["exit"] = code
        print(clean(json.dumps(data, indent=2, ensure_ascii=False)))
        return code
    for d in result.diagnostics:
        print(clean(f"{d}"), file=sys.stdout)
    loaded = len(result.scenarios) + len(result.rulebooks)
    print(f"{len(result.errors)} error(s), {len(result.warnings)} warning(s), {len(result.infos)} note(s); "
          f"{len(result.scenarios)} scenario(s) and {len(result.rulebooks)} rulebook(s) loaded"
          + ("" if loaded or result.catalogues else " (nothing could be loaded)"))
    return code
