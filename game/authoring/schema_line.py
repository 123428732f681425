"""W111: does a file's ``#:schema`` line lead to the JSON Schema of its own kind?

Editors (taplo, tombi) read ``#:schema PATH`` from a file's first lines and resolve a relative
path from the file's own folder, so a path one ``..`` short, or a file moved to another
folder, silently turns the editor's checking off. ``citizen check`` resolves the line the same
way and looks at what it finds: a schema is recognised by its title, not by where it lives,
so copies written with ``citizen schema --output DIR`` count as much as the game's own.
A file with no ``#:schema`` line is left alone (a ``.taplo.toml`` may map it instead).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from ..scenario.diagnostics import Diagnostic
from ..scenario.safe_files import Refused, read_text
from . import schema

DIRECTIVE = re.compile(r"^\s*#:schema\s+(\S+)")


def directive(text: str) -> tuple[int, int, str] | None:
    """(line, col, target) of the ``#:schema`` line in the file's leading comments."""
    for n, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            return None
        m = DIRECTIVE.match(line)
        if m:
            return n, m.start(1) + 1, m.group(1)
    return None


def check(path: Path, kind: str) -> list[Diagnostic]:
    """A W111 warning if ``path``'s ``#:schema`` line does not lead to the ``kind`` schema."""
    try:
        text = read_text(path)  # the safe reader: a FIFO or a device is never opened for reading
    except (Refused, OSError, UnicodeDecodeError):
        return []
    found = directive(text)
    if found is None or kind not in schema.KINDS:
        return []
    line, col, target = found
    problem = _problem(path, kind, target)
    if problem is None:
        return []
    return [Diagnostic(str(path), line, col, "W111", "#:schema", problem)]


def _problem(path: Path, kind: str, target: str) -> str | None:
    name, title = schema.KINDS[kind][1], schema.KINDS[kind][2]
    url = urlparse(target)
    if url.scheme in ("http", "https"):
        # Not fetched: a published copy is recognised by its file name.
        got = Path(url.path).name
        if got == name:
            return None
        return f"'{target}' is not a {kind} schema (expected a URL ending in {name})"
    where = Path(unquote(url.path)) if url.scheme == "file" else Path(target)
    resolved = where if where.is_absolute() else path.parent / where
    if not resolved.is_file():
        return (f"'{target}' does not exist from this file's folder, so editors check nothing; "
                f"{_suggestion(path, name)}")
    try:
        data = json.loads(read_text(resolved))
    except (Refused, OSError, UnicodeDecodeError, ValueError):
        return f"'{target}' is not a JSON Schema (it cannot be read as JSON)"
    got_title = data.get("title") if isinstance(data, dict) else None
    if got_title == title:
        return None
    other = next((k for k, (_, _, t) in schema.KINDS.items() if t == got_title), None)
    if other is not None:
        return f"'{target}' is the {other} schema, but this is a {kind} file; {_suggestion(path, name)}"
    return f"'{target}' is not this game's {kind} schema (its title is {got_title!r}, not {title!r})"


def _suggestion(path: Path, name: str) -> str:
    """The line to write: the nearest schemas folder above the file that holds the right
    schema (an author's own copy), else the game's own."""
    folder = path.resolve().parent
    for parent in [folder, *folder.parents]:
        cand = parent / "schemas" / name
        if cand.is_file():
            return f"write #:schema {_relative(cand, folder)}"
    own = schema.schemas_dir() / name
    if own.is_file():
        return (f"write #:schema {_relative(own, folder)}, or keep copies beside your files with "
                "`citizen schema --output DIR`")
    return "write copies of the schemas with `citizen schema --output DIR` and point at them"


def _relative(target: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(target.resolve(), folder)).as_posix()
    except ValueError:  # another drive on Windows
        return target.resolve().as_uri()
