"""Where each key of a TOML file sits, so validation errors can name a line and column.

tomli gives positions only for syntax errors. This scanner walks the source once and records,
for every key path it can see (tables, arrays of tables, keys, inline-table keys and array
items), the 1-based line and column where it starts. It is only ever used on files tomli has
already parsed, so it may assume the syntax is valid.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"""^(\s*)((?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_\-]+|"[^"]*"|'[^']*'))*)\s*=\s*""")
_INLINE_KEY = re.compile(r"""([{,]\s*)([A-Za-z0-9_\-]+|"[^"]*")\s*=""")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|-?\d[\d_.eE+-]*|true|false')


def _split_key(key: str) -> list[str]:
    parts = re.findall(r'"[^"]*"|\'[^\']*\'|[^.\s]+', key)
    return [p[1:-1] if p[:1] in "\"'" else p for p in parts]


class Locator:
    """Maps key paths such as ``("event", 2, "choice", 0, "text")`` to (line, col).

    The file is scanned the first time a position is asked for: a file with nothing to
    report (the usual case) is never scanned, which halves what loading a large one costs."""

    def __init__(self, source: str) -> None:
        self._source: str | None = source
        self._positions: dict[Path, tuple[int, int]] = {}

    @property
    def positions(self) -> dict[Path, tuple[int, int]]:
        if self._source is not None:
            source, self._source = self._source, None
            self._scan(source)
        return self._positions

    def find(self, path: Path) -> tuple[int, int]:
        """Position of the path, or of its nearest ancestor that is written in the file."""
        p = tuple(path)
        positions = self.positions
        while p:
            if p in positions:
                return positions[p]
            p = p[:-1]
        return (1, 1)

    def _scan(self, source: str) -> None:
        arrays: dict[Path, int] = {}  # resolved array-of-tables path -> last index
        current: Path = ()
        lines = source.splitlines()
        i = 0
        while i < len(lines):
            line = lines[i]
            lineno = i + 1
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                i += 1
                continue
            m = _HEADER.match(line)
            if m and not _KEY.match(line):
                is_array = m.group(1) == "[["
                parts = _split_key(m.group(2))
                resolved: list[str | int] = []
                for part in parts[:-1]:
                    resolved.append(part)
                    if tuple(resolved) in arrays:
                        resolved.append(arrays[tuple(resolved)])
                resolved.append(parts[-1])
                col = line.index(m.group(1)) + 1
                if is_array:
                    key = tuple(resolved)
                    arrays[key] = arrays.get(key, -1) + 1
                    # A new parent element resets its children's counters.
                    for other in list(arrays):
                        if len(other) > len(key) and other[: len(key)] == key:
                            del arrays[other]
                    self._positions.setdefault(key, (lineno, col))
                    resolved.append(arrays[key])
                current = tuple(resolved)
                self._positions.setdefault(current, (lineno, col))
                i += 1
                continue
            km = _KEY.match(line)
            if not km:
                i += 1
                continue
            keypath = current + tuple(_split_key(km.group(2)))
            self._positions.setdefault(keypath, (lineno, len(km.group(1)) + 1))
            value_start = km.end()
            rest = line[value_start:]
            if rest.startswith(('"""', "'''")):
                quote = rest[:3]
                if rest.count(quote) < 2:
                    i += 1
                    while i < len(lines) and quote not in lines[i]:
                        i += 1
                i += 1
                continue
            if rest.startswith("{"):
                for im in _INLINE_KEY.finditer(line, value_start):
                    name = im.group(2).strip("\"'")
                    self._positions.setdefault(keypath + (name,), (lineno, im.start(2) + 1))
            elif rest.startswith("["):
                index = 0
                depth = 0
                j = i
                pos = value_start
                while j < len(lines):
                    text = lines[j]
                    k = pos
                    while k < len(text):
                        ch = text[k]
                        if ch == "#" and depth >= 1:
                            break
                        if ch == "[":
                            depth += 1
                        elif ch == "]":
                            depth -= 1
                            if depth == 0:
                                break
                        elif depth == 1 and ch not in " ,\t":
                            sm = _STRING.match(text, k)
                            if sm:
                                self._positions.setdefault(keypath + (index,), (j + 1, k + 1))
                                index += 1
                                k = sm.end()
                                continue
                        k += 1
                    if depth <= 0:
                        break
                    j += 1
                    pos = 0
                i = j
            i += 1
