"""Reading files nobody vouched for: bounded, regular files only, contained, BOM-tolerant.

Scenario, rulebook and catalogue files (TOML) and saves (JSON) are shared between people.
Everything that reads one goes through here, so one set of rules holds everywhere:

* only regular files are read: a FIFO, a device, a socket or a folder is refused without
  blocking (opened non-blocking, then checked);
* a file is at most a fixed size (:data:`MAX_CONTENT_BYTES`, :data:`MAX_SAVE_BYTES`);
* with ``inside=FOLDER``, a file (or a link) that resolves outside that folder is refused
  before it is opened, so a link in a scenario folder cannot make the game quote another file;
* a UTF-8 byte-order mark is skipped; other bytes must be UTF-8;
* TOML nesting is measured by a cheap scan *before* tomli parses (tomli recurses), and the
  parsed data is walked with an explicit stack: depth, id length and text length are limited,
  and every string is made display-safe (:mod:`game.scenario.safe_text`) before validation.

Every refusal is a :class:`Refused` with a diagnostic code and a sentence; nothing here lets an
``OSError``, ``RecursionError`` or ``UnicodeDecodeError`` escape. The limits are documented in
``docs/SECURITY.md``.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli

from .diagnostics import Diagnostic, format_path
from .safe_text import BIDI, CONTROL, ESCAPE, SUSPECT, clean_found

# --------------------------------------------------------------------------- the limits

#: A scenario, rulebook or catalogue file (a scenario folder may hold many).
MAX_CONTENT_BYTES = 16 * 1024 * 1024
#: A save file. A 1,000-turn run is about 250 kB.
MAX_SAVE_BYTES = 4 * 1024 * 1024
#: Nesting of tables, arrays and dotted keys in a TOML file (the formats need about 8).
MAX_DEPTH = 32
#: An id, or a key naming one (behaviours, resources, contexts...).
MAX_ID = 64
#: Any one string: a title, a text, a condition's source.
MAX_TEXT = 20_000

BOM = b"\xef\xbb\xbf"


class Refused(Exception):
    """A file that is not read. ``str()`` is the reason; ``code`` its diagnostic code;
    ``line`` and ``col`` where in the file, when known."""

    def __init__(self, reason: str, code: str = "E005", line: int = 1, col: int = 1) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        self.line = line
        self.col = col


# --------------------------------------------------------------------------- trusted folders

#: Folders the person at the keyboard named in this process (``citizen play PATH``,
#: ``--trust DIR``): a save's recorded content path is opened only inside the content folder,
#: the saves folder or one of these.
_TRUSTED: list[Path] = []


def trust(folder: Path | str) -> None:
    """Let saves open content recorded inside ``folder`` (a file or a folder the user named)."""
    p = Path(folder)
    if p not in _TRUSTED:
        _TRUSTED.append(p)


def trusted() -> list[Path]:
    return list(_TRUSTED)


# --------------------------------------------------------------------------- bytes


def is_within(path: Path | str, folder: Path | str) -> bool:
    """Whether ``path`` (resolved, links followed) lies inside ``folder`` (resolved)."""
    real = os.path.realpath(path)
    root = os.path.realpath(folder)
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _os_reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def check_inside(path: Path, inside: Path | None) -> None:
    """Refuse ``path`` if it resolves outside ``inside`` (a link leading out of the folder)."""
    if inside is None:
        return
    try:
        ok = is_within(path, inside)
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the path
        raise Refused(f"cannot be resolved ({exc})", "E050") from None
    if not ok:
        raise Refused(f"is a link to {os.path.realpath(path)}, outside {inside}; links are not followed out of it",
                      "E051")


def read_bytes(path: Path | str, limit: int, inside: Path | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. Raises :class:`Refused`."""
    path = Path(path)
    check_inside(path, inside)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise Refused("is a folder, not a file", "E050") from None
    except FileNotFoundError:
        raise Refused("no such file", "E005") from None
    except OSError as exc:
        raise Refused(f"cannot be opened ({_os_reason(exc)})", "E005") from None
    except ValueError as exc:  # a NUL byte in the name
        raise Refused(f"cannot be opened ({exc})", "E005") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Refused(f"is {_kind(st.st_mode)}, not a regular file; it is not read", "E050")
        if st.st_size > limit:
            raise Refused(f"is {st.st_size:,} bytes; the limit is {limit:,}", "E052")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise Refused(f"is more than {limit:,} bytes; the limit is {limit:,}", "E052")
        return b"".join(chunks)
    except OSError as exc:
        raise Refused(f"cannot be read ({_os_reason(exc)})", "E005") from None
    finally:
        os.close(fd)


def decode(raw: bytes) -> str:
    """UTF-8 text, a byte-order mark skipped. Raises :class:`Refused` naming the bad byte."""
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise Refused(f"byte {exc.start} is not UTF-8 text", "E005", line, col) from None


def read_text(path: Path | str, limit: int = MAX_CONTENT_BYTES, inside: Path | None = None) -> str:
    return decode(read_bytes(path, limit, inside))


# --------------------------------------------------------------------------- TOML nesting, before tomli

