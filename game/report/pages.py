"""The run report as pages: the end screens, the exported files and ``--format json`` all read
these, so the screen and the shared file say the same things in the same words."""

from __future__ import annotations

from typing import Any

from .document import Block, Chart, Charts, Heading, Items, Page, Para, Table, dim, em, para, strong
from .epithet import styled
from .run import Closure, Deed, RecordRow, RunReport, doors_phrase, parting_phrase
from .words import appeal_fate as words_fate, counted, factor, names, plural, points, signed, tier_name, times, when

FORCE_NAMES = {"law": "Law", "norms": "Norms", "market": "Market", "architecture": "Architecture"}
TRUTH_PHRASES = {"contextless": "without context", "wrong": "not yours"}

GAMING_LINE = ("Of the decisions where the choice best for your score, as you could know it, and the "
               "choice best for your conscience differed, the share where you took the score's side.")
GAMING_LINE_SECRET = ("Of the decisions where the choice best for your score, by the platform's own model (it "
                      "publishes no rules; the Guide speaks for it), and the choice best for your conscience "
                      "differed, the share where you took the score's side.")
#: True of every comparison: the decisions and every draw of chance are the same; what each city
#: sees, and the mistakes it makes (its own error rate, its own list), are its own.
CITIES_LEAD = ("The same decisions and the same dice, judged by each city's own rules. Each city also makes "
               "its own mistakes: a record of something you never did can land in one city and not in another.")
FIDELITY_LINE = ("Of the good deeds, harms and wrong or contextless records in this life, how many the "
                 "score got right, passed over in silence, or got the wrong way round.")


# --------------------------------------------------------------------------- phrasing


def week(rep: RunReport, turn: int) -> str:
    return when(rep.unit, turn)


def moment(rep: RunReport, turn: int, event_title: str, choice_text: str = "") -> str:
    """'Week 3, "Rent day": Pay it late'."""
    where = f'{week(rep, turn)}, "{event_title}"' if event_title else week(rep, turn)
    return f"{where}: {choice_text}" if choice_text else where


def _deed_facts(d: Deed) -> dict[str, Any]:
    return {"turn": d.turn, "event": d.event_title, "choice": d.choice_text, "virtue": d.virtue,
            "points": d.points, "records": list(d.records), "appeal": d.appeal}


def deed_line(rep: RunReport, d: Deed, extra: str = "", facts: dict[str, Any] | None = None) -> Para:
    if d.records:
        seen = f"{signed(d.points)} points" if d.points else "recorded, no points"
    elif d.appeal is not None:
        seen = f"no points; the appeal against record #{d.appeal} was received"
    else:
        seen = "no record"
    v = f"virtue {signed(d.virtue)}" if d.virtue else "no moral weight"
    return para(f"{moment(rep, d.turn, d.event_title, d.choice_text)} ({v}; {seen}{extra})",
                facts={**_deed_facts(d), **(facts or {})})


def _record_facts(r: RecordRow) -> dict[str, Any]:
    return {"record": r.id, "turn": r.turn, "description": r.description, "choice": r.choice_text,
            "points": r.points, "truth": r.truth, "removed": r.removed, "context": r.context or ""}


def record_text(rep: RunReport, r: RecordRow) -> str:
    where = f' after "{r.choice_text}"' if r.choice_text else ""
    struck = ", struck out on appeal" if r.removed else ""
    return f"{week(rep, r.turn)}: \"{r.description}\"{where}: {points(r.points)}{struck}"


def record_line(rep: RunReport, r: RecordRow, extra: str = "") -> Para:
    return para(record_text(rep, r) + extra, facts=_record_facts(r))


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
    return f"{rep.unit.capitalize()}s {names(parts)}"


def unshown_lines(rep: RunReport) -> list[Para]:
    """Records under rules the player could not read; the same record week after week is one line."""
    out: list[Para] = []
    groups: dict[tuple[str, int, str], list[RecordRow]] = {}
    for r in rep.unshown():
        groups.setdefault((r.description, r.points, r.choice_text), []).append(r)
    for (desc, points, _), rows in sorted(groups.items(), key=lambda kv: kv[1][0].id):
        if len(rows) == 1:
            r = rows[0]
            why = (f" (a rule that began in {rep.unit} {r.readable_from} without notice)" if r.unannounced
                   else " (a rule you were never shown)")
            out.append(record_line(rep, r, why))
        else:
            ts = [r.turn for r in rows]
            out.append(para(f"{turns_text(rep, ts)}: \"{desc}\": {signed(points)} each time, "
                            f"{signed(points * len(rows))} in all",
                            facts={"turns": ts, "description": desc, "points": points, "count": len(rows),
                                   "total": points * len(rows)}))
    return out


