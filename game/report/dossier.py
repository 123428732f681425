"""The dossier and the status panel in words: what the system holds on the citizen, now."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from .document import Block, Page, Para, Rows, Span, dim, em, para, strong
from .turn import LOCKED
from .words import appeal_fate as words_fate, plural, signed

if TYPE_CHECKING:  # pragma: no cover
    from ..engine.game import Game
    from ..engine.state import Appeal, Record, Restriction

REDACTED = "█████ ████ — withheld"


def service_names(game: "Game", ids: Iterable[str]) -> str:
    lex = game.rulebook.lexicon
    return ", ".join(lex.services[s].name if s in lex.services else "a service" for s in ids)


def record_title(game: "Game", rec: "Record") -> str:
    """What the system calls a record, as far as the citizen is allowed to read it."""
    if rec.hidden:
        return "Score adjustment"
    rb = game.rulebook
    if rec.kind == "association":
        names = {p.id: p.name for p in game.scenario.citizen.contacts}
        who = ", ".join(names.get(c, "a contact") for c in rec.contacts)
        a = rb.model.association
        if rec.behaviour.endswith("_low"):
            return f"Association: contacts scored below {a.low_below} ({who})"
        return f"Association: contacts scored above {a.high_above} ({who})"
    if rec.kind == "listing":
        listing = next((r for r in game.state.restrictions if r.id == rec.rule), None)
        return f"Listed: {listing.name}" if listing else "Listed"
    b = rb.lexicon.behaviours.get(rec.behaviour)
    return b.description if b else "An entry without a description"


def restriction_caused(game: "Game", r: "Restriction") -> list[Span]:
    unit = game.scenario.calendar.unit
    kinds = {"sanction": "sanction", "blacklist": "blacklist", "refusal": "reward withheld"}
    out = [strong("→ "), Span(f"{r.name} ({kinds.get(r.kind, r.kind)})")]
    closed = [e.service for e in r.effects() if e.effect == "closed"]
    dearer = [e for e in r.effects() if e.effect == "priced"]
    if closed:
        out.append(Span(f": closed {service_names(game, closed)}"))
    if dearer:
        out.append(Span(("; " if closed else ": ") + "dearer: " + ", ".join(
            f"{service_names(game, [e.service])} ×{e.factor:g}" for e in dearer)))
    if r.institution:
        out.append(dim(f" — {r.institution}"))
    if r.ended is not None:
        out.append(dim(f" · lifted {unit} {r.ended}"))
    return out


def appeal_fate(game: "Game", a: "Appeal") -> str:
    return words_fate(game.scenario.calendar.unit, a.state, a.decides, a.after_end, over=False)


def record_entry(game: "Game", rec: "Record") -> Para:
    """A dossier entry's text: what the system holds, what the citizen knows, what it closed."""
    parts: list[Span] = [Span(record_title(game, rec), "strike" if rec.removed else "strong")]
    if rec.hidden:
        parts.append(dim("  — reference withheld"))
    elif rec.force:
        parts.append(dim(f"  — {rec.force}"))
    if rec.note and not rec.hidden and rec.kind != "association":  # the circle's reason: in the rulebook
        parts.append(dim(f"\n{rec.note}"))
    if rec.removed:
        parts.append(strong("\n✓ STRUCK OUT on appeal: it no longer counts"))
    elif rec.appealed:
        a = next((x for x in game.state.appeals if x.record == rec.id), None)
        parts.append(strong("\n» appeal " + (appeal_fate(game, a) if a else "pending")))
    if rec.truth == "wrong":
        parts += [Span("\n✗ NOT YOU — ", "warn"), Span("someone else's act, filed under your name")]
    elif rec.truth == "contextless":
        parts.append(Span("\n△ WITHOUT CONTEXT — ", "warn"))
        if rec.context:
            known = rec.context.strip()
            parts.append(Span(f"you know: {known}{'' if known[-1:] in '.!?' else '.'} "))
        parts.append(em("The system holds no circumstances."))
    elif rec.context:
        parts.append(dim(f"\ncontext recorded: {rec.context}"))
    for r in game.state.restrictions:
        if rec.id in r.causes:
            parts += [Span("\n"), *restriction_caused(game, r)]
    return para(*parts, facts={"record": rec.id, "turn": rec.turn, "points": rec.points, "context": rec.context or "",
                               "note": rec.note})


