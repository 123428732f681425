"""What the words on the screen mean: a legend a first-time player can open with `?`."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...engine.game import Game

FORCES = [
    ("law", "a fine or penalty for breaking a rule that is law"),
    ("norms", "what other people make of you: your circle, a name on a screen"),
    ("market", "a price: dearer loans, deposits waived, points for sale"),
    ("architecture", "a door that will not open: a ticket gate, a form that will not submit"),
]

WORDS = [
    ("score", "the number the city keeps on you; only its rulebook moves it"),
    ("tier", "the band your score falls in; sanctions and privileges follow tiers"),
    ("record", "a line in your dossier: what the system believes you did"),
    ("not you", "a record of something someone else did, filed under your name"),
    ("no circumstances", "a record kept without the reason you know lay behind it"),
    ("sanction, blacklist", "what closes services to you; ⊘ marks a choice it locks"),
    ("privilege", "what opens services, or makes them cheaper, for a good tier"),
    ("the Guide", "the city's assistant; it recommends what is best for your score"),
    ("appeal", "contesting a record; some cities hear appeals, some do not"),
]


def legend(game: Game) -> Text:
    t = Text()
    t.append("Words the system uses\n", style="bold underline")
    for word, meaning in WORDS:
        t.append(f"{word}: ", style="bold")
        t.append(f"{meaning}\n")
    t.append("\nThe four forces a consequence can come from\n", style="bold underline")
    for word, meaning in FORCES:
        t.append(f"({word}) ", style="bold")
        t.append(f"{meaning}\n")
    c = game.scenario.citizen
    t.append("\nYour own counts\n", style="bold underline")
    t.append("Money", style="bold")
    t.append(": what choices cost. A choice you cannot afford is locked.\n")
    for name, start in c.resources.items():
        t.append(name.capitalize(), style="bold")
        t.append(f": started at {start}; choices spend or restore it. The system never sees it.\n")
    t.append("\nYour virtues are hidden, from the system and from you, until the end.\n", style="italic")
    return t


class HelpScreen(Screen):
    CSS_PATH = "overlay.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("question_mark", "close", "Back", show=False),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        yield Static(Text("What the words mean", style="bold"), classes="overlay-title")
        with VerticalScroll(id="help-scroll"):
            yield Static(legend(self.game), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    def action_close(self) -> None:
        self.dismiss()
