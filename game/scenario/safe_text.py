"""Text from files made safe to show, once, where the file is read.

Scenarios, rulebooks, catalogues and saves come from anyone, and their strings end up in a
terminal, a report file or a web page. So every string is cleaned as the file is read, before
it is validated: terminal escape sequences (CSI, OSC, DCS and the rest, 7-bit and 8-bit) are
removed whole, other control characters become U+FFFD, bidirectional embeddings, overrides and
isolates (which can make text read differently from what it is) are removed, and lone
surrogates become U+FFFD. Newlines and tabs stay; a carriage return becomes a newline.

Markup is *not* touched: a bracket is data. Shells show content literally (``rich.text.Text``,
and one escaping function per export format), so ``[link=...]`` in a tier label is just text.
"""

from __future__ import annotations

import re
from typing import Any, Callable

#: Anything :func:`clean` might change. Searched first: most strings have none of these.
SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")

#: Whole escape sequences: CSI (ESC [ or 0x9b), OSC/DCS/SOS/PM/APC strings (up to BEL, ST or
#: the end of the text), and two-character ESC sequences.
_ESCAPES = re.compile(
    "(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]?"
    "|(?:\x1b[\\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\\\|\x9c)?"
    "|\x1b[ -/]*[0-~]?"
)
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029]")

#: What :func:`clean_found` reports: ``escape`` (a terminal escape sequence), ``control`` (another
#: control character) and ``bidi`` (a bidirectional override, embedding or isolate).
ESCAPE, CONTROL, BIDI = "escape", "control", "bidi"


def clean(text: str) -> str:
    """``text`` safe to print anywhere (see the module docstring)."""
    if not SUSPECT.search(text):
        return text
    return clean_found(text)[0]


def clean_found(text: str) -> tuple[str, set[str]]:
    """The cleaned text and what was removed or replaced (``escape``, ``control``, ``bidi``)."""
    if not SUSPECT.search(text):
        return text, set()
    found: set[str] = set()
    out = _LINE_BREAKS.sub("\n", text)
    if "\x1b" in out or _ESCAPES.search(out):
        out, n = _ESCAPES.subn("", out)
        if n:
            found.add(ESCAPE)
    out, n = _BIDI.subn("", out)
    if n:
        found.add(BIDI)
    out, n = _CONTROLS.subn("\ufffd", out)
    if n:
        found.add(CONTROL)
    return out, found


def has_unsafe(text: str) -> bool:
    return bool(SUSPECT.search(text))


def clean_tree(data: Any, on_found: Callable[[tuple, set[str]], None] | None = None,
               max_depth: int | None = None) -> Any:
    """Clean every string (dictionary keys included) in parsed data, in place where possible.

    Walks with an explicit stack, so no nesting can exhaust Python's. ``on_found(path, kinds)``
    is told where something was removed. Containers deeper than ``max_depth`` are left alone
    (the caller has refused the file already)."""
    root = [data]
    stack: list[tuple[Any, tuple, int]] = [(root, (), 0)]
    while stack:
        node, path, depth = stack.pop()
        if max_depth is not None and depth > max_depth:
            continue
        if isinstance(node, dict):
            if any(isinstance(k, str) and SUSPECT.search(k) for k in node):
                items = list(node.items())
                node.clear()
                for k, v in items:
                    if isinstance(k, str):
                        k2, kinds = clean_found(k)
                        if kinds and on_found:
                            on_found(path + (k2,), kinds)
                        k = k2
                    node[k] = v
            keys: Any = list(node.keys())
        elif isinstance(node, list):
            keys = range(len(node))
        else:
            continue
        for k in keys:
            v = node[k]
            sub = path + (k,) if node is not root else ()
            if isinstance(v, str):
                if SUSPECT.search(v):
                    v2, kinds = clean_found(v)
                    node[k] = v2
                    if on_found:
                        on_found(sub, kinds)
            elif isinstance(v, (dict, list)):
                stack.append((v, sub, depth + 1))
    return root[0]
