"""The charts of the numbers page: score and virtue side by side, the tier bands behind."""

from __future__ import annotations

from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from ....report.document import Chart, Charts
from ....report.plot import plot
from ... import render
from .base import BANDS, band_class

#: Colours from the theme ($band-1 ... $band-6 for the tier bands, $chart without bands).
BAND_CSS = "\n".join(
    f"{{widget}} > .chart--band-{i} {{ color: $band-{i}; }}" for i in range(1, BANDS + 1)
) + "\n{widget} > .chart--line { color: $chart; }"


class _Banded(Widget):
    """Draws with the theme's band colours, through component classes."""

    COMPONENT_CLASSES = {f"chart--band-{i}" for i in range(1, BANDS + 1)} | {"chart--line"}

    def band(self, index: int | None):
        return self.get_component_rich_style(band_class(index), partial=True)


class ChartView(_Banded):
    """A bar per turn, sized to the widget, rows coloured by the tier band they lie in."""

    DEFAULT_CSS = "ChartView { height: 1fr; min-height: 5; }\n" + BAND_CSS.replace("{widget}", "ChartView")

    def __init__(self, chart: Chart, **kwargs) -> None:
        super().__init__(**kwargs)
        self.chart = chart

    def render(self) -> Text:
        c = self.chart
        marks_w = max((len(label.split(" ", 1)[0]) for label, _ in c.floors), default=0)
        axis_w = max(len(str(v)) for v in c.values) if c.values else 1
        width = max(4, self.size.width - axis_w - 2 - (marks_w + 1 if marks_w else 0))
        height = max(3, self.size.height)
        p = plot(c.values, width, height, c.floors, c.baseline)
        t = Text(no_wrap=True, overflow="crop")
        for i, (axis, row, mark, band) in enumerate(zip(p.axis, p.rows, p.marks, p.band)):
            if i:
                t.append("\n")
            t.append(f"{axis:>{axis_w}} ", style="dim")
            t.append("│", style="dim")
            t.append(row, style=self.band(band if c.floors else None))
            if marks_w:
                t.append(f" {mark.split(' ', 1)[0]:<{marks_w}}" if mark else " " * (marks_w + 1), style="dim")
        return t


class ChartLegend(_Banded):
    """The tier bands, best first, each beside its mark in its colour: "■ A≥1050 ■ B≥970 ■ C".

    A band is never split across lines: at 60 columns the legend folds between bands (Rich's
    own wrapping broke "■" from its name and the last band fell off the end)."""

    DEFAULT_CSS = "ChartLegend { height: auto; }\n" + BAND_CSS.replace("{widget}", "ChartLegend")

    def __init__(self, chart: Chart, **kwargs) -> None:
        super().__init__(**kwargs)
        self.chart = chart

    def _items(self) -> list[str]:
        return [label.split(" ", 1)[0] + (f"≥{floor}" if floor is not None else "") for label, floor in self.chart.floors]

    def _lines(self, width: int) -> list[list[int]]:
        """The bands' indexes, line by line, for a legend ``width`` cells wide."""
        lines: list[list[int]] = []
        used = 0
        for i, item in enumerate(self._items()):
            cells = 2 + len(item)
            if lines and used + 1 + cells <= width:
                lines[-1].append(i)
                used += 1 + cells
            else:
                lines.append([i])
                used = cells
        return lines

    def get_content_height(self, container, viewport, width: int) -> int:
        if not self.chart.floors:
            return super().get_content_height(container, viewport, width)
        return max(1, len(self._lines(width)))

    def render(self) -> Text:
        c = self.chart
        if not c.floors:
            return render.text(c.legend, base="dim") if c.legend else Text("")
        items = self._items()
        t = Text()
        for n, line in enumerate(self._lines(self.size.width or 10_000)):
            if n:
                t.append("\n")
            for k, i in enumerate(line):
                if k:
                    t.append(" ")
                t.append("■ ", style=self.band(i))
                t.append(items[i], style="dim")
        return t


def charts_view(charts: Charts) -> Horizontal:
    boxes = []
    for i, c in enumerate(charts.charts):
        boxes.append(Vertical(
            Static(Text(c.title, style="bold"), classes="chart-title"),
            ChartView(c, id="score-chart" if i == 0 else "virtue-chart"),
            ChartLegend(c, classes="chart-legend"),
            classes="chart-box"))
    return Horizontal(*boxes, id="charts")
