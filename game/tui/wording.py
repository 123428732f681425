"""How the engine's plain data is worded on screen: notices, locks, records, rules.

Pure functions from engine data to Rich ``Text`` (never markup strings, so a bracket in
authored content is drawn as a bracket). Screens and widgets call these; nothing here
decides anything about the game.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..scenario.voice import KIND_WORDS

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


def notice_text(n: "Notice", announcer: str = "") -> Text:
    """A notice's words and who said it (unless it is the announcer), without its glyph."""
    t = Text(n.text, style=_rich_style(notice_style(n)))
    who = "" if n.institution == announcer else n.institution
    if who:
        t.append(f"  — {who}", style="dim")
    if n.force and not n.hidden:  # a withheld rule does not say which force it is, either
        t.append(f" ({n.force})", style="dim")
    return t


def notice_line(n: "Notice") -> Text:
    """One notice on one line: glyph, the system's words, and who said it."""
    t = Text(f"{notice_glyph(n)} ", style="bold")
    t.append_text(notice_text(n))
    return t


def notice_table(notices: "Iterable[Notice]", announcer: str = "") -> Table:
    """Notices as a two-column grid, so wrapped lines hang under the text, not the glyph.

    Notices signed by ``announcer`` (named once, in the heading) do not repeat the name.
    """
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=1, no_wrap=True)
    grid.add_column(ratio=1)
    for n in notices:
        grid.add_row(Text(notice_glyph(n), style="bold"), notice_text(n, announcer))
    return grid


def _rich_style(style: str) -> str:
    # "$warning" is a Textual variable; Rich text needs a real colour.
    return style.replace("$warning", "yellow")


def is_alarming(n: "Notice") -> bool:
    return n.kind in ("sanction_start", "privilege_end") or (n.kind == "tier" and n.ref == "down")


def change_line(game: "Game", n: "Notice") -> str:
    """A tier, sanction or privilege notice in one short line, naming the institution."""
    lex = game.rulebook.lexicon

    def names(ids):
        return ", ".join(lex.services[x].name if x in lex.services else x for x in ids)

    who = f" — {n.institution}" if n.institution else ""
    if n.kind in ("sanction_start", "sanction_end"):
        r = next((r for r in reversed(game.state.restrictions) if r.id == n.ref), None)
        if r is not None:
            if n.kind == "sanction_start":
                closes = f": closes {names(n.services)}" if n.services else ""
                return f"{LOCKED} {r.name}{closes}{who}"
            opens = f": {names(n.services)} open again" if n.services else ""
            return f"○ {r.name} lifted{opens}{who}"
    if n.kind in ("privilege_start", "privilege_end"):
        p = next((p for p in game.rulebook.model.privilege if p.id == n.ref), None)
        if p is not None:
            if n.kind == "privilege_start":
                opens = f": opens {names(n.services)}" if n.services else ""
                return f"✚ {p.name}{opens}{who}"
            return f"− {p.name} withdrawn{who}"
    return f"{notice_glyph(n)} {n.text}{who}"


def changes_toast(game: "Game", notices: "Iterable[Notice]") -> tuple[str, bool] | None:
    """One notification for everything that opened or closed: (message, alarming)."""
    picked = [n for n in notices if n.kind in NOTIFY_KINDS]
    if not picked:
        return None
    return "\n".join(change_line(game, n) for n in picked), any(is_alarming(n) for n in picked)


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


def choice_prompt(number: int, view: "ChoiceView", guide: bool) -> Table:
    """A choice as a row: its number, then its text, wrapping under itself, never under the number."""
    t = Text()
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
        t.append("\n")
        t.append(lock_detail(view.lock), style="italic")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, width=1)
    grid.add_column(ratio=1)
    grid.add_row(Text(str(number), style="bold"), t)
    return grid


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
            known = rec.context.strip()
            t.append(f"you know: {known}{'' if known[-1:] in '.!?' else '.'} ")
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


def indented(text: Text, by: int = 2) -> Padding:
    """Text whose wrapped lines keep the same indent as its first."""
    return Padding(text, (0, 0, 0, by))


def restriction_lines(game: "Game", r: "Restriction") -> list[RenderableType]:
    out: list[RenderableType] = [Text(f"{LOCKED} {r.name}", style="bold")]
    if r.closes:
        out.append(indented(Text(f"closed: {service_names(game, r.closes)}")))
    if r.prices:
        dearer = ", ".join(f"{service_names(game, [s])} ×{f:g}" for s, f in r.prices.items())
        out.append(indented(Text(f"prices: {dearer}")))
    tail = " · ".join(x for x in (r.kind, r.institution, f"until week {r.ends}" if r.ends else "") if x)
    out.append(indented(Text(tail, style="dim")))
    return out


