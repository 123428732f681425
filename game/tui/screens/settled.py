"""A screen whose layout settles in one frame.

Textual (8.2.8) lays a screen out on its update timer, at most 60 times a second, and a layout
that changes a widget's size asks, from inside itself, for another: ``virtual_size`` is a
reactive with ``layout=True``, a scrolling region that starts or stops overflowing shows or
hides its scrollbar (which narrows everything in it, so the text wraps again), and watchers of
those sizes (the "more below" line) change what is displayed. Each of those asks was laid out
on a later tick and drawn as a frame of its own: a key on the play screen drew two to four
frames, 15-30 ms apart, and the first ones showed a page about to change (the report at a
width it would not keep).

Here the layout is repeated at once, before anything is drawn, while the widgets it placed
ask for another (a few passes at most: the arrangement caches keep the passes after the
first cheap), and the screen is drawn once, as it settled. A widget's ``_layout_required``
is the flag Textual itself reads on the widget's next idle (``Widget._check_refresh``) to ask
its screen for a layout; the loop does for it what that would have done, a tick later.

What widgets asked for in messages the screen has not read yet when its timer runs (a repaint,
a layout) is drawn with that frame too, and the messages are dropped when they are read: each
would have drawn one more frame of the same picture. Private parts of Textual 8.2.8 are used
here (the version is pinned); the snapshot tests and tests/test_tui_settled.py say if an
upgrade changes them.
"""

from __future__ import annotations

from textual import _time, messages
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget

from ..widgets.more_below import MoreBelow

#: Layout passes after the first, within one frame. A scrollbar that appears then makes the
#: content short enough to hide it again would flip for ever: after this many the rest is
#: left to Textual's own next layout.
MORE_PASSES = 3
#: Seconds after a screen is drawn whole as it resumes during which what the change of screen
#: asks of the whole screen is not drawn again (see SettledScreen.refresh).
FRESH_FOR = 0.25


class SettledScreen(Screen):
    _settling = False
    _laid_out_at = 0.0  # when the last layout began (Textual's message clock)
    _drawn_at = 0.0  # when it was drawn, and the widgets redrawn with it that had asked
    _drawn: set[Widget] = set()
    #: Drawn whole as it resumed, and nothing in it has asked for anything since (see refresh).
    _fresh = False
    _fresh_size: Size | None = None
    _resuming = False

    def _refresh_layout(self, size: Size | None = None, scroll: bool = False) -> None:
        if self._settling:
            super()._refresh_layout(size, scroll)
            return
        if self._fresh and size == self._fresh_size:  # the Resize Textual sends a new screen: done
            return
        self._settling = True
        self._laid_out_at = _time.get_time()
        try:
            super()._refresh_layout(size, scroll)
            for _ in range(MORE_PASSES):
                for line in self.query(MoreBelow):  # says whether the layout left text below the fold
                    line.settle()
                # every widget, not only those placed: one hidden or shown during the pass
                # (by a watcher of a size) asks too
                asked = [w for w in self._widgets_and_scrollbars() if w._layout_required]
                if not asked:
                    break
                for widget in asked:
                    self._take_layout_request(widget)
                super()._refresh_layout(size)
        finally:
            self._settling = False
        # What the passes asked to be drawn again (a widget given a new size, a scrollbar shown)
        # is drawn in this frame, rather than in one of its own after it.
        # So is what widgets asked for in messages the screen has not read yet (the timer can
        # run before the screen's queue is empty): read later, each would draw a frame of its own.
        visible = self._compositor.visible_widgets
        redraw = {w for w in self._widgets_and_scrollbars() if w._repaint_required and w in visible}
        for widget in redraw:
            widget._repaint_required = False
        queued = {m.widget for m in list(self._message_queue.values) if isinstance(m, messages.Update)}  # type: ignore[var-annotated]
        redraw |= {w for w in queued if isinstance(w, Widget) and w in visible}
        self._drawn_at, self._drawn = _time.get_time(), redraw
        if redraw:
            self._compositor.update_widgets(redraw)
        if self.is_current:
            if self.app._batch_count:
                self.call_later(self._compositor_refresh)
            else:
                self._compositor_refresh()
                if self._resuming and size is not None:  # laid out at its size and drawn whole
                    self._fresh, self._fresh_size = True, size
                    # and for a moment only, whatever else happens (the switch takes ~30 ms): a
                    # whole repaint asked for later (back from a program run in the terminal) is made
                    self.set_timer(FRESH_FOR, self.changed_screens)
                    # what the screen asked of itself before (its size, its widgets mounting) is done
                    self._layout_required = self._repaint_required = False

    def _on_screen_resume(self, event) -> None:  # type: ignore[no-untyped-def]
        self._resuming = True
        try:
            super()._on_screen_resume(event)
        finally:
            self._resuming = False

    def _on_screen_suspend(self) -> None:
        self._fresh = False
        super()._on_screen_suspend()

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):  # type: ignore[no-untyped-def]
        """Textual's, except for what it asks of the whole screen while it changes screens,
        after the new screen was laid out and drawn whole as it resumed: a repaint (at the end
        of the resume itself), a layout as the screen's widgets finish mounting (they were in
        the layout), another as the screen itself does, and a repaint once the old screen is
        put away. Each drew the same picture again, a frame (~25 ms) after the first. What a
        widget asks for goes through its own messages (``_on_layout``, ``_on_update``): the
        first of those ends this, as do the next frame Textual's timer draws, the end of the
        switch (``changed_screens``) and, in any case, ``FRESH_FOR`` seconds."""
        if self._fresh and not regions and not recompose:
            return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def changed_screens(self) -> None:
        """The change of screen that showed this one is complete (called by the app), or its
        moment has passed."""
        self._fresh = False

    def _on_timer_update(self) -> None:
        self._fresh = False
        super()._on_timer_update()

    async def _on_layout(self, message: messages.Layout) -> None:
        # A widget asks its screen for a layout with a message, on its next idle; one posted
        # before the last layout began, and handled only after it (the timer ran first), asks
        # for what that layout did: laid out again, it drew the same frame a second time.
        if message.time < self._laid_out_at and message.widget in self._compositor.widgets:
            message.stop()
            message.prevent_default()
            return
        self._fresh = False
        await super()._on_layout(message)

    async def _on_update(self, message: messages.Update) -> None:
        if message.time < self._drawn_at and message.widget in self._drawn:  # drawn already
            message.stop()
            message.prevent_default()
            return
        self._fresh = False
        await super()._on_update(message)

    def _compositor_refresh(self) -> None:
        if not self._settling:  # drawn once, when the layout has settled
            super()._compositor_refresh()

    def _widgets_and_scrollbars(self) -> list[Widget]:
        """Every widget of the screen, and the scrollbars of those that scroll (a scrollbar is
        not a child in the DOM, but shown or hidden it asks for a layout as one)."""
        out: list[Widget] = []
        for widget in self.walk_children(Widget):
            out.append(widget)
            for bar in (widget._vertical_scrollbar, widget._horizontal_scrollbar, widget._scrollbar_corner):
                if bar is not None:
                    out.append(bar)
        return out

    @staticmethod
    def _take_layout_request(widget: Widget) -> None:
        """What ``Widget._check_refresh`` does with a layout request, short of posting it."""
        widget._layout_required = False
        for ancestor in widget.ancestors:
            if not isinstance(ancestor, Widget):
                break
            ancestor._clear_arrangement_cache()
            ancestor._layout_updates += 1
            if not ancestor.styles.auto_dimensions:
                break
