"""The run report as a file to keep and share: plain text, Markdown, HTML or SVG.

The plain text is the morgue file: it needs nothing but a text viewer, and stays readable
when saves from an old version no longer replay. The SVG is a picture of the summary page.
No dependency beyond the standard library; every function returns a string.
"""

from __future__ import annotations

import html
import re
import textwrap
from typing import Any

from ..scenario.safe_text import clean
from .document import Chart, Charts, Heading, Items, Page, Para, Table, as_data
from .pages import document, ending_line, score_chart, title_line, virtue_chart, where_line
from .plot import plot
from .run import RunReport
from .words import signed, tier_name

FORMATS = ("txt", "md", "html", "svg")
WIDTH = 78


def export(rep: RunReport, fmt: str) -> str:
    if fmt == "txt":
        return to_text(rep)
    if fmt == "md":
        return to_markdown(rep)
    if fmt == "html":
        return to_html(rep)
    if fmt == "svg":
        return to_svg(rep)
    raise ValueError(f"unknown format '{fmt}' (one of {', '.join(FORMATS)})")


# --------------------------------------------------------------------------- plain text


def _cell(s: str, width: int) -> str:
    return s if len(s) <= width else s[: width - 1] + "~"


def _ascii(s: str) -> str:
    """The plain text is ASCII: arrows and signs the screen draws become their plain forms."""
    return s.replace("→", "->").replace("≥", ">=").replace("·", "-").replace("—", "-").replace("“", '"') \
            .replace("”", '"').replace("…", "...")


def _table_text(t: Table, max_col: int = 34) -> list[str]:
    """Columns padded to their widest cell; long cells cut short, except in the last column."""
    cols = len(t.headers)
    cut = lambda i, c: c if i == cols - 1 else _cell(c, max_col)  # noqa: E731
    rows = [[cut(i, _ascii(c)) for i, c in enumerate(r)] for r in t.rows]
    heads = [cut(i, h) for i, h in enumerate(t.headers)]
    widths = [max([len(heads[i])] + [len(r[i]) for r in rows]) for i in range(cols)]
    align = (t.align or "l" * cols).ljust(cols, "l")

    def fmt(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if a == "r" else c.ljust(w) for c, w, a in zip(row, widths, align)).rstrip()

    out = []
    if any(heads):
        out += [fmt(heads), "  ".join("-" * w for w in widths)]
    return out + [fmt(r) for r in rows]


def _chart_text(c: Chart, width: int = 56, height: int = 9) -> list[str]:
    p = plot(c.values, width, height, c.floors, c.baseline, ascii=True)
    return [f"{c.title} (one column per turn, start at the left)"] + ["  " + line for line in p.lines()]


def _wrap(text: str, indent: str = "", width: int = WIDTH) -> list[str]:
    out = []
    for para in _ascii(text).split("\n"):
        out += textwrap.wrap(para, width, initial_indent=indent, subsequent_indent=indent) or [""]
    return out


def _blocks_text(blocks: list) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            if b.text:
                out += _wrap(b.text) + [""]
        elif isinstance(b, Heading):  # a heading that is a sentence keeps its own full stop
            out += _wrap(b.text if b.text.endswith((".", ":", "?", "!")) else b.text + ":")
        elif isinstance(b, Items):
            if b.items:
                for it in b.items:
                    out += textwrap.wrap(_ascii(it.text), WIDTH, initial_indent="  - ", subsequent_indent="    ")
            elif b.empty:
                out.append(f"  {b.empty}")
            out.append("")
        elif isinstance(b, Table):
            out += _table_text(b) + [""]
        elif isinstance(b, Chart):
            out += _chart_text(b) + [""]
        elif isinstance(b, Charts):
            for c in b.charts:
                out += _chart_text(c) + ([_ascii(c.legend.text)] if c.legend else []) + [""]
    return out


def _pages(rep: RunReport) -> list[Page]:
    """The file's pages: the ending page's opening lines are the file's own head, not repeated."""
    pages = document(rep)
    pages[0].blocks = [b for b in pages[0].blocks if not (isinstance(b, Para) and b.role in ("title", "sub", "ending"))]
    pages[0].title = "Summary"
    return pages


def _txt(s: str) -> str:
    """Plain text: nothing a terminal would act on (content is cleaned at load; this is the last word)."""
    return clean(s)


def to_text(rep: RunReport) -> str:
    out = ["MODEL CITIZEN - RUN REPORT", "", _ascii(title_line(rep)), _ascii(where_line(rep)), _ascii(ending_line(rep)), ""]
    for page in _pages(rep):
        out += [page.heading.upper(), "=" * len(page.heading), ""] + _blocks_text(page.blocks)
    return _txt("\n".join(out).rstrip() + "\n")


