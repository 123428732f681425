"""The engine records facts and writes no sentence a player reads: every word of a notice, a
lock, the Guide's line or the pass is composed by the words package (game/report/notices.py).

The check reads the engine's source: any string literal (an f-string counts with its fixed
parts) that holds a phrase, two words side by side with a space between (a placeholder counts
as a word), is English. Docstrings are for developers, and so are the messages of exceptions
and assertions (an ``IllegalDecision`` names ids for whoever called the engine wrongly).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import game.engine

ENGINE = Path(game.engine.__file__).parent

_WORD = r"(?:[A-Za-z]+|\{\})"  # a word, or a placeholder standing for one
_MARK = r"[.,:;!?()\"'“”‘’—-]*"  # punctuation around the space
#: two words side by side, one of them at least two letters: "Recorded: {}", "a restriction",
#: "until {}"
PHRASE = re.compile(rf"[A-Za-z]{{2,}}{_MARK}\s+{_MARK}{_WORD}|{_WORD}{_MARK}\s+{_MARK}[A-Za-z]{{2,}}")


def _literal(node: ast.AST) -> str | None:
    """A string literal's fixed text, placeholders as "{}" (None: not a string literal)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _exempt(tree: ast.AST) -> set[int]:
    """ids of nodes that may hold English: docstrings, and everything under a ``raise`` or an
    ``assert`` (messages for developers)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and _literal(body[0].value) is not None:
                out.add(id(body[0].value))
        if isinstance(node, (ast.Raise, ast.Assert)):
            out.update(id(n) for n in ast.walk(node))
    return out


def english_in(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal in ``source`` that reads as a phrase."""
    tree = ast.parse(source)
    exempt = _exempt(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if isinstance(node, ast.Constant) and any(node is v for j in ast.walk(tree) if isinstance(j, ast.JoinedStr)
                                                  for v in j.values):
            continue  # a piece of an f-string: judged with the whole
        text = _literal(node)
        if text is not None and PHRASE.search(text):
            found.append((node.lineno, node.col_offset, text))
    return [(line, text) for line, _, text in sorted(found)]


def test_the_check_finds_english_and_spares_docstrings_and_exception_messages():
    source = '''
"""A module docstring, in plain English."""
def f(unit, desc, points):
    """What it does, in words."""
    a = Notice("record", f"Recorded: {desc}. {points:+d}.")
    b = f"Let the {unit} go by"
    c = "Reference withheld"
    d = f"until {unit}"
    e = "a restriction" if d else b
    if points is None:
        raise IllegalDecision(f"no choice '{desc}' in this event now")
    assert points, "points must be given here"
    return f"observe:{desc}:{unit}", "value:late_payment", " ".join([desc]), f"{a} {b}", "turn_start"
'''
    found = [text for _, text in english_in(source)]
    assert found == ["Recorded: {}. {}.", "Let the {} go by", "Reference withheld", "until {}", "a restriction"]


def test_no_english_in_the_engine():
    found = [f"{path.name}:{line}: {text!r}" for path in sorted(ENGINE.glob("*.py"))
             for line, text in english_in(path.read_text(encoding="utf-8"))]
    assert not found, "English in the engine (compose it in game/report/notices.py):\n" + "\n".join(found)
