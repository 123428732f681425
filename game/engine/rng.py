"""The only source of chance: a generator per (run seed, turn, purpose).

Deriving each draw from its own key means adding a draw for one purpose never shifts the
draws of another, and the same run gives the same draws in any process on any machine.
"""

from __future__ import annotations

import hashlib
import random


def draw(seed: int, turn: int, purpose: str) -> random.Random:
    digest = hashlib.sha256(f"{seed}:{turn}:{purpose}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def chance(seed: int, turn: int, purpose: str, p: float) -> bool:
    """True with probability ``p``; certain outcomes draw nothing."""
    if p >= 1.0:
        return True
    if p <= 0.0:
        return False
    return draw(seed, turn, purpose).random() < p
