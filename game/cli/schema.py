"""``citizen schema``: write the JSON Schemas and the generated format reference."""

from __future__ import annotations

import sys
from pathlib import Path

from ..authoring import reference, schema


def register(sub) -> None:
    p = sub.add_parser(
        "schema",
        help="write JSON Schemas for each file kind (for editors) and refresh the reference in docs/AUTHORING.md",
        description="Write schemas/{scenario,rulebook,catalogue}.schema.json from the models and "
                    "regenerate the reference part of docs/AUTHORING.md. With --check, change "
                    "nothing and exit 1 if either is out of date.",
    )
    p.add_argument("--out", metavar="DIR", help="where to write the schemas (default: the source tree's schemas/)")
    p.add_argument("--check", action="store_true", help="only report drift; exit 1 if anything is out of date")
    p.set_defaults(func=run)


def run(args) -> int:
    out = Path(args.out) if args.out else schema.schemas_dir()
    doc = reference.doc_path()
    if args.check:
        stale = [str(out / name) for name in schema.drift(out)]
        if doc.is_file() and not reference.doc_is_current(doc):
            stale.append(str(doc))
        for s in stale:
            print(f"out of date: {s}", file=sys.stderr)
        if stale:
            print("run `citizen schema` to regenerate", file=sys.stderr)
        return 1 if stale else 0
    for path in schema.write_all(out):
        print(f"wrote {path}")
    if doc.is_file():
        changed = reference.update_doc(doc)
        print(f"{'updated' if changed else 'unchanged'} {doc} (reference section)")
    return 0
