"""``citizen schema``: not built yet."""

from __future__ import annotations

from .common import fail


def register(sub) -> None:
    p = sub.add_parser("schema", help="(coming soon)")
    p.set_defaults(func=run)


def run(args) -> int:
    return fail("'schema' is not built yet")
