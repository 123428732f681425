"""The rulebook at work: records, score, tier, sanctions, blacklists, privileges, appeals.

The judge sees only behaviours, never the story that produced them, so the same decisions
can be judged by any city's rules. What it did is returned as :class:`Notice` facts; the words
are composed by :mod:`game.report.notices`.
"""

from __future__ import annotations

from operator import itemgetter

from ..scenario.content import Rulebook
from ..scenario.models import Blacklist, Choice, DataOffer, Tier, Value
from ..scenario.voice import announcer, withheld_reward
from .outcome import Notice
from .rng import Seeded
from .state import Appeal, CitizenState, Record, Restriction, Truth


def standing(rulebook: Rulebook, tier_id: str) -> int:
    """Where a tier stands among a city's tiers: 100 the best, 0 the worst, so a story can ask
    about status without knowing one city's scale."""
    ids = [t.id for t in rulebook.model.tier]
    if len(ids) < 2 or tier_id not in ids:
        return 100
    return round(100 * (len(ids) - 1 - ids.index(tier_id)) / (len(ids) - 1))


def readable_from(rulebook: Rulebook, item: object) -> int | None:
    """The turn from which a rule can be read in the published rulebook; None: never.

    Redacted rules and every rule of a secret city are never readable. A value that starts
    mid-life without being announced appears only when it starts; an announced one is
    published from the start, with the turn it begins.
    """
    if rulebook.is_hidden(item):
        return None
    if isinstance(item, Value) and item.from_turn > 1 and not item.announced:
        return item.from_turn
    return 1


def listing_of(rulebook: Rulebook, rec: Record) -> Blacklist | None:
    """The blacklist a listing record was made for (None for any other record)."""
    if rec.kind != "listing":
        return None
    return next((b for b in rulebook.model.blacklist if rec.rule == f"blacklist:{b.id}"), None)


def _latest(*turns: int | None) -> int | None:
    """Readable when every rule behind it is: None if any is never readable."""
    return None if any(t is None for t in turns) else max([t for t in turns if t is not None], default=1)


def typical_scores(rulebook: Rulebook) -> list[int]:
    """A typical score for each tier, best first: the tier's own ``typical`` if it declares one,
    else the middle of its band; the best and worst tiers, which have an open side, reach half
    the narrowest closed band beyond their edge (50 points when no band is closed)."""
    tiers = rulebook.model.tier
    if len(tiers) == 1:
        return [tiers[0].typical if tiers[0].typical is not None else rulebook.model.rulebook.start_score]
    mins = [t.min for t in tiers]
    widths: list[int] = []
    for upper, lower in zip(mins[:-2], mins[1:-1]):  # the closed bands
        if upper is not None and lower is not None:
            widths.append(upper - lower)
    half = min(widths) / 2 if widths else 50
    out: list[int] = []
    for i, t in enumerate(tiers):
        if t.typical is not None:
            out.append(t.typical)
        elif i == 0:
            out.append(round((mins[0] or 0) + half))
        elif i == len(tiers) - 1:
            out.append(round((mins[i - 1] or 0) - half))
        else:
            out.append(round(((mins[i] or 0) + (mins[i - 1] or 0)) / 2))
    return out


def score_for_standing(rulebook: Rulebook, standing: int) -> int:
    """A contact's score on this city's scale, from their standing (0-100, as for the citizen).

    Each tier's typical score sits at the tier's own standing (100 for the best, 0 for the
    worst, evenly between); standings in between are drawn on a straight line, so a contact
    who stands where a tier stands is scored in that tier in every city."""
    typ = typical_scores(rulebook)
    n = len(typ)
    if n == 1:
        return typ[0]
    s = max(0.0, min(100.0, float(standing)))
    pos = (100.0 - s) * (n - 1) / 100.0  # 0 at the best tier, n-1 at the worst
    i = min(int(pos), n - 2)
    frac = pos - i
    return round(typ[i] + (typ[i + 1] - typ[i]) * frac)


_NONE: frozenset[str] = frozenset()
_KEPT_SCORE = itemgetter("kept", "score")


