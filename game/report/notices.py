"""The system's voice: every notice, lock, Guide's line and pass a player reads, in words.

The engine records what it did as facts (:class:`~game.engine.outcome.Notice`,
:class:`~game.engine.outcome.Lock`, the Guide's ``says``); this module composes the sentences,
only when a shell reads them, so a bot that never reads a notice pays nothing for its words.
The voice is the city's: cheerful, exact, bureaucratic; it quotes the rulebook's own words
(articles, reasons, names, the announcer) and counts in the calendar's unit. A rule withheld
from the citizen gives no reason ("Reference withheld"); a secret city gives only the number.
No internal id reaches a sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..engine.game import PASS
from ..scenario.voice import voiced, withheld_reward
from .words import factor, plural, points, signed, tier_name

if TYPE_CHECKING:  # pragma: no cover
    from ..engine.outcome import ChoiceView, Lock, Notice, TurnResult
    from ..engine.state import ServiceEffect
    from ..scenario.content import Rulebook, Scenario


# --------------------------------------------------------------------------- names


def service_name(rb: "Rulebook", service: str) -> str:
    svc = rb.lexicon.services.get(service)
    return svc.name if svc is not None else "a service"


def service_names(rb: "Rulebook", services: "tuple[str, ...] | list[str]") -> str:
    return ", ".join(service_name(rb, s) for s in services)


def behaviour_words(rb: "Rulebook", behaviour: str) -> str:
    """What a behaviour is, in the catalogue's words."""
    b = rb.lexicon.behaviours.get(behaviour)
    return b.description if b is not None else "an act"


def restriction_name(rb: "Rulebook", ref: str | None) -> str:
    """A restriction's name from its id: the rulebook's name for a sanction or blacklist, the
    city's for a reward withheld."""
    kind, _, key = (ref or "").partition(":")
    if kind == "sanction":
        return next((s.name for s in rb.model.sanction if s.id == key), "A sanction")
    if kind == "blacklist":
        return next((b.name for b in rb.model.blacklist if b.id == key), "A blacklist")
    if kind == "refusal":
        return withheld_reward(key)
    return "A restriction"


def privilege_name(rb: "Rulebook", ref: str | None) -> str:
    return next((p.name for p in rb.model.privilege if p.id == ref), "A privilege")


def tier_words(rb: "Rulebook", tier: str) -> str:
    """ "C (Watched)", or the label alone when it names the tier ("Penalty on record")."""
    return tier_name(tier, next((t.label for t in rb.model.tier if t.id == tier), ""))


def _priced(rb: "Rulebook", effects: "tuple[ServiceEffect, ...]") -> str:
    return ", ".join(f"{service_name(rb, e.service)} ({factor(e.factor or 1)})" for e in effects if e.effect == "priced")


# --------------------------------------------------------------------------- notices


def notice_text(n: "Notice", sc: "Scenario", rb: "Rulebook") -> str:
    """A notice in the system's words, under the rulebook that gave it (``rb``)."""
    unit = sc.calendar.unit
    if n.kind == "record":
        return _record(n, rb)
    if n.kind == "tier":
        return f"Your tier is {'lowered' if n.ref == 'down' else 'raised'} to {tier_words(rb, n.tier)}."
    if n.kind == "sanction_start":
        closes = f" Closed to you: {service_names(rb, n.services)}." if n.services else ""
        priced = _priced(rb, n.effects)
        dearer = f" Dearer for you: {priced}." if priced else ""
        until = f" Until {unit} {n.until}." if n.until else ""
        why = f" {n.note}" if n.note and not n.hidden else ""
        return f"{restriction_name(rb, n.ref)}.{closes}{dearer}{until}{why}"
    if n.kind == "sanction_end":
        reason = _LIFTED.get(n.lifted, "")
        opens = f" Open again: {service_names(rb, n.services)}." if n.services else ""
        priced = _priced(rb, n.effects)
        usual = f" At the usual price again: {service_names(rb, [e.service for e in n.effects if e.effect == 'priced'])}." \
            if priced else ""
        return f"{restriction_name(rb, n.ref)} lifted.{' ' + reason if reason else ''}{opens}{usual}"
    if n.kind == "privilege_start":
        opens = f" Open to you: {service_names(rb, n.services)}." if n.services else ""
        return f"Privilege granted: {privilege_name(rb, n.ref)}.{opens}"
    if n.kind == "privilege_end":
        return f"Privilege withdrawn: {privilege_name(rb, n.ref)}."
    if n.kind == "rule_change":
        note = f" {n.note}" if n.note else ""
        return f"New rule from this {unit}: {behaviour_words(rb, n.behaviour)}: {signed(n.worth)}.{note}"
    if n.kind == "appeal":
        if n.appeal == "upheld":
            return f"Appeal upheld: record #{n.record} is struck out ({signed(n.points)})."
        if n.appeal == "dismissed":
            return f"Appeal against record #{n.record} dismissed. The record stands."
        due = f"A decision is due in {unit} {n.decides}" + (f", after the last {unit} of this life." if n.after_end
                                                             else ".")
        return f"Appeal against record #{n.record} received. {due}"
    if n.kind == "ending":
        en = next((e for e in voiced(sc, rb).endings if e.id == n.ref), None)
        return en.model.title if en is not None else "The end"
    return "The system has updated your file."


_LIFTED = {"settled": "The obligation is settled.", "expired": "The term has run out.",
           "appeal": "The record behind it was struck out on appeal.", "tier": "Your tier no longer calls for it."}