def seen_and_missed(rep: RunReport) -> list[tuple[str, list[Para]]]:
    """The moments the score and the story disagreed, grouped, each named by turn and event."""
    groups: list[tuple[str, list[Para]]] = []
    groups.append(("Good deeds the system never counted", [deed_line(rep, d) for d in rep.good_unseen()]))
    groups.append(("Good deeds it punished", [deed_line(rep, d) for d in rep.good_punished()]))
    groups.append(("Harms it paid for", [deed_line(rep, d) for d in rep.harms_rewarded()]))
    groups.append(("Harms it never saw", [deed_line(rep, d) for d in rep.harms_unseen()]))
    groups.append(("Lawful, harmless acts it penalised",
                   [deed_line(rep, d) for d in rep.lawful_punished() if not d.virtuous]))
    groups.append(("Records that left out the reason",
                   [record_line(rep, r, f". You knew why: \"{r.context}\"") for r in rep.records
                    if r.truth == "contextless" and r.kind != "listing"]))
    groups.append(("Records of things you did not do",
                   [record_line(rep, r) for r in rep.records if r.truth == "wrong" and r.kind != "listing"]))
    groups.append(("Rules you could not read before they counted", unshown_lines(rep)))
    return groups


def seen_well(rep: RunReport) -> list[Para]:
    """Where the score and the story agreed: harm punished, good rewarded."""
    return [deed_line(rep, d) for d in rep.deeds if (d.harmful and d.points < 0) or (d.virtuous and d.points > 0)]


def door_line(rep: RunReport, c: Closure) -> Para:
    how = "closed" if c.factor is None else factor(c.factor)
    length = plural(c.turns, rep.unit) + (", and after" if c.until_end else "")
    return para(f"{c.service_name} ({c.institution}): {how}, {length} (under {c.name})",
                facts={"service": c.service_name, "effect": "closed" if c.factor is None else "priced",
                       "factor": c.factor, "turns": c.turns, "until_end": c.until_end, "restriction": c.name})


def punished(rep: RunReport) -> list[tuple[Para, list[Para]]]:
    """For each record that closed doors: what it was, what it did, and each door."""
    out = []
    for r in rep.wrongs():
        truth = f", {TRUTH_PHRASES[r.truth]}" if r.truth in TRUTH_PHRASES else ""
        head = para(f"#{r.id} {record_text(rep, r)}{truth}. It {doors_phrase(r)}.",
                    facts={**_record_facts(r), "closed": len(r.closed), "priced": len(r.priced),
                           "services": [c.service_name for c in r.closures],
                           "factors": [c.factor for c in r.priced]})
        out.append((head, [door_line(rep, c) for c in r.closures]))
    return out


def doors_met(rep: RunReport) -> list[Para]:
    return [para(f"{moment(rep, d.turn, d.event_title, d.choice_text)}: {d.reason}"
                 + (f" ({d.institution})" if d.institution and d.institution not in d.reason else ""),
                 facts={"turn": d.turn, "event": d.event_title, "choice": d.choice_text, "reason": d.reason,
                        "service": d.service_name})
            for d in rep.doors]


def title_line(rep: RunReport) -> str:
    return styled(rep)


def where_line(rep: RunReport) -> str:
    return f"{rep.scenario_title}, under {rep.rulebook_title} ({rep.city}), seed {rep.seed}"


def ending_line(rep: RunReport) -> str:
    if not rep.finished:
        return f"Unfinished: {rep.unit} {rep.last_turn} of {rep.calendar_turns}"
    return f"{rep.ending_title} ({rep.unit} {rep.last_turn} of {rep.calendar_turns})"


def gaming_value(rep: RunReport) -> str:
    v = rep.metric_gaming.value
    return "no moments" if v is None else f"{v}/100"


