"""TOML syntax errors told as an author thinks of them.

tomli reports where parsing stopped and why, in the parser's terms: ``Illegal character
'\\n'`` is what a string left open at the end of its line looks like from inside the parser.
This module keeps tomli's line and column and says what the author did: "unterminated
string: it starts at 14:8". It reads only the text up to the error, which tomli has already
found well formed, so a small scan of quotes and comments is enough to find where a string
began.
"""

from __future__ import annotations

import re

import tomli

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'))*)\s*=""")


def position(exc: tomli.TOMLDecodeError, text: str) -> tuple[int, int, int]:
    """(offset, line, col) of the error, 1-based line and column, from any tomli 2.x."""
    pos = getattr(exc, "pos", None)
    line = getattr(exc, "lineno", None)
    col = getattr(exc, "colno", None)
    if line is None or col is None:
        m = _AT.search(str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
    if not isinstance(pos, int):
        starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        pos = (starts[line - 1] if 0 < line <= len(starts) else len(text)) + col - 1
    return min(max(pos, 0), len(text)), line, col


def raw_message(exc: tomli.TOMLDecodeError) -> str:
    msg = getattr(exc, "msg", None)
    return msg if isinstance(msg, str) else _AT.sub("", str(exc)).strip()


def line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


def open_string(text: str, pos: int) -> tuple[int, str] | None:
    """Where the string that is still open at ``pos`` starts, and its quote, or None."""
    i = 0
    n = min(pos, len(text))
    while i < n:
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
            continue
        for quote in ('"""', "'''", '"', "'"):
            if text.startswith(quote, i):
                closed = _string_end(text, i, quote)
                if closed is None or closed > pos:
                    return i, quote
                i = closed
                break
        else:
            i += 1
    return None


def _string_end(text: str, start: int, quote: str) -> int | None:
    """The offset just after the string that opens at ``start``, or None if it never closes
    (a one-line string closes at the end of its line at the latest: it is then unterminated)."""
    i = start + len(quote)
    basic = quote[0] == '"'
    while i < len(text):
        if basic and text[i] == "\\":
            i += 2
            continue
        if len(quote) == 1 and text[i] == "\n":
            return None
        if text.startswith(quote, i):
            end = i + len(quote)
            while len(quote) == 3 and end < len(text) and text[end] == quote[0] and end - i < 5:
                end += 1  # up to two quotes more belong to the string
            return end
        i += 1
    return None


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:] if end < 0 else text[start:end]


def _key_of(line: str) -> str | None:
    m = _KEY.match(line)
    return m.group(1).strip() if m else None


def _where(text: str, start: int) -> str:
    line, col = line_col(text, start)
    return f"{line}:{col}"


def explain(exc: tomli.TOMLDecodeError, text: str) -> tuple[int, int, str]:
    """(line, col, message) for a TOML syntax error, in the author's terms."""
    pos, line, col = position(exc, text)
    msg = raw_message(exc)
    opened = open_string(text, pos)
    if opened is not None and len(opened[1]) == 1 and "\n" in text[opened[0]:pos]:
        # A one-line 'literal string' left open: tomli looks for its quote up to the end of
        # the file; the author's mistake is at the end of the string's own line.
        end = text.index("\n", opened[0])
        line, col = line_col(text, end)
        pos = end
    if msg == "Unescaped '\\' in a string" and "\\" in text[:pos]:
        pos = text.rindex("\\", 0, pos)  # tomli stops after the escape: point at its backslash
        line, col = line_col(text, pos)
    return line, col, _explain(msg, text, pos) or (msg[:1].lower() + msg[1:])


