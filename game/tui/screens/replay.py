"""The replay viewer: a saved run as a timeline, turn by turn.

Step with the arrows, jump to a turn with ``j``, play it with space (``+``/``-`` for speed),
see the same decisions under another rulebook with ``o``, and take over from the turn shown
with ``t`` (a new run that keeps the decisions before it; the save viewed is never written).
All game logic is in :mod:`game.runs.timeline` and :mod:`game.runs.compare`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from ... import places
from ...engine.relive import relive
from ...runs.compare import Comparison, compare
from ...runs.store import OpenedRun, SaveProblem, take_over, verify
from ...runs.timeline import Timeline, TurnView, for_save
from ...scenario.content import Rulebook
from ...scenario.library import open_rulebook, rulebooks
from ...report import menus
from ...report.replay import cell_words, compare_lead, end_doc, life_status, turn_doc
from ...report.turn import GUIDE
from ...report.words import signed
from .. import render
from .city import OWN, CityDialog, city_of, open_answer
from .dialog import Dialog
from .title import by_city
from ..widgets.doc_view import DocView
from ..widgets.key_bar import KeyBar
from ..widgets.notice_line import NoticeLine

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
BASE_INTERVAL = 1.5  # seconds per turn at speed 1


# --------------------------------------------------------------------------- dialogs


class JumpDialog(Dialog[int | None]):
    """Asks for a turn, by its number in the calendar ("week 4"); what is typed shows as typed."""

    DEFAULT_CSS = """
    JumpDialog Input { margin: 1 0 0 0; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, first: int, last: int, unit: str = "turn", typed: str = "") -> None:
        super().__init__()
        self.first, self.last, self.unit, self.typed = first, last, unit, typed

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            question, empty = menus.jump_question(self.unit, self.first, self.last)
            yield Static(question)
            yield Input(value=self.typed, placeholder=empty, type="integer", id="jump-input")
            yield Static("Enter jumps · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        box = self.query_one(Input)
        box.focus()
        box.cursor_position = len(box.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.dismiss(int(event.value))
        except ValueError:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class RulebookDialog(Dialog[str | None]):
    """Choose the rulebook to relive the run under ("" leaves comparison mode), by city."""

    DEFAULT_CSS = """
    RulebookDialog OptionList { height: auto; max-height: 10; margin: 1 0 0 0; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str, comparing: str | None) -> None:
        super().__init__()
        self.entries = [e for e in by_city(rulebooks()) if e.id != current]
        self.comparing = comparing

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(menus.OTHER_CITY)
            options = [Option(Text(menus.city_label(city_of(e), e.title)), id=str(e.path)) for e in self.entries]
            if self.comparing:
                options.insert(0, Option(Text(menus.BACK_TO_ONE), id=""))
            if not options:
                options = [Option(Text(menus.NO_OTHER_RULEBOOK), id="", disabled=True)]
            yield OptionList(*options, id="rulebook-options")
            yield Static("Enter chooses · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id or "")

    def action_cancel(self) -> None:
        self.dismiss(None)


# --------------------------------------------------------------------------- drawing


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def turn_text(v: TurnView, run: OpenedRun, styles: render.Styles | None = None) -> Group:
    """One turn in full: the event, every choice offered, the choice made, and what followed."""
    return render.blocks(turn_doc(v, run.scenario, run.rulebook), styles)


def end_text(tl: Timeline, run: OpenedRun, styles: render.Styles | None = None) -> Group:
    return render.blocks(end_doc(tl, run.save), styles)


def compare_text(c: Comparison, index: int, scenario, styles: render.Styles | None = None) -> Group:
    """Both lives at one turn, side by side, and where they part."""
    unit = scenario.calendar.unit
    a, b = c.a, c.b
    lead = render.blocks(compare_lead(c, scenario), styles)
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(render.text(menus.compare_life("A", a.title, a.city), styles=styles),
                 render.text(menus.compare_life("B", b.title, b.city), styles=styles))
    row_text = Text("")
    if 0 <= index < len(c.rows):
        row = c.rows[index]
        row_text = render.text(menus.compare_row(unit, row.turn, row.event_title, row.choice_text), styles=styles)
        grid.add_row(render.text(cell_words(row.a, False), styles=styles),
                     render.text(cell_words(row.b, b.parted is not None), styles=styles))
    grid.add_row(render.text(menus.compare_figures(a, life_status(a, unit)), styles=styles),
                 render.text(menus.compare_figures(b, life_status(b, unit)), styles=styles))
    return Group(lead, row_text, grid)


# --------------------------------------------------------------------------- the viewer


class ReplayScreen(Screen):
    CSS_PATH = "replay.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("left", "step(-1)", "Earlier", show=False, priority=True),
        Binding("right", "step(1)", "Step", key_display="← →", priority=True),
        # PageUp/PageDown read the turn shown (the table's own jumped to its end, a reader's
        # surprise); the arrows still choose the turn
        Binding("pagedown", "read(1)", "Read on", show=False, priority=True),
        Binding("pageup", "read(-1)", "Read back", show=False, priority=True),
        Binding("home", "first", "First", show=False, priority=True),
        Binding("end", "last", "Last", show=False, priority=True),
        Binding("j", "jump", "Jump to a turn", tooltip="Go to a turn by its number (or type the number)"),
        *[Binding(str(n), f"jump_typed('{n}')", show=False) for n in range(10)],
        Binding("space", "play", "Play/pause", priority=True, tooltip="Step through the turns by themselves"),
        Binding("plus,equals_sign", "speed(1)", "Faster", key_display="+", show=False),
        Binding("minus", "speed(-1)", "Slower", key_display="-", show=False),
        Binding("o", "other", "Other city", tooltip="The same decisions under another city's rules, side by side"),
        Binding("t", "take_over", "Take over", tooltip="Play on from the turn shown, in a city you pick"),
        Binding("q,escape", "back", "Back"),
    ]
    SHORT_LABELS = {"jump": "Jump", "play": "Play", "other": "Other", "take_over": "Take"}

    def __init__(self, run: OpenedRun, saves_dir: Path | str | None = None, other: Rulebook | None = None,
                 turn: int | None = None, every: int = 8) -> None:
        super().__init__()
        self.run = run
        self.saves_dir = Path(saves_dir) if saves_dir is not None else None
        self.timeline = for_save(run, every=every)
        self.index = 0
        self.speed = 2  # index into SPEEDS: 1x
        self.timer: Timer | None = None
        self.comparison: Comparison | None = None
        self._initial_other = other
        self._initial_turn = turn

    # ------------------------------------------------------------------ layout

    @property
    def last_index(self) -> int:
        return len(self.timeline)  # the end card sits after the last decision

    @property
    def playing(self) -> bool:
        return self.timer is not None

    def compose(self) -> ComposeResult:
        yield Static(id="replay-head")
        with Horizontal(id="replay-body"):
            yield DataTable(id="replay-timeline", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="replay-detail"):
                yield DocView(id="replay-turn")
        yield Static(id="replay-status")
        yield NoticeLine()
        yield KeyBar()

    def on_mount(self) -> None:
        self._fill_table()
        s = self.run.save
        head = render.text(menus.replay_head(scenario=self.run.scenario.title, rulebook=self.run.rulebook.title,
                                             city=self.run.rulebook.meta.city, player=s.player, seed=s.seed,
                                             run_name=self.run.name))
        problem = self._verification()
        if problem is not None:  # a save that does not verify is told whole, however many lines it takes
            head.append("\n")
            head.append_text(render.text(menus.not_verified(problem)))
        shown = self.query_one("#replay-head", Static)
        shown.set_class(problem is None, "-cut")  # else two lines, cut rather than wrapped at 60 or 80
        shown.update(head)
        if self._initial_other is not None:
            self._compare_with(self._initial_other)
        if self._initial_turn is not None:
            self._jump_to_turn(self._initial_turn)
        else:
            self.go(0)
        self.query_one("#replay-timeline", DataTable).focus()
        if problem is not None:
            self.notify(menus.not_verified_notice(problem), title="Replay", severity="warning", markup=False)

    def _verification(self) -> str | None:
        """What is wrong with the save, checked up front (every checksum and every recorded figure)."""
        if self.run.path is None:  # a life just played, not read from a file
            return None
        try:
            ver = verify(self.run)
        except Exception as exc:  # never a traceback on screen
            return menus.cannot_resimulate(exc)
        if ver.ok:
            return None
        p = ver.problem
        assert p is not None
        return menus.out_of_sync(self.run.scenario.calendar.unit, p.turn, p.detail)

    def _fill_table(self) -> None:
        table = self.query_one("#replay-timeline", DataTable)
        table.clear(columns=True)
        score, guide, b_score, what = menus.TIMELINE_COLUMNS
        cols: list[str | Text] = [self.run.scenario.calendar.unit.capitalize(), score, guide]
        if self.comparison is not None:  # named by its city ("B" said nothing), as text: never markup
            cols += [Text(self.comparison.b.city or b_score)]
        table.add_columns(*cols, what)
        for r in self.timeline.rows:
            g = {True: GUIDE, False: "·", None: ""}[r.followed_guide]
            cells: list[str | Text] = [str(r.turn), f"{r.score_after} ({signed(r.delta)})", g]
            if self.comparison is not None:
                row = self.comparison.rows[r.index] if r.index < len(self.comparison.rows) else None
                cells.append(f"{row.b.score} ({signed(row.b.delta)})" if row is not None and row.b is not None else "—")
            cells.append(Text(_clip(f"{r.event_title} · {r.choice_text}", 40)))
            table.add_row(*cells, key=str(r.index))
        end = self.timeline.end
        label = menus.timeline_end(end is not None and end.finished)
        last: list[str | Text] = ["", str(end.score) if end else "", ""]
        if self.comparison is not None:
            last.append(str(self.comparison.b.score))
        last.append(Text(label, style="bold"))
        table.add_row(*last, key="end")

    # ------------------------------------------------------------------ moving

    def go(self, index: int) -> None:
        index = max(0, min(index, self.last_index))
        self.index = index
        table = self.query_one("#replay-timeline", DataTable)
        if table.cursor_row != index:
            table.move_cursor(row=index, animate=False)
        self._draw()

    def _draw(self) -> None:
        panel = self.query_one("#replay-turn", DocView)
        comparison, index = self.comparison, self.index

        def draw(styles: render.Styles) -> RenderableType:
            try:
                if comparison is not None:
                    return compare_text(comparison, index, self.run.scenario, styles)
                if index >= len(self.timeline):
                    return end_text(self.timeline, self.run, styles)
                return turn_text(self.timeline.view(index), self.run, styles)
            except Exception as exc:  # never a traceback on screen
                self.app.log.error(repr(exc))
                return Text(menus.cannot_show_turn(exc))

        panel.draw(draw)
        self.query_one("#replay-detail", VerticalScroll).scroll_home(animate=False)
        self._status()

    def _status(self) -> None:
        n = len(self.timeline)
        status = menus.replay_status(unit=self.run.scenario.calendar.unit,
                                     turn=None if self.index >= n else self.timeline.rows[self.index].turn,
                                     position=self.index + 1, count=n, playing=self.playing,
                                     speed=SPEEDS[self.speed],
                                     comparing=self.comparison.b.city or self.comparison.b.title
                                     if self.comparison is not None else None)
        self.query_one("#replay-status", Static).update(render.text(status))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.cursor_row != self.index:
            self.index = max(0, min(event.cursor_row, self.last_index))
            self._draw()

    def action_step(self, delta: int) -> None:
        self.go(self.index + delta)

    def action_read(self, pages: int) -> None:
        detail = self.query_one("#replay-detail", VerticalScroll)
        if pages > 0:
            detail.scroll_page_down(animate=False)
        else:
            detail.scroll_page_up(animate=False)

    def action_first(self) -> None:
        self.go(0)

    def action_last(self) -> None:
        self.go(self.last_index)

    def action_jump(self, typed: str = "") -> None:
        rows = self.timeline.rows
        if not rows:
            return
        self._pause()

        def chosen(turn: int | None) -> None:
            if turn is not None:
                self._jump_to_turn(turn)

        self.app.push_screen(JumpDialog(rows[0].turn, rows[-1].turn, self.run.scenario.calendar.unit, typed),
                             chosen)

    def action_jump_typed(self, digit: str) -> None:
        """A number typed on the viewer opens the jump with it already in the box."""
        self.action_jump(digit)

    def _jump_to_turn(self, turn: int) -> None:
        i = self.timeline.index_of_turn(turn)
        if i is None:
            self.go(self.last_index)
            self.notify(menus.no_decision_in(self.run.scenario.calendar.unit, turn), markup=False)
        else:
            self.go(i)

    # ------------------------------------------------------------------ playing

    def action_play(self) -> None:
        if self.playing:
            self._pause()
        else:
            if self.index >= self.last_index:
                self.go(0)
            self._start()
        self._status()

    def _start(self) -> None:
        self._pause()
        self.timer = self.set_interval(BASE_INTERVAL / SPEEDS[self.speed], self._tick)

    def _pause(self) -> None:
        if self.timer is not None:
            self.timer.stop()
            self.timer = None

    def _tick(self) -> None:
        if self.index >= self.last_index:
            self._pause()
            self._status()
            return
        self.go(self.index + 1)
        if self.index >= self.last_index:
            self._pause()
            self._status()

    def action_speed(self, delta: int) -> None:
        self.speed = max(0, min(len(SPEEDS) - 1, self.speed + delta))
        if self.playing:
            self._start()
        self._status()

    # ------------------------------------------------------------------ another rulebook

    def action_other(self) -> None:
        self._pause()
        comparing = self.comparison.b.rulebook if self.comparison else None

        def chosen(path: str | None) -> None:
            if path is None:
                return
            if path == "":
                self.comparison = None
                self._fill_table()
                self.go(self.index)
                return
            try:
                other = open_rulebook(path, self.run.scenario.lexicon)
            except Exception as exc:  # content errors: a message, never a traceback
                self.notify(menus.cannot_open_rulebook(exc), severity="error", markup=False)
                return
            self._compare_with(other)

        self.app.push_screen(RulebookDialog(self.run.rulebook.id, comparing), chosen)

    @property
    def _comparing_path(self) -> str | None:
        """The file of the city being compared with, as the city dialog names it."""
        if self.comparison is None:
            return None
        rid = self.comparison.b.rulebook
        return next((str(e.path) for e in rulebooks() if e.id == rid), None)

    def _compare_with(self, other: Rulebook) -> None:
        s = self.run.save
        self.comparison = compare(self.run.scenario, self.run.rulebook, other, s.seed, self.timeline.decisions)
        self._fill_table()
        self.go(self.index)
        p = self.comparison.parting
        if p is not None:
            self.notify(menus.lives_part(other.title, self.run.scenario.calendar.unit, p.turn),
                        title="Other rules", markup=False)

    # ------------------------------------------------------------------ taking over

    def action_take_over(self) -> None:
        self._pause()
        keep = min(self.index, len(self.timeline))
        end = self.timeline.end
        if keep >= len(self.timeline) and end is not None and end.finished:
            self.notify(menus.TAKE_OVER_ENDED, markup=False)
            return
        turn = self.timeline.rows[keep].turn if keep < len(self.timeline) else (end.turn if end else keep + 1)
        unit = self.run.scenario.calendar.unit
        question = render.text(menus.take_over(unit, turn, keep, self.run.name))
        question.append(f"\n\n{menus.WHICH_CITY}")
        decisions = self.timeline.decisions[:keep]
        applies: dict[str, tuple[int, int | None]] = {}  # answer -> (decisions that apply, where they part)

        def fits(answer: str) -> tuple[int, int | None]:
            if answer not in applies:
                rulebook = open_answer(self.app, answer, self.run.rulebook, self.run.scenario)
                if rulebook is None:
                    applies[answer] = (0, None)
                else:
                    lived = relive(self.run.scenario, rulebook, self.run.save.seed, decisions)
                    applies[answer] = (len(lived.results), lived.parting.turn if lived.parting else None)
            return applies[answer]

        def note(answer: str, city: str) -> str:
            n, parting = fits(answer)
            return menus.city_note(own_city=self.run.rulebook.meta.city, city=city, keep=keep, applies=n, unit=unit,
                                   parting_turn=parting)

        def answered(answer: str | None) -> None:
            if answer is None:
                return
            rulebook = open_answer(self.app, answer, self.run.rulebook, self.run.scenario)
            if rulebook is not None:
                self._take_over(min(keep, fits(answer)[0]), rulebook)

        # Comparing with another city: that city is offered first, since it is the one on screen.
        start = OWN if self.comparison is None else self._comparing_path or OWN
        self.app.push_screen(CityDialog(question, self.run.rulebook, start=start,
                                        hint="Enter or y takes over · Escape stays", note=note), answered)

    def _take_over(self, keep: int, rulebook: Rulebook | None = None) -> None:
        folder = self.saves_dir or getattr(self.app, "saves_dir", None) or \
            (self.run.path.parent if self.run.path else places.saves_dir())
        run = self.run if rulebook is None or rulebook is self.run.rulebook else replace(self.run, rulebook=rulebook)
        try:
            session, saver = take_over(run, keep, folder)
        except SaveProblem as exc:
            self.notify(exc.message, title="Cannot take over", severity="error", markup=False)
            return
        if saver.failing:
            self.notify(saver.failing, title="Not saving", severity="warning", markup=False)
        from .load import continue_life

        continue_life(self.app, session, saver)

    def action_back(self) -> None:
        self._pause()
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            self.app.exit(0)


def run_viewer(run: OpenedRun, saves: Path | None = None, other: Rulebook | None = None,
               turn: int | None = None) -> int:
    """``citizen replay SAVE``: the full app, opened on the viewer (take over plays on in it)."""
    from ..app import CitizenApp

    class ReplayApp(CitizenApp):
        def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]
            event.prevent_default()  # not the title screen: the viewer
            self.push_screen(ReplayScreen(run=run, saves_dir=saves, other=other, turn=turn))

    app = ReplayApp(saves=saves)
    app.run()
    return int(app.return_code or 0)
