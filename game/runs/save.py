"""The save file: one run, as versioned JSON described by a pydantic model.

A save stores the *run* (scenario + rulebook + seed + decisions), never the state: the state
is rebuilt by replaying the decisions. It also stores, for every decision, a short checksum
of the state after that turn, so a replay can prove it rebuilt the same life, and the score
and tier after it, so the load screen can list runs without simulating them.

Compatibility rule (also in docs/REPLAYS.md):

* ``format`` is an integer, bumped whenever a file written by the new code could not be read
  by the old model. This code writes :data:`FORMAT` and reads every format up to it.
* An older format is migrated in memory by the chain in :data:`MIGRATIONS` (one function per
  step, ``n -> n + 1``); the file on disk is rewritten in the current format only when the
  run is saved again (resumed and played on).
* A newer format is refused with a message naming the game version that wrote it.
* The scenario and rulebook must still have the content hashes recorded in the save; if
  either has changed the run cannot be rebuilt faithfully and is refused with a message
  saying which one changed (see :mod:`game.runs.store`).
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .. import __version__
from ..engine.outcome import Decision
from ..scenario.safe_files import MAX_ID, MAX_TEXT

KIND = "model-citizen-run"
#: 2: the engine's chance draws (``game.engine.rng``, version 2) and the state checksum
#: changed; the same decisions rebuild another life, so format 1 cannot be migrated.
#: 3: the chance draws changed again (``game.engine.rng``, version 3: a key made of the seed's,
#: the purpose's and the turn's parts instead of a hash of all three for every draw); format 2
#: cannot be migrated either.
FORMAT = 3


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


#: Years a save's times may name: wide enough for any real run, narrow enough that showing a
#: time in any time zone can never overflow.
YEARS = (1900, 9000)


def _utc(value: datetime) -> datetime:
    """A save's time as UTC: a time without a zone is taken as UTC; one out of range is refused."""
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        value = value.replace(tzinfo=timezone.utc)
    try:
        value = value.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise ValueError(f"must be a time between the years {YEARS[0]} and {YEARS[1]}") from None
    if not YEARS[0] <= value.year <= YEARS[1]:
        raise ValueError(f"must be a time between the years {YEARS[0]} and {YEARS[1]}")
    return value


class ContentRef(_Strict):
    """Which content the run was played with."""

    id: str = Field(max_length=MAX_ID, description="Stable id of the scenario or rulebook.")
    title: str = Field(default="", max_length=MAX_TEXT, description="Its title when the run was saved (for listings).")
    version: str = Field(default="", max_length=MAX_TEXT, description="The author's version string.")
    content_hash: str = Field(max_length=64, description="Hash of the content files; a different hash means the content changed.")
    source: str = Field(default="", max_length=4096, description="Where it was loaded from (a path); opened only inside the content or saves folders (see docs/SECURITY.md), else the content is found by id and hash.")


class SavedTurn(_Strict):
    """One decision, and what the state was after it."""

    turn: int = Field(ge=1, description="The turn the decision was made in.")
    event: str = Field(max_length=MAX_ID, description="Id of the event offered that turn.")
    choice: str = Field(max_length=MAX_ID, description="Id of the choice taken.")
    followed_guide: bool | None = Field(default=None, description="True/false if the Guide recommended a choice, null if it had none.")
    score: int = Field(description="Score after the turn.")
    tier: str = Field(max_length=MAX_ID, description="Tier after the turn.")
    money: int = Field(default=0, description="Money after the turn.")
    checksum: str = Field(min_length=1, max_length=64, description="Checksum of the whole state after the turn (CitizenState.checksum(): 12 hex digits of a BLAKE2b digest).")

    def decision(self) -> Decision:
        return Decision(self.turn, self.event, self.choice, self.followed_guide)


class Final(_Strict):
    """How a finished run ended."""

    ending: str = Field(max_length=MAX_ID, description="Id of the ending.")
    title: str = Field(default="", max_length=MAX_TEXT, description="Its title.")
    turn: int = Field(description="The last turn.")
    score: int
    tier: str = Field(max_length=MAX_ID)
    money: int
    records: int = Field(default=0, description="Records in the dossier (struck-out ones excluded).")
    guide_offered: int = Field(default=0, description="Turns in which the Guide recommended a choice.")
    guide_followed: int = Field(default=0, description="Turns in which the player took it.")


class Origin(_Strict):
    """Set when a run was taken over from another: where its first decisions came from."""

    file: str = Field(max_length=1024, description="File name of the run taken over.")
    turns: int = Field(ge=0, description="How many of its decisions were kept.")


