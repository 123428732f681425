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
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ... import places
from .. import render
from ...report import menus
from ...runs.store import ContentFinder, RunEntry, SaveProblem, list_runs, open_run

COLUMNS = (("citizen", "Citizen · rulebook · life"), ("ending", "Ending"), ("score", "Score"), ("virtue", "Virtue"),
           ("when", "Ended"))


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
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#hall", DataTable)
        # two lines a row: the citizen with the epithet, then where the life was lived
        self.first_width = max(30, min(64, self.app.size.width - 42))
        for key, label in COLUMNS:
            table.add_column(label, key=key, width=self.first_width if key == "citizen" else None)
        listing = list_runs(self.folder)
        self.entries = [e for e in listing.entries if e.save is not None and e.save.final is not None]
        for i, e in enumerate(self.entries):
            s = e.save
            assert s is not None and s.final is not None
            table.add_row(self._who(e, "…"), Text(s.final.title or s.final.ending, overflow="ellipsis", no_wrap=True),
                          Text(str(s.final.score), style="dim"), "…", menus.ended_on(s.last_played),
                          key=str(i), height=2)
        self.query_one("#hall-head", Static).update(render.text(menus.hall_head(self.folder)))
        foot = menus.hall_foot(self.folder, len(self.entries), len(listing.entries) - len(self.entries),
                               listing.problem or "")
        self.query_one("#hall-foot", Static).update(Text(foot, style="dim"))
        table.focus()
        if self.entries:
            self.fill()

    @work(thread=True, exclusive=True)
    def fill(self) -> None:
        for i, e in enumerate(list(self.entries)):
            summary = summarise(e, self.finder)
            self.app.call_from_thread(self._filled, i, e, summary)

    def _who(self, entry: RunEntry, epithet: str) -> Text:
        t = render.text(menus.hall_who(entry.save, epithet))
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
        table.update_cell(str(row), "virtue", f"{summary.virtue:+d}")

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
