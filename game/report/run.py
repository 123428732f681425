"""The run report: the life the citizen lived, set beside what the system made of it.

Pure and deterministic, like the rest of the engine: it reads a run (scenario, rulebook,
seed, decisions), lives it again step by step to see what each turn offered, and returns
plain dataclasses. Nothing here draws, writes or reads a file; the TUI draws a report,
:mod:`game.report` exports it, :mod:`game.report.reflections` chooses its texts.

Every measure a player can read is listed in :data:`MEASURES` with the row of THEMES.md it
answers; ``docs/REPORT.md`` defines each one in a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..scenario.content import Rulebook, Scenario
from ..engine.forks import Preferences, preferences
from ..engine.game import Game
from ..engine.judge import score_for_standing, standing
from ..engine.outcome import Decision, Offer
from ..engine.relive import Parting, relive
from ..engine.state import CitizenState, Record, Restriction
from .notices import choice_text, choice_words, lock_reason
from .replay import parting_words
from .words import tier_name

FORCES = ("law", "norms", "market", "architecture")
LEGAL = ("illegal", "lawful", "encouraged")


class ReportError(Exception):
    """The decisions do not replay: the report would describe another life."""


# --------------------------------------------------------------------------- the parts


@dataclass(frozen=True)
class Closure:
    """One door a restriction shut (or made dearer) for a while. A record's closures name each
    service once: closed if any restriction behind the record closed it, else dearer by the
    highest factor."""

    restriction: int  # index in the state's restrictions
    name: str  # the restriction's name
    kind: str  # sanction, blacklist, refusal
    service: str
    service_name: str
    institution: str  # who refuses the service
    force: str
    started: int
    turns: int  # turns it was in force when a choice was offered
    until_end: bool  # still in force when the life ended
    factor: float | None = None  # a price factor (> 1) instead of a closure
    hidden: bool = False


@dataclass
class RecordRow:
    id: int
    turn: int
    behaviour: str
    description: str
    kind: str  # act, data, listing, association, wrong
    truth: str  # true, contextless, wrong
    force: str
    legal: str | None  # the behaviour's legal status; None for association records
    points: int
    hidden: bool  # a rule the player was never shown (redacted or secret)
    unannounced: bool  # a rule that started mid-life without a word
    removed: bool
    appealed: bool
    event: str | None
    event_title: str
    choice: str | None
    choice_text: str
    context: str | None
    note: str
    rule: str
    closures: list[Closure] = field(default_factory=list)
    readable_from: int | None = 1
    settles: list[str] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)

    @property
    def unshown(self) -> bool:
        return self.hidden or self.unannounced

    @property
    def punishments(self) -> int:
        """Doors this one record closed or made dearer (each service once): the punishments
        for one wrong."""
        return len(self.closures)

    @property
    def closed(self) -> list[Closure]:
        return [c for c in self.closures if c.factor is None]

    @property
    def priced(self) -> list[Closure]:
        return [c for c in self.closures if c.factor is not None]


@dataclass
class Deed:
    """One decision, weighed twice: by the story's hidden virtues and by the rulebook."""

    turn: int
    event: str
    event_title: str
    choice: str
    choice_text: str
    behaviours: list[str]
    legal: list[str]
    virtues: dict[str, int]
    virtue: int  # the sum of the choice's virtue changes
    cost: int  # money paid for it
    records: list[int]  # records made by this decision (acts, data, listings)
    points: int  # their points as recorded
    score_before: int
    tier_before: str
    score_after: int
    tier_after: str
    guide: str | None
    guide_text: str
    guide_virtue: int | None  # the virtue of the choice the Guide recommended
    followed_guide: bool | None
    floor: int | None  # the lowest score of the tier the citizen was in
    licensed: bool = False
    options: int = 2  # choices open at the offer: with one, nothing was chosen
    appeal: int | None = None  # the record this decision appealed against, if it filed one
    prefs: Preferences | None = None  # what the score and conscience preferred at the offer
    score_preferred: str = ""  # the text of the choice the score preferred, at a fork

    @property
    def free(self) -> bool:
        """More than one choice was open: the act was chosen, not the only door left."""
        return self.options >= 2

    @property
    def harmful(self) -> bool:
        return self.free and (self.virtue < 0 or ("illegal" in self.legal and self.virtue <= 0))

    @property
    def virtuous(self) -> bool:
        return self.free and self.virtue > 0

    @property
    def seen(self) -> bool:
        """The system took note: a record was made, or an appeal was received."""
        return bool(self.records) or self.appeal is not None

    @property
    def fork(self) -> bool:
        return self.prefs is not None and self.prefs.fork

    @property
    def gamed(self) -> bool:
        return self.prefs is not None and self.prefs.gamed(self.choice)

    @property
    def lawful(self) -> bool:
        """Every behaviour in it was within the law (a choice with none is lawful too)."""
        return "illegal" not in self.legal

    @property
    def margin(self) -> int | None:
        return None if self.floor is None else self.score_before - self.floor


@dataclass
class TurnRow:
    turn: int
    event: str
    event_title: str
    choice: str
    choice_text: str
    score: int
    tier: str
    money: int
    virtues: dict[str, int]
    virtue: int
    followed_guide: bool | None


@dataclass
class TierChange:
    turn: int
    old: str
    new: str
    old_label: str
    new_label: str
    score: int
    down: bool
    causes: list[int]


@dataclass
class TierBand:
    id: str
    label: str
    min: int | None
    rank: int  # 0 is the best


@dataclass
class DoorMet:
    """A choice the citizen saw locked because a service was shut."""

    turn: int
    event_title: str
    choice_text: str
    service: str | None
    service_name: str
    institution: str
    reason: str
    records: list[int]
    kind: str  # service, privilege, appeal, money
    #: an appeal's lock: "none" (the city has no procedure) or "no_record" (nothing to contest)
    appeal: str = ""


@dataclass
class ContactRow:
    id: str
    name: str
    relation: str
    score_start: int
    score_end: int
    kept_start: bool
    kept_end: bool
    dropped: list[tuple[int, int]]  # (turn, their score then)
    taken_up: list[tuple[int, int]]
    association_points: float  # what knowing them did to the citizen's score
    association_turns: int

    low_at_drop: bool = False  # dropped while their score counted against the citizen

    @property
    def dropped_for_score(self) -> bool:
        return bool(self.dropped) and self.low_at_drop


@dataclass
class DataRow:
    turn: int
    behaviour: str
    source: str
    shared: bool
    points: int
    record: int | None
    closed: list[str]  # services a refusal closed (names)
    event_title: str
    choice_text: str