_SCAN = re.compile(r"\"\"\"|'''|[\"'#\[\]{}=,.\n]")
_QUOTED = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'")


def _string_end(text: str, start: int, quote: str) -> int:
    """Index just past the string opened at ``start`` (``quote`` is its delimiter)."""
    if quote == "'":
        nl = text.find("\n", start)
        end = text.find("'", start)
        return (end + 1) if end >= 0 and (nl < 0 or end < nl) else (nl if nl >= 0 else len(text))
    if quote == "'''":
        end = text.find("'''", start)
        return len(text) if end < 0 else end + 3
    i = start
    multi = quote == '"""'
    while True:
        end = text.find(quote, i)
        if not multi:
            nl = text.find("\n", i)
            if nl >= 0 and (end < 0 or nl < end):
                return nl
        if end < 0:
            return len(text)
        backslashes = 0
        j = end - 1
        while j >= start and text[j] == "\\":
            backslashes += 1
            j -= 1
        if backslashes % 2 == 0:
            return end + len(quote)
        i = end + 1


_NOT_BRACKETS = re.compile(r"[^()]+")
#: Every ASCII character but a bracket deleted, brackets written as parentheses.
_AS_PARENS = {i: ("(" if c in "[{" else ")" if c in "]}" else None) for i, c in enumerate(map(chr, range(128)))}


def _bracket_bound(text: str, limit: int = MAX_DEPTH) -> int:
    """An upper bound of the bracket nesting (brackets inside strings counted too): cheap.

    Keeps only the brackets, then strikes out innermost pairs, a layer a pass (``str.replace``
    in C, where a loop over each bracket in Python cost a 3 MB scenario 40 ms): the passes
    count the deepest nesting that closes, and what is left open adds at most its number.
    Stops counting past ``limit``."""
    parens = text.translate(_AS_PARENS)
    if not parens.isascii():
        parens = _NOT_BRACKETS.sub("", parens)  # what is left beside them is not ASCII
    passes = 0
    while "()" in parens and passes <= limit:
        parens = parens.replace("()", "")
        passes += 1
    return passes + parens.count("(")


def toml_depth(text: str, limit: int = MAX_DEPTH) -> tuple[int, int, int] | None:
    """Where a TOML text first nests deeper than ``limit`` as ``(depth, line, col)``, or None.

    Counts open arrays and inline tables, the parts of dotted keys and of table headers,
    skipping strings and comments. A linear, non-recursive scan: it may overcount a little on
    invalid TOML (which tomli then refuses anyway), never undercount brackets. Most files are
    let through by a cheaper bound first (brackets counted even inside strings); deep dotted
    keys alone cannot make tomli recurse and are caught after parsing."""
    if _bracket_bound(text, limit) + 2 <= limit:
        return None
    return _scan_depth(text, limit)


def _scan_depth(text: str, limit: int) -> tuple[int, int, int] | None:
    stack: list[int] = []  # for each open bracket: the parts of the key whose value it is
    brackets: list[str] = []
    header = 0  # parts of the current [table] header
    key = 1  # parts of the key being read
    at_key = True
    line_start = 0
    pos = 0
    n = len(text)

    def depth() -> int:
        return header + sum(stack) + len(stack) + (key if at_key else 0)

    def where(i: int) -> tuple[int, int, int]:
        return depth(), text.count("\n", 0, i) + 1, i - line_start + 1

    while pos < n:
        m = _SCAN.search(text, pos)
        if m is None:
            break
        tok, i = m.group(), m.start()
        pos = m.end()
        if tok in ('"', "'", '"""', "'''"):
            pos = _string_end(text, pos, tok)
            continue
        if tok == "#":
            nl = text.find("\n", pos)
            pos = n if nl < 0 else nl
            continue
        if tok == "\n":
            line_start = pos
            if not stack:
                at_key, key = True, 1
            continue
        if tok == "[" and not stack and at_key and not text[line_start:i].strip():
            end = text.find("\n", pos)
            end = n if end < 0 else end
            head = _QUOTED.sub("k", text[pos:end].split("#", 1)[0])
            close = head.find("]")
            head = head[:close] if close >= 0 else head
            header = head.count(".") + 1
            if header > limit:
                return header, text.count("\n", 0, i) + 1, i - line_start + 1
            pos = end
            continue
        if tok == ".":
            if at_key:
                key += 1
                if depth() > limit:
                    return where(i)
            continue
        if tok == "=":
            at_key = False
            continue
        if tok in "[{":
            stack.append(key)
            brackets.append(tok)
            at_key, key = (True, 1) if tok == "{" else (False, 0)
            if depth() > limit:
                return where(i)
            continue
        if tok in "]}":
            if stack:
                stack.pop()
                brackets.pop()
            at_key, key = False, 0
            continue
        if tok == ",":
            if brackets and brackets[-1] == "{":
                at_key, key = True, 1
            else:
                at_key, key = False, 0
            continue
    return None


# --------------------------------------------------------------------------- TOML files


