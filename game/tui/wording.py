"""How the engine's plain data is worded on screen: notices, locks, records, rules.

Pure functions from engine data to Rich ``Text`` (never markup strings, so a bracket in
authored content is drawn as a bracket). Screens and widgets call these; nothing here
decides anything about the game.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # pragma: no cover
    from ..engine.game import Game
    from ..engine.outcome import ChoiceView, Lock, Notice, TurnResult
    from ..engine.state import Record, Restriction
    from ..scenario.content import Rulebook

# Glyphs carry meaning as text; colour only repeats it.
LOCKED = "⊘"
GUIDE = "◆"
REDACTED = "█████ ████ — withheld"

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

#: Notice kinds that also raise a notification (a toast).
NOTIFY_KINDS = ("tier", "sanction_start", "sanction_end", "privilege_start", "privilege_end")

def signed(n: int) -> str:
    return f"{n:+d}"


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def tier_text(game: "Game", tier_id: str) -> str:
    return f"{tier_id} ({game.judge.tier_label(tier_id)})"


# --------------------------------------------------------------------------- notices


def notice_glyph(n: "Notice") -> str:
    if n.kind == "tier":
        return "▼" if "lowered" in n.text else "▲"
    return NOTICE_GLYPHS.get(n.kind, "•")


def notice_style(n: "Notice") -> str:
    if n.kind == "story":
        return "italic"
    if n.kind in ("sanction_start", "privilege_end") or (n.kind == "tier" and "lowered" in n.text):
        return "bold $warning"
    if n.kind in ("sanction_end", "privilege_start") or (n.kind == "tier" and "raised" in n.text):
        return "bold"
    return ""


def notice_text(n: "Notice") -> Text:
    """A notice's words and who said it, without its glyph."""
    t = Text(n.text, style=_rich_style(notice_style(n)))
    who = n.institution
    if n.force:
        who = f"{who} · {n.force}" if who else n.force
    if who:
        t.append(f"  — {who}", style="dim")
    return t


def notice_line(n: "Notice") -> Text:
    """One notice on one line: glyph, the system's words, and who said it."""
    t = Text(f"{notice_glyph(n)} ", style="bold")
    t.append_text(notice_text(n))
    return t


