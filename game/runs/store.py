"""Save files on disk: atomic writes, autosave, listing, and loading with plain messages.

Every way a save can be unusable is a :class:`SaveProblem` subclass whose ``str()`` is a
sentence for the player, naming the file and what is wrong. Nothing here lets a traceback
escape for a bad file, and one bad file never prevents listing or opening the others.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from pydantic import ValidationError

from .. import __version__, places
from ..engine.outcome import TurnResult
from ..scenario.content import Rulebook, Scenario
from ..scenario.diagnostics import LoadError
from ..scenario import library, safe_files
from ..scenario.loader import load_catalogue, load_rulebook, load_scenario
from ..scenario.safe_files import BOM, MAX_SAVE_BYTES, Refused, is_within, read_bytes
from ..scenario.safe_text import clean, clean_tree
from .save import FORMAT, KIND, MIGRATIONS, REFUSED, ContentRef, Origin, SaveFile, build_save, final_of, now
from .lock import RunLock, RunLocked, acquire, describe, holder_of
from .session import Session

SUFFIX = ".json"


# --------------------------------------------------------------------------- problems


class SaveProblem(Exception):
    """A save that cannot be used. ``str(problem)`` is the message to show."""

    label = "unusable"

    def __init__(self, path: Path | str | None, message: str) -> None:
        self.path = Path(path) if path is not None else None
        self.message = message
        name = clean(self.path.name) if self.path is not None else ""
        name = name if len(name) <= 80 else name[:79] + "…"
        super().__init__(f"{name}: {message}" if self.path is not None else message)


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


def read_save(path: Path | str, inside: Path | None = None) -> SaveFile:
    """Parse and validate a save file (no content is loaded). Raises a :class:`SaveProblem`.

    Read through :mod:`game.scenario.safe_files`: a regular file of at most
    :data:`~game.scenario.safe_files.MAX_SAVE_BYTES`, never a FIFO or a device; with ``inside``,
    not through a link leading out of that folder. Every string is made display-safe before
    the model sees it."""
    path = Path(path)
    try:
        raw = read_bytes(path, MAX_SAVE_BYTES, inside)
    except Refused as exc:
        if exc.code == "E052":
            raise SaveUnreadable(path, f"is too large to be a save ({exc.reason})") from None
        if exc.reason.startswith("is a folder"):
            raise SaveUnreadable(path, "is a folder, not a save file") from None
        raise SaveUnreadable(path, exc.reason) from None
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    if not raw.strip():
        raise SaveTruncated(path, "is empty: the save was cut off before anything was written")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveDamaged(path, f"is damaged: byte {exc.start} is not text (not UTF-8)") from None
    start = len(text) - len(text.lstrip())
    try:
        data, end = json.JSONDecoder().raw_decode(text, start)
    except RecursionError:
        raise SaveDamaged(path, "is damaged: its JSON is nested too deeply to be a save") from None
    except json.JSONDecodeError as exc:
        body = text.strip()
        if exc.pos >= len(text.rstrip()) or (body.startswith("{") and not body.endswith("}")):
            raise SaveTruncated(path, f"is truncated: it stops after {len(raw)} bytes, in the middle of the run") from None
        raise SaveDamaged(path, f"is damaged: not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg})") from None
    rest = text[end:].strip()
    if rest:
        line = text.count("\n", 0, end) + 1
        col = end - (text.rfind("\n", 0, end) + 1) + 1
        raise SaveDamaged(path, f"is damaged: the run is complete, but {len(rest.encode()):,} more bytes follow it "
                                f"(from line {line}, column {col}); remove them to use the save")
    clean_tree(data)
    if not isinstance(data, dict):
        raise SaveForeign(path, f"is not a Model Citizen save (it holds a JSON {_json_type(data)}, not a run)")
    kind = data.get("kind")
    if kind != KIND:
        what = f"its kind is {_short(kind)}" if kind is not None else "it has no \"kind\": \"model-citizen-run\" marker"
        raise SaveForeign(path, f"is not a Model Citizen save ({what})")
    fmt = data.get("format")
    if not isinstance(fmt, int) or isinstance(fmt, bool):
        raise SaveInvalid(path, f"is damaged: its \"format\" is {_short(fmt)}, not a version number")
    if fmt > FORMAT:
        by = data.get("game_version")
        known = isinstance(by, str) and by and by != __version__ and len(by) <= 32
        who = f"Model Citizen {by}" if known else "a newer Model Citizen"
        need = f"Model Citizen {by} or later" if known else f"a version of Model Citizen that reads save format {_short(fmt)}"
        raise SaveTooNew(path, f"was written by {who} in save format {_short(fmt)}; this is Model Citizen {__version__}, "
                               f"which reads save formats up to {FORMAT}. Open it with {need}.")
    while fmt < FORMAT:
        if fmt in REFUSED:
            raise SaveTooOld(path, REFUSED[fmt] + ".")
        step = MIGRATIONS.get(fmt)
        if step is None:
            raise SaveInvalid(path, f"uses save format {_short(fmt)}, which no version of Model Citizen wrote "
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


def _clip(text: str, width: int = 120) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _short(value) -> str:
    """A value from a file, for a message: its repr, cut short."""
    r = repr(value)
    return r if len(r) <= 40 else r[:39] + "…"


def _json_type(v) -> str:
    return {list: "list", str: "string", int: "number", float: "number", bool: "true/false"}.get(type(v), "value") \
        if v is not None else "null"


# --------------------------------------------------------------------------- content


class ContentFinder:
    """Finds the scenario and rulebook a save names, checking their hashes. Caches loads.

    Content is found by id in the content folder. The path a save records (``source``) is
    opened only if it lies inside the content folder, the folder of the save, a folder in
    ``trusted``, or one the user named (:func:`game.scenario.safe_files.trust`): a save
    cannot make the game read whatever file it names."""

    def __init__(self, root: Path | None = None, trusted: list[Path] | tuple = ()) -> None:
        self.root = root
        self.trusted = [Path(t) for t in trusted]
        self._cache: dict[tuple[str, str], object] = {}
        self._refused: dict[str, Path] = {}

    def _entries(self, kind: str) -> list:
        key = ("entries", kind)
        if key not in self._cache:
            try:
                self._cache[key] = library.scenarios(self.root) if kind == "scenario" else library.rulebooks(self.root)
            except OSError:
                self._cache[key] = []
        return self._cache[key]  # type: ignore[return-value]

    def is_trusted(self, source: Path, save_path: Path | None) -> bool:
        folders = [self.root or library.content_root(), *self.trusted, *safe_files.trusted()]
        if save_path is not None:
            folders.append(Path(save_path).parent)
        try:
            return any(is_within(source, f) for f in folders)
        except (OSError, ValueError):
            return False

    def _candidates(self, kind: str, ref: ContentRef, save_path: Path | None = None) -> list[Path]:
        out: list[Path] = [e.path for e in self._entries(kind) if e.id == ref.id]
        if ref.source:
            p = Path(ref.source)
            try:
                there = p.exists() and all(os.path.realpath(p) != os.path.realpath(q) for q in out)
            except (OSError, ValueError):
                there = False
            if there:
                if self.is_trusted(p, save_path):
                    out.append(p)
                else:
                    self._refused[kind] = p
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

    def _recorded(self, kind: str, ref: ContentRef, save_path: Path | None, lexicon):
        """The content at the path the save records, when it may be opened and is exactly what
        was saved (same id, same hash): found without reading every file of the content folder
        for its id. None otherwise, and the search goes on as before."""
        if not ref.source:
            return None
        p = Path(ref.source)
        try:
            if not p.is_file() or not self.is_trusted(p, save_path):
                return None
        except (OSError, ValueError):
            return None
        got = self._load(kind, p, lexicon)
        if isinstance(got, Exception) or got.id != ref.id or got.content_hash != ref.content_hash:
            return None
        return got

    def _find(self, kind: str, ref: ContentRef, save_path: Path | None, lexicon):
        got = self._recorded(kind, ref, save_path, lexicon)
        if got is not None:
            return got
        changed = None
        broken = None
        for p in self._candidates(kind, ref, save_path):
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
            was = f"version {_clip(ref.version, 40)}, " if ref.version else ""
            now_v = f"version {_clip(changed.meta.version, 40)}, " if changed.meta.version else ""
            raise ContentChanged(save_path, (
                f"the {kind} '{ref.id}' has changed since this run was saved "
                f"(saved with {was}content {ref.content_hash[:8]}; installed: {now_v}content "
                f"{changed.content_hash[:8]}). The same decisions would not rebuild the same life; "
                f"it opens only with the {kind} it was played with."))
        if broken is not None:
            first = str(broken[1]).strip().splitlines()[0] if str(broken[1]).strip() else type(broken[1]).__name__
            raise ContentMissing(save_path, f"the {kind} '{ref.id}' cannot be loaded now ({broken[0]}: {first})")
        refused = self._refused.get(kind)
        if refused is not None:
            raise ContentMissing(save_path, (
                f"the {kind} '{ref.id}' is not installed (looked in the content folder). The save was played "
                f"from {_clip(str(refused))}, which is outside the content and saves folders, so it is not opened "
                f"on the save's word; to trust it, name it: citizen replay SAVE --trust {_clip(str(refused))}"))
        where = "in the shipped content" + (f" or at {_clip(ref.source)}" if ref.source else "")
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
        """The save's file name, safe to show."""
        return clean(self.path.name) if self.path else "(unsaved run)"


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


