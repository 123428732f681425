"""``citizen list``: what content is shipped."""

from __future__ import annotations

import json

from ..scenario.library import rulebooks, scenarios


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
    sc, rb = scenarios(), rulebooks()
    if args.format == "json":
        print(json.dumps({
            "scenarios": [{"id": e.id, "title": e.title, "path": str(e.path)} for e in sc],
            "rulebooks": [{"id": e.id, "title": e.title, "path": str(e.path)} for e in rb],
        }, indent=2))
        return 0
    print("Scenarios:")
    for e in sc:
        print(f"  {e.id:<20} {e.title:<32} {e.path}")
    print("Rulebooks:")
    for e in rb:
        print(f"  {e.id:<20} {e.title:<32} {e.path}")
    return 0
