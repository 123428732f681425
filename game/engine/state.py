"""A citizen's state during a run: plain data, serialisable, checksummed.

Nothing here knows the rules; :mod:`game.engine.judge` and :mod:`game.engine.game` change it.
"""

from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field
from hashlib import blake2b
import operator
from operator import attrgetter
from typing import Any, Callable, Literal

Truth = Literal["true", "contextless", "wrong"]
AppealState = Literal["pending", "upheld", "dismissed"]


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
    note: str = ""  # the system's own words (article, reason); never an id to decode
    removed: bool = False  # struck out on appeal
    appealed: bool = False
    #: The contacts behind an association record (their ids), empty for other kinds.
    contacts: list[str] = field(default_factory=list)
    #: The turn from which the rule behind it could be read in the published rulebook; None:
    #: never (redacted, or a secret city). A rule that began without notice is readable only
    #: from the turn it began.
    readable_from: int | None = 1
    #: The restrictions this act settled (a listing lifted by paying what was owed).
    settles: list[str] = field(default_factory=list)


@dataclass
class Act:
    """What the citizen actually did, whether or not anyone saw."""

    turn: int
    behaviour: str
    event: str
    choice: str
    seen: bool
    record: int | None


@dataclass(frozen=True)
class ServiceEffect:
    """What one restriction does to one service: shut it, or make it dearer by a factor."""

    service: str
    effect: Literal["closed", "priced"]
    factor: float | None = None  # for "priced": the price multiplier (> 1)


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

    def effects(self) -> list[ServiceEffect]:
        """Each service it touches, once: closed, or (if not closed) priced above 1."""
        out = [ServiceEffect(s, "closed") for s in dict.fromkeys(self.closes)]
        out += [ServiceEffect(s, "priced", f) for s, f in self.prices.items() if f > 1 and s not in self.closes]
        return out


@dataclass
class Appeal:
    """An appeal against a record: filed in one turn, decided in a later one (or never, when
    the decision would fall after the life's last turn)."""

    record: int
    filed: int
    decides: int
    outcome: AppealState | None = None  # upheld, dismissed; None while pending
    #: The decision is due after the calendar's last turn: it can never come in this life.
    after_end: bool = False

    @property
    def state(self) -> AppealState:
        return self.outcome or "pending"


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

    def checksum(self, memo: dict | None = None) -> str:
        """12 hex digits of a BLAKE2b digest of every field, in field order.

        Written as the ``repr`` of plain values (each dataclass item as the tuple of its
        fields), which Python builds in C: a tenth of the cost of the JSON it replaced. The
        state holds only ints, floats, strings, booleans, None, lists, dicts and the
        dataclasses above, whose ``repr`` is the same in every process; dict order is the
        order the engine inserted in, which the same run repeats.

        ``memo``: a dict the caller keeps between calls (a game keeps one for its state). The
        lists of records, acts, lines... grow by a few items a turn, and an item, once listed,
        changes only in what :data:`CHANGING` reads; with a memo, an item's text is
        written again only when it is new, replaced, or one of those fields changed, so a
        checksum costs what changed, not the length of the life. The digest is the same.
        """
        parts = []
        for name, v in self.__dict__.items():
            if type(v) is list and v and hasattr(v[0], "__dataclass_fields__"):
                parts.append(_items_text(v, memo, name) if memo is not None
                             else repr([tuple(x.__dict__.values()) for x in v]))
            else:
                parts.append(repr(v))
        return blake2b(("[" + ", ".join(parts) + "]").encode(), digest_size=6).hexdigest()


#: What the engine changes in an item after it is in one of the state's lists (by the item's
#: class): a record struck out or appealed, a restriction ended or given one more cause, an
#: appeal decided. Nothing else of a listed item ever changes.
CHANGING: dict[type, Callable[[Any], Any]] = {
    Record: attrgetter("removed", "appealed"),
    Restriction: lambda r: (r.ended, tuple(r.causes)),
    Appeal: attrgetter("outcome"),
}


def _items_text(items: list, memo: dict, name: str) -> str:
    """``repr([tuple(x.__dict__.values()) for x in items])``, from what ``memo`` kept."""
    got = memo.get(name)
    if got is None or got[0] is not items:
        got = memo[name] = (items, [], [], [])
    seen: list[Any] = got[1]
    marks: list[Any] = got[2]
    texts: list[str] = got[3]
    if len(seen) > len(items):
        del seen[:], marks[:], texts[:]
    mark_of = CHANGING.get(type(items[0]))
    n = len(seen)
    if mark_of is None:  # items that never change once listed (acts, lines): only new ones
        if n and seen[-1] is not items[n - 1]:  # not the list it was (rewritten in place)
            del seen[:], marks[:], texts[:]
            n = 0
        for x in items[n:]:
            seen.append(x)
            marks.append(None)
            texts.append(repr(tuple(x.__dict__.values())))
        return "[" + ", ".join(texts) + "]"
    now = list(map(mark_of, items))
    if now[:n] != marks or any(map(operator.is_not, seen, items)):  # a listed item changed
        for i in range(n):
            x = items[i]
            if seen[i] is not x or marks[i] != now[i]:
                seen[i], marks[i], texts[i] = x, now[i], repr(tuple(x.__dict__.values()))
    for x, mark in zip(items[n:], now[n:]):
        seen.append(x)
        marks.append(mark)
        texts.append(repr(tuple(x.__dict__.values())))
    return "[" + ", ".join(texts) + "]"
