"""The words of a turn: the choices with their locks, what the system said, the score's move.

Composed from the engine's data (offers, notices, locks, typed story changes) into the
document model; the play screen and the replay viewer draw it. The system's sentences are
:mod:`game.report.notices`'; the engine writes none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .document import Block, Para, Rows, Span, dim, para, strong
from .notices import choice_text, guide_words, lock_reason, names_force, notice_facts, notice_text, outcome_text, \
    tier_words
from .words import plural, signed, when

if TYPE_CHECKING:  # pragma: no cover
    from ..engine.game import Game
    from ..engine.outcome import ChoiceView, Lock, Notice, Offer, StoryChange, TurnResult
    from ..scenario.content import Rulebook, Scenario

# Glyphs carry meaning as text; colour only repeats it.
LOCKED = "⊘"
GUIDE = "◆"

NOTICE_GLYPHS = {
    "record": "•",
    "sanction_start": "⊘",
    "sanction_end": "○",
    "privilege_start": "✚",
    "privilege_end": "−",
    "rule_change": "§",
    "appeal": "»",
    "story": "›",
    "ending": "■",
}


TRANSPARENCY = {
    "public": "Its rules are published: press r to read them.",
    "partial": "Some of its rules are published; others are withheld. Press r to read what is public.",
    "secret": "Its rules are not published.",
}


def tier_text(game: "Game", tier_id: str) -> str:
    return tier_words(game.rulebook, tier_id)


# --------------------------------------------------------------------------- notices


def notice_glyph(n: "Notice") -> str:
    if n.kind == "tier":
        return "▼" if n.ref == "down" else "▲"
    return NOTICE_GLYPHS.get(n.kind, "•")


def is_alarming(n: "Notice") -> bool:
    return n.kind in ("sanction_start", "privilege_end") or (n.kind == "tier" and n.ref == "down")


def notice_style(n: "Notice") -> str:
    if n.kind == "story":
        return "em"
    if is_alarming(n):
        return "warn"
    if n.kind in ("sanction_end", "privilege_start") or (n.kind == "tier" and n.ref == "up"):
        return "strong"
    return ""


def notice_para(n: "Notice", sc: "Scenario", rb: "Rulebook", announcer: str = "") -> Para:
    """A notice's words and who said it (unless it is the announcer), without its glyph."""
    text = notice_text(n, sc, rb)
    parts: list[Span] = [Span(text, notice_style(n))]
    who = "" if n.institution == announcer else n.institution
    if who:
        parts.append(dim(f"  — {who}"))
    if names_force(n):
        parts.append(dim(f" ({n.force})"))
    return para(*parts, facts=notice_facts(n, rb))


def notice_line(n: "Notice", sc: "Scenario", rb: "Rulebook") -> Para:
    """One notice on one line: glyph, the system's words, and who said it."""
    p = notice_para(n, sc, rb)
    return Para([strong(f"{notice_glyph(n)} "), *p.spans], p.facts)


def notice_rows(notices: "Iterable[Notice]", sc: "Scenario", rb: "Rulebook", announcer: str = "") -> Rows:
    """Notices in two columns, so wrapped lines hang under the text, not the glyph. Notices
    signed by ``announcer`` (named once, in the heading) do not repeat the name."""
    return Rows([[para(strong(notice_glyph(n))), notice_para(n, sc, rb, announcer)] for n in notices])


def standing_changes(notices: "Iterable[Notice]") -> dict[str, str]:
    """What a turn changed in the citizen's standing, and which way: ``tier`` ("up"/"down"),
    ``restrictions`` ("up": one began, "down": one ended), ``privileges`` (granted or
    withdrawn). The play screen marks these in its status line (facts, not words)."""
    out: dict[str, str] = {}
    net = 0  # a tier lost and won back in one turn is no change (the bar showed "▼ C" for C -> B -> C)
    for n in notices:
        if n.kind == "tier":
            net += -1 if n.ref == "down" else 1
        elif n.kind in ("sanction_start", "sanction_end"):
            if n.kind == "sanction_start" or "restrictions" not in out:
                out["restrictions"] = "up" if n.kind == "sanction_start" else "down"
        elif n.kind in ("privilege_start", "privilege_end"):
            if n.kind == "privilege_start" or "privileges" not in out:
                out["privileges"] = "up" if n.kind == "privilege_start" else "down"
    if net:
        out["tier"] = "down" if net < 0 else "up"
    return out


# --------------------------------------------------------------------------- choices


def lock_detail(lock: "Lock", rb: "Rulebook") -> str:
    """The lock in one line: reason, who refuses, which records stand behind it."""
    who = []
    if lock.institution:
        who.append(lock.institution)
    if lock.records:
        ids = ", ".join(f"#{r}" for r in lock.records)
        who.append(f"{'record' if len(lock.records) == 1 else 'records'} {ids}")
    return lock_reason(lock, rb) + (f" — {', '.join(who)}" if who else "")


def choice_cells(number: int, view: "ChoiceView", guide: bool, game: "Game", pointed: bool = False) -> list[Para]:
    """A choice as a row: its number, then its text (which wraps under itself). ``pointed``:
    the player asked for this locked choice, so the reason under it stands out."""
    parts: list[Span] = []
    text = choice_text(view, game.scenario.calendar.unit)
    if view.lock is not None:
        parts += [strong(f"{LOCKED} "), Span(text), strong("  [locked]")]
    else:
        parts.append(strong(text))
    if view.cost:
        parts.append(Span(f"  · costs {view.cost}"))
    if guide:
        parts.append(Span(f"  {GUIDE} Guide", "strong reverse"))
    if view.lock is not None:
        parts += [Span("\n"), Span(lock_detail(view.lock, game.rulebook), "strong reverse" if pointed else "em")]
    return [para(strong(str(number))), para(*parts, facts={"cost": view.cost, "records": list(
        view.lock.records) if view.lock else []})]


