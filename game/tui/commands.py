"""The command palette's game commands (Ctrl+P): the keys of the screen it was opened on.

A command is a binding of that screen with a ``tooltip`` (which says what it does), so every
command in the palette is also one key away, and the palette names that key beside it.
Commands the screen would refuse right now (``check_action``) are left out.
"""

from __future__ import annotations

from functools import partial
from typing import Iterator

from textual.actions import parse
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content


def screen_commands(screen) -> Iterator[tuple[str, str, str, str]]:
    """(title, help, key, action) for each command ``screen`` offers now, then the app's own
    (the theme, quitting); an app action is named ``app.ACTION``."""
    seen: set[str] = set()
    app = screen.app
    for node, prefix in ((screen, ""), (app, "app.")):
        for binding in getattr(type(node), "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.tooltip or not binding.description:
                continue
            if binding.action in seen:
                continue
            _dest, name, params = parse(binding.action)
            try:
                allowed = node.check_action(name, params)
            except Exception:  # a screen not ready yet: offer nothing rather than fail
                allowed = False
            if not allowed:
                continue
            seen.add(binding.action)
            yield binding.description, binding.tooltip, app.get_key_display(binding), prefix + binding.action


def _key(key: str) -> Content:
    return Content.styled(f"  {key}", "$text-muted")


class GameCommands(Provider):
    """The commands of the screen under the palette, each run as if its key were pressed."""

    def _commands(self) -> list[tuple[str, str, str, str]]:
        return list(screen_commands(self.screen))

    async def discover(self) -> Hits:
        for title, help_, key, action in self._commands():
            yield DiscoveryHit(Content(title) + _key(key), partial(self.screen.run_action, action), text=title, help=help_)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_, key, action in self._commands():
            score = max(matcher.match(title), matcher.match(help_) * 0.5)
            if score > 0:
                yield Hit(score, matcher.highlight(title) + _key(key), partial(self.screen.run_action, action), text=title, help=help_)
