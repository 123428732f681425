"""The Textual shell: opens the title screen or a life, and switches screens (by class).

All game rules live in the engine; a life is driven only through a :class:`Session`.
"""

from __future__ import annotations

import gc
import os
import tempfile
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from rich.text import Text
from textual import events
from textual.app import App, ScreenStackError, SystemCommand
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.notifications import Notification, SeverityLevel
from textual.screen import Screen

from .. import start_up
from ..report import menus
from . import settings, theme
from .collector import AFTER, EVERY, Collector
from .commands import GameCommands
from .key_hold import KeyHold
from .screens.confirm_quit import TITLE, ConfirmQuit, quit_detail
from .screens.settled import SettledScreen
from .screens.too_small import TooSmall, too_small
from .widgets.notice_line import NoticeLine

if TYPE_CHECKING:  # the engine and the content models load with the first life, not the title
    from ..runs.session import Session
    from ..scenario.content import Rulebook, Scenario

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
    COMMANDS = App.COMMANDS | {GameCommands}
    COMMAND_PALETTE_DISPLAY = "^p"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("q", "request_quit", "Quit", tooltip="Leave the game (asks first)"),
        Binding("ctrl+q", "request_quit", "Quit", show=False, priority=True),
        Binding("ctrl+t", "change_theme", "Change theme", show=False,
                tooltip="Choose the colours (remembered for next time)"),
    ]

    def __init__(self, pair: tuple[Scenario, Rulebook] | None = None, seed: int | None = None,
                 saves: Path | None = None, dev: bool = False, scenario_ref: str | None = None,
                 remember_theme: bool = True) -> None:
        super().__init__()
        self.register_theme(theme.CITIZEN_THEME)
        self._start_theme(self._first_theme())
        self.remember_theme = remember_theme
        self.keys = KeyHold(self)
        self.notices: list[Notification] = []  # what the game told the player, newest last
        self.pair = pair
        self.fixed_seed = seed  # None: every life gets a fresh one
        self.saves_dir = Path(saves) if saves is not None else None
        self.dev = dev
        self.scenario_ref = scenario_ref
        self.session: Session | None = None
        self.autosaver: Any = None  # game.runs.store.AutoSave for the life being played
        self._dev_watch: Any = None  # game.authoring.devreload.Watcher, with --dev
        self._save_due: tuple[Any, Session, Any] | None = None  # see on_decision
        self.collector = Collector()  # full collections between keys (see collector.py)
        self._collect_asked = False

    def on_mount(self) -> None:
        _freeze_what_lasts()
        self.call_after_refresh(start_up.resume)  # `citizen` paused it for the start (see game.start_up)
        self.collector.hold()
        self.set_interval(EVERY, self.collector.collect)
        self.theme_changed_signal.subscribe(self, self._theme_chosen)
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
            from ..runs.session import Session

            session = Session(scenario, rulebook, seed, on_decision=self.on_decision)
        except Exception as exc:  # the player never sees a traceback
            self.log.error(exc)
            title, message = menus.cannot_begin(exc)
            self.notify(message, title=title, severity="error", markup=False)
            return False
        self.session = session
        self.pair = (scenario, rulebook)
        self.let_go_of_life()
        self.autosaver = self._autosaver()
        self.show_play(session)
        return True

    def _autosaver(self) -> Any:
        if self.saves_dir is None:
            return None
        from ..runs.store import autosave

        return autosave(self.saves_dir, on_problem=lambda m: self.notify(
            menus.not_saving(m), title="Not saving", severity="warning", timeout=12, markup=False))

    def on_decision(self, session: Session, result: Any) -> None:
        """Called by the session after each decision: the autosave, made just after the frame
        that shows the decision.

        A save is written atomically (temporary file, fsync, rename, fsync of the folder):
        ~6 ms here, far more on a slow disk, and made inside the key it held back the report
        the key brings. After that frame it is still made before the next key in the usual
        case, and never out of order: each save writes the whole run, so one save after two
        quick decisions holds both. A save still due is made first by whatever needs the
        file (a new screen, a new life, the title, quitting, a crash: see flush_save)."""
        if self.autosaver is not None:
            first = self._save_due is None
            self._save_due = (self.autosaver, session, result)
            if first:
                self.call_after_refresh(self.flush_save)

    def flush_save(self) -> None:
        """Make the autosave that is due now, if one is. The play screen is told when it
        changed whether saving works (its status line and its ctrl+s key say so)."""
        due, self._save_due = self._save_due, None
        if due is None:
            return
        saver, session, result = due
        before = (getattr(saver, "failing", None), getattr(saver, "unsaved", 0))
        saver(session, result)
        if (getattr(saver, "failing", None), getattr(saver, "unsaved", 0)) != before:
            told = getattr(self.screen, "saving_changed", None)
            if callable(told):
                told()

    def let_go_of_life(self, keep: Any = None) -> None:
        """The life played until now is left behind: its save still due is made, and its
        autosave gives up its lock (so it can be loaded again), unless it is ``keep``."""
        self.flush_save()
        old = self.autosaver
        if old is not None and old is not keep and hasattr(old, "close"):
            old.close()

    def exit(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self.flush_save()
        super().exit(*args, **kwargs)

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
        self.flush_save()  # the ending, the title... read the save as it is
        _forget_drawn_widgets()
        if len(self.screen_stack) <= 1:  # only Textual's default screen: nothing to replace
            self.push_screen(screen)
        else:
            while len(self.screen_stack) > 2:
                self.pop_screen()
            self.switch_screen(screen)

    def overlay(self, screen: Screen) -> None:
        """Open ``screen`` over the current one (Escape closes it)."""
        self.push_screen(screen)

    def push_screen(self, screen, callback=None, wait_for_dismiss=False):  # type: ignore[override]
        """Textual's, and keys pressed while ``screen`` is built wait for it (see key_hold)."""
        if isinstance(screen, Screen):
            self._fit(screen)
            self._read_css(screen)
        done = super().push_screen(screen, callback, wait_for_dismiss)  # type: ignore[call-overload]
        if not wait_for_dismiss:
            self.keys.until(done)
        self.call_after_refresh(self._check_size)
        return done

    def switch_screen(self, screen):  # type: ignore[override]
        if isinstance(screen, Screen):
            self._fit(screen)
            self._read_css(screen)
        done = super().switch_screen(screen)
        self.keys.until(done)
        self.call_after_refresh(self._check_size)
        return done

    def _prune(self, *nodes, parent=None):  # type: ignore[no-untyped-def]
        """Textual's, except that a screen taken off the stack does not lay the app out again.
        The screen shown in its place was laid out and drawn whole when it resumed; the layout
        Textual asks for once the old screen is gone (``parent.refresh(layout=True)``, the
        parent being the app) drew it a second time, the same picture, ~20 ms later: a frame
        more on every change of screen. A layout that a widget of the new screen asked for is
        kept by the screen itself and still made. Textual's other step after a removal, which
        widget is under the mouse, is still taken."""
        if parent is self and nodes and all(isinstance(node, Screen) for node in nodes):
            done = super()._prune(*nodes, parent=None)
            try:
                self._update_mouse_over(self.screen)
            except ScreenStackError:  # the app is closing: no screen is left to hover over
                pass
            return done
        return super()._prune(*nodes, parent=parent)

    async def _replace_screen(self, screen: Screen) -> Screen:
        replaced = await super()._replace_screen(screen)
        if self._screen_stack and isinstance(self.screen, SettledScreen):
            self.screen.changed_screens()  # see SettledScreen.refresh
        return replaced

    def _read_css(self, screen: Screen) -> None:
        """Add a screen's CSS file to the stylesheet before Textual does. Textual, finding a
        file it has not read, parses the whole stylesheet again (every widget's CSS and every
        screen's), which cost the title screen a third parse at start-up and each new screen
        another; read here, only the new file is parsed (the others' rules are cached). Every
        rule in a screen's file is under its screen's name, so when it is read changes nothing."""
        for path in screen.css_path:
            if not self.stylesheet.has_source(str(path), ""):
                self.stylesheet.read(path)

    def _fit(self, screen: Screen) -> None:
        """Give a screen its size classes (``-narrow``, ``-wide``...) before its first frame,
        so it is never drawn in the wrong layout first (Textual sets them on the first resize)."""
        for points, size in ((screen.HORIZONTAL_BREAKPOINTS if screen.HORIZONTAL_BREAKPOINTS is not None
                              else self.HORIZONTAL_BREAKPOINTS, self.size.width),
                             (screen.VERTICAL_BREAKPOINTS if screen.VERTICAL_BREAKPOINTS is not None
                              else self.VERTICAL_BREAKPOINTS, self.size.height)):
            if not points:
                continue
            chosen = max(((at, name) for at, name in points if size >= at), default=None)
            for _at, name in points:
                screen.set_class(chosen is not None and name == chosen[1], name)

    # ------------------------------------------------------------------ keys, size

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key):
            if self.keys.take(event):
                return
            if not self._collect_asked and self.collector.due():
                self._collect_asked = True
                self.call_after_refresh(self.set_timer, AFTER, self._collect)
        await super().on_event(event)

    def _collect(self) -> None:
        self._collect_asked = False
        self.collector.collect()

    def on_unmount(self) -> None:
        self.collector.release()

    async def _on_held_key(self, key: events.Key) -> None:
        """A key that waited for its screen, handled as if it were pressed now."""
        await super().on_event(key)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self._check_size)

    def _check_size(self) -> None:
        """Below the smallest size the game is laid out for, say so instead of drawing it."""
        small = too_small(*self.size)
        showing = any(isinstance(s, TooSmall) for s in self.screen_stack)
        if small and not showing and len(self.screen_stack) > 1:
            self.push_screen(TooSmall())
        elif not small and isinstance(self.screen, TooSmall):
            self.pop_screen()  # (one left under a dialog goes when the dialog does)

    def pop_screen(self) -> AwaitComplete:
        done = super().pop_screen()
        self.call_after_refresh(self._check_size)
        return done

    # ------------------------------------------------------------------ notifications

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Shown in the screen's notice line (never over the story), or as a toast on a
        screen without one."""
        notice = Notification(message, title, severity, self.NOTIFICATION_TIMEOUT if timeout is None else timeout,
                              markup)
        self.notices = [*self.notices[-49:], notice]
        self._place(notice, retry=True)

    def _place(self, notice: Notification, retry: bool = False) -> None:
        screen = self.screen
        if not screen.is_mounted and retry:  # a screen being built: its line is not there yet
            self.call_after_refresh(self._place, notice)
            return
        lines = screen.query(NoticeLine)
        if lines:
            lines.first().show(notice)
        else:
            super().notify(notice.message, title=notice.title, severity=notice.severity, timeout=notice.timeout,
                           markup=notice.markup)

    def clear_notifications(self) -> None:
        super().clear_notifications()
        for screen in self.screen_stack:
            for line in screen.query(NoticeLine):
                line.clear()

    # ------------------------------------------------------------------ themes and the palette

    def _first_theme(self) -> str:
        """TEXTUAL_THEME if it names a theme, else the one chosen last time, else the game's."""
        for name in (os.environ.get("TEXTUAL_THEME"), settings.remembered_theme()):
            if name and name in self.available_themes:
                return name
        return theme.NAME

    def _start_theme(self, name: str) -> None:
        """Begin with theme ``name`` as if it had always been the app's. Setting ``self.theme``
        here would run Textual's watcher once the app starts, which parses the whole stylesheet
        a second time; before the first parse the variables can simply be given."""
        self.set_reactive(App.theme, name)
        dark = self.current_theme.dark
        classes = {c: False for c in self.classes if c.startswith("-theme-")}
        classes.update({f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark})
        self.update_classes(classes, update=False)
        self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        variables.update(theme.derived(variables, self.current_theme.ansi))
        self.theme_variables = variables
        return variables

    def _theme_chosen(self, chosen: Any) -> None:
        if not self.remember_theme:
            return
        problem = settings.remember_theme(chosen.name)
        if problem:
            self.notify(problem, title="Theme", severity="warning", markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """None of Textual's own: the theme and quitting are game commands, with their keys
        (see commands.py), and its "Keys" panel squeezed the story to 30 columns at 60x20,
        garbled the key bar and could not be closed. The palette names every command's key."""
        return ()

    def _fatal_error(self) -> None:
        """Last resort for an error nothing caught: a plain message, the details in a file.

        Textual's default prints a traceback; the player is never shown one.
        """
        details = traceback.format_exc()
        try:
            self.flush_save()
        except Exception:  # a crash inside the save itself: what was saved before stays
            pass
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
        self.flush_save()  # the dialog says what quitting keeps

        from .screens.title import TitleScreen

        def answered(answer: bool | str | None) -> None:
            if answer == TITLE:
                self.leave_for_title()
            elif answer:
                self.exit(0)

        self.push_screen(ConfirmQuit(detail=quit_detail(self.session, self.autosaver),
                                     title=not isinstance(self.screen, TitleScreen)), answered)

    def leave_for_title(self) -> None:
        """Back to the title screen from anywhere. A life being played was saved with its last
        decision: it gives up its lock, so it can be loaded again from the title."""
        from .screens.title import TitleScreen

        self.let_go_of_life()
        self.autosaver = None
        self.session = None
        self.show(TitleScreen())


_FROZEN = False


def _freeze_what_lasts() -> None:
    """What is alive when the first app mounts (modules, classes, the stylesheet: ~50,000
    objects) lives as long as the process: kept out of the collector's full passes, which
    otherwise walk it all a few times a life, ~50 ms each, inside a key (they were the slowest
    keys of the play screen; ~10 ms now). Frozen before any screen is built, so no screen that
    goes later is kept; once a process (``citizen`` runs one app; a test process runs many,
    and the garbage of one app's run must not be frozen by the next)."""
    global _FROZEN
    if not _FROZEN:
        _FROZEN = True
        gc.freeze()


def _forget_drawn_widgets() -> None:
    """Let the widgets of screens that are gone be freed. Textual 8.2.8 caches a colour pair
    per (widget's drawing cache, colours) in a class-wide ``lru_cache`` of 1,024 entries
    (``StylesCache.get_inner_outer``, a method cached with its instance), so each widget ever
    drawn stays alive with the lines it drew until a thousand others push it out: about 8,000
    objects and a megabyte a life played. Emptied whenever a screen replaces another (the
    pairs are cheap to make again)."""
    from textual._styles_cache import StylesCache

    StylesCache.get_inner_outer.cache_clear()


def _crash_file(saves_dir: Path | None) -> Path:
    folder = saves_dir if saves_dir is not None else Path(tempfile.gettempdir())
    return folder / "model-citizen-crash.log"


def run_app(pair: tuple[Scenario, Rulebook] | None = None, seed: int | None = None,
            saves: Path | None = None, dev: bool = False, scenario_ref: str | None = None,
            remember_theme: bool = True) -> int:
    app = CitizenApp(pair=pair, seed=seed, saves=saves, dev=dev, scenario_ref=scenario_ref,
                     remember_theme=remember_theme)
    app.run()
    return int(app.return_code or 0)