def fidelity_value(rep: RunReport) -> str:
    f = rep.fidelity
    return f"{f.right} right, {f.silent} silent, {f.wrong} wrong"


def _index_facts(rep: RunReport) -> dict[str, Any]:
    mg, f = rep.metric_gaming, rep.fidelity
    return {"metric_gaming": mg.value, "forks": mg.forks, "gamed": mg.gamed, "right": f.right, "silent": f.silent,
            "wrong": f.wrong, "scale": 100}


def floors(rep: RunReport) -> list[tuple[str, int | None]]:
    return [(tier_name(t.id, t.label), t.min) for t in rep.tiers]


def score_chart(rep: RunReport) -> Chart:
    legend = para(" ".join(f"{b.id}" + (f"≥{b.min}" if b.min is not None else "") for b in rep.tiers),
                  facts={"floors": [b.min for b in rep.tiers]}, role="legend")
    return Chart("Score, as the system kept it", [rep.start_score] + [ln.score for ln in rep.lines], floors(rep),
                 legend=legend)


def virtue_chart(rep: RunReport) -> Chart:
    values = [rep.start_virtue] + [ln.virtue for ln in rep.lines]
    moved = {k: v - rep.start_virtues.get(k, 0) for k, v in rep.virtues.items() if v != rep.start_virtues.get(k, 0)}
    legend = para(", ".join(f"{k} {d:+d}" for k, d in moved.items()) or "Unchanged.", facts=moved, role="legend")
    return Chart("Virtue, which it never saw", values, baseline=0 if min(values) <= 0 else None, legend=legend)


# --------------------------------------------------------------------------- the end pages


def ending_page(rep: RunReport) -> Page:
    f = rep.fidelity
    tier = tier_name(rep.tier, rep.tier_label)  # as the status bar names it
    figures = para(dim("Score "), strong(str(rep.score)), f", tier {tier}",
                   facts={"score": rep.score, "tier": tier}, role="figures")
    explain = [para(dim("Virtue index "), strong(signed(rep.virtue_index)),
                    dim(f" · your hidden virtues added up, at the end ({rep.virtue}) minus at the start "
                        f"({rep.start_virtue}); the system never saw them"),
                    facts={"virtue_index": rep.virtue_index, "virtue": rep.virtue, "start_virtue": rep.start_virtue},
                    role="index"),
               para(dim("Metric-gaming index "), strong(gaming_value(rep)),
                    dim(" · where the score and your conscience preferred different choices, how often you "
                        "took the score's side"), facts=_index_facts(rep), role="index"),
               para(dim("Score fidelity "), strong(f"{f.right} right · {f.silent} silent · {f.wrong} wrong"),
                    dim(" · of the moments that were good or harmful, how often the score agreed, said "
                        "nothing, or had it the wrong way round"), facts=_index_facts(rep), role="index")]
    return Page("ending", "Ending", [
        para(strong(title_line(rep)), facts={"citizen": rep.citizen, "epithet": rep.epithet}, role="title"),
        para(dim(f"{rep.scenario_title} · {rep.rulebook_title}, {rep.city}"),
             facts={"scenario": rep.scenario_title, "rulebook": rep.rulebook_title, "city": rep.city}, role="sub"),
        para(strong(ending_line(rep)), facts={"ending": rep.ending_title, "last_turn": rep.last_turn,
                                              "turns": rep.calendar_turns}, role="ending"),
        para(rep.ending_text.strip() or "The life goes on without you watching.",
             facts={"text": rep.ending_text}, role="scene"),
        figures,
        *explain,
    ])