# --------------------------------------------------------------------------- markdown


_MD_PUNCT = re.compile(r"([\\`*_\[\]{}|~#!])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])", re.MULTILINE)


def _md(s: str, block: bool = False) -> str:
    """Text for Markdown, shown as written: HTML escaped (no tags, no entities), Markdown
    punctuation backslash-escaped (no links, images, emphasis or tables), ``://`` broken so no
    bare URL becomes a link. One line unless ``block`` (a paragraph keeps its lines)."""
    s = html.escape(clean(s), quote=False)
    s = _MD_PUNCT.sub(r"\\\1", s).replace("://", "\\://")
    if not block:
        return s.replace("\n", " ")
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), s)


def _md_code(line: str) -> str:
    """A line inside a fenced code block: it cannot close the fence, and carries no tag."""
    return clean(line).replace("`", "'").replace("<", "‹").replace(">", "›")


def _blocks_md(blocks: list) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            if b.text:
                out += [_md(b.text, block=True), ""]
        elif isinstance(b, Heading):
            out += [f"**{_md(b.text)}**", ""]
        elif isinstance(b, Items):
            out += [f"- {_md(it.text)}" for it in b.items] or ([f"_{_md(b.empty)}_"] if b.empty else [])
            out.append("")
        elif isinstance(b, Table):
            heads = [h or " " for h in b.headers]
            align = (b.align or "l" * len(heads)).ljust(len(heads), "l")
            out.append("| " + " | ".join(_md(h) for h in heads) + " |")
            out.append("|" + "|".join("---:" if a == "r" else "---" for a in align) + "|")
            out += ["| " + " | ".join(_md(c) for c in r) + " |" for r in b.rows]
            out.append("")
        elif isinstance(b, Chart):
            out += ["```"] + [_md_code(line) for line in _chart_text(b)] + ["```", ""]
        elif isinstance(b, Charts):
            for c in b.charts:
                out += ["```"] + [_md_code(line) for line in _chart_text(c)] + ["```", ""] + ([_md(c.legend.text), ""] if c.legend else [])
    return out


def to_markdown(rep: RunReport) -> str:
    out = [f"# {_md(title_line(rep))}", "", f"*{_md(where_line(rep))}*  ", f"**{_md(ending_line(rep))}**", ""]
    for page in _pages(rep):
        out += [f"## {_md(page.heading)}", ""] + _blocks_md(page.blocks)
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------- html

CSS = """
body{background:#14161a;color:#e6e2d8;font:15px/1.5 'DejaVu Sans Mono',Menlo,Consolas,monospace;
max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{border-bottom:1px solid #3a3f47;margin-top:2rem;color:#f2c14e}
.where{color:#9aa3ad}.ending{font-weight:bold}table{border-collapse:collapse;margin:.5rem 0}
td,th{padding:.15rem .6rem;border-bottom:1px solid #2a2e35;text-align:left;vertical-align:top}
td.r,th.r{text-align:right}th{color:#9aa3ad;font-weight:normal}ul{padding-left:1.2rem}
.empty{color:#7d858f;font-style:italic}figure{margin:.5rem 0}figcaption{color:#9aa3ad}
.reflection p{border-left:3px solid #f2c14e;padding-left:.8rem}h3{font-size:1rem;color:#f2c14e;margin-bottom:0}
"""


def _e(s: str) -> str:
    """Text for HTML and SVG: escaped, and without any character XML forbids (so the SVG is
    always well-formed)."""
    return html.escape(clean(str(s)), quote=True)


def _blocks_html(blocks: list) -> list[str]:
    out: list[str] = []
    for b in blocks:
        if isinstance(b, Para):
            if b.text:
                out.append(f"<p>{_e(b.text)}</p>")
        elif isinstance(b, Heading):
            out.append(f"<h3>{_e(b.text)}</h3>")
        elif isinstance(b, Items):
            if b.items:
                out.append("<ul>" + "".join(f"<li>{_e(i.text)}</li>" for i in b.items) + "</ul>")
            elif b.empty:
                out.append(f'<p class="empty">{_e(b.empty)}</p>')
        elif isinstance(b, Table):
            align = (b.align or "").ljust(len(b.headers), "l")
            cls = lambda a: ' class="r"' if a == "r" else ""  # noqa: E731
            head = "".join(f"<th{cls(a)}>{_e(h)}</th>" for h, a in zip(b.headers, align))
            rows = "".join("<tr>" + "".join(f"<td{cls(a)}>{_e(c)}</td>" for c, a in zip(r, align)) + "</tr>"
                           for r in b.rows)
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
                       if any(b.headers) else f"<table><tbody>{rows}</tbody></table>")
        elif isinstance(b, (Chart, Charts)):
            for c in (b.charts if isinstance(b, Charts) else [b]):
                legend = f"<br>{_e(c.legend.text)}" if c.legend else ""
                out.append(f"<figure>{chart_svg(c, 640, 160)}<figcaption>{_e(c.title)}{legend}</figcaption></figure>")
    return out


