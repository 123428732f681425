"""The ``citizen playtest`` printout, in words: every sentence of its text report, and the
balance sentence its JSON carries.

The playtest (:mod:`game.authoring.playtest`, with :mod:`campaign`, :mod:`follow_ups` and
:mod:`impossible`) computes figures as plain data; this module alone words them, for the
author reading the printout.
"""

from __future__ import annotations

from typing import Any


def usual_tier(tiers: dict[str, int]) -> str:
    """'most often tier B, 42%': the tier most lives end in."""
    if not tiers:
        return "no tier"
    tier, n = max(tiers.items(), key=lambda kv: kv[1])
    if n == sum(tiers.values()):
        return f"all in tier {tier}"
    return f"most often tier {tier}, {n * 100 / sum(tiers.values()):.0f}%"


def balance_sentence(b: dict[str, Any], name: str) -> str:
    """Does following the Guide out-score living by the virtues, by how much, at what cost?
    (``b``: the playtest's ``balance`` figures; ``name``: the rulebook's title)."""
    gs, vs, gap = b["score_strategy_mean"], b["virtue_strategy_mean"], b["gap"]
    gv, vv = b["score_strategy_virtues"], b["virtue_strategy_virtues"]
    gt, vt = b["score_strategy_tier"], b["virtue_strategy_tier"]
    slight = " a little" if b["slight"] else ""
    if b["verdict"] == "even":
        return (f"Under {name}, gaming does not pay: following the Guide ends on a mean score of {gs:g} "
                f"({gt}) and living by the virtues on {vs:g} ({vt}), {abs(gap):g} points apart, "
                f"within chance, with virtues of {gv:+g} against {vv:+g}.")
    if b["verdict"] == "gaming_pays":
        return (f"Under {name}, gaming pays{slight}: following the Guide ends on a mean score of {gs:g} ({gt}), "
                f"{gap:g} points above living by the virtues ({vs:g}, {vt}), "
                f"and leaves the citizen with virtues of {gv:+g} against {vv:+g}.")
    return (f"Under {name}, virtue out-scores gaming{slight}: living by the virtues ends on a mean score of {vs:g} "
            f"({vt}), {-gap:g} points above following the Guide ({gs:g}, {gt}), "
            f"with virtues of {vv:+g} against the Guide-follower's {gv:+g}.")


def render_text(report: dict[str, Any], full_coverage: bool = True) -> str:
    """The whole printout (``full_coverage``: list every event and choice with its counts)."""
    sc, rb = report["scenario"], report["rulebook"]
    lines = [f"Playtest: {sc['title']} ({sc['id']}) under {rb['title']} ({rb['id']}): "
             f"{report['runs']} runs, base seed {report['seed']}, strategies {', '.join(report['strategies'])}", ""]
    head = f"{'strategy':<11}{'runs':>6}  {'score mean':>10} {'min':>6} {'p10':>6} {'median':>6} {'p90':>6} {'max':>6}  {'virtues':>7}  {'guide':>5}  tiers"
    lines.append(head)
    for strat, p in report["per_strategy"].items():
        sc_ = p["score"] or {}
        tiers = " ".join(f"{t}:{n}" for t, n in p["tiers"].items())
        guide = f"{p['guide_followed'] * 100:.0f}%"
        lines.append(f"{strat:<11}{p['runs']:>6}  {sc_.get('mean', 0):>10g} {sc_.get('min', 0):>6g} {sc_.get('p10', 0):>6g} "
                     f"{sc_.get('median', 0):>6g} {sc_.get('p90', 0):>6g} {sc_.get('max', 0):>6g}  "
                     f"{(p['virtue_total'] or {}).get('mean', 0):>+7g}  {guide:>5}  {tiers}")
    lines.append("")
    lines.append("Virtues (mean at the end):")
    for strat, p in report["per_strategy"].items():
        lines.append(f"  {strat:<11}" + "  ".join(f"{k} {v:+g}" for k, v in p["virtues"].items()))
    lines.append("")
    lines.append("Endings:")
    for strat, p in report["per_strategy"].items():
        ends = ", ".join(f"{k} {e['share'] * 100:.0f}%" for k, e in p["endings"].items())
        lines.append(f"  {strat:<11}{ends}")
    lines += money_lines(report)
    empty = {s: p["empty_turns"] for s, p in report["per_strategy"].items() if p["empty_turns"]}
    if empty:
        lines.append("")
        lines.append("Turns that passed with no eligible event (mean per life): "
                     + ", ".join(f"{s} {v:g}" for s, v in empty.items()))
    lines += follow_up_lines(report)
    mg = {s: p["metric_gaming"]["mean"] for s, p in report["per_strategy"].items()}
    lines.append("")
    lines.append("Metric-gaming index (mean over lives with a fork): "
                 + ", ".join(f"{s} {'no moments' if v is None else f'{v:g}'}" for s, v in mg.items()))
    lines.append("")
    bal = report["balance"]
    lines.append("Balance: " + (bal["sentence"] if bal else "(needs the score and virtue strategies)"))
    lines += ["", *campaign_lines(report)]
    lines.append("")
    cov = report["coverage"]
    never = cov["never_reached"]
    lines.append(f"Coverage: {len(never)} never reached" + (" by chance" if cov.get("impossible") else "")
                 + (":" if never else "."))
    for item in never:
        extra = f" (open {item['available']} times, never taken)" if item.get("available") else ""
        lines.append(f"  UNTESTED {item['kind']:<7}{item['id']}{extra}")
    lines += impossible_lines(report)
    if full_coverage:
        lines.append("  events and choices (times offered / chosen):")
        for ev in sorted(cov["events"], key=lambda e: e["offered"]):
            lines.append(f"    {ev['offered']:>7}  {ev['id']}")
            for ch in sorted(ev["choices"], key=lambda c: c["chosen"]):
                lines.append(f"    {ch['chosen']:>7}    .{ch['id']}")
        lines.append("  endings (times reached):")
        for en in sorted(cov["endings"], key=lambda e: e["reached"]):
            lines.append(f"    {en['reached']:>7}  {en['id']}")
    lines.append("")
    problems = report["problems"]
    if not problems:
        lines.append("Problems: none (no exception, no invariant broken).")
    else:
        lines.append(f"Problems: {len(problems)} run(s) failed:")
        for p in problems[:20]:
            fail = f" at turn {p['failing_decision'][0]}, {p['failing_decision'][1]}.{p['failing_decision'][2]}" if p["failing_decision"] else ""
            lines.append(f"  run {p['index']} ({p['strategy']}, seed {p['seed']}){fail}: {p['kind']}: "
                         f"{p['detail'].strip().splitlines()[-1] if p['detail'] else ''}")
            if p["saved"]:
                from ..runs.store import replay_command

                lines.append(f"    saved: {p['saved']}  ({replay_command(p['saved'], sc['path'], rb['path'])})")
        if len(problems) > 20:
            lines.append(f"  ... and {len(problems) - 20} more (see --format json)")
    return "\n".join(lines)