def _explain(msg: str, text: str, pos: int) -> str | None:
    here = text[pos] if pos < len(text) else ""
    rest = text[pos:].split("\n", 1)[0]
    line = _line_at(text, pos)
    opened = open_string(text, pos)

    if msg == "Unterminated string" or msg.startswith('Expected "\'') \
            or (msg.startswith(("Illegal character", "Found invalid character")) and here in ("\n", "\r")):
        if opened is None:
            return None
        start, quote = opened
        if len(quote) == 3:
            return (f"unterminated multi-line string: it starts at {_where(text, start)}; "
                    f"close it with {quote}")
        if "\n" not in text[start:]:
            return f"unterminated string: it starts at {_where(text, start)} and runs to the end of the file"
        return (f"unterminated string: it starts at {_where(text, start)} and the line ends before its "
                f"closing {quote}; for text over several lines use {quote * 3} ... {quote * 3}")
    if msg.startswith(("Illegal character", "Found invalid character")):
        code = f"U+{ord(here):04X}" if here else "a control character"
        place = "a string" if opened else "a comment"
        return f"a control character ({code}) cannot be written in {place}; delete it (it is often invisible)"
    if msg == "Invalid value":
        return _invalid_value(text, pos, rest, line)
    if msg == "Expected newline or end of document after a statement":
        before = text[:pos].rstrip(" \t")
        if before.endswith(('"', "'")) and rest[:1] not in ("#",):
            return (f"the value ends at its closing quote but the line goes on ({rest.strip()[:20]!r}): "
                    "a \" inside a \"string\" is written \\\", or quote the text with ' ... '")
        return (f"only one key = value per line: {rest.strip()[:30]!r} follows the value "
                "(a comment starts with #)")
    if msg == "Invalid statement":
        if rest.lstrip()[:1] in "“”‘’":
            return "curly quotes are not TOML quotes: use straight \" or '"
        if rest.lstrip()[:1] in ('"', "'"):
            return ("a line that starts with a quote: keys come before '='; text over several lines "
                    "needs \"\"\" around it")
        return "this line is not a key = value pair, a [table] header or a # comment"
    if msg == "Expected '=' after a key in a key/value pair":
        key = line[: pos - (text.rfind("\n", 0, pos) + 1)].strip()
        if key[:1] in ('"', "'"):
            return (f"a line that starts with a quote is read as a key, {key}, and a key needs '=' "
                    "after it; text over several lines needs \"\"\" around it")
        if re.match(r"\s*[A-Za-z0-9_]", rest):
            return (f"expected '=' after the key '{key}'; a key with spaces must be in quotes "
                    f"(\"{key} {rest.strip().split()[0]}\" = ...)")
        return f"expected '=' after the key '{key}' (a key and its value are written key = value)"
    if msg == "Invalid initial character for a key part":
        if here in "“”‘’":
            return "curly quotes are not TOML quotes: use straight \" or '"
        return "a key must start with a letter, digit, _ or -, or be in quotes"
    if msg == "Unclosed array":
        return "unclosed list: a ',' between items or the closing ']' is missing"
    if msg == "Unclosed inline table":
        return "unclosed inline table: a ',' between its pairs or the closing '}' is missing"
    if msg == "Unescaped '\\' in a string":
        return ("a backslash in a \"string\" starts an escape (\\n, \\\", \\\\): write \\\\ for a "
                "backslash itself, or use a 'literal string'")
    if msg.startswith("Cannot declare"):
        name = re.findall(r"'([^']*)'", msg)
        table = ".".join(name) if name else "this table"
        return (f"[{table}] is declared twice in this file: write each table once "
                f"(a list of tables is written [[{table}]])")
    if msg == "Cannot overwrite a value":
        twice = _key_of(line)
        return f"the key '{twice}' is set twice in the same table" if twice else "a value is set twice"
    if msg.startswith("Duplicate inline table key"):
        name = re.findall(r"'([^']*)'", msg)
        return f"the key '{name[0] if name else '?'}' appears twice in this {{ ... }} table"
    if msg.startswith(("Cannot mutate immutable namespace", "Cannot redefine namespace")):
        return ("this table was already written whole (as { ... } or under its own [header]); "
                "it cannot be added to here")
    if msg.startswith("Expected ']' at the end of a table"):
        return "a table header is written [name] on one line"
    if msg.startswith("Expected ']]' at the end of an array"):
        return "an array-of-tables header is written [[name]] on one line"
    if msg in ("Invalid hex value", "Escaped character is not a Unicode scalar value"):
        return "a \\u escape needs four hex digits (\\U eight) naming a real character"
    if msg == "Invalid date or datetime":
        return "not a valid date or time (TOML dates are written 1979-05-27)"
    return None


def _invalid_value(text: str, pos: int, rest: str, line: str) -> str:
    key = _key_of(line)
    word = rest.strip()
    after_eq = key is not None and text[:pos].rstrip(" \t").endswith("=")
    if not word or word.startswith("#"):
        return "missing value after '='" if after_eq else "missing value"
    if word[:1] in "“”‘’":
        return "curly quotes are not TOML quotes: use straight \" or '"
    if word[:1] == ",":
        return "missing value before ',' in the list"
    m = re.match(r"[A-Za-z_][A-Za-z0-9_\-]*", word)
    if m and m.group(0).lower() in ("true", "false"):
        return f"true and false are written in lowercase: {m.group(0).lower()}"
    if m:
        bare = word.split("#", 1)[0].strip().rstrip(",]}").strip()
        where = f"{key} = " if after_eq else ""
        return f"text must be in quotes: write {where}\"{bare}\""
    return ("not a TOML value: a value is a \"string\", a number, true or false, a [list] or "
            "an { inline = table }")
