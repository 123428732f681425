"""A run report laid out as a document: sections of paragraphs, lists, tables and charts.

One layout, several renderings: :mod:`game.report.export` writes it as plain text, Markdown
and HTML; the end screens use the same phrasing helpers (:func:`seen_and_missed`,
:func:`punished`, ...) so the screen and the shared file say the same things.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .epithet import styled
from .run import MEASURES, Deed, RecordRow, RunReport

FORCE_NAMES = {"law": "Law", "norms": "Norms", "market": "Market", "architecture": "Architecture"}
TRUTH_NAMES = {"true": "true", "contextless": "without context", "wrong": "wrong"}


@dataclass
class Para:
    text: str


@dataclass
class Items:
    items: list[str]
    empty: str = ""  # shown when there are none


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    align: str = ""  # one letter per column: l or r


@dataclass
class Chart:
    title: str
    values: list[int]
    floors: list[tuple[str, int | None]] = field(default_factory=list)
    baseline: float | None = None


@dataclass
class Section:
    title: str
    blocks: list = field(default_factory=list)


# --------------------------------------------------------------------------- phrasing


def week(rep: RunReport, turn: int) -> str:
    return f"{rep.unit.capitalize()} {turn}"


def moment(rep: RunReport, turn: int, event_title: str, choice_text: str = "") -> str:
    """'Week 3, "Rent day": Pay it late'."""
    where = f'{week(rep, turn)}, "{event_title}"' if event_title else week(rep, turn)
    return f"{where}: {choice_text}" if choice_text else where


def signed(n: int | float) -> str:
    return f"{int(n):+d}"


def deed_line(rep: RunReport, d: Deed, extra: str = "") -> str:
    seen = f"{signed(d.points)} points" if d.seen else "no record"
    v = f"virtue {signed(d.virtue)}" if d.virtue else "no moral weight"
    return f"{moment(rep, d.turn, d.event_title, d.choice_text)} ({v}; {seen}{extra})"


def record_line(rep: RunReport, r: RecordRow) -> str:
    where = f' after "{r.choice_text}"' if r.choice_text else ""
    struck = ", struck out on appeal" if r.removed else ""
    return f"{week(rep, r.turn)}: \"{r.description}\"{where}: {signed(r.points)}{struck}"


def seen_and_missed(rep: RunReport) -> list[tuple[str, list[str]]]:
    """The moments the score and the story disagreed, grouped, each named by turn and event."""
    groups: list[tuple[str, list[str]]] = []
    groups.append(("Good deeds the system never counted", [deed_line(rep, d) for d in rep.good_unseen()]))
    groups.append(("Good deeds it punished", [deed_line(rep, d) for d in rep.good_punished()]))
    groups.append(("Harms it paid for", [deed_line(rep, d) for d in rep.harms_rewarded()]))
    groups.append(("Harms it never saw", [deed_line(rep, d) for d in rep.harms_unseen()]))
    groups.append(("Lawful, harmless acts it penalised",
                   [deed_line(rep, d) for d in rep.lawful_punished() if not d.virtuous]))
    groups.append(("Records that left out the reason",
                   [f"{record_line(rep, r)}. You knew why: \"{r.context}\"" for r in rep.records if r.truth == "contextless"]))
    groups.append(("Records of things you did not do",
                   [record_line(rep, r) for r in rep.records if r.truth == "wrong"]))
    groups.append(("Rules you were never shown", unshown_lines(rep)))
    return groups


def turns_text(rep: RunReport, turns: list[int]) -> str:
    """[2, 3, 4, 7] -> "Weeks 2-4 and 7"."""
    turns = sorted(set(turns))
    if len(turns) == 1:
        return week(rep, turns[0])
    runs: list[list[int]] = []
    for t in turns:
        if runs and t == runs[-1][-1] + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    parts = [f"{r[0]}-{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    return f"{rep.unit.capitalize()}s {_names(parts)}"


def unshown_lines(rep: RunReport) -> list[str]:
    """Records under rules never shown; the same record week after week is one line."""
    out: list[str] = []
    groups: dict[tuple[str, int, str], list[RecordRow]] = {}
    for r in rep.unshown():
        groups.setdefault((r.description, r.points, r.choice_text), []).append(r)
    for (desc, points, _), rows in sorted(groups.items(), key=lambda kv: kv[1][0].id):
        if len(rows) == 1:
            r = rows[0]
            out.append(record_line(rep, r) + (" (a rule that began without notice)" if r.unannounced else ""))
        else:
            out.append(f"{turns_text(rep, [r.turn for r in rows])}: \"{desc}\": {signed(points)} each time, "
                       f"{signed(points * len(rows))} in all")
    return out


def seen_well(rep: RunReport) -> list[str]:
    """Where the score and the story agreed: harm punished, good rewarded."""
    return [deed_line(rep, d) for d in rep.deeds
            if (d.harmful and d.points < 0) or (d.virtuous and d.points > 0)]


def door_line(c) -> str:
    how = f"{c.factor:g}x the price" if c.factor else "closed"
    length = f"{c.turns} turn{'s' if c.turns != 1 else ''}" + (", and after" if c.until_end else "")
    return f"{c.service_name} ({c.institution}): {how}, {length} (under {c.name})"


def punished(rep: RunReport) -> list[tuple[str, list[str]]]:
    """For each record that closed doors, the doors."""
    out = []
    for r in rep.wrongs():
        head = f"#{r.id} {record_line(rep, r)} ({TRUTH_NAMES.get(r.truth, r.truth)}): " \
               f"{r.punishments} punishment{'s' if r.punishments != 1 else ''}"
        out.append((head, [door_line(c) for c in r.closures]))
    return out


def doors_met(rep: RunReport) -> list[str]:
    return [f"{moment(rep, d.turn, d.event_title, d.choice_text)}: {d.reason}"
            + (f" ({d.institution})" if d.institution and d.institution not in d.reason else "")
            for d in rep.doors]


def city_rows(rep: RunReport) -> list[list[str]]:
    rows = []
    for c in rep.cities:
        lived = "the whole life" if c.complete else f"parts in {rep.unit} {c.parting_turn}"
        rows.append([c.city + (" (this run)" if c.own else ""), c.title, f"{c.score}", c.tier_label,
                     f"{c.standing}", str(c.punishments), c.ending_title if c.complete and c.ending_title else "-",
                     lived])
    return rows


CITY_HEADERS = ["City", "Rulebook", "Score", "Tier", "Standing", "Punishments", "Ending", "Same life"]


def headline(rep: RunReport) -> list[tuple[str, str]]:
    """The summary figures, label and value."""
    g = rep.measures
    offered = int(g["guide_offered"].value)
    followed = g["guide_rate"].vars.get("followed", 0)
    return [
        ("Score", f"{rep.start_score} -> {rep.score} ({rep.tier_label})"),
        ("Virtue", f"{rep.start_virtue} -> {rep.virtue} (virtue index {signed(rep.virtue_index)})"),
        ("Metric-gaming index", f"{rep.gaming_index} / 100"),
        ("Records", f"{sum(1 for r in rep.records if not r.removed)} in the dossier, "
                    f"{int(g['punishments'].value)} doors closed"),
        ("The Guide", f"followed {followed} of {offered}" if offered else "never recommended a choice"),
        ("Money", f"{rep.start_money} -> {rep.money}"),
    ]


def title_line(rep: RunReport) -> str:
    return styled(rep)


def where_line(rep: RunReport) -> str:
    return f"{rep.scenario_title}, under {rep.rulebook_title} ({rep.city}), seed {rep.seed}"


def ending_line(rep: RunReport) -> str:
    if not rep.finished:
        return f"Unfinished: {rep.unit} {rep.last_turn} of {rep.calendar_turns}"
    return f"{rep.ending_title} ({rep.unit} {rep.last_turn} of {rep.calendar_turns})"


def floors(rep: RunReport) -> list[tuple[str, int | None]]:
    return [(f"{t.id} {t.label}", t.min) for t in rep.tiers]


# --------------------------------------------------------------------------- the document


def document(rep: RunReport) -> list[Section]:
    secs: list[Section] = []
    secs.append(Section("Summary", [
        Table(["", ""], [[k, v] for k, v in headline(rep)], "ll"),
        Para(rep.ending_text.strip()) if rep.ending_text else Para(""),
    ]))

    lines = Table(["Turn", "Event", "Choice", "Score", "Tier", "Virtue", "Money", "Guide"], [], "rllrlrrl")
    for ln in rep.lines:
        guide = {True: "followed", False: "declined", None: "-"}[ln.followed_guide]
        lines.rows.append([str(ln.turn), ln.event_title, ln.choice_text, str(ln.score), ln.tier, str(ln.virtue),
                           str(ln.money), guide])
    changes = [f"{week(rep, tc.turn)}: {'down' if tc.down else 'up'} from {tc.old} ({tc.old_label}) to {tc.new} "
               f"({tc.new_label}) at {tc.score}"
               + (f", after {_names(causes)}" if (causes := _causes(rep, tc)) else "")
               for tc in rep.tier_changes]
    secs.append(Section("The life in numbers", [
        score_chart(rep),
        virtue_chart(rep),
        lines,
        Para("Tier changes:"), Items(changes, "The tier never changed."),
    ]))

    blocks: list = []
    for head, items in seen_and_missed(rep):
        blocks += [Para(f"{head}:"), Items(items)] if items else [Para(f"{head}: none.")]
    blocks += [Para("Where the score and the story agreed:"), Items(seen_well(rep), "Nowhere.")]
    secs.append(Section("What the system saw and what it missed", blocks))

    blocks = []
    for head, items in punished(rep):
        blocks += [Para(head), Items(items)]
    if not blocks:
        blocks.append(Para("No record closed a door."))
    blocks += [Para("Doors you found shut:"), Items(doors_met(rep), "None.")]
    secs.append(Section("Punished everywhere", blocks))

    lic = rep.licensed()
    secs.append(Section("Banked credit", [
        Para(f"A harmful act counts as licensed when, just before it, the score stood at least "
             f"{rep.licensing_margin} points above the floor of its tier (the heaviest single penalty in "
             f"this city) and the tier held."),
        Items([deed_line(rep, d, f"; {d.margin} above the floor of {rep.tier_name(d.tier_before)}") for d in lic],
              "No harmful act was made while the score was safe."),
    ]))

    def at_end(c) -> str:
        if c.kept_end:
            return "kept"
        return "dropped" if (c.kept_start or c.taken_up) else "never in your circle"

    crow = [[c.name, c.relation, str(c.score_start), at_end(c),
             "; ".join(f"dropped in {rep.unit} {t} (score {s})" for t, s in c.dropped)
             + "; ".join(f"taken up in {rep.unit} {t}" for t, _ in c.taken_up),
             signed(round(c.association_points)) if c.association_turns else "-"] for c in rep.contacts]
    cm = rep.measures["circle_shift"].vars
    secs.append(Section("Your circle", [
        Table(["Contact", "Relation", "Their score", "At the end", "What you did", "Cost to you"], crow, "llrllr"),
        Para(f"Average score of your circle: {cm['start']} at the start, {cm['end']} at the end."),
    ]))

    data = [f"{moment(rep, d.turn, d.event_title, d.choice_text)}: {'shared' if d.shared else 'kept back'} "
            f"{d.source} data, {signed(d.points)}" + (f"; closed {_names(d.closed)}" if d.closed else "")
            for d in rep.data]
    secs.append(Section("Your data", [Items(data, "No data was asked for.")]))

    ap = [f"{week(rep, a.filed)}: against \"{a.description}\" ({TRUTH_NAMES.get(a.truth, a.truth)}, "
          f"{signed(a.points)}); decision due {rep.unit} {a.decides}: {a.outcome}" for a in rep.appeals]
    kind = {"none": "There was no way to appeal.", "bureaucratic": "Appeals cost money, took time and rarely succeeded.",
            "fair": "Appeals went to an independent review."}.get(rep.appeals_kind, "")
    secs.append(Section("Appeals", [Para(kind), Items(ap, "You filed no appeal.")]))

    offered = [d for d in rep.deeds if d.guide is not None]
    gl = [f"{moment(rep, d.turn, d.event_title)}: recommended \"{d.guide_text}\"; "
          + ("followed" if d.followed_guide else f"you chose \"{d.choice_text}\"") for d in offered]
    secs.append(Section("The Guide", [
        Para(f"The Guide recommended a choice in {len(offered)} of {len(rep.deeds)} {rep.unit}s; you followed it "
             f"{_times(sum(1 for d in offered if d.followed_guide))}."),
        Items(gl),
    ]))

    ftab = [[FORCE_NAMES.get(f, f), str(c["records"]), signed(c["points"]), str(c["restrictions"]), str(c["privileges"])]
            for f, c in rep.forces.items()]
    legal = [[k, signed(v)] for k, v in rep.legality.items()]
    mv = rep.measures["money_share"].vars
    secs.append(Section("Law, norms, market, architecture", [
        Table(["Force", "Records", "Points", "Sanctions", "Privileges"], ftab, "lrrrr"),
        Para("Points in the final score, by the legal status of what was recorded:"),
        Table(["Status", "Points"], legal, "lr"),
        Para(f"Points gained by choices that cost money: {mv['bought']} (for {mv['spent']} money); "
             f"points gained by conduct that cost nothing: {mv['earned']}."),
    ]))

    cg = rep.measures["city_gap"].value
    secs.append(Section("Other cities", [
        Para("The same decisions, the same seed, another city's rules. A life 'parts' where a recorded "
             "choice was not open there; after that it is not the same life."),
        Table(CITY_HEADERS, city_rows(rep), "llrlrrll"),
        Items([f"{c.city}: {c.parting}" for c in rep.cities if not c.complete]),
        Para(f"Gap in standing between the kindest and the harshest city, among lives lived whole: {int(cg)} / 100."),
    ]))

    secs.append(Section("Reflection", [Para(r.text) for r in rep.reflections] or [Para("(none)")]))

    mrows = [[str(row), mid, _num(rep.m(mid)), label] for mid, (row, label) in MEASURES.items()]
    secs.append(Section("Measures", [
        Para("Each row of the game's themes, measured; definitions in docs/REPORT.md."),
        Table(["Row", "Measure", "Value", "What it counts"], mrows, "rlrl"),
    ]))

    drows = [[str(r.id), str(r.turn), r.description, TRUTH_NAMES.get(r.truth, r.truth), r.force, r.legal or "-",
              signed(r.points), "yes" if r.unshown else "", str(r.punishments) if r.punishments else "",
              "struck out" if r.removed else ""] for r in rep.records]
    secs.append(Section("The dossier", [
        Table(["#", "Turn", "Record", "Truth", "Force", "Legal", "Points", "Unshown", "Doors", ""], drows,
              "rrllllrlrl"),
    ]))
    return secs


def _causes(rep: RunReport, tc) -> list[str]:
    """The records behind a tier change that pushed the way it went."""
    return [rep.record(c).description for c in tc.causes if (rep.record(c).points < 0) == tc.down]


def score_chart(rep: RunReport) -> Chart:
    return Chart("Score", [rep.start_score] + [ln.score for ln in rep.lines], floors(rep))


def virtue_chart(rep: RunReport) -> Chart:
    values = [rep.start_virtue] + [ln.virtue for ln in rep.lines]
    return Chart("Virtue", values, baseline=0 if min(values) <= 0 else None)


def _names(items: list[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:.1f}"


def _times(n: int) -> str:
    return {0: "never", 1: "once", 2: "twice"}.get(n, f"{n} times")