def rebuild(run: OpenedRun, on_decision=None, words: bool = True) -> tuple[Session, Verification]:
    """Replay the saved decisions; check every turn's checksum against the save. ``words``
    False: the session's results carry no notices (enough to verify, not to show)."""
    save = run.save
    session, parting = Session.from_decisions(run.scenario, run.rulebook, save.seed, save.decisions(), on_decision,
                                              words=words)
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
            from ..report.replay import parting_words  # the words package, only when there is a parting to word

            ver.problem = OutOfSync(run.path, parting.turn, f"the recorded decision no longer applies: "
                                                            f"{parting_words(parting, run.scenario, run.rulebook)}")
        elif save.final is not None and not session.game.finished:
            ver.problem = OutOfSync(run.path, save.final.turn, "the save says the run ended here, but the replayed life goes on")
        elif save.final is None and session.game.finished and save.turns:
            ver.problem = OutOfSync(run.path, save.turns[-1].turn, "the replayed life ends here, but the save says it went on")
        elif save.final is not None and session.game.state.ending != save.final.ending:
            ver.problem = OutOfSync(run.path, save.final.turn,
                                    f"the ending is '{session.game.state.ending}', the save says '{save.final.ending}'")
        elif (diffs := _final_differences(run, session)):
            turn = save.final.turn if save.final is not None else (save.turns[-1].turn if save.turns else 1)
            ver.problem = OutOfSync(run.path, turn, f"every turn replays, but the save's own record of the run does "
                                                    f"not match it: {diffs} (the file was edited?)")
    return session, ver


