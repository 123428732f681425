"""A line at the foot of a scrolling region while some of it is below the fold.

At 60x20 a week's last choice and the Guide's line can be out of sight, and a scrollbar's
thumb is easy to miss: this says so in words, and names the key that reaches them.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Static

from ...report.menus import MORE_BELOW


class MoreBelow(Static):
    """Mount it inside the region it watches (it docks to the region's foot)."""

    DEFAULT_CSS = """
    MoreBelow {
        dock: bottom;
        height: 1;
        width: 1fr;
        display: none;
        text-align: right;
        color: $text-muted;
        background: $background;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(MORE_BELOW, **kwargs)

    def on_mount(self) -> None:
        region = self.parent
        assert isinstance(region, Widget)
        for attribute in ("scroll_y", "virtual_size", "scroll_target_y"):
            self.watch(region, attribute, self._check, init=False)
        self.call_after_refresh(self._check)

    def check(self) -> None:
        """Look again after the next refresh (the region was resized: say so from its screen)."""
        self.call_after_refresh(self._check)

    def _check(self, *_changed: object) -> None:
        region = self.parent
        if not isinstance(region, Widget) or not region.is_mounted:
            return
        self._show(region)

    def settle(self) -> None:
        """Look now, from a layout its screen has just made (see SettledScreen): what the
        region's size says is known as soon as the region is placed, mounted or not, and the
        line is then in the frame the layout draws rather than in one of its own after it."""
        region = self.parent
        if isinstance(region, Widget) and region.size.height:
            self._show(region)

    def _show(self, region: Widget) -> None:
        shown = region.scroll_y < region.max_scroll_y
        if self.display != shown:
            self.display = shown
