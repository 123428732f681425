"""What the words on the screen mean: the legend a first-time player opens with ``?``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .document import Block, Span, em, para, strong

if TYPE_CHECKING:  # pragma: no cover
    from ..engine.game import Game

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


def legend(game: "Game") -> list[Block]:
    out: list[Block] = [para(Span("Words the system uses", "strong underline"))]
    out += [para(strong(f"{word}: "), meaning) for word, meaning in WORDS]
    out.append(para(Span("\nThe four forces a consequence can come from", "strong underline")))
    out += [para(strong(f"({word}) "), meaning) for word, meaning in FORCES]
    c = game.scenario.citizen
    out.append(para(Span("\nYour own counts", "strong underline")))
    out.append(para(strong("Money"), ": what choices cost. A choice you cannot afford is locked."))
    for name, start in c.resources.items():
        out.append(para(strong(name.replace("_", " ").capitalize()),
                        f": started at {start}; choices spend or restore it. The system never sees it.",
                        facts={"start": start}))
    out.append(para(em("\nYour virtues are hidden, from the system and from you, until the end.")))
    return out
