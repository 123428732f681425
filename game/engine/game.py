"""A run in progress: offers the turn's event, applies decisions, ends with an ending.

Pure: no I/O, no clock, no global random. Same scenario, rulebook, seed and decisions give
the same states, in any process.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..scenario.content import CompiledChoice, CompiledEvent, Rulebook, Scenario
from ..scenario.models import Effects
from ..scenario.voice import voiced
from .guide import advise
from .judge import Judge
from .outcome import ChoiceView, IllegalDecision, Lock, Notice, Offer, StoryChange, TurnResult
from .rng import draw
from .state import Act, CitizenState, TurnLine


#: The choice every event offers when all its own choices are locked. Not a valid content id.
PASS = "_pass"


class ConditionContext:
    """Answers the names a condition may use, from a state."""

    def __init__(self, game: "Game") -> None:
        self.game = game

    def lookup(self, name: str) -> Any:
        s = self.game.state
        head, _, tail = name.partition(".")
        if head == "money":
            return s.money
        if head == "score":
            return s.score
        if head == "turn":
            return s.turn
        if head == "tier":
            return s.tier
        if head == "resources":
            return s.resources.get(tail, 0)
        if head == "virtues":
            return s.virtues.get(tail, 0)
        if head == "flags":
            return tail in s.flags
        if head == "records":
            return sum(1 for r in s.records if r.behaviour == tail and not r.removed)
        if head == "contacts":
            return set(s.kept_contacts())
        if head == "closed":
            return set(self.game.judge.closed(s))
        if head == "privileges":
            return set(s.privileges)
        if head == "seen":
            return set(s.seen_events)
        if head == "disputed":
            return len(self.game.judge.appealable(s))
        if head == "listed":
            return any(r.kind == "blacklist" for r in s.active_restrictions())
        if head == "sanctions":
            return len(s.active_restrictions())
        if head == "standing":
            return self.game.judge.standing(s.tier)
        if head == "restricted":
            return bool(s.active_restrictions())
        if head == "privileged":
            return bool(s.privileges)
        raise KeyError(name)  # the loader rejects unknown names; reaching here is a bug


class Game:
    def __init__(self, scenario: Scenario, rulebook: Rulebook, seed: int, checksums: bool = True) -> None:
        #: False: results carry no state checksum (playtest bots that save nothing); the
        #: run itself is the same either way.
        self.checksums = checksums
        self._offered: Offer | None = None  # the last offer made, until the next decision
        self.scenario = voiced(scenario, rulebook)  # every text the player reads, in the city's voice
        self.rulebook = rulebook
        self.seed = int(seed)
        self.judge = Judge(rulebook, self.seed, scenario.calendar.turns)
        c = scenario.citizen
        start = rulebook.model.rulebook.start_score
        self.state = CitizenState(
            turn=1, money=c.money, resources=dict(c.resources), virtues=dict(c.virtues),
            flags=sorted(set(c.flags)),
            contacts={p.id: {"standing": p.standing, "score": self.judge.contact_score(p.standing),
                             "kept": p.kept} for p in c.contacts},
            score=start, tier=self.judge.tier_for(start).id,
        )
        self.ctx = ConditionContext(self)
        self.opening: list[Notice] = []
        self.judge.refresh(self.state, 1, [], self.opening)
        self._advance_to_event(self.opening, start_turn=False)

    # ------------------------------------------------------------------ reading

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
        ev = self.current_event()
        if ev is None or self.state.finished:
            return None
        closed = self.judge.closed(self.state)
        views = tuple(v for v in (self._view(c, closed) for c in ev.choices) if v is not None)
        if not any(v.available for v in views):
            # Never leave a player stuck: when every door is shut, the week still passes.
            views += (ChoiceView(PASS, "", None, 0),)  # worded by game.report.notices.choice_text
        guide, says = self._guide(ev, views)
        self._offered = Offer(self.state.turn, ev.id, ev.model.title, ev.model.text, views, guide, says)
        return self._offered

    def _view(self, ch: CompiledChoice, closed: dict) -> ChoiceView | None:
        if ch.show_if is not None and not ch.show_if(self.ctx):
            return None
        m = ch.model
        cost = self._cost(ch)
        return ChoiceView(m.id, m.text, self._lock(ch, cost, closed), cost, tuple(m.needs))

    def _cost(self, ch: CompiledChoice) -> int:
        """Money the choice costs: its price after factors, plus an appeal's fee."""
        fee = self.rulebook.model.appeals.cost if ch.model.effects.appeal else 0
        money = ch.model.effects.money
        if money >= 0:
            return fee
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
        if ch.enable_if is not None and not ch.enable_if(self.ctx):
            return Lock("condition", said=m.locked_reason)
        return None

    def _guide(self, ev: CompiledEvent, views: tuple[ChoiceView, ...]) -> tuple[str | None, str]:
        """The system's assistant: its pick and what it has to say (see :mod:`game.engine.guide`)."""
        advice = advise(self, ev, views)
        return advice.pick, advice.says

    # ------------------------------------------------------------------ deciding

    def decide(self, choice_id: str, offer: Offer | None = None) -> TurnResult:
        """Take a choice of the current offer. ``offer``: the one this game just made, which
        the caller already holds (it is used only if it is that very offer)."""
        if offer is None or offer is not self._offered:
            offer = self.offer()
        self._offered = None
        if offer is None:
            raise IllegalDecision("the run has ended")
        view = offer.choice(choice_id)
        if view is None:
            raise IllegalDecision(f"no choice '{choice_id}' in event '{offer.event_id}' now")
        if not view.available:
            raise IllegalDecision(f"choice '{choice_id}' is locked ({view.lock.kind})")  # type: ignore[union-attr]
        ev = self.current_event()
        assert ev is not None
        ch = ev.choice(choice_id) if choice_id != PASS else _pass_choice()
        assert ch is not None
        s = self.state
        turn = s.turn
        result = TurnResult(
            turn=turn, event_id=ev.id, choice_id=choice_id, guide=offer.guide,
            followed_guide=None if offer.guide is None else offer.guide == choice_id,
            outcome=ch.model.outcome, score_before=s.score, tier_before=s.tier,
        )
        notices = result.notices
        self._apply_effects(ch, view.cost, result)
        fresh: list[int] = []
        for b in ch.model.behaviours:
            rec = self.judge.observe_act(s, turn, b, ev.id, ch.id, ch.model.context.get(b), notices)
            s.acts.append(Act(turn, b, ev.id, ch.id, rec is not None, rec.id if rec else None))
            if rec is not None:
                fresh.append(rec.id)
        if ch.model.effects.appeal:
            ap = self.rulebook.model.appeals
            if ap.cost:
                s.money -= ap.cost
                result.story.append(StoryChange("fee", "", -ap.cost))
            target = ch.model.effects.appeal if isinstance(ch.model.effects.appeal, str) else None
            self.judge.file_appeal(s, turn, notices, target)
        self.judge.refresh(s, turn, fresh, notices)
        if ch.model.then and ch.model.then not in s.queued:
            s.queued.append(ch.model.then)
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
            result.checksum = s.checksum()
        return result

    def _apply_effects(self, ch: CompiledChoice, cost: int, result: TurnResult) -> None:
        s = self.state
        e = ch.model.effects
        fee = self.rulebook.model.appeals.cost if e.appeal else 0
        delta = -(cost - fee) if e.money < 0 else e.money
        if delta:
            s.money += delta
            result.story.append(StoryChange("money", "", delta))
        for k, d in e.resources.items():
            s.resources[k] = s.resources.get(k, 0) + d
            result.story.append(StoryChange("resource", k, d))
        for k, d in e.virtues.items():
            s.virtues[k] = s.virtues.get(k, 0) + d  # hidden: not announced
        for f in e.set:
            s.set_flag(f, True)
        for f in e.clear:
            s.set_flag(f, False)
        for cid in e.add_contacts:
            if not s.contacts[cid]["kept"]:
                s.contacts[cid]["kept"] = True
                result.story.append(StoryChange("taken_up", cid))
        for cid in e.drop_contacts:
            if s.contacts[cid]["kept"]:
                s.contacts[cid]["kept"] = False
                result.story.append(StoryChange("dropped", cid))
        for cid, d in e.contact_standing.items():
            c = s.contacts[cid]
            c["standing"] = max(0, min(100, c["standing"] + d))
            c["score"] = self.judge.contact_score(c["standing"])  # on this city's own scale

    # ------------------------------------------------------------------ turns and endings

    def _advance_to_event(self, notices: list[Notice], start_turn: bool = True) -> None:
        """Run turn starts until a turn has an eligible event, or the calendar ends."""
        s = self.state
        last = self.scenario.calendar.turns
        while s.turn <= last:
            if start_turn:
                began: list[Notice] = []
                self.judge.start_turn(s, s.turn, began)
                notices.extend(replace(n, phase="turn_start") for n in began)
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
        return ev.when is None or ev.when(self.ctx)

    def _draw_event(self) -> CompiledEvent | None:
        s = self.state
        last = self.scenario.calendar.turns
        due = [ev for ev in self.scenario.due_events
               if (ev.model.last_turn or last) == s.turn and ev.id not in s.seen_events and self._eligible(ev)]
        if due:  # a thread that must start by now and has not: it comes up now; follow-ups wait a turn
            top = max(ev.model.priority for ev in due)
            due = [ev for ev in due if ev.model.priority == top]
            rng = draw(self.seed, s.turn, "event-due")
            return rng.choices(due, weights=[ev.model.weight for ev in due], k=1)[0]
        for eid in list(s.queued):
            s.queued.remove(eid)
            ev = self.scenario.events[eid]
            if self._eligible(ev):
                return ev
        for band in self.scenario.bands_for_turn(s.turn):
            pool = [ev for ev in band if self._eligible(ev)]
            if pool:
                rng = draw(self.seed, s.turn, "event")
                return rng.choices(pool, weights=[ev.model.weight for ev in pool], k=1)[0]
        return None

    def _immediate_ending(self) -> str | None:
        best = None
        for en in self.scenario.endings:
            if en.model.immediate and en.when is not None and en.when(self.ctx):
                if best is None or en.model.priority > best.model.priority:
                    best = en
        return best.id if best else None

    def _final_ending(self) -> str:
        best = None
        for en in self.scenario.endings:
            if en.model.immediate and en.when is not None:
                continue
            if en.when is None or en.when(self.ctx):
                if best is None or en.model.priority > best.model.priority:
                    best = en
        if best is None:  # no fallback written: the last ending stands in
            best = self.scenario.endings[-1]
        return best.id

    def _finish(self, ending_id: str, notices: list[Notice]) -> None:
        s = self.state
        s.ending = ending_id
        s.finished = True
        s.current_event = None
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
        self._offered = None


def _pass_choice() -> CompiledChoice:
    """The pass as a choice: it does nothing. Its words (what it says, what follows) are the
    words package's (:mod:`game.report.notices`), which knows the calendar's unit."""
    from ..scenario.models import Choice

    return CompiledChoice(Choice.model_construct(
        id=PASS, text="", show_if=None, enable_if=None, locked_reason="",
        needs=[], behaviours=[], context={}, effects=Effects(), then=None, outcome=""), None, None)


def play(scenario: Scenario, rulebook: Rulebook, seed: int, decisions: list[str]) -> tuple[Game, list[TurnResult]]:
    """Play a list of choice ids from the start; stops early if the run ends."""
    g = Game(scenario, rulebook, seed)
    results = []
    for cid in decisions:
        if g.finished:
            break
        results.append(g.decide(cid))
    return g, results
