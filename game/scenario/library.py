"""Finding shipped content by id or by path.

Every file is read through :mod:`.safe_files`. A file that cannot be read (damaged, too deep,
not a regular file, a link out of the content folder) never hides the others: with
``broken=True`` the listings return it too, as an :class:`Entry` whose ``problem`` says what
is wrong, so a shell can show it where it would have been listed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import tomli

from .. import places
from .safe_files import is_within, read_toml

if TYPE_CHECKING:  # the content models load when a life is opened, not to list the lives
    from .content import Lexicon, Rulebook, Scenario

CATALOGUE = "catalogue.toml"
RULEBOOKS = "rulebooks"


def content_root() -> Path:
    """The content folder in use: ``CITIZEN_CONTENT``, else the shipped one (see :mod:`game.places`)."""
    return places.content_root()


@dataclass(frozen=True)
class Entry:
    kind: str  # "scenario" or "rulebook"
    id: str
    title: str
    path: Path
    summary: str = ""
    #: Why the file cannot be used (``file:line:col: CODE message``); "" when it can. A broken
    #: entry has no id: nothing resolves to it.
    problem: str = ""
    #: The ``[scenario]`` or ``[rulebook]`` table as read for the listing (a rulebook's city and
    #: transparency), so a list need not read the file again.
    meta: dict = field(default_factory=dict, compare=False, repr=False)


def peek(path: Path, table: str) -> dict:
    """The ``[table]`` of a TOML file (for listings), {} if it cannot be read."""
    return _peek(path, table)[0]


def _peek(path: Path, table: str, inside: Path | None = None) -> tuple[dict, str]:
    got = read_toml(path, inside)
    if got.data is None or got.problem is not None:
        return {}, str(got.problem) if got.problem else f"{path}: cannot be read"
    meta = got.data.get(table)
    if not isinstance(meta, dict):
        return {}, f"{path}:1:1: no [{table}] table"
    if not isinstance(meta.get("id"), str) or not meta.get("id"):
        return {}, f"{path}:1:1: [{table}] has no id"
    return meta, ""


def _entry(kind: str, p: Path, entry: Path, root: Path, table: str) -> Entry:
    if not is_within(p, root):
        return Entry(kind, "", p.name, p, problem=f"{p}: is a link to a place outside the content folder {root}; "
                                                   "it is not followed")
    meta, problem = _peek(entry, table, root)
    if problem:
        return Entry(kind, "", p.name, p, problem=problem)
    return Entry(kind, str(meta["id"]), str(meta.get("title", meta["id"])), p, str(meta.get("summary", "")),
                 meta=meta)


def scenarios(root: Path | None = None, broken: bool = False) -> list[Entry]:
    root = root or content_root()
    out: list[Entry] = []
    try:
        if not root.is_dir():
            return out
        children = sorted(root.iterdir())
    except OSError:
        return out
    for p in children:
        if p.name in (RULEBOOKS, CATALOGUE) or p.name.startswith("."):
            continue
        try:
            entry = p / "scenario.toml" if p.is_dir() else p  # loader.SCENARIO_ENTRY
            if entry.suffix != ".toml" or not (entry.exists() or entry.is_symlink()):
                continue
        except OSError:
            continue
        e = _entry("scenario", p, entry, root, "scenario")
        if broken or not e.problem:
            out.append(e)
    return out


def rulebooks(root: Path | None = None, broken: bool = False) -> list[Entry]:
    root = root or content_root()
    folder = root / RULEBOOKS
    out: list[Entry] = []
    try:
        if not folder.is_dir():
            return out
        files = sorted(folder.glob("*.toml"))
    except OSError:
        return out
    for p in files:
        e = _entry("rulebook", p, p, root, "rulebook")
        if broken or not e.problem:
            out.append(e)
    return out


class NotFound(Exception):
    pass


def resolve(kind: str, ref: str | Path, root: Path | None = None) -> Path:
    """A shipped id, or a path to a file or folder."""
    p = Path(ref)
    try:
        if p.exists():
            return p
    except (OSError, ValueError):  # a name too long for the system, a NUL byte: not a path
        pass
    entries = scenarios(root) if kind == "scenario" else rulebooks(root)
    for e in entries:
        if e.id == str(ref):
            return e.path
    ids = [e.id for e in entries]
    close = difflib.get_close_matches(str(ref), ids, n=1, cutoff=0.6)
    guess = f"; did you mean '{close[0]}'?" if close else ""
    shown = str(ref) if len(str(ref)) <= 80 else str(ref)[:79] + "…"
    raise NotFound(f"no {kind} '{shown}'{guess} (known: {', '.join(ids) or 'none'})")


def catalogue_for(path: Path, root: Path | None = None) -> Path:
    """A scenario or rulebook uses the catalogue beside it if there is one, else the shipped one."""
    path = Path(path)
    for folder in ([path] if path.is_dir() else []) + list(path.resolve().parents)[:3]:
        cand = folder / CATALOGUE
        if cand.is_file():
            return cand
    return (root or content_root()) / CATALOGUE


def load_lexicon(path: Path | None = None) -> Lexicon:
    from .loader import load_catalogue

    return load_catalogue(path or content_root() / CATALOGUE)


def open_scenario(ref: str | Path, lexicon: Lexicon | None = None) -> Scenario:
    from .loader import load_catalogue, load_scenario

    path = resolve("scenario", ref)
    return load_scenario(path, lexicon or load_catalogue(catalogue_for(path)))


def open_rulebook(ref: str | Path, lexicon: Lexicon | None = None) -> Rulebook:
    from .loader import load_catalogue, load_rulebook

    path = resolve("rulebook", ref)
    return load_rulebook(path, lexicon or load_catalogue(catalogue_for(path)))


def other_rulebooks(scenario: Scenario, own: Rulebook) -> dict[str, Rulebook]:
    """The shipped rulebooks other than ``own``, read with the scenario's catalogue: the
    cities a run report and a playtest compare a life against.

    A rulebook that does not load (or names behaviours the catalogue lacks) is left out:
    they compare against the cities they can.
    """
    from .diagnostics import LoadError

    out: dict[str, Rulebook] = {}
    for entry in rulebooks():
        if entry.id == own.id:
            continue
        try:
            out[entry.id] = open_rulebook(entry.path, scenario.lexicon)
        except (LoadError, NotFound, OSError):
            continue
    return out