def privilege_lines(game: "Game", pid: str) -> list[RenderableType]:
    p = next((x for x in game.rulebook.model.privilege if x.id == pid), None)
    if p is None:
        return [Text(f"✚ {pid}")]
    out: list[RenderableType] = [Text(f"✚ {p.name}", style="bold")]
    if p.opens:
        out.append(indented(Text(f"opens: {service_names(game, p.opens)}")))
    if p.prices:
        cheaper = ", ".join(f"{service_names(game, [s])} ×{f:g}" for s, f in p.prices.items())
        out.append(indented(Text(f"prices: {cheaper}")))
    if p.institution:
        out.append(indented(Text(p.institution, style="dim")))
    return out


# --------------------------------------------------------------------------- the rulebook


class _Items:
    """Rows of a rulebook section: a short marker column, then a body that wraps under itself."""

    def __init__(self) -> None:
        self.grid = Table.grid(padding=(0, 1))
        self.grid.add_column(justify="right", no_wrap=True)
        self.grid.add_column(ratio=1)
        self.rows = 0

    def add(self, marker: str, head: str, *details: str, style: str = "bold") -> None:
        body = Text(head, style=style)
        for d in details:
            if d:
                body.append(f"\n{d}", style="")
        self.grid.add_row(Text(marker, style="bold"), body)
        self.rows += 1

    def note(self, marker: str, text: str, style: str = "italic") -> None:
        """A dim line under the last row (the system's reason)."""
        if text:
            self.grid.add_row("", Text(text, style=style))

    def redacted(self) -> None:
        self.grid.add_row(Text("█", style="dim"), Text(REDACTED, style="dim"))
        self.rows += 1

    def out(self, empty: str) -> list:
        return [self.grid] if self.rows else [Text(empty, style="dim")]


