"""The key bar at the foot of every screen: the game's Footer (rebuilt once a key, see
footer.py), with labels that shorten, then pack closer, on a narrow terminal, so every key
stays on the line with a word beside it.

A screen gives the short label of a binding in ``SHORT_LABELS`` (action -> label); a binding
without one keeps its label. The widest form that fits is drawn: every full label and the
palette's key named; then labels shortened one at a time, those that save most first; then
the keys packed closer (Textual's compact footer); then without the palette's key (Ctrl+P
still opens it); at last only the keys.

A bar does not go back to a wider form at the same width: on the play screen the event's keys
need the packed form at 80 columns and the report's would fit spaced, and the whole bar
re-spaced itself on every page (each key drawn again, and the player's eye sent looking for
the keys it knew). Once a screen's bar has packed closer, or shortened a key's label, it stays
so until the terminal is resized.
"""

from __future__ import annotations

from dataclasses import replace

from .footer import Footer, Key, Keys

#: (compact, the palette key's label or None to leave the key out, labels may shorten), widest
#: first: full labels, spaced then packed closer, before any label is shortened.
FORMS: tuple[tuple[bool, str | None, bool], ...] = (
    (False, "Commands", False), (False, "", False), (True, "", False),
    (False, "", True), (True, "", True), (True, None, True))


def width_of(keys: list[tuple[str, str]], compact: bool) -> int:
    """Cells the keys take in a row: (key display, label) each, as FooterKey draws them."""
    total = 0
    for key, label in keys:
        if compact:
            total += len(key) + (1 + len(label) if label else 0) + 1
        else:
            total += len(key) + 2 + (len(label) + 1 if label else 0)
    return total


def palette_width(key: str, label: str, compact: bool) -> int:
    return 1 + width_of([(key, label)], compact)  # and its border


def fit(keys: list[tuple[str, str, str]], palette_key: str | None, width: int,
        narrowest: int = 0) -> tuple[int, list[str], bool, str | None]:
    """The form for ``keys`` (key display, long label, short label) in a bar ``width`` cells
    wide, the widest from ``FORMS[narrowest]`` on that fits: its index in ``FORMS``
    (``len(FORMS)``: only the keys), the labels to draw, whether compact, and the palette key's
    label (None: left out)."""
    for form, (compact, palette_label, may_shorten) in enumerate(FORMS):
        if form < narrowest:
            continue
        room = width - (palette_width(palette_key, palette_label, compact)
                        if palette_key is not None and palette_label is not None else 0)
        labels = [long for _k, long, _s in keys]
        while True:
            over = width_of([(k, lab) for (k, _l, _s), lab in zip(keys, labels)], compact) - room
            if over <= 0:
                return form, labels, compact, palette_label
            if not may_shorten:
                break
            saves = {i: len(labels[i]) - len(short) for i, (_k, _l, short) in enumerate(keys) if labels[i] != short}
            if not saves:
                break
            # shorten as few labels as it takes, each as little as it takes: the label that
            # saves just enough, else the one that saves most
            enough = [i for i, n in saves.items() if n >= over]
            i = min(enough, key=lambda j: saves[j]) if enough else max(saves, key=lambda j: saves[j])
            labels[i] = keys[i][2]
    return len(FORMS), ["" for _ in keys], True, None


class KeyBar(Footer):
    #: (width, index in FORMS, actions whose labels were shortened) of the narrowest form this
    #: bar has drawn at that width
    _narrowest: tuple[int, int, frozenset[str]] = (0, 0, frozenset())

    def _fit(self, keys: list[Key]) -> Keys:
        regular = [k for k in keys if not k.palette]
        palette = [k for k in keys if k.palette]
        short: dict[str, str] = getattr(self.screen, "SHORT_LABELS", {})
        width = self.app.size.width
        narrowest, shortened = self._narrowest[1:] if self._narrowest[0] == width else (0, frozenset())
        triples = [(k.key_display, k.description, short.get(k.action, k.description)) for k in regular]
        # a label shortened before at this width starts short (the key does not change its word)
        triples = [(d, s if k.action in shortened else lab, s) for k, (d, lab, s) in zip(regular, triples)]
        form, labels, compact, palette_label = fit(triples, palette[0].key_display if palette else None,
                                                    width, narrowest)
        shortened |= {k.action for k, lab, (_d, long, s) in zip(regular, labels, triples) if lab == s != long}
        self._narrowest = (width, max(form, narrowest), frozenset(shortened))
        fitted = [replace(k, description=label) for k, label in zip(regular, labels)]
        if palette and palette_label is not None:
            fitted.append(replace(palette[0], description=palette_label))
        return Keys(tuple(fitted), compact)

    def on_resize(self) -> None:
        self.update_keys()
