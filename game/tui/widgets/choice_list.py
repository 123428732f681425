"""The choices of the turn's event: numbered, locked ones marked, the Guide's pick marked."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.geometry import Region, Size
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...engine.game import Game
from ...engine.outcome import Offer
from ...report.document import Rows
from ...report.turn import choice_cells
from .. import render
from ..drawn_once import DrawnOnce


class ChoiceList(OptionList, inherit_bindings=False):
    """Draws an :class:`Offer`'s choices; posts :class:`ChoiceList.Picked` when one is taken.

    Locked choices are disabled options: arrows skip them and Enter or a click cannot take
    them. Their reason is drawn beneath them, in words. No choice is highlighted until an
    arrow key is pressed.

    The list is read in one scrolling region with the story above it and the Guide's line
    below (the play screen's): on a small terminal some of them are below the fold. So the
    arrows move through the choices only while the choices are in view, and otherwise scroll
    that region, never past the first or the last choice (they do not wrap); the highlighted
    choice is always scrolled into view; PageUp, PageDown, Home and End are the region's.
    """

    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    class Picked(Message):
        def __init__(self, choice_id: str) -> None:
            super().__init__()
            self.choice_id = choice_id

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.offer: Offer | None = None
        self.game: Game | None = None
        self.pointed: int | None = None

    # ------------------------------------------------------------------ laid out in one frame

    _lines_width: int | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        """OptionList measures its lines at its first render and sets its ``virtual_size`` then,
        which asks for another layout, a frame later; and any resize (a new height too) throws
        its lines away, and draws them again, another frame later. Measured here, while the
        screen is laid out, and thrown away only when the width changes (lines wrap by width)."""
        changed = super()._size_updated(size, virtual_size, container_size, layout)
        width = self.scrollable_content_region.width
        if width != self._lines_width:
            self._lines_width = width
            self._clear_caches()
        self._update_lines()
        return changed

    def _on_resize(self, event: events.Resize) -> None:  # type: ignore[override]
        event.prevent_default()  # OptionList's would throw the lines away: see _size_updated

    def show_offer(self, offer: Offer, game: Game, pointed: int | None = None) -> None:
        self.offer, self.game, self.pointed = offer, game, pointed
        self.clear_options()
        self.add_options(
            Option(DrawnOnce(self, render.rows(Rows([choice_cells(i, v, v.id == offer.guide, game, pointed=i == pointed)]),
                                                padding=2)),
                   id=v.id, disabled=not v.available)
            for i, v in enumerate(offer.choices, start=1)
        )
        # Nothing highlighted until an arrow key is pressed: an Enter meant to leave the
        # report must never take a choice by itself.
        self.highlighted = None
        self.scroll_to(y=0, animate=False)

    def point_at(self, number: int) -> None:
        """A locked choice was asked for: its reason, already written under it, stands out
        (once: asking again changes nothing), and it is brought into view."""
        if self.offer is not None and self.game is not None and number != self.pointed:
            self.show_offer(self.offer, self.game, pointed=number)
        self.call_after_refresh(self._bring_into_view, number - 1)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and not event.option.disabled:
            self.post_message(self.Picked(event.option.id))

    # ------------------------------------------------------------------ the region it is read in

    def _enabled(self) -> list[int]:
        return [i for i, option in enumerate(self.options) if not option.disabled]

    def _step(self, direction: int) -> int | None:
        """The next choice that can be taken, up or down from the highlighted one (no wrapping)."""
        enabled = self._enabled()
        if self.highlighted is None:
            return None
        ahead = [i for i in enabled if (i - self.highlighted) * direction > 0]
        return (min if direction > 0 else max)(ahead) if ahead else None

    def _region(self) -> ScrollableContainer | None:
        parent = self.parent
        return parent if isinstance(parent, ScrollableContainer) else None

    def _span(self, index: int) -> tuple[int, int] | None:
        """Where option ``index`` is in the region's content: (first line, height)."""
        self._update_lines()
        if index not in self._index_to_line:
            return None
        return self.virtual_region.y + self.styles.gutter.top + self._index_to_line[index], self._heights[index]

    def _in_view(self, index: int) -> bool:
        region, span = self._region(), self._span(index)
        if region is None or span is None:
            return True
        top = region.scroll_target_y
        return top <= span[0] < top + region.scrollable_content_region.height

    def _bring_into_view(self, index: int) -> None:
        """Scroll the region so option ``index`` is seen whole; the last one with what follows
        it (the Guide's line), as far as it fits."""
        region, span = self._region(), self._span(index)
        if region is None or span is None:
            return
        y, height = span
        if index == max(self._enabled(), default=None):
            height = max(height, region.virtual_size.height - y)
        region.scroll_to_region(Region(0, y, region.scrollable_content_region.width, height),
                                animate=False, immediate=True)

    def scroll_to_highlight(self, top: bool = False) -> None:
        super().scroll_to_highlight(top)
        if self.highlighted is not None and self.is_mounted:
            self._bring_into_view(self.highlighted)

    def action_cursor_down(self) -> None:
        region = self._region()
        if region is None:
            super().action_cursor_down()
            return
        if self.highlighted is None:
            first = min(self._enabled(), default=None)
            if first is not None and self._in_view(first):
                self.highlighted = first
            else:  # still reading the story above the choices
                region.scroll_down(animate=False, immediate=True)
            return
        after = self._step(1)
        if after is None:  # the last choice: what is under it
            region.scroll_down(animate=False, immediate=True)
        else:
            self.highlighted = after

    def action_cursor_up(self) -> None:
        region = self._region()
        if region is None:
            super().action_cursor_up()
            return
        before = self._step(-1)
        if before is None:  # above the first choice: back into the story
            self.highlighted = None
            region.scroll_up(animate=False, immediate=True)
        else:
            self.highlighted = before
