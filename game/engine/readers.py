"""Conditions compiled to direct readers of a game.

:func:`game.scenario.conditions.compile_node` compiles a condition to closures over any
lookup (``ctx.lookup(name)``), which the authoring tools need. In play, the lookup is always a
game, so every name can be resolved once to a reader of the game's state, and the commonest
shapes (``flags.NAME``, ``'ID' in contacts``, ``'ID' in seen``, a name compared with a
number) to one small function each. What a compiled condition answers is exactly what the
condition answers through :class:`game.engine.game.ConditionContext` (the same readers, the
same operators); only the number of calls differs. A condition's meaning depends on its text
alone (its names are resolved by name), so each text is compiled once per process.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ..scenario.conditions import _BIN, Condition, Node, compile_node

if TYPE_CHECKING:  # pragma: no cover
    from .game import Game

Reader = Callable[["Game"], Any]


def reader(name: str) -> Reader:
    """What ``name`` reads from a game (the loader has checked every name a condition uses)."""
    head, _, tail = name.partition(".")
    if head == "money":
        return lambda g: g.state.money
    if head == "score":
        return lambda g: g.state.score
    if head == "turn":
        return lambda g: g.state.turn
    if head == "tier":
        return lambda g: g.state.tier
    if head == "resources":
        return lambda g: g.state.resources.get(tail, 0)
    if head == "virtues":
        return lambda g: g.state.virtues.get(tail, 0)
    if head == "flags":
        return lambda g: tail in g.state.flags
    if head == "records":
        return lambda g: sum(1 for r in g.state.records if r.behaviour == tail and not r.removed)
    if head == "contacts":
        return lambda g: set(g.state.kept_contacts())
    if head == "closed":
        return lambda g: set(g.judge.closed(g.state))
    if head == "privileges":
        return lambda g: set(g.state.privileges)
    if head == "seen":
        return lambda g: set(g.state.seen_events)
    if head == "disputed":
        return lambda g: len(g.judge.appealable(g.state))
    if head == "listed":
        return lambda g: any(r.kind == "blacklist" for r in g.state.active_restrictions())
    if head == "sanctions":
        return lambda g: len(g.state.active_restrictions())
    if head == "standing":
        return lambda g: g.judge.standing(g.state.tier)
    if head == "restricted":
        return lambda g: bool(g.state.active_restrictions())
    if head == "privileged":
        return lambda g: bool(g.state.privileges)
    raise KeyError(name)  # the loader rejects unknown names; reaching here is a bug


def _member(item: str, name: str) -> Reader | None:
    """``'item' in name`` read without building the set, for the sets a game keeps as dicts."""
    if name == "contacts":
        def kept(g: "Game") -> bool:
            c = g.state.contacts.get(item)
            return c is not None and bool(c["kept"])
        return kept
    if name == "seen":
        return lambda g: item in g.state.seen_events
    if name == "privileges":
        return lambda g: item in g.state.privileges
    return None


#: Comparisons of a read value with a constant, one function each (``op(read(g), value)``).
_WITH_CONST: dict[str, Callable[[Reader, Any], Reader]] = {
    "<": lambda r, v: lambda g: r(g) < v,
    "<=": lambda r, v: lambda g: r(g) <= v,
    ">": lambda r, v: lambda g: r(g) > v,
    ">=": lambda r, v: lambda g: r(g) >= v,
    "==": lambda r, v: lambda g: r(g) == v,
    "!=": lambda r, v: lambda g: r(g) != v,
}


def _const(node: Node) -> tuple[bool, Any]:
    """(True, value) when ``node`` is a constant (a number, text or truth value)."""
    if node.kind in ("num", "str", "bool"):
        return True, node.value
    return False, None


def _shortcut(node: Node) -> Reader | None:
    """The shapes read faster than through the generic tree: an item's membership of a set
    the game keeps as a dict, and a read value compared with a constant."""
    if node.kind != "binary":
        return None
    left, right = node.children
    op = node.op
    if op in _MEMBERSHIP and left.kind == "str" and right.kind == "name":
        member = _member(left.value, right.value)
        if member is not None:
            if _MEMBERSHIP[op]:
                return member
            return lambda g: not member(g)
    is_const, value = _const(right)
    if is_const and op in _WITH_CONST:
        return _WITH_CONST[op](build(left), value)
    return None


def build(node: Node) -> Reader:
    """``node`` as one function of a game: the conditions' own compiler, each name resolved
    once to its reader, with the shortcuts above."""
    return compile_node(node, reader, _shortcut)


#: The membership operators, and whether each holds when the item is a member.
_MEMBERSHIP = {op: fn("x", "x") for op, fn in _BIN.items() if op.endswith("in")}

_BUILT: dict[str, Reader] = {}


def direct(cond: Condition) -> Reader:
    """``cond`` compiled to a function of a game, giving what ``cond(ConditionContext(game))``
    gives (its truth; the value itself may be any truthy or falsy value)."""
    got = _BUILT.get(cond.source)
    if got is None:
        got = _BUILT[cond.source] = build(cond.node)
    return got
