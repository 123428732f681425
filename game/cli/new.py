"""``citizen new NAME``: scaffold a small working scenario folder, with comments that teach."""

from __future__ import annotations

import shlex
from pathlib import Path

from .common import exits, fail


def register(sub) -> None:
    p = sub.add_parser("new", help="create a small working scenario folder to start from",
                       description="Write NAME/scenario.toml, NAME/events/weeks.toml and NAME/endings.toml: a "
                                   "six-week life that passes `citizen check` and `citizen playtest` as created.",
                       epilog=exits("0  created, and it checks clean", "1  created, but `citizen check` finds errors",
                                    "2  the folder exists and is not empty (--force), or cannot be written"),
                       formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("name", help="folder name (its id is made from it: lowercase, digits, _)")
    p.add_argument("--dir", default=".", help="where to create the folder (default: here)")
    p.add_argument("--force", action="store_true", help="write into an existing non-empty folder")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..authoring.check import check_paths
    from ..authoring.scaffold import create

    try:
        folder = create(args.name, Path(args.dir), force=args.force)
    except FileExistsError as exc:
        return fail(f"{exc} (use --force to overwrite)")
    except OSError as exc:
        return fail(f"cannot write the scenario: {exc}")
    result = check_paths([folder])
    for path in sorted(folder.rglob("*.toml")):
        print(f"wrote {path}")
    for d in result.diagnostics:
        print(d)
    q = shlex.quote(str(folder))
    print(f"\nNext:\n  citizen check {q}\n  citizen playtest {q} --runs 200\n  citizen play {q} --dev")
    return 1 if result.errors else 0
