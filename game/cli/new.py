"""``citizen new``: not built yet."""

from __future__ import annotations

from .common import fail


def register(sub) -> None:
    p = sub.add_parser("new", help="(coming soon)")
    p.set_defaults(func=run)


def run(args) -> int:
    return fail("'new' is not built yet")
