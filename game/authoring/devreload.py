"""Authoring while playing (``citizen play PATH --dev``): notice edits, reload, relive the run.

Plain functions and data, no Textual: the app polls :meth:`Watcher.changed` on a timer and,
when it says yes, calls :func:`reload` and shows what came back. The run survives every
edit: its decisions are relived in the new content (same seed, same rulebook); if the new
content does not load, the old content and run are kept and the errors are returned to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..engine.relive import Parting
from ..report.replay import parting_words
from ..runs.session import Session
from ..scenario.content import Rulebook, Scenario
from ..scenario.diagnostics import Diagnostic, LoadError
from ..scenario.library import catalogue_for
from ..scenario.loader import Reporter, load_catalogue, load_rulebook, load_scenario, scenario_files

Stamp = tuple[int, int]  # (mtime in ns, size)


def watched_files(scenario_path: Path, rulebook_path: Path) -> list[Path]:
    """Every file the run's content comes from: the scenario's files (a folder is listed
    again each time, so new files count), the rulebook and the catalogue."""
    files = list(scenario_files(Path(scenario_path))) + [Path(rulebook_path), catalogue_for(Path(scenario_path))]
    return sorted(set(files))


def stamps(paths: list[Path]) -> dict[Path, Stamp | None]:
    out: dict[Path, Stamp | None] = {}
    for p in paths:
        try:
            st = p.stat()
            out[p] = (st.st_mtime_ns, st.st_size)
        except OSError:
            out[p] = None  # deleted (or being replaced): a change too
    return out


@dataclass
class Watcher:
    """Polls the modification times of the content files of one scenario and rulebook."""

    scenario_path: Path
    rulebook_path: Path
    seen: dict[Path, Stamp | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.scenario_path = Path(self.scenario_path)
        self.rulebook_path = Path(self.rulebook_path)
        self.seen = stamps(watched_files(self.scenario_path, self.rulebook_path))

    @classmethod
    def for_session(cls, session: Session) -> "Watcher":
        return cls(Path(session.scenario.path), Path(session.rulebook.path))

    def watches(self, session: Session) -> bool:
        return (Path(session.scenario.path) == self.scenario_path
                and Path(session.rulebook.path) == self.rulebook_path)

    def changed(self) -> bool:
        """True once for each change (edit, new file, deleted file) since the last call."""
        now = stamps(watched_files(self.scenario_path, self.rulebook_path))
        if now != self.seen:
            self.seen = now
            return True
        return False


@dataclass
class Reloaded:
    """What a reload gave: a new session, or the errors that kept the old one."""

    session: Session | None = None
    errors: list[Diagnostic] = field(default_factory=list)
    parting: Parting | None = None
    relived: int = 0  # decisions that applied in the new content
    recorded: int = 0  # decisions the run had

    @property
    def ok(self) -> bool:
        return self.session is not None

    def summary(self) -> str:
        """One or more plain lines for the player (the author)."""
        if not self.ok:
            shown = [str(d) for d in self.errors if d.severity == "error"][:6]
            more = len([d for d in self.errors if d.severity == "error"]) - len(shown)
            return "\n".join(shown + ([f"... and {more} more"] if more > 0 else [])
                             + ["The run goes on with the last version that loaded."])
        if self.parting is not None:
            why = parting_words(self.parting, self.session.scenario, self.session.rulebook, where=False) \
                if self.session is not None else "the recorded decision no longer applies"
            return (f"Reloaded. {self.relived} of {self.recorded} decisions still apply; "
                    f"the run now stops at turn {self.parting.turn}: {why}.")
        n = self.recorded
        done = "no decision to relive" if n == 0 else ("1 decision relived" if n == 1 else f"all {n} decisions relived")
        turn = self.session.game.turn if self.session is not None else 1
        return f"Reloaded: {done}; you are back in turn {turn}."


def load_content(scenario_path: Path, rulebook_path: Path) -> tuple[Scenario, Rulebook]:
    """Load the scenario and rulebook afresh (catalogue too); LoadError carries every diagnostic."""
    rep = Reporter()
    lexicon = load_catalogue(catalogue_for(Path(scenario_path)), rep)
    if rep.errors:
        raise LoadError(rep.items)
    scenario = load_scenario(Path(scenario_path), lexicon, rep)
    if rep.errors:
        raise LoadError(rep.items)
    rulebook = load_rulebook(Path(rulebook_path), lexicon, rep)
    return scenario, rulebook


def relive_session(session: Session, scenario: Scenario, rulebook: Rulebook,
                   on_decision: Callable | None = None) -> tuple[Session, Parting | None]:
    """The same run (seed and decisions) lived again in new content."""
    return Session.from_decisions(scenario, rulebook, session.seed, list(session.decisions),
                                  on_decision=on_decision)


def reload(watcher: Watcher, session: Session, on_decision: Callable | None = None) -> Reloaded:
    """Reload the content the watcher watches and relive ``session`` in it. Never raises for
    bad content: the errors come back and the caller keeps the old session."""
    recorded = len(session.decisions)
    try:
        scenario, rulebook = load_content(watcher.scenario_path, watcher.rulebook_path)
    except LoadError as exc:
        return Reloaded(errors=list(exc.diagnostics), recorded=recorded)
    except Exception as exc:  # a bug elsewhere must not end the author's run
        return Reloaded(errors=[Diagnostic(str(watcher.scenario_path), 1, 1, "E099", "",
                                           f"reload failed: {type(exc).__name__}: {exc}")], recorded=recorded)
    try:
        new, parting = relive_session(session, scenario, rulebook, on_decision)
    except Exception as exc:
        return Reloaded(errors=[Diagnostic(str(watcher.scenario_path), 1, 1, "E099", "",
                                           f"the run could not be relived: {type(exc).__name__}: {exc}")],
                        recorded=recorded)
    return Reloaded(session=new, parting=parting, relived=len(new.decisions), recorded=recorded)
