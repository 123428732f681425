"""A run in progress: offers the turn's event, applies decisions, ends with an ending.

Pure: no I/O, no clock, no global random. Same scenario, rulebook, seed and decisions give
the same states, in any process.
"""

from __future__ import annotations

from itertools import accumulate
from operator import itemgetter
from typing import Any, Callable

from ..scenario.content import CompiledChoice, CompiledEvent, Rulebook, Scenario
from ..scenario.voice import voiced
from .guide import Advice, advise
from .judge import Judge
from .outcome import ChoiceView, IllegalDecision, Lock, Notice, Offer, StoryChange, TurnResult
from .passing import PASS, pass_choice as _pass_choice  # noqa: F401  (PASS: imported from here too)
from .readers import direct, reader
from .selection import Selection
from .state import Act, CitizenState, TurnLine




class ConditionContext:
    """Answers the names a condition may use, from a state.

    Each name is resolved once (for every game) to a small reader of a game's current state,
    so a condition tested every turn does not parse its names again. The engine itself tests
    its conditions through :func:`game.engine.readers.direct`, the same readers called
    without the lookup."""

    def __init__(self, game: "Game") -> None:
        self.game = game

    def lookup(self, name: str) -> Any:
        try:
            read = _READERS[name]
        except KeyError:
            read = _READERS[name] = reader(name)
        return read(self.game)


#: A selection row's weight (see Game._draw_event).
_WEIGHT = itemgetter(5)

#: name -> its reader, shared by every game (a reader depends on the name alone).
_READERS: dict[str, Callable[["Game"], Any]] = {}


