"""Static analysis of loaded content: the warnings ``citizen check`` adds to load errors.

It decides what can be decided without playing: an event whose condition can never hold, a
choice that can never be taken, an ending no life can reach, a flag nobody reads, text that
Textual's markup would eat, a turn that can have no event.

The method is a small abstract interpretation. Every name a condition may use gets the set of
values it could possibly have in *some* life: an interval for numbers (money, resources and
virtues are bounded by what the live choices can add up to in the calendar's turns), the
possible truth values of each flag (set initially or by a live choice; cleared by one), the
possible membership of each contact. A condition whose abstract value can never be true is
reported. Events and choices found dead are taken out and the bounds recomputed until nothing
changes, so a flag set only by a dead choice counts as never set.

It over-approximates: it never reports something that can happen (it ignores correlations
between names, so ``flags.a and not flags.a`` passes); what it reports cannot happen in any
life, under any rulebook. Names the rulebook decides (score, tier, closed, privileges,
records) are treated as able to take any value.
"""

from __future__ import annotations

import math
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Literal

from pydantic import BaseModel

from ..scenario.conditions import Node
from ..scenario.content import CompiledChoice, CompiledEvent, Rulebook, Scenario
from ..scenario.diagnostics import Diagnostic, did_you_mean, format_path
from ..scenario.loader import SCENARIO_ENTRY
from ..scenario.locate import Locator
from ..scenario.models import Catalogue

INF = math.inf

# --------------------------------------------------------------------------- positions


