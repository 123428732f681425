"""What every end page shares: a scrolling column that reads the report."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll

from ....report.run import RunReport


class Page(VerticalScroll, can_focus=True):
    """One end page. ``TITLE`` names it in the page bar."""

    TITLE = ""

    def __init__(self, report: RunReport, **kwargs) -> None:
        super().__init__(**kwargs)
        self.report = report


def heading(text: str) -> Text:
    return Text(text, style="bold")


def bullet_list(items: list[str], empty: str = "") -> RenderableType:
    """Items as bullets with a hanging indent; ``empty`` (dim) when there are none."""
    if not items:
        return Text(empty, style="dim")
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=1, style="dim")
    grid.add_column(ratio=1)
    for item in items:
        grid.add_row("•", Text(item))
    return grid


#: Tier bands from the best down; colour repeats what the band label already says.
BAND_STYLES = ["#5fb35f", "#d7c14a", "#e08a3c", "#d9534f", "#b05fc4", "#8a8a8a"]


def band_style(index: int | None) -> str:
    if index is None:
        return "white"
    return BAND_STYLES[min(index, len(BAND_STYLES) - 1)]
