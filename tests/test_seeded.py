"""A run's Seeded draws are the module's draws: the same numbers for the same (seed, turn,
purpose), however they are asked for (the save format's draw version depends on it)."""

from __future__ import annotations

from itertools import accumulate

import pytest

from game.engine.rng import Seeded, chance, draw


@pytest.mark.parametrize("seed", [0, 1, 7, 2**40 + 3, 281474976710655])
def test_seeded_draws_are_the_module_draws(seed):
    s = Seeded(seed)
    for turn in range(1, 13):
        for purpose in ("event", "wrong-record", "observe:e:c:b", "playtest:random"):
            assert s.key(turn, purpose) == draw(seed, turn, purpose)._state
            assert s.draw(turn, purpose).random() == draw(seed, turn, purpose).random()
            for p in (0.0, 0.05, 0.5, 0.93, 1.0):
                assert s.chance(turn, purpose, p) == chance(seed, turn, purpose, p)
            for n in (1, 2, 3, 8):
                seq = list(range(n))
                weights = [(i * 7) % 5 + 1 for i in seq]
                assert s.choice(turn, purpose, seq) == draw(seed, turn, purpose).choice(seq)
                assert s.pick_summed(turn, purpose, seq, list(accumulate(weights))) == \
                    draw(seed, turn, purpose).pick(seq, weights)
    with pytest.raises(IndexError):
        s.choice(1, "event", [])