def record_rows(game: "Game", records: "Iterable[Record]") -> Rows:
    """The dossier's records: number, turn, points, then the entry (wrapped in its column)."""
    unit = game.scenario.calendar.unit
    rows = []
    for rec in records:
        rows.append([para(strong(f"#{rec.id}")), para(f"{unit} {rec.turn}"),
                     para(Span(signed(rec.points), "strong strike" if rec.removed else "strong")),
                     record_entry(game, rec)])
        rows.append([para(""), para(""), para(""), para("")])
    return Rows(rows, "rlrl")


def dossier(game: "Game") -> list[Page]:
    s = game.state
    unit = game.scenario.calendar.unit
    standing = [r for r in s.records if not r.removed]
    intro: list[Block] = [para(f"Held by {game.judge.announcer}. Score {s.score}; "
                               f"{plural(len(standing), 'record') if standing else 'no record'} in force.",
                               facts={"score": s.score, "records": len(standing)})]
    marked = [r for r in standing if r.truth in ("wrong", "contextless")]
    if marked:
        which = "it is" if len(marked) == 1 else "they are"
        intro.append(para(em(f"You know {plural(len(marked), 'entry', 'entries')} to be wrong or without "
                             f"context; {which} marked below."), facts={"marked": len(marked)}))
    pages = [Page("dossier", "Your dossier", intro)]
    pages.append(Page("records", "Records", [record_rows(game, s.records)] if s.records else
                      [para(dim("No entries. The system has nothing on you yet."))]))
    lines: list[Block] = [para(f"Record #{a.record}: filed {unit} {a.filed}, {appeal_fate(game, a)}",
                               facts={"record": a.record, "filed": a.filed, "decides": a.decides})
                          for a in s.appeals]
    if game.rulebook.model.appeals.kind == "none":
        lines.append(para(dim("There is no procedure for contesting a record.")))
    elif not s.appeals:
        lines.append(para(dim("No appeals filed. An appeal is made through a choice, when one is offered.")))
    pages.append(Page("appeals", "Appeals", lines))
    return pages


# --------------------------------------------------------------------------- status


def restriction_lines(game: "Game", r: "Restriction") -> list[Block]:
    unit = game.scenario.calendar.unit
    out: list[Block] = [para(strong(f"{LOCKED} {r.name}"))]
    closed = [e.service for e in r.effects() if e.effect == "closed"]
    dearer = [e for e in r.effects() if e.effect == "priced"]
    if closed:
        out.append(para(f"closed: {service_names(game, closed)}", role="indent"))
    if dearer:
        out.append(para("prices: " + ", ".join(f"{service_names(game, [e.service])} ×{e.factor:g}" for e in dearer),
                        facts={"factors": [e.factor for e in dearer]}, role="indent"))
    kinds = {"sanction": "sanction", "blacklist": "blacklist", "refusal": "reward withheld"}
    tail = " · ".join(x for x in (kinds.get(r.kind, r.kind), r.institution,
                                  f"until {unit} {r.ends}" if r.ends else "") if x)
    out.append(para(dim(tail), facts={"ends": r.ends}, role="indent"))
    return out


def privilege_lines(game: "Game", pid: str) -> list[Block]:
    p = next((x for x in game.rulebook.model.privilege if x.id == pid), None)
    if p is None:
        return [para("✚ A privilege")]
    out: list[Block] = [para(strong(f"✚ {p.name}"))]
    if p.opens:
        out.append(para(f"opens: {service_names(game, p.opens)}", role="indent"))
    if p.prices:
        out.append(para("prices: " + ", ".join(f"{service_names(game, [s])} ×{f:g}" for s, f in p.prices.items()),
                        facts={"factors": list(p.prices.values())}, role="indent"))
    if p.institution:
        out.append(para(dim(p.institution), role="indent"))
    return out


