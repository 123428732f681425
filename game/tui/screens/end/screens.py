"""The paged end screens: seven pages, a page bar, and what can be done from there.

Keys: ← → (or n p) turn the page, 1-7 jump to one; w writes the report as a text file and
says where (in a browser, downloads it); v opens this run in the replay viewer; a starts the same life again; Escape goes
back to where the end screens were opened from.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from .... import places
from ....report.pages import END_PAGES, end_pages
from ....report.run import RunReport
from ....runs.session import Session
from .. import citizen_app
from ...widgets.key_bar import KeyBar
from ...widgets.notice_line import NoticeLine
from .base import Page

#: The page titles, in order.
PAGES: list[str] = [title for _key, title in END_PAGES]


def page_tabs(current: int, width: int) -> Text:
    """The page titles, the current one marked (reversed, in bold). When they do not all fit,
    the other pages shorten to their numbers; the current one always keeps its name."""
    full = sum(len(f" {i + 1} {title} ") for i, title in enumerate(PAGES)) <= width
    t = Text(no_wrap=True, overflow="ellipsis")
    for i, title in enumerate(PAGES):
        if i == current:
            t.append(f" {i + 1} {title} ", style="reverse bold")
        else:
            t.append(f" {i + 1} {title} " if full else f" {i + 1} ")
    return t


class PageBar(Static):
    """The page titles, the current one marked."""

    current = 0

    def show(self, current: int) -> None:
        self.current = current
        self.refresh()

    def render(self) -> Text:
        return page_tabs(self.current, self.size.width)


class EndScreens(Screen):
    CSS_PATH = "end.tcss"
    BINDINGS = [
        Binding("right,n", "page(1)", "Pages", key_display="← →", priority=True),
        Binding("left,p", "page(-1)", "Previous page", show=False, priority=True),
        *[Binding(str(i + 1), f"goto({i})", PAGES[i], show=False) for i in range(len(PAGES))],
        Binding("w", "write", "Write report", tooltip="Save these pages as a text file (in a browser: download it)"),
        Binding("v", "replay", "Replay", tooltip="Step through this life in the replay viewer"),
        Binding("a", "again", "Live again", tooltip="The same life from its first day, in a city you pick"),
        Binding("t", "title", "Title", tooltip="Back to the title screen"),
        Binding("escape", "back", "Back"),
    ]
    SHORT_LABELS = {"write": "Write", "again": "Again"}

    def __init__(self, report: RunReport | None = None, session: Session | None = None, run=None,
                 saves_dir: Path | str | None = None, save_path: Path | str | None = None) -> None:
        """``report`` (computed from ``session`` if not given); ``run``: the saved run
        (:class:`~game.runs.store.OpenedRun`) for the replay viewer, when there is one."""
        super().__init__()
        if report is None:
            if session is None:
                raise ValueError("EndScreens needs a report or a session")
            from ....report import compose

            report = compose(session.game, session.decisions)
        self.report = report
        self.session = session
        self.run = run
        self._saves_dir = Path(saves_dir) if saves_dir is not None else None
        self._save_path = Path(save_path) if save_path is not None else None
        self.page = 0

    def compose(self) -> ComposeResult:
        yield PageBar(id="page-bar")
        with ContentSwitcher(initial="page-1", id="pages"):
            for i, page in enumerate(end_pages(self.report)):
                yield Page(page, id=f"page-{i + 1}", classes=f"end-page page-{page.key}")
        yield NoticeLine()
        yield KeyBar()

    def on_mount(self) -> None:
        self._show(0)

    # ------------------------------------------------------------------ paging

    def _show(self, index: int) -> None:
        self.page = index
        self.query_one("#pages", ContentSwitcher).current = f"page-{index + 1}"
        self.query_one("#page-bar", PageBar).show(index)
        page = self.query_one(f"#page-{index + 1}", Page)
        page.scroll_home(animate=False)
        page.focus()

    def action_page(self, delta: int) -> None:
        self._show((self.page + delta) % len(PAGES))

    def action_goto(self, index: int) -> None:
        self._show(index)

    # ------------------------------------------------------------------ what can be done from here

    @property
    def saves_dir(self) -> Path:
        if self._saves_dir is not None:
            return self._saves_dir
        d = getattr(self.app, "saves_dir", None)
        return Path(d) if d is not None else places.saves_dir()

    @property
    def save_path(self) -> Path | None:
        if self._save_path is not None:
            return self._save_path
        if self.run is not None and getattr(self.run, "path", None) is not None:
            return Path(self.run.path)
        saver = getattr(self.app, "autosaver", None)
        path = getattr(saver, "path", None) if self.session is not None else None
        return Path(path) if path is not None else None

    def action_write(self) -> None:
        from ....runs.reports import report_path, write_report

        path = report_path(self.report, "txt", self.saves_dir, self.save_path)
        if self.app.is_web:  # served to a browser: the file goes to the player, not the server's disk
            self._deliver(path.name)
            return
        try:
            write_report(self.report, path, "txt")
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror or exc}", title="Report not written",
                        severity="error", markup=False)
            return
        self.notify(str(path), title="Report written", timeout=10, markup=False)

    def _deliver(self, name: str) -> None:
        from io import StringIO

        from ....report.export import export

        self.app.deliver_text(StringIO(export(self.report, "txt")), save_filename=name, mime_type="text/plain")
        self.notify(f"Sent to your browser as {name}", title="Report downloaded", timeout=10, markup=False)

    def _opened_run(self):
        if self.run is not None:
            return self.run
        if self.session is None:
            return None
        from ....runs.save import build_save, now
        from ....runs.store import OpenedRun

        save = build_save(self.session, started=getattr(getattr(self.app, "autosaver", None), "started", None) or now())
        return OpenedRun(self.save_path, save, self.session.scenario, self.session.rulebook)

    def action_replay(self) -> None:
        run = self._opened_run()
        if run is None:
            self.notify("This run cannot be replayed from here.", severity="warning", markup=False)
            return
        from ..replay import ReplayScreen

        self.app.push_screen(ReplayScreen(run=run, saves_dir=self.saves_dir))

    def action_again(self) -> None:
        if self.session is not None:
            scenario, rulebook = self.session.scenario, self.session.rulebook
        elif self.run is not None:
            scenario, rulebook = self.run.scenario, self.run.rulebook
        else:
            return
        from ..city import live_again

        live_again(self.app, scenario, rulebook)

    def action_title(self) -> None:
        from ..title import TitleScreen

        citizen_app(self.app).show(TitleScreen())

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
        else:
            from ..title import TitleScreen

            citizen_app(self.app).show(TitleScreen())
