"""Save files on disk: atomic writes, autosave, listing, and loading with plain messages.

Every way a save can be unusable is a :class:`SaveProblem` subclass whose ``str()`` is a
sentence for the player, naming the file and what is wrong. Nothing here lets a traceback
escape for a bad file, and one bad file never prevents listing or opening the others.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from .. import __version__, places
from ..engine.outcome import TurnResult
from ..scenario.content import Rulebook, Scenario
from ..scenario.diagnostics import LoadError
from ..scenario import library
from ..scenario.loader import load_catalogue, load_rulebook, load_scenario
from .save import FORMAT, KIND, MIGRATIONS, REFUSED, ContentRef, Origin, SaveFile, build_save, now
from .session import Session

SUFFIX = ".json"


# --------------------------------------------------------------------------- problems


class SaveProblem(Exception):
    """A save that cannot be used. ``str(problem)`` is the message to show."""

    label = "unusable"

    def __init__(self, path: Path | str | None, message: str) -> None:
        self.path = Path(path) if path is not None else None
        self.message = message
        super().__init__(f"{self.path.name}: {message}" if self.path is not None else message)


class SaveUnreadable(SaveProblem):
    label = "unreadable"


class SaveDamaged(SaveProblem):
    """Not valid JSON: empty, truncated or corrupted."""

    label = "damaged"


class SaveTruncated(SaveDamaged):
    label = "truncated"


class SaveForeign(SaveProblem):
    """Valid JSON, but not a Model Citizen run."""

    label = "not a save"


class SaveTooNew(SaveProblem):
    label = "newer format"


class SaveTooOld(SaveProblem):
    """An older format that no migration can bring forward (the engine's draws changed)."""

    label = "older format"


class SaveInvalid(SaveProblem):
    """A Model Citizen run whose fields do not fit the format."""

    label = "damaged"


class ContentMissing(SaveProblem):
    label = "content missing"


class ContentChanged(SaveProblem):
    label = "content changed"


class OutOfSync(SaveProblem):
    """Replaying the decisions does not rebuild the recorded states."""

    label = "out of sync"

    def __init__(self, path, turn: int, detail: str) -> None:
        self.turn = turn
        self.detail = detail
        super().__init__(path, f"out of sync at turn {turn}: {detail}")


class SaveFailed(Exception):
    """Writing a save failed; the previous save (if any) is intact."""


# --------------------------------------------------------------------------- reading


def read_save(path: Path | str) -> SaveFile:
    """Parse and validate a save file (no content is loaded). Raises a :class:`SaveProblem`."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise SaveUnreadable(path, "is a folder, not a save file") from None
    except FileNotFoundError:
        raise SaveUnreadable(path, "no such file") from None
    except OSError as exc:
        raise SaveUnreadable(path, f"cannot be read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise SaveTruncated(path, "is empty: the save was cut off before anything was written")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveDamaged(path, f"is damaged: byte {exc.start} is not text (not UTF-8)") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise SaveDamaged(path, "is damaged: its JSON is nested too deeply to be a save") from None
    except json.JSONDecodeError as exc:
        body = text.strip()
        if exc.pos >= len(text.rstrip()) or (body.startswith("{") and not body.endswith("}")):
            raise SaveTruncated(path, f"is truncated: it stops after {len(raw)} bytes, in the middle of the run") from None
        raise SaveDamaged(path, f"is damaged: not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})") from None
    if not isinstance(data, dict):
        raise SaveForeign(path, f"is not a Model Citizen save (it holds a JSON {_json_type(data)}, not a run)")
    kind = data.get("kind")
    if kind != KIND:
        what = f"its kind is {kind!r}" if kind is not None else "it has no \"kind\": \"model-citizen-run\" marker"
        raise SaveForeign(path, f"is not a Model Citizen save ({what})")
    fmt = data.get("format")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise SaveInvalid(path, f"is damaged: its \"format\" is {fmt!r}, not a version number")
    if fmt > FORMAT:
        by = data.get("game_version")
        known = isinstance(by, str) and by and by != __version__
        who = f"Model Citizen {by}" if known else "a newer Model Citizen"
        need = f"Model Citizen {by} or later" if known else f"a version of Model Citizen that reads save format {fmt}"
        raise SaveTooNew(path, f"was written by {who} in save format {fmt}; this is Model Citizen {__version__}, "
                               f"which reads save formats up to {FORMAT}. Open it with {need}.")
    while fmt < FORMAT:
        if fmt in REFUSED:
            raise SaveTooOld(path, REFUSED[fmt] + ".")
        step = MIGRATIONS.get(fmt)
        if step is None:
            raise SaveInvalid(path, f"uses save format {fmt}, which no version of Model Citizen wrote "
                                    f"(this one reads formats 1 to {FORMAT})")
        data = step(data)
        fmt += 1
        data["format"] = fmt
    try:
        save = SaveFile.model_validate(data)
    except ValidationError as exc:
        errs = exc.errors()
        parts = []
        for e in errs[:3]:
            loc = ".".join(str(x) for x in e["loc"]) or "(top)"
            parts.append(f"{loc}: {e['msg']}")
        more = f" (and {len(errs) - 3} more)" if len(errs) > 3 else ""
        raise SaveInvalid(path, "is damaged: " + "; ".join(parts) + more) from None
    last = 0
    for i, t in enumerate(save.turns):
        if t.turn <= last:
            raise SaveInvalid(path, f"is damaged: decision {i + 1} is for turn {t.turn}, after turn {last}")
        last = t.turn
    return save


def _json_type(v) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "true/false"}.get(type(v), "value") \
        if v is not None else "null"


# --------------------------------------------------------------------------- content


class ContentFinder:
    """Finds the scenario and rulebook a save names, checking their hashes. Caches loads."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self._cache: dict[tuple[str, str], object] = {}

    def _entries(self, kind: str) -> list:
        key = ("entries", kind)
        if key not in self._cache:
            try:
                self._cache[key] = library.scenarios(self.root) if kind == "scenario" else library.rulebooks(self.root)
            except OSError:
                self._cache[key] = []
        return self._cache[key]  # type: ignore[return-value]

    def _candidates(self, kind: str, ref: ContentRef) -> list[Path]:
        out: list[Path] = [e.path for e in self._entries(kind) if e.id == ref.id]
        if ref.source:
            p = Path(ref.source)
            if p.exists() and all(p.resolve() != q.resolve() for q in out):
                out.append(p)
        return out

    def _load(self, kind: str, path: Path, lexicon=None):
        key = (kind, str(path.resolve()) + ("" if lexicon is None else f"#{id(lexicon)}"))
        if key not in self._cache:
            try:
                if kind == "scenario":
                    self._cache[key] = load_scenario(path, load_catalogue(library.catalogue_for(path, self.root)))
                else:
                    self._cache[key] = load_rulebook(path, lexicon)
            except (LoadError, OSError) as exc:
                self._cache[key] = exc
        return self._cache[key]

    def scenario(self, ref: ContentRef, save_path: Path | None = None) -> Scenario:
        return self._find("scenario", ref, save_path, None)  # type: ignore[return-value]

    def rulebook(self, ref: ContentRef, scenario: Scenario, save_path: Path | None = None) -> Rulebook:
        return self._find("rulebook", ref, save_path, scenario.lexicon)  # type: ignore[return-value]

    def _find(self, kind: str, ref: ContentRef, save_path: Path | None, lexicon):
        changed = None
        broken = None
        for p in self._candidates(kind, ref):
            got = self._load(kind, p, lexicon)
            if isinstance(got, Exception):
                broken = (p, got)
                continue
            if got.id != ref.id:
                continue
            if got.content_hash == ref.content_hash:
                return got
            changed = changed or got
        if changed is not None:
            was = f"version {ref.version}, " if ref.version else ""
            now_v = f"version {changed.meta.version}, " if changed.meta.version else ""
            raise ContentChanged(save_path, (
                f"the {kind} '{ref.id}' has changed since this run was saved "
                f"(saved with {was}content {ref.content_hash[:8]}; installed: {now_v}content "
                f"{changed.content_hash[:8]}). The same decisions would not rebuild the same life; "
                f"it opens only with the {kind} it was played with."))
        if broken is not None:
            first = str(broken[1]).strip().splitlines()[0] if str(broken[1]).strip() else type(broken[1]).__name__
            raise ContentMissing(save_path, f"the {kind} '{ref.id}' cannot be loaded now ({broken[0]}: {first})")
        where = "in the shipped content" + (f" or at {ref.source}" if ref.source else "")
        raise ContentMissing(save_path, f"the {kind} '{ref.id}' is not installed (looked {where})")


@dataclass
class OpenedRun:
    """A save whose content was found with matching hashes."""

    path: Path | None
    save: SaveFile
    scenario: Scenario
    rulebook: Rulebook

    @property
    def name(self) -> str:
        return self.path.name if self.path else "(unsaved run)"


def open_run(path: Path | str, finder: ContentFinder | None = None) -> OpenedRun:
    path = Path(path)
    save = read_save(path)
    return open_save(save, path, finder)


def open_save(save: SaveFile, path: Path | None, finder: ContentFinder | None = None) -> OpenedRun:
    finder = finder or ContentFinder()
    scenario = finder.scenario(save.scenario, path)
    rulebook = finder.rulebook(save.rulebook, scenario, path)
    return OpenedRun(path, save, scenario, rulebook)


# --------------------------------------------------------------------------- verifying


@dataclass
class Verification:
    turns: int  # decisions checked and matching
    total: int
    problem: OutOfSync | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def rebuild(run: OpenedRun, on_decision=None) -> tuple[Session, Verification]:
    """Replay the saved decisions; check every turn's checksum against the save."""
    save = run.save
    session, parting = Session.from_decisions(run.scenario, run.rulebook, save.seed, save.decisions(), on_decision)
    ver = Verification(0, len(save.turns))
    lines = session.game.state.lines
    for i, (saved, got) in enumerate(zip(save.turns, session.results)):
        if got.checksum != saved.checksum:
            ver.problem = OutOfSync(run.path, saved.turn, _differences(saved, got, session, i, run))
            break
        figures = _figures(saved, got, lines[i].money if i < len(lines) else saved.money)
        if figures:
            ver.problem = OutOfSync(run.path, saved.turn, f"the state checksum matches, but the save's own figures "
                                                          f"do not: {figures} (the file was edited?)")
            break
        ver.turns += 1
    else:
        if parting is not None:
            ver.problem = OutOfSync(run.path, parting.turn, f"the recorded decision no longer applies: {parting.reason}")
        elif save.final is not None and not session.game.finished:
            ver.problem = OutOfSync(run.path, save.final.turn, "the save says the run ended here, but the replayed life goes on")
        elif save.final is None and session.game.finished and save.turns:
            ver.problem = OutOfSync(run.path, save.turns[-1].turn, "the replayed life ends here, but the save says it went on")
        elif save.final is not None and session.game.state.ending != save.final.ending:
            ver.problem = OutOfSync(run.path, save.final.turn,
                                    f"the ending is '{session.game.state.ending}', the save says '{save.final.ending}'")
    return session, ver


def _figures(saved, got: TurnResult, money: int) -> str:
    diffs = []
    if got.score_after != saved.score:
        diffs.append(f"score {got.score_after} (saved {saved.score})")
    if got.tier_after != saved.tier:
        diffs.append(f"tier {got.tier_after} (saved {saved.tier})")
    if money != saved.money:
        diffs.append(f"money {money} (saved {saved.money})")
    if got.followed_guide != saved.followed_guide:
        diffs.append(f"followed the Guide: {got.followed_guide} (saved {saved.followed_guide})")
    return ", ".join(diffs)


def _differences(saved, got: TurnResult, session: Session, i: int, run: OpenedRun) -> str:
    lines = session.game.state.lines
    diffs = _figures(saved, got, lines[i].money if i < len(lines) else saved.money)
    what = diffs if diffs else "score, tier and money agree, but other parts of the state differ"
    hint = ""
    if run.save.catalogue_hash and run.save.catalogue_hash != run.scenario.lexicon.content_hash:
        hint = " The behaviour catalogue has changed since the run was saved."
    elif run.save.game_version != __version__:
        hint = f" The run was saved by Model Citizen {run.save.game_version}; this is {__version__}."
    return f"state checksum {got.checksum}, saved {saved.checksum}: {what}.{hint}"


def verify(run: OpenedRun) -> Verification:
    return rebuild(run)[1]


# --------------------------------------------------------------------------- writing


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash at any moment leaves either the old file
    or the new one, never a mix: temporary file, flush, fsync, rename, fsync the folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_name(scenario_id: str, started: datetime, seed: int) -> str:
    return f"{scenario_id}-{started.astimezone(timezone.utc):%Y%m%d-%H%M%S}-{seed}{SUFFIX}"


def new_save_path(directory: Path, scenario_id: str, started: datetime, seed: int) -> Path:
    base = save_name(scenario_id, started, seed)
    path = Path(directory) / base
    n = 2
    while path.exists():
        path = Path(directory) / base.replace(SUFFIX, f"-{n}{SUFFIX}")
        n += 1
    return path


class AutoSave:
    """A ``Session.on_decision`` callback that saves the run after every decision.

    The file is rewritten atomically each time, so a crash loses at most the turn in
    progress. If saving fails, ``on_problem`` is called once with a message and the game goes
    on (saving is retried after every later decision, silently).
    """

    def __init__(self, directory: Path | str, *, path: Path | None = None, started: datetime | None = None,
                 player: str = "", origin: Origin | None = None,
                 on_problem: Callable[[str], None] | None = None) -> None:
        self.directory = Path(directory)
        self.path = Path(path) if path is not None else None
        self.started = started or now()
        self.player = player
        self.origin = origin
        self.on_problem = on_problem
        self.problem: str | None = None  # the first failure, once reported
        self.failures = 0
        self.saves = 0

    def __call__(self, session: Session, result: TurnResult | None = None) -> None:
        self.save_now(session)

    def save_now(self, session: Session) -> bool:
        try:
            if self.path is None:
                self.directory.mkdir(parents=True, exist_ok=True)
                self.path = new_save_path(self.directory, session.scenario.id, self.started, session.seed)
            save = build_save(session, started=self.started, player=self.player, origin=self.origin)
            write_atomic(self.path, save.to_json())
        except Exception as exc:  # saving must never stop the game
            self.failures += 1
            if self.problem is None:
                where = self.path.parent if self.path is not None else self.directory
                why = (exc.strerror or str(exc)) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
                self.problem = (f"Cannot save in {where} ({why}). "
                                f"The game goes on, but this run is not being saved.")
                if self.on_problem is not None:
                    self.on_problem(self.problem)
            return False
        self.saves += 1
        return True


def autosave(directory: Path | str, on_problem: Callable[[str], None] | None = None, **kw) -> AutoSave:
    """The callback to pass as ``Session(on_decision=...)`` for a new run saved in ``directory``."""
    return AutoSave(directory, on_problem=on_problem, **kw)


# --------------------------------------------------------------------------- resuming, taking over


def resume(run: OpenedRun, directory: Path | str | None = None,
           on_problem: Callable[[str], None] | None = None) -> tuple[Session, AutoSave]:
    """The session of an unfinished run, exactly where it stopped, saving to the same file."""
    saver = AutoSave(directory or (run.path.parent if run.path else places.saves_dir()), path=run.path,
                     started=run.save.started, player=run.save.player, origin=run.save.origin,
                     on_problem=on_problem)
    session, ver = rebuild(run, saver)
    if ver.problem is not None:
        raise ver.problem
    return session, saver


def take_over(run: OpenedRun, keep: int, directory: Path | str,
              on_problem: Callable[[str], None] | None = None, player: str = "") -> tuple[Session, AutoSave]:
    """A new run with the first ``keep`` decisions of ``run``; saved at once in a new file.

    The original save is never written to."""
    keep = max(0, min(keep, len(run.save.turns)))
    saver = AutoSave(directory, player=player or run.save.player,
                     origin=Origin(file=run.name, turns=keep), on_problem=on_problem)
    session, parting = Session.from_decisions(run.scenario, run.rulebook, run.save.seed,
                                              run.save.decisions()[:keep], saver)
    if parting is not None:
        raise OutOfSync(run.path, parting.turn, f"the recorded decision no longer applies: {parting.reason}")
    saver.save_now(session)
    return session, saver


# --------------------------------------------------------------------------- listing


@dataclass
class RunEntry:
    """One file in the saves folder: a readable save, or the problem that makes it unusable."""

    path: Path
    save: SaveFile | None = None
    problem: SaveProblem | None = None
    modified: float = 0.0

    @property
    def when(self) -> datetime:
        if self.save is not None:
            return self.save.last_played
        return datetime.fromtimestamp(self.modified, timezone.utc)

    @property
    def usable(self) -> bool:
        return self.problem is None


@dataclass
class Listing:
    entries: list[RunEntry] = field(default_factory=list)
    problem: str | None = None  # the folder itself cannot be read


def list_runs(directory: Path | str) -> Listing:
    """Every ``*.json`` file in the folder, newest first. Never raises for a bad file."""
    directory = Path(directory)
    out = Listing()
    if not directory.exists():
        return out
    try:
        files = [p for p in directory.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")]
    except OSError as exc:
        out.problem = f"Cannot read {directory} ({exc.strerror or exc})."
        return out
    for p in files:
        try:
            mtime = p.stat().st_mtime
        except OSError:
            mtime = 0.0
        entry = RunEntry(p, modified=mtime)
        try:
            entry.save = read_save(p)
        except SaveProblem as exc:
            entry.problem = exc
        except Exception as exc:  # a bug must not hide the other saves
            entry.problem = SaveDamaged(p, f"cannot be read ({type(exc).__name__}: {exc})")
        out.entries.append(entry)
    out.entries.sort(key=lambda e: (e.when, e.path.name), reverse=True)
    return out


def check_entry(entry: RunEntry, finder: ContentFinder) -> RunEntry:
    """Mark a listed run whose scenario or rulebook is missing or changed (content is cached)."""
    if entry.save is not None and entry.problem is None:
        try:
            open_save(entry.save, entry.path, finder)
        except SaveProblem as exc:
            entry.problem = exc
    return entry


def locate_save(ref: str | Path, directory: Path | str) -> Path:
    """A SAVE argument: a path, or a file name (with or without .json) in the saves folder."""
    p = Path(ref)
    if p.exists():
        return p
    d = Path(directory)
    for cand in (d / str(ref), d / f"{ref}{SUFFIX}"):
        if cand.exists():
            return cand
    raise SaveUnreadable(p, f"no such save (not a file, and not in {d})")