def status(game: "Game", week: int | None = None) -> list[Block]:
    """The citizen as the system sees them, for the side panel and the status screen.
    ``week``: the week whose report is on the page, named as the status line above it names
    it (the game has already moved to the next week)."""
    s = game.state
    cal = game.scenario.calendar
    week = week or s.turn
    rows = [("Score", str(s.score)), ("Tier", f"{s.tier} · {game.judge.tier_label(s.tier)}"), ("Money", str(s.money))]
    rows += [(k.replace("_", " ").capitalize(), str(v)) for k, v in s.resources.items()]
    rows.append((cal.unit.capitalize(), f"{week} of {cal.turns}"))
    cells = [x for i, (label, value) in enumerate(rows)
             for x in (dim(("\n" if i else "") + f"{label:<9}"), strong(value))]
    out: list[Block] = [para(*cells,
                             facts={"score": s.score, "money": s.money, "turn": week, "turns": cal.turns,
                                    "resources": dict(s.resources)})]

    def heading(text: str) -> None:
        out.append(para(Span(f"\n{text}", "strong underline")))

    heading("Sanctions and blacklists")
    active = s.active_restrictions()
    if not active:
        out.append(para(dim("None in force.")))
    for r in active:
        out += restriction_lines(game, r)
    heading("Privileges")
    if not s.privileges:
        out.append(para(dim("None held.")))
    for pid in s.privileges:
        out += privilege_lines(game, pid)
    heading("Your circle")
    people = [p for p in game.scenario.citizen.contacts if s.contacts.get(p.id, {}).get("kept")]
    if not people:
        out.append(para(dim("No one.")))
    for p in people:
        out.append(para(f"{p.name}  ", strong(f"score {s.contacts[p.id]['score']}"),
                        facts={"score": s.contacts[p.id]["score"]}))
        if p.relation:
            out.append(para(dim(p.relation), role="indent"))
    return out


# --------------------------------------------------------------------------- the ending screen


def verdict(game: "Game") -> Para:
    """What the system holds at the end, beside what it never saw."""
    s = game.state
    from .turn import tier_text

    standing = [r for r in s.records if not r.removed]
    parts: list[Span] = [dim("Score  "), strong(f"{s.score}\n"), dim("Tier   "), strong(f"{tier_text(game, s.tier)}\n"),
                         dim("Money  "), Span(f"{s.money}\n"), Span(f"{plural(len(standing), 'record')} in your dossier" if standing else "No records in your dossier")]
    active = s.active_restrictions()
    if active:
        parts.append(Span(f"\n{LOCKED} {plural(len(active), 'restriction')} in force"))
    return para(*parts, facts={"score": s.score, "money": s.money, "records": len(standing),
                               "restrictions": len(active)})


def virtues(game: "Game") -> Para:
    """The hidden virtues at the start and the end, how far each moved, and the sum of the
    moves: the virtue index the end pages name."""
    s = game.state
    if not s.virtues:
        return para(dim("Nothing was kept."))
    start = game.scenario.citizen.virtues
    parts: list[Span] = [dim(f"{'':<10}{'start':>6}{'end':>6}{'moved':>7}")]
    for k, v in s.virtues.items():
        moved = v - start.get(k, 0)
        parts += [Span(f"\n{k.replace('_', ' '):<10}"), Span(f"{start.get(k, 0):>6}"), strong(f"{v:>6}"),
                  Span(f"{signed(moved):>7}")]
    began, now = sum(start.get(k, 0) for k in s.virtues), sum(s.virtues.values())
    parts += [Span(f"\n{'in all':<10}"), Span(f"{began:>6}"), strong(f"{now:>6}"), strong(f"{signed(now - began):>7}"),
              dim(f"\nVirtue index {signed(now - began)}: how far they moved in all.")]
    return para(*parts, facts={"virtues": dict(s.virtues), "start": dict(start), "virtue_index": now - began,
                               "virtue": now, "start_virtue": began})