@dataclass
class AppealRow:
    record: int
    description: str
    truth: str
    points: int
    filed: int
    decides: int
    outcome: str  # upheld, dismissed, pending
    after_end: bool = False  # due after the life's last turn: never decided
    record_kind: str = "act"


@dataclass
class CityRow:
    """The same decisions under one rulebook (the run's own is first)."""

    rulebook: str
    title: str
    city: str
    own: bool
    lived: int  # decisions that applied
    parting_turn: int | None
    parting: str
    score: int
    start_score: int
    tier: str
    tier_label: str
    standing: int  # 100 for the best tier, 0 for the worst
    ending: str | None
    ending_title: str
    records: int
    punishments: int
    unshown_points: int
    wrong_records: int
    scores: list[int]  # score after each decision lived
    parting_event: str = ""  # the recorded event and choice that could not be lived there
    parting_choice: str = ""
    parting_kind: str = ""  # ended, other_event, not_offered, locked
    parting_other: str = ""  # the title of the event that came up instead
    parting_service: str = ""  # the service whose closure locked the choice, if one did

    @property
    def complete(self) -> bool:
        return self.parting_turn is None


@dataclass
class Measure:
    id: str
    row: int  # the THEMES.md row it measures
    value: float
    vars: dict[str, Any] = field(default_factory=dict)  # the moment, for reflection texts


@dataclass(frozen=True)
class GamingMoment:
    """A fork: the score (as the citizen could know it) and conscience preferred different
    choices. ``gamed``: the citizen took the score's side."""

    turn: int
    event: str
    event_title: str
    chosen: str
    chosen_text: str
    score_preferred: str
    score_preferred_text: str
    gamed: bool
    #: How many open choices were best for the score: the Guide picks one of them (the
    #: cheapest, then the first), and ``score_preferred`` is its pick.
    ties: int = 1


@dataclass
class MetricGaming:
    """The player's metric-gaming index: of the forks, the share where they took the score's side."""

    moments: list[GamingMoment] = field(default_factory=list)

    @property
    def forks(self) -> int:
        return len(self.moments)

    @property
    def gamed(self) -> int:
        return sum(1 for m in self.moments if m.gamed)

    @property
    def value(self) -> int | None:
        """0-100, or None when there was no fork ("no moments")."""
        return round(100 * self.gamed / self.forks) if self.forks else None


Verdict = str  # right, silent, wrong


@dataclass(frozen=True)
class FidelityMoment:
    """A moral moment and what the score made of it."""

    turn: int
    kind: str  # good (a good deed), harm (a harmful act), wrong_record, contextless
    verdict: Verdict  # right, silent, wrong
    points: int
    event_title: str
    choice_text: str
    record: int | None = None  # for a record moment
    description: str = ""


@dataclass
class ScoreFidelity:
    """The city's score fidelity: of the moral moments, how many the score got right, passed
    over in silence, or got the wrong way round."""

    moments: list[FidelityMoment] = field(default_factory=list)

    def count(self, verdict: Verdict) -> int:
        return sum(1 for m in self.moments if m.verdict == verdict)

    @property
    def right(self) -> int:
        return self.count("right")

    @property
    def silent(self) -> int:
        return self.count("silent")

    @property
    def wrong(self) -> int:
        return self.count("wrong")


@dataclass
class RunReport:
    scenario: str
    scenario_title: str
    rulebook: str
    rulebook_title: str
    city: str
    transparency: str
    appeals_kind: str
    seed: int
    citizen: str
    unit: str
    calendar_turns: int
    last_turn: int
    finished: bool
    ending: str | None
    ending_title: str
    ending_text: str
    start_score: int
    start_tier: str
    start_money: int
    start_virtues: dict[str, int]
    score: int
    tier: str
    tier_label: str
    money: int
    virtues: dict[str, int]
    tiers: list[TierBand]
    lines: list[TurnRow]
    tier_changes: list[TierChange]
    records: list[RecordRow]
    deeds: list[Deed]
    doors: list[DoorMet]
    contacts: list[ContactRow]
    data: list[DataRow]
    appeals: list[AppealRow]
    forces: dict[str, dict[str, int]]  # force -> records, points, restrictions, privileges
    legality: dict[str, int]  # illegal, lawful, encouraged, association, wrong -> points in the score
    cities: list[CityRow]
    licensing_margin: int
    measures: dict[str, Measure]
    epithet: str = ""
    reflections: list = field(default_factory=list)  # filled by game.report.reflections
    metric_gaming: MetricGaming = field(default_factory=MetricGaming)
    fidelity: ScoreFidelity = field(default_factory=ScoreFidelity)
    context: str = "ignored"  # the city's policy on an act's circumstances: ignored, or weighed

    # -- convenience for shells

    def m(self, measure_id: str) -> float:
        return self.measures[measure_id].value

    @property
    def virtue(self) -> int:
        return sum(self.virtues.values())

    @property
    def start_virtue(self) -> int:
        return sum(self.start_virtues.values())

    @property
    def gaming_index(self) -> int | None:
        return self.metric_gaming.value

    @property
    def virtue_index(self) -> int:
        return int(self.m("virtue_index"))

    def record(self, rid: int) -> RecordRow:
        return self.records[rid - 1]

    def tier_name(self, tier_id: str) -> str:
        for t in self.tiers:
            if t.id == tier_id:
                return t.label
        return tier_id

    def harms_rewarded(self) -> list[Deed]:
        return [d for d in self.deeds if d.harmful and d.points > 0]

    def good_punished(self) -> list[Deed]:
        return [d for d in self.deeds if d.virtuous and d.points < 0]

    def lawful_punished(self) -> list[Deed]:
        return [d for d in self.deeds if d.lawful and not d.harmful and d.points < 0]

    def good_unseen(self) -> list[Deed]:
        return [d for d in self.deeds if d.virtuous and not d.seen]

    def harms_unseen(self) -> list[Deed]:
        return [d for d in self.deeds if d.harmful and not d.seen]

    def licensed(self) -> list[Deed]:
        return [d for d in self.deeds if d.licensed]

    def unshown(self) -> list[RecordRow]:
        return [r for r in self.records if r.unshown and r.points]

    def wrongs(self) -> list[RecordRow]:
        """Records that closed at least one door: most punishing first; among equals, records
        that were wrong or without context, then the citizen's own acts, then the rest."""
        rank = {"wrong": 0, "contextless": 1}
        return sorted((r for r in self.records if r.closures),
                      key=lambda r: (-r.punishments, rank.get(r.truth, 2), r.kind not in ("act", "data"), r.id))


