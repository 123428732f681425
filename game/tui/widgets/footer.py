"""The key bar's base: Textual's Footer, whose keys change in place rather than being rebuilt.

Textual's Footer recomposes on every ``refresh_bindings`` (a key on the play screen sends
three), after the frame is drawn: every key the player presses draws the screen, throws away
and builds the bar's key widgets, lays the screen out again and draws it again. It also binds
each key widget to its own ``compact`` reactive, which keeps them referenced until the screen
goes. This one keeps the look (the same widgets, classes and CSS) and the behaviour, and
changes the key widgets it has when the keys change: each action keeps its key widget, shown or
hidden, with its label set (one is added when an action is first shown), in the same frame as
the change that asked for it. It recomposes only for what it cannot do in place (binding groups, the palette's key
coming or going).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.dom import NoScreen
from textual.screen import Screen
from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


@dataclass(frozen=True)
class Key:
    """One key as the bar draws it: what FooterKey is built from."""

    key: str
    key_display: str
    description: str
    action: str
    disabled: bool
    tooltip: str
    palette: bool = False  # the command palette's key, docked right


class Keys(NamedTuple):
    """What the bar shows: its keys in order (the palette's last, if shown) and whether compact."""

    keys: tuple[Key, ...]
    compact: bool


class BarKey(FooterKey):
    """A key of the bar. Spaced or packed closer (``compact``) by its own drawing and its inline
    margin, as Textual's CSS for a compact footer would have it, rather than by CSS classes:
    switching a class restyles the bar and every key in it, on every key the player presses
    that moves the bar between its spaced and its packed form (the play screen's event and
    report do)."""

    #: (key's left, right; label's left, right) padding: FooterKey's CSS, spaced and compact
    PADDING = {False: (1, 1, 0, 1), True: (0, 0, 1, 0)}

    #: What the key last drew, and what it drew it from (see render).
    _drawn: tuple[tuple[object, ...], Content] | None = None

    def set_compact(self, compact: bool, force: bool = False) -> None:
        if self.compact == compact and not force:
            return
        self.set_reactive(FooterKey.compact, compact)
        # Footer's CSS: margin-right 1 when compact. (The palette's key keeps its padding-right
        # of 1 in both forms, as the bar drew it when the forms were classes.)
        if not self.has_class("-command-palette"):
            self.styles.margin = (0, 1 if compact else 0, 0, 0)
        self.refresh(layout=True)

    def render(self) -> Content:  # type: ignore[override]  # a Visual, which Textual draws as it is
        """The key and its label. Kept until what it is drawn from changes: Textual lays the bar
        out again whenever a key of it is shown, hidden or packed closer, and measured each key
        by drawing it afresh, two or three times a key the player pressed (a tenth of the
        play screen's layout). Its styles come from the stylesheet, which tells the widget when
        they change (``notify_style_update``); hover, the disabled state and the theme are in
        the key as well."""
        made_from = (bool(self.compact), self.key_display, self.description, self.mouse_hover,
                     self._disabled, self.app.theme)
        if self._drawn is not None and self._drawn[0] == made_from:
            return self._drawn[1]
        drawn = Content.from_rich_text(self._text(), console=self.app.console)
        self._drawn = (made_from, drawn)
        return drawn

    def notify_style_update(self) -> None:
        self._drawn = None
        super().notify_style_update()

    def _text(self) -> Text:
        key_left, key_right, label_left, label_right = self.PADDING[bool(self.compact)]
        key = (" " * key_left + self.key_display + " " * key_right, self.get_component_rich_style("footer-key--key"))
        if self.description:
            description_style = self.get_component_rich_style("footer-key--description")
            text = Text.assemble(key, (" " * label_left + self.description + " " * label_right, description_style))
        else:
            text = Text.assemble((self.key_display, key[1]))
        text.stylize_before(self.rich_style)
        return text


class Footer(TextualFooter):
    """Drop-in for :class:`textual.widgets.Footer`: same name, so the same CSS and look."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._rebuild_due = False
        self._shown: Keys | None = None
        self._answered = 0  # publishes answered at once, whose deferred call is still to come
        self._mounting: list[BarKey] = []  # keys mounted in place, not yet seen mounted
        self._mounts_due = 0  # their mounts whose completion has not asked for a layout yet

    # ------------------------------------------------------------------ what to show

    def _keys(self) -> Keys | None:
        """The keys to show now, or None when they are grouped (Textual's Footer draws those)."""
        active = self.screen.active_bindings
        by_action: dict[str, Key] = {}
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show:
                continue
            if binding.group is not None:
                return None
            if binding.action not in by_action:  # the first binding of an action stands for it
                by_action[binding.action] = Key(binding.key, self.app.get_key_display(binding),
                                                binding.description, binding.action, not enabled, tooltip)
        keys = list(by_action.values())
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                keys.append(Key(binding.key, self.app.get_key_display(binding), binding.description,
                                binding.action, not enabled, binding.tooltip or binding.description, palette=True))
        return self._fit(keys)

    def _fit(self, keys: list[Key]) -> Keys:
        """The keys as drawn at this width (the key bar shortens labels here)."""
        return Keys(tuple(keys), self.compact)

    # ------------------------------------------------------------------ building

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        shown = self._keys()
        if shown is None:  # grouped keys: Textual's own, without binding each key's ``compact``
            for widget in super().compose():
                if isinstance(widget, FooterKey):
                    widget._reactive_connect = None
                    widget.set_reactive(FooterKey.compact, self.compact)
                yield widget
            return
        self.set_class(False, "-compact")  # left by the grouped form, if it was drawn before
        self.set_reactive(TextualFooter.compact, shown.compact)
        for key in shown.keys:
            yield self._new_key(key, shown.compact)
        self._shown = shown

    @staticmethod
    def _new_key(key: Key, compact: bool) -> BarKey:
        widget = BarKey(key.key, key.key_display, key.description, key.action, disabled=key.disabled,
                        tooltip=key.tooltip, classes="-command-palette" if key.palette else "")
        widget.set_compact(compact, force=True)
        return widget

    # ------------------------------------------------------------------ changing

    def on_mount(self) -> None:
        # Textual's Footer (whose on_mount runs after this one) subscribes too, to be called
        # once the messages before it are handled: by then the screen may have drawn its next
        # frame without the new keys, and drawn again for them. Called at once, the keys change
        # with whatever asked for them; the later call finds nothing left to do.
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_now, immediate=True)

    def _bindings_now(self, screen: Screen) -> None:
        self._answered += 1
        self._bindings_changed(screen)

    def bindings_changed(self, screen: Screen) -> None:
        """Textual's own subscription, called after the messages before it: each publish was
        answered at once (``_bindings_now``), so this only reads the keys again (~0.5 ms, a
        few times a key) when it was not."""
        if self._answered:
            self._answered -= 1
            return
        self._bindings_changed(screen)

    def _bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.update_keys()

    def update_keys(self) -> None:
        """Show the keys the screen has now: in place when it can, else rebuilt after the frame."""
        if not self.is_attached:
            return
        shown = self._keys()
        if shown == self._shown:
            return
        if shown is not None and self._shown is None and not self.children:
            # A new screen's bar, composed before its keys were known: they are mounted now,
            # and drawn in the screen's first frame, rather than rebuilt after it (a frame
            # more, ~25 ms, on every change of screen).
            self.set_reactive(TextualFooter.compact, shown.compact)
            self._mount_in_place([self._new_key(key, shown.compact) for key in shown.keys])
            self._shown = shown
            return
        if shown is None or self._shown is None or not self._change_in_place(shown):
            if not self._rebuild_due:
                self._rebuild_due = True
                self.call_after_refresh(self._rebuild)

    def _change_in_place(self, shown: Keys) -> bool:
        widgets = [w for w in self.children if isinstance(w, BarKey)]
        if len(widgets) != len(self.children):
            return False
        palette = [w for w in widgets if w.has_class("-command-palette")]
        slots = [w for w in widgets if not w.has_class("-command-palette")]
        keys = [k for k in shown.keys if not k.palette]
        palette_keys = [k for k in shown.keys if k.palette]
        if len(palette) != len(palette_keys):
            return False
        # Each action keeps its own key widget, hidden while the action is not shown: when the
        # play screen goes from the event (choose, the Guide, ...) to the report (continue, ...)
        # only those keys change, and the others are not drawn again.
        by_action = {w.action: w for w in reversed(slots)}
        placed: list[tuple[Key, BarKey | None]] = [(k, by_action.get(k.action)) for k in keys]
        order = [slots.index(w) for _k, w in placed if w is not None]
        if order != sorted(order):  # the keys changed order: Textual's way, rebuilt
            return False
        # A class is set without restyling each time; the bar and its keys are restyled once at
        # the end if one changed (a restyle matches every rule against each node).
        restyle = False
        self.set_reactive(TextualFooter.compact, shown.compact)
        used = {id(w) for _k, w in placed if w is not None}
        for widget in slots:
            if id(widget) not in used and widget.display:
                widget.display = False
        pairs: list[tuple[Key, BarKey | None]] = [*placed, *zip(palette_keys, palette)]
        for key, shown_by in pairs:
            if shown_by is not None:
                restyle = self._set_key(shown_by, key, shown.compact) or restyle
                if not shown_by.display:
                    shown_by.display = True
        if restyle:
            self.update_node_styles()
        for i, (key, slot) in enumerate(placed):
            if slot is None:  # an action this bar has not shown before
                new = self._new_key(key, shown.compact)
                after: BarKey | None = next((w for _k, w in placed[i + 1:] if w is not None),
                                            palette[0] if palette else None)
                self._mount_in_place([new], before=after)
        self._shown = shown
        return True

    def _mount_in_place(self, keys: list[BarKey], before: BarKey | None = None) -> None:
        self._mounting += keys
        self._mounts_due += 1
        if before is not None:
            self.mount_all(keys, before=before)
        else:
            self.mount_all(keys)

    def refresh(self, *regions, repaint: bool = True, layout: bool = False, recompose: bool = False):  # type: ignore[no-untyped-def]
        """Textual's, except for the layout it asks for when keys mounted in place have finished
        mounting, if the screen has already laid them out and drawn them: a key is in the
        screen's layout from the moment it is mounted (its size is its text's), and the frame
        that showed it was right. Laid out again, the bar was drawn once more, the same
        picture, a frame (~25 ms) after every key that showed an action for the first time."""
        if self._mounts_due and layout and not regions and not recompose:
            self._mounts_due -= 1
            mounted = [w for w in self._mounting if w.is_mounted]  # (none: seen by an earlier call)
            self._mounting = [w for w in self._mounting if not w.is_mounted]
            try:
                placed = self.screen._compositor.widgets
            except NoScreen:  # no screen: Textual's own way
                placed = set()
            if all(w in placed for w in mounted):
                return self
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def _set_key(self, widget: BarKey, key: Key, compact: bool) -> bool:
        """Make ``widget`` draw ``key``; whether a class changed (its styles are not updated)."""
        restyle = False
        widget.set_compact(compact)
        if (widget.key, widget.key_display, widget.description, widget.action, widget._disabled) == (
                key.key, key.key_display, key.description, key.action, key.disabled):
            if (widget.tooltip or "") != key.tooltip:
                widget.tooltip = key.tooltip or None
            return restyle
        widget.key, widget.key_display, widget.description, widget.action = (
            key.key, key.key_display, key.description, key.action)
        if widget._disabled != key.disabled:
            widget._disabled = key.disabled
            widget.set_class(key.disabled, "-disabled", update=False)
            restyle = True
        widget.tooltip = key.tooltip or None
        widget.refresh(layout=True)
        return restyle

    async def _rebuild(self) -> None:
        self._rebuild_due = False
        if not self.is_attached:  # its screen has gone since the rebuild was asked for
            return
        shown = self._keys()
        if shown is None or shown != self._shown:
            await self.recompose()
