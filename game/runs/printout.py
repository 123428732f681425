"""A run as plain text, turn by turn (``citizen replay SAVE --text``)."""

from __future__ import annotations

from ..engine.outcome import Notice
from .timeline import Timeline, TurnView


def _guide_line(v: TurnView) -> str:
    g = v.offer.guide
    if g is None:
        return v.offer.guide_note or "The Guide: no recommendation."
    pick = v.offer.choice(g)
    name = pick.text if pick else g
    verdict = "followed" if v.decision.choice == g else "not followed"
    return f"The Guide recommended \"{name}\": {verdict}."


def _notice(n: Notice) -> str:
    pts = f"{n.points:+d}" if n.points else "  "
    who = f"  [{n.institution}]" if n.institution else ""
    return f"    {pts:>5}  {n.text}{who}"


def turn_text(v: TurnView, rulebook=None) -> list[str]:
    out = []
    if v.opening:
        out.append("Before the first turn:")
        out += [_notice(n) for n in v.opening]
        out.append("")
    sync = "" if v.in_sync is not False else "   !! OUT OF SYNC with the saved state"
    out.append(f"Turn {v.turn} · {v.offer.title}{sync}")
    for line in v.offer.text.strip().splitlines():
        out.append(f"  {line}")
    out.append("  Offered:")
    for c in v.offer.choices:
        mark = ">" if c.id == v.decision.choice else ("x" if c.lock else " ")
        extra = []
        if c.cost:
            extra.append(f"costs {c.cost}")
        if c.id == v.offer.guide:
            extra.append("the Guide's pick")
        if c.lock:
            who = f" ({c.lock.institution})" if c.lock.institution else ""
            extra.append(f"locked: {c.lock.reason}{who}")
        tail = f"  [{'; '.join(extra)}]" if extra else ""
        out.append(f"    {mark} {c.text}{tail}")
    chosen = v.chosen
    out.append(f"  Chosen: {chosen.text if chosen else v.decision.choice}. {_guide_line(v)}")
    if v.result.outcome:
        out.append(f"  {v.result.outcome.strip()}")
    if v.result.changes:
        out.append("  Changes: " + "; ".join(v.result.changes))
    said = [n for n in v.result.notices if n.kind not in ("story", "ending")]
    if said:
        out.append("  The system said:")
        out += [_notice(n) for n in said]
    if v.records_added or v.records_struck:
        out.append("  Behind the score:")
        for r in v.records_added:
            hidden = ", a rule hidden from the citizen" if r.hidden else ""
            truth = {"contextless": ", recorded without its context", "wrong": ", WRONG: not the citizen's act"}.get(r.truth, "")
            when = "" if r.turn == v.turn else f", at the start of turn {r.turn}"
            out.append(f"    #{r.id} {r.behaviour} {r.points:+d} (rule {r.rule}{when}{hidden}{truth})")
        for r in v.records_struck:
            out.append(f"    #{r.id} {r.behaviour} struck out on appeal ({-r.points:+d})")
    res = v.result
    tier = res.tier_after if res.tier_after == res.tier_before else f"{res.tier_before} -> {res.tier_after}"
    out.append(f"  Score {res.score_before} -> {res.score_after} ({v.delta:+d}), tier {tier}, money {v.money_after}.")
    return out


def run_text(tl: Timeline, header: list[str] | None = None) -> str:
    out = list(header or [])
    for i in range(len(tl)):
        out += turn_text(tl.view(i))
        out.append("")
    end = tl.end
    if end is not None:
        if end.parting is not None:
            out.append(f"The recorded decisions stop applying at turn {end.parting.turn}: {end.parting.reason}.")
        elif end.finished:
            out.append(f"The end (turn {end.turn}): {end.ending_title}")
            for line in end.ending_text.strip().splitlines():
                out.append(f"  {line}")
        else:
            nxt = f" ('{end.next_offer.title}' is waiting for a decision)" if end.next_offer else ""
            out.append(f"Unfinished: the run stopped at turn {end.turn}{nxt}.")
        label = "Final figures" if end.finished else "Figures so far"
        out.append(f"{label}: score {end.score}, tier {end.tier}, money {end.money}.")
    return "\n".join(out) + "\n"
