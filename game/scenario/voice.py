"""The city's own voice in a story written for any city.

A scenario does not know which rulebook will judge it, yet its letters, notices and clerks
must speak as that city: its name, its kind of system, the app its citizens carry. Scenario
text names the city through a small set of placeholders (``{city}``, ``{system}``...), checked
when the file loads and filled in one place, :func:`voiced`, when a life begins under a
rulebook. ``{{`` and ``}}`` stand for literal braces.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from .diagnostics import did_you_mean

if TYPE_CHECKING:
    from .content import Rulebook, Scenario

#: What a rulebook's ``kind`` is called in a sentence ("a {kind}").
KIND_WORDS: dict[str, str] = {
    "municipal_pilot": "municipal pilot",
    "commercial_platform": "commercial platform",
    "court_register": "court register",
    "charter_city": "city charter",
}

#: Every placeholder scenario text may use, and what it becomes. A capitalised name
#: (``{System}``) gives the same words with a capital first letter, for a sentence's start.
PLACEHOLDERS: dict[str, str] = {
    "city": "the city's name, from the rulebook's `city` (Corvale)",
    "system": "the system's own name as it reads mid-sentence, from `system` (the Corvale Civic Points Pilot, Lantern Credit)",
    "kind": "what kind of system it is, from `kind` (municipal pilot, commercial platform, court register, city charter)",
    "app": "the app or portal where citizens meet it and the Guide lives, from `app` (the Lantern app)",
    "announcer": "who signs the system's notices, from `announcer` (Corvale Municipal Credit Office)",
}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")


_NAMES = list(PLACEHOLDERS) + [n.capitalize() for n in PLACEHOLDERS]


def problems(text: str) -> list[tuple[int, str]]:
    """(offset, message) for every placeholder that is not one of :data:`PLACEHOLDERS`."""
    if "{" not in text and "}" not in text:
        return []  # most text names no placeholder: a check of 5,000 events asks 50,000 times
    out: list[tuple[int, str]] = []
    names = _NAMES
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if tok in ("{{", "}}"):
            continue
        if tok in ("{", "}"):
            out.append((m.start(), f"a lone '{tok}': write '{tok * 2}' for a literal brace, "
                                   f"or a placeholder such as {{city}}"))
            continue
        name = m.group(1)
        if name not in names:
            out.append((m.start(), f"unknown placeholder '{{{name}}}'{did_you_mean(name, names)}; "
                                   f"known: {', '.join('{' + n + '}' for n in PLACEHOLDERS)}"))
    return out


def announcer(rulebook: "Rulebook") -> str:
    """Who signs the system's notices: the rulebook's ``announcer``, else its city's Credit Office."""
    m = rulebook.model.rulebook
    return m.announcer or f"{m.city} Credit Office"


def withheld_reward(source: str) -> str:
    """The name of the reward withheld from a citizen who refuses to share ``source`` data.

    A rulebook names its own sanctions and blacklists; this restriction it does not name, so
    the city's voice does. The name is part of the citizen's state, and so of every saved
    run's checksums: rewording it means a new save format (see :mod:`game.runs.save`)."""
    return f"Reward withheld ({source} data not shared)"


def voice_of(rulebook: "Rulebook") -> dict[str, str]:
    """What each placeholder says under this rulebook."""
    m = rulebook.model.rulebook
    words = {
        "city": m.city,
        "system": m.system or f"the {m.title}",
        "kind": KIND_WORDS[m.kind],
        "app": m.app or f"the {m.city} app",
        "announcer": announcer(rulebook),
    }
    words.update({k.capitalize(): v[:1].upper() + v[1:] for k, v in list(words.items())})
    return words


def speak(text: str, words: dict[str, str]) -> str:
    """The text with every placeholder filled in (the loader has checked them all)."""
    if "{" not in text and "}" not in text:
        return text

    def fill(m: re.Match) -> str:
        tok = m.group(0)
        if tok == "{{":
            return "{"
        if tok == "}}":
            return "}"
        return words.get(m.group(1) or "", tok)

    return _TOKEN.sub(fill, text)


def voiced(scenario: "Scenario", rulebook: "Rulebook") -> "Scenario":
    """The scenario as it reads under this rulebook: every text the player reads spoken in
    the city's voice. Built once per (scenario, voice) and kept; conditions are shared."""
    source = scenario.source or scenario
    key = rulebook.memo.get("voice")
    if key is None:
        key = rulebook.memo["voice"] = tuple(sorted(voice_of(rulebook).items()))
    got = source.voices.get(key)
    if got is not None:
        return got
    from .content import CompiledChoice, CompiledEnding, CompiledEvent  # only when building: a
    #                                                                     playtest asks per life
    words = dict(key)

    def say(model, *fields: str):
        update = {f: speak(getattr(model, f), words) for f in fields}
        return model.model_copy(update=update)

    events = {}
    for eid, ev in source.events.items():
        choices = []
        for ch in ev.choices:
            m = say(ch.model, "text", "locked_reason", "outcome")
            if ch.model.context:
                m = m.model_copy(update={"context": {k: speak(v, words) for k, v in ch.model.context.items()}})
            choices.append(CompiledChoice(m, ch.show_if, ch.enable_if))
        events[eid] = CompiledEvent(say(ev.model, "title", "text"), ev.when, choices, ev.order)
    endings = [CompiledEnding(say(en.model, "title", "text"), en.when) for en in source.endings]
    c = source.citizen
    citizen = c.model_copy(update={
        "background": speak(c.background, words),
        "family": [say(p, "relation") for p in c.family],
        "contacts": [say(p, "relation") for p in c.contacts],
    })
    out = replace(source, citizen=citizen, events=events, endings=endings, voices={}, source=source)
    source.voices[key] = out
    return out
