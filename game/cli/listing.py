"""``citizen list``: what content is shipped, and any content file that cannot be used."""

from __future__ import annotations

import json

from ..scenario.library import rulebooks, scenarios
from ..scenario.safe_text import clean


def register(sub) -> None:
    import argparse

    from .common import exits

    p = sub.add_parser("list", help="list the shipped scenarios and rulebooks",
                       description="List the scenarios and rulebooks in the content folder (the shipped ones, "
                                   "or CITIZEN_CONTENT's), with the id, title and path each command takes.",
                       epilog=exits("0  listed (an empty content folder lists nothing)", "2  a wrong command line"),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--format", choices=["text", "json"], default="text", help="json: for scripts")
    p.set_defaults(func=run)


def run(args) -> int:
    sc, rb = scenarios(broken=True), rulebooks(broken=True)
    if args.format == "json":
        def item(e) -> dict:
            d = {"id": e.id, "title": e.title, "path": str(e.path)}
            if e.problem:
                d["problem"] = e.problem
            return d

        print(clean(json.dumps({"scenarios": [item(e) for e in sc], "rulebooks": [item(e) for e in rb]}, indent=2)))
        return 0
    lines = []
    for label, entries in (("Scenarios:", sc), ("Rulebooks:", rb)):
        lines.append(label)
        for e in entries:
            if e.problem:
                lines.append(f"  ✗ {e.path.name:<18} cannot be used: {e.problem}")
            else:
                lines.append(f"  {e.id:<20} {e.title:<32} {e.path}")
    print(clean("\n".join(lines)))
    return 0