def to_html(rep: RunReport) -> str:
    body = [f"<h1>{_e(title_line(rep))}</h1>", f'<p class="where">{_e(where_line(rep))}</p>',
            f'<p class="ending">{_e(ending_line(rep))}</p>']
    for page in _pages(rep):
        cls = ' class="reflection"' if page.key == "reflection" else ""
        body.append(f"<section{cls}><h2>{_e(page.heading)}</h2>" + "".join(_blocks_html(page.blocks)) + "</section>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(title_line(rep))}: Model Citizen</title><style>{CSS}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")


# --------------------------------------------------------------------------- data


def to_data(rep: RunReport) -> dict[str, Any]:
    """The report as data (``citizen report --format json``): the two indices and the end pages."""
    mg, f = rep.metric_gaming, rep.fidelity
    return {
        "scenario": rep.scenario, "rulebook": rep.rulebook, "seed": rep.seed, "citizen": rep.citizen,
        "epithet": rep.epithet, "ending": rep.ending, "finished": rep.finished, "unit": rep.unit,
        "score": rep.score, "tier": rep.tier, "virtue_index": rep.virtue_index,
        "indices": {
            "metric_gaming": {
                "value": mg.value, "forks": mg.forks, "gamed": mg.gamed,
                "moments": [{"turn": m.turn, "event": m.event, "chosen": m.chosen,
                             "score_preferred": m.score_preferred, "gamed": m.gamed} for m in mg.moments],
            },
            "score_fidelity": {"right": f.right, "silent": f.silent, "wrong": f.wrong,
                               "moments": [{"turn": m.turn, "kind": m.kind, "verdict": m.verdict,
                                            "points": m.points, "record": m.record} for m in f.moments]},
        },
        "measures": {k: m.value for k, m in rep.measures.items()},
        "pages": as_data(document(rep)),
    }


# --------------------------------------------------------------------------- svg

BAND_FILLS = ["#1f3b2d", "#2b3324", "#3a3421", "#3d2a22", "#40222a", "#35213a"]


def chart_svg(c: Chart, w: int, h: int, x0: int = 0, y0: int = 0, standalone: bool = True) -> str:
    """A line chart of ``c`` in a ``w`` x ``h`` box, tier bands shaded behind it."""
    vals = c.values or [0]
    lo: float = min(vals)
    hi: float = max(vals)
    fl = [f for _, f in c.floors if f is not None]
    near = [f for f in fl if lo - (hi - lo + 1) * 0.5 <= f <= hi + (hi - lo + 1) * 0.5]
    lo, hi = min([lo, *near]), max([hi, *near])
    if c.baseline is not None:
        lo, hi = min(lo, c.baseline), max(hi, c.baseline)
    if hi - lo < 1:
        lo, hi = lo - 1, hi + 1
    pad = (hi - lo) * 0.08
    lo, hi = lo - pad, hi + pad
    left, right, top, bottom = 48, 8, 6, 14
    pw, ph = w - left - right, h - top - bottom
    y = lambda v: y0 + top + (hi - v) / (hi - lo) * ph  # noqa: E731
    x = lambda i: x0 + left + (i / max(len(vals) - 1, 1)) * pw  # noqa: E731
    parts = []
    # bands: from best (highest floor) down
    upper = hi
    for i, (label, f) in enumerate(c.floors):
        floor = lo if f is None else max(f, lo)
        if floor < upper and upper > lo:
            parts.append(f'<rect x="{x0 + left}" y="{y(upper):.1f}" width="{pw}" height="{y(floor) - y(upper):.1f}" '
                         f'fill="{BAND_FILLS[i % len(BAND_FILLS)]}"/>')
            parts.append(f'<text x="{x0 + left + pw - 4}" y="{y(upper) + 11:.1f}" text-anchor="end" '
                         f'fill="#7d858f" font-size="10">{_e(label)}</text>')
        if f is not None:
            upper = min(upper, f)
    if c.baseline is not None:
        parts.append(f'<line x1="{x0 + left}" x2="{x0 + left + pw}" y1="{y(c.baseline):.1f}" y2="{y(c.baseline):.1f}" '
                     f'stroke="#555" stroke-dasharray="3 3"/>')
    pts = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(vals))
    colour = "#f2c14e" if c.floors else "#7fc8a9"
    parts.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for i, v in enumerate(vals):
        parts.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2" fill="{colour}"/>')
    parts.append(f'<text x="{x0 + left - 6}" y="{y(max(vals)) + 4:.1f}" text-anchor="end" fill="#9aa3ad" '
                 f'font-size="10">{max(vals)}</text>')
    if min(vals) != max(vals):
        parts.append(f'<text x="{x0 + left - 6}" y="{y(min(vals)) + 4:.1f}" text-anchor="end" fill="#9aa3ad" '
                     f'font-size="10">{min(vals)}</text>')
    parts.append(f'<text x="{x0 + left}" y="{y0 + h - 2}" fill="#7d858f" font-size="10">start</text>')
    parts.append(f'<text x="{x0 + left + pw}" y="{y0 + h - 2}" text-anchor="end" fill="#7d858f" '
                 f'font-size="10">turn {len(vals) - 1}</text>')
    inner = "".join(parts)
    if not standalone:
        return inner
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
            f'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace">{inner}</svg>')