#: Every measure: id -> (THEMES row, short label). docs/REPORT.md defines each in a sentence.
MEASURES: dict[str, tuple[int, str]] = {
    "city_gap": (1, "gap in standing between the kindest and harshest city (0-100)"),
    "cities_parted": (1, "other cities where the same decisions could not all be made"),
    "nonlaw_share": (2, "share of consequences from norms, market or architecture (%)"),
    "consequences": (2, "consequences that reached the citizen, all forces"),
    "lawful_share": (3, "share of the score's movement due to lawful acts (%)"),
    "encouraged_points": (3, "points earned for conduct no law requires"),
    "lawful_penalties": (3, "points lost for lawful, harmless acts"),
    "divergent_turns": (4, "decisions that moved virtue one way while their own records moved the score the other"),
    "virtue_against_score": (4, "how far virtue moved, when it ended on the other side of the start from the score"),
    "virtue_index": (4, "virtue index: hidden virtues at the end minus at the start"),
    "unshown_points": (5, "points moved by rules the player was never shown"),
    "unshown_records": (5, "records made under rules the player was never shown"),
    "max_punishments": (6, "most doors closed by a single record"),
    "punishments": (6, "doors closed or made dearer, in all"),
    "doors_met": (6, "choices found locked because a service was shut"),
    "wrong_records": (7, "records of things the citizen did not do"),
    "contextless_records": (7, "records kept without the reason behind the act"),
    "appeals_filed": (7, "appeals filed"),
    "appeals_failed": (7, "appeals dismissed or never decided"),
    "appeal_refused": (7, "times the citizen found there was no way to appeal"),
    "appeal_refused_on_file": (7, "of those, times a record against them stood on file, uncontestable"),
    "appeal_refused_clean": (7, "of those, times no record against them was on file"),
    "money_share": (8, "share of the points gained that came with a price (%)"),
    "bought_points": (8, "points gained by choices that cost money"),
    "licensed_harms": (9, "harmful acts committed while the score was safely above the tier's floor"),
    "dropped_for_score": (10, "contacts dropped while their score was counting against the citizen"),
    "kept_against_score": (10, "contacts kept though they cost points"),
    "circle_shift": (10, "change in the average score of the citizen's circle"),
    "data_disclosed": (11, "data sources handed over"),
    "refusal_cost": (11, "points lost by declining to share data"),
    "refusal_closed": (11, "services closed for declining to share data"),
    "guide_rate": (12, "share of the Guide's recommendations followed (%)"),
    "guide_offered": (12, "turns in which the Guide recommended a choice"),
    "guide_harm_followed": (12, "harmful recommendations of the Guide that the player followed"),
    "metric_gaming": (13, "metric-gaming index: of the forks, the share where the player took the score's side (0-100)"),
    "forks": (13, "decisions where the score and conscience preferred different choices"),
    "score_right": (13, "moral moments the score got right"),
    "score_silent": (13, "moral moments the score passed over in silence"),
    "score_wrong": (13, "moral moments the score got the wrong way round"),
    "good_unseen": (13, "good deeds the system never counted"),
    "harms_rewarded": (13, "harmful acts the system paid for"),
    "good_punished": (13, "good deeds the system punished"),
}


# --------------------------------------------------------------------------- living it again


@dataclass
class _Step:
    offer: Offer
    score: int
    tier: str
    active: list[int]
    contacts: dict[str, dict]
    first_record: int
    last_record: int
    cost: int
    prefs: Preferences | None = None


def _live(scenario: Scenario, rulebook: Rulebook, seed: int, decisions: list[Decision]) -> tuple[Game, list[_Step]]:
    """Live the decisions again, keeping what each turn offered (which :func:`relive` does
    not): the score before the choice, the doors shut, the Guide's pick, the contacts."""
    g = Game(scenario, rulebook, seed)
    steps: list[_Step] = []
    for d in decisions:
        offer = g.offer()
        if offer is None or offer.event_id != d.event or offer.turn != d.turn:
            got = "the end of the life" if offer is None else f"'{offer.event_id}' in turn {offer.turn}"
            raise ReportError(f"decision for '{d.event}' in turn {d.turn} does not replay: got {got}")
        view = offer.choice(d.choice)
        if view is None or view.lock is not None:
            raise ReportError(f"choice '{d.choice}' is not open in turn {d.turn}")
        s = g.state
        prefs = preferences(g, offer)
        step = _Step(offer, s.score, s.tier,
                     [i for i, r in enumerate(s.restrictions) if r.ended is None],
                     {k: dict(v) for k, v in s.contacts.items()}, len(s.records) + 1, 0, view.cost, prefs)
        g.decide(d.choice)
        step.last_record = len(g.state.records)
        steps.append(step)
    return g, steps


def decisions_of(state: CitizenState) -> list[Decision]:
    """A run's decisions, read back from the life's lines."""
    return [Decision(line.turn, line.event, line.choice, line.followed_guide) for line in state.lines]


def heaviest_penalty(rulebook: Rulebook) -> int:
    """The most points one act can cost in this city (its value, a listing, a refusal)."""
    m = rulebook.model
    worst = [-v.points for v in m.value] + [-b.points for b in m.blacklist] + [-o.refuse_points for o in m.data_offer]
    return max([w for w in worst if w > 0], default=0)


def _doors(r: Restriction, idx: int, turns: int, lexicon) -> list[Closure]:
    """The restriction's typed effects, one per service, as doors."""
    out = []
    for e in r.effects():
        svc = lexicon.services.get(e.service)
        out.append(Closure(idx, r.name, r.kind, e.service, svc.name if svc else e.service,
                           svc.institution if svc else r.institution, r.force, r.started, turns, r.ended is None,
                           e.factor if e.effect == "priced" else None, r.hidden))
    return out


def _merge_doors(doors: list[Closure]) -> list[Closure]:
    """One door per service: closed if any restriction closed it, else the dearest price."""
    by: dict[str, Closure] = {}
    for c in doors:
        have = by.get(c.service)
        if have is None:
            by[c.service] = c
        elif have.factor is not None and (c.factor is None or c.factor > have.factor):
            by[c.service] = c
    return list(by.values())


def _punishments(state: CitizenState, lexicon) -> int:
    return len({(i, e.service) for i, r in enumerate(state.restrictions) for e in r.effects()})


# --------------------------------------------------------------------------- the report


