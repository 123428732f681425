"""A hostile-content fixture: the mini content with every text a player can read replaced by
markup, terminal escapes (ANSI, OSC titles and hyperlinks, 8-bit CSI), control characters,
bidirectional overrides, HTML, Markdown links, and one text near the length limit.

Built into a folder (a content root: scenario, two rulebooks, catalogue) by :func:`build`, so
the strings are written once, here, and every test of issue 15 plays the same file.
"""

from __future__ import annotations

import re
from pathlib import Path

MINI = Path(__file__).parent / "fixtures" / "mini"

ANSI = "\x1b[2J\x1b[H\x1b[31mred\x1b[0m"
OSC = "\x1b]0;PWNED\x07\x1b]8;;file:///etc/passwd\x1b\\click me\x1b]8;;\x1b\\\x1b]52;c;ZXZpbA==\x07"
C1 = "\x9b31m\x9d0;title\x9c"
CONTROL = "bell\x07 back\x08 nul\x00 del\x7f"
BIDI = "\u202eevil\u202c \u2066iso\u2069"
MARKUP = "[link=file:///etc/passwd]passwd[/link] [@click=app.quit]quit[/] [/] [bold]b[/bold] [red"
HTML = "<script>alert(1)</script><img src=x onerror=alert(2)>&amp;"
MARKDOWN = "[md](http://evil.example) ![img](http://evil.example/x.png) | cell | **b**"

#: Everything at once: what each hostile text field holds (after its own short label).
HOSTILE = f"{ANSI} {OSC} {C1} {CONTROL} {BIDI} {MARKUP} {HTML} {MARKDOWN}"
#: A text near the length limit (docs/SECURITY.md: 20,000 characters).
HUGE = ("A long week. " * 1400)[:18_000] + HOSTILE

PLAYER = f"Mallory {OSC} {MARKUP} {BIDI}"


def toml_str(s: str) -> str:
    """``s`` as a TOML basic string (controls escaped as the format requires)."""
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _hostile(text: str, keys: tuple[str, ...], huge_key: str | None = None) -> str:
    """Every ``key = "..."`` line of ``keys`` gets the hostile string after its own words."""
    done = {"huge": False}

    def repl(m: re.Match) -> str:
        indent, key, value = m.group(1), m.group(2), m.group(3)
        if key == huge_key and not done["huge"]:
            done["huge"] = True
            return f"{indent}{key} = {toml_str(value + ' ' + HUGE)}"
        return f"{indent}{key} = {toml_str(value + ' ' + HOSTILE)}"

    pattern = re.compile(r'^(\s*)(' + "|".join(keys) + r') = "([^"]*)"\s*$', re.MULTILINE)
    return pattern.sub(repl, text)


def build(root: Path) -> Path:
    """Write the hostile content root into ``root``; returns it. Scenario ``hostile``,
    rulebooks ``hostile_city`` and ``hostile_town``, a hostile catalogue."""
    root = Path(root)
    (root / "hostile").mkdir(parents=True, exist_ok=True)
    (root / "rulebooks").mkdir(exist_ok=True)
    cat = (MINI / "catalogue.toml").read_text()
    (root / "catalogue.toml").write_text(_hostile(cat, ("description", "name", "institution")))
    sc = (MINI / "mini.toml").read_text().replace('id = "mini"', 'id = "hostile"', 1)
    sc = _hostile(sc, ("title", "summary", "text", "name", "relation", "outcome", "locked_reason"), huge_key="text")
    (root / "hostile" / "scenario.toml").write_text(sc)
    rb = (MINI / "rulebooks" / "strict.toml").read_text()
    for rid in ("hostile_city", "hostile_town"):
        text = rb.replace('id = "strict"', f'id = "{rid}"', 1)
        text = _hostile(text, ("title", "city", "label", "name", "article", "reason", "institution", "summary",
                               "announcer"))
        if rid == "hostile_town":  # another city's rules, so the Cities page compares two hostile rulebooks
            text = text.replace("points = -60", "points = -90")
        (root / "rulebooks" / f"{rid}.toml").write_text(text)
    return root


#: What must never come out of any output: an escape (ESC, 8-bit CSI/OSC/ST), a bell, a NUL.
FORBIDDEN = ("\x1b", "\x9b", "\x9d", "\x9c", "\x07", "\x00", "\x08")


def forbidden_in(text: str) -> list[str]:
    return [repr(c) for c in FORBIDDEN if c in text]
