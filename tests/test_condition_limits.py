"""Issue 15: no condition can exhaust the parser, the checker or the game: length, nesting,
chained operators and number size are limited, each a ConditionError (E055 in check)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.conditions import (MAX_DIGITS, MAX_LENGTH, MAX_NESTING, MAX_TREE_DEPTH, NUM, ConditionError,
                                      Names, compile_condition, parse)

NAMES = Names({"money": NUM, "score": NUM, "flags.a": "bool", "tier": "str", "contacts": "set"},
              {"contacts": frozenset({"ana"})})


@pytest.mark.parametrize("src", [
    "(" * 2000 + "true" + ")" * 2000,
    " and ".join(["true"] * 5000),
    "money > " + "9" * 5000,
    "not " * 3000 + "true",
    "money > " + "-" * 3000 + "1",
    "[" * 900 + "1" + "]" * 900,
])
def test_the_audit_s_conditions_are_refused_with_c005(src):
    with pytest.raises(ConditionError) as got:
        compile_condition(src, NAMES)
    assert got.value.code == "C005"


def test_each_limit_on_its_own():
    ok_nest = "(" * MAX_NESTING + "money > 0" + ")" * MAX_NESTING
    assert compile_condition(ok_nest, NAMES)
    with pytest.raises(ConditionError, match="nested more than"):
        parse("(" + ok_nest + ")")
    chain = " and ".join(["flags.a"] * (MAX_TREE_DEPTH - 1))
    assert len(chain) < MAX_LENGTH and compile_condition(chain, NAMES)
    with pytest.raises(ConditionError, match="chained or nested"):
        parse(chain + " and flags.a and flags.a")
    assert compile_condition("money > " + "9" * MAX_DIGITS, NAMES)
    with pytest.raises(ConditionError, match="digits"):
        parse("money > " + "9" * (MAX_DIGITS + 1))
    with pytest.raises(ConditionError, match="characters long") as got:
        parse("money > 0" + " " * MAX_LENGTH)
    assert got.value.offset == MAX_LENGTH


def test_a_condition_at_the_limits_still_evaluates_in_a_deep_stack():
    """The game evaluates conditions deep inside Textual's call stack: the limits leave room."""
    import sys

    cond = compile_condition(" and ".join(["money > 0"] * (MAX_TREE_DEPTH - 1)), NAMES)

    class Ctx:
        def lookup(self, name):
            return 5

    def deep(n):
        return deep(n - 1) if n else cond(Ctx())

    assert deep(sys.getrecursionlimit() - 400)


ATOMS = st.sampled_from(["money", "score", "1", "22", "'x'", "true", "flags.a", "tier", "contacts", "'ana'",
                         "9" * 20, "[1, 2]", "[]"])
OPS = st.sampled_from([" and ", " or ", " + ", " - ", " * ", " / ", " % ", " < ", " == ", " != ", " in ",
                       " not in ", " >= "])


@st.composite
def expressions(draw, depth=0):
    if depth > 4 or draw(st.integers(0, 3)) == 0:
        return draw(ATOMS)
    form = draw(st.sampled_from(["bin", "paren", "not", "neg", "deep", "chain"]))
    if form == "bin":
        return draw(expressions(depth=depth + 1)) + draw(OPS) + draw(expressions(depth=depth + 1))
    if form == "paren":
        return "(" + draw(expressions(depth=depth + 1)) + ")"
    if form == "not":
        return "not " + draw(expressions(depth=depth + 1))
    if form == "neg":
        return "-" + draw(expressions(depth=depth + 1))
    n = draw(st.integers(20, 400))
    if form == "deep":
        return "(" * n + draw(expressions(depth=depth + 1)) + ")" * n
    return draw(OPS).join([draw(ATOMS)] * n)


@settings(max_examples=400, deadline=None)
@given(st.one_of(expressions(), st.text(max_size=200)))
def test_parsing_and_checking_anything_raises_only_condition_errors(src):
    try:
        cond = compile_condition(src, NAMES)
    except ConditionError as exc:
        assert exc.code in ("C001", "C002", "C003", "C004", "C005")
        assert 0 <= exc.offset <= max(len(src), MAX_LENGTH)
        return

    class Ctx:
        def lookup(self, name):
            return {"money": 3, "score": 900, "flags.a": True, "tier": "A", "contacts": {"ana"}}[name]

    cond(Ctx())  # and a checked condition evaluates
