"""The condition language: parsed once at load, type-checked, never ``eval``ed.

Grammar (lowest binding first)::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | cmp
    cmp     := sum (("==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not in") sum)?
    sum     := term (("+" | "-") term)*
    term    := unary (("*" | "/" | "%") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | STRING | "true" | "false" | NAME ("." NAME)* | "(" expr ")"
             | "[" (expr ("," expr)*)? "]"

Types are ``num``, ``bool``, ``str`` and ``set``. Names and their types come from a
:class:`Names` table the loader builds from what the scenario declares, so an unknown name or
a mismatched comparison is a load error, not a surprise in turn nine.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

NUM, BOOL, STR, SET, LIST = "num", "bool", "str", "set", "list"

#: Limits (docs/SECURITY.md), each a C005 error (E055 in ``citizen check``): so that no condition
#: can exhaust the parser's, the checker's or the game's stack, or Python's integer parsing.
MAX_LENGTH = 1_000  # characters
MAX_NESTING = 32  # parentheses, lists, `not` and unary minus inside one another
MAX_TREE_DEPTH = 64  # operators chained (`a and b and c ...` is a chain)
MAX_DIGITS = 15  # digits in a number


class ConditionError(Exception):
    """A condition that cannot be parsed or type-checked; ``offset`` is a 0-based column."""

    def __init__(self, message: str, offset: int = 0, code: str = "C001", name: str | None = None,
                 suggestion: str | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.code = code
        #: For an unknown name (C002): the name, the nearest known one, and what may be used.
        self.name = name
        self.suggestion = suggestion
        self.detail = detail


class Lookup(Protocol):
    def lookup(self, name: str) -> Any: ...


@dataclass(frozen=True)
class Names:
    """What a condition may refer to: name -> type, and the members a set may hold."""

    types: dict[str, str]
    members: dict[str, frozenset[str]] = field(default_factory=dict)
    #: Sets whose members cannot be checked at load (they depend on the rulebook).
    open_sets: frozenset[str] = frozenset()
    #: Conditions already compiled against these names, by source text: a scenario that
    #: writes the same condition many times parses it once.
    compiled: dict[str, "Condition"] = field(default_factory=dict, compare=False, repr=False)

    def suggest(self, name: str) -> str:
        near = self.nearest(name)
        if not near:
            return ""
        return f" (did you mean \"{near}\"?)" if "'" in near else f" (did you mean '{near}'?)"

    def nearest(self, name: str) -> str | None:
        """The known name an author most likely meant: a near spelling, the same word in
        another family (``care`` -> ``virtues.care``), or the game's word for it (``cash`` ->
        ``money``)."""
        return self._nearest(name)[0]

    def _nearest(self, name: str) -> tuple[str | None, str]:
        """(name, how): how is "spelling", "family" or "meaning"."""
        head, dot, tail = name.partition(".")
        word = tail if dot else name
        if dot and head in _FAMILY_FIXES and f"{_FAMILY_FIXES[head]}.{tail}" in self.types:
            return f"{_FAMILY_FIXES[head]}.{tail}", "family"  # virtue.care -> virtues.care
        if not dot:
            for family in FAMILIES:
                if f"{family}.{name}" in self.types:
                    return f"{family}.{name}", "family"
            if name in self.members.get("contacts", ()):
                return f"'{name}' in contacts", "family"
        if dot and head in FAMILIES:
            # Within a family only the part after the dot counts: 'flags.struck' is not near
            # 'flags.pro' just because both begin with 'flags.'.
            tails = [n.partition(".")[2] for n in self.types if n.startswith(head + ".")]
            close = difflib.get_close_matches(tail, tails, n=1, cutoff=0.6)
            if close:
                return f"{head}.{close[0]}", "spelling"
        else:
            close = difflib.get_close_matches(name, list(self.types), n=1, cutoff=0.6)
            if close:
                return close[0], "spelling"
        meant = SYNONYMS.get(word.lower())
        if meant and (meant in self.types or meant.endswith(".BEHAVIOUR")):
            return meant, "meaning"
        if not dot or head not in FAMILIES:
            by_tail = {n.partition(".")[2]: n for n in self.types if "." in n}
            close = difflib.get_close_matches(word, list(by_tail), n=1, cutoff=0.75)
            if close:
                return by_tail[close[0]], "family"
        return None, ""

    def families(self, name: str) -> str:
        """What a condition may use instead, for the message: the declared members of the
        family the name reached for, else every kind of name."""
        head, dot, _ = name.partition(".")
        if dot and head in FAMILIES:
            known = sorted(n.partition(".")[2] for n in self.types if n.startswith(head + "."))
            if not known:
                return f"no {head} are declared{_DECLARE.get(head, '')}"
            shown = ", ".join(known[:8]) + (f" and {len(known) - 8} more" if len(known) > 8 else "")
            declare = f" (or declare '{name.partition('.')[2]}' under [citizen.{head}])" if head in ("resources", "virtues") else ""
            return f"{_FAMILY_WORDS[head]}: {shown}{declare}"
        plain = [n for n in self.types if "." not in n and self.types[n] != SET]
        sets = [n for n in self.types if "." not in n and self.types[n] == SET]
        parts = [", ".join(plain)]
        if sets:
            parts.append("sets " + ", ".join(sets) + " (as 'id' in contacts)")
        for family in FAMILIES:
            members = sorted(n.partition(".")[2] for n in self.types if n.startswith(family + "."))
            label = "BEHAVIOUR" if family == "records" else "NAME"
            if family == "records" or not members:
                parts.append(f"{family}.{label}")
            else:
                shown = ", ".join(members[:4]) + (", ..." if len(members) > 4 else "")
                parts.append(f"{family}.{label} ({shown})")
        return "a condition may use " + "; ".join(parts)


#: Families of dotted names, and what each holds.
FAMILIES = ("resources", "virtues", "flags", "records")
_FAMILY_WORDS = {"resources": "declared resources", "virtues": "declared virtues",
                 "flags": "flags set in this scenario", "records": "catalogue behaviours"}
_DECLARE = {"resources": ": declare them under [citizen.resources]",
            "virtues": ": declare them under [citizen.virtues]",
            "flags": ": set one in [citizen] flags or with an effect's `set`"}
_FAMILY_FIXES = {"resource": "resources", "virtue": "virtues", "flag": "flags", "record": "records",
                 "resource_": "resources", "res": "resources"}
#: Words authors reach for, and the game's name for the thing.
SYNONYMS = {
    "cash": "money", "wallet": "money", "balance": "money", "funds": "money", "savings": "money",
    "points": "score", "credit": "score", "rating": "score", "social_score": "score", "credit_score": "score",
    "week": "turn", "month": "turn", "day": "turn", "round": "turn", "season": "turn",
    "rank": "tier", "level": "tier", "grade": "tier", "class": "tier",
    "status": "standing", "blacklisted": "listed", "blacklist": "listed",
    "banned": "restricted", "sanctioned": "restricted", "friends": "contacts", "people": "contacts",
    "services": "closed", "events": "seen", "history": "seen", "privilege": "privileges",
    "record": "records.BEHAVIOUR", "dossier": "records.BEHAVIOUR", "appeals": "disputed",
}


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<num>\d+(?:\.\d+)?)
      | (?P<str>"[^"]*"|'[^']*')
      | (?P<op>==|!=|<=|>=|<|>|\+|-|\*|/|%|\(|\)|\[|\]|,)
      | (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    )""",
    re.VERBOSE,
)

