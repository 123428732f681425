"""How the life ended: the ending's scene, then the system's verdict beside what it never saw."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from ...runs.session import Session
from ...report.dossier import verdict, virtues
from ...report.words import plural
from .. import render
from ..widgets.key_bar import KeyBar
from ..widgets.more_below import MoreBelow
from ..widgets.notice_line import NoticeLine
from . import citizen_app
from .dossier import DossierScreen
from .rulebook import RulebookScreen
from .settled import SettledScreen


class EndingScreen(SettledScreen):
    CSS_PATH = "ending.tcss"
    BINDINGS = [
        Binding("enter,m", "report", "What it meant", key_display="⏎",
                tooltip="Seven pages setting your score beside your life"),
        Binding("a", "again", "Live it again", tooltip="The same life from its first day, in a city you pick"),
        Binding("t", "title", "Title screen", tooltip="Back to the title screen"),
        Binding("d", "dossier", "Dossier", tooltip="Your record as the system holds it"),
        Binding("r", "rulebook", "Rulebook", tooltip="The city's rules, as much as it publishes"),
    ]
    SHORT_LABELS = {"report": "Meaning", "again": "Again", "title": "Title", "rulebook": "Rules"}
    #: Below 72 columns the two boxes stand one above the other: side by side, the virtue
    #: table (29 cells a line) wrapped its "moved" column onto a line of its own.
    HORIZONTAL_BREAKPOINTS = [(0, "-stacked"), (72, "-side-by-side")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        game = self.session.game
        ending = game.ending()
        title = ending.title if ending else "The end"
        text = ending.text if ending else ""
        cal = game.scenario.calendar
        when = Text(f"{game.scenario.title} · {plural(game.state.turn, cal.unit)} under "
                    f"{game.rulebook.title}, {game.rulebook.meta.city}", style="dim")
        with VerticalScroll(id="ending-scroll"):
            yield MoreBelow()  # at 60x20 the verdict and the virtues are below the scene
            yield Static(when, id="ending-when")
            yield Static(Text(title, style="bold"), id="ending-title")
            yield Static(Text(text.strip()), id="ending-text")
            with Horizontal(id="ledger"):
                with Vertical(classes="column", id="verdict"):
                    yield Static("What the system holds", classes="column-title")
                    yield Static(self._verdict(), id="verdict-body")
                with Vertical(classes="column", id="unseen"):
                    yield Static("What it never saw", classes="column-title")
                    yield Static(self._virtues(), id="virtues-body")
        yield NoticeLine()
        yield KeyBar()

    def on_resize(self) -> None:
        self.query_one(MoreBelow).check()

    def on_mount(self) -> None:
        self.app.clear_notifications()
        self.query_one("#ending-scroll").focus()

    def _verdict(self) -> Text:
        return render.text(verdict(self.session.game))

    def _virtues(self) -> Text:
        return render.text(virtues(self.session.game))

    def action_report(self) -> None:
        """The paged end screens: the life in numbers, what the system missed, reflection."""
        from .end import EndScreens

        citizen_app(self.app).overlay(EndScreens(session=self.session))

    def action_again(self) -> None:
        from .city import live_again

        live_again(self.app, self.session.scenario, self.session.rulebook)

    def action_title(self) -> None:
        from .title import TitleScreen

        citizen_app(self.app).show(TitleScreen())

    def action_dossier(self) -> None:
        citizen_app(self.app).overlay(DossierScreen(self.session.game))

    def action_rulebook(self) -> None:
        g = self.session.game
        citizen_app(self.app).overlay(RulebookScreen(g.rulebook, g.turn, g.scenario.calendar.unit))