def build_report(game: Game, decisions: list[Decision] | None = None,
                 other_rulebooks: dict[str, Rulebook] | None = None,
                 licensing_margin: int | None = None) -> RunReport:
    """The report of the run ``game`` was built from.

    ``decisions`` default to those in the game's own lines. ``other_rulebooks`` (id ->
    rulebook, sharing the scenario's catalogue) are the other cities the same decisions are
    lived under. ``licensing_margin`` overrides how far above a tier's floor counts as
    safe (default: the heaviest single penalty in the run's rulebook).
    """
    sc, rb, seed = game.scenario, game.rulebook, game.seed
    decisions = decisions_of(game.state) if decisions is None else list(decisions)
    g, steps = _live(sc, rb, seed, decisions)
    if game.state.checksum() != g.state.checksum():
        raise ReportError("the decisions rebuild a different life than the game holds")
    s = g.state
    lex = sc.lexicon
    meta = rb.meta
    margin = heaviest_penalty(rb) if licensing_margin is None else licensing_margin
    tiers = [TierBand(t.id, t.label, t.min, i) for i, t in enumerate(rb.model.tier)]
    floors = {t.id: t.min for t in tiers[:-1]}
    ranks = {t.id: t.rank for t in tiers}
    ev_title = lambda eid: sc.events[eid].model.title if eid in sc.events else (eid or "")  # noqa: E731

    def ch_text(eid: str | None, cid: str | None) -> str:
        return choice_words(sc, eid, cid) if cid else ""

    def choice_model(eid: str, cid: str | None):
        ch = sc.events[eid].choice(cid) if cid and eid in sc.events else None
        return ch.model if ch else None

    # ---- how long each restriction stood at an offer
    turns_active = [0] * len(s.restrictions)
    for st in steps:
        for i in st.active:
            turns_active[i] += 1
    closures = [_doors(r, i, turns_active[i], lex) for i, r in enumerate(s.restrictions)]

    # ---- records
    records: list[RecordRow] = []
    for r in s.records:
        b = lex.behaviours.get(r.behaviour)
        unannounced = _unannounced(r) and not r.hidden
        row = RecordRow(
            r.id, r.turn, r.behaviour, _description(r, sc, s.restrictions), r.kind, r.truth, r.force,
            b.legal if b and r.kind != "association" else None, r.points, r.hidden, unannounced, r.removed,
            r.appealed, r.event, ev_title(r.event) if r.event else "", r.choice, ch_text(r.event, r.choice),
            r.context, r.note, r.rule, [], r.readable_from, list(r.settles), list(r.contacts),
        )
        row.closures = _merge_doors([c for i, res in enumerate(s.restrictions) if r.id in res.causes
                                     for c in closures[i]])
        records.append(row)

    # ---- deeds
    deeds: list[Deed] = []
    for d, st, line in zip(decisions, steps, s.lines):
        ch = choice_model(d.event, d.choice)
        virt = dict(ch.effects.virtues) if ch else {}
        made = [i for i in range(st.first_record, st.last_record + 1) if s.records[i - 1].turn == d.turn]
        gch = choice_model(d.event, st.offer.guide)
        deed = Deed(
            d.turn, d.event, ev_title(d.event), d.choice, ch_text(d.event, d.choice),
            list(ch.behaviours) if ch else [],
            [lex.behaviours[b].legal for b in (ch.behaviours if ch else []) if b in lex.behaviours],
            virt, sum(virt.values()), st.cost, made, sum(s.records[i - 1].points for i in made),
            st.score, st.tier, line.score, line.tier, st.offer.guide, ch_text(d.event, st.offer.guide),
            sum(gch.effects.virtues.values()) if gch else None, line.followed_guide, floors.get(st.tier),
        )
        deed.options = sum(1 for v in st.offer.choices if v.available)
        deed.appeal = next((a.record for a in s.appeals if a.filed == d.turn), None) \
            if ch is not None and ch.effects.appeal else None
        deed.prefs = st.prefs
        if st.prefs is not None and st.prefs.fork:
            deed.score_preferred = ch_text(d.event, _score_pick(st.offer, st.prefs))
        deed.licensed = (deed.harmful and deed.floor is not None and (deed.margin or 0) >= margin
                         and ranks.get(deed.tier_after, 0) <= ranks.get(deed.tier_before, 0))
        deeds.append(deed)

    # ---- the life in numbers
    lines = [TurnRow(ln.turn, ln.event, ev_title(ln.event), ln.choice, ch_text(ln.event, ln.choice), ln.score, ln.tier,
                     ln.money, dict(ln.virtues), sum(ln.virtues.values()), ln.followed_guide) for ln in s.lines]
    labels = {t.id: t.label for t in tiers}
    tier_changes = [TierChange(tc["turn"], tc["from"], tc["to"], labels.get(tc["from"], tc["from"]),
                               labels.get(tc["to"], tc["to"]), tc["score"],
                               ranks.get(tc["to"], 0) > ranks.get(tc["from"], 0), list(tc["causes"]))
                    for tc in s.tier_changes]

    # ---- doors met
    doors: list[DoorMet] = []
    for st in steps:
        for v in st.offer.choices:
            if v.lock is not None and v.lock.kind in ("service", "privilege", "appeal"):
                svc = lex.services.get(v.lock.service) if v.lock.service else None
                doors.append(DoorMet(st.offer.turn, st.offer.title, choice_text(v, sc.calendar.unit), v.lock.service,
                                     svc.name if svc else "", v.lock.institution, lock_reason(v.lock, rb),
                                     list(v.lock.records), v.lock.kind, v.lock.appeal))

    contacts = _contacts(sc, rb, s, deeds, steps)
    data = _data(sc, s, records, deeds)
    appeals = [AppealRow(a.record, records[a.record - 1].description, records[a.record - 1].truth,
                         records[a.record - 1].points, a.filed, a.decides, a.state, a.after_end,
                         records[a.record - 1].kind) for a in s.appeals]

    # ---- forces and legality, from the score as it stands
    standing = [row for row in records if not row.removed]
    forces = {f: {"records": 0, "points": 0, "restrictions": 0, "privileges": 0} for f in FORCES}
    for row in standing:
        forces.setdefault(row.force, {"records": 0, "points": 0, "restrictions": 0, "privileges": 0})
        forces[row.force]["records"] += 1
        forces[row.force]["points"] += row.points
    for res in s.restrictions:
        forces.setdefault(res.force, {"records": 0, "points": 0, "restrictions": 0, "privileges": 0})
        forces[res.force]["restrictions"] += 1
    priv_force = {p.id: p.force for p in rb.model.privilege}
    for entry in s.privilege_log:
        if entry["event"] == "granted":
            f = priv_force.get(entry["id"], "market")
            forces.setdefault(f, {"records": 0, "points": 0, "restrictions": 0, "privileges": 0})
            forces[f]["privileges"] += 1
    legality = {k: 0 for k in (*LEGAL, "association", "wrong")}
    for row in standing:
        key = "wrong" if row.truth == "wrong" else (row.legal or "association")
        legality[key] += row.points

    cities = _cities(sc, rb, seed, decisions, s, other_rulebooks or {})
    ending = game.ending()
    rep = RunReport(
        scenario=sc.id, scenario_title=sc.title, rulebook=rb.id, rulebook_title=rb.title, city=meta.city,
        transparency=meta.transparency, appeals_kind=rb.model.appeals.kind, seed=seed, citizen=sc.citizen.name,
        unit=sc.calendar.unit, calendar_turns=sc.calendar.turns, last_turn=s.turn, finished=s.finished,
        ending=s.ending, ending_title=ending.title if ending else "", ending_text=ending.text if ending else "",
        start_score=meta.start_score, start_tier=g.judge.tier_for(meta.start_score).id, start_money=sc.citizen.money,
        start_virtues=dict(sc.citizen.virtues), score=s.score, tier=s.tier, tier_label=labels.get(s.tier, s.tier),
        money=s.money, virtues=dict(s.virtues), tiers=tiers, lines=lines, tier_changes=tier_changes,
        records=records, deeds=deeds, doors=doors, contacts=contacts, data=data, appeals=appeals,
        forces=forces, legality=legality, cities=cities, licensing_margin=margin, measures={},
        context=meta.context,
    )
    rep.metric_gaming = _metric_gaming(deeds, steps)
    rep.fidelity = _fidelity(deeds, records)
    rep.measures = _measures(rep, rb)
    return rep


