"""TOML files -> checked content, with every problem as a positioned diagnostic.

Loading is data only: tomli parses, pydantic validates, conditions are parsed by our own
parser. Nothing in a file can run code.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ValidationError

from . import syntax
from .conditions import BOOL, NUM, SET, STR, ConditionError, Names, compile_condition
from .content import CompiledChoice, CompiledEnding, CompiledEvent, Lexicon, Rulebook, Scenario
from .diagnostics import Diagnostic, LoadError, did_you_mean, format_path
from .locate import Locator
from .models import Catalogue, Choice, Event, RulebookFile, ScenarioFile
from .schema_errors import explain_all
from .safe_files import read_toml
from .voice import problems as voice_problems

SCENARIO_ENTRY = "scenario.toml"


@dataclass
class SourceFile:
    path: Path
    text: str
    data: dict | None
    locator: Locator | None

    @property
    def name(self) -> str:
        return str(self.path)


class Reporter:
    """Collects diagnostics for a set of files.

    When a file fails to load, what it would have declared is unknown, so a reference to a
    name it may define (a flag, an event, a behaviour of a broken catalogue) is not reported
    as an error of its own: it is *held*, and one note (I202) on the file that failed says how
    many were held and why. The first error an author reads is then the cause."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        #: (diagnostic, file whose failure may explain it, what it names)
        self.held: list[tuple[Diagnostic, str, str]] = []
        #: files that failed to load -> the words they hold (None: unreadable, anything)
        self.failed: dict[str, frozenset[str] | None] = {}
        #: the catalogue, if it failed to load: every behaviour and service is in doubt
        self.catalogue_failed: str | None = None

    def add(self, src: SourceFile | str, path: tuple, code: str, message: str, offset: int = 0,
            about: str | None = None) -> None:
        if isinstance(src, SourceFile):
            line, col = src.locator.find(path) if src.locator else (1, 1)
            name = src.name
        else:
            line, col, name = 1, 1, src
        d = Diagnostic(name, line, col + offset, code, format_path(path), message)
        cause = self.cause_of(about) if about else None
        if about is not None and cause is not None and cause != name:
            self.held.append((d, cause, about))
        else:
            self.items.append(d)

    def fail(self, src: SourceFile) -> None:
        """Mark a file as not loaded: references to words in it are held from now on."""
        self.failed[src.name] = frozenset(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", src.text)) if src.text else None

    def cause_of(self, about: str) -> str | None:
        """The failed file that may define what ``about`` names ("flag:struck",
        "event:strike", "behaviour:late_payment"), or None."""
        kind, _, name = about.partition(":")
        if kind in CATALOGUE_KINDS:
            return self.catalogue_failed
        word = name.rpartition(".")[2]
        for file, words in self.failed.items():
            if words is None or word in words:
                return file
        return None

    def note_held(self) -> None:
        """One I202 note per failed file, after its own errors (see :func:`held_notes`)."""
        self.items += held_notes(self.held, self.items)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @staticmethod
    def where(src: SourceFile, path: tuple) -> str:
        """``file:line:col`` of a key, for messages that point at a second place."""
        line, col = src.locator.find(path) if src.locator else (1, 1)
        return f"{src.name}:{line}:{col}"


#: kinds of name that only the catalogue defines
CATALOGUE_KINDS = ("behaviour", "service", "source")


def held_notes(held: list[tuple[Diagnostic, str, str]], shown: list[Diagnostic]) -> list[Diagnostic]:
    """An I202 note per file that failed and held back problems elsewhere, placed at its first
    error so that it reads right after the cause."""
    by_cause: dict[str, list[tuple[Diagnostic, str]]] = {}
    for d, cause, about in held:
        items = by_cause.setdefault(cause, [])
        if all(d != other for other, _ in items):
            items.append((d, about))
    notes = []
    for cause, items in by_cause.items():
        first = next((d for d in shown if d.file == cause and d.severity == "error"), None)
        line, col = (first.line, first.col) if first else (1, 1)
        names = list(dict.fromkeys(_named(about) for _, about in items))
        listed = ", ".join(names[:4]) + (", ..." if len(names) > 4 else "")
        n = len(items)
        notes.append(Diagnostic(cause, line, col, "I202", "",
                                f"{n} problem{'s' if n != 1 else ''} in other files not shown: "
                                f"{'it names' if n == 1 else 'they name'} what this file may define ({listed}); "
                                "fix this file and check again"))
    return notes


def _named(about: str) -> str:
    """'name:flags.struck' -> 'flags.struck'; 'event:strike' -> "event 'strike'"."""
    kind, _, name = about.partition(":")
    if kind == "name":
        return name
    if kind == "section":
        return f"[{name}]"
    return f"{kind} '{name}'"


def read_source(path: Path, rep: Reporter, inside: Path | None = None) -> SourceFile:
    """Read through :mod:`.safe_files`: bounded, regular files only, cleaned text, never raises."""
    got = read_toml(path, inside)
    rep.items.extend(got.diagnostics)
    return SourceFile(path, got.text, got.data, got.locator)


# --------------------------------------------------------------------------- schema errors


def _unwrap(tp: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else tp
    if origin is list:
        return _unwrap(typing.get_args(tp)[0])
    return tp


def _model_at(model: type[BaseModel], loc: Iterable[Any]) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def validate(model: type[BaseModel], src: SourceFile, rep: Reporter, prefix: tuple = ()) -> Any:
    try:
        return model.model_validate(src.data)
    except ValidationError as exc:
        problems = explain_all(exc.errors(), src.data)
        missing = {(p.loc, p.message.split("'")[1]) for p in problems if p.code == "E003"}
        meant: set[tuple] = set()  # missing keys that an unknown key was surely meant to be
        for problem in problems:
            if problem.code == "E002":
                parent = _model_at(model, problem.loc[:-1])
                close = difflib.get_close_matches(str(problem.loc[-1]), list(parent.model_fields) if parent else [], n=1, cutoff=0.6)
                if close and (problem.loc[:-1], close[0]) in missing:
                    meant.add((problem.loc[:-1], close[0]))
        for problem in problems:
            loc, message = problem.loc, problem.message
            if problem.code == "E003" and (loc, message.split("'")[1]) in meant:
                continue  # said once, by the misspelt key below
            if problem.code == "E002":
                parent = _model_at(model, loc[:-1])
                options = list(parent.model_fields) if parent else []
                renamed = RENAMED.get((parent.__name__ if parent else "", str(loc[-1])))
                if renamed:
                    message += f": {renamed}"
                else:
                    hint = did_you_mean(str(loc[-1]), options)
                    if hint and (loc[:-1], hint.split("'")[1]) in meant:
                        hint = hint[:-1] + " It is required, and missing here.)"
                    message += hint
            rep.add(src, prefix + loc, problem.code, message)
        return None


#: Keys that moved, by (model, old key): the E002 message says what to write instead.
RENAMED: dict[tuple[str, str], str] = {
    ("Contact", "score"): "a contact declares `standing` (0-100 among the city's tiers) now, "
                          "which each rulebook places on its own score scale",
    ("Effects", "contact_scores"): "write `contact_standing`, a change in the contact's "
                                   "0-100 standing, which each rulebook places on its own scale",
}


# --------------------------------------------------------------------------- catalogue


def content_hash(paths: Iterable[Path], root: Path | None = None) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        rel = p.relative_to(root).as_posix() if root else p.name
        h.update(rel.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def shipped_catalogue() -> Path:
    """The catalogue that ships with the game, which ``extends = "shipped"`` adds to. Never the
    one under ``$CITIZEN_CONTENT``: that may be the very file that extends it."""
    from ..places import shipped_content

    return shipped_content() / "catalogue.toml"


def read_catalogue(path: Path, rep: Reporter) -> tuple[SourceFile, Catalogue | None]:
    if not Path(path).exists():
        rep.add(str(path), (), "E005", "there is no catalogue here: a content folder (CITIZEN_CONTENT) needs "
                "its own catalogue.toml, and the line extends = \"shipped\" in it keeps the shipped "
                "behaviours and services")
        return SourceFile(Path(path), "", None, None), None
    src = read_source(path, rep, Path(path).parent)  # a catalogue beside a scenario: no link out of its folder
    cat = validate(Catalogue, src, rep) if src.data is not None else None
    if cat is not None:
        first: dict[str, tuple] = {}
        for kind, items in (("behaviour", cat.behaviour), ("service", cat.service)):
            for i, item in enumerate(items):
                key = f"{kind}:{item.id}"
                if key in first:
                    rep.add(src, (kind, i, "id"), "E010", f"duplicate {kind} id '{item.id}': "
                            f"first defined at {rep.where(src, first[key])}")
                else:
                    first[key] = (kind, i, "id")
    return src, cat


def load_catalogue(path: Path, rep: Reporter | None = None) -> Lexicon:
    own = rep is None
    rep = rep or Reporter()
    before = len(rep.errors)
    path = Path(path)
    src, cat = read_catalogue(path, rep)
    files = [path]
    if cat is not None and cat.extends == "shipped":
        shipped = shipped_catalogue()
        if shipped.resolve() == path.resolve():
            rep.add(src, ("extends",), "E004", "the shipped catalogue cannot extend itself")
        else:
            base_src, base = read_catalogue(shipped, rep)
            files.append(shipped)
            if base is not None:
                cat = _extend(base_src, base, src, cat, rep)
    failed = len(rep.errors) > before
    if own and failed:
        raise LoadError(rep.items)
    lex = Lexicon(cat if cat is not None and not failed else Catalogue())
    if cat is not None and not failed:
        lex.content_hash = content_hash(files)
    lex.failed = str(path) if failed else None
    return lex


def _extend(base_src: SourceFile, base: Catalogue, src: SourceFile, cat: Catalogue, rep: Reporter) -> Catalogue:
    """The shipped catalogue with this one's behaviours and services added; an id both define
    is an error in this file, naming where the shipped one is."""
    for kind in ("behaviour", "service"):
        shipped = {item.id: i for i, item in enumerate(getattr(base, kind))}
        for i, item in enumerate(getattr(cat, kind)):
            if item.id in shipped:
                rep.add(src, (kind, i, "id"), "E010",
                        f"{kind} '{item.id}' is already in the shipped catalogue (at "
                        f"{rep.where(base_src, (kind, shipped[item.id], 'id'))}); with extends = \"shipped\" "
                        "this file only adds: give it another id, or use the shipped one as it is")
    return Catalogue(extends=cat.extends, behaviour=base.behaviour + cat.behaviour, service=base.service + cat.service)


# --------------------------------------------------------------------------- scenario


def scenario_files(path: Path) -> list[Path]:
    """A scenario is a single file, or a folder: scenario.toml plus every other .toml under it."""
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.toml") if p.name != "catalogue.toml")
        entry = path / SCENARIO_ENTRY
        return ([entry] if entry in files else []) + [p for p in files if p != entry]
    return [path]


def scenario_names(
    citizen, events: list[Event], lexicon: Lexicon, flags: set[str]
) -> Names:
    types_: dict[str, str] = {"money": NUM, "score": NUM, "turn": NUM, "tier": STR,
                              "disputed": NUM, "listed": BOOL, "sanctions": NUM,
                              "standing": NUM, "restricted": BOOL, "privileged": BOOL,
                              "contacts": SET, "closed": SET, "privileges": SET, "seen": SET}
    for r in citizen.resources:
        types_[f"resources.{r}"] = NUM
    for v in citizen.virtues:
        types_[f"virtues.{v}"] = NUM
    for f in flags:
        types_[f"flags.{f}"] = BOOL
    for b in lexicon.behaviours:
        types_[f"records.{b}"] = NUM
    members = {
        "contacts": frozenset(c.id for c in citizen.contacts),
        "closed": frozenset(lexicon.services),
        "seen": frozenset(e.id for e in events),
    }
    return Names(types_, members, open_sets=frozenset({"privileges"}))


def _condition(src_expr: str | None, names: Names, src: SourceFile, path: tuple, rep: Reporter):
    if src_expr is None:
        return None
    try:
        return compile_condition(src_expr, names)
    except ConditionError as exc:
        code = {"C001": "E020", "C002": "E021", "C003": "E022", "C004": "E023", "C005": "E055"}[exc.code]
        message = exc.message
        detail = exc.detail
        name = exc.name or ""
        if code == "E021" and name.startswith("flags.") and not (exc.suggestion or "").startswith("flags."):
            # no flag of a similar name is set (else it is a typo, E021): say so
            code = "E024"
            message = (f"flag '{name[6:]}' is read but never set; "
                       "set it in [citizen] flags or with an effect's `set`")
            detail = ""
        # Point at the character inside the string when it is on the key's line.
        offset = 0
        if src.locator:
            line, col = src.locator.find(path)
            text_line = src.text.splitlines()[line - 1] if src.text else ""
            start = text_line.find(src_expr, col - 1)
            if start >= 0:
                offset = start - (col - 1) + exc.offset
        about = None
        if code in ("E021", "E024") and name.partition(".")[0] in ("flags", "resources", "virtues"):
            about = f"name:{name}"
        elif code in ("E021", "E024") and name.startswith("records."):
            about = f"behaviour:{name[8:]}"
        elif code == "E023" and (member := re.match(r"'([^']*)' can never be in (\w+)", message)):
            about = {"closed": "service", "seen": "event", "contacts": "contact"}.get(member.group(2), "name") + ":" + member.group(1)
        shown = src_expr if len(src_expr) <= 120 else src_expr[:119] + "…"  # a limit error must not quote 20,000 characters
        rep.add(src, path, code, f"{message} in \"{shown}\"" + (f"; {detail}" if detail else ""), offset, about=about)
        return None


def load_scenario(path: Path, lexicon: Lexicon, rep: Reporter | None = None) -> Scenario:
    own = rep is None
    rep = rep or Reporter()
    path = Path(path)
    files = scenario_files(path)
    if path.is_dir() and not (path / SCENARIO_ENTRY).exists():
        rep.add(str(path), (), "E016", f"a scenario folder needs a {SCENARIO_ENTRY}")
    if lexicon.failed is not None:
        rep.catalogue_failed = lexicon.failed
    parts: list[tuple[SourceFile, ScenarioFile]] = []
    for f in files:
        src = read_source(f, rep, path if path.is_dir() else None)
        model = validate(ScenarioFile, src, rep) if src.data is not None else None
        if model is None:
            rep.fail(src)
        else:
            parts.append((src, model))
    scenario = _assemble(path, files, parts, lexicon, rep)
    rep.note_held()
    if own and rep.errors:
        raise LoadError(rep.items)
    if scenario is None:
        raise LoadError(rep.items)
    return scenario


def _assemble(path, files, parts, lexicon: Lexicon, rep: Reporter) -> Scenario | None:
    singles: dict[str, list[tuple[SourceFile, Any]]] = {"scenario": [], "calendar": [], "citizen": []}
    events: list[tuple[SourceFile, int, Event]] = []
    endings: list[tuple[SourceFile, int, Any]] = []
    for src, model in parts:
        for key in singles:
            if getattr(model, key) is not None:
                singles[key].append((src, getattr(model, key)))
        events += [(src, i, e) for i, e in enumerate(model.event)]
        endings += [(src, i, e) for i, e in enumerate(model.ending)]
    if not parts:
        return None
    for key, found in singles.items():
        if len(found) != 1:
            where = found[1][0] if len(found) > 1 else parts[0][0]
            how = "more than once" if found else "nowhere"
            rep.add(where, (key,), "E016", f"[{key}] appears {how}; a scenario needs it exactly once",
                    about=None if found else f"section:{key}")
    if any(len(v) != 1 for v in singles.values()):
        return None
    meta, calendar, citizen = (singles[k][0][1] for k in ("scenario", "calendar", "citizen"))
    main_src = singles["citizen"][0][0]

    # flags: set initially or by any effect
    flags = set(citizen.flags)
    for _, _, ev in events:
        for ch in ev.choice:
            flags |= set(ch.effects.set) | set(ch.effects.clear)
    names = scenario_names(citizen, [e for _, _, e in events], lexicon, flags)

    event_ids: dict[str, tuple] = {}
    for src, i, ev in events:
        if ev.id in event_ids:
            first_src, first_i = event_ids[ev.id]
            rep.add(src, ("event", i, "id"), "E010", f"duplicate event id '{ev.id}': first defined at "
                    f"{rep.where(first_src, ('event', first_i, 'id'))}{_reading_order(first_src, src)}")
        else:
            event_ids[ev.id] = (src, i)
    contact_ids = {c.id for c in citizen.contacts}
    compiled_events: dict[str, CompiledEvent] = {}
    _check_voice(main_src, ("citizen",), citizen, ("background",), rep)
    for key in ("family", "contacts"):
        for k, p in enumerate(getattr(citizen, key)):
            _check_voice(main_src, ("citizen", key, k), p, ("relation",), rep)
    for order, (src, i, ev) in enumerate(events):
        base = ("event", i)
        ev._file, ev._path = src.name, format_path(base)
        _check_voice(src, base, ev, ("title", "text"), rep)
        when = _condition(ev.when, names, src, base + ("when",), rep)
        choices: list[CompiledChoice] = []
        seen_choice: dict[str, int] = {}
        for j, ch in enumerate(ev.choice):
            cbase = base + ("choice", j)
            if ch.id in seen_choice:
                rep.add(src, cbase + ("id",), "E010", f"duplicate choice id '{ch.id}' in event '{ev.id}': "
                        f"first used at {rep.where(src, base + ('choice', seen_choice[ch.id], 'id'))}")
            seen_choice.setdefault(ch.id, j)
            _check_voice(src, cbase, ch, ("text", "locked_reason", "outcome"), rep)
            for b in ch.context:
                _check_voice(src, cbase + ("context",), ch.context, (b,), rep)
            _check_choice(ch, src, cbase, lexicon, citizen, contact_ids, event_ids, rep)
            choices.append(CompiledChoice(
                ch,
                _condition(ch.show_if, names, src, cbase + ("show_if",), rep),
                _condition(ch.enable_if, names, src, cbase + ("enable_if",), rep),
            ))
        if ev.id not in compiled_events:
            compiled_events[ev.id] = CompiledEvent(ev, when, choices, order)
    compiled_endings: list[CompiledEnding] = []
    ending_ids: dict[str, tuple] = {}
    for src, i, en in endings:
        base = ("ending", i)
        en._file, en._path = src.name, format_path(base)
        if en.id in ending_ids:
            first_src, first_i = ending_ids[en.id]
            rep.add(src, base + ("id",), "E010", f"duplicate ending id '{en.id}': first defined at "
                    f"{rep.where(first_src, ('ending', first_i, 'id'))}{_reading_order(first_src, src)}")
        ending_ids.setdefault(en.id, (src, i))
        _check_voice(src, base, en, ("title", "text"), rep)
        compiled_endings.append(CompiledEnding(en, _condition(en.when, names, src, base + ("when",), rep)))
    for key in ("contacts", "family"):
        ids = [p.id for p in getattr(citizen, key)]
        for k, pid in enumerate(ids):
            if ids.index(pid) != k:
                rep.add(main_src, ("citizen", key, k, "id"), "E010", f"duplicate id '{pid}': first defined at "
                        f"{rep.where(main_src, ('citizen', key, ids.index(pid), 'id'))}")
    if not compiled_endings:
        rep.add(main_src, ("scenario",), "E003", "a scenario needs at least one [[ending]]", about="section:ending")
    if rep.errors or rep.held:
        return None
    root = path if path.is_dir() else None
    return Scenario(
        meta=meta, calendar=calendar, citizen=citizen, events=compiled_events,
        endings=compiled_endings, lexicon=lexicon,
        content_hash=content_hash(files, root), path=path, flags=frozenset(flags),
    )


def _reading_order(first: SourceFile, later: SourceFile) -> str:
    """Across files, say why this one is the duplicate: it is read later."""
    if first.path == later.path:
        return ""
    return f" (files are read {SCENARIO_ENTRY} first, then in name order; rename either one)"


def _check_voice(src: SourceFile, base: tuple, obj: Any, keys: tuple[str, ...], rep: Reporter) -> None:
    """Every placeholder in text the player reads must be one the city can fill (E018)."""
    for key in keys:
        text = obj[key] if isinstance(obj, dict) else getattr(obj, key)
        for _offset, message in voice_problems(text):
            rep.add(src, base + (key,), "E018", message)


def _check_choice(ch: Choice, src, cbase, lexicon: Lexicon, citizen, contact_ids, event_ids, rep) -> None:
    for k, b in enumerate(ch.behaviours):
        if b not in lexicon.behaviours:
            rep.add(src, cbase + ("behaviours", k), "E011", f"unknown behaviour '{b}'{did_you_mean(b, lexicon.behaviours)}",
                    about=f"behaviour:{b}")
    for b in ch.context:
        if b not in ch.behaviours:
            rep.add(src, cbase + ("context", b), "E011", f"context for '{b}', which this choice does not perform{did_you_mean(b, ch.behaviours)}")
    for k, s in enumerate(ch.needs):
        if s not in lexicon.services:
            rep.add(src, cbase + ("needs", k), "E012", f"unknown service '{s}'{did_you_mean(s, lexicon.services)}",
                    about=f"service:{s}")
    if ch.then is not None and ch.then not in event_ids:
        rep.add(src, cbase + ("then",), "E013", f"unknown event '{ch.then}'{did_you_mean(ch.then, event_ids)}",
                about=f"event:{ch.then}")
    eff = ch.effects
    ebase = cbase + ("effects",)
    if isinstance(eff.appeal, str) and eff.appeal not in lexicon.behaviours:
        rep.add(src, ebase + ("appeal",), "E011", f"unknown behaviour '{eff.appeal}'{did_you_mean(eff.appeal, lexicon.behaviours)}",
                about=f"behaviour:{eff.appeal}")
    for key, declared, label in (("resources", citizen.resources, "resource"), ("virtues", citizen.virtues, "virtue")):
        for name in getattr(eff, key):
            if name not in declared:
                rep.add(src, ebase + (key, name), "E015", f"unknown {label} '{name}'{did_you_mean(name, declared)}; declare it under [citizen.{key}]",
                        about=f"name:{key}.{name}")
    for key in ("add_contacts", "drop_contacts"):
        for k, cid in enumerate(getattr(eff, key)):
            if cid not in contact_ids:
                rep.add(src, ebase + (key, k), "E014", f"unknown contact '{cid}'{did_you_mean(cid, contact_ids)}",
                        about=f"contact:{cid}")
    for cid in eff.contact_standing:
        if cid not in contact_ids:
            rep.add(src, ebase + ("contact_standing", cid), "E014", f"unknown contact '{cid}'{did_you_mean(cid, contact_ids)}",
                    about=f"contact:{cid}")


# --------------------------------------------------------------------------- rulebook


def load_rulebook(path: Path, lexicon: Lexicon, rep: Reporter | None = None) -> Rulebook:
    rep = rep or Reporter()
    path = Path(path)
    src = read_source(path, rep)
    if lexicon.failed is not None:
        rep.catalogue_failed = lexicon.failed
    model: RulebookFile | None = validate(RulebookFile, src, rep) if src.data is not None else None
    if model is not None:
        _check_rulebook(model, src, lexicon, rep)
    rep.note_held()
    if model is None or rep.errors or rep.held:
        raise LoadError(rep.items)
    return Rulebook(model, lexicon, content_hash([path]), path)


def _check_rulebook(model: RulebookFile, src: SourceFile, lexicon: Lexicon, rep: Reporter) -> None:
    known_b = lexicon.behaviours
    known_s = lexicon.services
    tiers = [t.id for t in model.tier]

    def behaviour(b: str, path: tuple) -> None:
        if b not in known_b:
            rep.add(src, path, "E030", f"unknown behaviour '{b}'{did_you_mean(b, known_b)}", about=f"behaviour:{b}")

    def services(items: Iterable[str], path: tuple) -> None:
        for k, s in enumerate(items):
            if s not in known_s:
                rep.add(src, path + (k,), "E012", f"unknown service '{s}'{did_you_mean(s, known_s)}", about=f"service:{s}")

    def prices(d: dict, path: tuple) -> None:
        for s in d:
            if s not in known_s:
                rep.add(src, path + (s,), "E012", f"unknown service '{s}'{did_you_mean(s, known_s)}", about=f"service:{s}")

    def tier_refs(items: Iterable[str], path: tuple) -> None:
        for k, t in enumerate(items):
            if t not in tiers:
                rep.add(src, path + (k,), "E031", f"unknown tier '{t}'{did_you_mean(t, tiers)}")

    for i, v in enumerate(model.value):
        behaviour(v.behaviour, ("value", i, "behaviour"))
    for k, b in enumerate(model.rulebook.wrong_records):
        behaviour(b, ("rulebook", "wrong_records", k))
    for i, s in enumerate(model.sanction):
        tier_refs(s.tiers, ("sanction", i, "tiers"))
        services(s.closes, ("sanction", i, "closes"))
        prices(s.prices, ("sanction", i, "prices"))
    for i, bl in enumerate(model.blacklist):
        for k, b in enumerate(bl.triggers):
            behaviour(b, ("blacklist", i, "triggers", k))
        for k, b in enumerate(bl.lifted_by):
            behaviour(b, ("blacklist", i, "lifted_by", k))
        services(bl.closes, ("blacklist", i, "closes"))
        prices(bl.prices, ("blacklist", i, "prices"))
    for i, p in enumerate(model.privilege):
        tier_refs(p.tiers, ("privilege", i, "tiers"))
        services(p.opens, ("privilege", i, "opens"))
        prices(p.prices, ("privilege", i, "prices"))
    for i, o in enumerate(model.data_offer):
        if o.source not in lexicon.data_sources:
            rep.add(src, ("data_offer", i, "source"), "E017", f"unknown data source '{o.source}'{did_you_mean(o.source, lexicon.data_sources)}",
                    about=f"source:{o.source}")
        services(o.refuse_closes, ("data_offer", i, "refuse_closes"))
    first: dict[tuple, int] = {}
    for kind in ("tier", "sanction", "blacklist", "privilege"):
        for i, item in enumerate(getattr(model, kind)):
            if (kind, item.id) in first:
                rep.add(src, (kind, i, "id"), "E010", f"duplicate {kind} id '{item.id}': first defined at "
                        f"{rep.where(src, (kind, first[(kind, item.id)], 'id'))}")
            first.setdefault((kind, item.id), i)
    last = None
    for i, t in enumerate(model.tier):
        final = i == len(model.tier) - 1
        if not final and t.min is None:
            rep.add(src, ("tier", i), "E032", f"tier '{t.id}' needs a min (only the last tier may have none)")
        if t.min is not None and last is not None and t.min >= last:
            rep.add(src, ("tier", i, "min"), "E032", f"tier '{t.id}' min {t.min} is not below the tier above ({last})")
        if t.min is not None:
            last = t.min
    for i, t in enumerate(model.tier):
        low = t.min
        high = model.tier[i - 1].min if i > 0 else None
        if t.typical is not None and ((low is not None and t.typical < low) or (high is not None and t.typical >= high)):
            band = f"{low if low is not None else 'below'}..{high - 1 if high is not None else 'above'}"
            rep.add(src, ("tier", i, "typical"), "E033",
                    f"tier '{t.id}' typical score {t.typical} lies outside its band ({band})")
