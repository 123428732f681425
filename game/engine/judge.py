"""The rulebook at work: records, score, tier, sanctions, blacklists, privileges, appeals.

The judge sees only behaviours, never the story that produced them, so the same decisions
can be judged by any city's rules. What it did is returned as :class:`Notice` facts; the words
are composed by :mod:`game.report.notices`.
"""

from __future__ import annotations

from ..scenario.content import Rulebook
from ..scenario.models import Blacklist, Choice, DataOffer, Tier, Value
from ..scenario.voice import announcer, withheld_reward
from .outcome import Notice
from .rng import chance, draw
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


class Judge:
    def __init__(self, rulebook: Rulebook, seed: int, last_turn: int | None = None) -> None:
        self.rb = rulebook
        self.last_turn = last_turn  # the calendar's end, so an appeal due after it says so
        self.meta = rulebook.model.rulebook
        self.lex = rulebook.lexicon
        self.seed = seed
        self.announcer = announcer(rulebook)
        self.secret = self.meta.transparency == "secret"
        self._offers_by_source = {o.source: o for o in rulebook.model.data_offer}

    # ------------------------------------------------------------------ score and tier

    def score(self, state: CitizenState) -> int:
        return self.meta.start_score + sum(r.points for r in state.records if not r.removed)

    def tier_for(self, score: int) -> Tier:
        for t in self.rb.model.tier:
            if t.min is not None and score >= t.min:
                return t
        return self.rb.model.tier[-1]

    def standing(self, tier_id: str) -> int:
        return standing(self.rb, tier_id)

    def contact_score(self, standing: int) -> int:
        return score_for_standing(self.rb, standing)

    def tier_label(self, tier_id: str) -> str:
        for t in self.rb.model.tier:
            if t.id == tier_id:
                return t.label
        return tier_id

    # ------------------------------------------------------------------ services

    def closed(self, state: CitizenState) -> dict[str, Restriction | None]:
        """Closed services -> the restriction closing them (None: needs a privilege)."""
        opened = {s for pid in state.privileges for s in self._privilege(pid).opens}
        out: dict[str, Restriction | None] = {}
        for r in state.active_restrictions():
            for s in r.closes:
                if s not in opened:
                    out.setdefault(s, r)
        for svc in self.lex.services.values():
            if svc.by_privilege and svc.id not in opened:
                out.setdefault(svc.id, None)
        return out

    def price_factor(self, state: CitizenState, service: str) -> float:
        f = 1.0
        for r in state.active_restrictions():
            f *= r.prices.get(service, 1.0)
        for pid in state.privileges:
            f *= self._privilege(pid).prices.get(service, 1.0)
        return f

    def _privilege(self, pid: str):
        return next(p for p in self.rb.model.privilege if p.id == pid)

    # ------------------------------------------------------------------ observing acts

    def offer_for(self, behaviour: str) -> tuple[DataOffer, bool] | None:
        b = self.lex.behaviours.get(behaviour)
        if b is None:
            return None
        if b.discloses and b.discloses in self._offers_by_source:
            return self._offers_by_source[b.discloses], True
        if b.withholds and b.withholds in self._offers_by_source:
            return self._offers_by_source[b.withholds], False
        return None

    def triggers(self, behaviour: str) -> list[Blacklist]:
        return [bl for bl in self.rb.model.blacklist if behaviour in bl.triggers]

    def expected_points(self, behaviour: str, turn: int, visible_only: bool) -> float:
        """What the Guide can foresee: points times the chance of being seen."""
        total = 0.0
        value = self.rb.value_for(behaviour, turn)
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
        value = self.rb.value_for(behaviour, turn)
        offer = self.offer_for(behaviour)
        bls = self.triggers(behaviour)
        lifts = [r for r in state.active_restrictions()
                 if r.kind == "blacklist" and behaviour in self._blacklist(r.id).lifted_by]
        if value is None and offer is None and not bls and not lifts:
            return None  # not this city's business: never recorded
        if offer is not None or lifts:
            p = 1.0  # handed-over data and settled debts are always registered
        else:
            p = self.observe_chance(behaviour, value)
        if not chance(self.seed, turn, f"observe:{event}:{choice}:{behaviour}", p):
            return None
        points, force, rule, hidden, note = 0, self.default_force(behaviour), f"value:{behaviour}", False, ""
        readable = _latest(*(readable_from(self.rb, x) for x in
                             [value, offer[0] if offer else None, *(self._blacklist(r.id) for r in lifts)] if x))
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
        truth: Truth = "true"
        if context:
            if self.meta.context == "ignored":
                truth = "contextless"
            else:
                points = round(points * self.meta.context_factor)
        rec = Record(
            id=state.next_record_id(), turn=turn, behaviour=behaviour, kind="data" if offer else "act",
            truth=truth, points=points, force=force, rule=rule, hidden=hidden, event=event,
            choice=choice, context=context, note=note, readable_from=readable, settles=[r.id for r in lifts],
        )
        state.records.append(rec)
        notices.append(self.record_notice(rec))
        if offer is not None and not offer[1] and offer[0].refuse_closes:
            self._restrict(state, turn, Restriction(
                id=f"refusal:{offer[0].source}", kind="refusal", name=withheld_reward(offer[0].source),
                closes=list(offer[0].refuse_closes), prices={}, institution=self.announcer,
                force=offer[0].force, started=turn, causes=[rec.id], hidden=self.rb.is_hidden(offer[0]),
                reason=offer[0].reason,
            ), notices)
        self._blacklist_for(state, turn, rec, notices)
        for r in lifts:
            self._end(state, turn, r, notices, why="settled")
        return rec

    def record_notice(self, rec: Record, ref: str | None = None) -> Notice:
        """``ref``: for an association record, which side of the circle ("low", "high")."""
        return Notice("record", rec.points, self.announcer, rec.force, rec.id, rec.hidden or self.secret,
                      behaviour=rec.behaviour, entry=rec.kind, secret=self.secret, note=rec.note, ref=ref,
                      contacts=tuple(rec.contacts), truth=rec.truth)

    # ------------------------------------------------------------------ blacklists

    def _blacklist(self, rid: str) -> Blacklist:
        bid = rid.split(":", 1)[1]
        return next(b for b in self.rb.model.blacklist if b.id == bid)

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
        notices.append(Notice("sanction_start", 0, r.institution, r.force, hidden=r.hidden or self.secret,
                              ref=r.id, services=tuple(r.closes), effects=tuple(r.effects()), until=r.ends,
                              note=r.reason, secret=self.secret))

    def _end(self, state: CitizenState, turn: int, r: Restriction, notices: list[Notice], why: str) -> None:
        r.ended = turn
        # A listing's own points last only as long as the listing.
        for rec in state.records:
            if rec.kind == "listing" and rec.rule == r.id and not rec.removed:
                rec.removed = True
                notices.append(Notice("record", -rec.points, r.institution, rec.force, rec.id,
                                      rec.hidden or self.secret, behaviour=rec.behaviour, entry=rec.kind,
                                      secret=self.secret, lapsed=True))
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
        state.score = self.score(state)
        tier = self.tier_for(state.score)
        if tier.id != state.tier:
            old = state.tier
            state.tier = tier.id
            ranks = [t.id for t in self.rb.model.tier]
            down = ranks.index(tier.id) > ranks.index(old) if old in ranks else False
            state.tier_changes.append({"turn": turn, "from": old, "to": tier.id, "score": state.score, "causes": list(fresh)})
            notices.append(Notice("tier", 0, self.announcer, "architecture", ref="down" if down else "up",
                                  from_tier=old, tier=tier.id))
        for s in self.rb.model.sanction:
            rid = f"sanction:{s.id}"
            active = next((r for r in state.active_restrictions() if r.id == rid), None)
            wanted = state.tier in s.tiers
            if wanted and active is None:
                self._restrict(state, turn, Restriction(
                    id=rid, kind="sanction", name=s.name, closes=list(s.closes), prices=dict(s.prices),
                    institution=s.institution or self.announcer, force=s.force, started=turn,
                    causes=self._causes(state, fresh, s.tiers), hidden=self.rb.is_hidden(s), reason=s.reason,
                ), notices)
            elif not wanted and active is not None:
                self._end(state, turn, active, notices, why="tier")
        for p in self.rb.model.privilege:
            wanted = state.tier in p.tiers
            if wanted and p.id not in state.privileges:
                state.privileges[p.id] = turn
                state.privilege_log.append({"id": p.id, "turn": turn, "event": "granted"})
                notices.append(Notice("privilege_start", 0, p.institution or self.announcer, p.force,
                                      hidden=self.rb.is_hidden(p), ref=p.id, services=tuple(p.opens)))
            elif not wanted and p.id in state.privileges:
                del state.privileges[p.id]
                state.privilege_log.append({"id": p.id, "turn": turn, "event": "withdrawn"})
                notices.append(Notice("privilege_end", 0, p.institution or self.announcer, p.force,
                                      hidden=self.rb.is_hidden(p), ref=p.id, services=tuple(p.opens)))
        state.score = self.score(state)

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
            if chance(self.seed, turn, f"appeal:{a.record}", p):
                a.outcome = "upheld"
                rec.removed = True
                changed.append(rec.id)
                notices.append(Notice("appeal", -rec.points, who, "law", rec.id, appeal="upheld", decides=turn))
                for extra in state.records:
                    if extra.kind == "listing" and extra.turn == rec.turn and extra.behaviour == rec.behaviour and extra.choice == rec.choice:
                        extra.removed = True
                for r in state.active_restrictions():
                    if rec.id in r.causes and all(state.records[c - 1].removed for c in r.causes):
                        if r.kind in ("blacklist", "refusal"):
                            self._end(state, turn, r, notices, why="appeal")
            else:
                a.outcome = "dismissed"
                notices.append(Notice("appeal", 0, who, "law", rec.id, appeal="dismissed", decides=turn))
        return changed

    # ------------------------------------------------------------------ the turn boundary

    def start_turn(self, state: CitizenState, turn: int, notices: list[Notice]) -> None:
        """What happens as a new turn begins, before its event."""
        fresh: list[int] = []
        for v in self.rb.model.value:
            if v.from_turn == turn and turn > 1 and v.announced and not self.rb.is_hidden(v):
                notices.append(Notice("rule_change", 0, self.announcer, v.force or self.default_force(v.behaviour),
                                      behaviour=v.behaviour, worth=v.points,
                                      note=" ".join(x for x in (v.article, v.reason) if x)))
        for r in state.active_restrictions():
            if r.ends is not None and r.ends < turn:
                self._end(state, turn, r, notices, why="expired")
        self._decide_appeals(state, turn, notices)
        fresh += self._association(state, turn, notices)
        fresh += self._wrong_record(state, turn, notices)
        self.refresh(state, turn, fresh, notices)

    def _association(self, state: CitizenState, turn: int, notices: list[Notice]) -> list[int]:
        a = self.rb.model.association
        made: list[int] = []
        groups = (("low", a.low_below, a.low_points, lambda s, t: s < t),
                  ("high", a.high_above, a.high_points, lambda s, t: s > t))
        for name, threshold, pts, test in groups:
            if threshold is None or not pts:
                continue
            who = [cid for cid in state.kept_contacts() if test(state.contacts[cid]["score"], threshold)]
            if not who:
                continue
            rec = Record(
                id=state.next_record_id(), turn=turn, behaviour=f"association_{name}", kind="association",
                truth="true", points=pts * len(who), force=a.force, rule=f"association:{name}",
                hidden=self.rb.is_hidden(a), note=a.reason, contacts=sorted(who),
                readable_from=readable_from(self.rb, a),
            )
            state.records.append(rec)
            made.append(rec.id)
            notices.append(self.record_notice(rec, name))
        return made

    def _wrong_record(self, state: CitizenState, turn: int, notices: list[Notice]) -> list[int]:
        m = self.meta
        if not m.wrong_records or not chance(self.seed, turn, "wrong-record", m.error_rate):
            return []
        behaviour = draw(self.seed, turn, "wrong-record-which").choice(m.wrong_records)
        value = self.rb.value_for(behaviour, turn)
        rec = Record(
            id=state.next_record_id(), turn=turn, behaviour=behaviour, kind="wrong", truth="wrong",
            points=value.points if value else 0,
            force=(value.force if value and value.force else self.default_force(behaviour)),
            rule=f"value:{behaviour}", hidden=self.rb.is_hidden(value) if value else False,
            note=" ".join(x for x in ((value.article, value.reason) if value else ()) if x),
            readable_from=readable_from(self.rb, value) if value else 1,
        )
        state.records.append(rec)
        notices.append(self.record_notice(rec))
        self._blacklist_for(state, turn, rec, notices)
        return [rec.id]