def _score_pick(offer: Offer, prefs: Preferences) -> str:
    """The choice the score preferred at a fork: the Guide's pick (it weighs the same), else
    the first of the best offered."""
    if offer.guide in prefs.score_best:
        return offer.guide  # type: ignore[return-value]
    return next(v.id for v in offer.choices if v.id in prefs.score_best)


def _metric_gaming(deeds: list[Deed], steps: list[_Step]) -> MetricGaming:
    return MetricGaming([GamingMoment(d.turn, d.event, d.event_title, d.choice, d.choice_text,
                                      _score_pick(st.offer, d.prefs) if d.prefs else "",
                                      d.score_preferred, d.gamed, len(d.prefs.score_best) if d.prefs else 1)
                         for d, st in zip(deeds, steps) if d.fork])


def _fidelity(deeds: list[Deed], records: list[RecordRow]) -> ScoreFidelity:
    """Good deeds and harms the citizen chose, then wrong or contextless records not already
    counted with their deed, each judged by the points the score gave it."""
    out: list[FidelityMoment] = []
    counted: set[int] = set()
    for d in deeds:
        if not (d.virtuous or d.harmful):
            continue
        sign = 1 if d.virtuous else -1
        verdict = "silent" if d.points == 0 else ("right" if d.points * sign > 0 else "wrong")
        out.append(FidelityMoment(d.turn, "good" if d.virtuous else "harm", verdict, d.points, d.event_title,
                                  d.choice_text))
        counted.update(d.records)
    for r in records:
        if r.kind == "listing" or r.truth not in ("wrong", "contextless") or r.id in counted:
            continue
        out.append(FidelityMoment(r.turn, "wrong_record" if r.truth == "wrong" else "contextless",
                                  "silent" if r.points == 0 else "wrong", r.points, r.event_title, r.choice_text,
                                  r.id, r.description))
    out.sort(key=lambda m: (m.turn, m.record or 0))
    return ScoreFidelity(out)


def _unannounced(r: Record) -> bool:
    """The rule behind the record began without notice: it could not be read before the turn
    the record was made in."""
    return r.readable_from is not None and r.readable_from >= r.turn > 1


def _description(r: Record, sc: Scenario, restrictions: list[Restriction]) -> str:
    """What a record says, in the system's words."""
    if r.kind == "association":
        names = {p.id: p.name for p in sc.citizen.contacts}
        who = _names([names.get(c, c) for c in r.contacts])
        low = r.behaviour.endswith("_low")
        return f"Kept company with {'low' if low else 'high'}-scored contacts ({who})"
    if r.kind == "listing":
        listing = next((x for x in restrictions if x.id == r.rule), None)  # the listing it was made for
        return f"Entered on the list: {listing.name}" if listing else "Entered on a list"
    b = sc.lexicon.behaviours.get(r.behaviour)
    return b.description if b else "An entry without a description"


def _contacts(sc: Scenario, rb: Rulebook, s: CitizenState, deeds: list[Deed], steps: list[_Step]) -> list[ContactRow]:
    low = rb.model.association.low_below
    rows: dict[str, ContactRow] = {}
    for p in sc.citizen.contacts:
        rows[p.id] = ContactRow(p.id, p.name, p.relation, score_for_standing(rb, p.standing), s.contacts[p.id]["score"], p.kept,
                                s.contacts[p.id]["kept"], [], [], 0.0, 0)
    for deed, st in zip(deeds, steps):
        ch = sc.events[deed.event].choice(deed.choice) if deed.event in sc.events else None
        if ch is None:
            continue
        for cid in ch.model.effects.drop_contacts:
            if cid in rows and st.contacts[cid]["kept"]:
                score = st.contacts[cid]["score"]
                rows[cid].dropped.append((deed.turn, score))
                if low is not None and score < low:
                    rows[cid].low_at_drop = True
        for cid in ch.model.effects.add_contacts:
            if cid in rows and not st.contacts[cid]["kept"]:
                rows[cid].taken_up.append((deed.turn, st.contacts[cid]["score"]))
    for r in s.records:
        if r.kind != "association" or r.removed:
            continue
        who = list(r.contacts)
        for cid in who:
            if cid in rows:
                rows[cid].association_points += r.points / len(who)
                rows[cid].association_turns += 1
    return list(rows.values())


def _data(sc: Scenario, s: CitizenState, records: list[RecordRow], deeds: list[Deed]) -> list[DataRow]:
    lex = sc.lexicon
    out = []
    for a in s.acts:
        b = lex.behaviours.get(a.behaviour)
        if b is None or not (b.discloses or b.withholds):
            continue
        rec = records[a.record - 1] if a.record else None
        closed = []
        if rec is not None:
            closed = [c.service_name for c in rec.closures if c.kind == "refusal" and c.factor is None]
        ev = sc.events.get(a.event)
        ch = ev.choice(a.choice) if ev else None
        out.append(DataRow(a.turn, a.behaviour, b.discloses or b.withholds or "", bool(b.discloses),
                           rec.points if rec else 0, a.record, closed, ev.model.title if ev else a.event,
                           ch.model.text if ch else a.choice))
    return out


