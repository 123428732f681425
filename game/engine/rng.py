"""The only source of chance: a stream of draws per (run seed, turn, purpose).

Deriving each draw from its own key means adding a draw for one purpose never shifts the
draws of another, and the same run gives the same draws in any process on any machine.

The key (draw version 3) is made of three 64-bit parts: a BLAKE2b hash of the run's seed
(``"seed:SEED"``, once per run), a BLAKE2b hash of the purpose (``"purpose:PURPOSE"``, once
per purpose text in a process: the same text always hashes alike) and the turn times an odd
constant; the key is the three XORed, and the stream is SplitMix64 from it (whose every
number passes through SplitMix64's finaliser). That is all a turn needs (a few uniform numbers, a weighted pick),
and a key costs a few integer operations, where hashing ``"seed:turn:purpose"`` for every
key (version 2) cost several times as much and seeding a ``random.Random`` per draw (version
1) ten times that. Changing either changes every run: saves carry the draw's version in their
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
VERSION = 3

_MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15
_TURN = 0xD1B54A32D192ED03  # odd: turn -> turn * _TURN is one-to-one on 64 bits
_SCALE = 1.0 / (1 << 53)
_READ = Struct(">Q").unpack


def _hash64(text: str) -> int:
    """The first 8 bytes of a BLAKE2b digest of ``text``, big-endian."""
    return _READ(blake2b(text.encode(), digest_size=8).digest())[0]


#: purpose text -> its hash: a pure function of the text, so remembered for the process.
#: Purposes are few (named by the engine, or built from content ids and record numbers); the
#: bound only keeps a process fed unbounded texts from growing without end.
_PURPOSES: dict[str, int] = {}
_PURPOSES_MAX = 1 << 16


def _purpose(purpose: str) -> int:
    got = _PURPOSES.get(purpose)
    if got is None:
        if len(_PURPOSES) >= _PURPOSES_MAX:
            _PURPOSES.clear()
        got = _PURPOSES[purpose] = _hash64("purpose:" + purpose)
    return got


def _seed_hash(seed: int) -> int:
    return _hash64(f"seed:{seed}")


def _mix(z: int) -> int:
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def _key(seed: int, turn: int, purpose: str) -> int:
    return _seed_hash(seed) ^ _purpose(purpose) ^ ((turn * _TURN) & _MASK)


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
    seed's hash is made once per run; each key then costs a dict lookup (the purpose's hash)
    and a few integer operations (see the module's docstring). The methods write the key and
    the stream's first number out in place: a playtest makes several keys a decision."""

    __slots__ = ("seed", "_base")

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self._base = _seed_hash(seed)

    def key(self, turn: int, purpose: str) -> int:
        p = _PURPOSES.get(purpose)
        return self._base ^ (_purpose(purpose) if p is None else p) ^ ((turn * _TURN) & _MASK)

    def draw(self, turn: int, purpose: str) -> Draw:
        return Draw(self.key(turn, purpose))

    def chance(self, turn: int, purpose: str, p: float) -> bool:
        """:func:`chance` for this seed."""
        if p >= 1.0:
            return True
        if p <= 0.0:
            return False
        z = _PURPOSES.get(purpose)
        z = self._base ^ (_purpose(purpose) if z is None else z) ^ ((turn * _TURN) & _MASK)
        z = (z + _GOLDEN) & _MASK  # the stream's first number: Draw.random, written out
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return ((z ^ (z >> 31)) >> 11) * _SCALE < p

    def choice(self, turn: int, purpose: str, seq: Sequence[T]) -> T:
        """``draw(turn, purpose).choice(seq)``, in one call."""
        if not seq:
            raise IndexError("cannot choose from an empty sequence")
        z = _PURPOSES.get(purpose)
        z = self._base ^ (_purpose(purpose) if z is None else z) ^ ((turn * _TURN) & _MASK)
        z = (z + _GOLDEN) & _MASK  # the stream's first number
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        n = len(seq)
        return seq[min(int(((z ^ (z >> 31)) >> 11) * _SCALE * n), n - 1)]

    def pick_summed(self, turn: int, purpose: str, population: Sequence[T], cum: Sequence[float]) -> T:
        """``draw(turn, purpose).pick_summed(population, cum)``, in one call."""
        z = _PURPOSES.get(purpose)
        z = self._base ^ (_purpose(purpose) if z is None else z) ^ ((turn * _TURN) & _MASK)
        z = (z + _GOLDEN) & _MASK  # the stream's first number
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