def _final_differences(run: OpenedRun, session: Session) -> str:
    """What the save says about the whole run (its final block, the titles and versions of its
    content) that the replayed run contradicts, or ""."""
    save = run.save
    diffs = []
    got = final_of(session)
    if save.final is not None and got is not None:
        for name in ("turn", "score", "tier", "money", "records", "guide_offered", "guide_followed", "title"):
            mine, theirs = getattr(got, name), getattr(save.final, name)
            if mine != theirs:
                diffs.append(f"final {name} {_short(mine)} (saved {_short(theirs)})")
    for kind, ref, content in (("scenario", save.scenario, run.scenario), ("rulebook", save.rulebook, run.rulebook)):
        if ref.title and ref.title != content.title:
            diffs.append(f"{kind} title {_short(content.title)} (saved {_short(ref.title)})")
        if ref.version and ref.version != content.meta.version:
            diffs.append(f"{kind} version {_short(content.meta.version)} (saved {_short(ref.version)})")
    return ", ".join(diffs)


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
    return rebuild(run, words=False)[1]


# --------------------------------------------------------------------------- writing


class WriteRefused(OSError):
    """A file that is never replaced: a link, a special file, or (for a report) a save."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(errno.EEXIST, reason, str(path))


def _umask() -> int:
    if os.name != "posix":
        return 0o022
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _umask()
_TMP = (re.compile(r"^\..+\.(\d+)\.[a-z0-9_]{8}\.tmp$"),  # .<name>.<pid>.<random>.tmp
        re.compile(r"^\..+\.(\d+)\.tmp$"))  # the name older versions used
STALE_AFTER = 60.0  # seconds: a temporary file older than this whose process is gone is removed
_LOCK = re.compile(r"^\.(.+)\.lock$")


def check_target(path: Path, *, refuse_saves: bool = False) -> None:
    """Refuse to replace a symbolic link (or write through it), a FIFO, a device or a folder,
    and with ``refuse_saves`` a saved run. Raises :class:`WriteRefused`."""
    try:
        st = os.lstat(path)
    except OSError:
        return  # nothing there (or nothing we can see): the write itself will tell
    if stat.S_ISLNK(st.st_mode):
        raise WriteRefused(path, "is a symbolic link; it is not replaced, and nothing is written where it points")
    if not stat.S_ISREG(st.st_mode):
        what = "a folder" if stat.S_ISDIR(st.st_mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(st.st_mode) \
            else "a device or other special file"
        raise WriteRefused(path, f"is {what}, not a regular file; it is not replaced")
    if refuse_saves and is_save_file(path):
        raise WriteRefused(path, "is a saved run; a report never replaces a save (choose another file name)")


def is_save_file(path: Path) -> bool:
    """Whether a regular file looks like a Model Citizen save (its first bytes name the kind)."""
    try:
        head = read_bytes(path, MAX_SAVE_BYTES)[:4096]
    except Refused:
        return False
    return b'"kind"' in head and KIND.encode() in head


def _temporary(path: Path) -> tuple[int, Path]:
    """A new temporary file beside ``path``, created exclusively (never an existing file or a
    link planted at a guessed name): ``.<name>.<pid>.<random>.tmp``."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name[:100]}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    if os.name == "posix":
        try:
            os.fchmod(fd, 0o666 & ~_UMASK)
        except OSError:
            pass
    return fd, Path(name)


