"""``citizen schema``: write the JSON Schemas and the generated format reference.

It never writes into an installed package: there, ``--output DIR`` says where the schemas go.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .. import places
from .common import exits, fail


def register(sub) -> None:
    p = sub.add_parser(
        "schema",
        help="write JSON Schemas for each file kind (for editors) and refresh the reference in docs/AUTHORING.md",
        description="Write {scenario,rulebook,catalogue}.schema.json from the models. With --output DIR, "
                    "write them to DIR. Without it, in a source checkout, write schemas/ and regenerate "
                    "the reference part of docs/AUTHORING.md. With --check, change nothing and exit 1 "
                    "if anything is out of date.",
        epilog=exits("0  written (with --check: everything is current)", "1  --check found something out of date",
                     "2  nothing can be written there (an installed game needs --output DIR)"),
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter,
    )
    p.add_argument("--output", "--out", dest="output", metavar="DIR",
                   help="write the schemas to DIR (needed when the game is installed rather than checked out)")
    p.add_argument("--check", action="store_true", help="only report drift; exit 1 if anything is out of date")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..authoring import reference, schema

    checkout = places.source_checkout()
    if args.output:
        out, doc = Path(args.output), None
    else:
        out, doc = schema.schemas_dir(), reference.doc_path()
    if args.check:
        stale = [str(out / name) for name in schema.drift(out)]
        if doc is not None and doc.is_file() and not reference.doc_is_current(doc):
            stale.append(str(doc))
        for s in stale:
            print(f"out of date: {s}", file=sys.stderr)
        if stale:
            print("run `citizen schema` to regenerate", file=sys.stderr)
        return 1 if stale else 0
    if checkout is None and not args.output:
        return fail(f"this game is installed, so its schemas are read-only (in {out}).\n"
                    "  Write copies for your editor with: citizen schema --output DIR")
    try:
        written = schema.write_all(out)
    except OSError as exc:
        return fail(f"could not write the schemas to {out}: {exc.strerror or exc}")
    for path in written:
        print(f"wrote {path}")
    if doc is not None and doc.is_file():
        changed = reference.update_doc(doc)
        print(f"{'updated' if changed else 'unchanged'} {doc} (reference section)")
    return 0
