"""The hall of records: every finished run, newest first, with the citizen's epithet.

Each row names the citizen with the epithet their life earned, the scenario, the rulebook,
the ending, the final score and the virtue index. Enter opens the run's end screens (its
full report); the epithets and virtues are worked out in the background, a row at a time,
by replaying each run (the save holds only the decisions). The score shown is the one the
replay rebuilt: a save whose recorded figures were edited is marked, never believed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ... import places
from ..widgets.key_bar import KeyBar
from .city import cities
from ..widgets.notice_line import NoticeLine
from .. import render
from ...report import menus
from ...report.words import signed
from ...runs.store import ContentFinder, RunEntry, SaveProblem, list_runs, open_run

COLUMNS = (("citizen", "Citizen · rulebook · life"), ("ending", "Ending · when"), ("score", "Score"),
           ("virtue", "Virtue"))


def column_widths(width: int) -> dict[str, int]:
    """Each column's width for a terminal ``width`` wide, so that every column fits: the
    figures keep theirs, the citizen and the ending (with the day it ended under it) share
    what is left (each column also takes a cell of padding either side)."""
    room = width - 2 - 2  # the screen's padding, the table's scrollbar
    out = {"score": 6, "virtue": 6}
    room -= sum(w + 2 for w in out.values())
    citizen = max(16, room * 3 // 5) - 2
    out = {"citizen": citizen, "ending": max(8, room - citizen - 4), **out}
    return {key: out[key] for key, _label in COLUMNS if key in out}


@dataclass
class Summary:
    epithet: str
    virtue: int | None
    problem: str = ""
    score: int | None = None  # as replayed


#: (path, modified) -> summary, so coming back to the hall does not replay every run again
_CACHE: dict[tuple[str, float], Summary] = {}


def summarise(entry: RunEntry, finder: ContentFinder) -> Summary:
    """The epithet and virtue index of a finished run (replays it; never raises)."""
    key = (str(entry.path), entry.modified)
    if key in _CACHE:
        return _CACHE[key]
    from ...runs.reports import report_of_run

    try:
        rep = report_of_run(open_run(entry.path, finder), others={})
        out = Summary(rep.epithet, rep.virtue_index, score=rep.score)
    except SaveProblem as exc:
        out = Summary("", None, exc.message)
    except Exception as exc:  # a bad file must not take the hall down
        out = Summary("", None, f"{type(exc).__name__}: {str(exc)[:200]}")
    _CACHE[key] = out
    return out


class HallScreen(Screen):
    CSS_PATH = "hall.tcss"
    BINDINGS = [
        Binding("enter", "open", "Read the report", priority=True),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, saves_dir: Path | str | None = None) -> None:
        super().__init__()
        self._saves_dir = Path(saves_dir) if saves_dir is not None else None
        self.entries: list[RunEntry] = []
        self.finder = ContentFinder()
        self.cities: dict[str, str] = {}

    @property
    def folder(self) -> Path:
        if self._saves_dir is not None:
            return self._saves_dir
        d = getattr(self.app, "saves_dir", None)
        return Path(d) if d is not None else places.saves_dir()

    def compose(self) -> ComposeResult:
        yield Static(id="hall-head")
        yield DataTable(id="hall", cursor_type="row", zebra_stripes=True)
        yield Static(id="hall-foot")
        yield NoticeLine()
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#hall", DataTable)
        listing = list_runs(self.folder)
        self.entries = [e for e in listing.entries if e.save is not None and e.save.final is not None]
        self.cities = cities()
        self._build(self.app.size.width)
        self.query_one("#hall-head", Static).update(render.text(menus.hall_head(self.folder)))
        foot = menus.hall_foot(self.folder, len(self.entries), len(listing.entries) - len(self.entries),
                               listing.problem or "")
        self.query_one("#hall-foot", Static).update(Text(foot, style="dim"))
        table.focus()
        if self.entries:
            self.fill()

    def _build(self, width: int) -> None:
        """The table's columns fitted to ``width``, and a row per finished life (two lines a
        row: the citizen with the epithet, then where the life was lived); a life already
        summed up shows its figures at once."""
        table = self.query_one("#hall", DataTable)
        row = table.cursor_row
        table.clear(columns=True)
        self.widths = column_widths(width)
        for key, label in COLUMNS:
            if key in self.widths:
                table.add_column(label, key=key, width=self.widths[key])
        for i, e in enumerate(self.entries):
            s = e.save
            assert s is not None and s.final is not None
            ending = Text(s.final.title or s.final.ending, no_wrap=True, overflow="ellipsis")
            ending.append(f"\n{menus.ended_on(s.last_played)}", style="dim")
            table.add_row(self._who(e, "…"), ending, Text(str(s.final.score), style="dim"), "…", key=str(i), height=2)
            known = _CACHE.get((str(e.path), e.modified))
            if known is not None:
                self._filled(i, e, known)
        if self.entries and row:
            table.move_cursor(row=min(row, len(self.entries) - 1), animate=False)

    def on_resize(self, event: events.Resize) -> None:
        """The columns follow the terminal: wider names when there is room, none cut at 60."""
        if self.is_mounted and column_widths(event.size.width) != getattr(self, "widths", None):
            self._build(event.size.width)

    @work(thread=True, exclusive=True)
    def fill(self) -> None:
        for i, e in enumerate(list(self.entries)):
            summary = summarise(e, self.finder)
            self.app.call_from_thread(self._filled, i, e, summary)

    def _who(self, entry: RunEntry, epithet: str) -> Text:
        t = render.text(menus.hall_who(entry.save, epithet, self.cities.get(entry.save.rulebook.id, "")
                                       if entry.save is not None else ""))
        t.no_wrap, t.overflow = True, "ellipsis"
        return t

    def _filled(self, row: int, entry: RunEntry, summary: Summary) -> None:
        if not self.is_mounted:
            return
        table = self.query_one("#hall", DataTable)
        if summary.problem:
            table.update_cell(str(row), "citizen", self._who(entry, menus.UNREPLAYABLE))
            table.update_cell(str(row), "score", Text("✗", style="bold"))
            table.update_cell(str(row), "virtue", "—")
            return
        table.update_cell(str(row), "citizen", self._who(entry, summary.epithet))
        table.update_cell(str(row), "score", str(summary.score))
        table.update_cell(str(row), "virtue", "—" if summary.virtue is None else signed(summary.virtue))

    def action_open(self) -> None:
        table = self.query_one("#hall", DataTable)
        if not self.entries or table.cursor_row is None or not 0 <= table.cursor_row < len(self.entries):
            return
        entry = self.entries[table.cursor_row]
        from ...runs.reports import report_of_run
        from .end import EndScreens

        try:
            run = open_run(entry.path, self.finder)
            report = report_of_run(run)
        except SaveProblem as exc:
            self.notify(exc.message, title=menus.cannot_be_read_back(entry.name), severity="error", markup=False)
            return
        self.app.push_screen(EndScreens(report=report, run=run, saves_dir=self.folder))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)