class Tables:
    """What a rulebook says, indexed for the engine: built once per rulebook (kept in
    ``Rulebook.memo``) and shared by every life judged under it. Pure functions of the rules,
    so a lookup here answers exactly what a scan of the rulebook would."""

    def __init__(self, rulebook: Rulebook) -> None:
        m = rulebook.model
        self.tiers = list(m.tier)
        self.rank = {t.id: i for i, t in enumerate(self.tiers)}
        self.tier_ids = [t.id for t in self.tiers]
        self.standing = {t.id: standing(rulebook, t.id) for t in self.tiers}
        self.labels: dict[str, str] = {}
        for t in self.tiers:
            self.labels.setdefault(t.id, t.label)
        self.tier_of: dict[int, Tier] = {}  # score -> tier, filled as scores come up
        self.contact_score: dict[int, int] = {}  # standing -> score, filled as asked
        self.privileges = {p.id: p for p in m.privilege}
        self.blacklists = {b.id: b for b in m.blacklist}
        self.triggers: dict[str, list[Blacklist]] = {}
        for bl in m.blacklist:
            for b in dict.fromkeys(bl.triggers):
                self.triggers.setdefault(b, []).append(bl)
        #: Behaviours that lift some listing: only a choice performing one can settle one.
        self.lifters = {b for bl in m.blacklist for b in bl.lifted_by}
        self.offers_by_source = {o.source: o for o in m.data_offer}
        self.by_privilege = [svc.id for svc in rulebook.lexicon.services.values() if svc.by_privilege]
        self.sanctions = [(s, f"sanction:{s.id}", frozenset(s.tiers)) for s in m.sanction]
        self.privilege_tiers = [(p, frozenset(p.tiers)) for p in m.privilege]
        #: tier -> the sanctions (restriction ids) and privileges (ids) it calls for.
        self.sanctions_for = {t.id: frozenset(rid for s, rid, tiers in self.sanctions if t.id in tiers)
                              for t in self.tiers}
        self.privileges_for = {t.id: frozenset(p.id for p, tiers in self.privilege_tiers if t.id in tiers)
                               for t in self.tiers}
        #: The association's groups that can make a record: (name, threshold, points, below?).
        a = m.association
        self.association = [(name, threshold, pts, below) for name, threshold, pts, below in
                            (("low", a.low_below, a.low_points, True), ("high", a.high_above, a.high_points, False))
                            if threshold is not None and pts]
        self.association_hidden = rulebook.is_hidden(a)
        self.association_readable = readable_from(rulebook, a)
        #: turn -> the values that start then and are announced (a rule-change notice).
        self.announced: dict[int, list[Value]] = {}
        for v in m.value:
            if v.from_turn > 1 and v.announced and not rulebook.is_hidden(v):
                self.announced.setdefault(v.from_turn, []).append(v)
        self.value: dict[tuple[str, int], Value | None] = {}  # (behaviour, turn) -> value_for
        self.expected: dict[tuple[str, int, bool], float] = {}  # -> Judge.expected_points
        self.offer: dict[str, tuple[DataOffer, bool] | None] = {}  # behaviour -> Judge.offer_for
        self.acts: dict[tuple[str, int], tuple] = {}  # (behaviour, turn) -> Judge._act
        #: The Guide's remembered advice and which events it may be remembered for (see
        #: :func:`game.engine.guide.advise`); keyed by the event's identity, kept with it.
        self.advice: dict[tuple, tuple] = {}
        self.static: dict[int, tuple] = {}
        #: A scenario's citizen at the start, as this rulebook sees them, and the association's
        #: groups by circle (see Game._start), keyed by the (voiced) scenario's identity, kept
        #: with it.
        self.start: dict[int, tuple] = {}
        self.announcer = announcer(rulebook)

    @staticmethod
    def of(rulebook: Rulebook) -> "Tables":
        t = rulebook.memo.get("judge")
        if t is None:
            t = rulebook.memo["judge"] = Tables(rulebook)
        return t


