"""Helpers shared by the tests of game/runs (saves, replays, comparisons)."""

from __future__ import annotations

import random
from pathlib import Path

from game.runs.session import Session
from game.runs.store import autosave

MINI = Path(__file__).parent / "fixtures" / "mini"


def play_run(scenario, rulebook, seed: int, picks: list[int], saves: Path | None = None, finish: bool = False):
    """Play ``picks`` (indexes into the available choices) and return (session, autosaver)."""
    saver = autosave(saves) if saves is not None else None
    s = Session(scenario, rulebook, seed, saver)
    rng = random.Random(seed)
    i = 0
    while not s.game.finished and (i < len(picks) or finish):
        offer = s.game.offer()
        avail = [c for c in offer.choices if c.available]
        pick = picks[i] if i < len(picks) else rng.randrange(100)
        s.decide(avail[pick % len(avail)].id)
        i += 1
    return s, saver


def other_rulebook(tmp: Path, tiers: str = '["A", "B", "C"]', rid: str = "open_city") -> Path:
    """The mini rulebook with its travel ban applied to every tier (closes the railway)."""
    text = (MINI / "rulebooks" / "strict.toml").read_text()
    text = text.replace('id = "strict"', f'id = "{rid}"').replace('title = "Strict"', 'title = "Open City"')
    text = text.replace('tiers = ["C"]', f"tiers = {tiers}")
    text = text.replace('city = "Minitown"', 'city = "Othertown"')
    folder = tmp / "rb"
    folder.mkdir(exist_ok=True)
    p = folder / f"{rid}.toml"
    p.write_text(text)
    return p
