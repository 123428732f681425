"""Draws the report layer's document model with Rich: the TUI's only renderer of words.

Styles are names in the document ("strong", "dim", ...); ``STYLES`` maps them to Rich
attributes. None of them is a colour: a colour comes from the theme, through the widget
that draws the document (see :class:`game.tui.widgets.doc_view.DocView`), which passes its
own ``styles`` (its ``warn`` in the theme's ``$alarm``). Text always goes through
:class:`rich.text.Text`, never markup, so a bracket in authored content is drawn as a bracket.
"""

from __future__ import annotations

from typing import Mapping

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from ..report.document import Heading, Items, Para, Rows, Span, Table

#: A document style name -> a Rich style (a string of attributes, or a Style from the theme).
Styles = Mapping[str, "str | Style"]

STYLES: dict[str, str | Style] = {"strong": "bold", "dim": "dim", "em": "italic", "warn": "bold", "strike": "strike",
                                  "reverse": "reverse", "underline": "underline"}


def style(names: str, styles: Styles | None = None) -> Style:
    """A document style ("strong strike") as a Rich style (bold, struck through)."""
    table = STYLES if styles is None else styles
    out = Style()
    for n in names.split():
        got = table.get(n, STYLES.get(n, ""))
        out += got if isinstance(got, Style) else Style.parse(got) if got else Style()
    return out


def span(s: Span, styles: Styles | None = None) -> Text:
    return Text(s.text, style=style(s.style, styles))


def text(p: Para | Heading | str, base: str = "", styles: Styles | None = None) -> Text:
    """A paragraph as one Rich ``Text`` (``base``: a Rich style under its own)."""
    if isinstance(p, str):
        return Text(p, style=base)
    if isinstance(p, Heading):
        return Text(p.text, style=base or "bold")
    t = Text(style=base)
    for s in p.spans:
        t.append_text(span(s, styles))
    return t


def bullets(items: Items, styles: Styles | None = None) -> RenderableType:
    """Items as bullets with a hanging indent; the empty note (dim) when there are none."""
    if not items.items:
        return Text(items.empty, style="dim")
    grid = RichTable.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=1, style="dim")
    grid.add_column(ratio=1)
    for item in items.items:
        grid.add_row("•", text(item, styles=styles))
    return grid


def rows(r: Rows, padding: int = 1, styles: Styles | None = None) -> RichTable:
    """Short columns, then the last one wrapping under itself, never under the first."""
    grid = RichTable.grid(padding=(0, padding))
    n = max((len(cells) for cells in r.rows), default=1)
    align = (r.align or "").ljust(n, "l")
    for i in range(n):
        last = i == n - 1
        grid.add_column(justify="right" if align[i] == "r" else "left", no_wrap=not last, ratio=1 if last else None)
    for cells in r.rows:
        grid.add_row(*(text(c, styles=styles) for c in cells))
    return grid


def table(t: Table) -> RichTable:
    out = RichTable(box=None, pad_edge=False, expand=True, show_edge=False, header_style="bold")
    align = (t.align or "").ljust(len(t.headers), "l")
    for i, (h, a) in enumerate(zip(t.headers, align)):
        out.add_column(h, justify="right" if a == "r" else "left", ratio=None if a == "r" else (3 if i == 0 else 2),
                       no_wrap=i == 0, overflow="ellipsis")
    for row in t.rows:
        out.add_row(*(Text(c) for c in row))
    return out


def block(b, styles: Styles | None = None) -> RenderableType:
    if isinstance(b, (Para, Heading)):
        return text(b, styles=styles)
    if isinstance(b, Items):
        return bullets(b, styles)
    if isinstance(b, Rows):
        return rows(b, styles=styles)
    if isinstance(b, Table):
        return table(b)
    return Text("")


def blocks(bs: list, styles: Styles | None = None) -> Group:
    return Group(*(block(b, styles) for b in bs))
