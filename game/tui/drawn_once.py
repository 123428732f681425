"""A Rich renderable that is drawn once for each width it is laid out at.

Textual (8.2.8) draws a Rich renderable (the turn report's tables and groups, a choice's row)
once to measure its height, at every layout pass that asks (a key on the play screen can lay
the screen out two or three times: see screens/settled.py), and once more to paint it: three
or four full Rich renders of the same report at the same width, 10-25 ms of a key. Here the
lines drawn to measure are kept, by width and style, and painted from: the same lines, so the
same picture. A renderable is never changed after it is drawn (a widget is given a new one).

Only for what ``render.blocks`` and ``render.rows`` make (Text and Tables in a Group): Textual
paints with the widget's height in the console options and measures without it, and those
never read it (a Table drops it for its cells), so one drawing serves both. A Padding would
not: it pads to the height it is given.
"""

from __future__ import annotations

from itertools import islice

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import active_app
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RichVisual

#: Widths kept per renderable (a resize or a scrollbar coming and going draws at a new one).
KEEP = 4


class DrawnOnce(RichVisual):
    def __init__(self, widget, renderable) -> None:  # type: ignore[no-untyped-def]
        super().__init__(widget, renderable)
        self._drawn: dict[tuple[int, RichStyle], list[Segment]] = {}

    def _segments(self, width: int, rich_style: RichStyle) -> list[Segment]:
        """What Textual's RichVisual.render_strips draws, at ``width`` in ``rich_style``."""
        key = (width, rich_style)
        got = self._drawn.get(key)
        if got is None:
            app = active_app.get()
            options = app.console_options.update(highlight=False, width=width)
            renderable = self._widget.post_render(self._renderable, rich_style)
            got = list(app.console.render(renderable, options.update_width(width)))
            if len(self._drawn) >= KEEP:
                self._drawn.pop(next(iter(self._drawn)))
            self._drawn[key] = got
        return got

    def get_height(self, rules: RulesMap, width: int) -> int:
        # Drawn as it will be painted (in the widget's style): the number of lines does not
        # depend on the style, and the paint that follows at this width finds them drawn.
        segments = self._segments(width, self._widget.visual_style.rich_style)
        return sum(text.count("\n") for text, _, _ in segments)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        segments = self._segments(width, style.rich_style)
        return [Strip(line) for line in islice(
            Segment.split_and_crop_lines(segments, width, include_new_lines=False, pad=False), None, height)]
