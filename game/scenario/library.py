"""Finding shipped content by id or by path."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import tomli

from .. import places
from .content import Lexicon, Rulebook, Scenario
from .loader import SCENARIO_ENTRY, load_catalogue, load_rulebook, load_scenario

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


def _peek(path: Path, table: str) -> dict:
    try:
        data = tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        return {}
    got = data.get(table)
    return got if isinstance(got, dict) else {}


def scenarios(root: Path | None = None) -> list[Entry]:
    root = root or content_root()
    out: list[Entry] = []
    if not root.is_dir():
        return out
    for p in sorted(root.iterdir()):
        if p.name in (RULEBOOKS, CATALOGUE) or p.name.startswith("."):
            continue
        entry = p / SCENARIO_ENTRY if p.is_dir() else p
        if entry.suffix != ".toml" or not entry.is_file():
            continue
        meta = _peek(entry, "scenario")
        if meta.get("id"):
            out.append(Entry("scenario", str(meta["id"]), str(meta.get("title", meta["id"])), p, str(meta.get("summary", ""))))
    return out


def rulebooks(root: Path | None = None) -> list[Entry]:
    root = root or content_root()
    folder = root / RULEBOOKS
    out: list[Entry] = []
    if not folder.is_dir():
        return out
    for p in sorted(folder.glob("*.toml")):
        meta = _peek(p, "rulebook")
        if meta.get("id"):
            out.append(Entry("rulebook", str(meta["id"]), str(meta.get("title", meta["id"])), p, str(meta.get("summary", ""))))
    return out


class NotFound(Exception):
    pass


def resolve(kind: str, ref: str | Path, root: Path | None = None) -> Path:
    """A shipped id, or a path to a file or folder."""
    p = Path(ref)
    if p.exists():
        return p
    entries = scenarios(root) if kind == "scenario" else rulebooks(root)
    for e in entries:
        if e.id == str(ref):
            return e.path
    ids = [e.id for e in entries]
    close = difflib.get_close_matches(str(ref), ids, n=1, cutoff=0.6)
    guess = f"; did you mean '{close[0]}'?" if close else ""
    raise NotFound(f"no {kind} '{ref}'{guess} (known: {', '.join(ids) or 'none'})")


def catalogue_for(path: Path, root: Path | None = None) -> Path:
    """A scenario or rulebook uses the catalogue beside it if there is one, else the shipped one."""
    path = Path(path)
    for folder in ([path] if path.is_dir() else []) + list(path.resolve().parents)[:3]:
        cand = folder / CATALOGUE
        if cand.is_file():
            return cand
    return (root or content_root()) / CATALOGUE


def load_lexicon(path: Path | None = None) -> Lexicon:
    return load_catalogue(path or content_root() / CATALOGUE)


def open_scenario(ref: str | Path, lexicon: Lexicon | None = None) -> Scenario:
    path = resolve("scenario", ref)
    return load_scenario(path, lexicon or load_catalogue(catalogue_for(path)))


def open_rulebook(ref: str | Path, lexicon: Lexicon | None = None) -> Rulebook:
    path = resolve("rulebook", ref)
    return load_rulebook(path, lexicon or load_catalogue(catalogue_for(path)))
