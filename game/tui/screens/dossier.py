"""The dossier: the citizen's record as the system holds it, with what the citizen knows."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from ...engine.game import Game
from ..widgets.document import Document, Section
from ..wording import plural, record_table


def dossier_sections(game: Game) -> list[Section]:
    s = game.state
    out: list[Section] = []
    intro = [Text(f"Held by {game.judge.announcer}. Score {s.score}; "
                  f"{plural(len([r for r in s.records if not r.removed]), 'record')} in force.")]
    marked = [r for r in s.records if r.truth in ("wrong", "contextless") and not r.removed]
    if marked:
        intro.append(Text(f"You know {plural(len(marked), 'entry', 'entries')} to be wrong or without "
                          f"context; they are marked below.", style="italic"))
    out.append(("Your dossier", intro))
    if s.records:
        out.append(("Records", [record_table(game, s.records)]))
    else:
        out.append(("Records", [Text("No entries. The system has nothing on you yet.", style="dim")]))
    ap = game.rulebook.model.appeals
    lines: list[Text] = []
    for a in s.appeals:
        fate = {"upheld": "upheld: struck out", "dismissed": "dismissed: the record stands"}.get(a.outcome or "", f"pending, decision due week {a.decides}")
        lines.append(Text(f"Record #{a.record}: filed week {a.filed}, {fate}"))
    if ap.kind == "none":
        lines.append(Text("There is no procedure for contesting a record.", style="dim"))
    elif not s.appeals:
        lines.append(Text("No appeals filed. An appeal is made through a choice, when one is offered.", style="dim"))
    out.append(("Appeals", lines))
    return out


class DossierScreen(Screen):
    CSS_PATH = "overlay.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("d", "close", "Back", show=False),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        yield Static(Text(f"Dossier · {self.game.scenario.citizen.name}", style="bold"), classes="overlay-title")
        yield Document(dossier_sections(self.game), id="dossier-doc")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Document).focus()

    def action_close(self) -> None:
        self.dismiss()