class Judge:
    def __init__(self, rulebook: Rulebook, seed: int, last_turn: int | None = None, words: bool = True) -> None:
        self.rb = rulebook
        #: False: no notice is made (playtest bots that read none); what the judge does to the
        #: state is the same either way.
        self.words = words
        self.last_turn = last_turn  # the calendar's end, so an appeal due after it says so
        self.meta = rulebook.model.rulebook
        self.lex = rulebook.lexicon
        self.seed = seed
        #: the run's draws (see game.engine.rng.Seeded), shared with the game
        self.rng = Seeded(seed)
        self.t = Tables.of(rulebook)
        self.announcer = self.t.announcer
        self.secret = self.meta.transparency == "secret"
        self._offers_by_source = self.t.offers_by_source
        self._tally: tuple[list[Record] | None, int, int] = (None, 0, 0)  # see score()
        #: circle -> the association's groups (see _association); a Game gives the one its
        #: scenario's lives share under this rulebook
        self._circles: dict[tuple, list] = {}
        #: (the state's contacts, their groups): the circle as _association last found it,
        #: until Game says a choice changed it (see circle_changed)
        self._circle: tuple | None = None
        self._steady: tuple | None = None  # see refresh
        #: How many times a record was struck out (the only change made to a record's points
        #: once it is listed): whoever sums the dossier again can tell when it must.
        self.struck = 0

    # ------------------------------------------------------------------ score and tier

    def score(self, state: CitizenState) -> int:
        """The start score plus the points of every record not struck out.

        Records are only ever appended, and struck out only by this judge (which forgets its
        tally when it does), so the sum is carried from one call to the next and only new
        records are added; another list of records (a restored state) is summed afresh."""
        recs = state.records
        listed, n, total = self._tally
        k = len(recs)
        if listed is not recs or n > k:
            n, total = 0, 0
        if n < k:
            for r in recs[n:]:
                if not r.removed:
                    total += r.points
        self._tally = (recs, k, total)
        return self.meta.start_score + total

    def tier_for(self, score: int) -> Tier:
        got = self.t.tier_of.get(score)
        if got is None:
            got = self.t.tiers[-1]
            for t in self.t.tiers:
                if t.min is not None and score >= t.min:
                    got = t
                    break
            self.t.tier_of[score] = got
        return got

    def standing(self, tier_id: str) -> int:
        got = self.t.standing.get(tier_id)
        return standing(self.rb, tier_id) if got is None else got

    def contact_score(self, standing: int) -> int:
        got = self.t.contact_score.get(standing)
        if got is None:
            got = self.t.contact_score[standing] = score_for_standing(self.rb, standing)
        return got

    def tier_label(self, tier_id: str) -> str:
        return self.t.labels.get(tier_id, tier_id)

    # ------------------------------------------------------------------ services

    def closed(self, state: CitizenState) -> dict[str, Restriction | None]:
        """Closed services -> the restriction closing them (None: needs a privilege)."""
        opened = {s for pid in state.privileges for s in self._privilege(pid).opens} if state.privileges else _NONE
        out: dict[str, Restriction | None] = {}
        for r in state.restrictions:
            if r.ended is None:  # active
                for s in r.closes:
                    if s not in opened:
                        out.setdefault(s, r)
        for sid in self.t.by_privilege:  # the services only a privilege opens, in the lexicon's order
            if sid not in opened:
                out.setdefault(sid, None)
        return out

    def price_factor(self, state: CitizenState, service: str) -> float:
        f = 1.0
        for r in state.restrictions:
            if r.ended is None:  # active, in the order active_restrictions() gives
                f *= r.prices.get(service, 1.0)
        if state.privileges:
            privileges = self.t.privileges
            for pid in state.privileges:
                f *= privileges[pid].prices.get(service, 1.0)
        return f

    def _privilege(self, pid: str):
        return self.t.privileges[pid]

    # ------------------------------------------------------------------ observing acts

    def offer_for(self, behaviour: str) -> tuple[DataOffer, bool] | None:
        try:
            return self.t.offer[behaviour]
        except KeyError:
            pass
        got: tuple[DataOffer, bool] | None = None
        b = self.lex.behaviours.get(behaviour)
        if b is None:
            got = None
        elif b.discloses and b.discloses in self._offers_by_source:
            got = self._offers_by_source[b.discloses], True
        elif b.withholds and b.withholds in self._offers_by_source:
            got = self._offers_by_source[b.withholds], False
        self.t.offer[behaviour] = got
        return got

    def triggers(self, behaviour: str) -> list[Blacklist]:
        """The blacklists a record of ``behaviour`` puts the citizen on (a shared list: read it)."""
        return self.t.triggers.get(behaviour, [])

    def value_for(self, behaviour: str, turn: int) -> Value | None:
        """``Rulebook.value_for``, remembered per (behaviour, turn)."""
        key = (behaviour, turn)
        try:
            return self.t.value[key]
        except KeyError:
            got = self.t.value[key] = self.rb.value_for(behaviour, turn)
            return got

    def expected_points(self, behaviour: str, turn: int, visible_only: bool) -> float:
        """What the Guide can foresee: points times the chance of being seen."""
        key = (behaviour, turn, visible_only)
        got = self.t.expected.get(key)
        if got is None:
            got = self.t.expected[key] = self._expected_points(behaviour, turn, visible_only)
        return got

    def _expected_points(self, behaviour: str, turn: int, visible_only: bool) -> float:
        total = 0.0
        value = self.value_for(behaviour, turn)
        if value and not (visible_only and self.rb.is_hidden(value)):
            total += value.points * self.observe_chance(behaviour, value)
        offer = self.offer_for(behaviour)
        if offer and not (visible_only and self.rb.is_hidden(offer[0])):
            total += offer[0].share_points if offer[1] else offer[0].refuse_points
        for bl in self.triggers(behaviour):
            if not (visible_only and self.rb.is_hidden(bl)):
                total += bl.points * self.meta.observe
        return total

    def observe_chance(self, behaviour: str, value: Value | None) -> float:
        """A value's own chance, else its domain's, else the rulebook's default."""
        if value is not None and value.observe is not None:
            return value.observe
        b = self.lex.behaviours.get(behaviour)
        if b is not None and b.domain in self.meta.observe_domains:
            return self.meta.observe_domains[b.domain]
        return self.meta.observe

    def default_force(self, behaviour: str) -> str:
        b = self.lex.behaviours.get(behaviour)
        return "law" if b is not None and b.legal == "illegal" else "norms"

    def observe_act(
        self, state: CitizenState, turn: int, behaviour: str, event: str, choice: str,
        context: str | None, notices: list[Notice],
    ) -> Record | None:
        """Record an act if this rulebook cares about it and sees it."""
        value, offer, bls, p, (points, force, rule, hidden, note, readable) = self._act(behaviour, turn)
        lifts = [r for r in state.restrictions if r.ended is None and r.kind == "blacklist"
                 and behaviour in self._blacklist(r.id).lifted_by] if behaviour in self.t.lifters else []
        if value is None and offer is None and not bls and not lifts:
            return None  # not this city's business: never recorded
        if lifts:
            p = 1.0  # settled debts are always registered
        if not self.rng.chance(turn, f"observe:{event}:{choice}:{behaviour}", p):
            return None
        if lifts:
            readable = _latest(readable, *(readable_from(self.rb, self._blacklist(r.id)) for r in lifts))
        truth: Truth = "true"
        if context:
            if self.meta.context == "ignored":
                truth = "contextless"
            else:
                points = round(points * self.meta.context_factor)
        # positional, in Record's field order (id, turn, behaviour, kind, truth, points, force, rule,
        # hidden, event, choice, context, note, removed, appealed, contacts, readable_from, settles)
        rec = Record(len(state.records) + 1, turn, behaviour, "data" if offer else "act", truth, points, force,
                     rule, hidden, event, choice, context, note, False, False, [], readable,
                     [r.id for r in lifts] if lifts else [])
        state.records.append(rec)
        if self.words:
            notices.append(self.record_notice(rec))
        if offer is not None and not offer[1] and offer[0].refuse_closes:
            self._restrict(state, turn, Restriction(
                id=f"refusal:{offer[0].source}", kind="refusal", name=withheld_reward(offer[0].source),
                closes=list(offer[0].refuse_closes), prices={}, institution=self.announcer,
                force=offer[0].force, started=turn, causes=[rec.id], hidden=self.rb.is_hidden(offer[0]),
                reason=offer[0].reason,
            ), notices)
        if bls:  # the blacklists a record of this behaviour puts the citizen on (see _act)
            self._blacklist_for(state, turn, rec, notices)
        for r in lifts:
            self._end(state, turn, r, notices, why="settled")
        return rec

    def _act(self, behaviour: str, turn: int) -> tuple:
        """What a record of ``behaviour`` at ``turn`` would be, listings settled aside: (value,
        data offer, blacklists it triggers, chance of being seen, (points, force, rule, hidden,
        note, readable from)); remembered per (behaviour, turn)."""
        key = (behaviour, turn)
        got = self.t.acts.get(key)
        if got is not None:
            return got
        value = self.value_for(behaviour, turn)
        offer = self.offer_for(behaviour)
        bls = self.triggers(behaviour)
        # handed-over data is always registered
        p = 1.0 if offer is not None else self.observe_chance(behaviour, value)
        points, force, rule, hidden, note = 0, self.default_force(behaviour), f"value:{behaviour}", False, ""
        readable = _latest(*(readable_from(self.rb, x) for x in [value, offer[0] if offer else None] if x))
        if value is not None:
            points += value.points
            force = value.force or force
            hidden = self.rb.is_hidden(value)
            note = " ".join(x for x in (value.article, value.reason) if x)
        if offer is not None:
            o, shares = offer
            points += o.share_points if shares else o.refuse_points
            force, rule, hidden = o.force, f"data:{o.source}", self.rb.is_hidden(o)
            note = note or o.reason
        got = self.t.acts[key] = (value, offer, bls, p, (points, force, rule, hidden, note, readable))
        return got

    def record_notice(self, rec: Record, ref: str | None = None) -> Notice:
        """``ref``: for an association record, which side of the circle ("low", "high")."""
        return Notice("record", rec.points, self.announcer, rec.force, rec.id, rec.hidden or self.secret,
                      behaviour=rec.behaviour, entry=rec.kind, secret=self.secret, note=rec.note, ref=ref,
                      contacts=tuple(rec.contacts), truth=rec.truth)

    # ------------------------------------------------------------------ blacklists

    def _blacklist(self, rid: str) -> Blacklist:
        return self.t.blacklists[rid.split(":", 1)[1]]

    def _blacklist_for(self, state: CitizenState, turn: int, rec: Record, notices: list[Notice]) -> None:
        for bl in self.triggers(rec.behaviour):
            rid = f"blacklist:{bl.id}"
            active = next((r for r in state.active_restrictions() if r.id == rid), None)
            if active is not None:
                active.causes.append(rec.id)
                continue
            if bl.points:
                extra = Record(
                    id=state.next_record_id(), turn=turn, behaviour=rec.behaviour, kind="listing",
                    truth=rec.truth, points=bl.points, force=bl.force, rule=rid,
                    hidden=self.rb.is_hidden(bl), event=rec.event, choice=rec.choice, context=rec.context,
                    note=bl.reason, readable_from=readable_from(self.rb, bl),
                )
                state.records.append(extra)
                if self.words:
                    notices.append(self.record_notice(extra))
            self._restrict(state, turn, Restriction(
                id=rid, kind="blacklist", name=bl.name, closes=list(bl.closes), prices=dict(bl.prices),
                institution=bl.institution or self.announcer, force=bl.force, started=turn,
                causes=[rec.id], hidden=self.rb.is_hidden(bl), reason=bl.reason,
                ends=turn + bl.duration - 1 if bl.duration else None,
            ), notices)

    # ------------------------------------------------------------------ restrictions

    def _restrict(self, state: CitizenState, turn: int, r: Restriction, notices: list[Notice]) -> None:
        state.restrictions.append(r)
        if self.words:
            notices.append(Notice("sanction_start", 0, r.institution, r.force, hidden=r.hidden or self.secret,
                                  ref=r.id, services=tuple(r.closes), effects=tuple(r.effects()), until=r.ends,
                                  note=r.reason, secret=self.secret))

    def _end(self, state: CitizenState, turn: int, r: Restriction, notices: list[Notice], why: str) -> None:
        r.ended = turn
        # A listing's own points last only as long as the listing (a listing record's rule is
        # its blacklist's restriction id: no record is a sanction's or a refusal's).
        for rec in state.records if r.kind == "blacklist" else ():
            if rec.kind == "listing" and rec.rule == r.id and not rec.removed:
                rec.removed = True
                self._tally = (None, 0, 0)
                self.struck += 1
                if self.words:
                    notices.append(Notice("record", -rec.points, r.institution, rec.force, rec.id,
                                          rec.hidden or self.secret, behaviour=rec.behaviour, entry=rec.kind,
                                          secret=self.secret, lapsed=True))
        if self.words:
            notices.append(Notice("sanction_end", 0, r.institution, r.force, hidden=r.hidden or self.secret, ref=r.id,
                                  services=tuple(r.closes), effects=tuple(r.effects()), lifted=why,
                                  secret=self.secret))

    def _causes(self, state: CitizenState, fresh: list[int], tiers: list[str]) -> list[int]:
        """The records a tier sanction answers: the fewest new penalties, heaviest first,
        without which the citizen would not be in a sanctioned tier."""
        new = sorted((state.records[i - 1] for i in fresh if state.records[i - 1].points < 0),
                     key=lambda r: r.points)
        if not new:
            return [r.id for r in state.active_records() if r.points < 0]
        chosen: list[int] = []
        score = state.score
        for rec in new:
            chosen.append(rec.id)
            score -= rec.points
            if self.tier_for(score).id not in tiers:
                break
        return chosen

    def refresh(self, state: CitizenState, turn: int, fresh: list[int], notices: list[Notice]) -> None:
        """Recompute score and tier, then start or end tier sanctions and privileges."""
        state.score = score = self.score(state)
        tier = self.t.tier_of.get(score)  # tier_for, as it remembers it
        if tier is None:
            tier = self.tier_for(score)
        steady = self._steady
        if steady is not None and steady[0] is state and steady[1] == tier.id == state.tier \
                and steady[2] == len(state.restrictions) and steady[3] == len(state.privileges):
            # The last refresh of this state left its tier sanctions and privileges in step with
            # this same tier, and nothing has been restricted or granted since (only this method
            # grants, and ends a sanction; a restriction ended elsewhere is a listing or a
            # refusal): the loops below would change nothing.
            return
        if tier.id != state.tier:
            old = state.tier
            state.tier = tier.id
            ranks = self.t.tier_ids
            down = ranks.index(tier.id) > ranks.index(old) if old in ranks else False
            state.tier_changes.append({"turn": turn, "from": old, "to": tier.id, "score": state.score, "causes": list(fresh)})
            if self.words:
                notices.append(Notice("tier", 0, self.announcer, "architecture", ref="down" if down else "up",
                                      from_tier=old, tier=tier.id))
        ended = False
        actives: dict[str, Restriction] = {}
        if self.t.sanctions:
            for r in state.restrictions:
                if r.ended is None and r.kind == "sanction":
                    actives.setdefault(r.id, r)
        # When what is in force is what the tier calls for, the loops below would change nothing.
        want = self.t.sanctions_for.get(state.tier, _NONE)
        sanctions = self.t.sanctions if len(actives) != len(want) or not want.issuperset(actives) else ()
        want = self.t.privileges_for.get(state.tier, _NONE)
        held = state.privileges
        privileges = self.t.privilege_tiers if len(held) != len(want) or not want.issuperset(held) else ()
        for s, rid, tiers in sanctions:
            active = actives.get(rid)
            wanted = state.tier in tiers
            if wanted and active is None:
                # positional, in Restriction's field order (id, kind, name, closes, prices,
                # institution, force, started, causes, hidden, reason)
                self._restrict(state, turn, Restriction(
                    rid, "sanction", s.name, list(s.closes), dict(s.prices), s.institution or self.announcer,
                    s.force, turn, self._causes(state, fresh, s.tiers), self.rb.is_hidden(s), s.reason,
                ), notices)
            elif not wanted and active is not None:
                self._end(state, turn, active, notices, why="tier")
                ended = True
        for p, ptiers in privileges:
            wanted = state.tier in ptiers
            if wanted and p.id not in state.privileges:
                state.privileges[p.id] = turn
                state.privilege_log.append({"id": p.id, "turn": turn, "event": "granted"})
                if self.words:
                    notices.append(Notice("privilege_start", 0, p.institution or self.announcer, p.force,
                                          hidden=self.rb.is_hidden(p), ref=p.id, services=tuple(p.opens)))
            elif not wanted and p.id in state.privileges:
                del state.privileges[p.id]
                state.privilege_log.append({"id": p.id, "turn": turn, "event": "withdrawn"})
                if self.words:
                    notices.append(Notice("privilege_end", 0, p.institution or self.announcer, p.force,
                                          hidden=self.rb.is_hidden(p), ref=p.id, services=tuple(p.opens)))
        if ended:  # ending a restriction may strike its own records out
            state.score = self.score(state)
            if self.tier_for(state.score).id != state.tier:
                self._steady = None  # out of step with its own score: the next refresh does it all
                return
        self._steady = (state, state.tier, len(state.restrictions), len(state.privileges))

    # ------------------------------------------------------------------ appeals

    def appealable(self, state: CitizenState) -> list[Record]:
        """Records the citizen can contest: wrong or without context, standing, not yet appealed.
        A listing is not among them: it falls with the record that caused it."""
        return [r for r in state.records if r.truth in ("wrong", "contextless") and not r.removed
                and not r.appealed and r.kind != "listing"]

    def file_appeal(self, state: CitizenState, turn: int, notices: list[Notice], behaviour: str | None = None) -> None:
        targets = [r for r in self.appealable(state) if behaviour is None or r.behaviour == behaviour]
        if not targets:
            return
        rec = targets[-1]
        rec.appealed = True
        ap = self.rb.model.appeals
        due = turn + ap.delay
        after_end = self.last_turn is not None and due > self.last_turn
        state.appeals.append(Appeal(record=rec.id, filed=turn, decides=due, after_end=after_end))
        if self.words:
            notices.append(Notice("appeal", 0, ap.institution or self.announcer, "law", rec.id, appeal="pending",
                                  decides=due, after_end=after_end))
        if ap.delay == 0:
            self._decide_appeals(state, turn, notices)

    def _decide_appeals(self, state: CitizenState, turn: int, notices: list[Notice]) -> list[int]:
        ap = self.rb.model.appeals
        who = ap.institution or self.announcer
        changed: list[int] = []
        for a in state.appeals:
            if a.outcome is not None or a.decides > turn:
                continue
            rec = state.records[a.record - 1]
            p = 1.0 if ap.kind == "fair" else ap.success
            if self.rng.chance(turn, f"appeal:{a.record}", p):
                a.outcome = "upheld"
                rec.removed = True
                self._tally = (None, 0, 0)
                self.struck += 1
                changed.append(rec.id)
                if self.words:
                    notices.append(Notice("appeal", -rec.points, who, "law", rec.id, appeal="upheld", decides=turn))
                for extra in state.records:
                    if extra.kind == "listing" and extra.turn == rec.turn and extra.behaviour == rec.behaviour and extra.choice == rec.choice:
                        extra.removed = True
                        self._tally = (None, 0, 0)
                        self.struck += 1
                for r in state.active_restrictions():
                    if rec.id in r.causes and all(state.records[c - 1].removed for c in r.causes):
                        if r.kind in ("blacklist", "refusal"):
                            self._end(state, turn, r, notices, why="appeal")
            else:
                a.outcome = "dismissed"
                if self.words:
                    notices.append(Notice("appeal", 0, who, "law", rec.id, appeal="dismissed", decides=turn))
        return changed

    # ------------------------------------------------------------------ the turn boundary

    def start_turn(self, state: CitizenState, turn: int, notices: list[Notice]) -> None:
        """What happens as a new turn begins, before its event."""
        made = len(state.records)
        for v in self.t.announced.get(turn, ()) if self.words else ():
            notices.append(Notice("rule_change", 0, self.announcer, v.force or self.default_force(v.behaviour),
                                  behaviour=v.behaviour, worth=v.points,
                                  note=" ".join(x for x in (v.article, v.reason) if x)))
        expired: list[Restriction] | tuple = ()
        if state.restrictions:
            expired = [r for r in state.restrictions if r.ended is None and r.ends is not None and r.ends < turn]
            for r in expired:
                self._end(state, turn, r, notices, why="expired")
        struck = self._decide_appeals(state, turn, notices) if state.appeals else ()
        fresh = self._association(state, turn, notices) if self.t.association else []
        m = self.meta
        if m.wrong_records and self.rng.chance(turn, "wrong-record", m.error_rate):
            fresh += self._wrong_record(state, turn, notices)
        # The last refresh (at the decision, or the turn before) left score, tier, sanctions and
        # privileges in step; unless a record was made, struck out or closed since, another
        # would change nothing.
        if expired or struck or len(state.records) != made:
            self.refresh(state, turn, fresh, notices)

    def _association(self, state: CitizenState, turn: int, notices: list[Notice]) -> list[int]:
        made: list[int] = []
        # Every turn, in every city that scores the circle. The groups follow from each
        # contact's (kept, score) alone, which seldom change: worked out once per circle seen
        # (a life's contacts are its scenario's, always in the same order, so their values
        # alone tell one circle from another).
        last = self._circle
        if last is not None and last[0] is state.contacts:
            groups = last[1]  # no choice has changed the circle since (see circle_changed)
        else:
            circle = tuple(map(_KEPT_SCORE, state.contacts.values()))
            groups = self._circles.get(circle)
            if groups is None:
                groups = self._circles[circle] = self._groups(state)
            self._circle = (state.contacts, groups)
        if not groups:
            return made
        records = state.records
        a = self.rb.model.association
        for name, pts, who, behaviour, rule in groups:
            # positional, in Record's field order (see observe_act)
            rec = Record(len(records) + 1, turn, behaviour, "association", "true",
                         pts, a.force, rule, self.t.association_hidden, None, None,
                         None, a.reason, False, False, list(who), self.t.association_readable, [])
            records.append(rec)
            made.append(rec.id)
            if self.words:
                notices.append(self.record_notice(rec, name))
        return made

    def circle_changed(self) -> None:
        """A choice took up, dropped or moved a contact: the circle is read again at the next
        turn. (A state restored has contacts of its own, which are read afresh anyway.)"""
        self._circle = None

    def _groups(self, state: CitizenState) -> list[tuple[str, int, tuple[str, ...], str, str]]:
        """(group, points, its contacts sorted, its records' behaviour, its records' rule) for
        each group of the association with anyone in it, from the circle as it stands."""
        kept = [(cid, c["score"]) for cid, c in state.contacts.items() if c["kept"]]
        out = []
        for name, threshold, pts, below in self.t.association if kept else ():
            who = [cid for cid, score in kept if (score < threshold if below else score > threshold)]
            if who:
                out.append((name, pts * len(who), tuple(sorted(who)), f"association_{name}", f"association:{name}"))
        return out

    def _wrong_record(self, state: CitizenState, turn: int, notices: list[Notice]) -> list[int]:
        """The wrong record the turn's draw has made (``start_turn`` has drawn whether there is one)."""
        m = self.meta
        behaviour = self.rng.draw(turn, "wrong-record-which").choice(m.wrong_records)
        value = self.value_for(behaviour, turn)
        rec = Record(
            id=state.next_record_id(), turn=turn, behaviour=behaviour, kind="wrong", truth="wrong",
            points=value.points if value else 0,
            force=(value.force if value and value.force else self.default_force(behaviour)),
            rule=f"value:{behaviour}", hidden=self.rb.is_hidden(value) if value else False,
            note=" ".join(x for x in ((value.article, value.reason) if value else ()) if x),
            readable_from=readable_from(self.rb, value) if value else 1,
        )
        state.records.append(rec)
        if self.words:
            notices.append(self.record_notice(rec))
        self._blacklist_for(state, turn, rec, notices)
        return [rec.id]
