"""The replay viewer: a saved run as a timeline, turn by turn.

Step with the arrows, jump to a turn with ``j``, play it with space (``+``/``-`` for speed),
see the same decisions under another rulebook with ``o``, and take over from the turn shown
with ``t`` (a new run that keeps the decisions before it; the save viewed is never written).
All game logic is in :mod:`game.runs.timeline` and :mod:`game.runs.compare`.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from ... import places
from ...runs.compare import Comparison, compare
from ...runs.store import OpenedRun, SaveProblem, take_over, verify
from ...runs.timeline import Timeline, TurnView, for_save
from ...scenario.content import Rulebook
from ...scenario.library import open_rulebook, rulebooks
from ...report import menus
from ...report.document import Para
from ...report.replay import cell_words, compare_lead, end_doc, life_status, turn_doc
from ...report.turn import GUIDE
from .. import render

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
BASE_INTERVAL = 1.5  # seconds per turn at speed 1


# --------------------------------------------------------------------------- dialogs


class JumpDialog(ModalScreen[int | None]):
    CSS_PATH = "replay.tcss"
    """Asks for a turn number."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, first: int, last: int) -> None:
        super().__init__()
        self.first, self.last = first, last

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(f"Jump to turn ({self.first}-{self.last}):")
            yield Input(placeholder=str(self.first), type="integer", id="jump-input")
            yield Static("Enter jumps · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            self.dismiss(int(event.value))
        except ValueError:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class RulebookDialog(ModalScreen[str | None]):
    CSS_PATH = "replay.tcss"
    """Choose the rulebook to relive the run under ("" leaves comparison mode)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: str, comparing: str | None) -> None:
        super().__init__()
        self.entries = [e for e in rulebooks() if e.id != current]
        self.comparing = comparing

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("The same decisions under another city's rules:")
            options = [Option(Text(e.title), id=str(e.path)) for e in self.entries]
            if self.comparing:
                options.insert(0, Option(Text("Back to this run alone"), id=""))
            if not options:
                options = [Option(Text("No other rulebook is installed"), id="", disabled=True)]
            yield OptionList(*options, id="rulebook-options")
            yield Static("Enter chooses · Escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id or "")

    def action_cancel(self) -> None:
        self.dismiss(None)


class TakeOverDialog(ModalScreen[bool]):
    CSS_PATH = "replay.tcss"
    BINDINGS = [Binding("y", "answer(True)", "Take over"), Binding("n", "answer(False)", "Cancel"),
                Binding("escape", "answer(False)", "Cancel", show=False)]

    def __init__(self, words: Para) -> None:
        super().__init__()
        self.words = words

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(render.text(self.words))  # it names the save file: never markup
            yield Static("y  take over        n  stay", classes="hint")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


# --------------------------------------------------------------------------- drawing


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def turn_text(v: TurnView, run: OpenedRun) -> Group:
    """One turn in full: the event, every choice offered, the choice made, and what followed."""
    return render.blocks(turn_doc(v, run.scenario, run.rulebook))


def end_text(tl: Timeline, run: OpenedRun) -> Group:
    return render.blocks(end_doc(tl, run.save))


def compare_text(c: Comparison, index: int, scenario) -> Group:
    """Both lives at one turn, side by side, and where they part."""
    unit = scenario.calendar.unit
    a, b = c.a, c.b
    lead = render.blocks(compare_lead(c, scenario))
    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column(ratio=1)
    grid.add_column(ratio=1)
    grid.add_row(Text(f"A · {a.title} ({a.city})", style="bold"), Text(f"B · {b.title} ({b.city})", style="bold"))
    row_text = Text("")
    if 0 <= index < len(c.rows):
        row = c.rows[index]
        row_text = Text(f"\n{unit.capitalize()} {row.turn} · {row.event_title} · chosen: {row.choice_text}\n")
        grid.add_row(render.text(cell_words(row.a, False)), render.text(cell_words(row.b, b.parted is not None)))
    grid.add_row(Text(f"\nAs far as it goes: {a.score}, tier {a.tier} ({a.tier_label})\n{life_status(a, unit)}"),
                 Text(f"\nAs far as it goes: {b.score}, tier {b.tier} ({b.tier_label})\n{life_status(b, unit)}"))
    return Group(lead, row_text, grid)


# --------------------------------------------------------------------------- the viewer


class ReplayScreen(Screen):
    CSS_PATH = "replay.tcss"
    BINDINGS = [
        Binding("left", "step(-1)", "Back", priority=True),
        Binding("right", "step(1)", "Forward", priority=True),
        Binding("home", "first", "First", priority=True),
        Binding("end", "last", "Last", priority=True),
        Binding("j", "jump", "Jump to turn"),
        Binding("space", "play", "Play/pause", priority=True),
        Binding("plus,equals_sign", "speed(1)", "Faster", key_display="+"),
        Binding("minus", "speed(-1)", "Slower", key_display="-"),
        Binding("o", "other", "Other rulebook"),
        Binding("t", "take_over", "Take over"),
        Binding("q,escape", "back", "Back"),
    ]

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
                yield Static(id="replay-turn")
        yield Static(id="replay-status")
        yield Footer()

    def on_mount(self) -> None:
        self._fill_table()
        s = self.run.save
        head = Text()
        head.append("Replay · ", style="bold")
        head.append(f"{self.run.scenario.title} under {self.run.rulebook.title} ({self.run.rulebook.meta.city})")
        head.append(f" · {_clip(s.player or 'Unknown', 60)} · seed {s.seed} · {_clip(self.run.name, 60)}", style="dim")
        problem = self._verification()
        if problem is not None:
            head.append(f"\n✗ This save does not verify: {problem}. What you see is the life its decisions "
                        "rebuild, not what the file claims.", style="bold reverse")
        self.query_one("#replay-head", Static).update(head)
        if self._initial_other is not None:
            self._compare_with(self._initial_other)
        if self._initial_turn is not None:
            self._jump_to_turn(self._initial_turn)
        else:
            self.go(0)
        self.query_one("#replay-timeline", DataTable).focus()
        if problem is not None:
            self.notify(f"This save does not verify: {problem}.", title="Replay", severity="warning", markup=False)

    def _verification(self) -> str | None:
        """What is wrong with the save, checked up front (every checksum and every recorded figure)."""
        if self.run.path is None:  # a life just played, not read from a file
            return None
        try:
            ver = verify(self.run)
        except Exception as exc:  # never a traceback on screen
            return f"it cannot be re-simulated ({type(exc).__name__})"
        if ver.ok:
            return None
        p = ver.problem
        assert p is not None
        return f"out of sync at {self.run.scenario.calendar.unit} {p.turn}: {_clip(p.detail, 300)}"

    def _fill_table(self) -> None:
        table = self.query_one("#replay-timeline", DataTable)
        table.clear(columns=True)
        cols = [self.run.scenario.calendar.unit.capitalize(), "Score", "G"]
        if self.comparison is not None:
            cols += ["B score"]
        table.add_columns(*cols, "Event · choice")
        for r in self.timeline.rows:
            g = {True: GUIDE, False: "·", None: ""}[r.followed_guide]
            cells: list[str | Text] = [str(r.turn), f"{r.score_after} ({r.delta:+d})", g]
            if self.comparison is not None:
                row = self.comparison.rows[r.index] if r.index < len(self.comparison.rows) else None
                cells.append(f"{row.b.score} ({row.b.delta:+d})" if row is not None and row.b is not None else "—")
            cells.append(Text(_clip(f"{r.event_title} · {r.choice_text}", 40)))
            table.add_row(*cells, key=str(r.index))
        end = self.timeline.end
        label = "the end" if end is not None and end.finished else "(stopped here)"
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
        panel = self.query_one("#replay-turn", Static)
        try:
            if self.comparison is not None:
                panel.update(compare_text(self.comparison, self.index, self.run.scenario))
            elif self.index >= len(self.timeline):
                panel.update(end_text(self.timeline, self.run))
            else:
                panel.update(turn_text(self.timeline.view(self.index), self.run))
        except Exception as exc:  # never a traceback on screen
            self.app.log.error(repr(exc))
            panel.update(Text(f"This turn cannot be shown ({type(exc).__name__}: {exc})."))
        self.query_one("#replay-detail", VerticalScroll).scroll_home(animate=False)
        self._status()

    def _status(self) -> None:
        n = len(self.timeline)
        unit = self.run.scenario.calendar.unit
        where = "the end" if self.index >= n else f"{unit} {self.timeline.rows[self.index].turn} ({self.index + 1} of {n})"
        state = f"▶ playing ×{SPEEDS[self.speed]:g}" if self.playing else f"paused · speed ×{SPEEDS[self.speed]:g}"
        t = Text(f"{where} · {state}")
        if self.comparison is not None:
            t.append(f" · comparing with {self.comparison.b.title}", style="bold")
        self.query_one("#replay-status", Static).update(t)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if event.cursor_row != self.index:
            self.index = max(0, min(event.cursor_row, self.last_index))
            self._draw()

    def action_step(self, delta: int) -> None:
        self.go(self.index + delta)

    def action_first(self) -> None:
        self.go(0)

    def action_last(self) -> None:
        self.go(self.last_index)

    def action_jump(self) -> None:
        rows = self.timeline.rows
        if not rows:
            return
        self._pause()

        def chosen(turn: int | None) -> None:
            if turn is not None:
                self._jump_to_turn(turn)

        self.app.push_screen(JumpDialog(rows[0].turn, rows[-1].turn), chosen)

    def _jump_to_turn(self, turn: int) -> None:
        i = self.timeline.index_of_turn(turn)
        if i is None:
            self.go(self.last_index)
            self.notify(f"No decision was made in {self.run.scenario.calendar.unit} {turn}; showing the end.",
                        markup=False)
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
                self.notify(f"That rulebook cannot be opened: {exc}", severity="error", markup=False)
                return
            self._compare_with(other)

        self.app.push_screen(RulebookDialog(self.run.rulebook.id, comparing), chosen)

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
        words = menus.take_over(self.run.scenario.calendar.unit, turn, keep, self.run.name)

        def answered(yes: bool | None) -> None:
            if yes:
                self._take_over(keep)

        self.app.push_screen(TakeOverDialog(words), answered)

    def _take_over(self, keep: int) -> None:
        folder = self.saves_dir or getattr(self.app, "saves_dir", None) or \
            (self.run.path.parent if self.run.path else places.saves_dir())
        try:
            session, saver = take_over(self.run, keep, folder)
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
