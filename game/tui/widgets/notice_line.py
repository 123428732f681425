"""Where the game's notifications appear: a line of the screen's own layout, above the keys.

Textual's toasts float over the screen; at 80x24 they covered the turn report and the
choices. This line takes its room from the layout instead (the text above it scrolls, nothing
is hidden), shows one notification at a time (a new one replaces the last) and says how
serious it is with a glyph, not only a colour.
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.notifications import Notification
from textual.timer import Timer
from textual.widgets import Static

GLYPHS = {"information": "•", "warning": "⚠", "error": "✗"}


class NoticeLine(Static):
    DEFAULT_CSS = """
    NoticeLine {
        display: none;
        height: auto;
        max-height: 2;
        padding: 0 1;
        background: $panel;
        color: $foreground;
    }
    NoticeLine.-shown { display: block; }
    NoticeLine.-warning { background: $warning-muted; }
    NoticeLine.-error { background: $error-muted; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.notice: Notification | None = None
        self._timer: Timer | None = None

    def show(self, notice: Notification) -> None:
        self.notice = notice
        head = Text(f"{GLYPHS.get(notice.severity, '•')} ", style="bold")
        if notice.title:
            head.append(f"{notice.title}: ", style="bold")
        body: Content | Text
        if notice.markup:
            body = Content.from_markup(notice.message)
            self.update(Content.from_rich_text(head) + body)
        else:
            head.append(notice.message)
            self.update(head)
        self.set_classes(["-shown", f"-{notice.severity}"])
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(notice.timeout, self.clear) if notice.timeout else None

    def clear(self) -> None:
        if self.notice is None and self._timer is None and not self.has_class("-shown"):
            return  # nothing is shown (every new screen clears it): updated anyway, it laid the screen out again
        self.notice = None
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.set_classes([])
        self.update("")