class Game:
    def __init__(self, scenario: Scenario, rulebook: Rulebook, seed: int, checksums: bool = True,
                 words: bool = True) -> None:
        #: False: results carry no state checksum (playtest bots that save nothing); the
        #: run itself is the same either way.
        self.checksums = checksums
        #: False: results carry no notices and no story changes (playtest bots that read none,
        #: so pay for none); the run itself is the same either way.
        self.words = words
        #: The life as lived, act by act and turn by turn (``state.acts``, ``state.lines``),
        #: which only reports, saves and the state's checksum read: kept unless the game makes
        #: neither words nor checksums (a bot that reads only its results: 2% of its decision).
        self.log = words or checksums
        self._offered: Offer | None = None  # the last offer made, until the next decision
        self._advice: Advice | None = None  # the Guide's advice behind that offer
        self._checksum_memo: dict = {}  # see CitizenState.checksum
        self.scenario = voiced(scenario, rulebook)  # every text the player reads, in the city's voice
        self._selection = Selection.of(self.scenario)
        memo = self.scenario.memo
        views = memo.get("views")
        if views is None:
            views = memo["views"] = {}
        plans = memo.get("plans")
        if plans is None:
            plans = memo["plans"] = {}
        self._views: dict[tuple[int, int], tuple[CompiledChoice, ChoiceView]] = views
        self._plans: dict[str, tuple] = plans
        self._ends: tuple[list, list] | None = None  # see _endings
        self.rulebook = rulebook
        self.seed = int(seed)
        self.judge = Judge(rulebook, self.seed, scenario.calendar.turns, words=words)
        (money, resources, virtues, flags, contacts, start, tier), circles = self._start()
        # the association's groups per circle seen (see Judge._association): a function of the
        # scenario's contacts and the rulebook, so shared by every life of this scenario under it
        self.judge._circles = circles
        # positional: (turn, money, resources, virtues, flags, contacts, score, tier)
        self.state = CitizenState(1, money, dict(resources), dict(virtues), list(flags),
                                  {cid: dict(c) for cid, c in contacts.items()}, start, tier)
        self.opening: list[Notice] = []
        self.judge.refresh(self.state, 1, [], self.opening)
        self._advance_to_event(self.opening, start_turn=False)

    def _start(self) -> tuple[tuple, dict]:
        """The citizen's state before the first turn, as this rulebook sees them (the same for
        every life of the scenario under it): worked out once and copied for each life; and
        the association's groups by circle, kept with it for every life (see
        Judge._association)."""
        memo = self.judge.t.start
        got = memo.get(id(self.scenario))
        if got is not None and got[0] is self.scenario:
            return got[1], got[2]
        c = self.scenario.citizen
        start = self.rulebook.model.rulebook.start_score
        fields = (c.money, dict(c.resources), dict(c.virtues), sorted(set(c.flags)),
                  {p.id: {"standing": p.standing, "score": self.judge.contact_score(p.standing), "kept": p.kept}
                   for p in c.contacts},
                  start, self.judge.tier_for(start).id)
        circles: dict[tuple, list] = {}
        memo[id(self.scenario)] = (self.scenario, fields, circles)
        return fields, circles

    # ------------------------------------------------------------------ reading

    @property
    def ctx(self) -> ConditionContext:
        """The names a condition may use, answered from this game's state. Made when asked,
        not kept: a context kept by the game would hold the game in a cycle, so a finished life
        would wait for the cyclic garbage collector instead of being freed at once."""
        return ConditionContext(self)

    @property
    def finished(self) -> bool:
        return self.state.finished

    @property
    def turn(self) -> int:
        return self.state.turn

    def current_event(self) -> CompiledEvent | None:
        eid = self.state.current_event
        return self.scenario.events[eid] if eid else None

    def offer(self) -> Offer | None:
        s = self.state
        eid = s.current_event
        if not eid or s.finished:
            return None
        ev = self.scenario.events[eid]
        plan = self._plans.get(eid)
        if plan is None or plan[0] is not ev.choices:  # made again if the list is replaced
            plan = self._plan(ev)
        money = s.money
        static = plan[2]
        views: list[ChoiceView]
        opened: list[tuple[str, int]]  # (id, cost) of each open choice: the Guide's memo key
        if static is not None and static[0] <= money:
            # Every choice always shown, only money can lock one, and the dearest is affordable:
            # the views the loop below would list, listed once (shared: only read from here on).
            views, opened = static[1], static[2]
        else:
            closed: dict | None = None
            views, opened = [], []
            for ch, show, cost, view, pair in plan[1]:
                if show is not None and not show(self):
                    continue
                if view is not None and cost <= money:  # a choice only money can lock, affordable
                    views.append(view)
                    opened.append(pair)
                    continue
                if closed is None and ch.model.needs:
                    closed = self.judge.closed(s)
                v = self._view(ch, closed)
                views.append(v)
                if v.lock is None:
                    opened.append((v.id, v.cost))
            if not opened:
                # Never leave a player stuck: when every door is shut, the week still passes.
                v = self._open_view(_pass_choice(), 0)  # worded by game.report.notices.choice_text
                views.append(v)
                opened.append((v.id, v.cost))
        self._advice = advice = advise(self, ev, views, opened=opened)
        if len(opened) == len(views):
            # Every choice open: the offer follows from the advice alone (remembered per event,
            # turn, open choices and what else it depends on), so it is kept with it. Frozen,
            # it can be shared.
            offer = advice.derived.get("offer")
            if offer is None or offer.turn != s.turn or offer.event_id != eid:
                offer = advice.derived["offer"] = Offer(s.turn, eid, ev.model.title, ev.model.text, tuple(views),
                                                        advice.pick, advice.says)
        else:
            offer = Offer(s.turn, eid, ev.model.title, ev.model.text, tuple(views), advice.pick, advice.says)
        self._offered = offer
        return offer

    def _plan(self, ev: CompiledEvent) -> tuple:
        """How an event's choices are offered, worked out once per event (kept with the
        scenario): per choice, its ``show_if`` as a direct reader, and for a choice only money
        can lock (no service needed, no appeal, no ``enable_if``) its cost and its open view."""
        rows: list[tuple] = []
        for ch in ev.choices:
            m = ch.model
            e = m.effects
            show = direct(ch.show_if) if ch.show_if is not None else None
            if not m.needs and not e.appeal and ch.enable_if is None:
                cost = -e.money if e.money < 0 else 0
                view = self._open_view(ch, cost)
                rows.append((ch, show, cost, view, (view.id, view.cost)))
            else:
                rows.append((ch, show, 0, None, None))
        # every choice shown always and locked by money alone: (the dearest's cost, the views,
        # the (id, cost) pairs), what an offer lists whenever the citizen can afford them all
        static = None
        if rows and all(show is None and view is not None for _ch, show, _cost, view, _pair in rows):
            static = (max(cost for _ch, _show, cost, _view, _pair in rows), [row[3] for row in rows],
                      [row[4] for row in rows])
        plan = self._plans[ev.id] = (ev.choices, rows, static)
        return plan

    def advice(self, offer: Offer) -> Advice:
        """The Guide's advice behind ``offer`` (of the current event, at the current state):
        the one the offer was made with if it is the offer just made, else worked out again."""
        if offer is self._offered and self._advice is not None:
            return self._advice
        ev = self.scenario.events[offer.event_id]
        return advise(self, ev, offer.choices)

    def _view(self, ch: CompiledChoice, closed: dict | None) -> ChoiceView:
        """A shown choice: open, or locked and why (``closed``: see :meth:`Judge.closed`; needed
        only for a choice that needs a service)."""
        m = ch.model
        e = m.effects
        if not m.needs and not e.appeal and ch.enable_if is None:  # only money can lock it
            cost = -e.money if e.money < 0 else 0
            if cost <= self.state.money:
                return self._open_view(ch, cost)
        else:
            cost = self._cost(ch)
        lock = self._lock(ch, cost, closed or {})
        if lock is None:
            return self._open_view(ch, cost)
        return ChoiceView(m.id, m.text, lock, cost, tuple(m.needs))

    def _open_view(self, ch: CompiledChoice, cost: int) -> ChoiceView:
        """An open choice's view: the same for every offer of this choice at this cost, so made
        once (views are frozen) and shared by every life of this scenario and voice."""
        key = (id(ch), cost)
        got = self._views.get(key)
        if got is None or got[0] is not ch:
            m = ch.model
            got = self._views[key] = (ch, ChoiceView(m.id, m.text, None, cost, tuple(m.needs)))
        return got[1]

    def _cost(self, ch: CompiledChoice) -> int:
        """Money the choice costs: its price after factors, plus an appeal's fee."""
        fee = self.rulebook.model.appeals.cost if ch.model.effects.appeal else 0
        money = ch.model.effects.money
        if money >= 0:
            return fee
        if not ch.model.needs:
            return -money + fee  # no service, no factor
        factor = 1.0
        for s in ch.model.needs:
            factor *= self.judge.price_factor(self.state, s)
        return round(-money * factor) + fee

    def _lock(self, ch: CompiledChoice, cost: int, closed: dict) -> Lock | None:
        m = ch.model
        lex = self.scenario.lexicon
        for sid in m.needs:
            if sid in closed:
                svc = lex.services[sid]
                r = closed[sid]
                if r is None:
                    return Lock("privilege", svc.institution, sid)
                return Lock("service", svc.institution, sid, tuple(r.causes), r.id, r.hidden or self.judge.secret)
        if m.effects.appeal and self.rulebook.model.appeals.kind == "none":
            return Lock("appeal", self.judge.announcer, appeal="none")
        if m.effects.appeal:
            target = m.effects.appeal if isinstance(m.effects.appeal, str) else None
            if not any(target is None or r.behaviour == target for r in self.judge.appealable(self.state)):
                return Lock("appeal", self.judge.announcer, appeal="no_record")
        if cost > self.state.money:
            return Lock("money", cost=cost, money=self.state.money)
        if ch.enable_if is not None and not direct(ch.enable_if)(self):
            return Lock("condition", said=m.locked_reason)
        return None

    # ------------------------------------------------------------------ deciding

    def decide(self, choice_id: str, offer: Offer | None = None) -> TurnResult:
        """Take a choice of the current offer. ``offer``: the one this game just made, which
        the caller already holds (it is used only if it is that very offer)."""
        if offer is None or offer is not self._offered:
            offer = self.offer()
        self._offered = self._advice = None
        if offer is None:
            raise IllegalDecision("the run has ended")
        view = offer.choice(choice_id)
        if view is None:
            raise IllegalDecision(f"no choice '{choice_id}' in event '{offer.event_id}' now")
        if view.lock is not None:
            raise IllegalDecision(f"choice '{choice_id}' is locked ({view.lock.kind})")  # type: ignore[union-attr]
        s = self.state
        ev = self.scenario.events[s.current_event or ""]  # an offer was made: there is one
        ch = ev.choice(choice_id) if choice_id != PASS else _pass_choice()
        assert ch is not None
        turn = s.turn
        made = len(s.records)
        guide = offer.guide
        # positional (turn, event_id, choice_id, guide, followed_guide, outcome, story, notices,
        # score_before, score_after, tier_before): a result is made every decision
        result = TurnResult(turn, ev.id, choice_id, guide, None if guide is None else guide == choice_id,
                            ch.model.outcome, [], [], s.score, 0, s.tier)
        notices = result.notices
        self._apply_effects(ch, view.cost, result)
        fresh: list[int] = []
        m = ch.model
        if m.behaviours:
            observe, context, acts = self.judge.observe_act, m.context, s.acts
            log = self.log
            for b in m.behaviours:
                rec = observe(s, turn, b, ev.id, ch.id, context.get(b), notices)
                if log:
                    acts.append(Act(turn, b, ev.id, ch.id, rec is not None, rec.id if rec else None))
                if rec is not None:
                    fresh.append(rec.id)
        if m.effects.appeal:
            ap = self.rulebook.model.appeals
            if ap.cost:
                s.money -= ap.cost
                if self.words:
                    result.story.append(StoryChange("fee", "", -ap.cost))
            target = ch.model.effects.appeal if isinstance(ch.model.effects.appeal, str) else None
            self.judge.file_appeal(s, turn, notices, target)
            self.judge.refresh(s, turn, fresh, notices)
        elif len(s.records) != made:
            # Only a record (and what comes with it: a listing, a refusal, a listing settled) or
            # an appeal changes what refresh reads; the last one left the rest in step (see
            # Judge.start_turn), so without either it would change nothing.
            self.judge.refresh(s, turn, fresh, notices)
        if ch.model.then and ch.model.then not in s.queued:
            s.queued.append(ch.model.then)
        if self.log:
            s.lines.append(TurnLine(turn, ev.id, ch.id, s.score, s.tier, s.money, dict(s.virtues),
                                    result.followed_guide, offer.guide))
        s.current_event = None
        ending = self._immediate_ending()
        if ending is None:
            s.turn += 1
            self._advance_to_event(notices)
        else:
            self._finish(ending, notices)
        result.score_after, result.tier_after = s.score, s.tier
        result.ending = s.ending
        if self.checksums:
            result.checksum = s.checksum(self._checksum_memo)
        return result

    def _apply_effects(self, ch: CompiledChoice, cost: int, result: TurnResult) -> None:
        s = self.state
        e = ch.model.effects
        fee = self.rulebook.model.appeals.cost if e.appeal else 0
        delta = -(cost - fee) if e.money < 0 else e.money
        words = self.words
        if delta:
            s.money += delta
            if words:
                result.story.append(StoryChange("money", "", delta))
        # each kind of effect tested before it is walked: most choices have two or three
        if e.resources:
            for k, d in e.resources.items():
                s.resources[k] = s.resources.get(k, 0) + d
                if words:
                    result.story.append(StoryChange("resource", k, d))
        if e.virtues:
            for k, d in e.virtues.items():
                s.virtues[k] = s.virtues.get(k, 0) + d  # hidden: not announced
        for f in e.set:
            s.set_flag(f, True)
        for f in e.clear:
            s.set_flag(f, False)
        if not (e.add_contacts or e.drop_contacts or e.contact_standing):
            return
        self.judge.circle_changed()
        for cid in e.add_contacts:
            if not s.contacts[cid]["kept"]:
                s.contacts[cid]["kept"] = True
                if words:
                    result.story.append(StoryChange("taken_up", cid, again=self._was_in_circle(cid)))
        for cid in e.drop_contacts:
            if s.contacts[cid]["kept"]:
                s.contacts[cid]["kept"] = False
                if words:
                    result.story.append(StoryChange("dropped", cid))
        for cid, d in e.contact_standing.items():
            c = s.contacts[cid]
            c["standing"] = max(0, min(100, c["standing"] + d))
            c["score"] = self.judge.contact_score(c["standing"])  # on this city's own scale

    def _was_in_circle(self, cid: str) -> bool:
        """The contact was in the circle before this decision: at the start, or taken up by an
        earlier one (only the start and taking up put anyone in it)."""
        if any(p.id == cid and p.kept for p in self.scenario.citizen.contacts):
            return True
        for ln in self.state.lines:
            ev = self.scenario.events.get(ln.event)
            ch = ev.choice(ln.choice) if ev is not None else None
            if ch is not None and cid in ch.model.effects.add_contacts:
                return True
        return False

    # ------------------------------------------------------------------ turns and endings

    def _advance_to_event(self, notices: list[Notice], start_turn: bool = True) -> None:
        """Run turn starts until a turn has an eligible event, or the calendar ends."""
        s = self.state
        last = self.scenario.calendar.turns
        while s.turn <= last:
            if not start_turn:
                pass
            elif not self.words:  # nothing to stamp: a judge without words makes no notice
                self.judge.start_turn(s, s.turn, notices)
            else:
                k = len(notices)
                self.judge.start_turn(s, s.turn, notices)
                if len(notices) > k:
                    for n in notices[k:]:
                        # made just now and held nowhere else: stamped in place rather than copied
                        object.__setattr__(n, "phase", "turn_start")
            start_turn = True
            ev = self._draw_event()
            if ev is not None:
                s.current_event = ev.id
                s.seen_events[ev.id] = s.turn
                return
            s.turn += 1
        s.turn = last
        self._finish(self._final_ending(), notices)

    def _eligible(self, ev: CompiledEvent) -> bool:
        s = self.state
        m = ev.model
        if s.turn < m.first_turn or (m.last_turn is not None and s.turn > m.last_turn):
            return False
        last_seen = s.seen_events.get(ev.id)
        if last_seen is not None and (m.once or s.turn - last_seen <= m.cooldown):
            return False
        return ev.when is None or bool(direct(ev.when)(self))

    def _draw_event(self) -> CompiledEvent | None:
        s = self.state
        due = self.scenario.due_by_turn.get(s.turn)
        if due:
            due = [ev for ev in due if ev.id not in s.seen_events and self._eligible(ev)]
        if due:  # a thread that must start by now and has not: it comes up now; follow-ups wait a turn
            top = max(ev.model.priority for ev in due)
            due = [ev for ev in due if ev.model.priority == top]
            rng = self.judge.rng.draw(s.turn, "event-due")
            return rng.pick(due, [ev.model.weight for ev in due])
        for eid in list(s.queued) if s.queued else ():
            s.queued.remove(eid)
            ev = self.scenario.events[eid]
            if self._eligible(ev):
                return ev
        turn, seen = s.turn, s.seen_events
        for band in self._selection.bands(turn):
            # _eligible, less the window the index has already checked; each row is (event,
            # id, once, cooldown, when as a reader or None, weight): see Band.rows
            pool = [row for row in band.rows(s.flags, seen)
                    if (row[1] not in seen or not (row[2] or turn - seen[row[1]] <= row[3]))
                    and (row[4] is None or row[4](self))]
            if pool:
                # the running sums of the pool's weights, as Draw.pick makes them
                return self.judge.rng.pick_summed(turn, "event", pool, list(accumulate(map(_WEIGHT, pool))))[0]
        return None

    def _immediate_ending(self) -> str | None:
        """The immediate ending of the highest priority (the first written, among equals)
        whose condition holds."""
        ends = self._ends
        if ends is None:
            ends = self._ends = self._endings()
        for eid, test in ends[0]:
            if test(self):
                return eid
        return None

    def _endings(self) -> tuple[list, list]:
        """The immediate and the final endings as (id, ``when`` as a direct reader or None),
        in the order they are tested; worked out once per scenario."""
        got = self.scenario.memo.get("endings")
        if got is None:
            sc = self.scenario
            got = sc.memo["endings"] = (
                [(en.id, direct(en.when)) for en in sc.immediate_endings if en.when is not None],
                [(en.id, direct(en.when) if en.when is not None else None) for en in sc.final_endings])
        return got

    def _final_ending(self) -> str:
        """The ending of the highest priority (the first written, among equals) whose condition
        holds, immediate ones aside; with none, the last ending written stands in."""
        for eid, test in self._endings()[1]:
            if test is None or test(self):
                return eid
        return self.scenario.endings[-1].id  # no fallback written

    def _finish(self, ending_id: str, notices: list[Notice]) -> None:
        s = self.state
        s.ending = ending_id
        s.finished = True
        s.current_event = None
        if self.words:
            notices.append(Notice("ending", ref=ending_id))

    def ending(self):
        if self.state.ending is None:
            return None
        return next(e.model for e in self.scenario.endings if e.id == self.state.ending)

    # ------------------------------------------------------------------ snapshots

    def snapshot(self) -> CitizenState:
        return self.state.copy()

    def restore(self, state: CitizenState) -> None:
        self.state = state.copy()
        self._offered = self._advice = None


def play(scenario: Scenario, rulebook: Rulebook, seed: int, decisions: list[str]) -> tuple[Game, list[TurnResult]]:
    """Play a list of choice ids from the start; stops early if the run ends."""
    g = Game(scenario, rulebook, seed)
    results = []
    for cid in decisions:
        if g.finished:
            break
        results.append(g.decide(cid))
    return g, results