def money_lines(report: dict[str, Any]) -> list[str]:
    """Money at the end of a life, per strategy."""
    lines = ["", "Money at the end (mean, lowest to highest):"]
    for strat, p in report["per_strategy"].items():
        m = p.get("money") or {}
        if not m:
            lines.append(f"  {strat:<11}no finished life")
            continue
        lines.append(f"  {strat:<11}{m['mean']:g} ({m['min']:g} to {m['max']:g})")
    return lines


def impossible_lines(report: dict[str, Any]) -> list[str]:
    """What no life under this rulebook can reach (after the coverage list)."""
    items = report.get("coverage", {}).get("impossible", [])
    if not items:
        return []
    title = report["rulebook"]["title"]
    lines = [f"Impossible under {title}: {len(items)} (no life under this rulebook can reach them; "
             "not a matter of more runs):"]
    for item in items:
        lines.append(f"  IMPOSSIBLE {item['kind']:<7}{item['id']}: {item['why']}")
    return lines


def follow_up_lines(report: dict[str, Any]) -> list[str]:
    """Follow-ups that took a turn from an event of higher priority, and what it cost."""
    items = report.get("follow_ups") or []
    if not items:
        return []
    runs = report.get("runs", 0)
    lines = ["", f"Follow-ups that took a turn from an event of higher priority (of {runs} lives):"]
    for item in items:
        lost = (f"; it never came up afterwards in {item['missed']}" if item["missed"]
                else "; it always came up later")
        lines.append(f"  '{item['follow_up']}' came before '{item['displaced']}' in {item['lives']}{lost}")
    return lines


def campaign_lines(report: dict[str, Any]) -> list[str]:
    """The campaign's figures (variety, other cities, THEMES rows) as lines."""
    lines: list[str] = []
    v = report.get("variety")
    if v:
        lines.append(f"Variety: {v['distinct_openings']} different openings (first {v['opening_turns']} events) "
                     f"in {report['runs']} lives; the most common in {v['most_common_opening_share'] * 100:.1f}% of them.")
    oc = report.get("other_cities")
    if oc:
        n = next(iter(oc.values()))["runs"]
        lines.append(f"Other cities ({n} lives relived, same seeds): "
                     + ", ".join(f"{rid} {c['full_life_share'] * 100:.0f}% full lives" for rid, c in oc.items()) + ".")
    th = report.get("themes")
    if th and th["runs"]:
        shares = ", ".join(f"{row} {t['share'] * 100:.0f}%" for row, t in th["rows"].items())
        never = ", ".join(str(x) for x in th["unreached"])
        lines.append(f"THEMES rows reached ({th['runs']} lives): {shares}" + (f"; never: {never}." if never else "."))
    return lines