KEYWORDS = {"and", "or", "not", "in", "true", "false"}


@dataclass
class Token:
    kind: str
    text: str
    pos: int


def tokenize(src: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(src):
        if src[pos:].strip() == "":
            break
        m = _TOKEN.match(src, pos)
        if not m or m.end() == pos:
            bad = pos + (len(src[pos:]) - len(src[pos:].lstrip()))
            raise ConditionError(f"unexpected character {src[bad]!r}", bad, "C001")
        kind = m.lastgroup or ""
        text = m.group(kind)
        start = m.start(kind)
        if kind == "name" and text in KEYWORDS:
            kind = "kw"
        tokens.append(Token(kind, text, start))
        pos = m.end()
    tokens.append(Token("end", "", len(src)))
    return tokens


# AST nodes are small tuples: (kind, pos, ...). Kept as data so tools can walk them.


@dataclass
class Node:
    kind: str  # num, str, bool, name, list, unary, binary, not
    pos: int
    value: Any = None
    op: str = ""
    children: tuple["Node", ...] = ()


class _Parser:
    def __init__(self, src: str) -> None:
        if len(src) > MAX_LENGTH:
            raise ConditionError(f"the condition is {len(src):,} characters long; the limit is {MAX_LENGTH:,}",
                                 MAX_LENGTH, "C005")
        self.src = src
        self.tokens = tokenize(src)
        self.i = 0
        self.nesting = 0

    def nest(self, tok: Token) -> None:
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise ConditionError(f"nested more than {MAX_NESTING} levels deep", tok.pos, "C005")

    def peek(self) -> Token:
        return self.tokens[self.i]

    def take(self) -> Token:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def accept(self, kind: str, text: str | None = None) -> Token | None:
        tok = self.peek()
        if tok.kind == kind and (text is None or tok.text == text):
            self.i += 1
            return tok
        return None

    def expect(self, kind: str, text: str) -> Token:
        tok = self.accept(kind, text)
        if tok is None:
            got = self.peek()
            raise ConditionError(f"expected '{text}', found {_describe(got)}", got.pos, "C001")
        return tok

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise ConditionError("empty condition", 0, "C001")
        node = self.expr()
        tok = self.peek()
        if tok.kind != "end":
            raise ConditionError(f"unexpected {_describe(tok)} after a complete condition", tok.pos, "C001")
        deep = _too_deep(node)
        if deep is not None:
            raise ConditionError(f"more than {MAX_TREE_DEPTH} operators chained or nested; split it up", deep.pos, "C005")
        return node

    def expr(self) -> Node:
        node = self.and_()
        while tok := self.accept("kw", "or"):
            node = Node("binary", tok.pos, op="or", children=(node, self.and_()))
        return node

    def and_(self) -> Node:
        node = self.not_()
        while tok := self.accept("kw", "and"):
            node = Node("binary", tok.pos, op="and", children=(node, self.not_()))
        return node

    def not_(self) -> Node:
        if (tok := self.peek()).kind == "kw" and tok.text == "not":
            nxt = self.tokens[self.i + 1]
            if not (nxt.kind == "kw" and nxt.text == "in"):
                self.take()
                self.nest(tok)
                node = Node("not", tok.pos, children=(self.not_(),))
                self.nesting -= 1
                return node
        return self.cmp()

    def cmp(self) -> Node:
        left = self.sum()
        tok = self.peek()
        if tok.kind == "op" and tok.text in ("==", "!=", "<", "<=", ">", ">="):
            self.take()
            return Node("binary", tok.pos, op=tok.text, children=(left, self.sum()))
        if tok.kind == "kw" and tok.text == "in":
            self.take()
            return Node("binary", tok.pos, op="in", children=(left, self.sum()))
        if tok.kind == "kw" and tok.text == "not" and self.tokens[self.i + 1].text == "in":
            self.take()
            self.take()
            return Node("binary", tok.pos, op="not in", children=(left, self.sum()))
        return left

    def sum(self) -> Node:
        node = self.term()
        while (tok := self.peek()).kind == "op" and tok.text in ("+", "-"):
            self.take()
            node = Node("binary", tok.pos, op=tok.text, children=(node, self.term()))
        return node

    def term(self) -> Node:
        node = self.unary()
        while (tok := self.peek()).kind == "op" and tok.text in ("*", "/", "%"):
            self.take()
            node = Node("binary", tok.pos, op=tok.text, children=(node, self.unary()))
        return node

    def unary(self) -> Node:
        if tok := self.accept("op", "-"):
            self.nest(tok)
            node = Node("unary", tok.pos, op="-", children=(self.unary(),))
            self.nesting -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        tok = self.take()
        if tok.kind == "num":
            if sum(c.isdigit() for c in tok.text) > MAX_DIGITS:
                raise ConditionError(f"a number of more than {MAX_DIGITS} digits", tok.pos, "C005")
            val = float(tok.text) if "." in tok.text else int(tok.text)
            return Node("num", tok.pos, value=val)
        if tok.kind == "str":
            return Node("str", tok.pos, value=tok.text[1:-1])
        if tok.kind == "kw" and tok.text in ("true", "false"):
            return Node("bool", tok.pos, value=tok.text == "true")
        if tok.kind == "name":
            return Node("name", tok.pos, value=tok.text)
        if tok.kind == "op" and tok.text == "(":
            self.nest(tok)
            node = self.expr()
            self.expect("op", ")")
            self.nesting -= 1
            return node
        if tok.kind == "op" and tok.text == "[":
            self.nest(tok)
            items: list[Node] = []
            if not self.accept("op", "]"):
                items.append(self.expr())
                while self.accept("op", ","):
                    items.append(self.expr())
                self.expect("op", "]")
            self.nesting -= 1
            return Node("list", tok.pos, children=tuple(items))
        raise ConditionError(f"expected a value, found {_describe(tok)}", tok.pos, "C001")


def _too_deep(root: Node) -> Node | None:
    """The first node deeper than :data:`MAX_TREE_DEPTH`, found without recursion."""
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            return node
        stack.extend((c, depth + 1) for c in node.children)
    return None


def _describe(tok: Token) -> str:
    return "the end of the condition" if tok.kind == "end" else f"'{tok.text}'"


def parse(src: str) -> Node:
    return _Parser(src).parse()


# --------------------------------------------------------------------------- type checking


def check(node: Node, names: Names) -> str:
    """Return the node's type, raising :class:`ConditionError` on unknown names or mismatches."""
    k = node.kind
    if k == "num":
        return NUM
    if k == "str":
        return STR
    if k == "bool":
        return BOOL
    if k == "name":
        t = names.types.get(node.value)
        if t is None:
            near, how = names._nearest(node.value)
            hint = names.suggest(node.value)
            # A near spelling says enough; otherwise say what a condition may use.
            detail = "" if how in ("spelling", "family") else names.families(node.value)
            raise ConditionError(f"unknown name '{node.value}'{hint}", node.pos, "C002",
                                 name=node.value, suggestion=near, detail=detail)
        return t
    if k == "list":
        kinds = {check(c, names) for c in node.children}
        if len(kinds) > 1:
            raise ConditionError("a list must hold values of one type", node.pos, "C003")
        return LIST
    if k == "unary":
        if check(node.children[0], names) != NUM:
            raise ConditionError("'-' needs a number", node.pos, "C003")
        return NUM
    if k == "not":
        if check(node.children[0], names) != BOOL:
            raise ConditionError("'not' needs a true/false value", node.pos, "C003")
        return BOOL
    op = node.op
    left, right = node.children
    lt, rt = check(left, names), check(right, names)
    if op in ("and", "or"):
        if lt != BOOL or rt != BOOL:
            raise ConditionError(f"'{op}' joins true/false values, not {lt} and {rt}", node.pos, "C003")
        return BOOL
    if op in ("+", "-", "*", "/", "%"):
        if lt != NUM or rt != NUM:
            raise ConditionError(f"'{op}' needs numbers, not {lt} and {rt}", node.pos, "C003")
        return NUM
    if op in ("<", "<=", ">", ">="):
        if lt != NUM or rt != NUM:
            raise ConditionError(f"'{op}' compares numbers, not {lt} and {rt}", node.pos, "C003")
        return BOOL
    if op in ("==", "!="):
        if lt != rt:
            raise ConditionError(f"'{op}' compares a {lt} with a {rt}", node.pos, "C003")
        return BOOL
    if op in ("in", "not in"):
        if rt == SET:
            if lt != STR:
                raise ConditionError(f"'{op}' tests a string against a set, not a {lt}", node.pos, "C003")
            _check_member(left, right, names)
            return BOOL
        if rt == LIST:
            kinds = {check(c, names) for c in right.children}
            if kinds and lt not in kinds:
                raise ConditionError(f"'{op}' tests a {lt} against a list of {kinds.pop()}", node.pos, "C003")
            return BOOL
        raise ConditionError(f"'{op}' needs a set or a list on its right, not a {rt}", node.pos, "C003")
    raise ConditionError(f"unknown operator '{op}'", node.pos, "C001")  # pragma: no cover


def _check_member(left: Node, right: Node, names: Names) -> None:
    if left.kind != "str" or right.kind != "name" or right.value in names.open_sets:
        return
    members = names.members.get(right.value)
    if members is not None and left.value not in members:
        close = difflib.get_close_matches(left.value, sorted(members), n=1, cutoff=0.6)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ConditionError(f"'{left.value}' can never be in {right.value}{hint}", left.pos, "C004")


def names_used(node: Node) -> set[str]:
    out: set[str] = set()
    if node.kind == "name":
        out.add(node.value)
    for c in node.children:
        out |= names_used(c)
    return out


# --------------------------------------------------------------------------- compiling

Fn = Callable[[Lookup], Any]

_BIN: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b if b else 0,
    "%": lambda a, b: a % b if b else 0,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "in": lambda a, b: a in b,
    "not in": lambda a, b: a not in b,
}


