"""The load screen: saved runs, newest first. Resume one, or open it in the replay viewer.

A file that cannot be used is listed with what is wrong with it (damaged, truncated, not a
save, a newer format, its scenario or rulebook changed); it never hides the other runs. A run
another instance of the game is playing is marked; opening it offers the replay viewer (read
only) or a copy to play on. Every text from a file is drawn as ``rich.text.Text``, never markup.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ... import places
from . import citizen_app
from .city import cities
from ..widgets.key_bar import KeyBar
from ..widgets.notice_line import NoticeLine
from .. import render
from ...report import menus
from ...runs.lock import describe
from ...runs.session import Session
from ...runs.store import (AutoSave, ContentFinder, RunEntry, RunInUse, SaveProblem, check_entry, list_runs, open_run,
                           resume, take_over)

COLUMNS = (("life", "Life · rulebook"), ("turn", "Turn"), ("score", "Score"), ("tier", "Tier"),
           ("when", "Played"), ("state", "State"))


def column_widths(width: int) -> dict[str, int]:
    """Each column's width for a terminal ``width`` wide, so every column fits (two lines a
    row: the life above its rulebook, the day above the hour). Below 70 columns the day goes
    (the detail under the list says when the highlighted run began)."""
    room = width - 2 - 2  # the screen's padding, the table's scrollbar
    out = {"turn": 4, "score": 6, "tier": 8}
    if width >= 70:
        out["when"] = 10
    room -= sum(w + 2 for w in out.values())
    life = max(12, room * 3 // 5) - 2
    out.update(life=life, state=max(8, room - life - 4))
    return {key: out[key] for key, _label in COLUMNS if key in out}


def default_saves(app) -> Path:
    d = getattr(app, "saves_dir", None)
    return Path(d) if d is not None else places.saves_dir()


def continue_life(app, session: Session, saver: AutoSave) -> None:
    """Hand a resumed or taken-over life to the app: it is played and autosaved from here."""
    def problem(message: str) -> None:
        app.notify(menus.not_saving(message), title="Not saving", severity="warning", timeout=12, markup=False)

    saver.on_problem = problem
    citizen_app(app).let_go_of_life(keep=saver)
    app.session = session
    app.pair = (session.scenario, session.rulebook)
    app.autosaver = saver
    session.on_decision = getattr(app, "on_decision", None) or saver
    citizen_app(app).show_play(session)


def _state(e: RunEntry) -> Text:
    t = render.text(menus.run_state(e))
    if t.plain.startswith("ended: "):  # two lines in the table: how it ended, under the word
        t = Text("ended:\n") + t[len("ended: "):]
    t.no_wrap, t.overflow = True, "ellipsis"
    return t


def _when(e: RunEntry) -> str:
    return menus.last_played(e.when).replace(" ", "\n", 1)  # the day above the hour


def _cells(e: RunEntry, cities: dict[str, str]) -> dict:
    """The row of a run, by column key (two lines each: the life above its rulebook, named
    by its city first where the rulebook is installed)."""
    when = _when(e)
    s = e.save
    if s is None:
        return dict(life=Text(e.name, style="dim", no_wrap=True, overflow="ellipsis"), turn="—", score="—", tier="—",
                    when=when, state=_state(e))
    score = "—" if s.score is None else str(s.score)
    life = Text(s.scenario.title or s.scenario.id, no_wrap=True, overflow="ellipsis")
    life.append(f"\n{menus.city_label(cities.get(s.rulebook.id, ''), s.rulebook.title or s.rulebook.id)}", style="dim")
    return dict(life=life, turn=str(s.turn), score=score, tier=Text(s.tier or "—", no_wrap=True, overflow="ellipsis"),
                when=when, state=_state(e))


class LoadScreen(Screen):
    CSS_PATH = "load.tcss"
    BINDINGS = [
        Binding("enter", "open", "Resume / view", priority=True),
        Binding("r", "replay", "Replay viewer"),
        Binding("escape", "back", "Back"),
        Binding("q", "back", "Back", show=False),
        Binding("f5", "reload", "Refresh", show=False),
    ]

    def __init__(self, saves_dir: Path | str | None = None) -> None:
        super().__init__()
        self.saves_dir = Path(saves_dir) if saves_dir is not None else None
        self.entries: list[RunEntry] = []
        self.finder = ContentFinder()
        self.cities: dict[str, str] = {}

    @property
    def folder(self) -> Path:
        return self.saves_dir if self.saves_dir is not None else default_saves(self.app)

    def compose(self) -> ComposeResult:
        yield Static(id="load-head")
        yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
        yield Static(id="load-detail")
        yield NoticeLine()
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#runs", DataTable)
        self.cities = cities()
        self._columns(self.app.size.width)
        self.action_reload()
        table.focus()

    def _columns(self, width: int) -> None:
        table = self.query_one("#runs", DataTable)
        table.clear(columns=True)
        self.widths = column_widths(width)
        for key, label in COLUMNS:
            if key in self.widths:
                table.add_column(label, key=key, width=self.widths[key])

    def on_resize(self, event: events.Resize) -> None:
        """The columns follow the terminal: wider names when there is room, none cut at 60."""
        if not self.is_mounted or column_widths(event.size.width) == getattr(self, "widths", None):
            return
        table = self.query_one("#runs", DataTable)
        row = table.cursor_row
        self._columns(event.size.width)
        self.action_reload()
        if self.entries and row:
            table.move_cursor(row=min(row, len(self.entries) - 1), animate=False)
            self._show(table.cursor_row)

    # ------------------------------------------------------------------ listing

    def action_reload(self) -> None:
        listing = list_runs(self.folder)
        self.entries = [check_entry(e, self.finder) for e in listing.entries]
        table = self.query_one("#runs", DataTable)
        table.clear()
        for i, e in enumerate(self.entries):
            cells = _cells(e, self.cities)
            table.add_row(*(cells[key] for key in self.widths), key=str(i), height=2)
        self.query_one("#load-head", Static).update(render.text(menus.saves_head(self.folder)))
        if listing.problem:
            self._detail(Text(listing.problem))
        elif not self.entries:
            self._detail(Text(menus.no_saved_runs(self.folder)))
        else:
            table.move_cursor(row=0)
            self._show(0)

    def _detail(self, text: Text) -> None:
        self.query_one("#load-detail", Static).update(text)

    def _current(self) -> RunEntry | None:
        table = self.query_one("#runs", DataTable)
        if not self.entries or table.cursor_row is None or not 0 <= table.cursor_row < len(self.entries):
            return None
        return self.entries[table.cursor_row]

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        e = self.entries[row]
        self._detail(render.text(menus.run_detail(e, describe(e.holder) if e.holder is not None else "")))

    # ------------------------------------------------------------------ opening

    def _open(self, e: RunEntry):
        """The run with its content, or None after saying what is wrong."""
        if e.problem is not None:
            self.notify(e.problem.message, title=menus.cannot_be_opened(e.name), severity="error", markup=False)
            return None
        try:
            return open_run(e.path, self.finder)
        except SaveProblem as exc:
            e.problem = exc
        except Exception as exc:  # never a traceback for a bad save
            e.problem = SaveProblem(e.path, menus.unexpected(exc))
        self.notify(e.problem.message, title=menus.cannot_be_opened(e.name), severity="error", markup=False)
        self._show(self.entries.index(e))
        return None

    def action_open(self) -> None:
        e = self._current()
        if e is None:
            return
        if e.save is not None and e.save.final is not None:
            self.action_replay()
            return
        run = self._open(e)
        if run is None:
            return
        try:
            session, saver = resume(run, self.folder)
        except RunInUse as exc:
            e.holder = exc.holder
            self._show(self.entries.index(e))
            self._offer_in_use(run, exc)
            return
        except SaveProblem as exc:
            e.problem = exc
            self.notify(exc.message, title="Cannot resume", severity="error", markup=False)
            self._show(self.entries.index(e))
            return
        continue_life(self.app, session, saver)

    def _offer_in_use(self, run, exc: RunInUse) -> None:
        """Another instance plays this run: watch it read-only, or play on from a copy."""
        from .in_use import InUseDialog

        def answered(choice: str | None) -> None:
            if choice == "watch":
                from .replay import ReplayScreen

                self.app.push_screen(ReplayScreen(run=run, saves_dir=self.folder))
            elif choice == "copy":
                try:
                    session, saver = take_over(run, len(run.save.turns), self.folder)
                except SaveProblem as problem:
                    self.notify(problem.message, title="Cannot copy", severity="error", markup=False)
                    return
                if saver.failing:
                    self.notify(saver.failing, title="Not saving", severity="warning", markup=False)
                continue_life(self.app, session, saver)

        self.app.push_screen(InUseDialog(run.name, describe(exc.holder)), answered)

    def action_replay(self) -> None:
        e = self._current()
        if e is None:
            return
        run = self._open(e)
        if run is None:
            return
        from .replay import ReplayScreen

        self.app.push_screen(ReplayScreen(run=run, saves_dir=self.folder))

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)