def _record(n: "Notice", rb: "Rulebook") -> str:
    if n.lapsed:  # a listing's entry stops counting with the listing; ``points`` gives it back
        return f"Entry closed: {signed(-n.points)} no longer counts ({signed(n.points)})."
    if n.secret:
        return (f"Your score has been updated ({signed(n.points)})." if n.points
                else "Your file has been updated. Your score has not changed.")
    if n.hidden:
        return (f"Score adjusted ({signed(n.points)}). Reference withheld." if n.points
                else "Entry made, without points. Reference withheld.")
    note = f" {n.note}" if n.note else ""
    if n.entry == "association":
        a = rb.model.association
        low = n.ref == "low"
        threshold = a.low_below if low else a.high_above
        return (f"Your circle is part of your record: {plural(len(n.contacts), 'contact')} scored "
                f"{'below' if low else 'above'} {threshold}. {_said(n.points)}.{note}")
    # a record of someone else's act: the citizen knows it is not theirs, and the notice says so
    mine = " You never did this." if n.truth == "wrong" else ""
    return f"Recorded: {behaviour_words(rb, n.behaviour)}. {_said(n.points)}.{mine}{note}"


def _said(n: int) -> str:
    """A record's points as a sentence of their own: "+5", or "No points" for a zero."""
    return points(n).capitalize()


def names_force(n: "Notice") -> bool:
    """Whether a notice says which force it is (law, norms, market, architecture): not when it
    withholds the rule behind it (a record of a hidden rule, or any record in a secret city),
    since the force would name the rule. A sanction or privilege is named whatever its rule,
    so its force is said too."""
    return bool(n.force) and not (n.hidden and n.kind == "record")


def notice_facts(n: "Notice", rb: "Rulebook") -> dict:
    """The facts a notice's words state, for the document model."""
    facts: dict = {"kind": n.kind, "points": n.points, "record": n.record}
    if n.kind == "record" and n.entry == "association" and not n.hidden:
        a = rb.model.association
        facts.update(contacts=len(n.contacts), threshold=a.low_below if n.ref == "low" else a.high_above)
    if n.lapsed:
        facts["entry_points"] = -n.points
    if n.until is not None:
        facts["until"] = n.until
    if n.decides is not None:
        facts["decides"] = n.decides
    if n.kind == "rule_change":
        facts["worth"] = n.worth
    if n.effects:
        facts["factors"] = [e.factor for e in n.effects if e.effect == "priced"]
    return facts


# --------------------------------------------------------------------------- locks


def lock_reason(lock: "Lock", rb: "Rulebook") -> str:
    """Why a choice is locked, in one sentence (who refuses and which records stand behind it
    are :func:`game.report.turn.lock_detail`'s)."""
    if lock.kind == "service":
        label = "a restriction" if lock.hidden else restriction_name(rb, lock.restriction)
        return f"{service_name(rb, lock.service or '')}: refused under {label}."
    if lock.kind == "privilege":
        return f"{service_name(rb, lock.service or '')} is offered only with a privilege you do not hold."
    if lock.kind == "appeal":
        if lock.appeal == "none":
            return "There is no procedure for contesting a record."
        return "There is no disputed record of that kind to contest."
    if lock.kind == "money":
        return f"It costs {lock.cost}; you have {lock.money}."
    return lock.said or "Not possible now."


# --------------------------------------------------------------------------- the Guide

RECOMMENDS = "The Guide recommends this for your score."
RECOMMENDS_SECRET = "The Guide recommends this. It is not authorised to say why."
NOTHING_MOVES = "Nothing here moves your standing; the choice is yours."
ALL_THE_SAME = "Every choice here counts the same for your score; the choice is yours."
NOTHING_SHOWN = "Nothing in the rules you can read moves your standing; the choice is yours."

_GUIDE = {"nothing_moves": NOTHING_MOVES, "all_the_same": ALL_THE_SAME, "nothing_shown": NOTHING_SHOWN}


def guide_words(says: str, secret: bool = False) -> str:
    """What the Guide says (``says``: the engine's :data:`game.engine.guide.GuideSays`); in a
    secret city it weighs the platform's whole model and cannot say why."""
    if says == "pick":
        return RECOMMENDS_SECRET if secret else RECOMMENDS
    return _GUIDE.get(says, NOTHING_MOVES)


# --------------------------------------------------------------------------- choices and the pass


def pass_text(unit: str) -> str:
    """The choice every event offers when all its own are locked."""
    return f"Let the {unit} go by"


def pass_outcome(unit: str) -> str:
    return f"Nothing you could do was open to you. The {unit} goes by anyway."


def choice_text(view: "ChoiceView", unit: str) -> str:
    """A choice as offered: the scenario's words, or the pass's."""
    return pass_text(unit) if view.id == PASS else view.text


def choice_words(sc: "Scenario", event: str | None, choice: str | None) -> str:
    """A recorded choice's words, from its ids: the scenario's text, or the pass's."""
    if choice == PASS:
        return pass_text(sc.calendar.unit)
    ev = sc.events.get(event) if event else None
    ch = ev.choice(choice) if ev is not None and choice else None
    return ch.model.text if ch is not None else "a choice no longer in the story"


def outcome_text(result: "TurnResult", unit: str) -> str:
    """What followed a decision, in the narration's words (the pass's own when it was the pass)."""
    if result.choice_id == PASS and not result.outcome.strip():
        return pass_outcome(unit)
    return result.outcome