def guide_note(offer: "Offer", secret: bool = False) -> Para:
    """The Guide's line under the choices. In a secret city it weighs the platform's whole
    model, and cannot say why."""
    if offer.guide is not None:
        n = next(i for i, c in enumerate(offer.choices, 1) if c.id == offer.guide)
        said = (f"The Guide recommends {n}. It is not authorised to say why. Press g to follow it." if secret
                else f"The Guide recommends {n} for your score. Press g to follow it.")
        return para(strong(f"{GUIDE} "), said, facts={"choice": n})
    return para(dim(guide_words(offer.guide_says)))


# --------------------------------------------------------------------------- a decision's result


def _resource_name(rid: str) -> str:
    return rid.replace("_", " ").capitalize()


def change_words(game: "Game", c: "StoryChange") -> str:
    names = {p.id: p.name for p in game.scenario.citizen.contacts}
    if c.kind == "money":
        return f"Money {signed(c.amount)}"
    if c.kind == "fee":
        return f"Money {signed(c.amount)} (appeal fee)"
    if c.kind == "resource":
        return f"{_resource_name(c.name)} {signed(c.amount)}"
    if c.kind == "taken_up":
        who = names.get(c.name, "a contact")
        return f"You are in touch with {who} again" if c.again else f"You are now in touch with {who}"
    return f"You drop {names.get(c.name, 'a contact')}"


def changes_para(game: "Game", result: "TurnResult") -> Para | None:
    words = [change_words(game, c) for c in result.story]
    if not words:
        return None
    return para(" · ".join(words), facts={"amounts": [c.amount for c in result.story]})


def score_move(game: "Game", result: "TurnResult") -> Para:
    d = result.score_after - result.score_before
    moved = (f"{result.score_before} → {result.score_after} ({signed(d)})" if d
             else f"{result.score_after} (unchanged)")
    tier = (f"{result.tier_before} → {tier_text(game, result.tier_after)}" if result.tier_after != result.tier_before
            else tier_text(game, result.tier_after))
    return para(strong("Score "), moved, "  ·  ", strong("Tier "), tier,
                facts={"before": result.score_before, "after": result.score_after, "change": d})


def guide_line(result: "TurnResult") -> Para | None:
    if result.followed_guide:
        return para(dim("Logged: you took the Guide's recommendation."))
    if result.followed_guide is False:
        return para(dim("Logged: you did not take the Guide's recommendation."))
    return None


def _notices(game: "Game", heading: str, notices: "list[Notice]") -> list[Block]:
    shown = [n for n in notices if n.kind != "ending"]
    head = para(Span(f"\n{heading}", "strong underline"), dim(f"  {game.judge.announcer}"))
    body: Block = notice_rows(shown, game.scenario, game.rulebook, game.judge.announcer) if shown \
        else para(dim("No entries."))
    return [head, body, para("")]


def result_doc(game: "Game", result: "TurnResult", title: str, finished: bool, resumed: bool = False) -> list[Block]:
    """Drawn between turns: the decision's outcome, story changes, notices, the score's move."""
    unit = game.scenario.calendar.unit
    head: list[Block] = []
    if resumed:
        head.append(para(strong("Where you left off")))
    head.append(para(dim(f"{when(unit, result.turn)} · {title}"), facts={"turn": result.turn, "title": title}))
    outcome = outcome_text(result, unit)
    if outcome.strip():
        head.append(para(f"\n{outcome.strip()}", facts={"text": outcome}))
    ch = changes_para(game, result)
    if ch is not None:
        head.append(para("\n", *ch.spans, facts=ch.facts))
    g = guide_line(result)
    if g is not None:
        head.append(g)
    now = [n for n in result.notices if n.phase != "turn_start"]
    later = [n for n in result.notices if n.phase == "turn_start" and n.kind != "ending"]
    out = head + _notices(game, "What the system recorded", now)
    if later:
        out += _notices(game, f"As {unit} {result.turn + 1} begins", later)
    end = para(Span(" Enter ", "strong reverse"), " see how this life ends" if finished
               else f" continue to the next {unit}")
    return out + [score_move(game, result), para(""), end]


def opening_doc(game: "Game") -> list[Block]:
    c = game.scenario.citizen
    rb = game.rulebook
    cal = game.scenario.calendar
    intro: list[Span] = [strong(f"{game.scenario.title}\n\n")]
    if c.background.strip():
        intro += [strong(f"{c.name}\n"), Span(c.background.strip())]
    else:
        intro.append(Span(f"You are {c.name}."))
    intro.append(Span(f"\n\nYour life is scored under the rulebook {rb.title} ({rb.meta.city}). "
                      f"{TRANSPARENCY.get(rb.meta.transparency, '')} Your life here lasts "
                      f"{plural(cal.turns, cal.unit)}."))
    s = game.state
    end = para(strong("Score "), str(s.score), "  ·  ", strong("Tier "), tier_text(game, s.tier), "\n\n",
               Span(" Enter ", "strong reverse"), " begin", facts={"score": s.score})
    return [para(*intro, facts={"turns": cal.turns}), *_notices(game, "What the system holds at the start",
                                                                game.opening), end]


def summary_doc(game: "Game", result: "TurnResult", title: str) -> list[Block]:
    """A short reminder of the last decision's consequences, for the side panel."""
    unit = game.scenario.calendar.unit
    shown = [n for n in result.notices if n.kind != "ending"]
    body: Block = notice_rows(shown, game.scenario, game.rulebook, game.judge.announcer) if shown \
        else para(dim("No entries."))
    return [para(Span(f"Last {unit}: {title}", "strong underline")), body, score_move(game, result)]