def _cities(sc: Scenario, rb: Rulebook, seed: int, decisions: list[Decision], own: CitizenState,
            others: dict[str, Rulebook]) -> list[CityRow]:
    rows = [_city(sc, rb, own, len(decisions), None, True)]
    for rid in sorted(others):
        other = others[rid]
        if other.id == rb.id:
            continue
        lived = relive(sc, other, seed, decisions)
        rows.append(_city(sc, other, lived.game.state, len(lived.results), lived.parting, False))
    return rows


def _city(sc: Scenario, rb: Rulebook, s: CitizenState, lived: int, parting: Parting | None, own: bool) -> CityRow:
    label = next((t.label for t in rb.model.tier if t.id == s.tier), s.tier)
    ending = next((e.model.title for e in sc.endings if e.id == s.ending), "") if s.ending else ""
    unshown = 0
    for r in s.records:
        if r.removed:
            continue
        if r.hidden or _unannounced(r):
            unshown += abs(r.points)
    return CityRow(rb.id, rb.title, rb.meta.city, own, lived, parting.turn if parting else None,
                   parting_words(parting, sc, rb) if parting else "", s.score, rb.meta.start_score,
                   s.tier, label, standing(rb, s.tier), s.ending if s.finished else None, ending,
                   len(s.active_records()), _punishments(s, rb.lexicon), unshown,
                   sum(1 for r in s.records if r.truth == "wrong" and r.kind != "listing"), [ln.score for ln in s.lines],
                   parting.expected_event if parting else "", parting.expected_choice if parting else "",
                   parting.kind if parting else "", _title(sc, parting.offered_event) if parting else "",
                   _lock_service(sc, parting))


def _title(sc: Scenario, event: str | None) -> str:
    ev = sc.events.get(event) if event else None
    return ev.model.title if ev else ""


def _lock_service(sc: Scenario, parting: Parting | None) -> str:
    if parting is None or parting.lock is None or parting.lock.service is None:
        return ""
    svc = sc.lexicon.services.get(parting.lock.service)
    return svc.name if svc else ""


# --------------------------------------------------------------------------- measures


def _deed_vars(d: Deed) -> dict[str, Any]:
    return {"turn": d.turn, "event": d.event_title, "choice": _act(d.choice_text), "choice_text": d.choice_text,
            "points": d.points, "virtue": d.virtue, "good_as": _good_as(d), "harm_as": _harm_as(d)}


def _virtue_names(virtues: dict[str, int], sign: int) -> str:
    return _names([k.replace("_", " ") for k, v in virtues.items() if v * sign > 0])


def _good_as(d: Deed) -> str:
    """What a good deed was, by the virtues it moved: "an act of honesty and care"."""
    named = _virtue_names(d.virtues, 1)
    return f"an act of {named}" if named else "a good act"


def _harm_as(d: Deed) -> str:
    """What a harmful act was, by the virtues it cost: "a choice against loyalty"; a lawless
    act that cost none: "an unlawful act that did no good"."""
    named = _virtue_names(d.virtues, -1)
    return f"a choice against {named}" if named else "an unlawful act that did no good"


def _act(text: str) -> str:
    """A choice's text as a clause: "Call your sister first." -> "call your sister first"."""
    t = text.strip().rstrip(".!")
    if len(t) > 1 and t[0].isupper() and t[1].islower():
        t = t[0].lower() + t[1:]
    return t


def _record_as(r: RecordRow) -> dict[str, str]:
    """What a record was, for a text about it: an act of the citizen's, the company they kept
    (a charge made as a turn began, not an act), an entry on a list, or someone else's act."""
    if r.kind == "association":
        return {"record_as": "one record of the company you kept", "One_act": "Not an act of yours"}
    if r.kind == "listing":
        return {"record_as": "one entry on a list", "One_act": "One entry"}
    if r.truth == "wrong":
        return {"record_as": "one record", "One_act": "One record"}
    return {"record_as": "one record", "One_act": "One act"}


#: How a record's truth is owned up to in a text about it.
TRUTH_NOTES = {"wrong": " And it was not even yours.", "contextless": " The record did not say why."}


def _pct(part: float, whole: float) -> int:
    return round(100 * part / whole) if whole else 0


