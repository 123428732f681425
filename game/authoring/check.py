"""``citizen check``: load every file given, report every problem found, never a traceback."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import tomli

from ..scenario.content import Lexicon, Rulebook, Scenario
from ..scenario.diagnostics import Diagnostic, LoadError
from ..scenario.library import CATALOGUE, catalogue_for
from ..scenario.loader import SCENARIO_ENTRY, Reporter, load_catalogue, load_rulebook, load_scenario


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    scenarios: list[Scenario] = field(default_factory=list)
    rulebooks: list[Rulebook] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


def classify(path: Path) -> str:
    """scenario, rulebook, catalogue, folder or unknown."""
    if path.is_dir():
        return "scenario" if (path / SCENARIO_ENTRY).is_file() else "folder"
    if path.name == CATALOGUE:
        return "catalogue"
    try:
        head = tomli.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError):
        return "scenario" if "rulebook" not in path.parts else "rulebook"
    if "rulebook" in head:
        return "rulebook"
    if "behaviour" in head or "service" in head:
        return "catalogue"
    return "scenario"


def expand(paths: list[Path]) -> list[tuple[str, Path]]:
    out: list[tuple[str, Path]] = []
    for p in paths:
        kind = classify(p)
        if kind == "folder":
            for child in sorted(p.iterdir()):
                if child.is_dir() or child.suffix == ".toml":
                    out += expand([child])
        else:
            out.append((kind, p))
    return out


def check_paths(paths: list[Path]) -> CheckResult:
    result = CheckResult()
    lexicons: dict[Path, Lexicon] = {}

    def lexicon(for_path: Path) -> Lexicon | None:
        cat = catalogue_for(for_path).resolve()
        if cat not in lexicons:
            rep = Reporter()
            lexicons[cat] = load_catalogue(cat, rep)
            result.diagnostics.extend(d for d in rep.items if d not in result.diagnostics)
        return lexicons[cat]

    for kind, p in expand([Path(x) for x in paths]):
        if not p.exists():
            result.diagnostics.append(Diagnostic(str(p), 1, 1, "E005", "", "no such file or folder"))
            continue
        rep = Reporter()
        try:
            if kind == "catalogue":
                lexicons[p.resolve()] = load_catalogue(p, rep)
            elif kind == "rulebook":
                result.rulebooks.append(load_rulebook(p, lexicon(p), rep))
            else:
                result.scenarios.append(load_scenario(p, lexicon(p), rep))
        except LoadError:
            pass
        result.diagnostics.extend(d for d in rep.items if d not in result.diagnostics)
    return result
