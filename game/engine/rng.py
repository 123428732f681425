"""The only source of chance: a stream of draws per (run seed, turn, purpose).

Deriving each draw from its own key means adding a draw for one purpose never shifts the
draws of another, and the same run gives the same draws in any process on any machine.

The key is 64 bits of a BLAKE2b hash of ``"seed:turn:purpose"``; the stream is SplitMix64
from that key. That is all a turn needs (a few uniform numbers, a weighted pick), and it costs
one hash and a few integer operations, where seeding a ``random.Random`` per draw cost ten
times as much. Changing either changes every run: saves carry the draw's version in their
format (see ``docs/REPLAYS.md``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from hashlib import blake2b
from itertools import accumulate
from struct import Struct
from typing import TypeVar

T = TypeVar("T")

#: Bumped whenever the same (seed, turn, purpose) would give other numbers.
VERSION = 2

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_SCALE = 1.0 / (1 << 53)


def _key(seed: int, turn: int, purpose: str, _hash=blake2b, _read=Struct(">Q").unpack) -> int:
    # The first 8 bytes of the digest, big-endian (``int.from_bytes(..., "big")``); unpacked
    # with a bound Struct because a playtest makes several keys a decision.
    return _read(_hash(f"{seed}:{turn}:{purpose}".encode(), digest_size=8).digest())[0]


def _mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


class Draw:
    """A short, seeded stream of uniform numbers with the few picks the engine makes."""

    __slots__ = ("_state",)

    def __init__(self, key: int) -> None:
        self._state = key

    def random(self) -> float:
        """A float in [0, 1)."""
        self._state = z = (self._state + _GOLDEN) & _MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK  # _mix, written out: one call fewer
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return ((z ^ (z >> 31)) >> 11) * _SCALE

    def choice(self, seq: Sequence[T]) -> T:
        if not seq:
            raise IndexError("cannot choose from an empty sequence")
        return seq[min(int(self.random() * len(seq)), len(seq) - 1)]

    def choices(self, population: Sequence[T], weights: Sequence[float] | None = None, k: int = 1) -> list[T]:
        """``k`` picks with replacement, in proportion to ``weights`` (equal if None)."""
        if weights is None:
            return [self.choice(population) for _ in range(k)]
        cum = list(accumulate(weights))
        total, last = cum[-1], len(cum) - 1
        return [population[min(bisect_right(cum, self.random() * total), last)] for _ in range(k)]


    def pick_summed(self, population: Sequence[T], cum: Sequence[float]) -> T:
        """``pick(population, weights)`` given the running sums of the weights
        (``list(accumulate(weights))``), which a caller that builds the population can keep as
        it goes."""
        self._state = z = (self._state + _GOLDEN) & _MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK  # _mix, written out
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return population[min(bisect_right(cum, ((z ^ (z >> 31)) >> 11) * _SCALE * cum[-1]), len(cum) - 1)]

    def pick(self, population: Sequence[T], weights: Sequence[float]) -> T:
        """``choices(population, weights)[0]``, drawn the same way, for the one pick a turn makes."""
        cum = list(accumulate(weights))
        self._state = z = (self._state + _GOLDEN) & _MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK  # _mix, written out: one call fewer
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return population[min(bisect_right(cum, ((z ^ (z >> 31)) >> 11) * _SCALE * cum[-1]), len(cum) - 1)]


class Seeded:
    """The draws of one run (one seed): ``draw`` and ``chance`` with the seed given once. The
    key's hash is begun from ``"seed:"`` once per run and copied for each key, which gives the
    same digest as hashing the whole text (BLAKE2b hashes a text in any number of pieces
    alike) at two thirds of the cost; a playtest makes several keys a decision."""

    __slots__ = ("seed", "_start")

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._start = blake2b(f"{seed}:".encode(), digest_size=8)

    def key(self, turn: int, purpose: str, _read=Struct(">Q").unpack) -> int:
        h = self._start.copy()
        h.update(f"{turn}:{purpose}".encode())
        return _read(h.digest())[0]

    def draw(self, turn: int, purpose: str) -> Draw:
        return Draw(self.key(turn, purpose))

    def chance(self, turn: int, purpose: str, p: float, _read=Struct(">Q").unpack) -> bool:
        """:func:`chance` for this seed."""
        if p >= 1.0:
            return True
        if p <= 0.0:
            return False
        h = self._start.copy()  # key(), written out: one call fewer
        h.update(f"{turn}:{purpose}".encode())
        z = (_read(h.digest())[0] + _GOLDEN) & _MASK  # _mix, written out
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return ((z ^ (z >> 31)) >> 11) * _SCALE < p

    def choice(self, turn: int, purpose: str, seq: Sequence[T], _read=Struct(">Q").unpack) -> T:
        """``draw(turn, purpose).choice(seq)``, in one call."""
        if not seq:
            raise IndexError("cannot choose from an empty sequence")
        h = self._start.copy()
        h.update(f"{turn}:{purpose}".encode())
        z = (_read(h.digest())[0] + _GOLDEN) & _MASK  # the stream's first number: Draw.random
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return seq[min(int(((z ^ (z >> 31)) >> 11) * _SCALE * len(seq)), len(seq) - 1)]

    def pick_summed(self, turn: int, purpose: str, population: Sequence[T], cum: Sequence[float],
                    _read=Struct(">Q").unpack) -> T:
        """``draw(turn, purpose).pick_summed(population, cum)``, in one call."""
        h = self._start.copy()
        h.update(f"{turn}:{purpose}".encode())
        z = (_read(h.digest())[0] + _GOLDEN) & _MASK  # the stream's first number: Draw.random
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return population[min(bisect_right(cum, ((z ^ (z >> 31)) >> 11) * _SCALE * cum[-1]), len(cum) - 1)]


def draw(seed: int, turn: int, purpose: str) -> Draw:
    return Draw(_key(seed, turn, purpose))


def chance(seed: int, turn: int, purpose: str, p: float) -> bool:
    """True with probability ``p``; certain outcomes draw nothing."""
    if p >= 1.0:
        return True
    if p <= 0.0:
        return False
    return (_mix((_key(seed, turn, purpose) + _GOLDEN) & _MASK) >> 11) * _SCALE < p
