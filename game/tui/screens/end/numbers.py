"""Page 2: the life in numbers. Score and virtue drawn side by side, the tier bands behind."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Static

from ....report.document import Chart, score_chart, virtue_chart, week
from ....report.plot import plot
from .base import Page, band_style, bullet_list


class ChartView(Widget):
    """A bar per turn, sized to the widget, rows coloured by the tier band they lie in."""

    DEFAULT_CSS = "ChartView { height: 1fr; min-height: 5; }"

    def __init__(self, chart: Chart, colour: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.chart = chart
        self.colour = colour

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
            t.append(row, style=self.colour or band_style(band if c.floors else None))
            if marks_w:
                t.append(f" {mark.split(' ', 1)[0]:<{marks_w}}" if mark else " " * (marks_w + 1), style="dim")
        return t


def legend(report) -> Text:
    """The tier bands, best first: "■ A≥1050 ■ B≥970 ■ C"."""
    t = Text()
    for i, band in enumerate(report.tiers):
        if i:
            t.append(" ")
        t.append("■ ", style=band_style(i))
        t.append(band.id + (f"≥{band.min}" if band.min is not None else ""), style="dim")
    return t


class NumbersPage(Page):
    TITLE = "Numbers"

    def compose(self) -> ComposeResult:
        rep = self.report
        with Horizontal(id="charts"):
            with Vertical(classes="chart-box"):
                yield Static(Text("Score, as the system kept it", style="bold"), classes="chart-title")
                yield ChartView(score_chart(rep), id="score-chart")
                yield Static(legend(rep), classes="chart-legend")
            with Vertical(classes="chart-box"):
                yield Static(Text("Virtue, which it never saw", style="bold"), classes="chart-title")
                yield ChartView(virtue_chart(rep), colour="cyan", id="virtue-chart")
                moved = [f"{k} {v - rep.start_virtues.get(k, 0):+d}" for k, v in rep.virtues.items()
                         if v != rep.start_virtues.get(k, 0)]
                yield Static(Text(", ".join(moved) or "Unchanged.", style="dim"), classes="chart-legend")
        t = Text()
        t.append(f"Score {rep.start_score} → {rep.score}", style="bold")
        t.append(f"   Virtue {rep.start_virtue} → {rep.virtue}", style="bold")
        t.append(f"   over {len(rep.lines)} {rep.unit}s lived; one column per {rep.unit}", style="dim")
        yield Static(t, id="numbers-sum")
        changes = [f"{week(rep, tc.turn)}: {'down' if tc.down else 'up'} to {tc.new} ({tc.new_label}) at {tc.score}"
                   for tc in rep.tier_changes]
        changes.append(f"At the end: {rep.tier} ({rep.tier_label}). Tiers, best first: "
                       + ", ".join(f"{b.id} {b.label}" for b in rep.tiers) + ".")
        yield Static(bullet_list(changes), id="tier-changes")
