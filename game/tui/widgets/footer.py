"""The key bar's base: Textual's Footer, whose keys change in place rather than being rebuilt.

Textual's Footer recomposes on every ``refresh_bindings`` (a key on the play screen sends
three), after the frame is drawn: every key the player presses draws the screen, throws away
and builds the bar's key widgets, lays the screen out again and draws it again. It also binds
each key widget to its own ``compact`` reactive, which keeps them referenced until the screen
goes. This one keeps the look (the same widgets, classes and CSS) and the behaviour, and
changes the key widgets it has when the keys change: a label is set, a key is shown or hidden
(added only when the bar never had so many), in the same frame as the change that asked for
it. It recomposes only for what it cannot do in place (binding groups, the palette's key
coming or going).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from textual.app import ComposeResult
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


class Footer(TextualFooter):
    """Drop-in for :class:`textual.widgets.Footer`: same name, so the same CSS and look."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._rebuild_due = False
        self._shown: Keys | None = None

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
        self._set_compact(shown.compact)
        for key in shown.keys:
            widget = FooterKey(key.key, key.key_display, key.description, key.action, disabled=key.disabled,
                               tooltip=key.tooltip, classes="-command-palette" if key.palette else "")
            self._compact_key(widget, shown.compact)
            yield widget
        self._shown = shown

    def _set_compact(self, compact: bool) -> None:
        self.set_reactive(TextualFooter.compact, compact)
        self.set_class(compact, "-compact")

    @staticmethod
    def _compact_key(widget: FooterKey, compact: bool) -> None:
        widget.set_reactive(FooterKey.compact, compact)
        widget.set_class(compact, "-compact")  # what its watcher would do: set_reactive runs none

    # ------------------------------------------------------------------ changing

    def bindings_changed(self, screen: Screen) -> None:
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
        if shown is None or self._shown is None or not self._change_in_place(shown):
            if not self._rebuild_due:
                self._rebuild_due = True
                self.call_after_refresh(self._rebuild)

    def _change_in_place(self, shown: Keys) -> bool:
        widgets = list(self.children)
        if not all(isinstance(w, FooterKey) for w in widgets):
            return False
        palette = [w for w in widgets if w.has_class("-command-palette")]
        slots = [w for w in widgets if not w.has_class("-command-palette")]
        keys = [k for k in shown.keys if not k.palette]
        palette_keys = [k for k in shown.keys if k.palette]
        if len(palette) != len(palette_keys):
            return False
        assert self._shown is not None
        if shown.compact != self._shown.compact:
            self._set_compact(shown.compact)
        for widget, key in [*zip(slots, keys), *zip(palette, palette_keys)]:
            self._set_key(widget, key, shown.compact)  # type: ignore[arg-type]
            widget.display = True
        # A key no longer shown is hidden, not removed, and shown again when a key needs its
        # place: removing and mounting widgets would cost another layout and another frame.
        for widget in slots[len(keys):]:
            widget.display = False
        if len(keys) > len(slots):
            new = [FooterKey(k.key, k.key_display, k.description, k.action, disabled=k.disabled, tooltip=k.tooltip)
                   for k in keys[len(slots):]]
            for widget in new:
                self._compact_key(widget, shown.compact)
            if palette:
                self.mount(*new, before=palette[0])
            else:
                self.mount(*new)
        self._shown = shown
        return True

    def _set_key(self, widget: FooterKey, key: Key, compact: bool) -> None:
        if widget.compact != compact:
            self._compact_key(widget, compact)
            widget.refresh(layout=True)
        if (widget.key, widget.key_display, widget.description, widget.action, widget._disabled) == (
                key.key, key.key_display, key.description, key.action, key.disabled):
            if (widget.tooltip or "") != key.tooltip:
                widget.tooltip = key.tooltip or None
            return
        widget.key, widget.key_display, widget.description, widget.action = (
            key.key, key.key_display, key.description, key.action)
        widget._disabled = key.disabled
        widget.set_class(key.disabled, "-disabled")
        widget.tooltip = key.tooltip or None
        widget.refresh(layout=True)

    async def _rebuild(self) -> None:
        self._rebuild_due = False
        if not self.is_attached:  # its screen has gone since the rebuild was asked for
            return
        shown = self._keys()
        if shown is None or shown != self._shown:
            await self.recompose()
