"""The small document model every player-facing text is composed into, and its phrasing.

A document is pages of blocks: paragraphs (each carrying the facts it states), headed
groups, bulleted items, tables and charts. The TUI draws it (``game.tui.render``), the
exports write it as txt, md, html and svg (:mod:`game.report.export`), and
``citizen report --format json`` prints it as data. Nothing below the TUI knows how it is
drawn; styles are names ("strong", "dim", "em", "warn", "strike"), never markup.

Every number a paragraph writes is one of its ``facts`` (a test holds this for every
page), so a sentence can be checked against the run it describes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Union

#: A style is a space-separated set of names: "strong", "dim", "em", "warn", "strike",
#: "reverse", "underline".
Style = str


@dataclass(frozen=True)
class Span:
    text: str
    style: Style = ""


@dataclass
class Para:
    """A paragraph: its words, and the facts they state (name -> value)."""

    spans: list[Span]
    facts: dict[str, Any] = field(default_factory=dict)
    role: str = ""  # what it is on its page, for a renderer's layout: "lead", "title", "figures", ...

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class Heading:
    text: str
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass
class Items:
    """A bulleted list; ``empty`` is said when there are none."""

    items: list[Para]
    empty: str = ""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    align: str = ""  # one letter per column: l or r
    facts: list[dict[str, Any]] = field(default_factory=list)  # one per row


@dataclass
class Rows:
    """Rows of cells, each a paragraph: short columns (a glyph, a number), then one that wraps
    under itself. ``align``: one letter per column, l or r."""

    rows: list[list[Para]]
    align: str = ""


@dataclass
class Chart:
    title: str
    values: list[int]
    floors: list[tuple[str, int | None]] = field(default_factory=list)
    baseline: float | None = None
    legend: Para | None = None


@dataclass
class Charts:
    """Charts meant to be read side by side."""

    charts: list[Chart]


Block = Union[Para, Heading, Items, Rows, Table, Chart, Charts]


@dataclass
class Page:
    """One page (or section) of a document."""

    key: str  # a stable name: "ending", "numbers", "gaming", ...
    title: str  # short, for a page bar
    blocks: list[Block] = field(default_factory=list)
    long_title: str = ""  # for a file's section heading; the title if empty

    @property
    def heading(self) -> str:
        return self.long_title or self.title


def para(*parts: str | Span, facts: dict[str, Any] | None = None, role: str = "") -> Para:
    """A paragraph from plain strings and styled spans."""
    spans = [p if isinstance(p, Span) else Span(p) for p in parts if (p.text if isinstance(p, Span) else p)]
    return Para(spans, dict(facts or {}), role)


def strong(text: str) -> Span:
    return Span(text, "strong")


def dim(text: str) -> Span:
    return Span(text, "dim")


def em(text: str) -> Span:
    return Span(text, "em")


def plain_text(blocks: list, indent: str = "") -> list[str]:
    """Blocks as unwrapped plain lines (for printouts that keep their own layout)."""
    out: list[str] = []
    for b in blocks:
        if isinstance(b, (Para, Heading)):
            out += [indent + line for line in b.text.split("\n")]
        elif isinstance(b, Items):
            out += [f"{indent}  - {i.text}" for i in b.items] or ([f"{indent}  {b.empty}"] if b.empty else [])
        elif isinstance(b, Rows):
            for cells in b.rows:
                lines = " ".join(c.text for c in cells if c.text).split("\n")
                out += [indent + lines[0]] + [indent + "    " + x for x in lines[1:]]
    return out


# --------------------------------------------------------------------------- checking words

NUMBER = re.compile(r"(?<![\w.])[-+]?\d+(?:\.\d+)?")


def numbers_in(text: str) -> list[str]:
    return NUMBER.findall(text)


def unstated_numbers(p: Para | Heading) -> list[str]:
    """Numbers written in a paragraph that none of its facts holds (an empty list is right)."""
    values: list[str] = []

    def walk(v: Any) -> None:
        if isinstance(v, bool) or v is None:
            return
        if isinstance(v, (int, float)):
            values.extend({f"{v:g}", str(v), str(abs(v)) if v < 0 else str(v), f"{abs(v):g}"})
        elif isinstance(v, str):
            values.extend(n.lstrip("+-") for n in numbers_in(v))
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, (list, tuple)):
            for x in v:
                walk(x)

    walk(p.facts)
    have = set(values)
    return [n for n in numbers_in(p.text) if n.lstrip("+-") not in have]


def paragraphs(page: Page) -> list[Para | Heading]:
    """Every paragraph of a page, as text with facts: items one by one, a table row by row."""
    out: list[Para | Heading] = []
    for b in page.blocks:
        if isinstance(b, (Para, Heading)):
            out.append(b)
        elif isinstance(b, Items):
            out += b.items or ([para(b.empty)] if b.empty else [])
        elif isinstance(b, Rows):
            for cells in b.rows:
                facts: dict[str, Any] = {}
                for c in cells:
                    facts.update(c.facts)
                out.append(para(" ".join(c.text for c in cells if c.text), facts=facts))
        elif isinstance(b, Table):
            for i, row in enumerate(b.rows):
                facts = b.facts[i] if i < len(b.facts) else {}
                out.append(para(" · ".join(c for c in row if c), facts=facts))
        elif isinstance(b, Chart):
            if b.legend is not None:
                out.append(b.legend)
        elif isinstance(b, Charts):
            out += [c.legend for c in b.charts if c.legend is not None]
    return out


def as_data(pages: list[Page]) -> list[dict[str, Any]]:
    """Pages as plain data: ``[{title, paragraphs: [{text, facts}]}]``."""
    return [{"title": p.title, "key": p.key,
             "paragraphs": [{"text": x.text, "facts": _plain(x.facts)} for x in paragraphs(p) if x.text]}
            for p in pages]


def _plain(v: Any) -> Any:
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    return v
