"""What the engine tells its shells: offers before a decision, results after one, as facts.

Nothing here is worded: :mod:`game.report.notices` composes what a player reads from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .state import ServiceEffect


@dataclass(frozen=True)
class Notice:
    """Something the system did, as facts. The engine never words it: the words package
    (:func:`game.report.notices.notice_text`) composes the sentence when a shell reads it, so
    a bot that never reads its notices pays for none."""

    kind: str  # record, tier, sanction_start, sanction_end, privilege_start, privilege_end,
    #            rule_change, appeal, ending
    points: int = 0  # what it moved the score by (0 for most kinds)
    institution: str = ""
    force: str = ""
    record: int | None = None
    #: The rule behind it is withheld from the citizen (redacted, or a secret city): its
    #: notice gives no reason, and a record's names neither its rule nor its force.
    hidden: bool = False
    #: "decision": caused by the choice just made; "turn_start": happened as the next turn
    #: began (expiries, appeals decided, association, wrong records, announced rule changes).
    phase: str = "decision"
    #: What the notice is about: the restriction id ("blacklist:ID", "sanction:ID",
    #: "refusal:SOURCE") or privilege id, "up"/"down" for a tier change, "low"/"high" for an
    #: association record, the ending id; and the services it closes or opens.
    ref: str | None = None
    services: tuple[str, ...] = ()
    #: A record's or a new rule's behaviour (catalogue id), and the record's kind (act, data,
    #: wrong, listing, association). A new rule: what each record of it will be worth.
    behaviour: str = ""
    entry: str = ""
    worth: int = 0
    #: The city publishes nothing: a record's notice gives only the number.
    secret: bool = False
    #: The city's own words to quote (article and reason, a restriction's reason), as the
    #: rulebook wrote them; not quoted when ``hidden``.
    note: str = ""
    #: A listing's entry that stops counting as the listing ends (``points`` gives it back).
    lapsed: bool = False
    #: A tier change: the tier left and the tier now held (``ref`` gives the direction).
    from_tier: str = ""
    tier: str = ""
    #: A restriction: what it does to each service (closed, or priced with its factor), and
    #: the last turn it applies when it has a term.
    effects: tuple[ServiceEffect, ...] = ()
    until: int | None = None
    #: A restriction lifted: why (settled, expired, appeal, tier).
    lifted: str = ""
    #: An appeal: its state (pending when filed, upheld, dismissed), the turn the decision is
    #: due, and whether that falls after the life's last turn.
    appeal: str = ""
    decides: int | None = None
    after_end: bool = False
    #: An association record: the contacts behind it (ids).
    contacts: tuple[str, ...] = ()
    #: A record's truth (true, contextless, wrong): a record of someone else's act, or the
    #: listing it brought, is "wrong", which the citizen knows when the notice names the act.
    truth: str = "true"


@dataclass(frozen=True)
class Lock:
    """Why a choice cannot be taken, and who says so, as facts (worded by
    :func:`game.report.notices.lock_reason`)."""

    kind: str = "condition"  # condition, service, privilege, money, appeal
    institution: str = ""
    service: str | None = None
    records: tuple[int, ...] = ()
    #: service: the restriction that closes it, and whether its name is withheld
    restriction: str | None = None
    hidden: bool = False
    #: money: what the choice costs and what the citizen has
    cost: int = 0
    money: int = 0
    #: appeal: "none" (the city has no procedure) or "no_record" (nothing of that kind to contest)
    appeal: str = ""
    #: condition: the scenario's own words for it (its ``locked_reason``), "" when it gives none
    said: str = ""


@dataclass(frozen=True)
class ChoiceView:
    id: str
    text: str  # the scenario's words for it; "" for the pass (worded by game.report.notices.choice_text)
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
    #: What the Guide has to say (see :data:`game.engine.guide.GuideSays`): "pick", or why it
    #: has none: "nothing_moves", "all_the_same", "nothing_shown".
    guide_says: str = "nothing_moves"

    def __init__(self, turn: int, event_id: str, title: str, text: str, choices: tuple[ChoiceView, ...],
                 guide: str | None, guide_says: str = "nothing_moves") -> None:
        # What the generated __init__ of a frozen dataclass does, field by field, in one step:
        # an offer is made every decision.
        object.__setattr__(self, "__dict__", {"turn": turn, "event_id": event_id, "title": title, "text": text,
                                              "choices": choices, "guide": guide, "guide_says": guide_says})

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
    #: taken_up: the contact was in the circle before (at the start, or taken up earlier in
    #: this life), so the citizen is back in touch rather than meeting them for the first time
    again: bool = False


@dataclass
class TurnResult:
    turn: int
    event_id: str
    choice_id: str
    guide: str | None
    followed_guide: bool | None
    outcome: str  # the scenario's narration of the choice ("" for none, and for the pass)
    story: list[StoryChange] = field(default_factory=list)  # what the story changed, as data
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