def _measures(rep: RunReport, rb: Rulebook) -> dict[str, Measure]:
    out: dict[str, Measure] = {}

    def put(mid: str, value: float, **vars: Any) -> None:
        out[mid] = Measure(mid, MEASURES[mid][0], value, vars)

    deeds = rep.deeds
    active = [r for r in rep.records if not r.removed]

    # 1. the city, not the citizen
    cities = rep.cities
    whole = [c for c in cities if c.complete]  # lives that part are not the same life to compare
    best = max(whole, key=lambda c: (c.standing, c.own))
    worst = min(whole, key=lambda c: (c.standing, not c.own))
    put("city_gap", best.standing - worst.standing, best_city=best.city, best_tier=tier_name(best.tier, best.tier_label),
        worst_judged=_judged(worst), best_judged=_judged(best), Best_judged=_cap(_judged(best)),
        worst_city=worst.city, worst_tier=tier_name(worst.tier, worst.tier_label), best_score=best.score, worst_score=worst.score,
        decisions=len(deeds), cities=len(whole))
    parted = [c for c in cities if not c.complete]
    first = min(parted, key=lambda c: c.parting_turn or 0) if parted else None
    put("cities_parted", len(parted), **({"city": first.city, "turn": first.parting_turn, "lived": first.lived,
                                          "kind": first.parting_kind, "how": parting_phrase(rep, first),
                                          **_choice_vars(rep, first.parting_event, first.parting_choice)}
                                         if first else {}))

    # 2. the four forces
    cons = {f: c["records"] + c["restrictions"] + c["privileges"] for f, c in rep.forces.items()}
    total = sum(cons.values())
    top = max(sorted(cons), key=lambda f: cons[f]) if total else "law"
    put("consequences", total, **{f: n for f, n in cons.items()})
    put("nonlaw_share", _pct(total - cons.get("law", 0), total), top=top, top_count=cons.get(top, 0),
        law=cons.get("law", 0), total=total)

    # 3. lawful conduct
    moved = sum(abs(r.points) for r in active)
    lawful = [r for r in active if r.legal in ("lawful", "encouraged") and r.truth != "wrong"]
    big = max(lawful, key=lambda r: (abs(r.points), -r.turn), default=None)
    put("lawful_share", _pct(sum(abs(r.points) for r in lawful), moved),
        **(_record_vars(big) if big else {}), moved=moved)
    enc = [r for r in active if r.legal == "encouraged" and r.points > 0 and r.kind in ("act", "data")
           and not r.settles]  # settling what a listing demanded is no free choice
    top_enc = max(enc, key=lambda r: (r.points, -r.turn), default=None)
    put("encouraged_points", sum(r.points for r in enc), count=len(enc), **(_record_vars(top_enc) if top_enc else {}))
    lp = rep.lawful_punished()
    worst_lp = min(lp, key=lambda d: (d.points, d.turn), default=None)
    put("lawful_penalties", -sum(d.points for d in lp), count=len(lp), **(_deed_vars(worst_lp) if worst_lp else {}))

    # 4. score and virtue
    # a turn's score moved by the choice's own records only: the weekly charge for the company
    # kept, or a record of someone else's act, came with the turn, not with the choice
    div: list[tuple[int, TurnRow, Deed]] = []
    for line, deed in zip(rep.lines, deeds):
        if deed.points * deed.virtue < 0:
            div.append((deed.points, line, deed))
    sharp = max(div, key=lambda x: (abs(x[0]), -x[1].turn), default=None)
    sv = {**(_deed_vars(sharp[2]) if sharp else {}), "score_change": sharp[0] if sharp else 0}
    put("divergent_turns", len(div), **sv)
    ds, dv = rep.score - rep.start_score, rep.virtue - rep.start_virtue
    put("virtue_against_score", abs(dv) if ds * dv < 0 else 0, score_change=ds, virtue_change=dv,
        score=rep.score, virtue=rep.virtue, tier=tier_name(rep.tier, rep.tier_label))
    put("virtue_index", dv, virtue=rep.virtue, start=rep.start_virtue)

    # 5. rules never shown
    unshown = [r for r in active if r.unshown and r.points]
    big_u = max(unshown, key=lambda r: (abs(r.points), -r.turn), default=None)
    put("unshown_points", sum(abs(r.points) for r in unshown), lost=-sum(r.points for r in unshown if r.points < 0),
        **(_record_vars(big_u) if big_u else {}),
        why=(f"a rule that began that {rep.unit} without notice" if big_u and big_u.unannounced
             else "a rule you were never shown"))
    put("unshown_records", len(rep.unshown()))  # the entries the Missed page lists, struck out or not

    # 6. punished everywhere
    wrongs = rep.wrongs()
    top_w = wrongs[0] if wrongs else None
    put("max_punishments", top_w.punishments if top_w else 0,
        **({**_record_vars(top_w), "services": _names([c.service_name for c in top_w.closures]),
            "count": top_w.punishments, "closed_count": len(top_w.closed), "priced_count": len(top_w.priced),
            "doors": doors_phrase(top_w), "truth_note": TRUTH_NOTES.get(top_w.truth, ""),
            **_record_as(top_w)} if top_w else {}))
    all_closures = {(c.restriction, c.service) for r in rep.records for c in r.closures}
    put("punishments", len(all_closures), wrongs=len(wrongs))
    svc_doors = [dm for dm in rep.doors if dm.kind in ("service", "privilege")]
    fd = svc_doors[0] if svc_doors else None
    put("doors_met", len(svc_doors), **({"turn": fd.turn, "event": fd.event_title, "choice": _act(fd.choice_text),
                                          "service": fd.service_name, "institution": fd.institution,
                                          "how": ("was closed to you" if fd.kind == "service" else
                                                  "was kept for a privilege you did not hold")} if fd else {}))

    # 7. due process
    wrong = [r for r in rep.records if r.truth == "wrong" and r.kind != "listing"]
    put("wrong_records", len(wrong), **(_record_vars(wrong[0]) if wrong else {}),
        struck=sum(1 for r in wrong if r.removed))
    ctx = [r for r in rep.records if r.truth == "contextless"]
    put("contextless_records", len(ctx), **(_record_vars(ctx[0]) if ctx else {}))
    put("appeals_filed", len(rep.appeals), upheld=sum(1 for a in rep.appeals if a.outcome == "upheld"))
    failed = [a for a in rep.appeals if a.outcome != "upheld"]
    fa = failed[0] if failed else None
    put("appeals_failed", len(failed), **({"turn": fa.filed, "record": fa.description, "outcome": fa.outcome,
                                           "decides": fa.decides, "points": fa.points, "after_end": fa.after_end}
                                          if fa else {}))
    # a city without a procedure, not a contest locked because no record was in dispute
    refused = [dm for dm in rep.doors if dm.kind == "appeal" and dm.appeal == "none"]
    put("appeal_refused", len(refused), **({"turn": refused[0].turn, "event": refused[0].event_title,
                                             "choice": _act(refused[0].choice_text)} if refused else {}))
    # "the record simply stood" only where a record against the citizen was there, made before that turn
    held = [dm for dm in refused
            if any(r.turn < dm.turn and r.kind != "listing" and (r.points < 0 or r.truth == "wrong") for r in rep.records)]
    put("appeal_refused_on_file", len(held), **({"turn": held[0].turn, "event": held[0].event_title,
                                                  "choice": _act(held[0].choice_text)} if held else {}))
    clean = [dm for dm in refused if dm not in held]
    put("appeal_refused_clean", len(clean), **({"turn": clean[0].turn, "event": clean[0].event_title,
                                                "choice": _act(clean[0].choice_text)} if clean else {}))

    # 8. money and conduct
    gained = [d for d in deeds if d.points > 0]
    bought = [d for d in gained if d.cost > 0]
    free_gain = sum(d.points for d in gained if d.cost == 0) + sum(
        r.points for r in rep.records if r.points > 0 and r.kind == "association")
    bp = sum(d.points for d in bought)
    top_b = max(bought, key=lambda d: (d.points, -d.turn), default=None)
    put("bought_points", bp, spent=sum(d.cost for d in bought), count=len(bought),
        **({**_deed_vars(top_b), "cost": top_b.cost} if top_b else {}))
    put("money_share", _pct(bp, bp + free_gain), bought=bp, earned=free_gain, spent=sum(d.cost for d in bought),
        **({**_deed_vars(top_b), "cost": top_b.cost} if top_b else {}))

    # 9. moral licensing
    lic = rep.licensed()
    top_l = max(lic, key=lambda d: (d.margin or 0, -d.turn), default=None)
    put("licensed_harms", len(lic), threshold=rep.licensing_margin,
        **({**_deed_vars(top_l), "margin": top_l.margin,
            "tier": tier_name(top_l.tier_before, rep.tier_name(top_l.tier_before)),
            "score": top_l.score_before} if top_l else {}))

    # 10. association
    dropped = [c for c in rep.contacts if c.dropped_for_score]
    fd2 = min(dropped, key=lambda c: c.dropped[0][0]) if dropped else None
    put("dropped_for_score", len(dropped), **({"name": fd2.name, "relation": fd2.relation, "turn": fd2.dropped[0][0],
                                               "their_score": fd2.dropped[0][1]} if fd2 else {}))
    kept = [c for c in rep.contacts if c.kept_end and c.association_points < 0]
    kc = min(kept, key=lambda c: c.association_points) if kept else None
    put("kept_against_score", len(kept), **({"name": kc.name, "relation": kc.relation,
                                             "cost": -round(kc.association_points), "weeks": kc.association_turns}
                                            if kc else {}))
    start_circle = [c.score_start for c in rep.contacts if c.kept_start]
    end_circle = [c.score_end for c in rep.contacts if c.kept_end]
    mean = lambda xs: round(sum(xs) / len(xs)) if xs else 0  # noqa: E731
    put("circle_shift", mean(end_circle) - mean(start_circle), start=mean(start_circle), end=mean(end_circle),
        start_count=len(start_circle), end_count=len(end_circle))

    # 11. data
    shared = [d for d in rep.data if d.shared]
    refusals = [d for d in rep.data if not d.shared]
    put("data_disclosed", len(shared), sources=_names(sorted({d.source for d in shared})),
        points=sum(d.points for d in shared), **({"turn": shared[0].turn, "source": shared[0].source,
                                                   "event": shared[0].event_title} if shared else {}))
    rc = -sum(d.points for d in refusals if d.points < 0)
    fr = next((d for d in refusals if d.points < 0), refusals[0] if refusals else None)  # one that cost
    closed = sorted({s for d in refusals for s in d.closed})
    put("refusal_cost", rc, count=len(refusals), services=_names(closed),
        **({"turn": fr.turn, "source": fr.source, "event": fr.event_title, "points": -fr.points,
            "choice": _act(fr.choice_text)} if fr else {}))
    put("refusal_closed", len(closed), services=_names(closed), **({"turn": fr.turn, "source": fr.source} if fr else {}))

    # 12. the Guide
    offered = [d for d in deeds if d.guide is not None]
    followed = [d for d in offered if d.followed_guide]
    put("guide_offered", len(offered), followed=len(followed))
    put("guide_rate", _pct(len(followed), len(offered)), followed=len(followed), offered=len(offered),
        declined=len(offered) - len(followed))
    gh = [d for d in followed if d.harmful]
    put("guide_harm_followed", len(gh), **(_deed_vars(gh[0]) if gh else {}),
        recommended=sum(1 for d in offered if (d.guide_virtue or 0) < 0))

    # 13. metrics without context
    mg = rep.metric_gaming
    first_g = next((m for m in mg.moments if m.gamed), None)
    put("metric_gaming", mg.value or 0, forks=mg.forks, gamed=mg.gamed,
        **({"turn": first_g.turn, "event": first_g.event_title, "choice": _act(first_g.chosen_text),
            "preferred": _act(first_g.score_preferred_text)} if first_g else {}))
    put("forks", mg.forks, gamed=mg.gamed)
    fid = rep.fidelity
    counts = {"right": fid.right, "silent": fid.silent, "wrong": fid.wrong, "moments": len(fid.moments)}
    put("score_right", fid.right, **counts)
    put("score_silent", fid.silent, **counts)
    put("score_wrong", fid.wrong, **counts)
    unseen = rep.good_unseen()
    put("good_unseen", len(unseen), **(_deed_vars(unseen[0]) if unseen else {}))
    hr = rep.harms_rewarded()
    top_hr = max(hr, key=lambda d: (d.points, -d.turn), default=None)
    put("harms_rewarded", len(hr), **(_deed_vars(top_hr) if top_hr else {}))
    gp = rep.good_punished()
    top_gp = min(gp, key=lambda d: (d.points, d.turn), default=None)
    put("good_punished", len(gp), **(_deed_vars(top_gp) if top_gp else {}))
    return out