def numbers_page(rep: RunReport) -> Page:
    lived = len(rep.lines)
    changes = [para(f"{week(rep, tc.turn)}: {'down' if tc.down else 'up'} to {tier_name(tc.new, tc.new_label)} "
                    f"at {tc.score}",
                    facts={"turn": tc.turn, "tier": tc.new, "label": tc.new_label, "score": tc.score})
               for tc in rep.tier_changes]
    tiers = [tier_name(b.id, b.label) for b in rep.tiers]
    changes.append(para(f"At the end: {tier_name(rep.tier, rep.tier_label)}. Tiers, best first: "
                        + ", ".join(tiers) + ".", facts={"tier": rep.tier, "tiers": tiers}))
    return Page("numbers", "Numbers", long_title="The life in numbers", blocks=[
        Charts([score_chart(rep), virtue_chart(rep)]),
        para(strong(f"Score {rep.start_score} → {rep.score}"), strong(f"   Virtue {rep.start_virtue} → {rep.virtue}"),
             dim(f" (virtue index {signed(rep.virtue_index)})"),
             dim(f"   over {plural(lived, rep.unit)} lived; one column per {rep.unit}"),
             facts={"start_score": rep.start_score, "score": rep.score, "start_virtue": rep.start_virtue,
                    "virtue": rep.virtue, "lived": lived, "virtue_index": rep.virtue_index}, role="sum"),
        Items(changes),
    ])


def gaming_page(rep: RunReport) -> Page:
    mg = rep.metric_gaming
    blocks: list = [
        para(strong(f"Metric-gaming index: {gaming_value(rep)}"),
             f" ({mg.gamed} of {plural(mg.forks, 'fork')})" if mg.forks else "",
             facts={"metric_gaming": mg.value, "gamed": mg.gamed, "forks": mg.forks, "scale": 100}, role="lead"),
        para(dim(GAMING_LINE if rep.transparency != "secret" else GAMING_LINE_SECRET), role="explain"),
    ]
    if not mg.moments:
        blocks.append(para(quiet_gaming(rep), facts={"preferred": _score_preferred(rep)}, role="quiet"))
        return Page("gaming", "Gaming", blocks, "Score or conscience: the metric-gaming index")
    items = []
    for m in mg.moments:
        if m.gamed and m.chosen == m.score_preferred:
            what = f"you chose \"{m.chosen_text}\", the score's choice and the Guide's pick"
        elif m.gamed:
            what = (f"you chose \"{m.chosen_text}\", as good for the score as the Guide's pick, "
                    f"\"{m.score_preferred_text}\"")
        elif m.ties > 1:
            what = (f"you chose \"{m.chosen_text}\"; the score preferred \"{m.score_preferred_text}\" "
                    f"(the Guide's pick) or another choice as good")
        else:
            what = (f"you chose \"{m.chosen_text}\"; the score preferred \"{m.score_preferred_text}\", "
                    f"the Guide's pick")
        items.append(para(f"{moment(rep, m.turn, m.event_title)}: {what}",
                          facts={"turn": m.turn, "event": m.event_title, "chosen": m.chosen_text,
                                 "score_preferred": m.score_preferred_text, "gamed": m.gamed}))
    blocks += [Heading(f"The forks ({mg.forks})", {"forks": mg.forks}), Items(items)]
    return Page("gaming", "Gaming", blocks, "Score or conscience: the metric-gaming index")


def _score_preferred(rep: RunReport) -> int:
    """Decisions where the score, as the index weighs it, preferred some open choices over others."""
    return sum(1 for d in rep.deeds if d.prefs is not None and len(set(d.prefs.score.values())) > 1)


def quiet_gaming(rep: RunReport) -> str:
    """Why a life had no fork: the score never preferred a choice, or conscience never pulled
    the other way where it did (the Guide may well have recommended something)."""
    n = _score_preferred(rep)
    if not n:
        return ("No choice in this life was better for the score than another, as the index weighs it: "
                "there was nothing to game.")
    return (f"The score preferred some choices over others at {counted(n, 'decision')}; at "
            f"{'it' if n == 1 else 'each'}, your conscience saw no difference or agreed with the score. The "
            "score and your conscience never pulled apart: there was nothing to game.")


def fidelity_line(rep: RunReport, m) -> Para:
    """One moral moment, as the score fidelity counts it."""
    if m.record is not None:
        r = rep.record(m.record)
        why = ". Not yours" if r.truth == "wrong" else (f". You knew why: \"{r.context}\"" if r.context else "")
        return record_line(rep, r, why)
    d = next(x for x in rep.deeds if x.turn == m.turn)
    return deed_line(rep, d)


VERDICTS = (("wrong", "Got the wrong way round"), ("silent", "Passed over in silence"), ("right", "Got right"))


