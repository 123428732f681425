"""The Textual shell: opens the title screen or a life, and switches screens (by class).

All game rules live in the engine; a life is driven only through a :class:`Session`.
"""

from __future__ import annotations

import os
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from ..runs.session import Session
from ..scenario.content import Rulebook, Scenario
from .screens.confirm_quit import ConfirmQuit

HERE = Path(__file__).parent


def fresh_seed() -> int:
    """A new seed for a new life. Only the shell reads entropy; the engine never does."""
    try:
        return int.from_bytes(os.urandom(4), "big") & 0x7FFFFFFF
    except NotImplementedError:  # pragma: no cover - platforms without a random source
        return time.time_ns() & 0x7FFFFFFF


class CitizenApp(App[int]):
    TITLE = "Model Citizen"
    CSS_PATH = [HERE / "app.tcss", *sorted((HERE / "widgets").glob("*.tcss"))]
    ENABLE_COMMAND_PALETTE = False
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("q", "request_quit", "Quit"),
        Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, pair: tuple[Scenario, Rulebook] | None = None, seed: int | None = None,
                 saves: Path | None = None, dev: bool = False, scenario_ref: str | None = None) -> None:
        super().__init__()
        self.pair = pair
        self.fixed_seed = seed  # None: every life gets a fresh one
        self.saves_dir = Path(saves) if saves is not None else None
        self.dev = dev
        self.scenario_ref = scenario_ref
        self.session: Session | None = None
        self.autosaver: Any = None  # game.runs.store.AutoSave for the life being played
        self._dev_watch: Any = None  # game.authoring.devreload.Watcher, with --dev

    def on_mount(self) -> None:
        if self.dev:
            self.set_interval(0.5, self._dev_poll)
        if self.pair is not None:
            self.start_life(*self.pair)
        else:
            from .screens.title import TitleScreen

            self.show(TitleScreen())

    # ------------------------------------------------------------------ lives

    def start_life(self, scenario: Scenario, rulebook: Rulebook, seed: int | None = None) -> bool:
        """Begin a life and show it; on an engine error, say so and stay where we are."""
        seed = seed if seed is not None else (self.fixed_seed if self.fixed_seed is not None else fresh_seed())
        try:
            session = Session(scenario, rulebook, seed, on_decision=self.on_decision)
        except Exception as exc:  # the player never sees a traceback
            self.log.error(exc)
            self.notify(f"This life could not begin: {exc}", title="Error", severity="error", markup=False)
            return False
        self.session = session
        self.pair = (scenario, rulebook)
        self.autosaver = self._autosaver()
        self.show_play(session)
        return True

    def _autosaver(self) -> Any:
        if self.saves_dir is None:
            return None
        from ..runs.store import autosave

        return autosave(self.saves_dir, on_problem=lambda m: self.notify(
            m, title="Not saving", severity="warning", timeout=12, markup=False))

    def on_decision(self, session: Session, result: Any) -> None:
        """Called by the session after each decision (autosave hooks in here)."""
        if self.autosaver is not None:
            self.autosaver(session, result)

    # ------------------------------------------------------------------ --dev: reload on edit

    def _dev_poll(self) -> None:
        """Reload the scenario when its files change and relive the run in it; on a load
        error, show the errors and keep playing the last version that loaded."""
        from ..authoring import devreload

        session = self.session
        if session is None:
            return
        if self._dev_watch is None or not self._dev_watch.watches(session):
            self._dev_watch = devreload.Watcher.for_session(session)
            return
        if not self._dev_watch.changed():
            return
        got = devreload.reload(self._dev_watch, session, on_decision=self.on_decision)
        if not got.ok or got.session is None:
            self.notify(got.summary(), title="Scenario not reloaded", severity="error", timeout=30, markup=False)
            return
        self.session = got.session
        self.pair = (got.session.scenario, got.session.rulebook)
        self.show_play(got.session)
        self.call_after_refresh(lambda: getattr(self.screen, "_show_event", lambda: None)())
        self.notify(got.summary(), title="Scenario reloaded", markup=False,
                    severity="warning" if got.parting else "information")

    # ------------------------------------------------------------------ screens

    def show_play(self, session: Session) -> None:
        from .screens.play import PlayScreen

        self.show(PlayScreen(session))

    def show(self, screen: Screen) -> None:
        """Replace the current screen (and any overlay) with ``screen``."""
        if len(self.screen_stack) <= 1:  # only Textual's default screen: nothing to replace
            self.push_screen(screen)
        else:
            while len(self.screen_stack) > 2:
                self.pop_screen()
            self.switch_screen(screen)

    def overlay(self, screen: Screen) -> None:
        """Open ``screen`` over the current one (Escape closes it)."""
        self.push_screen(screen)

    def _fatal_error(self) -> None:
        """Last resort for an error nothing caught: a plain message, the details in a file.

        Textual's default prints a traceback; the player is never shown one.
        """
        details = traceback.format_exc()
        where = _crash_file(self.saves_dir)
        try:
            where.parent.mkdir(parents=True, exist_ok=True)
            where.write_text(details, encoding="utf-8")
            told = f"The details were written to {where}."
        except OSError:
            told = "The details could not be written to a file."
        self.bell()
        saved = " Your decisions so far are in the autosave." if self.autosaver is not None else ""
        self._exit_renderables.append(Text(
            f"Model Citizen stopped because of an internal error. {told}{saved}"))
        self._close_messages_no_wait()

    def action_request_quit(self) -> None:
        if isinstance(self.screen, ConfirmQuit):
            return

        def answered(quit_: bool | None) -> None:
            if quit_:
                self.exit(0)

        saved = self.autosaver is not None and self.session is not None and not self.session.game.finished
        unit = self.session.scenario.calendar.unit if self.session is not None else "week"
        detail = f"This life is saved after every {unit}: load it again from the title screen." if saved else ""
        self.push_screen(ConfirmQuit(detail=detail), answered)


def _crash_file(saves_dir: Path | None) -> Path:
    folder = saves_dir if saves_dir is not None else Path(tempfile.gettempdir())
    return folder / "model-citizen-crash.log"


def run_app(pair: tuple[Scenario, Rulebook] | None = None, seed: int | None = None,
            saves: Path | None = None, dev: bool = False, scenario_ref: str | None = None) -> int:
    app = CitizenApp(pair=pair, seed=seed, saves=saves, dev=dev, scenario_ref=scenario_ref)
    app.run()
    return int(app.return_code or 0)
