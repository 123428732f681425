"""``citizen report SAVE``: a shareable report of a run, in txt, md, html or svg.

Written to standard output unless ``--output`` is given. Exit codes: 0 fine; 2 the save or
its content cannot be used, or the run no longer replays (with a message, never a
traceback); 1 the output file cannot be written.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .common import add_trust, exits, fail, finder_for, saves_dir

FORMATS = ("txt", "md", "html", "svg", "json")


def register(sub) -> None:
    p = sub.add_parser(
        "report", help="write a shareable report of a saved run (txt, md, html or svg)",
        description="Write the end-of-run report of a saved run: the life in numbers, what the system saw "
                    "and missed, every door each record closed, the reflections, and the same life under "
                    "the other shipped rulebooks. The plain-text report stays readable even when the save "
                    "no longer replays in a later version.",
        epilog=exits("0  written", "1  the output file cannot be written",
                     "2  the save or its content cannot be used, or the run no longer replays"),
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("save", metavar="SAVE", help="a save file, or its name in the saves folder")
    p.add_argument("--format", "-f", choices=FORMATS, default=None,
                   help="txt (default; a plain-text record), md, html, svg (a picture of the summary page), or "
                        "json (the two indices and the end pages as data, each paragraph with the facts it states); "
                        "with --output, taken from the file's suffix when not given")
    p.add_argument("--output", "-o", metavar="FILE",
                   help="write to FILE instead of standard output (never over a save, a link or a special file)")
    add_trust(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..runs.store import SaveProblem, WriteRefused, check_target, locate_save, open_run
    from ..scenario.safe_text import clean

    folder = saves_dir(args)
    try:
        opened = open_run(locate_save(args.save, folder), finder_for(args))
    except SaveProblem as exc:
        return fail(str(exc))
    if args.output:  # refused before the run is replayed: a report never replaces a save, a link or a device
        try:
            check_target(Path(args.output), refuse_saves=True)
        except WriteRefused as exc:
            return fail(f"will not write {args.output}: it {exc.strerror}", 1)
    from ..runs.reports import report_of_run, write_report
    from ..report.export import export

    try:
        rep = report_of_run(opened)
    except SaveProblem as exc:
        return fail(f"{exc}. The run cannot be rebuilt, so no report can be made from it.")
    fmt = args.format
    if fmt == "json" or (fmt is None and args.output and str(args.output).endswith(".json")):
        import json

        from ..report.export import to_data

        data = json.dumps(to_data(rep), indent=2, ensure_ascii=False) + "\n"
        if not args.output:
            sys.stdout.write(data)
            return 0
        from ..runs.store import write_atomic

        try:
            write_atomic(args.output, data)
        except OSError as exc:
            return fail(f"cannot write {args.output} ({exc.strerror or exc})", 1)
        print(f"Report written to {args.output}")
        return 0
    if args.output:
        try:
            check_target(Path(args.output), refuse_saves=True)
            path = write_report(rep, args.output, fmt)
        except WriteRefused as exc:
            return fail(f"will not write {args.output}: it {exc.strerror}", 1)
        except OSError as exc:
            return fail(f"cannot write {args.output} ({exc.strerror or exc})", 1)
        print(clean(f"Report written to {path}"))
        return 0
    sys.stdout.write(clean(export(rep, fmt or "txt")))
    return 0
