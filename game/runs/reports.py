"""Reports of saved runs, and report files on disk: the I/O beside :mod:`game.report`."""

from __future__ import annotations

from pathlib import Path

from ..report.run import RunReport
from .store import OpenedRun, OutOfSync, rebuild, write_atomic
from ..report import compose
from ..report.export import export


def report_of_run(run: OpenedRun, others=None) -> RunReport:
    """The full report of a saved run, after checking it replays exactly.

    Raises :class:`~game.runs.store.OutOfSync` (a message for the player) if it does not.
    """
    session, ver = rebuild(run)
    if ver.problem is not None:
        raise ver.problem
    if not session.decisions and run.save.turns:
        raise OutOfSync(run.path, run.save.turns[0].turn, "no decision of the save replays")
    return compose(session.game, session.decisions, others)


def report_path(rep: RunReport, fmt: str, saves: Path, save_path: Path | None = None) -> Path:
    """Where a report is written by default: beside its save, or in ``saves/reports``."""
    if save_path is not None:
        return Path(save_path).with_suffix(f".{fmt}")
    return Path(saves) / "reports" / f"{rep.scenario}-{rep.rulebook}-{rep.seed}.{fmt}"


def write_report(rep: RunReport, path: Path, fmt: str | None = None) -> Path:
    """Write the report in ``fmt`` (default: from the file's suffix, else txt); returns the path."""
    path = Path(path)
    fmt = fmt or (path.suffix.lstrip(".") if path.suffix.lstrip(".") in ("txt", "md", "html", "svg") else "txt")
    write_atomic(path, export(rep, fmt))
    return path
