"""``citizen check PATH...``: validate scenario, rulebook and catalogue files."""

from __future__ import annotations

import json
from pathlib import Path

from ..authoring.check import check_paths


def register(sub) -> None:
    p = sub.add_parser("check", help="validate scenario, rulebook and catalogue files or folders")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.set_defaults(func=run)


def run(args) -> int:
    result = check_paths([Path(p) for p in args.paths])
    if args.format == "json":
        print(json.dumps({"diagnostics": [d.to_json() for d in result.diagnostics],
                          "errors": len(result.errors)}, indent=2))
    else:
        for d in result.diagnostics:
            print(d)
        n_err = len(result.errors)
        n_other = len(result.diagnostics) - n_err
        checked = len(result.scenarios) + len(result.rulebooks)
        print(f"{n_err} error(s), {n_other} other; {checked} scenario(s)/rulebook(s) loaded")
    return 1 if result.errors else 0
