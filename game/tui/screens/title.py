"""The title screen: the premise, then a life (scenario) and a city's rules (rulebook)."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ... import places
from ..widgets.key_bar import KeyBar
from ..widgets.notice_line import NoticeLine
from . import citizen_app
from .. import render
from ...report import menus
from ...scenario.library import Entry, content_root, open_rulebook, open_scenario, peek, rulebooks, scenarios

DEFAULT_RULEBOOK = "points_city"


def _entry_prompt(e: Entry) -> Text:
    """One line: a rulebook by its city first (the city is what the summary describes)."""
    if e.kind == "rulebook":
        city = str(_rulebook_meta(e).get("city") or "")
        if city and city != e.title:
            t = Text(no_wrap=True, overflow="ellipsis")
            t.append(city, style="bold")
            t.append(menus.city_label(city, e.title)[len(city):])
            return t
    return Text(e.title, style="bold", no_wrap=True, overflow="ellipsis")


def by_city(entries: list[Entry]) -> list[Entry]:
    """Rulebooks in the order of their cities' names, as the player looks for them."""
    return sorted(entries, key=lambda e: str(_rulebook_meta(e).get("city") or e.title).casefold())


def _entry_summary(e: Entry) -> Text:
    """What the highlighted entry is: for a rulebook, its city and how open it is first."""
    return render.text(menus.entry_summary(e.kind, e.summary, _rulebook_meta(e) if e.kind == "rulebook" else {},
                                           e.title))


def _rulebook_meta(e: Entry) -> dict:
    """The city and transparency a rulebook declares, for the list (nothing is checked here).
    Read once per version of the file: the list asks for it to sort, to draw each line and to
    describe the highlighted one, and the title screen is drawn again on every return to it."""
    if e.meta:  # as the listing read it
        return e.meta
    path = Path(e.path)
    try:
        st = path.stat()
        version = (st.st_mtime_ns, st.st_size)
    except OSError:
        return peek(path, "rulebook")
    got = _META.get(path)
    if got is None or got[0] != version:
        got = _META[path] = (version, peek(path, "rulebook"))
    return got[1]


_META: dict[Path, tuple[tuple[int, int], dict]] = {}


def _options(entries: list[Entry]) -> list:
    out: list = []
    for i, e in enumerate(entries):
        if e.problem:  # listed where it would have been, and not choosable
            out.append(Option(Text(f"✗ {e.title}", style="dim"), id=f"!{i}", disabled=True))
        else:
            out.append(Option(_entry_prompt(e), id=e.id))  # one line each: all fit at 80x24
    return out


def _usable_first(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if not e.problem] + [e for e in entries if e.problem]


