"""What no life can reach under one rulebook, told apart from what a playtest did not reach.

A playtest that never took a choice cannot say why: bad luck, or a door this city never
opens (a service offered only with a privilege it never grants, an appeal it does not allow,
a condition on a blacklist it does not keep). The static analysis of ``citizen check``
answers "can this happen in any city?"; given the rulebook's facts it answers "in this one?".
What it reports cannot happen; whatever it does not report was simply not reached, and more
runs may reach it.

Hooked into ``citizen playtest`` by two calls: :func:`split_coverage` in the summary and
the printout (:mod:`game.authoring.playtest_text`), which words what it found.
"""

from __future__ import annotations

from typing import Any

from ..scenario.conditions import Node
from ..scenario.content import Rulebook, Scenario
from . import analysis
from .analysis import RuleFacts, Why


def impossible(scenario: Scenario, rulebook: Rulebook) -> dict[tuple[str, str], str]:
    """(kind, id) -> why no life under ``rulebook`` can reach it. Kinds: ``event``, ``choice``
    (id ``event.choice``), ``ending``. A reason that holds under every rulebook says so."""
    rules = RuleFacts.of(rulebook, scenario)
    turns = scenario.calendar.turns
    live_any, env_any = analysis.liveness(scenario)
    live, env = analysis.liveness(scenario, rules)
    anywhere = " (in every city: `citizen check` warns of it)"
    out: dict[tuple[str, str], str] = {}
    for ev in scenario.events.values():
        if ev.id not in live.events:
            general = ev.id not in live_any.events
            why = analysis.event_dead(ev, env_any if general else env, turns)
            text = why.text if why else "it needs something that comes only from events or choices that cannot happen"
            out[("event", ev.id)] = text + (anywhere if general else _rule_hint(ev.when.node if ev.when else None, rules))
            continue
        for ch in ev.choices:
            if (ev.id, ch.id) in live.choices:
                continue
            general = (ev.id, ch.id) not in live_any.choices
            why = analysis.choice_dead(ev, ch, env_any if general else env, turns)
            if why is None:
                why = Why("it is never shown or never open", ())
            cond = {("show_if",): ch.show_if, ("enable_if",): ch.enable_if}.get(tuple(why.path))
            hint = "" if general or cond is None else _rule_hint(cond.node, rules)
            out[("choice", f"{ev.id}.{ch.id}")] = why.text + (anywhere if general else hint)
    final_env = analysis._env_at(env, turns, turns)
    final_any = analysis._env_at(env_any, turns, turns)
    for en in scenario.endings:
        if en.when is None:
            continue
        final = not en.model.immediate
        if True in analysis.truth(en.when.node, final_env if final else env):
            continue
        general = True not in analysis.truth(en.when.node, final_any if final else env_any)
        text = f"its condition \"{en.model.when}\" can never hold"
        out[("ending", en.id)] = text + (anywhere if general else _rule_hint(en.when.node, rules))
    return out


def _rule_hint(node: Node | None, r: RuleFacts) -> str:
    """What the rulebook does not do, for the names a condition uses."""
    if node is None:
        return f" under {r.title}"
    parts: list[str] = []
    names = _names(node)
    for name in sorted(names):
        head, _, tail = name.partition(".")
        if head == "records" and tail not in r.recorded:
            parts.append(f"it never records '{tail}'")
        elif head == "listed" and not r.can_list:
            parts.append("it keeps no blacklist")
        elif head in ("restricted", "sanctions") and not r.can_restrict:
            parts.append("it has no sanction, blacklist or withheld reward")
        elif head == "privileged" and not r.privileges:
            parts.append("it grants no privilege")
        elif head == "disputed" and not r.can_dispute:
            parts.append("no record can be disputed")
        elif head == "tier":
            parts.append(f"its tiers are {', '.join(sorted(r.tiers))}")
        elif head == "privileges":
            held = ", ".join(sorted(r.privileges)) or "none"
            parts.append(f"its privileges are: {held}")
        elif head == "closed":
            if r.always_closed:
                parts.append(f"always closed: {', '.join(sorted(r.always_closed))}")
    unique = list(dict.fromkeys(parts))
    return f" under {r.title}" + (f" ({'; '.join(unique)})" if unique else "")


def _names(node: Node) -> set[str]:
    out = {node.value} if node.kind == "name" else set()
    for c in node.children:
        out |= _names(c)
    return out


# --------------------------------------------------------------------------- the playtest hooks


def split_coverage(coverage: dict[str, Any], scenario: Scenario, rulebook: Rulebook) -> dict[str, Any]:
    """Move what was never reached because it cannot be, under this rulebook, from
    ``never_reached`` to ``impossible`` (each with its reason). What stays in
    ``never_reached`` was possible and simply not reached."""
    reasons = impossible(scenario, rulebook)
    chance, ruled_out = [], []
    for item in coverage["never_reached"]:
        why = reasons.get((item["kind"], item["id"]))
        if why is None:
            chance.append(item)
        else:
            ruled_out.append({**item, "why": why})
    return {**coverage, "never_reached": chance, "impossible": ruled_out}
