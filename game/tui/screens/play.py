"""The play screen: a week's event and its choices, then what the system made of the decision.

The screen holds the :class:`Session`; its widgets only draw what they are given and post
messages back. A turn has two faces: the event (choose with 1-9, arrows and Enter, a click,
or g for the Guide's pick), then the report (the narration, the notices, the score).
"""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll

from ...engine.game import Game
from ...engine.outcome import IllegalDecision, Notice, Offer, TurnResult
from ...runs.session import Session
from ..widgets.choice_list import ChoiceList
from . import citizen_app
from .dossier import DossierScreen
from .ending import EndingScreen
from .help import HelpScreen
from .rulebook import RulebookScreen
from .settled import SettledScreen
from .status import StatusScreen
from ..widgets.event_view import EventView
from ..widgets.status_bar import StatusBar
from ..widgets.status_panel import StatusPanel
from ..widgets.turn_report import TurnReport
from ..widgets.doc_view import DocView
from ..widgets.key_bar import KeyBar
from ..widgets.more_below import MoreBelow
from ..widgets.notice_line import NoticeLine
from ...report import menus
from ...report.notices import guide_words
from ...report.turn import guide_note, standing_changes
from .. import render


class PlayScreen(SettledScreen):
    CSS_PATH = "play.tcss"
    BINDINGS = [
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"choose({n})", f"Choose {n}", show=False) for n in range(2, 10)],
        Binding("g", "guide", "Follow the Guide", tooltip="Take the choice the system recommends for your score"),
        Binding("g", "guide_none", "Guide: no pick"),  # shown instead when it has none
        Binding("enter", "proceed", "Continue"),
        Binding("space", "proceed", "Continue", show=False),
        Binding("d", "dossier", "Dossier", tooltip="Your record as the system holds it"),
        Binding("r", "rulebook", "Rulebook", tooltip="The city's rules, as much as it publishes"),
        Binding("s", "status", "Status", tooltip="Score, tier, money, restrictions and privileges in full"),
        Binding("question_mark", "help", "Help", key_display="?",
                tooltip="The legend: what the words mean (score, tier, record, the four forces)"),
        Binding("ctrl+s", "save_elsewhere", "Save elsewhere",  # shown only while saving fails
                tooltip="Saving fails here: choose another folder for this run"),
    ]
    SHORT_LABELS = {"guide": "Guide", "guide_none": "No pick", "rulebook": "Rules", "choose(1)": "Pick",
                    "save_elsewhere": "Save"}

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.phase = "opening"  # opening, event, report
        self.offer: Offer | None = None
        self.last_result: TurnResult | None = None

    @property
    def game(self) -> Game:
        return self.session.game

    def compose(self) -> ComposeResult:
        yield StatusBar(id="statusbar")
        with Horizontal(id="body"):
            with VerticalScroll(id="main"):
                yield MoreBelow()
                yield EventView(id="event")
                yield ChoiceList(id="choices")
                yield DocView(id="guide-note")
                yield TurnReport(id="report")
            with VerticalScroll(id="side"):
                yield StatusPanel(id="status")
                yield TurnReport(id="last")
        yield NoticeLine()
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#last", TurnReport).can_focus = False
        self._refresh_status()
        if self.session.results:  # a life taken up again: where it was left
            last = self.session.results[-1]
            title = self._event_title(last.event_id)
            self.last_result = last
            self.query_one("#report", TurnReport).show_result(self.game, last, title, self.game.finished,
                                                              resumed=True)
            self.query_one("#last", TurnReport).show_summary(self.game, last, title)
            self._set_phase("report")
            return
        self.query_one("#report", TurnReport).show_opening(self.game)
        self._set_phase("opening")  # what the system holds at the start is on this page: no notice

    def on_resize(self) -> None:
        self.query_one(MoreBelow).check()

    def _event_title(self, event_id: str) -> str:
        ev = self.game.scenario.events.get(event_id)
        return ev.model.title if ev is not None else event_id

    # ------------------------------------------------------------------ drawing

    def _refresh_status(self) -> None:
        saver = getattr(self.app, "autosaver", None)
        # what the last decision changed stays marked in the status line until the next event
        changed = standing_changes(self.last_result.notices) if self.phase != "event" and self.last_result else {}
        week = self.last_result.turn if self.phase == "report" and self.last_result else None
        self.query_one("#statusbar", StatusBar).show(self.game, getattr(saver, "unsaved", 0) or 0, changed, week)
        self.query_one("#status", StatusPanel).show(self.game, week)

    def saving_changed(self) -> None:
        """The autosave (made after the frame) started or stopped failing, or counts one more
        decision not saved: the status line and the ctrl+s key say so."""
        self._refresh_status()
        self.refresh_bindings()

    def _set_phase(self, phase: str) -> None:
        self.phase = phase
        on_event = phase == "event"
        for wid in ("#event", "#choices", "#guide-note"):
            self.query_one(wid).display = on_event
        report = self.query_one("#report", TurnReport)
        report.display = not on_event
        self.query_one("#last", TurnReport).display = on_event and self.last_result is not None
        self.query_one("#main", VerticalScroll).scroll_home(animate=False)
        (self.query_one("#choices", ChoiceList) if on_event else report).focus()
        self.refresh_bindings()

    def _show_event(self) -> None:
        offer = self.game.offer()
        if offer is None:
            citizen_app(self.app).show(EndingScreen(self.session))
            return
        self.offer = offer
        self.query_one("#event", EventView).show(offer.title, offer.text)
        self.query_one("#choices", ChoiceList).show_offer(offer, self.game)
        note = guide_note(offer, self.game.judge.secret)
        self.query_one("#guide-note", DocView).draw(lambda styles: render.text(note, styles=styles))
        self._set_phase("event")
        self._refresh_status()  # the last decision's marks go with its report

    # ------------------------------------------------------------------ deciding

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose":
            return self.phase == "event"
        if action in ("guide", "guide_none"):  # the footer shows which: a pick, or none
            has_pick = self.offer is not None and self.offer.guide is not None
            return self.phase == "event" and has_pick == (action == "guide")
        if action == "proceed":
            return self.phase in ("opening", "report")
        if action == "save_elsewhere":
            return bool(getattr(getattr(self.app, "autosaver", None), "failing", None))
        return True

    def action_choose(self, number: int) -> None:
        if self.phase != "event" or self.offer is None:
            return
        if not 1 <= number <= len(self.offer.choices):
            return
        view = self.offer.choices[number - 1]
        if view.lock is not None:  # its reason is written under it: point there, say nothing twice
            self.query_one("#choices", ChoiceList).point_at(number)
            self.app.bell()
            return
        self._decide(lambda: self.session.decide(view.id))

    def action_guide(self) -> None:
        if self.phase != "event" or self.offer is None:
            return
        if self.offer.guide is None:
            self.action_guide_none()
            return
        self._decide(self.session.follow_guide)

    def action_guide_none(self) -> None:
        """No pick: the Guide says so in one line rather than doing nothing."""
        if self.phase == "event" and self.offer is not None:
            self.notify(guide_words(self.offer.guide_says), title=menus.GUIDE_TITLE, markup=False)

    def on_choice_list_picked(self, message: ChoiceList.Picked) -> None:
        message.stop()
        if self.phase == "event":
            self._decide(lambda: self.session.decide(message.choice_id))

    def _decide(self, decide: Callable[[], TurnResult | None]) -> None:
        title = self.offer.title if self.offer else ""
        try:
            result = decide()
        except IllegalDecision as exc:
            title_, message = menus.cannot_now(exc)
            self.notify(message, title=title_, severity="error", markup=False)
            return
        except Exception as exc:  # the player never sees a traceback
            self.app.log.error(repr(exc))
            title_, message = menus.decision_failed(exc)
            self.notify(message, title=title_, severity="error", markup=False)
            return
        if result is None:
            return
        self.app.clear_notifications()  # what was said about the event (the Guide's "no pick") is over with it
        self.last_result = result
        self.offer = None
        self.query_one("#report", TurnReport).show_result(self.game, result, title, self.game.finished)
        self.query_one("#last", TurnReport).show_summary(self.game, result, title)
        self._set_phase("report")
        self._refresh_status()  # marks what the decision changed in the standing

    def action_proceed(self) -> None:
        if self.phase not in ("opening", "report"):
            return
        self.app.clear_notifications()  # read in the report; they would only cover the next event
        if self.game.finished:
            citizen_app(self.app).show(EndingScreen(self.session))
        else:
            self._show_event()

    # ------------------------------------------------------------------ other screens

    def action_dossier(self) -> None:
        citizen_app(self.app).overlay(DossierScreen(self.game))

    def action_rulebook(self) -> None:
        citizen_app(self.app).overlay(RulebookScreen(self.game.rulebook, self.game.turn, self.game.scenario.calendar.unit))

    def action_help(self) -> None:
        citizen_app(self.app).overlay(HelpScreen(self.game))

    def action_save_elsewhere(self) -> None:
        citizen_app(self.app).flush_save()
        saver = getattr(self.app, "autosaver", None)
        if saver is None or not getattr(saver, "failing", None):
            return
        from .save_elsewhere import SaveElsewhereDialog

        def chosen(folder) -> None:
            if folder is None:
                return
            if saver.move_to(folder, self.session):
                self.app.clear_notifications()
                title, message = menus.saved_elsewhere(saver.path)
                self.notify(message, title=title, markup=False)
            else:
                title, message = menus.still_not_saving(saver.failing)
                self.notify(message, title=title, severity="error", markup=False)
            self._refresh_status()
            self.refresh_bindings()

        self.app.clear_notifications()  # the dialog says it all
        self.app.push_screen(SaveElsewhereDialog(saver.failing, saver.unsaved), chosen)

    def action_status(self) -> None:
        citizen_app(self.app).overlay(StatusScreen(self.game))