def _write_temporary(path: Path, text: str) -> Path:
    fd, tmp = _temporary(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def write_atomic(path: Path, text: str, *, refuse_saves: bool = False) -> None:
    """Write ``text`` to ``path`` so that a crash at any moment leaves either the old file
    or the new one, never a mix: an exclusive temporary file beside it, flush, fsync, rename,
    fsync the folder. A link, a FIFO, a device or a folder at ``path`` is never replaced
    (:class:`WriteRefused`); with ``refuse_saves``, neither is a save."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    check_target(path, refuse_saves=refuse_saves)
    _clean_leftovers_of(path)
    tmp = _write_temporary(path, text)
    try:
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise
    _fsync_dir(path.parent)


def write_new(path: Path, text: str) -> bool:
    """Write ``path`` only if no file has that name yet (atomically: two processes can never
    both create it). False if the name is taken."""
    path = Path(path)
    if os.path.lexists(path):
        return False
    tmp = _write_temporary(path, text)
    try:
        try:
            os.link(tmp, path)  # fails if the name exists: creation and content in one step
        except FileExistsError:
            return False
        except OSError:  # no hard links here (some network and FAT file systems): reserve, then fill
            try:
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            except FileExistsError:
                return False
            os.replace(tmp, path)
    finally:
        _unlink(tmp)
    _fsync_dir(path.parent)
    return True


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


def clean_stale(directory: Path | str) -> list[Path]:
    """Remove what crashed writers left in a saves folder: temporary files whose process is gone
    (older than :data:`STALE_AFTER` seconds) and lock files of saves that no longer exist and
    that nobody holds. Returns what was removed; never raises."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    now_ = time.time()
    for e in entries:
        if not e.name.startswith("."):
            continue
        try:
            if not e.is_file(follow_symlinks=False):
                continue
            age = now_ - e.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        m = _TMP[0].match(e.name) or _TMP[1].match(e.name)
        if m is not None:
            pid = int(m.group(1))
            if age > STALE_AFTER and (pid != os.getpid() or age > 86400) and (not _alive(pid) or age > 86400):
                _unlink(Path(e.path))
                removed.append(Path(e.path))
            continue
        m = _LOCK.match(e.name)
        if m is not None and age > STALE_AFTER and not os.path.lexists(Path(directory) / m.group(1)) \
                and holder_of(Path(directory) / m.group(1)) is None:
            _unlink(Path(e.path))
            removed.append(Path(e.path))
    return removed


_CLEANED: set[str] = set()


def _clean_leftovers_of(path: Path) -> None:
    """Once per target and process: remove what a killed write to ``path`` left beside it
    (a report written outside the saves folder gets no other clean-up)."""
    key = str(path.absolute())
    if key in _CLEANED:
        return
    _CLEANED.add(key)
    prefix = f".{path.name[:100]}."
    now_ = time.time()
    try:
        entries = [e for e in os.scandir(path.parent) if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    except OSError:
        return
    for e in entries:
        m = _TMP[0].match(e.name) or _TMP[1].match(e.name)
        try:
            stale = (m is not None and e.is_file(follow_symlinks=False)
                     and now_ - e.stat(follow_symlinks=False).st_mtime > STALE_AFTER
                     and int(m.group(1)) != os.getpid() and not _alive(int(m.group(1))))
        except OSError:
            stale = False
        if stale:
            _unlink(Path(e.path))


def _alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # only age decides off POSIX (os.kill would not just ask)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def save_name(scenario_id: str, started: datetime, seed: int) -> str:
    return f"{scenario_id}-{started.astimezone(timezone.utc):%Y%m%d-%H%M%S}-{seed}{SUFFIX}"


def _names(scenario_id: str, started: datetime, seed: int):
    base = save_name(scenario_id, started, seed)
    yield base
    for n in range(2, 100_000):
        yield base.replace(SUFFIX, f"-{n}{SUFFIX}")


def create_save(directory: Path, scenario_id: str, started: datetime, seed: int, text: str) -> tuple[Path, RunLock]:
    """Write a new run's first save under a name nobody else has, and lock it for this process.

    Two new runs with the same scenario, seed and second (two windows, two processes) never
    get one file: the lock is taken first, and the file is created only if the name is free."""
    directory = Path(directory)
    for name in _names(scenario_id, started, seed):
        path = directory / name
        if os.path.lexists(path):
            continue
        try:
            run_lock = acquire(path)
        except RunLocked:
            continue
        try:
            if write_new(path, text):
                return path, run_lock
        except BaseException:
            run_lock.release()
            raise
        run_lock.release()
    raise OSError(errno.EEXIST, "no free file name", str(directory))  # pragma: no cover


class RunInUse(SaveProblem):
    """Another instance of the game is playing this run."""

    label = "in use"

    def __init__(self, path: Path, holder: dict) -> None:
        self.holder = holder
        super().__init__(path, f"is being played by another Model Citizen ({describe(holder)}); only one can play "
                               f"a run at a time. Watch it in the replay viewer, or play on from a copy.")


class AutoSave:
    """A ``Session.on_decision`` callback that saves the run after every decision.

    The file is rewritten atomically each time, so a crash loses at most the turn in
    progress. The run's lock (:mod:`game.runs.lock`) is held while it is played. If saving
    fails, ``on_problem`` is called with a message when it starts failing (again after it
    recovered); :attr:`unsaved` counts the decisions not on disk, so a shell can show a mark on
    every one of them, and :meth:`move_to` saves in another folder instead. The game goes on.
    """

    def __init__(self, directory: Path | str, *, path: Path | None = None, started: datetime | None = None,
                 player: str = "", origin: Origin | None = None,
                 on_problem: Callable[[str], None] | None = None, lock: RunLock | None = None,
                 saved: int = 0) -> None:
        self.directory = Path(directory)
        self.path = Path(path) if path is not None else None
        self.started = started or now()
        self.player = player
        self.origin = origin
        self.on_problem = on_problem
        self.lock = lock
        self.problem: str | None = None  # the first failure, once reported
        self.failing: str | None = None  # why the last save failed; None once a save works again
        self.failures = 0
        self.saves = 0
        self.saved_decisions = saved  # decisions in the file on disk
        self.decisions = saved
        clean_stale(self.directory)

    @property
    def unsaved(self) -> int:
        """Decisions made that are not in the file on disk."""
        return max(0, self.decisions - self.saved_decisions) if self.failing else 0

    def __call__(self, session: Session, result: TurnResult | None = None) -> None:
        self.save_now(session)

    def save_now(self, session: Session) -> bool:
        self.decisions = len(session.decisions)
        try:
            text = build_save(session, started=self.started, player=self.player, origin=self.origin).to_json()
            if self.path is None:
                self.directory.mkdir(parents=True, exist_ok=True)
                self.path, self.lock = create_save(self.directory, session.scenario.id, self.started, session.seed, text)
            else:
                if self.lock is None or not self.lock.held:
                    self.lock = acquire(self.path)
                write_atomic(self.path, text)
        except Exception as exc:  # saving must never stop the game
            self.failures += 1
            where = self.path.parent if self.path is not None else self.directory
            if isinstance(exc, RunLocked):
                why = f"another Model Citizen is playing this run: {describe(exc.holder)}"
            elif isinstance(exc, OSError):
                why = exc.strerror or str(exc)
            else:
                why = f"{type(exc).__name__}: {exc}"
            was_failing = self.failing is not None
            self.failing = (f"Cannot save in {clean(str(where))} ({why}). The game goes on, but the decisions from "
                            f"now on are not saved until a save works.")
            if self.problem is None:
                self.problem = self.failing
            if not was_failing and self.on_problem is not None:
                self.on_problem(self.failing)
            return False
        self.saves += 1
        self.failing = None
        self.saved_decisions = self.decisions
        return True

    def move_to(self, directory: Path | str, session: Session) -> bool:
        """Save the run as a new file in ``directory`` from now on (after saving failed where it
        was). On failure nothing changes and :attr:`failing` says why."""
        old = (self.directory, self.path, self.lock)
        self.directory, self.path, self.lock = Path(directory), None, None
        if self.save_now(session):
            if old[2] is not None:
                old[2].release()
            return True
        if self.lock is not None:
            self.lock.release()
        self.directory, self.path, self.lock = old
        return False

    def close(self) -> None:
        """Give up the run's lock (another instance may play it from now on)."""
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def autosave(directory: Path | str, on_problem: Callable[[str], None] | None = None, **kw) -> AutoSave:
    """The callback to pass as ``Session(on_decision=...)`` for a new run saved in ``directory``."""
    return AutoSave(directory, on_problem=on_problem, **kw)


# --------------------------------------------------------------------------- resuming, taking over


def resume(run: OpenedRun, directory: Path | str | None = None,
           on_problem: Callable[[str], None] | None = None) -> tuple[Session, AutoSave]:
    """The session of an unfinished run, exactly where it stopped, saving to the same file.

    Takes the run's lock first: if another instance plays it, raises :class:`RunInUse` (the
    run can still be watched read-only or played on from a copy, see :func:`take_over`)."""
    run_lock = None
    if run.path is not None:
        try:
            run_lock = acquire(run.path)
        except RunLocked as exc:
            raise RunInUse(run.path, exc.holder) from None
        except OSError:
            run_lock = None  # a read-only folder: saving will fail, and say so
    saver = AutoSave(directory or (run.path.parent if run.path else places.saves_dir()), path=run.path,
                     started=run.save.started, player=run.save.player, origin=run.save.origin,
                     on_problem=on_problem, lock=run_lock, saved=len(run.save.turns))
    try:
        session, ver = rebuild(run, saver)
    except BaseException:
        saver.close()
        raise
    if ver.problem is not None:
        saver.close()
        raise ver.problem
    return session, saver


def take_over(run: OpenedRun, keep: int, directory: Path | str,
              on_problem: Callable[[str], None] | None = None, player: str = "") -> tuple[Session, AutoSave]:
    """A new run with the first ``keep`` decisions of ``run``; saved at once in a new file.

    The original save is never written to (this is also how a run in use elsewhere is copied)."""
    keep = max(0, min(keep, len(run.save.turns)))
    saver = AutoSave(directory, player=player or run.save.player,
                     origin=Origin(file=run.name[:1024], turns=keep), on_problem=on_problem)
    session, parting = Session.from_decisions(run.scenario, run.rulebook, run.save.seed,
                                              run.save.decisions()[:keep], saver)
    if parting is not None:
        from ..report.replay import parting_words

        raise OutOfSync(run.path, parting.turn, f"the recorded decision no longer applies: "
                                                f"{parting_words(parting, run.scenario, run.rulebook)}")
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
    holder: dict | None = None  # who plays it right now, when another instance does

    @property
    def when(self) -> datetime:
        if self.save is not None:
            return self.save.last_played
        try:
            return datetime.fromtimestamp(self.modified, timezone.utc)
        except (OverflowError, OSError, ValueError):
            return datetime(1970, 1, 1, tzinfo=timezone.utc)

    @property
    def usable(self) -> bool:
        return self.problem is None

    @property
    def name(self) -> str:
        """The file name, safe to show."""
        return clean(self.path.name)


@dataclass
class Listing:
    entries: list[RunEntry] = field(default_factory=list)
    problem: str | None = None  # the folder itself cannot be read


def list_runs(directory: Path | str) -> Listing:
    """Every ``*.json`` file in the folder, newest first. Never raises for a bad file.

    Reads each through :func:`read_save` inside the folder: a FIFO or a device named like a
    save is listed as unusable without blocking, a link out of the folder is not followed.
    Leftovers of crashed writes are cleaned up first (:func:`clean_stale`)."""
    directory = Path(directory)
    out = Listing()
    try:
        if not directory.exists():
            return out
        files = [p for p in directory.iterdir() if p.suffix == SUFFIX and not p.name.startswith(".")]
    except OSError as exc:
        out.problem = f"Cannot read {clean(str(directory))} ({exc.strerror or exc})."
        return out
    clean_stale(directory)
    for p in files:
        try:
            mtime = os.lstat(p).st_mtime
        except OSError:
            mtime = 0.0
        entry = RunEntry(p, modified=mtime)
        try:
            entry.save = read_save(p, inside=directory)
        except SaveProblem as exc:
            entry.problem = exc
        except Exception as exc:  # a bug must not hide the other saves
            entry.problem = SaveDamaged(p, f"cannot be read ({type(exc).__name__}: {clean(str(exc))[:200]})")
        if entry.save is not None and entry.save.final is None:
            entry.holder = holder_of(p)
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


def replay_command(save: Path | str, *content: Path | str) -> str:
    """``citizen replay SAVE``, with ``--trust`` for content outside the content folder (which a
    save's recorded path would otherwise not open)."""
    import shlex

    root = library.content_root()
    trusts = []
    for c in content:
        folder = Path(c) if Path(c).is_dir() else Path(c).parent
        if not is_within(folder, root) and str(folder) not in trusts:
            trusts.append(str(folder))
    return " ".join(["citizen replay", shlex.quote(str(save))] + [f"--trust {shlex.quote(t)}" for t in trusts])


def _exists(p: Path) -> bool:
    try:
        return os.path.lexists(p)
    except (OSError, ValueError):  # a name too long for the system, a NUL byte
        return False


def locate_save(ref: str | Path, directory: Path | str) -> Path:
    """A SAVE argument: a path, or a file name (with or without .json) in the saves folder.

    A name looked up in the saves folder must stay in it (``../x`` or a link out is refused)."""
    p = Path(ref)
    if _exists(p):
        return p
    d = Path(directory)
    for cand in (d / str(ref), d / f"{ref}{SUFFIX}"):
        if _exists(cand):
            if not is_within(cand, d):
                raise SaveUnreadable(cand, f"leads outside the saves folder {clean(str(d))}; it is not opened from there")
            return cand
    raise SaveUnreadable(p, f"no such save (not a file, and not in {clean(str(d))})")
