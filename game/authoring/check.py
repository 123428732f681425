"""``citizen check``: load every file given, report every problem found, never a traceback.

Load errors (E-codes) come from :mod:`game.scenario.loader`; what loads is then analysed
(:mod:`game.authoring.analysis`, W-codes), and every scenario is compared with every rulebook
checked alongside it that shares its catalogue (I201).
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..scenario.content import Lexicon, Rulebook, Scenario
from ..scenario.diagnostics import CODES, Diagnostic, LoadError
from ..scenario import library
from ..scenario.library import CATALOGUE, catalogue_for
from ..scenario.loader import (SCENARIO_ENTRY, Reporter, held_notes, load_catalogue, load_rulebook, load_scenario,
                               read_catalogue, scenario_files)
from ..scenario.safe_files import Refused, read_text, read_toml
from . import analysis, schema_line


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)
    rulebooks: list[Rulebook] = field(default_factory=list)
    catalogues: list[Path] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # what was checked, as given or found

    def of(self, severity: str) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == severity]

    @property
    def errors(self) -> list[Diagnostic]:
        return self.of("error")

    @property
    def warnings(self) -> list[Diagnostic]:
        return self.of("warning")

    @property
    def infos(self) -> list[Diagnostic]:
        return self.of("info")

    def exit_code(self, strict: bool = False) -> int:
        """0: no errors (warnings allowed unless ``strict``); 1: problems found."""
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def to_json(self) -> dict:
        return {
            "version": 1,
            "files": self.files,
            "diagnostics": [d.to_json() for d in self.diagnostics],
            "summary": {"errors": len(self.errors), "warnings": len(self.warnings), "info": len(self.infos),
                        "scenarios": [s.id for s in self.scenarios], "rulebooks": [r.id for r in self.rulebooks]},
            "codes": {code: {"severity": sev, "meaning": text} for code, (sev, text) in
                      sorted(CODES.items()) if any(d.code == code for d in self.diagnostics)},
        }


_HEADER = re.compile(r"^\[\[?\s*([A-Za-z_][A-Za-z0-9_]*)\s*[\].]", re.M)
_KIND_OF = {"scenario": "scenario", "calendar": "scenario", "citizen": "scenario", "event": "scenario",
            "ending": "scenario", "rulebook": "rulebook", "value": "rulebook", "tier": "rulebook",
            "sanction": "rulebook", "blacklist": "rulebook", "privilege": "rulebook", "association": "rulebook",
            "data_offer": "rulebook", "appeals": "rulebook", "behaviour": "catalogue", "service": "catalogue"}


def classify(path: Path) -> str:
    """scenario, rulebook, catalogue, folder or unknown."""
    if path.is_dir():
        return "scenario" if (path / SCENARIO_ENTRY).is_file() else "folder"
    if path.suffix != ".toml":
        return "unknown"
    if path.name == CATALOGUE:
        return "catalogue"
    try:
        text = read_text(path)  # the safe reader: regular files only, bounded
    except (Refused, OSError, UnicodeDecodeError):
        return "rulebook" if "rulebooks" in path.parts else "scenario"
    # The table headers tell, without parsing a large file twice (it is parsed to load it).
    kinds = {_KIND_OF.get(h, "") for h in set(_HEADER.findall(text))}
    if len(kinds) == 1 and "" not in kinds:
        return kinds.pop()
    head = read_toml(path).data
    if head is None:
        return "rulebook" if "rulebooks" in path.parts else "scenario"
    if "rulebook" in head:
        return "rulebook"
    if "behaviour" in head or "service" in head:
        return "catalogue"
    return "scenario"


def folder_scenario_of(path: Path) -> Path | None:
    """The scenario folder a file belongs to (its own folder or one of its parents holding a
    ``scenario.toml``), so that checking one file of a folder scenario checks the scenario."""
    for folder in list(path.resolve().parents)[:4]:
        if (folder / SCENARIO_ENTRY).is_file():
            return folder
    return None


def _content_named(p: Path) -> Path | None:
    """`citizen check lockside` checks the scenario of that id, as `citizen play lockside` plays it:
    an installed game's content has no path an author would know."""
    if len(p.parts) != 1 or p.suffix:
        return None
    for kind in ("scenario", "rulebook"):
        try:
            return library.resolve(kind, str(p))
        except library.NotFound:
            continue
    return None


