"""The game's own Textual theme, and the colours every screen takes from whichever theme is on.

Screens name colours only through theme variables. Besides Textual's own (``$primary``,
``$panel``, ``$text-muted``...), the game derives a few from the theme in use, each made
legible against that theme's background, so that any theme, dark or light, gives readable
text: ``$heading`` (titles and headings), ``$alarm`` (a door closing, a record that is
not yours), ``$band-1`` to ``$band-6`` (the tier bands of the score chart, best first) and
``$chart`` (the virtue chart). An ANSI theme keeps the terminal's own colours: it is the
terminal's palette that decides there, so nothing is computed.
"""

from __future__ import annotations

from textual.color import Color
from textual.theme import Theme

NAME = "model-citizen"

#: The game's theme: paper-white text on a night-blue desk, a civic blue, the amber of an
#: official stamp.
CITIZEN_THEME = Theme(
    name=NAME,
    primary="#5B8DB8",
    secondary="#3E6A8A",
    accent="#E0B84C",
    warning="#E8A33D",
    error="#D9625B",
    success="#6DBF7B",
    foreground="#E4E2DC",
    background="#15191E",
    surface="#1D222A",
    panel="#262C36",
    dark=True,
    variables={
        "footer-key-foreground": "#E0B84C",
        "block-cursor-text-style": "bold",
    },
)

#: WCAG 2 contrast the game asks of text (AA, normal size) and of the chart's marks.
TEXT_CONTRAST = 4.5
MARK_CONTRAST = 3.0

#: Each derived variable: the theme variable it starts from, the contrast it must reach, and
#: the background it is read on.
DERIVED: dict[str, tuple[str, float, str]] = {
    "heading": ("accent", TEXT_CONTRAST, "background"),
    "alarm": ("warning", TEXT_CONTRAST, "background"),
    "chart": ("primary", MARK_CONTRAST, "background"),
    "band-1": ("success", TEXT_CONTRAST, "background"),
    "band-2": ("accent", TEXT_CONTRAST, "background"),
    "band-3": ("warning", TEXT_CONTRAST, "background"),
    "band-4": ("error", TEXT_CONTRAST, "background"),
    "band-5": ("secondary", TEXT_CONTRAST, "background"),
    "band-6": ("foreground-muted", TEXT_CONTRAST, "background"),
    # Textual's own: the keys in the key bar, kept legible on the bar (in textual-light they are not)
    "footer-key-foreground": ("footer-key-foreground", TEXT_CONTRAST, "footer-background"),
}


def luminance(c: Color) -> float:
    """Relative luminance (WCAG 2)."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)


def contrast(a: Color, b: Color) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def legible(colour: Color, background: Color, ratio: float) -> Color:
    """``colour``, moved toward white on a dark background or black on a light one, in small
    steps, until it reaches ``ratio`` against ``background``: the hue stays, the text reads."""
    colour = background + colour  # a translucent colour as it looks on the background
    toward = Color(255, 255, 255) if luminance(background) < 0.18 else Color(0, 0, 0)
    for _ in range(20):
        if contrast(colour, background) >= ratio:
            return colour
        colour = colour.blend(toward, 0.1)
    return toward


def derived(variables: dict[str, str], ansi: bool) -> dict[str, str]:
    """The game's own variables for a theme's generated ``variables``."""
    out: dict[str, str] = {}
    if ansi:
        for name, (source, _ratio, _on) in DERIVED.items():
            out[name] = variables.get(source, "ansi_default")
        out["band-6"] = "ansi_bright_black"  # "foreground-muted" is translucent: not an ANSI colour
        return out
    background = Color.parse(variables["background"])
    for name, (source, ratio, on) in DERIVED.items():
        try:
            under = background + Color.parse(variables.get(on, variables["background"]))
            colour = Color.parse(variables[source])
        except Exception:  # a theme without this colour: the plain text colour reads everywhere
            under, colour = background, Color.parse(variables.get("foreground", "#e0e0e0"))
        out[name] = legible(colour, under, ratio).hex
    return out
