"""Small text charts of a life: one column per turn, tier floors drawn across.

Used by the plain-text report (ASCII) and by the end screens (block characters, coloured by
tier band). Pure functions of numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

BLOCKS = " ▁▂▃▄▅▆▇█"


@dataclass
class Plot:
    rows: list[str]  # top to bottom, each ``width`` characters
    axis: list[str]  # a y-axis label for each row ('' for most)
    marks: list[str]  # a label for each row on the right (the tier whose floor it holds)
    band: list[int | None]  # for each row, the index of the band (tier) its values lie in
    lo: float
    hi: float

    def lines(self, gap: str = " ") -> list[str]:
        w = max((len(a) for a in self.axis), default=0)
        return [f"{a:>{w}}{gap}|{r}|{(' ' + m) if m else ''}".rstrip() for a, r, m in zip(self.axis, self.rows, self.marks)]


def _columns(values: list[float], width: int) -> list[float]:
    n = len(values)
    if n == 0:
        return []
    if n >= width:
        return [values[round(i * (n - 1) / max(width - 1, 1))] for i in range(width)]
    per = width // n
    out: list[float] = []
    for v in values:
        out += [v] * per
    return out


def plot(values: Sequence[float], width: int, height: int, floors: Sequence[tuple[str, int | None]] | None = None,
         baseline: float | None = None, ascii: bool = False) -> Plot:
    """A bar per value (columns repeat when there are few values, sample when many).

    ``floors``: (label, lowest score) of each band from best to worst; a band floor inside the
    range is drawn as a dotted line labelled on the right. ``baseline``: where bars grow from
    (default: the bottom of the chart; 0 for virtue, so losses hang below it).
    """
    floors = floors or []
    vals = [float(v) for v in values] or [0.0]
    lo, hi = min(vals), max(vals)
    inside = [f for _, f in floors if f is not None]
    near = [f for f in inside if lo - (hi - lo + 1) * 0.5 <= f <= hi + (hi - lo + 1) * 0.5]
    lo, hi = min([lo, *near]), max([hi, *near])
    if baseline is not None:
        lo, hi = min(lo, baseline), max(hi, baseline)
    if hi - lo < 1:
        lo, hi = lo - 1, hi + 1
    pad = (hi - lo) * 0.05
    lo, hi = lo - pad, hi + pad
    if baseline is None and height > 1:
        lo -= (hi - lo) / (height - 1)  # one row below the lowest value: every bar shows
    base = lo if baseline is None else baseline
    step = (hi - lo) / height
    cols = _columns(vals, width)
    rows, axis, marks, band = [], [], [], []
    floor_rows: dict[int, str] = {}
    for label, f in floors:
        if f is not None and lo <= f <= hi:
            r = min(height - 1, max(0, int((hi - f) / step)))
            floor_rows.setdefault(r, label)
    for r in range(height):
        top = hi - r * step
        bottom = top - step
        mid = (top + bottom) / 2
        line = []
        for v in cols:
            a, b = sorted((base, v))
            cover = max(0.0, min(b, top) - max(a, bottom)) / step
            if cover <= 0.0:
                line.append("-" if r in floor_rows and ascii else ("┈" if r in floor_rows else " "))
            elif ascii:
                line.append("#" if cover >= 0.5 else ("." if cover > 0.2 else " "))
            elif v >= base:
                line.append(BLOCKS[max(1, min(8, round(cover * 8)))])
            else:  # a loss below the baseline hangs down: full cells, the last one a top half
                line.append("█" if cover >= 0.75 else "▀")
        line += [" "] * (width - len(line))
        rows.append("".join(line[:width]))
        axis.append("")
        marks.append(floor_rows.get(r, ""))
        idx = None
        for i, (_, f) in enumerate(floors):
            if f is None or mid >= f:
                idx = i
                break
        band.append(idx)
    row_of = lambda v: min(height - 1, max(0, int((hi - v) / step)))  # noqa: E731
    for mark in (max(vals), min(vals), baseline):
        if mark is not None and not axis[row_of(mark)]:
            axis[row_of(mark)] = _fmt(mark)
    return Plot(rows, axis, marks, band, lo, hi)


def _fmt(v: float) -> str:
    return str(int(round(v)))
