"""TOML files -> checked content, with every problem as a positioned diagnostic.

Loading is data only: tomli parses, pydantic validates, conditions are parsed by our own
parser. Nothing in a file can run code.
"""

from __future__ import annotations

import hashlib
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import tomli
from pydantic import BaseModel, ValidationError

from .conditions import BOOL, NUM, SET, STR, ConditionError, Names, compile_condition
from .content import CompiledChoice, CompiledEnding, CompiledEvent, Lexicon, Rulebook, Scenario
from .diagnostics import Diagnostic, LoadError, did_you_mean, format_path
from .locate import Locator
from .models import Catalogue, Choice, Event, RulebookFile, ScenarioFile
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
    """Collects diagnostics for a set of files."""

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []

    def add(self, src: SourceFile | str, path: tuple, code: str, message: str, offset: int = 0) -> None:
        if isinstance(src, SourceFile):
            line, col = src.locator.find(path) if src.locator else (1, 1)
            name = src.name
        else:
            line, col, name = 1, 1, src
        self.items.append(Diagnostic(name, line, col + offset, code, format_path(path), message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]


def read_source(path: Path, rep: Reporter) -> SourceFile:
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        rep.add(str(path), (), "E005", f"cannot read the file: {exc}")
        return SourceFile(path, "", None, None)
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", 1) or 1
        col = getattr(exc, "colno", 1) or 1
        msg = getattr(exc, "msg", str(exc))
        rep.items.append(Diagnostic(str(path), line, col, "E001", "", str(msg)))
        return SourceFile(path, text, None, None)
    return SourceFile(path, text, data, Locator(text))


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
        for err in exc.errors():
            loc = tuple(err["loc"])
            kind = err["type"]
            if kind == "extra_forbidden":
                parent = _model_at(model, loc[:-1])
                options = list(parent.model_fields) if parent else []
                hint = RENAMED.get((parent.__name__ if parent else "", str(loc[-1])))
                rep.add(src, prefix + loc, "E002", f"unknown key '{loc[-1]}'"
                        + (f": {hint}" if hint else did_you_mean(str(loc[-1]), options)))
            elif kind == "missing":
                rep.add(src, prefix + loc[:-1], "E003", f"missing required key '{loc[-1]}'")
            else:
                got = err.get("input")
                shown = repr(got) if not isinstance(got, (dict, list)) else type(got).__name__
                rep.add(src, prefix + loc, "E004", f"{err['msg']} (got {shown})")
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


def load_catalogue(path: Path, rep: Reporter | None = None) -> Lexicon:
    own = rep is None
    rep = rep or Reporter()
    src = read_source(path, rep)
    cat = validate(Catalogue, src, rep) if src.data is not None else None
    if cat is not None:
        seen: set[str] = set()
        for kind, items in (("behaviour", cat.behaviour), ("service", cat.service)):
            for i, item in enumerate(items):
                key = f"{kind}:{item.id}"
                if key in seen:
                    rep.add(src, (kind, i, "id"), "E010", f"duplicate {kind} id '{item.id}'")
                seen.add(key)
    if own and rep.errors:
        raise LoadError(rep.items)
    lex = Lexicon(cat or Catalogue())
    if cat is not None:
        lex.content_hash = content_hash([path])
    return lex


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
        code = {"C001": "E020", "C002": "E021", "C003": "E022", "C004": "E023"}[exc.code]
        message = exc.message
        unknown_flag = re.match(r"unknown name 'flags\.([^']*)'$", message) if code == "E021" else None
        if unknown_flag:  # no flag of a similar name is set (else it is a typo, E021): say so
            code = "E024"
            message = (f"flag '{unknown_flag.group(1)}' is read but never set; "
                       "set it in [citizen] flags or with an effect's `set`")
        # Point at the character inside the string when it is on the key's line.
        offset = 0
        if src.locator:
            line, col = src.locator.find(path)
            text_line = src.text.splitlines()[line - 1] if src.text else ""
            start = text_line.find(src_expr, col - 1)
            if start >= 0:
                offset = start - (col - 1) + exc.offset
        rep.add(src, path, code, f"{message} in \"{src_expr}\"", offset)
        return None


def load_scenario(path: Path, lexicon: Lexicon, rep: Reporter | None = None) -> Scenario:
    own = rep is None
    rep = rep or Reporter()
    path = Path(path)
    files = scenario_files(path)
    if path.is_dir() and not (path / SCENARIO_ENTRY).exists():
        rep.add(str(path), (), "E016", f"a scenario folder needs a {SCENARIO_ENTRY}")
    parts: list[tuple[SourceFile, ScenarioFile]] = []
    for f in files:
        src = read_source(f, rep)
        if src.data is None:
            continue
        model = validate(ScenarioFile, src, rep)
        if model is not None:
            parts.append((src, model))
    scenario = _assemble(path, files, parts, lexicon, rep)
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
            rep.add(where, (key,), "E016", f"[{key}] appears {how}; a scenario needs it exactly once")
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
            rep.add(src, ("event", i, "id"), "E010", f"duplicate event id '{ev.id}' (first defined in {event_ids[ev.id][0].name})")
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
        seen_choice: set[str] = set()
        for j, ch in enumerate(ev.choice):
            cbase = base + ("choice", j)
            if ch.id in seen_choice:
                rep.add(src, cbase + ("id",), "E010", f"duplicate choice id '{ch.id}' in event '{ev.id}'")
            seen_choice.add(ch.id)
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
    ending_ids: set[str] = set()
    for src, i, en in endings:
        base = ("ending", i)
        en._file, en._path = src.name, format_path(base)
        if en.id in ending_ids:
            rep.add(src, base + ("id",), "E010", f"duplicate ending id '{en.id}'")
        ending_ids.add(en.id)
        _check_voice(src, base, en, ("title", "text"), rep)
        compiled_endings.append(CompiledEnding(en, _condition(en.when, names, src, base + ("when",), rep)))
    for key in ("contacts", "family"):
        ids = [p.id for p in getattr(citizen, key)]
        for k, pid in enumerate(ids):
            if ids.index(pid) != k:
                rep.add(main_src, ("citizen", key, k, "id"), "E010", f"duplicate id '{pid}'")
    if not compiled_endings:
        rep.add(main_src, ("scenario",), "E003", "a scenario needs at least one [[ending]]")
    if rep.errors:
        return None
    root = path if path.is_dir() else None
    return Scenario(
        meta=meta, calendar=calendar, citizen=citizen, events=compiled_events,
        endings=compiled_endings, lexicon=lexicon,
        content_hash=content_hash(files, root), path=path, flags=frozenset(flags),
    )


def _check_voice(src: SourceFile, base: tuple, obj: Any, keys: tuple[str, ...], rep: Reporter) -> None:
    """Every placeholder in text the player reads must be one the city can fill (E018)."""
    for key in keys:
        text = obj[key] if isinstance(obj, dict) else getattr(obj, key)
        for _offset, message in voice_problems(text):
            rep.add(src, base + (key,), "E018", message)


def _check_choice(ch: Choice, src, cbase, lexicon: Lexicon, citizen, contact_ids, event_ids, rep) -> None:
    for k, b in enumerate(ch.behaviours):
        if b not in lexicon.behaviours:
            rep.add(src, cbase + ("behaviours", k), "E011", f"unknown behaviour '{b}'{did_you_mean(b, lexicon.behaviours)}")
    for b in ch.context:
        if b not in ch.behaviours:
            rep.add(src, cbase + ("context", b), "E011", f"context for '{b}', which this choice does not perform{did_you_mean(b, ch.behaviours)}")
    for k, s in enumerate(ch.needs):
        if s not in lexicon.services:
            rep.add(src, cbase + ("needs", k), "E012", f"unknown service '{s}'{did_you_mean(s, lexicon.services)}")
    if ch.then is not None and ch.then not in event_ids:
        rep.add(src, cbase + ("then",), "E013", f"unknown event '{ch.then}'{did_you_mean(ch.then, event_ids)}")
    eff = ch.effects
    ebase = cbase + ("effects",)
    if isinstance(eff.appeal, str) and eff.appeal not in lexicon.behaviours:
        rep.add(src, ebase + ("appeal",), "E011", f"unknown behaviour '{eff.appeal}'{did_you_mean(eff.appeal, lexicon.behaviours)}")
    for key, declared, label in (("resources", citizen.resources, "resource"), ("virtues", citizen.virtues, "virtue")):
        for name in getattr(eff, key):
            if name not in declared:
                rep.add(src, ebase + (key, name), "E015", f"unknown {label} '{name}'{did_you_mean(name, declared)}; declare it under [citizen.{key}]")
    for key in ("add_contacts", "drop_contacts"):
        for k, cid in enumerate(getattr(eff, key)):
            if cid not in contact_ids:
                rep.add(src, ebase + (key, k), "E014", f"unknown contact '{cid}'{did_you_mean(cid, contact_ids)}")
    for cid in eff.contact_standing:
        if cid not in contact_ids:
            rep.add(src, ebase + ("contact_standing", cid), "E014", f"unknown contact '{cid}'{did_you_mean(cid, contact_ids)}")


# --------------------------------------------------------------------------- rulebook


def load_rulebook(path: Path, lexicon: Lexicon, rep: Reporter | None = None) -> Rulebook:
    own = rep is None
    rep = rep or Reporter()
    path = Path(path)
    src = read_source(path, rep)
    model: RulebookFile | None = validate(RulebookFile, src, rep) if src.data is not None else None
    if model is not None:
        _check_rulebook(model, src, lexicon, rep)
    if model is None or (own and rep.errors) or rep.errors:
        raise LoadError(rep.items)
    return Rulebook(model, lexicon, content_hash([path]), path)


def _check_rulebook(model: RulebookFile, src: SourceFile, lexicon: Lexicon, rep: Reporter) -> None:
    known_b = lexicon.behaviours
    known_s = lexicon.services
    tiers = [t.id for t in model.tier]

    def behaviour(b: str, path: tuple) -> None:
        if b not in known_b:
            rep.add(src, path, "E030", f"unknown behaviour '{b}'{did_you_mean(b, known_b)}")

    def services(items: Iterable[str], path: tuple) -> None:
        for k, s in enumerate(items):
            if s not in known_s:
                rep.add(src, path + (k,), "E012", f"unknown service '{s}'{did_you_mean(s, known_s)}")

    def prices(d: dict, path: tuple) -> None:
        for s in d:
            if s not in known_s:
                rep.add(src, path + (s,), "E012", f"unknown service '{s}'{did_you_mean(s, known_s)}")

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
            rep.add(src, ("data_offer", i, "source"), "E017", f"unknown data source '{o.source}'{did_you_mean(o.source, lexicon.data_sources)}")
        services(o.refuse_closes, ("data_offer", i, "refuse_closes"))
    seen: set[str] = set()
    for kind in ("tier", "sanction", "blacklist", "privilege"):
        for i, item in enumerate(getattr(model, kind)):
            if (kind, item.id) in seen:
                rep.add(src, (kind, i, "id"), "E010", f"duplicate {kind} id '{item.id}'")
            seen.add((kind, item.id))
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
