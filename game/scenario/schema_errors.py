"""Pydantic's validation errors, told as an author who writes TOML reads them.

TOML has types, and the models are strict: ``first_turn = "6"`` is a string where a whole
number belongs, so it is an error, never a silent conversion. Each message says what was
expected, what was found (as the author wrote it), and, when the fix is mechanical, the line
to write instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

#: pydantic error type -> what the key expects, in the author's words
EXPECTED = {
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "string_type": "a string in quotes",
    "list_type": "a list in brackets, [...]",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
}

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


@dataclass(frozen=True)
class Problem:
    """One schema problem: where (a path into the data), which code, and the message."""

    loc: tuple
    code: str
    message: str


def toml_text(value: Any) -> str:
    """A value as it would be written in TOML (for 'not X' and 'write X' hints)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def _found(value: Any) -> str:
    """'the string "6"', 'the number 1.5', 'a date (1979-05-27)'."""
    if isinstance(value, bool):
        return toml_text(value)
    if isinstance(value, str):
        return f"the string {toml_text(value)}"
    if isinstance(value, (int, float)):
        return f"the number {toml_text(value)}"
    if isinstance(value, dt.datetime):
        return f"a date and time ({value.isoformat()})"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, dt.time):
        return f"a time ({value.isoformat()})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return repr(value)


def _key(loc: tuple) -> str | None:
    return loc[-1] if loc and isinstance(loc[-1], str) else None


def _write(loc: tuple, text: str) -> str:
    key = _key(loc)
    return f": write {_bare(key)} = {text}" if key else f": write {text}"


def _bare(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key)


def _fix_for(kind: str, value: Any) -> str | None:
    """The value the author meant, when it is plain from what they wrote."""
    if isinstance(value, str):
        text = value.strip()
        if kind in ("int_type", "int_from_float") and re.fullmatch(r"[+-]?\d+", text):
            return str(int(text))
        if kind == "float_type" and re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
            return text
        if kind == "bool_type" and text.lower() in ("true", "false", "yes", "no"):
            return "true" if text.lower() in ("true", "yes") else "false"
        if kind == "list_type":
            return f"[{toml_text(value)}]"
    if kind == "string_type" and isinstance(value, (int, float, bool, dt.date, dt.time)):
        return json.dumps(toml_text(value))
    if kind in ("int_type", "int_from_float") and isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None


def type_message(kind: str, loc: tuple, value: Any) -> str:
    expected = EXPECTED[kind]
    message = f"expected {expected}, not {_found(value)}"
    fix = _fix_for(kind, value)
    if fix is not None:
        how = ", without quotes" if isinstance(value, str) and kind != "list_type" else ""
        message += _write(loc, fix) + how
    elif kind in ("model_type", "dict_type") and _key(loc):
        message += f": write [{_key(loc)}] on a line of its own, with its keys below it"
    return message


def _literal_choices(ctx: dict | None, msg: str) -> list[str]:
    expected = (ctx or {}).get("expected", "") or msg
    return re.findall(r"'([^']*)'", expected)


def explain(err: Mapping[str, Any]) -> Problem:
    """One pydantic error (``ValidationError.errors()`` item) as a Problem."""
    loc = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        return Problem(loc, "E002", f"unknown key '{loc[-1]}'")
    if kind == "missing":
        return Problem(loc[:-1], "E003", f"missing required key '{loc[-1]}'")
    if kind in EXPECTED:
        return Problem(loc, "E004", type_message(kind, loc, value))
    if kind == "literal_error":
        options = _literal_choices(ctx, err.get("msg", ""))
        listed = ", ".join(f'"{o}"' for o in options)
        close = difflib.get_close_matches(str(value).lower(), options, n=1, cutoff=0.5) if isinstance(value, str) else []
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        return Problem(loc, "E004", f"expected one of {listed}, not {toml_text(value)}{hint}")
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        words = {"greater_than": "greater than", "greater_than_equal": "at least",
                 "less_than": "less than", "less_than_equal": "at most"}[kind]
        bound = next(iter(ctx.values()), "?")
        if isinstance(bound, float) and bound.is_integer():
            bound = int(bound)
        return Problem(loc, "E004", f"must be {words} {bound}, not {toml_text(value)}")
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == ID_PATTERN:
            suggestion = re.sub(r"[^a-z0-9_]+", "_", str(value).lower()).strip("_")
            if suggestion and not suggestion[0].isalpha():
                suggestion = ""
            hint = f" (try \"{suggestion}\")" if suggestion and suggestion != value else ""
            return Problem(loc, "E004", f"an id is lowercase letters, digits and _, starting with a letter; "
                                        f"not {toml_text(value)}{hint}")
        return Problem(loc, "E004", f"{toml_text(value)} does not match the pattern {ctx.get('pattern')}")
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        if loc and loc[-1] == "choice":
            return Problem(loc, "E004", "an event needs at least one [[event.choice]] below it")
        return Problem(loc, "E004", f"needs at least {n} item{'s' if n != 1 else ''}")
    return Problem(loc, "E004", f"{err.get('msg', 'invalid value')} (got {toml_text(value)})")


def _data_at(data: Any, loc: Iterable) -> tuple[int, Any]:
    """How many parts of ``loc`` lead to real data, and the value there."""
    n = 0
    here = data
    for part in loc:
        if isinstance(here, dict) and isinstance(part, str) and part in here:
            here = here[part]
        elif isinstance(here, list) and isinstance(part, int) and 0 <= part < len(here):
            here = here[part]
        else:
            break
        n += 1
    return n, here


_UNION_WORDS = {"bool": "true or false", "str": "a string in quotes", "int": "a whole number",
                "float": "a number", "list": "a list"}


def explain_all(errors: Sequence[Mapping[str, Any]], data: Any) -> list[Problem]:
    """Every error, with the alternatives of a union (``appeal = true`` or a behaviour id)
    told once, as one problem, instead of once per alternative."""
    out: list[Problem] = []
    unions: dict[tuple, list[str]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        depth, value = _data_at(data, loc)
        extra = loc[depth:]
        # A union's errors carry the alternative's name after the real path ('bool', 'str').
        if err["type"] not in ("extra_forbidden", "missing") and extra and all(isinstance(p, str) for p in extra):
            real = loc[:depth]
            if real not in unions:
                unions[real] = []
                out.append(Problem(real, "E004", ""))  # placeholder, keeps the order
            tag = extra[0].split("[")[0]
            unions[real].append(_UNION_WORDS.get(tag, tag))
            continue
        out.append(explain(err))
    final = []
    for p in out:
        if p.message == "" and p.loc in unions:
            _, value = _data_at(data, p.loc)
            words = list(dict.fromkeys(unions[p.loc]))
            expected = ", or ".join(words)
            final.append(Problem(p.loc, "E004", f"expected {expected}, not {_found(value)}"))
        else:
            final.append(p)
    return final