def notice_table(notices: "Iterable[Notice]") -> Table:
    """Notices as a two-column grid, so wrapped lines hang under the text, not the glyph."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for n in notices:
        grid.add_row(Text(notice_glyph(n), style="bold"), notice_text(n))
    return grid


def _rich_style(style: str) -> str:
    # "$warning" is a Textual variable; Rich text needs a real colour.
    return style.replace("$warning", "yellow")


def is_alarming(n: "Notice") -> bool:
    return n.kind in ("sanction_start", "privilege_end") or (n.kind == "tier" and "lowered" in n.text)


# --------------------------------------------------------------------------- choices


def lock_detail(lock: "Lock") -> str:
    """The lock in one line: reason, who refuses, which records stand behind it."""
    who = []
    if lock.institution:
        who.append(lock.institution)
    if lock.records:
        ids = ", ".join(f"#{r}" for r in lock.records)
        who.append(f"{'record' if len(lock.records) == 1 else 'records'} {ids}")
    return lock.reason + (f" — {', '.join(who)}" if who else "")


def choice_prompt(number: int, view: "ChoiceView", guide: bool) -> Text:
    t = Text()
    t.append(f"{number}  ", style="bold")
    if view.lock is not None:
        t.append(f"{LOCKED} ", style="bold")
        t.append(view.text)
        t.append("  [locked]", style="bold")
    else:
        t.append(view.text, style="bold")
    if view.cost:
        t.append(f"  · costs {view.cost}", style="")
    if guide:
        t.append(f"  {GUIDE} Guide", style="bold reverse")
    if view.lock is not None:
        t.append("\n   ")
        t.append(lock_detail(view.lock), style="italic")
    return t


# --------------------------------------------------------------------------- a decision's result


def changes_line(changes: Iterable[str]) -> Text | None:
    changes = list(changes)
    if not changes:
        return None
    return Text(" · ".join(changes))


def score_move(game: "Game", result: "TurnResult") -> Text:
    t = Text()
    d = result.score_after - result.score_before
    t.append("Score ", style="bold")
    if d:
        t.append(f"{result.score_before} → {result.score_after} ({signed(d)})")
    else:
        t.append(f"{result.score_after} (unchanged)")
    t.append("  ·  ")
    t.append("Tier ", style="bold")
    if result.tier_after != result.tier_before:
        t.append(f"{result.tier_before} → {tier_text(game, result.tier_after)}")
    else:
        t.append(tier_text(game, result.tier_after))
    return t


def guide_line(result: "TurnResult") -> Text | None:
    if result.followed_guide:
        return Text("Logged: you took the Guide's recommendation.", style="dim")
    if result.followed_guide is False:
        return Text("Logged: you did not take the Guide's recommendation.", style="dim")
    return None


# --------------------------------------------------------------------------- the dossier


def record_title(game: "Game", rec: "Record") -> str:
    """What the system calls a record, as far as the citizen is allowed to read it."""
    if rec.hidden:
        return "Score adjustment"
    rb = game.rulebook
    if rec.kind == "association":
        names = {p.id: p.name for p in game.scenario.citizen.contacts}
        who = ", ".join(names.get(c.strip(), c.strip()) for c in rec.note.split(",") if c.strip())
        a = rb.model.association
        if rec.rule.endswith(":low"):
            return f"Association: contacts scored below {a.low_below} ({who})"
        return f"Association: contacts scored above {a.high_above} ({who})"
    if rec.kind == "listing":
        bid = rec.rule.split(":", 1)[-1]
        bl = next((b for b in rb.model.blacklist if b.id == bid), None)
        return f"Listed: {bl.name if bl else bid}"
    b = rb.lexicon.behaviours.get(rec.behaviour)
    return b.description if b else rec.behaviour


def record_entry(game: "Game", rec: "Record") -> Text:
    """A dossier entry's text: what the system holds, what the citizen knows, what it closed."""
    t = Text()
    t.append(record_title(game, rec), style="strike" if rec.removed else "bold")
    if rec.hidden:
        t.append("  — reference withheld", style="dim")
    elif rec.force:
        t.append(f"  — {rec.force}", style="dim")
    if rec.note and not rec.hidden and rec.kind != "association":
        t.append(f"\n{rec.note}", style="dim")
    if rec.removed:
        t.append("\n✓ STRUCK OUT on appeal: it no longer counts", style="bold")
    elif rec.appealed:
        t.append("\n» appeal pending", style="bold")
    if rec.truth == "wrong":
        t.append("\n✗ NOT YOU — ", style="bold yellow")
        t.append("someone else's act, filed under your name")
    elif rec.truth == "contextless":
        t.append("\n△ WITHOUT CONTEXT — ", style="bold yellow")
        if rec.context:
            t.append(f"you know: {rec.context} ")
        t.append("The system holds no circumstances.", style="italic")
    elif rec.context:
        t.append(f"\ncontext recorded: {rec.context}", style="dim")
    for r in game.state.restrictions:
        if rec.id in r.causes:
            t.append("\n")
            t.append_text(restriction_caused(game, r))
    return t