def rulebook_sections(rulebook: "Rulebook") -> list[tuple[str, list]]:
    """What a rulebook makes public, section by section, hidden items redacted."""
    m = rulebook.model
    meta = m.rulebook
    lex = rulebook.lexicon
    secret = meta.transparency == "secret"
    out: list[tuple[str, list]] = []

    kind = KIND_WORDS[meta.kind]  # the city's own kind of system: pilot, platform, register, charter
    intro: list[Text] = [Text(f"{meta.title}: the {kind} of {meta.city}", style="bold")]
    if meta.summary:
        intro.append(Text(meta.summary.strip()))
    if secret:
        intro.append(Text(
            f"The rules of this {kind} are not published. Scores are updated as conduct is "
            "assessed; no reasons are given.", style="italic"))
        out.append(("The rulebook", intro))
        out.append(("Tiers", [Text("\n".join(f"{t.id} · {t.label}" for t in m.tier))]))
        return out
    if meta.transparency == "partial":
        intro.append(Text("Parts of this rulebook are withheld by the issuing office.", style="italic"))
    facts = [f"Every citizen starts at {meta.start_score}.",
             f"Chance that conduct is seen: {_pct(meta.observe)}, unless a rule says otherwise."]
    if meta.context == "ignored":
        facts.append("Circumstances are not recorded: conduct is scored as seen.")
    else:
        facts.append(f"Circumstances are recorded; explained conduct keeps {_pct(meta.context_factor)} of its points.")
    if meta.error_rate:
        facts.append(f"Data quality: {_pct(meta.error_rate)} of weekly checks may add a record in error.")
    intro.append(Text("\n".join(facts)))
    out.append(("The rulebook", intro))

    values = _Items()
    for v in m.value:
        if rulebook.is_hidden(v):
            values.redacted()
            continue
        b = lex.behaviours.get(v.behaviour)
        extra = [b.legal] if b is not None else []
        if v.observe is not None:
            extra.append(f"seen {_pct(v.observe)}")
        if v.force:
            extra.append(v.force)
        if v.from_turn > 1:
            extra.append(f"from week {v.from_turn}")
        if v.until_turn:
            extra.append(f"until week {v.until_turn}")
        head = (b.description if b else v.behaviour) + (f"  ({', '.join(extra)})" if extra else "")
        values.add(signed(v.points), head, style="")
        values.note("", " ".join(x for x in (v.article, v.reason) if x))
    out.append(("What conduct is worth", values.out("No conduct is scored.")))

    tiers = [f"{t.id} · {t.label}: " + (f"{t.min} and above" if t.min is not None else "below the others")
             for t in m.tier]
    out.append(("Tiers", [Text("\n".join(tiers))]))

    sanctions = _Items()
    for s in m.sanction:
        if rulebook.is_hidden(s):
            sanctions.redacted()
            continue
        sanctions.add(LOCKED, f"{s.name} — in tier {', '.join(s.tiers)}",
                      f"closes: {_services(lex, s.closes)}" if s.closes else "",
                      f"prices: {_prices(lex, s.prices)}" if s.prices else "")
        sanctions.note("", " · ".join(x for x in (s.institution or meta.announcer, s.reason) if x), style="dim")
    out.append(("Sanctions", sanctions.out("None.")))

    lists = _Items()
    for bl in m.blacklist:
        if rulebook.is_hidden(bl):
            lists.redacted()
            continue
        term = f"for {plural(bl.duration, 'week')}" if bl.duration else "with no set term"
        if bl.lifted_by:
            term += f"; removed on: {_behaviours(lex, bl.lifted_by)}"
        lists.add(LOCKED, bl.name,
                  f"entered for: {_behaviours(lex, bl.triggers)}",
                  f"closes: {_services(lex, bl.closes)}" if bl.closes else "",
                  f"prices: {_prices(lex, bl.prices)}" if bl.prices else "",
                  f"points on listing: {signed(bl.points)}" if bl.points else "",
                  term)
        lists.note("", " · ".join(x for x in (bl.institution, bl.reason) if x), style="dim")
    out.append(("Blacklists", lists.out("None.")))

    privs = _Items()
    for p in m.privilege:
        if rulebook.is_hidden(p):
            privs.redacted()
            continue
        privs.add("✚", f"{p.name} — in tier {', '.join(p.tiers)}",
                  f"opens: {_services(lex, p.opens)}" if p.opens else "",
                  f"prices: {_prices(lex, p.prices)}" if p.prices else "")
        privs.note("", p.institution, style="dim")
    out.append(("Privileges", privs.out("None.")))

    a = m.association
    assoc = _Items()
    if a.low_below is not None or a.high_above is not None:
        if rulebook.is_hidden(a):
            assoc.redacted()
        else:
            if a.low_below is not None and a.low_points:
                assoc.add(signed(a.low_points), f"a week for each contact you keep who scores below {a.low_below}", style="")
            if a.high_above is not None and a.high_points:
                assoc.add(signed(a.high_points), f"a week for each contact you keep who scores above {a.high_above}", style="")
            assoc.note("", a.reason)
    out.append(("Your circle", assoc.out("Your contacts do not affect your score.")))

    data = _Items()
    for o in m.data_offer:
        if rulebook.is_hidden(o):
            data.redacted()
            continue
        data.add("•", f"{o.source.capitalize()} data: {signed(o.share_points)} for sharing, "
                      f"{signed(o.refuse_points)} for declining",
                 f"declining closes: {_services(lex, o.refuse_closes)}" if o.refuse_closes else "")
        data.note("", o.reason)
    out.append(("Data offers", data.out("None.")))

    ap = m.appeals
    appeals = _Items()
    if ap.kind == "none":
        appeals.add("»", "There is no procedure for contesting a record.", style="")
    else:
        kind = "Independent review" if ap.kind == "fair" else "Administrative review"
        appeals.add("»", f"{kind}: fee {ap.cost}, decision after {plural(ap.delay, 'week')}",
                    f"share of appeals upheld: {_pct(ap.success)}" if ap.kind == "bureaucratic" else "",
                    style="")
        appeals.note("", ap.institution, style="dim")
    out.append(("Appeals", appeals.out("")))
    return out


def _pct(x: float) -> str:
    return f"{round(x * 100)}%"


def _services(lex, ids: Iterable[str]) -> str:
    return ", ".join(lex.services[s].name if s in lex.services else s for s in ids)


def _behaviours(lex, ids: Iterable[str]) -> str:
    return ", ".join(lex.behaviours[b].description if b in lex.behaviours else b for b in ids)


def _prices(lex, prices: dict[str, float]) -> str:
    return ", ".join(f"{_services(lex, [s])} ×{f:g}" for s, f in prices.items())
