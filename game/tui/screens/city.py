"""Which city's rules? Asked when a life is lived again and when a replayed life is taken over.

The rulebooks are listed by their city first; the one the question starts from is
highlighted, so Enter alone keeps it. A note under the list says what the highlighted city
means here (for a take-over: how many of the kept decisions still apply under its rules).
"""

from __future__ import annotations

from typing import Callable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...report.menus import city_label, live_again_question
from ...scenario.content import Rulebook, Scenario
from ...scenario.library import Entry, open_rulebook, rulebooks
from . import citizen_app
from .dialog import Dialog
from .title import by_city, _rulebook_meta

#: The answer for the rulebook the question starts from (it needs no opening).
OWN = ""


def city_of(entry: Entry) -> str:
    return str(_rulebook_meta(entry).get("city") or entry.title)


def cities() -> dict[str, str]:
    """Each installed rulebook's city by its id, to name a saved run's city first (a save
    records the rulebook's id and title, not its city)."""
    return {e.id: city_of(e) for e in rulebooks()}


class CityDialog(Dialog[str | None]):
    """Answers OWN, another rulebook's path, or None (Escape)."""

    DEFAULT_CSS = """
    CityDialog #cities { height: auto; max-height: 8; margin: 1 0 0 0; }
    CityDialog #note { height: auto; margin: 1 0 0 0; }
    """
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("n", "cancel", "Cancel", show=False),
        Binding("y", "choose", "Choose", show=False),
    ]

    def __init__(self, question: str | Text, own: Rulebook, start: str = OWN,
                 hint: str = "Enter chooses · Escape cancels",
                 note: Callable[[str, str], str] | None = None) -> None:
        """``start``: the answer highlighted first; ``note(answer, city)``: a line about it."""
        super().__init__()
        self.question, self.own, self.start, self.hint, self.note = question, own, start, hint, note
        self.entries = [e for e in by_city(rulebooks()) if e.id != own.id]

    def options(self) -> list[tuple[str, str, Text]]:
        """(answer, city, label) for every city, by name, the run's own one among them."""
        out = [(str(e.path), city_of(e), Text(city_label(city_of(e), e.title))) for e in self.entries]
        own = Text(city_label(self.own.meta.city, self.own.title))
        own.append("  (as before)", style="dim")
        out.append((OWN, self.own.meta.city, own))
        return sorted(out, key=lambda o: o[1].casefold())

    def compose(self) -> ComposeResult:
        self._options = self.options()
        with Vertical(id="dialog"):
            yield Static(Text(self.question) if isinstance(self.question, str) else self.question, id="question")
            yield OptionList(*[Option(label, id=str(i)) for i, (_a, _c, label) in enumerate(self._options)],
                             id="cities")
            if self.note is not None:
                yield Static(id="note")
            yield Static(self.hint, classes="hint")

    def on_mount(self) -> None:
        cities = self.query_one("#cities", OptionList)
        answers = [a for a, _c, _l in self._options]
        cities.highlighted = answers.index(self.start) if self.start in answers else answers.index(OWN)
        cities.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.note is None or event.option.id is None:
            return
        answer, city, _label = self._options[int(event.option.id)]
        self.query_one("#note", Static).update(Text(self.note(answer, city)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(self._options[int(event.option.id)][0])

    def action_choose(self) -> None:
        highlighted = self.query_one("#cities", OptionList).highlighted
        if highlighted is not None:
            self.dismiss(self._options[highlighted][0])

    def action_cancel(self) -> None:
        self.dismiss(None)


def open_answer(app, answer: str, own: Rulebook, scenario: Scenario) -> Rulebook | None:
    """The rulebook an answer names (the run's own for OWN); None after saying why it cannot open."""
    if answer == OWN:
        return own
    try:
        return open_rulebook(answer, scenario.lexicon)
    except Exception as exc:  # content errors: a message, never a traceback
        app.notify(f"That city's rulebook cannot be opened: {exc}", title="Not opened", severity="error",
                   markup=False)
        return None


def live_again(app, scenario: Scenario, rulebook: Rulebook) -> None:
    """The same life from its first day, under the city the player picks (the same by default)."""

    def answered(answer: str | None) -> None:
        if answer is None:
            return
        chosen = open_answer(app, answer, rulebook, scenario)
        if chosen is not None:
            citizen_app(app).start_life(scenario, chosen)

    app.push_screen(CityDialog(live_again_question(scenario=scenario.title, city=rulebook.meta.city), rulebook),
                    answered)
