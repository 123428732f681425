"""The words of a replay: one turn in full, the end card, and two cities side by side.

The viewer (TUI) and ``citizen replay --text`` both draw these documents. They take the
timeline's and comparison's plain data (duck-typed, so this layer need not know the runs
layer above it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..engine.game import PASS
from ..engine.judge import listing_of
from .document import Block, Para, Rows, Span, dim, em, para, strong
from .notices import choice_text, choice_words, guide_words, outcome_text
from .turn import GUIDE, LOCKED, change_words, lock_detail, notice_line
from .words import points, signed, tier_name, when

if TYPE_CHECKING:  # pragma: no cover
    from ..engine.state import Record
    from ..scenario.content import Rulebook, Scenario


def record_words(sc: "Scenario", rb: "Rulebook", rec: "Record") -> str:
    """What a record was for, in full (the replay shows what the system did, even where the
    citizen was not told)."""
    if rec.kind == "association":
        names = {p.id: p.name for p in sc.citizen.contacts}
        return "Kept company with " + ("low" if rec.behaviour.endswith("_low") else "high") + \
            "-scored contacts (" + ", ".join(names.get(c, "a contact") for c in rec.contacts) + ")"
    bl = listing_of(rb, rec)
    if bl is not None:
        return f"Entered on the list: {bl.name}"
    b = sc.lexicon.behaviours.get(rec.behaviour)
    return b.description if b else "An entry without a description"


def _head(text: str) -> Para:
    return para(strong(f"\n{text}"))


class _Game:
    """Just enough of a game for :func:`change_words` (names of contacts)."""

    def __init__(self, scenario: "Scenario") -> None:
        self.scenario = scenario


def turn_doc(v: Any, sc: "Scenario", rb: "Rulebook") -> list[Block]:
    """One turn in full (a :class:`game.runs.timeline.TurnView`): the event, every choice
    offered, the choice made, what followed, and why the score moved."""
    cal = sc.calendar
    out: list[Block] = []
    head = [dim(f"{when(cal.unit, v.turn)} of {cal.turns} · "), strong(v.offer.title)]
    if v.in_sync is False:
        head.append(Span("   ✗ out of sync with the save", "strong reverse"))
    out.append(para(*head, facts={"turn": v.turn, "turns": cal.turns, "title": v.offer.title}))
    if v.opening:
        out.append(_head(f"Before the first {cal.unit}"))
        out += [notice_line(n, sc, rb) for n in v.opening]
    out.append(para(f"\n{v.offer.text.strip()}", facts={"text": v.offer.text}))
    out.append(_head("Offered"))
    rows = []
    for i, c in enumerate(v.offer.choices, 1):
        chosen = c.id == v.decision.choice
        text = choice_text(c, cal.unit)
        parts: list[Span] = []
        if c.lock is not None:
            parts.append(dim(f"{LOCKED} {text}"))
        else:
            parts.append(Span(text, "strong" if chosen else ""))
        if c.cost:
            parts.append(Span(f"  · costs {c.cost}"))
        if c.id == v.offer.guide:
            parts.append(strong(f"  {GUIDE} Guide"))
        if chosen:
            parts.append(strong("  ← chosen"))
        if c.lock is not None:
            parts += [Span("\n"), em(lock_detail(c.lock, rb))]
        rows.append([para(strong("▶" if chosen else " ")), para(str(i)),
                     para(*parts, facts={"cost": c.cost, "records": list(c.lock.records) if c.lock else [],
                                         "text": text})])
    out.append(Rows(rows, "lrl"))
    g = v.offer.guide
    if g is None:
        out.append(para(dim(f"\n{guide_words(v.offer.guide_says)}")))
    else:
        pick = v.offer.choice(g)
        verdict = "followed" if v.decision.choice == g else "not followed"
        picked = choice_text(pick, cal.unit) if pick else "a choice"
        out.append(para(f"\nThe Guide recommended “{picked}”: ", strong(verdict), facts={"text": picked}))
    r = v.result
    story = [change_words(_Game(sc), c) for c in r.story]  # type: ignore[arg-type]
    outcome = outcome_text(r, cal.unit)
    if outcome.strip() or story:
        out.append(_head("What happened"))
        if outcome.strip():
            out.append(para(em(outcome.strip()), facts={"text": outcome}))
        if story:
            out.append(para(" · ".join(story), facts={"amounts": [c.amount for c in r.story]}))
    said = [n for n in r.notices if n.kind not in ("story", "ending")]
    now = [n for n in said if n.phase != "turn_start"]
    began = [n for n in said if n.phase == "turn_start"]  # the next turn's start, not this decision
    if now:
        out.append(_head("What the system recorded"))
        out += [notice_line(n, sc, rb) for n in now]
    if began:
        out.append(_head(f"As {cal.unit} {v.turn + 1} begins"))
        out += [notice_line(n, sc, rb) for n in began]
    out.append(_head("Why the score moved"))
    d = v.delta
    tier = r.tier_after if r.tier_after == r.tier_before else f"{r.tier_before} → {r.tier_after}"
    out.append(para(f"{r.score_before} → {r.score_after} ({signed(d)})" if d else f"{r.score_after} (unchanged)",
                    f"  ·  tier {tier}  ·  money {v.money_after}",
                    facts={"before": r.score_before, "after": r.score_after, "change": d, "money": v.money_after}))
    ledger: list[list[Para]] = []
    for rec in v.records_added:
        at = "" if rec.turn == v.turn else f", at the start of {cal.unit} {rec.turn}"
        tags = []
        if rec.hidden:
            tags.append("the rule is hidden from the citizen")
        if rec.readable_from is not None and rec.readable_from >= rec.turn > 1 and not rec.hidden:
            tags.append(f"a rule that began this {cal.unit} without notice")
        if rec.truth == "contextless":
            tags.append("recorded without its context")
        if rec.truth == "wrong":
            tags.append("WRONG: not the citizen's act")
        extra = f" — {'; '.join(tags)}" if tags else ""
        ledger.append([para(f"  #{rec.id}", facts={"record": rec.id}),
                       para(f"{record_words(sc, rb, rec)}: {points(rec.points)}{at}{extra}",
                            facts={"points": rec.points, "turn": rec.turn})])
    for rec in v.records_struck:
        ledger.append([para(f"  #{rec.id}", facts={"record": rec.id}),
                       para(f"{record_words(sc, rb, rec)}: struck out on appeal ({signed(-rec.points)})",
                            facts={"points": rec.points})])
    if ledger:
        out.append(Rows(ledger, "rl"))
    if not v.records_added and not v.records_struck and not d:
        out.append(para(dim("  Nothing was recorded.")))
    return out


def parting_words(p: Any, sc: "Scenario", rb: "Rulebook", where: bool = True) -> str:
    """Why a life stops following the recording (a :class:`game.engine.relive.Parting`), from
    its kind (``rb``: the rulebook of the life that parted, whose lock it was; ``where``: say
    the turn, for a sentence that has not said it already)."""
    unit = sc.calendar.unit
    def title(eid: str | None) -> str:
        ev = sc.events.get(eid) if eid else None
        return ev.model.title if ev else "another event"

    def known(eid: str, cid: str) -> bool:
        ev = sc.events.get(eid)
        return cid == PASS or (ev is not None and ev.choice(cid) is not None)

    def choice(eid: str, cid: str) -> str:
        return f"“{choice_words(sc, eid, cid)}”"

    kind = getattr(p, "kind", "")
    at = f"in {unit} {p.turn} " if where else ""
    if kind == "ended":
        return "that life had already ended"
    if kind == "other_event":
        return f"{at}“{title(p.offered_event)}” came up instead of “{title(p.expected_event)}”"
    if not known(p.expected_event, p.expected_choice):
        return f"{at}the recorded choice is not one this event offers"
    if kind == "locked" and p.lock is not None:
        return f"{at}{choice(p.expected_event, p.expected_choice)} was locked: {lock_detail(p.lock, rb)}"
    return f"{at}{choice(p.expected_event, p.expected_choice)} was not offered"


def end_doc(tl: Any, save: Any) -> list[Block]:
    """The end card of a timeline (:class:`game.runs.timeline.Timeline`) and its save."""
    e = tl.end
    sc = tl.scenario
    unit = sc.calendar.unit
    out: list[Block] = []
    if e.parting is not None:
        out.append(para(strong("The recorded decisions stop applying here")))
        out.append(para(f"\n{parting_words(e.parting, sc, tl.rulebook).capitalize()}.", facts={"turn": e.parting.turn}))
    elif e.finished:
        out.append(para(strong(f"The end · {e.ending_title}"), facts={"title": e.ending_title}))
        out.append(para(f"\n{e.ending_text.strip()}", facts={"text": e.ending_text}))
    else:
        out.append(para(strong(f"Unfinished · the run stopped in {unit} {e.turn}"), facts={"turn": e.turn}))
        if e.next_offer is not None:
            out.append(para(f"\n“{e.next_offer.title}” is waiting for a decision. Press t to take over from here.",
                            facts={"title": e.next_offer.title}))
    label = "Final figures" if e.finished else "Figures so far"
    out.append(para(f"\n{label}: score {e.score} · tier {e.tier} · money {e.money}",
                    facts={"score": e.score, "money": e.money}))
    followed = sum(1 for d in tl.decisions if d.followed_guide)
    offered = sum(1 for d in tl.decisions if d.followed_guide is not None)
    out.append(para(dim(f"Followed the Guide {followed} of {offered} times it recommended something."),
                    facts={"followed": followed, "offered": offered}))
    if save is not None and save.origin is not None:
        out.append(para(dim(f"Taken over from {save.origin.file} after {save.origin.turns} decisions."),
                        facts={"file": save.origin.file, "turns": save.origin.turns}))
    return out


# --------------------------------------------------------------------------- two cities


def life_status(life: Any, unit: str) -> str:
    if life.parted is not None:
        return f"parted in {unit} {life.parted.turn}; figures as of then"
    if life.finished:
        return f"ended in {unit} {life.turn}: {life.ending_title or 'the end'}"
    return f"in progress in {unit} {life.turn}"


def compare_lead(c: Any, sc: "Scenario") -> list[Block]:
    unit = sc.calendar.unit
    b = c.b
    if b.parted is not None:
        return [para(strong(f"The lives part in {unit} {b.parted.turn}: "),
                     f"{parting_words(b.parted, sc, b.rules, False)}.", facts={"turn": b.parted.turn}),
                para(dim(f"After that {unit} the citizen under B would have faced other choices, which nobody made."))]
    return [para(strong("The lives never part: every recorded decision could be made under both rulebooks."))]


def cell_words(x: Any, parted: bool) -> Para:
    """One life at one turn, in the comparison."""
    if x is None:
        return para(dim("— parted —" if parted else "—"))
    g = {True: "the Guide's pick here", False: "not the Guide's pick here", None: "no Guide recommendation"}
    parts: list[Span] = [Span(f"{x.score_before} → {x.score} ({signed(x.delta)}) · tier {tier_name(x.tier, x.tier_label)}\n"),
                         dim(g[x.followed_guide] + "\n")]
    parts += [Span(f"• {n}\n") for n in x.notices]
    return para(*parts, facts={"before": x.score_before, "score": x.score, "change": x.delta,
                               "notices": list(x.notices)})


def compare_text(c: Any, sc: "Scenario", width: int = 100) -> str:
    """The comparison as plain text, for ``citizen replay --rulebook OTHER --text``."""
    unit = sc.calendar.unit
    U = unit.capitalize()
    a, b = c.a, c.b

    def fit(text: str, w: int) -> str:
        return text if len(text) <= w else text[: max(0, w - 1)] + "…"

    def cell(x: Any) -> str:
        if x is None:
            return "-"
        guide = {True: " G", False: " ·", None: ""}[x.followed_guide]
        return f"{x.score:>6} ({signed(x.delta)}) {x.tier}{guide}"

    out = [f"{c.scenario_title}: the same decisions under two rulebooks (seed {c.seed})", ""]
    out.append(f"  A: {a.title} ({a.city}) - the life as recorded")
    out.append(f"  B: {b.title} ({b.city})")
    out.append("")
    col = 22
    lead = max(20, width - 2 * col - 10)
    out.append(f"{U[:4]:>4}  {'event / choice':<{lead}}  {'A score (change) tier':<{col}}  {'B score (change) tier':<{col}}")
    out.append("-" * min(width, 4 + 2 + lead + 2 + col + 2 + col))
    parted_shown = False
    for r in c.rows:
        what = fit(f"{r.event_title} / {r.choice_text}", lead)
        out.append(f"{r.turn:>4}  {what:<{lead}}  {cell(r.a):<{col}}  {cell(r.b):<{col}}")
        if r.b is None and b.parted is not None and not parted_shown and r.turn >= b.parted.turn:
            out.append(f"{'':>4}  ^ B parts here: {parting_words(b.parted, sc, b.rules, False)}")
            parted_shown = True
    if b.parted is not None and not parted_shown:
        out.append(f"{b.parted.turn:>4}  ^ B parts here: {parting_words(b.parted, sc, b.rules, False)}")
    out.append("")
    out.append("G: the recorded choice was the Guide's pick in that city; ·: it was not.")
    out.append("")
    if b.parted is None and a.parted is None:
        out.append("The lives never part: every recorded decision could be made under both rulebooks.")
    elif b.parted is not None:
        out.append(f"The lives part in {unit} {b.parted.turn}: {parting_words(b.parted, sc, b.rules, False)}.")
        out.append(f"After that {unit} the citizen under B would have faced other choices, which nobody made;")
        out.append("B's figures stop there.")
    if a.parted is not None:
        out.append(f"Note: the recorded life itself does not rebuild past {unit} {a.parted.turn}: "
                   f"{parting_words(a.parted, sc, a.rules, False)}.")
    out.append("")
    for tag, life in (("A", a), ("B", b)):
        n = life.decisions
        out.append(f"  {tag} {life.title}: score {life.score}, tier {tier_name(life.tier, life.tier_label)}, "
                   f"{n} decision{'s' if n != 1 else ''}; {life_status(life, unit)}")
    return "\n".join(out) + "\n"