class SaveFile(_Strict):
    kind: Literal["model-citizen-run"] = Field(default=KIND, description="Marks the file as a Model Citizen run.")  # type: ignore[arg-type]
    format: Literal[3] = Field(default=FORMAT, description="Save format version.")  # type: ignore[arg-type]
    game_version: str = Field(default=__version__, max_length=MAX_ID, description="Version of the game that wrote the file.")
    scenario: ContentRef
    rulebook: ContentRef
    catalogue_hash: str = Field(default="", max_length=64, description="Hash of the behaviour catalogue the content used.")
    seed: int
    player: str = Field(default="", max_length=MAX_TEXT, description="Who played (defaults to the citizen's name).")
    started: datetime = Field(description="When the run began (UTC; a time without a zone is read as UTC).")
    last_played: datetime = Field(description="When the run was last saved (UTC).")
    turns: list[SavedTurn] = Field(default_factory=list, description="Every decision, in order.")
    final: Final | None = Field(default=None, description="Set once the run has ended.")
    origin: Origin | None = Field(default=None, description="Set if this run was taken over from another.")

    @field_validator("started", "last_played")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        return _utc(value)

    @property
    def finished(self) -> bool:
        return self.final is not None

    def decisions(self) -> list[Decision]:
        return [t.decision() for t in self.turns]

    @property
    def score(self) -> int | None:
        if self.final is not None:
            return self.final.score
        return self.turns[-1].score if self.turns else None

    @property
    def tier(self) -> str | None:
        if self.final is not None:
            return self.final.tier
        return self.turns[-1].tier if self.turns else None

    @property
    def turn(self) -> int:
        """The turn reached: the last turn for a finished run, else the turn in progress."""
        if self.final is not None:
            return self.final.turn
        return self.turns[-1].turn + 1 if self.turns else 1

    def to_json(self) -> str:
        return self.model_dump_json(indent=1) + "\n"


# --------------------------------------------------------------------------- migrations

#: ``MIGRATIONS[n]`` turns a format-``n`` dict into a format-``n + 1`` dict. Add a step here
#: (and a test) whenever FORMAT is bumped and the older runs still rebuild the same lives.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

def _other_draws(fmt: int) -> str:
    return (f"was saved in save format {fmt}, by an earlier Model Citizen whose chance draws (what "
            "the system sees, which event comes up) differ from this version's: its decisions would "
            "rebuild another life, so it cannot be replayed or resumed here. Open it with the version "
            "that saved it")


#: Formats that cannot be migrated, and why: said to the player instead of opening the run.
#: Formats 1 and 2 drew chance otherwise (see FORMAT).
REFUSED: dict[int, str] = {fmt: _other_draws(fmt) for fmt in (1, 2)}


def now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def build_save(session, *, started: datetime, player: str = "", origin: Origin | None = None,
               last_played: datetime | None = None) -> SaveFile:
    """The save file for a :class:`~game.runs.session.Session` as it stands now."""
    sc, rb = session.scenario, session.rulebook
    state = session.game.state
    turns: list[SavedTurn] = []
    for d, r, line in zip(session.decisions, session.results, state.lines):
        turns.append(SavedTurn(turn=d.turn, event=d.event, choice=d.choice, followed_guide=d.followed_guide,
                               score=r.score_after, tier=r.tier_after, money=line.money, checksum=r.checksum))
    return SaveFile(
        scenario=ContentRef(id=sc.id, title=sc.title, version=sc.meta.version, content_hash=sc.content_hash,
                            source=str(Path(sc.path).resolve())),
        rulebook=ContentRef(id=rb.id, title=rb.title, version=rb.meta.version, content_hash=rb.content_hash,
                            source=str(Path(rb.path).resolve())),
        catalogue_hash=sc.lexicon.content_hash,
        seed=session.seed, player=player or sc.citizen.name, started=started,
        last_played=last_played or now(), turns=turns, final=final_of(session), origin=origin,
    )


def final_of(session) -> Final | None:
    """The ``final`` block of a session's run (None while it goes on): what ``--verify`` compares."""
    state = session.game.state
    if not (state.finished and state.ending is not None):
        return None
    en = session.game.ending()
    offered = [d.followed_guide for d in session.decisions if d.followed_guide is not None]
    return Final(ending=state.ending, title=en.title if en else "", turn=state.turn, score=state.score,
                 tier=state.tier, money=state.money, records=len(state.active_records()),
                 guide_offered=len(offered), guide_followed=sum(1 for f in offered if f))
