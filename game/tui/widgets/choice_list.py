"""The choices of the turn's event: numbered, locked ones marked, the Guide's pick marked."""

from __future__ import annotations

from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...engine.game import Game
from ...engine.outcome import Offer
from ...report.document import Rows
from ...report.turn import choice_cells
from .. import render


class ChoiceList(OptionList):
    """Draws an :class:`Offer`'s choices; posts :class:`ChoiceList.Picked` when one is taken.

    Locked choices are disabled options: arrows skip them and Enter or a click cannot take
    them. Their reason is drawn beneath them, in words. No choice is highlighted until an
    arrow key is pressed.
    """

    class Picked(Message):
        def __init__(self, choice_id: str) -> None:
            super().__init__()
            self.choice_id = choice_id

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.offer: Offer | None = None
        self.game: Game | None = None
        self.pointed: int | None = None

    def show_offer(self, offer: Offer, game: Game, pointed: int | None = None) -> None:
        self.offer, self.game, self.pointed = offer, game, pointed
        self.clear_options()
        self.add_options(
            Option(render.rows(Rows([choice_cells(i, v, v.id == offer.guide, game, pointed=i == pointed)]), padding=2),
                   id=v.id, disabled=not v.available)
            for i, v in enumerate(offer.choices, start=1)
        )
        # Nothing highlighted until an arrow key is pressed: an Enter meant to leave the
        # report must never take a choice by itself.
        self.highlighted = None
        self.scroll_to(y=0, animate=False)

    def point_at(self, number: int) -> None:
        """A locked choice was asked for: its reason, already written under it, stands out
        (once: asking again changes nothing), and the list is brought into view."""
        if self.offer is not None and self.game is not None and number != self.pointed:
            self.show_offer(self.offer, self.game, pointed=number)
        self.scroll_visible(animate=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None and not event.option.disabled:
            self.post_message(self.Picked(event.option.id))