class Positions:
    """Line and column of a key path in a file, reading each file once."""

    def __init__(self) -> None:
        self._locators: dict[str, Locator | None] = {}

    def find(self, file: str, path: tuple) -> tuple[int, int]:
        if file not in self._locators:
            try:
                self._locators[file] = Locator(Path(file).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                self._locators[file] = None
        loc = self._locators[file]
        return loc.find(path) if loc else (1, 1)

    def diag(self, file: str, path: tuple, code: str, message: str, value: str | None = None) -> Diagnostic:
        """A diagnostic at ``path``; with ``value``, at that string's quote on the line when the
        locator knows only an ancestor of the path (an item of an array in an inline table)."""
        line, col = self.find(file, path)
        loc = self._locators.get(file)
        if value is not None and loc is not None and tuple(path) not in loc.positions:
            text = self._lines(file)
            if 0 < line <= len(text):
                for quoted in (f'"{value}"', f"'{value}'"):
                    at = text[line - 1].find(quoted, col - 1)
                    if at >= 0:
                        col = at + 1
                        break
        return Diagnostic(file, line, col, code, format_path(path), message)

    def _lines(self, file: str) -> list[str]:
        try:
            return Path(file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return []


def parse_path(text: str) -> tuple:
    """``"event[3]"`` -> ``("event", 3)``: the inverse of :func:`format_path`."""
    out: list[str | int] = []
    for name, index in re.findall(r"([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]", text):
        out.append(name if name else int(index))
    return tuple(out)


# --------------------------------------------------------------------------- abstract values

# ("num", lo, hi) | ("bool", frozenset) | ("str", frozenset | None) | ("set", name) | ("list", [values])
TRUE_FALSE = frozenset({True, False})


@dataclass(frozen=True)
class RuleFacts:
    """What one rulebook makes possible at all, for the names only a rulebook decides. With
    these the analysis answers "can this happen under *this* city?" (playtest uses it to tell
    the impossible from the merely unlucky); without them, "under any city?"."""

    title: str
    tiers: frozenset[str]
    standing: tuple[float, float]
    recorded: frozenset[str]  # behaviours it can ever record
    can_list: bool  # it keeps a blacklist
    can_restrict: bool  # a sanction, blacklist or withheld reward exists
    privileges: frozenset[str]  # privilege ids
    can_close: frozenset[str]  # services that may be closed at some point
    always_closed: frozenset[str]  # offered only by privilege, and no privilege opens them
    appeals: bool  # some appeal procedure exists
    can_dispute: bool  # a wrong or context-less record can exist

    @classmethod
    def of(cls, rulebook: Rulebook, scenario: Scenario) -> "RuleFacts":
        from ..engine.judge import standing

        m = rulebook.model
        lex = rulebook.lexicon
        recorded = set(rulebook.mentions())
        for bl in m.blacklist:
            recorded |= set(bl.lifted_by)
        if m.rulebook.error_rate > 0:
            recorded |= set(m.rulebook.wrong_records)
        opened = {s for p in m.privilege for s in p.opens}
        by_privilege = {s.id for s in lex.services.values() if s.by_privilege}
        can_close = {s for x in list(m.sanction) + list(m.blacklist) for s in x.closes}
        can_close |= {s for o in m.data_offer for s in o.refuse_closes} | by_privilege
        with_context = any(b in recorded for ev in scenario.events.values() for ch in ev.choices
                           for b in ch.model.context)
        levels = [standing(rulebook, t.id) for t in m.tier]
        return cls(
            title=rulebook.title,
            tiers=frozenset(t.id for t in m.tier),
            standing=(min(levels), max(levels)),
            recorded=frozenset(recorded),
            can_list=bool(m.blacklist),
            can_restrict=bool(m.sanction or m.blacklist or any(o.refuse_closes for o in m.data_offer)),
            privileges=frozenset(p.id for p in m.privilege),
            can_close=frozenset(can_close),
            always_closed=frozenset(by_privilege - opened),
            appeals=m.appeals.kind != "none",
            can_dispute=(m.rulebook.error_rate > 0 and bool(m.rulebook.wrong_records))
                        or (m.rulebook.context == "ignored" and with_context),
        )


@dataclass
class Env:
    """What each name may be, in some life (under one rulebook, when ``rules`` is given)."""

    numbers: dict[str, tuple[float, float]]
    flags: dict[str, frozenset[bool]]
    contact_in: dict[str, frozenset[bool]]
    seen_possible: set[str]
    rules: RuleFacts | None = None
    # a check of thousands of events asks the same turn windows and conditions again and again
    _at: dict[tuple[int, int], "Env"] = field(default_factory=dict, repr=False, compare=False)
    _truths: dict[int, frozenset[bool]] = field(default_factory=dict, repr=False, compare=False)

    def name(self, name: str) -> tuple:
        if name in self.numbers:
            lo, hi = self.numbers[name]
            return ("num", lo, hi)
        head, _, tail = name.partition(".")
        if head == "flags":
            return ("bool", self.flags.get(tail, frozenset({False})))
        if self.rules is not None:
            decided = self._ruled(head, tail, self.rules)
            if decided is not None:
                return decided
        if head in ("records", "disputed", "sanctions"):
            return ("num", 0, INF)
        if head in ("resources", "virtues", "money", "turn", "score"):
            return ("num", -INF, INF)
        if head == "standing":
            return ("num", 0, 100)
        if head in ("listed", "restricted", "privileged"):
            return ("bool", TRUE_FALSE)
        if head == "tier":
            return ("str", None)
        if head in ("contacts", "closed", "privileges", "seen"):
            return ("set", head)
        return ("any",)

    @staticmethod
    def _ruled(head: str, tail: str, r: RuleFacts) -> tuple | None:
        never, maybe = frozenset({False}), TRUE_FALSE
        if head == "records":
            return ("num", 0, INF if tail in r.recorded else 0)
        if head == "disputed":
            return ("num", 0, INF if r.can_dispute else 0)
        if head == "sanctions":
            return ("num", 0, INF if r.can_restrict else 0)
        if head == "restricted":
            return ("bool", maybe if r.can_restrict else never)
        if head == "listed":
            return ("bool", maybe if r.can_list else never)
        if head == "privileged":
            return ("bool", maybe if r.privileges else never)
        if head == "tier":
            return ("str", r.tiers)
        if head == "standing":
            return ("num", r.standing[0], r.standing[1])
        return None


def truth(node: Node, env: Env) -> frozenset[bool]:
    """The truth values a condition may take (remembered by the environment: nodes are kept
    by the scenario the environment was built for, so their ids stay theirs)."""
    got = env._truths.get(id(node))
    if got is None:
        v = _ev(node, env)
        got = env._truths[id(node)] = v[1] if v[0] == "bool" else TRUE_FALSE
    return got


def _ev(node: Node, env: Env) -> tuple:
    k = node.kind
    if k == "num":
        return ("num", node.value, node.value)
    if k == "str":
        return ("str", frozenset({node.value}))
    if k == "bool":
        return ("bool", frozenset({node.value}))
    if k == "name":
        return env.name(node.value)
    if k == "list":
        return ("list", [_ev(c, env) for c in node.children])
    if k == "unary":
        v = _ev(node.children[0], env)
        return ("num", -v[2], -v[1]) if v[0] == "num" else ("any",)
    if k == "not":
        t = _bools(_ev(node.children[0], env))
        return ("bool", frozenset(not x for x in t))
    a, b = (_ev(c, env) for c in node.children)
    op = node.op
    if op == "and":
        ta, tb = _bools(a), _bools(b)
        out = set()
        if True in ta and True in tb:
            out.add(True)
        if False in ta or False in tb:
            out.add(False)
        return ("bool", frozenset(out))
    if op == "or":
        ta, tb = _bools(a), _bools(b)
        out = set()
        if True in ta or True in tb:
            out.add(True)
        if False in ta and False in tb:
            out.add(False)
        return ("bool", frozenset(out))
    if op in ("+", "-", "*"):
        if a[0] != "num" or b[0] != "num":
            return ("num", -INF, INF)
        if op == "+":
            return ("num", a[1] + b[1], a[2] + b[2])
        if op == "-":
            return ("num", a[1] - b[2], a[2] - b[1])
        prods = [_mul(x, y) for x in (a[1], a[2]) for y in (b[1], b[2])]
        return ("num", min(prods), max(prods))
    if op in ("/", "%"):
        return ("num", -INF, INF)
    if op in ("<", "<=", ">", ">="):
        if a[0] != "num" or b[0] != "num":
            return ("bool", TRUE_FALSE)
        return ("bool", _compare(op, a, b))
    if op in ("==", "!="):
        t = _equal(a, b)
        return ("bool", t if op == "==" else frozenset(not x for x in t))
    if op in ("in", "not in"):
        t = _member(a, b, env)
        return ("bool", t if op == "in" else frozenset(not x for x in t))
    return ("any",)


def _bools(v: tuple) -> frozenset[bool]:
    return v[1] if v[0] == "bool" else TRUE_FALSE


def _mul(x: float, y: float) -> float:
    if (x == 0 and math.isinf(y)) or (y == 0 and math.isinf(x)):
        return 0.0
    return x * y


def _compare(op: str, a: tuple, b: tuple) -> frozenset[bool]:
    alo, ahi, blo, bhi = a[1], a[2], b[1], b[2]
    out = set()
    if op == "<":
        if alo < bhi:
            out.add(True)
        if ahi >= blo:
            out.add(False)
    elif op == "<=":
        if alo <= bhi:
            out.add(True)
        if ahi > blo:
            out.add(False)
    elif op == ">":
        if ahi > blo:
            out.add(True)
        if alo <= bhi:
            out.add(False)
    else:  # >=
        if ahi >= blo:
            out.add(True)
        if alo < bhi:
            out.add(False)
    return frozenset(out)


def _equal(a: tuple, b: tuple) -> frozenset[bool]:
    if a[0] != b[0]:
        return TRUE_FALSE
    if a[0] == "num":
        out = set()
        if a[1] <= b[2] and b[1] <= a[2]:
            out.add(True)
        if not (a[1] == a[2] == b[1] == b[2]):
            out.add(False)
        return frozenset(out)
    if a[0] in ("bool", "str"):
        va, vb = a[1], b[1]
        if va is None or vb is None:
            return TRUE_FALSE
        out = set()
        if va & vb:
            out.add(True)
        if not (len(va) == 1 and va == vb):
            out.add(False)
        return frozenset(out)
    return TRUE_FALSE


def _member(a: tuple, b: tuple, env: Env) -> frozenset[bool]:
    if b[0] == "list":
        results = [_equal(a, item) for item in b[1]]
        found: set[bool] = set()
        if any(True in r for r in results):
            found.add(True)
        if all(False in r for r in results):
            found.add(False)
        return frozenset(found)
    if b[0] != "set" or a[0] != "str" or a[1] is None:
        return TRUE_FALSE
    out: set[bool] = set()
    r = env.rules
    for value in a[1]:
        if b[1] == "contacts":
            out |= env.contact_in.get(value, frozenset({False}))
        elif b[1] == "seen":
            out |= TRUE_FALSE if value in env.seen_possible else frozenset({False})
        elif b[1] == "privileges" and r is not None:
            out |= TRUE_FALSE if value in r.privileges else frozenset({False})
        elif b[1] == "closed" and r is not None:
            if value in r.always_closed:
                out.add(True)
            else:
                out |= TRUE_FALSE if value in r.can_close else frozenset({False})
        else:
            out |= TRUE_FALSE
    return frozenset(out)


# --------------------------------------------------------------------------- the analysis


@dataclass
class Liveness:
    events: set[str] = field(default_factory=set)
    choices: set[tuple[str, str]] = field(default_factory=set)


def window(ev: CompiledEvent, turns: int) -> tuple[int, int]:
    m = ev.model
    return max(1, m.first_turn), min(m.last_turn if m.last_turn is not None else turns, turns)


def _max_picks(ev: CompiledEvent, turns: int) -> int:
    lo, hi = window(ev, turns)
    if hi < lo:
        return 0
    if ev.model.once:
        return 1
    return math.ceil((hi - lo + 1) / (ev.model.cooldown + 1))


def build_env(scenario: Scenario, live: Liveness, rules: RuleFacts | None = None) -> Env:
    c = scenario.citizen
    turns = scenario.calendar.turns
    # One pass over the live choices, event by event: for every number a choice can move, the
    # most it can add (ups) or take (downs) in a life, each event at most its pick count of
    # its best (worst) choice; and what flags and contacts can become.
    ups: dict[str, list[float]] = {"money": []}
    downs: dict[str, list[float]] = {"money": []}
    flags: dict[str, set[bool]] = {f: {f in c.flags} for f in scenario.flags}
    contact_in: dict[str, set[bool]] = {p.id: {p.kept} for p in c.contacts}
    starts = {"resources": c.resources, "virtues": c.virtues}
    for ev in scenario.events.values():
        if ev.id not in live.events:
            continue
        effs = [ch.model.effects for ch in ev.choices if (ev.id, ch.id) in live.choices]
        if not effs:
            continue
        n = min(_max_picks(ev, turns), turns)
        # Money: costs are scaled by price factors the rulebook sets, but a choice that costs
        # more than the citizen has is locked, so money never falls below where it started or zero.
        best = max(max(e.money, 0) for e in effs)
        if best > 0:
            ups["money"] += [best] * n
        for kind, start_of in starts.items():
            moved = {name for e in effs for name in getattr(e, kind) if name in start_of}
            for name in moved:  # a number no choice of the event moves gets 0 from it: nothing
                values = [getattr(e, kind).get(name, 0) for e in effs]
                best, worst = max(values), min(values)
                key = f"{kind}.{name}"
                if best > 0:
                    ups.setdefault(key, []).extend([best] * n)
                if worst < 0:
                    downs.setdefault(key, []).extend([worst] * n)
        for e in effs:
            for f in e.set:
                flags.setdefault(f, {False}).add(True)
            for f in e.clear:
                flags.setdefault(f, {False}).add(False)
            for cid in e.add_contacts:
                contact_in.setdefault(cid, {False}).add(True)
            for cid in e.drop_contacts:
                contact_in.setdefault(cid, {False}).add(False)

    def bound(key: str, start: float) -> tuple[float, float]:
        hi = start + sum(sorted(ups.get(key, []), reverse=True)[:turns])
        lo = start + sum(sorted(downs.get(key, []))[:turns])
        return lo, hi

    numbers: dict[str, tuple[float, float]] = {"turn": (1, turns)}
    numbers["money"] = (min(c.money, 0), bound("money", c.money)[1])
    for kind, start_of in starts.items():
        for name, start in start_of.items():
            numbers[f"{kind}.{name}"] = bound(f"{kind}.{name}", start)
    return Env(numbers, {k: frozenset(v) for k, v in flags.items()},
               {k: frozenset(v) for k, v in contact_in.items()}, set(live.events), rules)


def _env_at(env: Env, lo: int, hi: int) -> Env:
    got = env._at.get((lo, hi))
    if got is None:
        numbers = dict(env.numbers)
        numbers["turn"] = (lo, hi)
        got = env._at[(lo, hi)] = Env(numbers, env.flags, env.contact_in, env.seen_possible, env.rules)
    return got


@dataclass
class Why:
    """Why something is dead, for the message."""

    text: str
    path: tuple  # relative to the event or choice


def event_dead(ev: CompiledEvent, env: Env, turns: int) -> Why | None:
    m = ev.model
    lo, hi = window(ev, turns)
    if m.first_turn > turns:
        return Why(f"first_turn {m.first_turn} is after the last turn ({turns})", ("first_turn",))
    if hi < lo:
        return Why(f"last_turn {m.last_turn} is before first_turn {m.first_turn}", ("last_turn",))
    if ev.when is not None and True not in truth(ev.when.node, _env_at(env, lo, hi)):
        return Why(f"its condition \"{m.when}\" can never hold{_hint(ev.when.node, env)}", ("when",))
    return None


def choice_dead(ev: CompiledEvent, ch: CompiledChoice, env: Env, turns: int) -> Why | None:
    lo, hi = window(ev, turns)
    at = _env_at(env, lo, hi)
    m = ch.model
    if ch.show_if is not None and True not in truth(ch.show_if.node, at):
        return Why(f"show_if \"{m.show_if}\" can never hold{_hint(ch.show_if.node, env)}", ("show_if",))
    if ch.enable_if is not None and True not in truth(ch.enable_if.node, at):
        return Why(f"enable_if \"{m.enable_if}\" can never hold, so it is always locked{_hint(ch.enable_if.node, env)}", ("enable_if",))
    cost = -m.effects.money
    if cost > 0 and not m.needs and cost > env.numbers["money"][1]:
        return Why(f"it costs {cost} but money can never exceed {_num(env.numbers['money'][1])}", ("effects", "money"))
    r = env.rules
    if r is not None:
        for k, service in enumerate(m.needs):
            if service in r.always_closed:
                return Why(f"it needs '{service}', which is offered only with a privilege, and no privilege "
                           f"of {r.title} opens it", ("needs", k))
        if m.effects.appeal and not r.appeals:
            return Why(f"it files an appeal, and {r.title} has no appeal procedure", ("effects", "appeal"))
        if m.effects.appeal and not r.can_dispute:
            return Why(f"it files an appeal, and under {r.title} no record can ever be disputed "
                       "(it makes no wrong records and records every circumstance)", ("effects", "appeal"))
    return None


def _num(x: float) -> str:
    return "∞" if x == INF else ("-∞" if x == -INF else str(int(x)) if float(x).is_integer() else str(x))


def _hint(node: Node, env: Env) -> str:
    """Name the values that make a condition impossible: 'virtues.care is at most 4'."""
    parts = []
    for name in sorted(_names(node)):
        v = env.name(name)
        if v[0] == "num" and name != "turn" and (v[1] != -INF or v[2] != INF) and name in env.numbers:
            parts.append(f"{name} stays within {_num(v[1])}..{_num(v[2])}")
        elif v[0] == "bool" and name.startswith("flags.") and len(v[1]) == 1:
            parts.append(f"{name} is always {'true' if True in v[1] else 'false'}")
    return f" ({'; '.join(parts)})" if parts else ""


def _names(node: Node) -> set[str]:
    out = {node.value} if node.kind == "name" else set()
    for c in node.children:
        out |= _names(c)
    return out


def liveness(scenario: Scenario, rules: RuleFacts | None = None) -> tuple[Liveness, Env]:
    """Events and choices that may be taken in some life (under one rulebook, with ``rules``),
    and what names may be then."""
    turns = scenario.calendar.turns
    live = Liveness({e for e in scenario.events}, {(e.id, c.id) for e in scenario.events.values() for c in e.choices})
    while True:
        env = build_env(scenario, live, rules)
        events = {eid for eid, ev in scenario.events.items() if event_dead(ev, env, turns) is None}
        choices = {(eid, ch.id) for eid in events for ch in scenario.events[eid].choices
                   if choice_dead(scenario.events[eid], ch, env, turns) is None}
        if events == live.events and choices == live.choices:
            return live, env
        live = Liveness(events, choices)


# --------------------------------------------------------------------------- markup

#: Keys that are not text a player reads: ids, conditions and references.
_NOT_TEXT = {"id", "when", "show_if", "enable_if", "then", "behaviour", "source", "legal", "domain",
             "discloses", "withholds", "force", "transparency", "context", "kind", "unit", "version"}


def markup_problem(text: str) -> str | None:
    """Text is drawn exactly as written, brackets included (never as markup), so a backslash
    written to escape a bracket for a markup parser shows on screen. Why, or None."""
    if "\\[" not in text:
        return None
    m = re.search(r"\\\[[^\]\n]{0,40}\]?", text)
    shown = m.group(0) if m else "\\["
    return (f"'{shown}' shows its backslash: text is drawn exactly as written, brackets and all, "
            f"so write '[' without the backslash")


def text_fields(obj: Any, path: tuple = (), only: str = "") -> Iterable[tuple[tuple, str]]:
    """Every (path, text) of a model that the game may draw (with ``only``: that holds it)."""
    out: list[tuple[tuple, str]] = []
    _texts(obj, path, only, out)
    return out


def _texts(obj: Any, path: tuple, only: str, out: list[tuple[tuple, str]]) -> None:
    if isinstance(obj, BaseModel):
        for name in _may_hold_text(type(obj)):
            value = getattr(obj, name)
            if isinstance(value, str):
                if only in value and name not in _NOT_TEXT:
                    out.append((path + (name,), value))
            elif value and isinstance(value, (BaseModel, list, dict)):
                _texts(value, path + (name,), only, out)
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            if isinstance(item, BaseModel):
                _texts(item, path + (i,), only, out)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            if isinstance(value, str) and only in value:
                out.append((path + (key,), value))
    elif isinstance(obj, str) and only in obj:
        out.append((path, obj))


_TEXTUAL: dict[type, tuple[str, ...]] = {}


def _may_hold_text(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model whose type can hold text the game draws (a string, a model, a
    list of models, a dict of strings), so the walk skips numbers, flags and id lists."""
    got = _TEXTUAL.get(model)
    if got is None:
        got = _TEXTUAL[model] = tuple(n for n, f in model.model_fields.items() if _textual(f.annotation))
    return got


def _textual(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if tp is str or tp is Any or origin is Literal:
        return True
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_textual(a) for a in typing.get_args(tp))
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return item is Any or (isinstance(item, type) and issubclass(item, BaseModel))
    if origin is dict:
        args = typing.get_args(tp)
        return not args or _textual(args[1])
    return tp not in (int, float, bool, type(None))


# --------------------------------------------------------------------------- scenario checks


def scenario_main_file(scenario: Scenario) -> str:
    p = Path(scenario.path)
    return str(p / SCENARIO_ENTRY) if p.is_dir() else str(p)


def analyse_scenario(scenario: Scenario, pos: Positions | None = None) -> list[Diagnostic]:
    pos = pos or Positions()
    out: list[Diagnostic] = []
    turns = scenario.calendar.turns
    live, env = liveness(scenario)
    main = scenario_main_file(scenario)

    def at(ev_or_en, rel: tuple) -> tuple[str, tuple]:
        return ev_or_en.model._file or main, parse_path(ev_or_en.model._path) + rel

    # events and choices
    for ev in scenario.events.values():
        n = len(ev.choices)
        if n < 2 or n > 4:
            f, p = at(ev, ("choice",))
            out.append(pos.diag(f, p, "W107", f"event '{ev.id}' has {n} choice{'s' if n != 1 else ''}; write two to four"))
        if ev.id not in live.events:
            why = event_dead(ev, env, turns) or Why("everything it needs comes only from events or choices that can never happen", ())
            f, p = at(ev, why.path)
            out.append(pos.diag(f, p, "W102", f"event '{ev.id}' can never be eligible: {why.text}"))
            continue
        dead_choices = 0
        for j, ch in enumerate(ev.choices):
            if (ev.id, ch.id) in live.choices:
                continue
            dead_choices += 1
            why = choice_dead(ev, ch, env, turns) or Why("it can never be shown or taken", ())
            f, p = at(ev, ("choice", j) + why.path)
            out.append(pos.diag(f, p, "W103", f"choice '{ch.id}' of event '{ev.id}' can never be selected: {why.text}"))
        if dead_choices == n:
            f, p = at(ev, ("choice",))
            out.append(pos.diag(f, p, "W109", f"event '{ev.id}' can come up but none of its choices can ever be taken: the player would be stuck"))

    # endings
    finals = [en for en in scenario.endings if not (en.model.immediate and en.when is not None)]
    sure: list[tuple[int, int, str]] = []  # (priority, order, id) of final endings that always hold
    for order, en in enumerate(scenario.endings):
        if en in finals and (en.when is None or False not in truth(en.when.node, _env_at(env, turns, turns))):
            sure.append((en.model.priority, order, en.id))
    for order, en in enumerate(scenario.endings):
        f, p = at(en, ())
        if en.when is not None:
            when_env = _env_at(env, turns, turns) if en in finals else env
            if True not in truth(en.when.node, when_env):
                out.append(pos.diag(f, p + ("when",), "W104", f"ending '{en.id}' can never be reached: its condition \"{en.model.when}\" can never hold{_hint(en.when.node, env)}"))
                continue
        if en in finals:
            for prio, o, sid in sure:
                if sid != en.id and (prio > en.model.priority or (prio == en.model.priority and o < order)):
                    out.append(pos.diag(f, p + ("priority",) if en.model.priority else p, "W104",
                                        f"ending '{en.id}' can never be reached: ending '{sid}' always holds and wins (priority {prio} against {en.model.priority}{', and it comes first' if prio == en.model.priority else ''})"))
                    break
    if not sure and scenario.endings:
        f, p = at(scenario.endings[-1], ())
        out.append(pos.diag(f, p, "W106",
                            "no ending is sure to hold at the end (give one ending no `when`); without one, "
                            f"a life that meets no condition ends with the last ending, '{scenario.endings[-1].id}'"))

    # turns that can have no event
    spans = [window(scenario.events[e], turns) for e in live.events]
    empty = [t for t in range(1, turns + 1) if not any(lo <= t <= hi for lo, hi in spans)]
    if empty:
        out.append(pos.diag(main, ("calendar", "turns"), "W108",
                            f"{_turn_list(empty)} can have no event: no event that can be eligible covers "
                            f"{'it' if len(empty) == 1 else 'them'}, so the turn passes without a decision"))
    else:
        supplies = _supplies(scenario, live, turns)
        short = next((t for t in range(1, turns + 1) if supplies[t] < t), None)
        if short is not None:
            n = supplies[short]
            out.append(pos.diag(main, ("calendar", "turns"), "W108",
                                f"at most {n} event{'s' if n != 1 else ''} can come up in the first {short} turns "
                                f"(once-only events come up once), so at least one of turns 1-{short} passes without "
                                "a decision; add events or a repeatable one (once = false)"))

    # follow-ups that can take the turn of an event of higher priority
    out += follow_up_checks(scenario, live, env, pos, main)
    # flags
    out += _flag_checks(scenario, pos, main)
    # markup
    out += _markup_scenario(scenario, pos, main)
    return out


def displaced_by_follow_up(scenario: Scenario, live: Liveness, env: Env, ev: CompiledEvent,
                           ch: CompiledChoice, tied: list[tuple[CompiledEvent, int, int, int]] | None = None,
                           ) -> list[tuple[CompiledEvent, list[int]]]:
    """Events of higher priority that the follow-up of ``ch`` (its ``then``) can push out of a
    turn they would then miss: the follow-up is drawn before any priority band, so on the turn
    after ``ev`` it takes the turn whatever the priorities. An event is tied to a turn when its
    condition reads the turn (it holds on given turns only) or its window is one turn long.
    ``tied``: those events with their priorities and windows, if the caller has listed them
    once (:func:`tied_events`, :func:`_tied_windows`)."""
    turns = scenario.calendar.turns
    follow = scenario.events.get(ch.model.then or "")
    if follow is None or follow.id not in live.events:
        return []
    e_lo, e_hi = window(ev, turns)
    f_lo, f_hi = window(follow, turns)
    landing = [t for t in range(max(e_lo + 1, f_lo), min(e_hi + 1, f_hi) + 1)
               if follow.when is None or True in truth(follow.when.node, _env_at(env, t, t))]
    out: list[tuple[CompiledEvent, list[int]]] = []
    if not landing:
        return out
    first, last, prio = landing[0], landing[-1], follow.model.priority
    for other, o_prio, lo, hi in tied if tied is not None else _tied_windows(tied_events(scenario, live), turns):
        if o_prio <= prio or hi < first or lo > last or other is follow:
            continue
        if other is ev:
            continue  # it has just come up: its own follow-up is the author's design
        missed = [t for t in landing if lo <= t <= hi
                  and (other.when is None or True in truth(other.when.node, _env_at(env, t, t)))]
        if missed:
            out.append((other, missed))
    return out


def _tied_windows(tied: list[CompiledEvent], turns: int) -> list[tuple[CompiledEvent, int, int, int]]:
    """(event, priority, first turn, last turn) of each tied event: every follow-up of a large
    scenario is set against every tied event, so this is worked out once."""
    return [(o, o.model.priority, *window(o, turns)) for o in tied]


def tied_events(scenario: Scenario, live: Liveness) -> list[CompiledEvent]:
    """Live events tied to a turn. Only such an event is surely lost when pushed out of it:
    its condition reads the turn, or its window is that one turn. One pushed off the last turn
    of a longer window may or may not have come earlier; playtest counts those in play."""
    turns = scenario.calendar.turns
    out = []
    for other in scenario.events.values():
        if other.model.id not in live.events:
            continue
        lo, hi = window(other, turns)
        if (other.when is not None and "turn" in other.when.names) or lo == hi:
            out.append(other)
    return out


def follow_up_checks(scenario: Scenario, live: Liveness, env: Env, pos: Positions, main: str) -> list[Diagnostic]:
    """W110: a ``then`` that can make a life miss an event of higher priority."""
    out = []
    tied = _tied_windows(tied_events(scenario, live), scenario.calendar.turns)
    for ev in scenario.events.values():
        if ev.id not in live.events:
            continue
        for j, ch in enumerate(ev.choices):
            if (ev.id, ch.id) not in live.choices or not ch.model.then:
                continue
            displaced = displaced_by_follow_up(scenario, live, env, ev, ch, tied)
            if not displaced:
                continue
            follow = scenario.events[ch.model.then]
            names = "; ".join(f"'{other.id}' (priority {other.model.priority}) in {_turn_list(missed)}"
                              for other, missed in displaced)
            file, base = ev.model._file or main, parse_path(ev.model._path)
            out.append(pos.diag(file, base + ("choice", j, "then"), "W110",
                                f"follow-up '{follow.id}' (priority {follow.model.priority}) comes up the turn after "
                                f"'{ev.id}' ahead of every other event, whatever its priority, so a life can miss "
                                f"{names}; to let priority decide, drop `then` and give '{follow.id}' a `when` "
                                f"(a flag this choice sets), or let the other event come up on a later turn too"))
    return out


def _supplies(scenario: Scenario, live: Liveness, turns: int) -> list[int]:
    """For every turn ``t`` (index 0 unused), at most how many turns up to ``t`` can have had
    an event: each once-only event counts once, each repeatable one for every turn of its
    window up to ``t`` its cooldown allows. One pass over the events."""
    starts = [0] * (turns + 2)  # once-only events, by the first turn of their window
    supply = [0] * (turns + 1)
    for eid in live.events:
        ev = scenario.events[eid]
        lo, hi = window(ev, turns)
        if lo > turns:
            continue
        if ev.model.once:
            starts[lo] += 1
            continue
        step = ev.model.cooldown + 1
        for t in range(lo, turns + 1):
            supply[t] += -(-(min(hi, t) - lo + 1) // step)
    once = 0
    for t in range(1, turns + 1):
        once += starts[t]
        supply[t] += once
    return supply


def _turn_list(turns: list[int]) -> str:
    runs: list[tuple[int, int]] = []
    for t in turns:
        if runs and runs[-1][1] == t - 1:
            runs[-1] = (runs[-1][0], t)
        else:
            runs.append((t, t))
    words = [f"{a}" if a == b else f"{a}-{b}" for a, b in runs]
    return ("turn " if len(turns) == 1 else "turns ") + ", ".join(words)


def _flag_checks(scenario: Scenario, pos: Positions, main: str) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    # flag -> (the event or ending that reads or sets it, or None for [citizen]; the path
    # within it): the file's key path is worked out only for a flag reported
    read: dict[str, tuple[Any, tuple]] = {}
    set_at: dict[str, tuple[Any, tuple]] = {}
    for k, f in enumerate(scenario.citizen.flags):
        set_at.setdefault(f, (None, ("citizen", "flags", k)))

    def reads(cond, model: Any, path: tuple) -> None:
        for name in cond.names:
            if name.startswith("flags."):
                read.setdefault(name[6:], (model, path))

    def where(model: Any, path: tuple) -> tuple[str, tuple]:
        return (main, path) if model is None else (model._file or main, parse_path(model._path) + path)

    for ev in scenario.events.values():
        m = ev.model
        if ev.when is not None:
            reads(ev.when, m, ("when",))
        for j, ch in enumerate(ev.choices):
            if ch.show_if is not None:
                reads(ch.show_if, m, ("choice", j, "show_if"))
            if ch.enable_if is not None:
                reads(ch.enable_if, m, ("choice", j, "enable_if"))
            for k, f in enumerate(ch.model.effects.set):
                if f not in set_at:
                    set_at[f] = (m, ("choice", j, "effects", "set", k))
    for en in scenario.endings:
        if en.when is not None:
            reads(en.when, en.model, ("when",))
    for f, (model, path) in sorted(set_at.items(), key=lambda kv: kv[0]):
        if f not in read:
            out.append(pos.diag(*where(model, path), "W101", f"flag '{f}' is set but no condition reads it{did_you_mean(f, read)}", value=f))
    for f, (model, path) in sorted(read.items(), key=lambda kv: kv[0]):
        if f not in set_at:
            out.append(pos.diag(*where(model, path), "E024", f"flag '{f}' is read but never set (only cleared){did_you_mean(f, set_at)}; "
                                                              "set it in [citizen] flags or with an effect's `set`"))
    return out


def _markup_scenario(scenario: Scenario, pos: Positions, main: str) -> list[Diagnostic]:
    out = []
    for key in ("meta", "citizen"):
        model = getattr(scenario, key)
        prefix = ("scenario",) if key == "meta" else ("citizen",)
        for path, text in text_fields(model, prefix, only="["):
            if problem := markup_problem(text):
                out.append(pos.diag(main, path, "W105", problem))
    for item in list(scenario.events.values()) + list(scenario.endings):
        if "\\\\[" not in item.model.model_dump_json():
            continue  # JSON writes a backslash as two: no "\\[" there, no escaped bracket anywhere in it
        file, base = item.model._file or main, parse_path(item.model._path)
        for path, text in text_fields(item.model, base, only="["):
            if problem := markup_problem(text):
                out.append(pos.diag(file, path, "W105", problem))
    return out


# --------------------------------------------------------------------------- rulebooks and catalogues


def analyse_markup(model: BaseModel, file: str, pos: Positions | None = None) -> list[Diagnostic]:
    pos = pos or Positions()
    return [pos.diag(file, path, "W105", problem)
            for path, text in text_fields(model, only="[") if (problem := markup_problem(text))]


def unscored(scenario: Scenario, rulebook: Rulebook, pos: Positions | None = None) -> list[Diagnostic]:
    """I201: behaviours the scenario emits that the rulebook never mentions."""
    pos = pos or Positions()
    mentioned = rulebook.mentions()
    first: dict[str, tuple[str, tuple]] = {}
    for ev in scenario.events.values():
        for j, ch in enumerate(ev.choices):
            for k, b in enumerate(ch.model.behaviours):
                first.setdefault(b, (ev.model._file, parse_path(ev.model._path) + ("choice", j, "behaviours", k)))
    missing = [b for b in sorted(first) if b not in mentioned]
    if not missing:
        return []
    where = []
    for b in missing[:3]:
        file, path = first[b]
        where.append(f"'{b}' at {Path(file).name}:{pos.find(file, path)[0]}")
    more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
    return [pos.diag(str(rulebook.path), ("value",), "I201",
                     f"scenario '{scenario.id}' emits {len(missing)} behaviour{'s' if len(missing) != 1 else ''} "
                     f"this rulebook never scores, so they are never recorded: {', '.join(missing)} "
                     f"(first emitted: {', '.join(where)}{more})")]


def catalogue_markup(catalogue: Catalogue, file: str, pos: Positions | None = None) -> list[Diagnostic]:
    return analyse_markup(catalogue, file, pos)