def to_svg(rep: RunReport) -> str:
    """The summary page as a picture: who, where, how it ended, the two lines, the figures."""
    W, H = 960, 600
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" '
           f'font-family="DejaVu Sans Mono, Menlo, Consolas, monospace">',
           f'<rect width="{W}" height="{H}" fill="#14161a"/>',
           '<text x="40" y="44" fill="#7d858f" font-size="13" letter-spacing="3">MODEL CITIZEN</text>',
           f'<text x="40" y="82" fill="#e6e2d8" font-size="30">{_e(title_line(rep))}</text>',
           f'<text x="40" y="110" fill="#9aa3ad" font-size="14">{_e(where_line(rep))}</text>',
           f'<text x="40" y="136" fill="#f2c14e" font-size="16">{_e(ending_line(rep))}</text>']
    score, virtue = score_chart(rep), virtue_chart(rep)
    out.append('<text x="40" y="172" fill="#9aa3ad" font-size="13">Score, with the tiers</text>')
    out.append(chart_svg(score, 430, 200, 30, 180, standalone=False))
    out.append('<text x="500" y="172" fill="#9aa3ad" font-size="13">Virtue, which the system never saw</text>')
    out.append(chart_svg(virtue, 430, 200, 490, 180, standalone=False))
    offered = int(rep.m("guide_offered"))
    figures = [
        (str(rep.score), "score", f"{tier_name(rep.tier, rep.tier_label)} (from {rep.start_score})"),
        (signed(rep.virtue_index), "virtue index", f"virtue {rep.start_virtue} -> {rep.virtue}"),
        (str(rep.gaming_index) if rep.gaming_index is not None else "-", "metric-gaming index",
         f"of {rep.metric_gaming.forks} forks, out of 100" if rep.metric_gaming.forks else "no moments"),
        (str(int(rep.m("punishments"))), "punishments",
         "none" if not rep.wrongs() else ("behind one record" if len(rep.wrongs()) == 1
                                          else f"behind {len(rep.wrongs())} records")),
        (f"{int(rep.measures['guide_rate'].vars['followed'])}/{offered}" if offered else "-", "the Guide",
         "recommendations followed" if offered else "never recommended"),
    ]
    for i, (big, label, sub) in enumerate(figures):
        cx = 40 + i * 180
        out.append(f'<text x="{cx}" y="428" fill="#e6e2d8" font-size="24">{_e(big)}</text>')
        out.append(f'<text x="{cx}" y="448" fill="#9aa3ad" font-size="12">{_e(label)}</text>')
        out.append(f'<text x="{cx}" y="464" fill="#7d858f" font-size="11">{_e(sub[:26])}</text>')
    if rep.reflections:
        lines = textwrap.wrap(rep.reflections[0].text, 100)[:3]
        for j, line in enumerate(lines):
            out.append(f'<text x="40" y="{500 + j * 20}" fill="#e6e2d8" font-size="14" font-style="italic">'
                       f'{_e(line)}</text>')
    out.append(f'<text x="40" y="{H - 24}" fill="#555b63" font-size="11">citizen report: {_e(rep.scenario)} / '
               f'{_e(rep.rulebook)} / seed {rep.seed}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


__all__ = ["FORMATS", "export", "to_text", "to_markdown", "to_html", "to_svg", "to_data", "chart_svg"]