def seen_page(rep: RunReport) -> Page:
    f = rep.fidelity
    n = len(f.moments)
    blocks: list = [
        para(strong(f"Score fidelity: {fidelity_value(rep)}"), f", of {plural(n, 'moral moment')}.",
             facts={"right": f.right, "silent": f.silent, "wrong": f.wrong, "moments": n}, role="lead"),
        para(dim(FIDELITY_LINE), role="explain"),
    ]
    for verdict, head in VERDICTS:
        items = [fidelity_line(rep, m) for m in f.moments if m.verdict == verdict]
        if items:
            blocks += [Heading(f"{head} ({len(items)})", {"count": len(items)}), Items(items)]
    if not f.moments:
        blocks.append(para(dim("No good deed, harm, wrong record or record without its reason in this life."),
                           role="quiet"))
    lawful = [deed_line(rep, d) for d in rep.lawful_punished() if not d.virtuous]
    if lawful:
        blocks += [Heading(f"Lawful, harmless acts it penalised ({len(lawful)})", {"count": len(lawful)}),
                   Items(lawful)]
    unshown = unshown_lines(rep)
    if unshown:  # counted in entries, as the reflections count them; a line may group several
        entries = len(rep.unshown())
        blocks += [Heading(f"Rules you could not read before they counted ({plural(entries, 'entry', 'entries')})",
                           {"count": entries}), Items(unshown)]
    return Page("seen", "Missed", blocks, "What the system saw and what it missed")


def punished_page(rep: RunReport) -> Page:
    wrongs = rep.wrongs()
    total = int(rep.m("punishments"))
    if wrongs:
        lead = para(f"{plural(len(wrongs), 'record')} brought ", strong(plural(total, "punishment")),
                    ": each a service closed, or made dearer, by one restriction. The most behind a single record: ",
                    strong(str(wrongs[0].punishments)), ".",
                    facts={"records": len(wrongs), "punishments": total, "most": wrongs[0].punishments},
                    role="lead")
    else:
        lead = para("No record closed a door in this life.", role="lead")
    blocks: list = [lead]
    for head, doors in punished(rep):
        blocks += [Heading(head.text, head.facts), Items(doors)]
    met = doors_met(rep)
    blocks += [Heading(f"Doors you found shut ({len(met)})", {"count": len(met)}),
               Items(met, "You never found a door shut.")]
    return Page("punished", "Punished", blocks, "Punished everywhere")


def reflection_page(rep: RunReport) -> Page:
    paras: list[Block] = [para(r.text, facts=dict(r.facts), role="reflection") for r in rep.reflections]
    return Page("reflection", "Reflection",
                paras or [para(dim("Nothing in this life stood out to the system, or against it."), role="quiet")])


def cities_page(rep: RunReport) -> Page:
    rows, facts = [], []
    for c in rep.cities:
        same = "all of it" if c.complete else f"to {rep.unit} {c.parting_turn}"
        tier = tier_name(c.tier, c.tier_label)
        rows.append([c.city + (" (here)" if c.own else ""), tier, str(c.score), str(c.punishments), same])
        facts.append({"city": c.city, "tier": tier, "score": c.score, "punishments": c.punishments,
                      "parting_turn": c.parting_turn, "wrong_records": c.wrong_records})
    blocks: list = [para(CITIES_LEAD, role="lead"),
                    Table(["City", "Tier", "Score", "Doors", "Same life"], rows, "llrrl", facts)]
    wrongs = {c.wrong_records for c in rep.cities}
    if len(wrongs) > 1:  # the same dice, but not the same mistakes: say where they landed
        said = [f"{counted(c.wrong_records, 'record')} under {c.city}{' (here)' if c.own else ''}"
                for c in rep.cities]
        blocks.append(para("Records of things you never did: " + names(said) + ".",
                           facts={"cities": [c.city for c in rep.cities],
                                  "wrong_records": [c.wrong_records for c in rep.cities]}))
    if len(rep.cities) == 1:
        blocks.append(para(dim("No other rulebook is installed to compare with.")))
    parted = [para(f"{c.city}: in {rep.unit} {c.parting_turn}, {parting_phrase(rep, c)}.",
                   facts={"city": c.city, "turn": c.parting_turn, "kind": c.parting_kind, "other": c.parting_other,
                          "service": c.parting_service})
              for c in rep.cities if not c.complete]
    if parted:
        blocks += [Heading("Where the lives part"), Items(parted)]
    gap = rep.measures["city_gap"]
    if gap.value:
        v = gap.vars
        blocks.append(para(f"Lived whole, the same life ends in {v['best_tier']} under {v['best_city']} and in "
                           f"{v['worst_tier']} under {v['worst_city']}.", facts=dict(v)))
    ends: dict[str, list[str]] = {}
    for c in rep.cities:
        if c.complete and c.ending_title:
            ends.setdefault(c.ending_title, []).append(c.city + (" (here)" if c.own else ""))
    if len(ends) > 1:
        said = [f"\"{title}\" in {names(cities)}" for title, cities in ends.items()]
        blocks.append(para("It does not even end the same way: " + "; ".join(said) + ".",
                           facts={"endings": list(ends), "cities": list(ends.values())}))
    return Page("cities", "Cities", blocks, "Other cities")