def record_table(game: "Game", records: "Iterable[Record]") -> Table:
    """The dossier's records: number, week, points, then the entry (wrapped in its column)."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)  # #id
    grid.add_column(no_wrap=True)  # week
    grid.add_column(justify="right", no_wrap=True)  # points
    grid.add_column(ratio=1)
    for rec in records:
        pts = Text(signed(rec.points), style="bold strike" if rec.removed else "bold")
        grid.add_row(Text(f"#{rec.id}", style="bold"), Text(f"wk {rec.turn}"), pts, record_entry(game, rec))
        grid.add_row("", "", "", "")
    return grid


def restriction_caused(game: "Game", r: "Restriction") -> Text:
    t = Text("→ ", style="bold")
    t.append(f"{r.name} ({r.kind})")
    if r.closes:
        t.append(f": closed {service_names(game, r.closes)}")
    t.append(f" — {r.institution}" if r.institution else "", style="dim")
    if r.ended is not None:
        t.append(f" · lifted week {r.ended}", style="dim")
    return t


def service_names(game: "Game", ids: Iterable[str]) -> str:
    lex = game.rulebook.lexicon
    return ", ".join(lex.services[s].name if s in lex.services else s for s in ids)


# --------------------------------------------------------------------------- status


def restriction_lines(game: "Game", r: "Restriction") -> list[Text]:
    t = Text()
    t.append(f"{LOCKED} ", style="bold")
    t.append(r.name, style="bold")
    t.append(f" ({r.kind})", style="dim")
    out = [t]
    if r.closes:
        out.append(Text(f"  closed: {service_names(game, r.closes)}"))
    if r.prices:
        dearer = ", ".join(f"{service_names(game, [s])} ×{f:g}" for s, f in r.prices.items())
        out.append(Text(f"  prices: {dearer}"))
    tail = r.institution
    if r.ends:
        tail = f"{tail} · until week {r.ends}" if tail else f"until week {r.ends}"
    if tail:
        out.append(Text(f"  {tail}", style="dim"))
    return out


def privilege_lines(game: "Game", pid: str) -> list[Text]:
    p = next((x for x in game.rulebook.model.privilege if x.id == pid), None)
    if p is None:
        return [Text(f"✚ {pid}")]
    out = [Text(f"✚ {p.name}", style="bold")]
    if p.opens:
        out.append(Text(f"  opens: {service_names(game, p.opens)}"))
    if p.prices:
        cheaper = ", ".join(f"{service_names(game, [s])} ×{f:g}" for s, f in p.prices.items())
        out.append(Text(f"  prices: {cheaper}"))
    return out


def virtue_line(virtues: dict[str, int]) -> str:
    return " · ".join(f"{k} {signed(v)}" for k, v in virtues.items()) or "none kept"


# --------------------------------------------------------------------------- the rulebook


def rulebook_sections(rulebook: "Rulebook") -> list[tuple[str, list[Text]]]:
    """What a rulebook makes public, section by section, hidden items redacted."""
    m = rulebook.model
    meta = m.rulebook
    lex = rulebook.lexicon
    secret = meta.transparency == "secret"
    out: list[tuple[str, list[Text]]] = []

    intro: list[Text] = [Text(f"{meta.title}: the pilot policy of {meta.city}", style="bold")]
    if meta.summary:
        intro.append(Text(meta.summary))
    if secret:
        intro.append(Text(
            "The rules of this pilot are not published. Scores are updated as conduct is "
            "assessed; no reasons are given.", style="italic"))
        out.append(("The rulebook", intro))
        out.append(("Tiers", [Text(f"{t.id} · {t.label}") for t in m.tier]))
        return out
    if meta.transparency == "partial":
        intro.append(Text("Parts of this rulebook are withheld by the issuing office.", style="italic"))
    intro.append(Text(f"Every citizen starts at {meta.start_score}."))
    intro.append(Text(f"Chance that conduct is seen: {_pct(meta.observe)}, unless a rule says otherwise."))
    if meta.context == "ignored":
        intro.append(Text("Circumstances are not recorded: conduct is scored as seen."))
    else:
        intro.append(Text(f"Circumstances are recorded; explained conduct keeps {_pct(meta.context_factor)} of its points."))
    if meta.error_rate:
        intro.append(Text(f"Data quality: {_pct(meta.error_rate)} of weekly checks may add a record in error."))
    out.append(("The rulebook", intro))

    values: list[Text] = []
    for v in m.value:
        if rulebook.is_hidden(v):
            values.append(Text(f"  {REDACTED}", style="dim"))
            continue
        b = lex.behaviours.get(v.behaviour)
        t = Text()
        t.append(f"  {signed(v.points):>5}  ", style="bold")
        t.append(b.description if b else v.behaviour)
        extra = []
        if b is not None:
            extra.append(b.legal)
        if v.observe is not None:
            extra.append(f"seen {_pct(v.observe)}")
        if v.force:
            extra.append(v.force)
        if v.from_turn > 1:
            extra.append(f"from week {v.from_turn}")
        if v.until_turn:
            extra.append(f"until week {v.until_turn}")
        if extra:
            t.append(f"  ({', '.join(extra)})", style="dim")
        values.append(t)
        why = " ".join(x for x in (v.article, v.reason) if x)
        if why:
            values.append(Text(f"         {why}", style="italic"))
    out.append(("What conduct is worth", values or [Text("  No conduct is scored.")]))

    tiers = []
    for t in m.tier:
        floor = f"{t.min} and above" if t.min is not None else "below the others"
        tiers.append(Text(f"  {t.id} · {t.label}: {floor}"))
    out.append(("Tiers", tiers))

    sanctions = []
    for s in m.sanction:
        if rulebook.is_hidden(s):
            sanctions.append(Text(f"  {REDACTED}", style="dim"))
            continue
        sanctions.append(Text(f"  {LOCKED} {s.name} — in tier {', '.join(s.tiers)}", style="bold"))
        if s.closes:
            sanctions.append(Text(f"      closes: {_services(lex, s.closes)}"))
        if s.prices:
            sanctions.append(Text(f"      prices: {_prices(lex, s.prices)}"))
        who = s.institution or meta.announcer
        tail = " · ".join(x for x in (who, s.reason) if x)
        if tail:
            sanctions.append(Text(f"      {tail}", style="dim"))
    out.append(("Sanctions", sanctions or [Text("  None.")]))

    lists = []
    for bl in m.blacklist:
        if rulebook.is_hidden(bl):
            lists.append(Text(f"  {REDACTED}", style="dim"))
            continue
        lists.append(Text(f"  {LOCKED} {bl.name}", style="bold"))
        lists.append(Text(f"      entered for: {_behaviours(lex, bl.triggers)}"))
        if bl.closes:
            lists.append(Text(f"      closes: {_services(lex, bl.closes)}"))
        if bl.prices:
            lists.append(Text(f"      prices: {_prices(lex, bl.prices)}"))
        if bl.points:
            lists.append(Text(f"      points on listing: {signed(bl.points)}"))
        term = f"for {plural(bl.duration, 'week')}" if bl.duration else "with no set term"
        if bl.lifted_by:
            term += f"; removed on: {_behaviours(lex, bl.lifted_by)}"
        lists.append(Text(f"      {term}"))
        tail = " · ".join(x for x in (bl.institution, bl.reason) if x)
        if tail:
            lists.append(Text(f"      {tail}", style="dim"))
    out.append(("Blacklists", lists or [Text("  None.")]))

    privs = []
    for p in m.privilege:
        if rulebook.is_hidden(p):
            privs.append(Text(f"  {REDACTED}", style="dim"))
            continue
        privs.append(Text(f"  ✚ {p.name} — in tier {', '.join(p.tiers)}", style="bold"))
        if p.opens:
            privs.append(Text(f"      opens: {_services(lex, p.opens)}"))
        if p.prices:
            privs.append(Text(f"      prices: {_prices(lex, p.prices)}"))
        if p.institution:
            privs.append(Text(f"      {p.institution}", style="dim"))
    out.append(("Privileges", privs or [Text("  None.")]))

    a = m.association
    assoc: list[Text] = []
    if a.low_below is not None or a.high_above is not None:
        if rulebook.is_hidden(a):
            assoc.append(Text(f"  {REDACTED}", style="dim"))
        else:
            if a.low_below is not None and a.low_points:
                assoc.append(Text(f"  {signed(a.low_points)} a week for each contact you keep who scores below {a.low_below}"))
            if a.high_above is not None and a.high_points:
                assoc.append(Text(f"  {signed(a.high_points)} a week for each contact you keep who scores above {a.high_above}"))
            if a.reason:
                assoc.append(Text(f"      {a.reason}", style="dim"))
    out.append(("Your circle", assoc or [Text("  Your contacts do not affect your score.")]))

    data = []
    for o in m.data_offer:
        if rulebook.is_hidden(o):
            data.append(Text(f"  {REDACTED}", style="dim"))
            continue
        data.append(Text(f"  {o.source.capitalize()} data: {signed(o.share_points)} for sharing, "
                         f"{signed(o.refuse_points)} for declining", style="bold"))
        if o.refuse_closes:
            data.append(Text(f"      declining closes: {_services(lex, o.refuse_closes)}"))
        if o.reason:
            data.append(Text(f"      {o.reason}", style="dim"))
    out.append(("Data offers", data or [Text("  None.")]))

    ap = m.appeals
    if ap.kind == "none":
        appeals = [Text("  There is no procedure for contesting a record.")]
    else:
        kind = "Independent review" if ap.kind == "fair" else "Administrative review"
        appeals = [Text(f"  {kind}: fee {ap.cost}, decision after {plural(ap.delay, 'week')}")]
        if ap.kind == "bureaucratic":
            appeals.append(Text(f"      share of appeals upheld: {_pct(ap.success)}"))
        if ap.institution:
            appeals.append(Text(f"      {ap.institution}", style="dim"))
    out.append(("Appeals", appeals))
    return out


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


def _services(lex, ids: Iterable[str]) -> str:
    return ", ".join(lex.services[s].name if s in lex.services else s for s in ids)


def _behaviours(lex, ids: Iterable[str]) -> str:
    return ", ".join(lex.behaviours[b].description if b in lex.behaviours else b for b in ids)


def _prices(lex, prices: dict[str, float]) -> str:
    return ", ".join(f"{_services(lex, [s])} ×{f:g}" for s, f in prices.items())
