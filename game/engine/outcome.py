"""What the engine tells its shells: offers before a decision, results after one."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Notice:
    """A line in the system's voice (or, for ``kind == "story"``, the narration's)."""

    kind: str  # record, tier, sanction_start, sanction_end, privilege_start, privilege_end,
    #            rule_change, appeal, story, ending
    text: str
    points: int = 0
    institution: str = ""
    force: str = ""
    record: int | None = None
    hidden: bool = False
    #: "decision": caused by the choice just made; "turn_start": happened as the next turn
    #: began (expiries, appeals decided, association, wrong records, announced rule changes).
    phase: str = "decision"
    #: What the notice is about, for shells that draw it their own way: the restriction id
    #: ("blacklist:ID", "sanction:ID", "refusal:SOURCE") or privilege id, or "up"/"down" for
    #: a tier change; and the services it closes or opens.
    ref: str | None = None
    services: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lock:
    """Why a choice cannot be taken, and who says so."""

    reason: str
    institution: str = ""
    service: str | None = None
    records: tuple[int, ...] = ()
    kind: str = "condition"  # condition, service, privilege, money, appeal


@dataclass(frozen=True)
class ChoiceView:
    id: str
    text: str
    lock: Lock | None
    cost: int  # money it costs after price factors (0 if none)
    needs: tuple[str, ...] = ()

    @property
    def available(self) -> bool:
        return self.lock is None


@dataclass(frozen=True)
class Offer:
    turn: int
    event_id: str
    title: str
    text: str
    choices: tuple[ChoiceView, ...]
    guide: str | None  # the Guide's recommended choice id, if it has one
    guide_note: str = ""

    def choice(self, choice_id: str) -> ChoiceView | None:
        for c in self.choices:
            if c.id == choice_id:
                return c
        return None


@dataclass(frozen=True)
class StoryChange:
    """A change the story made, as data: money (or an appeal's fee), a resource, a contact."""

    kind: str  # money, fee, resource, taken_up, dropped
    name: str = ""  # the resource id or contact id
    amount: int = 0


@dataclass
class TurnResult:
    turn: int
    event_id: str
    choice_id: str
    guide: str | None
    followed_guide: bool | None
    outcome: str
    changes: list[str] = field(default_factory=list)  # story changes, plain words (see ``story``)
    story: list[StoryChange] = field(default_factory=list)  # the same changes, as data
    notices: list[Notice] = field(default_factory=list)  # what the system did
    score_before: int = 0
    score_after: int = 0
    tier_before: str = ""
    tier_after: str = ""
    checksum: str = ""
    ending: str | None = None


class IllegalDecision(Exception):
    """A decision the current offer does not allow (unknown or locked choice, finished run)."""


@dataclass(frozen=True)
class Decision:
    """One decision of a run, addressed by stable ids, never by position."""

    turn: int
    event: str
    choice: str
    followed_guide: bool | None = None
