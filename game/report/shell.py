"""The sentences of the game's shell, not of a run: leaving, what is saved, which city, the
terminal's size. Composed from plain facts, so each says exactly what will happen."""

from __future__ import annotations

from typing import Literal

from .words import plural, when

Saving = Literal["off", "ok", "failing"]


def city_label(city: str, title: str) -> str:
    """A rulebook as the player picks it: its city first ("Tessaly · Register of ...")."""
    return f"{city} · {title}" if city and city != title else title


def quit_detail(*, living: bool, decisions: int, unit: str, finished: bool, saving: Saving,
                problem: str = "") -> str:
    """What quitting now keeps of the life being played, true to what the autosave did."""
    if not living:
        return "You can come back and live another life."
    if saving == "off":
        return "This life is not being saved: quitting ends it."
    if saving == "failing":
        return (f"Saving has been failing ({problem.rstrip('.')}), so the last decisions are not on disk. "
                "Quitting now loses them.")
    if finished:
        return "This life is over and saved: the hall of records (h on the title screen) keeps it."
    if decisions == 0:
        return (f"Nothing of this life is saved yet: it is saved from your first decision on. "
                f"Quitting now leaves no trace of it.")
    return (f"This life is saved after every {unit} ({plural(decisions, 'decision')} so far): "
            "load it again from the title screen (l).")


def too_small(width: int, height: int, min_width: int, min_height: int) -> tuple[str, str]:
    """(heading, body) for a terminal smaller than the game can be played in."""
    return ("Model Citizen needs a bigger terminal",
            f"At least {min_width} columns by {min_height} lines; this one is {width} by {height}. "
            "Make the window larger (or the font smaller) and the game comes back as it was.")


def take_over_question(*, turn: int, unit: str, keep: int, run_name: str) -> str:
    return (f"Take over in {when(unit, turn).lower()}? The first {plural(keep, 'decision')} are kept; from "
            f"{unit} {turn} on you choose. This is saved as a new run; {run_name} is not changed. Under which city's rules?")


def city_note(*, own_city: str, city: str, keep: int, applies: int, unit: str, parting_turn: int | None) -> str:
    """What choosing ``city`` for the rest of a life (taken over) means for the kept decisions."""
    if city == own_city:
        return f"Under {city}, as this run was played."
    if applies >= keep:
        return f"Under {city}: the same {plural(keep, 'decision')} first, judged by its rules."
    where = f" in {unit} {parting_turn}" if parting_turn is not None else ""
    return (f"Under {city} the lives part{where}: only {plural(applies, 'decision')} can be kept, "
            f"and you choose from there.")


def live_again_question(*, scenario: str, city: str) -> str:
    return f"Live it again from the first day: {scenario}. Under which city's rules? Last time it was {city}."