#: The end screens' pages, in order: (key, title).
END_PAGES = (("ending", "Ending"), ("numbers", "Numbers"), ("gaming", "Gaming"), ("seen", "Missed"),
             ("punished", "Punished"), ("reflection", "Reflection"), ("cities", "Cities"))


def end_pages(rep: RunReport) -> list[Page]:
    """The pages of the end screens, in order (:data:`END_PAGES`)."""
    return [ending_page(rep), numbers_page(rep), gaming_page(rep), seen_page(rep), punished_page(rep),
            reflection_page(rep), cities_page(rep)]


# --------------------------------------------------------------------------- the rest of the file


def _life_table(rep: RunReport) -> Table:
    t = Table([rep.unit.capitalize(), "Event", "Choice", "Score", "Tier", "Virtue", "Money", "Guide"], [], "rllrlrrl")
    for ln in rep.lines:
        guide = {True: "followed", False: "declined", None: "-"}[ln.followed_guide]
        t.rows.append([str(ln.turn), ln.event_title, ln.choice_text, str(ln.score), ln.tier, str(ln.virtue),
                       str(ln.money), guide])
        t.facts.append({"turn": ln.turn, "event": ln.event_title, "choice": ln.choice_text, "score": ln.score,
                        "tier": ln.tier, "virtue": ln.virtue, "money": ln.money})
    return t


def _circle(rep: RunReport) -> Page:
    def at_end(c) -> str:
        if c.kept_end:
            return "kept"
        return "dropped" if (c.kept_start or c.taken_up) else "never in your circle"

    t = Table(["Contact", "Relation", "Their score", "At the end", "What you did", "Cost to you"], [], "llrllr")
    for c in rep.contacts:
        did = "; ".join([f"dropped in {rep.unit} {tn} (score {s})" for tn, s in c.dropped]
                        + [f"taken up in {rep.unit} {tn}" for tn, _ in c.taken_up])
        cost = round(c.association_points)
        t.rows.append([c.name, c.relation, str(c.score_start), at_end(c), did,
                       signed(cost) if c.association_turns else "-"])
        t.facts.append({"name": c.name, "relation": c.relation, "score": c.score_start, "cost": cost,
                        "dropped": c.dropped, "taken_up": c.taken_up})
    cm = rep.measures["circle_shift"].vars
    return Page("circle", "Your circle", [
        t, para(f"Average score of your circle: {cm['start']} at the start, {cm['end']} at the end.", facts=dict(cm))])


def _data(rep: RunReport) -> Page:
    items = [para(f"{moment(rep, d.turn, d.event_title, d.choice_text)}: {'shared' if d.shared else 'kept back'} "
                  f"your {d.source} data, {points(d.points)}" + (f"; closed {names(d.closed)}" if d.closed else ""),
                  facts={"turn": d.turn, "event": d.event_title, "choice": d.choice_text, "points": d.points,
                         "source": d.source, "closed": d.closed})
             for d in rep.data]
    return Page("data", "Your data", [Items(items, "No data was asked for.")])


def appeal_fate(rep: RunReport, a) -> str:
    return words_fate(rep.unit, a.outcome, a.decides, a.after_end, over=True)