class TitleScreen(Screen):
    CSS_PATH = "title.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    BINDINGS = [
        Binding("s", "start", "Start this life", tooltip="Begin the highlighted life under the highlighted city"),
        Binding("l", "load", "Load a run", tooltip="Resume a saved life, or open it in the replay viewer"),
        Binding("h", "hall", "Hall of records", tooltip="Every finished life, with its report"),
        # Enter and Tab move between the lists as soon as they are pressed (priority), so a key
        # typed straight after them acts on the list moved to, not on the one being left.
        Binding("tab", "app.focus_next", "Next list", show=True, priority=True),
        Binding("enter", "enter", "Choose", show=False, priority=True),
    ]
    SHORT_LABELS = {"start": "Start", "load": "Load", "hall": "Hall", "app.focus_next": "Next"}

    def __init__(self) -> None:
        super().__init__()
        self.scenario_entries = _usable_first(scenarios(broken=True))
        self.rulebook_entries = _usable_first(by_city(rulebooks(broken=True)))
        self.broken = [e for e in self.scenario_entries + self.rulebook_entries if e.problem]

    def compose(self) -> ComposeResult:
        with Vertical(id="title-top"):
            yield Static(Text("MODEL CITIZEN", style="bold"), id="name")
            yield Static(Text(menus.PREMISE), id="premise")
        with Horizontal(id="pickers"):
            with Vertical(classes="picker"):
                yield Static("A life", classes="picker-title")
                yield OptionList(*_options(self.scenario_entries), id="scenarios")
            with Vertical(classes="picker"):
                yield Static("A city's rulebook", classes="picker-title")
                yield OptionList(*_options(self.rulebook_entries), id="rulebooks")
        yield Static(id="summary")
        yield Static(id="message")
        yield NoticeLine()
        yield KeyBar()

    def on_mount(self) -> None:
        rb = self.query_one("#rulebooks", OptionList)
        ids = [e.id for e in self.rulebook_entries if not e.problem]
        if ids:
            rb.highlighted = ids.index(DEFAULT_RULEBOOK) if DEFAULT_RULEBOOK in ids else 0
        sc = self.query_one("#scenarios", OptionList)
        usable = [e for e in self.scenario_entries if not e.problem]
        if usable:
            sc.highlighted = 0
        sc.focus()
        self.call_after_refresh(self._tell, sc)
        problem = places.content_problem()
        if problem is not None:
            self._say(problem, error=True)
        elif self.broken:
            self._say(menus.unusable_content(len(self.broken), self.broken[0].problem), error=True)
        elif not usable or not ids:
            self._say(menus.no_content("scenarios" if not usable else "rulebooks", content_root()))
        else:
            self._say(menus.CHOOSE)

    def _say(self, text: str, error: bool = False) -> None:
        msg = self.query_one("#message", Static)
        msg.update(Text(text))
        msg.set_class(error, "error")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The lists stay short (every entry visible at 80x24); the highlighted one is told here,
        for the list in use (the other's highlight is only its choice so far)."""
        if self.focused is not None and self.focused is not event.option_list:
            return
        entries = self.scenario_entries if event.option_list.id == "scenarios" else self.rulebook_entries
        entry = next((e for e in entries if e.id == event.option.id), None)
        if entry is not None:
            self.query_one("#summary", Static).update(_entry_summary(entry))

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, OptionList):
            self._tell(event.widget)

    def _tell(self, lst: OptionList) -> None:
        """The summary of the entry highlighted in ``lst``."""
        if lst.highlighted is not None:
            entries = self.scenario_entries if lst.id == "scenarios" else self.rulebook_entries
            if 0 <= lst.highlighted < len(entries):
                self.query_one("#summary", Static).update(_entry_summary(entries[lst.highlighted]))

    def action_enter(self) -> None:
        """Enter on the lives moves on to the cities; on the cities, starts the life."""
        rb = self.query_one("#rulebooks", OptionList)
        if self.focused is self.query_one("#scenarios", OptionList):
            self.set_focus(rb)  # at once: a key typed next goes to the cities
        else:
            self.action_start()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "scenarios":
            self.query_one("#rulebooks", OptionList).focus()
        else:
            self.action_start()

    def action_load(self) -> None:
        from .load import LoadScreen

        app = citizen_app(self.app)
        app.overlay(LoadScreen(saves_dir=app.saves_dir))

    def action_hall(self) -> None:
        from .hall import HallScreen

        app = citizen_app(self.app)
        app.overlay(HallScreen(saves_dir=app.saves_dir))

    def action_start(self) -> None:
        sc = self.query_one("#scenarios", OptionList).highlighted
        rb = self.query_one("#rulebooks", OptionList).highlighted
        if sc is None or rb is None:
            self._say(menus.CHOOSE_FIRST, error=True)
            return
        s_entry, r_entry = self.scenario_entries[sc], self.rulebook_entries[rb]
        if s_entry.problem or r_entry.problem:
            self._say((s_entry.problem or r_entry.problem), error=True)
            return
        try:
            scenario = open_scenario(s_entry.path)
            rulebook = open_rulebook(r_entry.path, scenario.lexicon)
        except Exception as exc:  # a content error: a message, never a traceback
            self._say(menus.cannot_open(s_entry.title, r_entry.title, exc), error=True)
            return
        citizen_app(self.app).start_life(scenario, rulebook)
