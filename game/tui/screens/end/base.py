"""One end page: a scrolling column that draws a page of the report's document."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ....report.document import Charts, Heading, Items, Page as DocPage, Para, Table
from ... import render


class Page(VerticalScroll, can_focus=True):
    """Draws one document page; each block is a Static with a class for its role."""

    def __init__(self, page: DocPage, **kwargs) -> None:
        super().__init__(**kwargs)
        self.page = page

    @property
    def TITLE(self) -> str:  # noqa: N802 - the page bar reads it like a class constant
        return self.page.title

    def compose(self) -> ComposeResult:
        from .numbers import charts_view

        for b in self.page.blocks:
            if isinstance(b, Para):
                yield Static(render.text(b), classes=f"para {b.role or 'body'}")
            elif isinstance(b, Heading):
                yield Static(render.text(b), classes="group-head")
            elif isinstance(b, Items):
                yield Static(render.bullets(b), classes="group-body")
            elif isinstance(b, Table):
                yield Static(render.table(b), classes="page-table")
            elif isinstance(b, Charts):
                yield charts_view(b)


#: The tier bands' theme variables are $band-1 (best) to $band-6 (the rest); the band's label
#: always says which it is, so no meaning rests on the colour.
BANDS = 6


def band_class(index: int | None) -> str:
    """The component class that colours a tier band (``None``: no bands, the chart's colour)."""
    if index is None:
        return "chart--line"
    return f"chart--band-{min(index, BANDS - 1) + 1}"
