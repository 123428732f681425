"""``citizen replay SAVE``: view a saved run, print it, verify it, or relive it under other rules.

Exit codes: 0 fine; 1 ``--verify`` found the run out of sync; 2 the save or the content
cannot be used (with a message naming what is wrong, never a traceback).
"""

from __future__ import annotations

import sys

from .common import add_trust, exits, fail, saves_dir


def register(sub) -> None:
    import argparse

    p = sub.add_parser(
        "replay", help="open a saved run in the replay viewer, print it, or verify it",
        description="Open a saved run: step through it in the viewer, print it (--text), check it "
                    "re-simulates exactly (--verify), or relive the same decisions under another "
                    "rulebook (--rulebook).",
        epilog=exits("0  fine (with --verify: every turn matches)", "1  --verify found the run out of sync",
                     "2  the save or its content cannot be used, or a wrong command line"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("save", metavar="SAVE", help="a save file, or its name in the saves folder")
    p.add_argument("--text", action="store_true", help="print the run turn by turn instead of opening the viewer")
    p.add_argument("--verify", action="store_true",
                   help="re-simulate the run; exit 0 if every turn matches, else 1 with 'out of sync at turn N'")
    p.add_argument("--rulebook", "-r", metavar="OTHER",
                   help="relive the same decisions under another rulebook (id or path) and compare")
    p.add_argument("--turn", type=int, metavar="N", help="open the viewer at turn N")
    p.add_argument("--format", choices=["text", "json"], default="text",
                   help="with --verify: json prints the verdict as one JSON object, for scripts and CI")
    add_trust(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..runs.store import SaveProblem, locate_save, open_run
    from .common import finder_for

    if args.verify and (args.rulebook or args.text):
        return fail("--verify checks the run under its own rulebook; use it without --text or --rulebook")
    if args.format == "json" and not args.verify:
        return fail("--format json goes with --verify (the viewer and --text are for reading)")
    folder = saves_dir(args)
    try:
        path = locate_save(args.save, folder)
        opened = open_run(path, finder_for(args))
    except SaveProblem as exc:
        return fail(str(exc))
    if args.verify:
        return _verify_json(opened) if args.format == "json" else _verify(opened)
    other = None
    if args.rulebook:
        other = _other_rulebook(args.rulebook, opened)
        if isinstance(other, int):
            return other
    if args.text:
        return _text(opened, other)
    from ..tui.screens.replay import run_viewer  # Textual only when a screen is wanted

    return run_viewer(opened, saves=folder, other=other, turn=args.turn)


def _other_rulebook(ref: str, opened):
    from ..scenario.diagnostics import LoadError
    from ..scenario.library import NotFound, open_rulebook

    try:
        return open_rulebook(ref, opened.scenario.lexicon)
    except NotFound as exc:
        return fail(str(exc))
    except LoadError as exc:
        return fail(f"the rulebook '{ref}' has errors:\n{exc}")


def _verify(opened) -> int:
    import time

    from ..runs.store import rebuild

    t0 = time.perf_counter()
    _session, ver = rebuild(opened, words=False)
    ms = (time.perf_counter() - t0) * 1000
    save = opened.save
    if ver.ok:
        print(f"ok: {ver.total} turns re-simulated, every checksum matches, and so does every figure the save "
              f"records (the final block included) "
              f"({save.scenario.id} under {save.rulebook.id}, seed {save.seed}; {ms:.0f} ms)")
        return 0
    p = ver.problem
    assert p is not None
    from ..scenario.safe_text import clean

    print(clean(f"out of sync at turn {p.turn}: {p.detail}"), file=sys.stderr)
    print(f"({ver.turns} of {ver.total} turns matched before it)", file=sys.stderr)
    return 1


def _verify_json(opened) -> int:
    """The verdict of --verify as data: ok, how many turns matched, and where it parts."""
    import json
    import time

    from ..runs.store import rebuild
    from ..scenario.safe_text import clean

    t0 = time.perf_counter()
    _session, ver = rebuild(opened)
    ms = (time.perf_counter() - t0) * 1000
    save = opened.save
    p = ver.problem
    data = {
        "ok": ver.ok, "turns": ver.total, "matched": ver.turns, "save": opened.name,
        "scenario": save.scenario.id, "rulebook": save.rulebook.id, "seed": save.seed,
        "problem": None if p is None else {"turn": p.turn, "detail": clean(p.detail)},
        "ms": round(ms, 1),
    }
    print(json.dumps(data, indent=2, ensure_ascii=False))
    return 0 if ver.ok else 1


def _header(opened) -> list[str]:
    s = opened.save
    unit = opened.scenario.calendar.unit
    status = f"finished: {s.final.title or 'the end'}" if s.final else f"unfinished, in {unit} {s.turn}"
    origin = f"; taken over from {s.origin.file} after {s.origin.turns} decisions" if s.origin else ""
    return [
        f"{opened.scenario.title} under {opened.rulebook.title} ({opened.rulebook.meta.city})",
        f"{s.player or 'Unknown'} · seed {s.seed} · started {s.started:%Y-%m-%d %H:%M} UTC · "
        f"{len(s.turns)} decisions · {status}{origin}",
        "",
    ]


def _text(opened, other) -> int:
    from ..runs.compare import compare, render_text
    from ..runs.printout import run_text
    from ..runs.store import verify
    from ..runs.timeline import for_save
    from ..scenario.safe_text import clean

    ver = verify(opened)
    if not ver.ok:  # said first, on both streams: what follows is not the life the save claims
        p = ver.problem
        assert p is not None
        warning = (f"WARNING: this save does not verify: out of sync at turn {p.turn}: {p.detail}\n"
                   f"What follows is the life its decisions rebuild, not what the file says. "
                   f"(citizen replay SAVE --verify for details)\n")
        print(clean(warning.splitlines()[0]), file=sys.stderr)
        sys.stdout.write(clean(warning) + "\n")
    if other is not None:
        c = compare(opened.scenario, opened.rulebook, other, opened.save.seed, opened.save.decisions())
        sys.stdout.write(clean(render_text(c, opened.scenario)))
        return 0
    tl = for_save(opened)
    sys.stdout.write(clean(run_text(tl, _header(opened), opened.save)))
    return 0