def _appeals(rep: RunReport) -> Page:
    items = [para(f"{week(rep, a.filed)}: against record #{a.record}, \"{a.description}\" "
                  f"({points(a.points)}{', ' + TRUTH_PHRASES[a.truth] if a.truth in TRUTH_PHRASES else ''}); "
                  f"{appeal_fate(rep, a)}",
                  facts={"turn": a.filed, "record": a.record, "description": a.description, "points": a.points,
                         "outcome": a.outcome, "decides": a.decides, "after_end": a.after_end})
             for a in rep.appeals]
    kind = {"none": "There was no way to appeal.", "bureaucratic": "Appeals cost money, took time and rarely succeeded.",
            "fair": "Appeals went to an independent review."}.get(rep.appeals_kind, "")
    return Page("appeals", "Appeals", [para(kind), Items(items, "You filed no appeal.")])


def _guide(rep: RunReport) -> Page:
    offered = [d for d in rep.deeds if d.guide is not None]
    followed = sum(1 for d in offered if d.followed_guide)
    items = [para(f"{moment(rep, d.turn, d.event_title)}: recommended \"{d.guide_text}\"; "
                  + ("followed" if d.followed_guide else f"you chose \"{d.choice_text}\""),
                  facts={"turn": d.turn, "event": d.event_title, "guide": d.guide_text, "choice": d.choice_text})
             for d in offered]
    if not offered:
        span = f"any of the {plural(len(rep.deeds), rep.unit)}" if len(rep.deeds) != 1 else f"the one {rep.unit}"
        said = f"The Guide had no pick in {span}: it saw nothing there that would move your standing."
    else:
        said = (f"The Guide recommended a choice in {len(offered)} of {plural(len(rep.deeds), rep.unit)}; "
                + ("you never followed it." if not followed else f"you followed it {times(followed)}."))
    lead = para(said,
                facts={"offered": len(offered), "decisions": len(rep.deeds), "followed": followed})
    return Page("guide", "The Guide", [lead, Items(items)])


def _forces(rep: RunReport) -> Page:
    ft = Table(["Force", "Records", "Points", "Sanctions", "Privileges"], [], "lrrrr")
    for f, c in rep.forces.items():
        ft.rows.append([FORCE_NAMES.get(f, f), str(c["records"]), signed(c["points"]), str(c["restrictions"]),
                        str(c["privileges"])])
        ft.facts.append(dict(c))
    legal_names = {"illegal": "Illegal", "lawful": "Lawful", "encouraged": "Encouraged",
                   "association": "Your circle", "wrong": "Not yours"}
    lt = Table(["Status", "Points"], [[legal_names.get(k, k), signed(v)] for k, v in rep.legality.items()], "lr",
               [{"points": v} for v in rep.legality.values()])
    mv = rep.measures["money_share"].vars
    return Page("forces", "Law, norms, market, architecture", [
        ft,
        para("Points in the final score, by the legal status of what was recorded:"),
        lt,
        para(f"Points gained by choices that cost money: {mv['bought']} (for {mv['spent']} money); "
             f"points gained by conduct that cost nothing: {mv['earned']}.", facts=dict(mv)),
    ])


def _dossier(rep: RunReport) -> Page:
    t = Table(["#", rep.unit.capitalize(), "Record", "Truth", "Force", "Legal", "Points", "Could not read", "Doors", ""],
              [], "rrllllrlrl")
    for r in rep.records:
        t.rows.append([str(r.id), str(r.turn), r.description, {"contextless": "without context", "wrong": "not yours",
                                                                 "true": "true"}.get(r.truth, r.truth),
                       r.force, r.legal or "-", signed(r.points), "yes" if r.unshown else "",
                       str(r.punishments) if r.punishments else "", "struck out" if r.removed else ""])
        t.facts.append({**_record_facts(r), "doors": r.punishments})
    return Page("dossier", "The dossier", [t])


def document(rep: RunReport) -> list[Page]:
    """Everything the report files hold: the end pages, then the detail behind them."""
    pages = end_pages(rep)
    pages.insert(2, Page("life", f"The life, {rep.unit} by {rep.unit}", [_life_table(rep)]))
    return pages + [_circle(rep), _data(rep), _appeals(rep), _guide(rep), _forces(rep), _dossier(rep)]


__all__ = ["document", "end_pages", "Page", "Para", "Items", "Table", "Chart", "Charts", "Heading", "em"]
