"""The words around a life: the title screen's premise and content, the saved runs (load
screen), the hall of records, the dialogs about runs (in use elsewhere, take over, save
elsewhere), and the shell's own (what quitting keeps, the terminal's size, which city).

Composed here from plain data (entries, saves, counts) as paragraphs with named styles, so
the TUI only draws them (through ``rich.text.Text``, never markup: a save's player name or a
folder may hold brackets). Save files and listings are duck-typed: this layer does not know
the runs layer above it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ..scenario.safe_text import clean
from .document import Para, Span, dim, para, strong
from .words import plural

# --------------------------------------------------------------------------- the title screen

PREMISE = (
    "Your city keeps score. A bill paid late, a mother visited, a friend kept or dropped: "
    "each becomes a line in your record, and the record decides which doors open to you. "
    "The train. The loan. Your child's school. Every week the Guide will tell you what "
    "the system would prefer. The rest of your life is yours to live."
)

#: How open a rulebook is, in a few words, for the list of cities.
OPENNESS = {"public": "rules published", "partial": "rules partly withheld", "secret": "rules not published"}

CHOOSE = "Choose a life, then a city's rules. Enter moves on; s starts."
CHOOSE_FIRST = "Choose a life and a rulebook first."


def entry_summary(kind: str, summary: str, meta: dict, title: str = "") -> Para:
    """What a highlighted scenario or rulebook is; for a rulebook, its city and how open it is
    first (``meta``: its ``[rulebook]`` table, as far as it could be read); for a scenario its
    whole title (the list cuts long ones short)."""
    spans: list[Span] = []
    if kind == "rulebook":
        known = [str(x) for x in (meta.get("city"), OPENNESS.get(meta.get("transparency", "public"))) if x]
        if known:
            spans.append(strong(f"{' · '.join(known)}. "))
    elif title:
        spans.append(strong(f"{title}. "))
    spans.append(Span(summary.strip(), "em"))
    return para(*spans)


def unusable_content(count: int, first_problem: str) -> str:
    return f"{plural(count, 'content file')} cannot be used (marked ✗): {first_problem}"


def no_content(kind: str, folder: object) -> str:
    """``kind``: "scenarios" or "rulebooks"."""
    return f"No {kind} found in {clean(str(folder))}."


def cannot_open(scenario: str, rulebook: str, problem: object) -> str:
    return f"Could not open {scenario} under {rulebook}:\n{problem}"


# --------------------------------------------------------------------------- saved runs


def _player(save: Any, unknown: str) -> str:
    player = save.player if len(save.player) <= 80 else save.player[:79] + "…"
    return player or unknown


def _local(when: datetime, fmt: str) -> str:
    try:
        return when.astimezone().strftime(fmt)
    except (OverflowError, OSError, ValueError):
        return "—"


def last_played(when: datetime) -> str:
    return _local(when, "%Y-%m-%d %H:%M")


def ended_on(when: datetime) -> str:
    return _local(when, "%Y-%m-%d")


def run_state(entry: Any) -> Para:
    """A saved run's state in a few words: unusable (and why), ended (and how), in use
    elsewhere, or in progress."""
    if entry.problem is not None:
        return para(strong(f"✗ {entry.problem.label}"))
    save = entry.save
    if save.final is not None:
        return para(f"ended: {save.final.title or save.final.ending}")
    if entry.holder is not None:
        return para(strong("in use elsewhere"))
    return para(strong("in progress"))


def saves_head(folder: object) -> Para:
    return para(strong("Saved runs"), dim(f"   {clean(str(folder))}"))


def no_saved_runs(folder: object) -> str:
    return f"No saved runs in {clean(str(folder))} yet. A life is saved after every decision."


def run_detail(entry: Any, holder: str = "") -> Para:
    """Everything the load screen says about one saved run (``holder``: who plays it now, in
    words, when another instance does)."""
    spans: list[Span] = [strong(entry.name), Span("\n")]
    if entry.problem is not None:
        spans += [strong(f"Cannot be opened: {entry.problem.message}"), dim("\nThe other saves are not affected.")]
        return para(*spans)
    s = entry.save
    spans.append(Span(f"{_player(s, 'Unknown')} · seed {s.seed} · started {last_played(s.started)} · "
                      f"{plural(len(s.turns), 'decision')}"))
    if s.origin is not None:
        spans.append(Span(f"\nTaken over from {s.origin.file} after {plural(s.origin.turns, 'decision')}."))
    if s.final is not None:
        spans.append(Span(f"\nEnded in turn {s.final.turn}: {s.final.title or s.final.ending}. "
                          f"Followed the Guide {s.final.guide_followed} of {s.final.guide_offered} times."))
        spans.append(dim("\nEnter or r: open it in the replay viewer."))
    elif entry.holder is not None:
        spans.append(dim(f"\nAnother Model Citizen is playing it ({holder}). Enter: watch it or play on "
                         f"from a copy · r: replay viewer"))
    else:
        spans.append(dim("\nEnter: resume where it stopped · r: replay viewer"))
    return para(*spans, facts={"seed": s.seed, "decisions": len(s.turns)})


def not_saving(problem: str) -> str:
    """Said when autosaving fails: what went wrong, and what the player can do."""
    return f"{problem} The top line counts the decisions not saved; ctrl+s saves in another folder."


def cannot_be_opened(name: str) -> str:
    return f"{name} cannot be opened"


def unexpected(exc: BaseException) -> str:
    """A save that failed in a way nobody foresaw: what little is known, never a traceback."""
    return f"cannot be opened ({type(exc).__name__}: {exc})"


def in_use(run_name: str, holder: str) -> Para:
    """The dialog for a run another instance is playing: watch it, or play on from a copy."""
    return para(strong("This run is being played elsewhere\n\n"),
                f"{run_name} is open in another Model Citizen ({holder}). Only one can play a run, "
                "so that neither loses the other's decisions.\n\n"
                "You can watch it as it stands, or play on from a copy: a new run with the same "
                "decisions so far, saved in its own file.")


def take_over(unit: str, turn: int, keep: int, run_name: str) -> Para:
    """The dialog before taking over a replayed run from a turn."""
    return para(strong(f"Take over in {unit} {turn}?\n\n"),
                f"The first {plural(keep, 'decision')} {'is' if keep == 1 else 'are'} kept; from {unit} {turn} on "
                f"you choose. This is saved as a new run; {run_name} is not changed.",
                facts={"turn": turn, "keep": keep})


TAKE_OVER_ENDED = "This life has ended. Step back to a turn to take over from there."


def lives_part(rulebook: str, unit: str, turn: int) -> str:
    return f"Under {rulebook} the lives part in {unit} {turn}."


def save_elsewhere(problem: str, unsaved: int) -> Para:
    """The dialog asking for another folder when the run cannot be saved where it is."""
    return para(strong("Save this run in another folder\n\n"), problem,
                f"\n\n{plural(unsaved, 'decision')} {'is' if unsaved == 1 else 'are'} not saved yet. Type a folder: "
                "the whole run is saved there as a new file, and from then on after every decision.",
                facts={"unsaved": unsaved})


# --------------------------------------------------------------------------- the hall of records


def hall_head(folder: object) -> Para:
    return para(strong("Hall of records"), dim(f"   finished lives in {clean(str(folder))}, newest first"))


def hall_foot(folder: object, finished: int, others: int, problem: str = "") -> str:
    """Under the hall's table: why it is empty, or how many runs it leaves out."""
    if problem:
        return problem
    if not finished:
        return f"No finished lives yet. Every life you finish is kept here, in {clean(str(folder))}."
    if others:
        return f"{plural(others, 'other saved run')} {'is' if others == 1 else 'are'} unfinished or unreadable " \
               f"(l on the title screen lists them)."
    return ""


