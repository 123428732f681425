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


#: Tier bands from the best down; colour repeats what the band label already says.
BAND_STYLES = ["#5fb35f", "#d7c14a", "#e08a3c", "#d9534f", "#b05fc4", "#8a8a8a"]


def band_style(index: int | None) -> str:
    if index is None:
        return "white"
    return BAND_STYLES[min(index, len(BAND_STYLES) - 1)]