def _missing(p: Path) -> str:
    ids = [e.id for e in library.scenarios()] + [e.id for e in library.rulebooks()]
    close = difflib.get_close_matches(p.name, ids, n=1, cutoff=0.6) if len(p.parts) == 1 else []
    if close:
        return f"no such file or folder, and no scenario or rulebook of that id (did you mean '{close[0]}'?)"
    return "no such file or folder"


def expand(paths: list[Path]) -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
    for p in paths:
        try:
            there = p.exists()
        except (OSError, ValueError):  # a name too long for the system: reported like a missing path
            there = False
        if not there:
            named = _content_named(p)
            if named is not None:
                out += expand([named])
            else:
                out.append(("missing", p))
            continue
        kind = classify(p)
        if kind == "folder":
            for child in sorted(p.iterdir()):
                if child.name.startswith("."):
                    continue
                if child.is_dir() or child.suffix == ".toml":
                    out += expand([child])
        elif kind == "scenario" and p.is_file() and (folder := folder_scenario_of(p)) is not None:
            whole = Path(os.path.relpath(folder)) if not p.is_absolute() else folder
            if ("scenario", whole) not in out:
                out.append(("scenario", whole))
        else:
            out.append((kind, p))
    return out


def check_paths(paths: list[Path | str], analyse: bool = True) -> CheckResult:
    result = CheckResult()
    lexicons: dict[Path, Lexicon] = {}
    seen: set[Diagnostic] = set()
    pos = analysis.Positions()

    held: list = []  # problems held back because a file they depend on failed (I202)

    def report(items) -> None:
        for d in items:
            if d not in seen and d.code != "I202":
                seen.add(d)
                result.diagnostics.append(d)

    def lexicon(for_path: Path) -> Lexicon:
        found = catalogue_for(for_path)
        cat = found.resolve()
        if cat not in lexicons:
            rep = Reporter()
            lexicons[cat] = load_catalogue(found, rep)  # as found: a link out of its folder is refused
            report(rep.items)
        return lexicons[cat]

    for kind, p in expand([Path(x) for x in paths]):
        result.files.append(str(p))
        if kind == "missing":
            report([Diagnostic(str(p), 1, 1, "E005", "", _missing(p))])
            continue
        if kind == "unknown":
            report([Diagnostic(str(p), 1, 1, "E040", "", "not a .toml file or a scenario folder")])
            continue
        rep = Reporter()
        try:
            if kind == "catalogue":
                lex = load_catalogue(p, rep)
                lexicons[p.resolve()] = lex
                result.catalogues.append(p)
                if analyse and not rep.errors:
                    own = read_catalogue(p, Reporter())[1]  # its own entries, not the ones it extends
                    report(analysis.analyse_markup(own or lex.catalogue, str(p), pos))
            elif kind == "rulebook":
                rb = load_rulebook(p, lexicon(p), rep)
                result.rulebooks.append(rb)
            else:
                result.scenarios.append(load_scenario(p, lexicon(p), rep))
        except LoadError:
            pass
        report(rep.items)
        held += rep.held

    if analyse:
        for kind, p in expand([Path(x) for x in paths]):
            if kind in ("scenario", "rulebook", "catalogue"):
                for f in scenario_files(p) if kind == "scenario" else [p]:
                    report(schema_line.check(f, kind))
        for sc in result.scenarios:
            report(_safely(sc.path, lambda sc=sc: analysis.analyse_scenario(sc, pos)))
        for rb in result.rulebooks:
            report(_safely(rb.path, lambda rb=rb: analysis.analyse_markup(rb.model, str(rb.path), pos)))
            for sc in result.scenarios:
                if sc.lexicon.content_hash == rb.lexicon.content_hash:
                    report(analysis.unscored(sc, rb, pos))
    # One note per file that failed, for everything it held back across all loads.
    result.diagnostics += held_notes(held, result.diagnostics)
    result.diagnostics.sort(key=lambda d: (d.file, d.line, d.col))
    return result


def _safely(path, fn) -> list[Diagnostic]:
    """Analysis is a bonus on top of loading: if it fails, say so instead of crashing check."""
    try:
        return fn()
    except Exception as exc:  # pragma: no cover - a bug in the analysis, reported as such
        return [Diagnostic(str(path), 1, 1, "E099", "", f"internal error in the analysis: {type(exc).__name__}: {exc}")]
