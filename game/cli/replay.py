"""``citizen replay``: not built yet."""

from __future__ import annotations

from .common import fail


def register(sub) -> None:
    p = sub.add_parser("replay", help="(coming soon)")
    p.set_defaults(func=run)


def run(args) -> int:
    return fail("'replay' is not built yet")
