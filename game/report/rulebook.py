"""The rulebook as the city publishes it, at a given turn: everything, part of it, or only the
tiers. What is readable, and from when, is the engine's fact (:func:`readable_from`); this
module only words it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..engine.judge import readable_from
from ..scenario.voice import KIND_WORDS
from .document import Block, Page, Para, Rows, dim, em, para, strong
from .dossier import REDACTED
from .turn import LOCKED
from .words import plural, points, signed

if TYPE_CHECKING:  # pragma: no cover
    from ..scenario.content import Rulebook


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


def _services(lex, ids: Iterable[str]) -> str:
    return ", ".join(lex.services[s].name if s in lex.services else "a service" for s in ids)


def _behaviours(lex, ids: Iterable[str]) -> str:
    return ", ".join(lex.behaviours[b].description if b in lex.behaviours else "an act" for b in ids)


def _prices(lex, prices: dict[str, float]) -> str:
    return ", ".join(f"{_services(lex, [s])} ×{f:g}" for s, f in prices.items())


class _Items:
    """Rows of a rulebook section: a short marker column, then a body that wraps under itself."""

    def __init__(self) -> None:
        self.rows: list[list[Para]] = []

    def add(self, marker: str, head: str, *details: str, style: str = "strong", facts: dict | None = None) -> None:
        body = para(strong(head) if style == "strong" else head, *[f"\n{d}" for d in details if d], facts=facts)
        self.rows.append([para(strong(marker)), body])

    def note(self, text: str, style: str = "em") -> None:
        """A line under the last row (the system's reason)."""
        if text:
            self.rows.append([para(""), para(em(text) if style == "em" else dim(text))])

    def redacted(self) -> None:
        self.rows.append([para(dim("█")), para(dim(REDACTED))])

    def out(self, empty: str) -> list[Block]:
        return [Rows(self.rows, "rl")] if self.rows else [para(dim(empty))]


def rulebook_pages(rulebook: "Rulebook", turn: int = 1, unit: str = "week") -> list[Page]:
    """What a rulebook makes public by ``turn``, section by section, hidden items redacted.
    A rule that begins later without notice is not published until it begins."""
    m = rulebook.model
    meta = m.rulebook
    lex = rulebook.lexicon
    secret = meta.transparency == "secret"
    out: list[Page] = []

    kind = KIND_WORDS[meta.kind]  # the city's own kind of system: pilot, platform, register, charter
    intro: list[Block] = [para(strong(f"{meta.title}: the {kind} of {meta.city}"))]
    if meta.summary:
        intro.append(para(meta.summary.strip(), facts={"summary": meta.summary}))
    if secret:
        intro.append(para(em(f"The rules of this {kind} are not published. Scores are updated as conduct is "
                             "assessed; no reasons are given.")))
        out.append(Page("rulebook", "The rulebook", intro))
        out.append(Page("tiers", "Tiers", [para("\n".join(f"{t.id} · {t.label}" for t in m.tier))]))
        return out
    if meta.transparency == "partial":
        intro.append(para(em("Parts of this rulebook are withheld by the issuing office.")))
    facts = [f"Every citizen starts at {meta.start_score}.",
             f"Chance that conduct is seen: {_pct(meta.observe)}, unless a rule says otherwise."]
    if meta.context == "ignored":
        facts.append("Circumstances are not recorded: conduct is scored as seen.")
    else:
        facts.append(f"Circumstances are recorded; explained conduct keeps {_pct(meta.context_factor)} of its points.")
    if meta.error_rate:
        facts.append(f"Data quality: {_pct(meta.error_rate)} of the checks made each {unit} may add a record in error.")
    intro.append(para("\n".join(facts), facts={"start": meta.start_score, "observe": round(meta.observe * 100),
                                               "context": round(meta.context_factor * 100),
                                               "errors": round(meta.error_rate * 100)}))
    out.append(Page("rulebook", "The rulebook", intro))

    values = _Items()
    for v in m.value:
        when = readable_from(rulebook, v)
        if when is None:
            values.redacted()
            continue
        if when > turn:
            continue  # not published yet: it will begin without notice
        b = lex.behaviours.get(v.behaviour)
        extra: list[str] = [b.legal] if b is not None else []
        if v.observe is not None:
            extra.append(f"seen {_pct(v.observe)}")
        if v.force:
            extra.append(v.force)
        if v.from_turn > 1:
            extra.append(f"from {unit} {v.from_turn}")
        if v.until_turn:
            extra.append(f"until {unit} {v.until_turn}")
        head = (b.description if b else "An act") + (f"  ({', '.join(extra)})" if extra else "")
        values.add(signed(v.points), head, style="", facts={"points": v.points, "from": v.from_turn,
                                                             "until": v.until_turn, "observe": v.observe})
        values.note(" ".join(x for x in (v.article, v.reason) if x))
    out.append(Page("values", "What conduct is worth", values.out("No conduct is scored.")))

    tiers = [f"{t.id} · {t.label}: " + (f"{t.min} and above" if t.min is not None else "below the others")
             for t in m.tier]
    out.append(Page("tiers", "Tiers", [para("\n".join(tiers), facts={"floors": [t.min for t in m.tier]})]))

    sanctions = _Items()
    for s in m.sanction:
        if rulebook.is_hidden(s):
            sanctions.redacted()
            continue
        sanctions.add(LOCKED, f"{s.name} — in tier {', '.join(s.tiers)}",
                      f"closes: {_services(lex, s.closes)}" if s.closes else "",
                      f"prices: {_prices(lex, s.prices)}" if s.prices else "", facts={"prices": s.prices})
        sanctions.note(" · ".join(x for x in (s.institution or meta.announcer or "", s.reason) if x), style="dim")
    out.append(Page("sanctions", "Sanctions", sanctions.out("None.")))

    lists = _Items()
    for bl in m.blacklist:
        if rulebook.is_hidden(bl):
            lists.redacted()
            continue
        term = f"for {plural(bl.duration, unit)}" if bl.duration else "with no set term"
        if bl.lifted_by:
            term += f"; removed on: {_behaviours(lex, bl.lifted_by)}"
        lists.add(LOCKED, bl.name,
                  f"entered for: {_behaviours(lex, bl.triggers)}",
                  f"closes: {_services(lex, bl.closes)}" if bl.closes else "",
                  f"prices: {_prices(lex, bl.prices)}" if bl.prices else "",
                  f"points on listing: {signed(bl.points)}" if bl.points else "",
                  term, facts={"prices": bl.prices, "points": bl.points, "duration": bl.duration})
        lists.note(" · ".join(x for x in (bl.institution, bl.reason) if x), style="dim")
    out.append(Page("blacklists", "Blacklists", lists.out("None.")))

    privs = _Items()
    for p in m.privilege:
        if rulebook.is_hidden(p):
            privs.redacted()
            continue
        privs.add("✚", f"{p.name} — in tier {', '.join(p.tiers)}",
                  f"opens: {_services(lex, p.opens)}" if p.opens else "",
                  f"prices: {_prices(lex, p.prices)}" if p.prices else "", facts={"prices": p.prices})
        privs.note(p.institution, style="dim")
    out.append(Page("privileges", "Privileges", privs.out("None.")))

    a = m.association
    assoc = _Items()
    if a.low_below is not None or a.high_above is not None:
        if rulebook.is_hidden(a):
            assoc.redacted()
        else:
            if a.low_below is not None and a.low_points:
                assoc.add(signed(a.low_points), f"a {unit} for each contact you keep who scores below {a.low_below}",
                          style="", facts={"points": a.low_points, "below": a.low_below})
            if a.high_above is not None and a.high_points:
                assoc.add(signed(a.high_points), f"a {unit} for each contact you keep who scores above {a.high_above}",
                          style="", facts={"points": a.high_points, "above": a.high_above})
            assoc.note(a.reason)
    out.append(Page("circle", "Your circle", assoc.out("Your contacts do not affect your score.")))

    data = _Items()
    for o in m.data_offer:
        if rulebook.is_hidden(o):
            data.redacted()
            continue
        data.add("•", f"{o.source.capitalize()} data: {points(o.share_points)} for sharing, "
                      f"{points(o.refuse_points)} for declining",
                 f"declining closes: {_services(lex, o.refuse_closes)}" if o.refuse_closes else "",
                 facts={"share": o.share_points, "refuse": o.refuse_points})
        data.note(o.reason)
    out.append(Page("data", "Data offers", data.out("None.")))

    ap = m.appeals
    appeals = _Items()
    if ap.kind == "none":
        appeals.add("»", "There is no procedure for contesting a record.", style="")
    else:
        kind = "Independent review" if ap.kind == "fair" else "Administrative review"
        appeals.add("»", f"{kind}: fee {ap.cost}, decision after {plural(ap.delay, unit)}",
                    f"share of appeals upheld: {_pct(ap.success)}" if ap.kind == "bureaucratic" else "",
                    style="", facts={"cost": ap.cost, "delay": ap.delay, "success": round(ap.success * 100)})
        appeals.note(ap.institution, style="dim")
    out.append(Page("appeals", "Appeals", appeals.out("")))
    return out
