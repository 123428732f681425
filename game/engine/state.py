"""A citizen's state during a run: plain data, serialisable, checksummed.

Nothing here knows the rules; :mod:`game.engine.judge` and :mod:`game.engine.game` change it.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from hashlib import blake2b
from typing import Literal

Truth = Literal["true", "contextless", "wrong"]


@dataclass
class Record:
    """An entry in the dossier: what the system believes happened."""

    id: int
    turn: int
    behaviour: str
    kind: str  # act, association, data, wrong
    truth: Truth
    points: int
    force: str
    rule: str  # which rule produced it, e.g. "value:late_payment", "association:low"
    hidden: bool  # the player was never shown the rule
    event: str | None = None
    choice: str | None = None
    context: str | None = None  # the circumstance the citizen knows of
    note: str = ""
    removed: bool = False  # struck out on appeal
    appealed: bool = False


@dataclass
class Act:
    """What the citizen actually did, whether or not anyone saw."""

    turn: int
    behaviour: str
    event: str
    choice: str
    seen: bool
    record: int | None


@dataclass
class Restriction:
    """A sanction, a blacklisting or a withheld reward: closes services while active."""

    id: str  # "sanction:ID", "blacklist:ID", "refusal:SOURCE"
    kind: str  # sanction, blacklist, refusal
    name: str
    closes: list[str]
    prices: dict[str, float]
    institution: str
    force: str
    started: int
    causes: list[int]
    hidden: bool
    reason: str = ""
    ends: int | None = None  # last turn it applies, if it has a term
    ended: int | None = None  # turn it actually ended


@dataclass
class Appeal:
    record: int
    filed: int
    decides: int
    outcome: str | None = None  # upheld, dismissed


@dataclass
class TurnLine:
    """One row of the life in numbers, written after each decision."""

    turn: int
    event: str
    choice: str
    score: int
    tier: str
    money: int
    virtues: dict[str, int]
    followed_guide: bool | None
    guide: str | None


@dataclass
class CitizenState:
    turn: int
    money: int
    resources: dict[str, int]
    virtues: dict[str, int]
    flags: list[str]
    contacts: dict[str, dict]  # id -> {"score": int, "kept": bool}
    score: int
    tier: str
    records: list[Record] = field(default_factory=list)
    acts: list[Act] = field(default_factory=list)
    restrictions: list[Restriction] = field(default_factory=list)
    privileges: dict[str, int] = field(default_factory=dict)  # id -> turn granted
    privilege_log: list[dict] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)
    seen_events: dict[str, int] = field(default_factory=dict)  # id -> last turn shown
    queued: list[str] = field(default_factory=list)
    current_event: str | None = None
    lines: list[TurnLine] = field(default_factory=list)
    tier_changes: list[dict] = field(default_factory=list)
    ending: str | None = None
    finished: bool = False

    # ---- small helpers used by the engine

    def has_flag(self, name: str) -> bool:
        return name in self.flags

    def set_flag(self, name: str, on: bool) -> None:
        if on and name not in self.flags:
            self.flags.append(name)
            self.flags.sort()
        elif not on and name in self.flags:
            self.flags.remove(name)

    def next_record_id(self) -> int:
        return len(self.records) + 1

    def active_records(self) -> list[Record]:
        return [r for r in self.records if not r.removed]

    def active_restrictions(self) -> list[Restriction]:
        return [r for r in self.restrictions if r.ended is None]

    def kept_contacts(self) -> list[str]:
        return [cid for cid, c in self.contacts.items() if c["kept"]]

    # ---- serialisation

    def to_dict(self) -> dict:
        return asdict(self)

    def copy(self) -> "CitizenState":
        return copy.deepcopy(self)

    def checksum(self) -> str:
        """12 hex digits of a BLAKE2b digest of every field, in field order.

        Written as the ``repr`` of plain values (each dataclass item as the tuple of its
        fields), which Python builds in C: a tenth of the cost of the JSON it replaced. The
        state holds only ints, floats, strings, booleans, None, lists, dicts and the
        dataclasses above, whose ``repr`` is the same in every process; dict order is the
        order the engine inserted in, which the same run repeats.
        """
        parts = []
        for v in self.__dict__.values():
            if type(v) is list and v and hasattr(v[0], "__dataclass_fields__"):
                v = [tuple(x.__dict__.values()) for x in v]
            parts.append(v)
        return blake2b(repr(parts).encode(), digest_size=6).hexdigest()