UNREPLAYABLE = "(cannot be replayed)"


def hall_who(save: Any, epithet: str, city: str = "") -> Para:
    """The citizen with the epithet their life earned, then where it was lived (two lines;
    ``city``: the rulebook's city, named first, when it is known)."""
    player = _player(save, "Someone")
    return para(strong(f"{player}, {epithet}" if epithet else player),
                dim(f"\n{city_label(city, save.rulebook.title or save.rulebook.id)} · "
                    f"{save.scenario.title or save.scenario.id}"))


def cannot_be_read_back(name: str) -> str:
    return f"{name} cannot be read back"


# --------------------------------------------------------------------------- the shell: leaving, size, which city

WHICH_CITY = "Under which city's rules?"

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
    return f"Live it again from the first day: {scenario}. {WHICH_CITY} Last time it was {city}."


# --------------------------------------------------------------------------- the replay viewer's frame


def replay_head(*, scenario: str, rulebook: str, city: str, player: str, seed: int, run_name: str) -> Para:
    """The viewer's two top lines: which life in which city (the city before the rulebook's
    title, so a narrow terminal cuts the title, not the city), then whose and which file."""
    def clip(text: str) -> str:
        return text if len(text) <= 60 else text[:59] + "…"

    where = f"{scenario}, in {city} ({rulebook})" if city and city != rulebook else f"{scenario}, under {rulebook}"
    return para(strong("Replay · "), where,
                dim(f"\n{clip(player or 'Unknown')} · seed {seed} · {clip(run_name)}"), facts={"seed": seed})