def _looked_up(name: str) -> Fn:
    return lambda ctx: ctx.lookup(name)


def compile_node(node: Node, leaf: Callable[[str], Callable[[Any], Any]] = _looked_up,
                 special: Callable[[Node], Callable[[Any], Any] | None] | None = None) -> Callable[[Any], Any]:
    """``node`` as closures of one argument. ``leaf`` makes the function that reads a name
    (by default ``ctx.lookup(name)``); ``special``, when given, may answer a node with a
    faster function of its own (the engine's direct readers, :mod:`game.engine.readers`)."""
    if special is not None:
        got = special(node)
        if got is not None:
            return got
    k = node.kind
    if k in ("num", "str", "bool"):
        v = node.value
        return lambda ctx: v
    if k == "name":
        return leaf(node.value)
    if k == "list":
        items = [compile_node(c, leaf, special) for c in node.children]
        return lambda ctx: [f(ctx) for f in items]
    if k == "unary":
        inner = compile_node(node.children[0], leaf, special)
        return lambda ctx: -inner(ctx)
    if k == "not":
        inner = compile_node(node.children[0], leaf, special)
        return lambda ctx: not inner(ctx)
    a, b = (compile_node(c, leaf, special) for c in node.children)
    if node.op == "and":
        return lambda ctx: a(ctx) and b(ctx)
    if node.op == "or":
        return lambda ctx: a(ctx) or b(ctx)
    fn = _BIN[node.op]
    return lambda ctx: fn(a(ctx), b(ctx))


@dataclass(frozen=True)
class Condition:
    """A parsed, checked condition, ready to test against a game state."""

    source: str
    node: Node
    fn: Fn

    def __call__(self, ctx: Lookup) -> bool:
        return bool(self.fn(ctx))

    @property
    def names(self) -> set[str]:
        return names_used(self.node)


def compile_condition(src: str, names: Names) -> Condition:
    done = names.compiled.get(src)
    if done is not None:
        return done
    node = parse(src)
    t = check(node, names)
    if t != BOOL:
        raise ConditionError(f"a condition must be true or false, but this is a {t}", 0, "C003")
    names.compiled[src] = cond = Condition(src, node, compile_node(node))
    return cond