@dataclass
class TomlFile:
    """A TOML file as read: its text, its data (None if it cannot be used), and what was found."""

    path: Path
    text: str = ""
    data: dict | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _locator: Any = None

    @property
    def locator(self):
        """Positions of key paths (built on first use; None when the file did not parse)."""
        if self._locator is None and self.data is not None:
            from .locate import Locator

            self._locator = Locator(self.text)
        return self._locator

    @property
    def problem(self) -> Diagnostic | None:
        """The first error, if the file cannot be used."""
        return next((d for d in self.diagnostics if d.severity == "error"), None)


def read_toml(path: Path | str, inside: Path | None = None) -> TomlFile:
    """Read, pre-scan, parse, limit and clean one TOML file. Never raises for a bad file."""
    path = Path(path)
    out = TomlFile(path)
    name = str(path)

    def diag(line: int, col: int, code: str, where: tuple, message: str) -> None:
        out.diagnostics.append(Diagnostic(name, line, col, code, format_path(where), message))

    try:
        out.text = read_text(path, MAX_CONTENT_BYTES, inside)
    except Refused as exc:
        diag(exc.line, exc.col, exc.code, (), exc.reason if exc.code != "E005" else f"cannot read the file: {exc.reason}")
        return out
    deep = toml_depth(out.text)
    if deep is not None:
        d, line, col = deep
        diag(line, col, "E053", (), f"nested more than {MAX_DEPTH} levels deep (tables, arrays and dotted keys "
                                    f"together); no scenario, rulebook or catalogue needs that")
        return out
    try:
        data = tomli.loads(out.text)
    except tomli.TOMLDecodeError as exc:
        from .syntax import explain  # tomli's message in an author's words, keeping line and column

        line, col, msg = explain(exc, out.text)
        diag(line, col, "E001", (), msg)
        return out
    except RecursionError:
        diag(1, 1, "E053", (), f"nested too deeply to read (the limit is {MAX_DEPTH} levels)")
        return out
    out.data = data
    findings: list[tuple[tuple, str, str]] = []
    # a string holds a character the game removes only if the text does, or an escape writes it
    too_deep = _walk(data, findings, SUSPECT.search(out.text) is not None or _WRITES_SUSPECT.search(out.text) is not None)
    if too_deep is not None:
        line, col = out.locator.find(too_deep) if out.locator else (1, 1)
        out.data = None
        diag(line, col, "E053", too_deep, f"nested more than {MAX_DEPTH} levels deep")
    for where, code, message in findings:
        line, col = out.locator.find(where) if out.locator else (1, 1)
        diag(line, col, code, where, message)
    return out


_W150 = ("W150", "control characters or terminal escape sequences in text; they were removed (the game never "
                 "prints them)")
_W151 = ("W151", "bidirectional override characters in text, which can make it read differently from what it is; "
                 "they were removed")


def _found(findings: list, where: tuple, kinds: set[str]) -> None:
    if ESCAPE in kinds or CONTROL in kinds:
        findings.append((where,) + _W150)
    if BIDI in kinds:
        findings.append((where,) + _W151)


#: TOML escapes that can write a control character (``\b``, ``\f``, ``\r``, ``\u...``,
#: ``\U...``; ``\e`` and ``\x..`` in TOML 1.1) into a string whose source shows none.
_WRITES_SUSPECT = re.compile(r"\\[bfreuUx]")


def _walk(data: Any, findings: list, scan: bool = True) -> tuple | None:
    """One pass over parsed TOML, with an explicit stack: every string cleaned (W150, W151),
    over-long keys, ids and texts cut and reported (E054). Returns the path of the first
    container deeper than :data:`MAX_DEPTH` (the pre-scan cannot see deep dotted keys).
    ``scan=False``: the source holds nothing to clean, so strings are only measured."""
    suspect = SUSPECT.search
    stack: list[tuple[Any, tuple]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return path
        if type(node) is dict:
            for k in list(node):
                if type(k) is not str or (len(k) <= MAX_ID and not (scan and suspect(k))):
                    continue
                k2, kinds = clean_found(k)
                if kinds:
                    _found(findings, path + (k2,), kinds)
                if len(k2) > MAX_ID:
                    findings.append((path + (k2[:MAX_ID],), "E054",
                                     f"a key of {len(k2):,} characters; keys name ids, at most {MAX_ID} characters"))
                    k2 = k2[:MAX_ID]
                if k2 != k:
                    node[k2] = node.pop(k)
            items: Any = node.items()
        elif type(node) is list:
            items = enumerate(node)
        else:
            continue
        changed = []
        for k, v in items:
            t = type(v)
            if t is str:
                if scan and suspect(v):
                    v, kinds = clean_found(v)
                    changed.append((k, v))
                    _found(findings, path + (k,), kinds)
                if len(v) > MAX_TEXT or (k == "id" and len(v) > MAX_ID):
                    limit = MAX_ID if k == "id" else MAX_TEXT
                    what = "an id" if limit == MAX_ID else "a text"
                    findings.append((path + (k,), "E054", f"{what} of {len(v):,} characters; the limit is {limit:,}"))
                    changed.append((k, v[:limit]))
            elif t is dict or t is list:
                stack.append((v, path + (k,)))
        for k, v in changed:
            node[k] = v
    return None