def _judged(c: CityRow) -> str:
    """How a city judged the life: the run's own city is "here", not another city."""
    return f"judged here in {c.city}" if c.own else f"judged by the rules of {c.city}"


def _cap(t: str) -> str:
    return t[:1].upper() + t[1:]


def doors_phrase(r: RecordRow) -> str:
    """"closed two doors (Rail travel and Flights) and made one dearer (Home mortgage at 1.5 times the price)"."""
    parts = []
    if r.closed:
        n = len(r.closed)
        parts.append(f"closed {_count(n, 'door')} ({_names([c.service_name for c in r.closed])})")
    if r.priced:
        n = len(r.priced)
        what = _names([f"{c.service_name} at {c.factor:g} times the price" for c in r.priced])
        parts.append(f"made {'one' if n == 1 else _count(n, 'door')} dearer ({what})")
    return " and ".join(parts)


def parting_phrase(rep: RunReport, c: CityRow) -> str:
    """Why a life under another city parts from this one, from the parting's kind."""
    if c.parting_kind == "ended":
        return "that life had already ended"
    if c.parting_kind == "other_event":
        return f'"{c.parting_other}" came up there instead of "{_choice_vars(rep, c.parting_event, "")["event"]}"'
    cv = _choice_vars(rep, c.parting_event, c.parting_choice)
    if c.parting_kind == "locked":
        why = f": {c.parting_service} was closed to you there" if c.parting_service else ": it was locked there"
        return f'at "{cv["event"]}" you could not have chosen to {cv["choice"]}{why}'
    return f'at "{cv["event"]}" the choice to {cv["choice"]} was not offered'


_SMALL = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def _count(n: int, noun: str) -> str:
    word = _SMALL[n] if 0 <= n < len(_SMALL) else str(n)
    return f"{word} {noun}" + ("" if n == 1 else "s")


def _choice_vars(rep: RunReport, event: str, choice: str) -> dict[str, Any]:
    deed = next((d for d in rep.deeds if d.event == event and (not choice or d.choice == choice)), None)
    if deed is None:
        return {"event": "an event", "choice": "choose as you did"}
    return {"event": deed.event_title, "choice": _act(deed.choice_text)}


def _record_vars(r: RecordRow) -> dict[str, Any]:
    return {"turn": r.turn, "event": r.event_title, "choice": _act(r.choice_text) if r.choice_text else "",
            "record": r.description, "points": r.points, "legal": r.legal or "", "context": r.context or "",
            "force": r.force, "record_id": r.id}


def _names(items: list[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