def not_verified(problem: str) -> Para:
    """Under the head when the save does not rebuild to what it claims."""
    return para(Span(f"✗ This save does not verify: {problem}. What you see is the life its decisions rebuild, "
                     "not what the file claims.", "strong reverse"))


def not_verified_notice(problem: str) -> str:
    return f"This save does not verify: {problem}."


def cannot_resimulate(exc: BaseException) -> str:
    return f"it cannot be re-simulated ({type(exc).__name__})"


def out_of_sync(unit: str, turn: int, detail: str) -> str:
    detail = detail if len(detail) <= 300 else detail[:299] + "…"
    return f"out of sync at {unit} {turn}: {detail}"


#: Said at the foot of a page while some of it is below the fold (the play screen's week).
MORE_BELOW = "▼ more below (↓ or PgDn)"


#: The timeline's columns (the first is the calendar's unit), and its last row. Under
#: "Guide": ◆ the Guide's pick was taken, · it was not, blank: it had none.
TIMELINE_COLUMNS = ("Score", "Guide", "B score", "Event · choice")


def timeline_end(finished: bool) -> str:
    return "the end" if finished else "(stopped here)"


def replay_status(*, unit: str, turn: int | None, position: int, count: int, playing: bool, speed: float,
                  comparing: str | None) -> Para:
    """The viewer's status line: where it is (``turn`` None: the end card), playing or not, and
    which city it compares with."""
    where = "the end" if turn is None else f"{unit} {turn} ({position} of {count})"
    state = f"▶ playing ×{speed:g}" if playing else f"paused · speed ×{speed:g}"
    spans: list[Span] = [Span(f"{where} · {state}")]
    if comparing:
        spans.append(strong(f" · comparing with {comparing}"))
    return para(*spans, facts={"turn": turn, "position": position, "count": count, "speed": speed})


def no_decision_in(unit: str, turn: int) -> str:
    return f"No decision was made in {unit} {turn}; showing the end."


def cannot_show_turn(exc: BaseException) -> str:
    return f"This turn cannot be shown ({type(exc).__name__}: {exc})."


def cannot_open_rulebook(problem: object) -> str:
    return f"That rulebook cannot be opened: {problem}"


def jump_question(unit: str, first: int, last: int) -> tuple[str, str]:
    """(question, what the empty box says) for the viewer's jump."""
    return f"Jump to {unit} ({first} to {last}):", f"a number, {first} to {last}"


OTHER_CITY = "The same decisions under another city's rules:"
BACK_TO_ONE = "Back to this run alone"
NO_OTHER_RULEBOOK = "No other rulebook is installed"


def compare_life(tag: str, title: str, city: str) -> Para:
    """A column's head in the side-by-side comparison, city first ("B · Tessaly · Register of ...")."""
    return para(strong(f"{tag} · {city_label(city, title)}"))


def compare_row(unit: str, turn: int, event_title: str, choice_text: str) -> Para:
    return para(f"\n{unit.capitalize()} {turn} · {event_title} · chosen: {choice_text}\n", facts={"turn": turn})


def compare_figures(life: Any, status: str) -> Para:
    """A life's figures as far as it goes, under its column."""
    return para(f"\nAs far as it goes: {life.score}, tier {life.tier} ({life.tier_label})\n{status}",
                facts={"score": life.score})


# --------------------------------------------------------------------------- the play screen's notices

GUIDE_TITLE = "The Guide"


def cannot_now(problem: object) -> tuple[str, str]:
    """(title, message) when a decision is refused by the engine."""
    return "Not possible", f"That cannot be done now: {problem}"


def decision_failed(exc: BaseException) -> tuple[str, str]:
    return "Error", f"The decision could not be processed ({type(exc).__name__}: {exc})."


def saved_elsewhere(path: object) -> tuple[str, str]:
    return "Saved", f"Saved in {clean(str(path))}. This run is saved there from now on."


def still_not_saving(problem: str) -> tuple[str, str]:
    return "Still not saving", problem or "That folder cannot be used either."


def cannot_begin(problem: object) -> tuple[str, str]:
    return "Error", f"This life could not begin: {problem}"
