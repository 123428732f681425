"""The file formats authors write, as pydantic models.

Every TOML file kind is one model with ``extra="forbid"`` so a misspelt key is an error with
a position, never a silently ignored line. Field descriptions are the format reference:
``docs/AUTHORING.md`` and the JSON Schemas are generated from them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

ID_PATTERN = r"^[a-z][a-z0-9_]*$"

Force = Literal["law", "norms", "market", "architecture"]
Legal = Literal["illegal", "lawful", "encouraged"]


class Strict(BaseModel):
    """No unknown keys, and no coercion: TOML has types, so ``"6"`` is not a number and
    ``"false"`` is not a boolean. Only an integer where a float belongs passes, as TOML and
    the JSON Schemas allow."""

    model_config = ConfigDict(extra="forbid", frozen=False, strict=True)


# --------------------------------------------------------------------------- catalogue


class Behaviour(Strict):
    """One thing a citizen can do, in the system's vocabulary."""

    id: str = Field(pattern=ID_PATTERN, description="Stable id, used by choices and rulebooks.", examples=["late_payment"])
    description: str = Field(description="What the behaviour is, in a short phrase.", examples=["Paid a bill after its due date"])
    legal: Legal = Field(description="Legal status: `illegal`, `lawful` or `encouraged` (lawful and actively promoted). Separate from how any rulebook scores it.")
    domain: str = Field(description="Area of life it belongs to (finance, family, consumption, data, civic, work...).", examples=["finance"])
    discloses: str | None = Field(default=None, description="Data source this behaviour hands to the system (location, purchases, contacts, health). Rulebook data offers score it.")
    withholds: str | None = Field(default=None, description="Data source this behaviour refuses to hand over. Rulebook data offers may punish it.")


class Service(Strict):
    """Something a choice may need; sanctions close it, privileges open it."""

    id: str = Field(pattern=ID_PATTERN, description="Stable id, used in `needs`, `closes` and `opens`.", examples=["railway"])
    name: str = Field(description="Name shown to the player.", examples=["High-speed rail tickets"])
    institution: str = Field(description="Who refuses or grants it, named in locks and notices.", examples=["Velmar Rail Ticketing Office"])
    domain: str = Field(description="Area of life (travel, finance, housing, education, work, health...).", examples=["travel"])
    by_privilege: bool = Field(default=False, description="If true the service is closed unless a privilege opens it (a fast-track visa, a priority clinic).")


class Catalogue(Strict):
    """The shared vocabulary: behaviours and services. Stories and rulebooks both name these."""

    extends: Literal["shipped"] | None = Field(default=None, description="`\"shipped\"`: add to the catalogue that ships with the game instead of replacing it. Its behaviours and services stay (so the shipped rulebooks still load), this file's are added, and an id both define is an error (E010). Leave it out to write a whole catalogue of your own.")
    behaviour: list[Behaviour] = Field(default_factory=list, description="Every behaviour a story may emit and a rulebook may judge.")
    service: list[Service] = Field(default_factory=list, description="Every service a choice may need and a sanction may close.")


# --------------------------------------------------------------------------- scenario


class ScenarioMeta(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Stable id of the scenario; saves refer to it.", examples=["the_quiet_year"])
    title: str = Field(description="Title shown on the title screen.")
    version: str = Field(default="1.0", description="Author's version string; saves record it.")
    author: str = Field(default="", description="Who wrote it.")
    summary: str = Field(default="", description="One or two sentences shown when choosing a scenario.")


class Calendar(Strict):
    turns: int = Field(ge=1, le=1000, description="How many turns the life lasts.", examples=[10])
    unit: str = Field(default="week", description="What one turn is, as a word: week, month, season.", examples=["week"])


class Person(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Stable id, used in conditions and effects.", examples=["ines"])
    name: str = Field(description="Name shown to the player.")
    relation: str = Field(default="", description="Who they are to the citizen (mother, neighbour, colleague).")


class Contact(Person):
    standing: int = Field(default=50, ge=0, le=100, description="Where the contact stands among the city's tiers, 0 (the worst tier) to 100 (the best), like the citizen's own `standing`. Each rulebook places it on its own score scale (see `[[tier]] typical`), so the same friend is low-scored in every city that scores people.", examples=[10])
    kept: bool = Field(default=True, description="Whether the citizen starts the life in contact with them.")


class Citizen(Strict):
    name: str = Field(description="The citizen's name.")
    background: str = Field(default="", description="A few sentences of who they are, shown at the start.")
    money: int = Field(default=0, description="Starting money.")
    resources: dict[str, int] = Field(default_factory=dict, description="Other counted resources and their starting values (time, health, savings...). Conditions read them as `resources.NAME`.")
    virtues: dict[str, int] = Field(default_factory=dict, description="Hidden virtues and their starting values (care, honesty, courage...). Never shown to the system; shown to the player at the end.")
    flags: list[str] = Field(default_factory=list, description="Flags that start set. Every flag a condition reads must be set somewhere: here or by an effect.")
    family: list[Person] = Field(default_factory=list, description="Family members (people, not scored contacts).")
    contacts: list[Contact] = Field(default_factory=list, description="People the system may score the citizen by.")


class Effects(Strict):
    """What a choice changes in the story. Never the score: only rulebooks set it."""

    money: int = Field(default=0, description="Money gained (positive) or spent (negative). A choice that needs a service has its cost scaled by that service's price factor.")
    resources: dict[str, int] = Field(default_factory=dict, description="Change to each named resource.")
    virtues: dict[str, int] = Field(default_factory=dict, description="Change to each hidden virtue. The system never sees these.")
    set: list[str] = Field(default_factory=list, description="Flags to set.")
    clear: list[str] = Field(default_factory=list, description="Flags to clear.")
    add_contacts: list[str] = Field(default_factory=list, description="Contacts the citizen takes up (or takes back).")
    drop_contacts: list[str] = Field(default_factory=list, description="Contacts the citizen drops.")
    contact_standing: dict[str, int] = Field(default_factory=dict, description="Change to a contact's standing, in points of the 0-100 standing scale (the result is kept within 0..100); each city turns it into a score on its own scale.")
    appeal: bool | str = Field(default=False, description="The choice files an appeal against a disputed record (wrong or without context): `true` for the most recent one, or a behaviour id for the most recent disputed record of that behaviour. What happens depends on the rulebook's appeals.", examples=[True, "late_payment"])


class Choice(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Stable id within its event; saves refer to it.", examples=["pay_now"])
    text: str = Field(description="What the citizen does, in a few words.", examples=["Pay the fine"])
    show_if: str | None = Field(default=None, description="Condition: the choice is listed only when it holds.")
    enable_if: str | None = Field(default=None, description="Condition: the choice can be taken only when it holds; otherwise it is shown locked with `locked_reason`.")
    locked_reason: str = Field(default="", description="Why the choice is locked when `enable_if` fails, in the narration's voice.")
    needs: list[str] = Field(default_factory=list, description="Services the choice needs. If a sanction has closed one, the choice is locked, naming the service, the institution and the record behind it.")
    behaviours: list[str] = Field(default_factory=list, description="Behaviours the choice performs, by catalogue id. Rulebooks judge these.")
    context: dict[str, str] = Field(default_factory=dict, description="For a behaviour in `behaviours`, the circumstance behind it (a hospital stay behind a late payment). A rulebook may weigh it or record the behaviour without it.")
    effects: Effects = Field(default_factory=Effects, description="What the choice changes in the story.")
    then: str | None = Field(default=None, description="Id of an event to bring up next turn, if its conditions hold then.")
    outcome: str = Field(default="", description="Narration shown after the choice is made.")


class Event(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Stable id; saves refer to it.", examples=["rent_day"])
    title: str = Field(description="A short heading.")
    text: str = Field(description="The situation, in the second person, present tense (60 to 120 words fits 80x24). Text the player reads may name the city with placeholders: `{city}`, `{system}`, `{kind}`, `{app}`, `{announcer}`.")
    when: str | None = Field(default=None, description="Condition: the event is eligible only when it holds.")
    first_turn: int = Field(default=1, ge=1, description="First turn the event may come up.")
    last_turn: int | None = Field(default=None, ge=1, description="Last turn the event may come up (default: the last turn).")
    weight: float = Field(default=1.0, gt=0, description="Relative chance among eligible events of the same priority.")
    priority: int = Field(default=0, description="Eligible events with the highest priority are drawn from first.")
    once: bool = Field(default=True, description="If true the event comes up at most once per life.")
    cooldown: int = Field(default=0, ge=0, description="Turns that must pass before a repeatable event comes up again.")
    due: bool = Field(default=False, description="If true the event is sure to come up by its `last_turn` (or the calendar's last turn): drawn like any other until then, but if it is still eligible and has not come up when that turn arrives, it comes up then, ahead of everything else (a queued follow-up waits a turn). Give two due events different last turns: only one event comes up a turn. Lets a story's thread start in a different week in each life.")
    choice: list[Choice] = Field(min_length=1, description="Two to four choices, in order.")

    _file: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")


class Ending(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Stable id.", examples=["left_the_city"])
    title: str = Field(description="Heading of the ending screen.")
    text: str = Field(description="What became of the citizen, in a scene.")
    when: str | None = Field(default=None, description="Condition; the ending with the highest priority whose condition holds is chosen. One ending should have none, as the fallback.")
    priority: int = Field(default=0, description="Higher wins among endings whose conditions hold.")
    immediate: bool = Field(default=False, description="If true, the life ends as soon as the condition holds after a decision, before the calendar runs out.")

    _file: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")


class ScenarioFile(Strict):
    """One scenario TOML file. A scenario is one file, or a folder of them (``scenario.toml``
    holding ``[scenario]``, ``[calendar]`` and ``[citizen]``, other files adding events and
    endings)."""

    scenario: ScenarioMeta | None = Field(default=None, description="Metadata. Exactly once per scenario.")
    calendar: Calendar | None = Field(default=None, description="How long the life lasts. Exactly once per scenario.")
    citizen: Citizen | None = Field(default=None, description="Who the player is. Exactly once per scenario.")
    event: list[Event] = Field(default_factory=list, description="The events (storylets).")
    ending: list[Ending] = Field(default_factory=list, description="The endings.")


# --------------------------------------------------------------------------- rulebook


class RulebookMeta(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Stable id; saves refer to it.", examples=["points_city"])
    title: str = Field(description="Name of the policy, shown to the player.")
    city: str = Field(description="The fictional pilot city that runs it.")
    kind: Literal["municipal_pilot", "commercial_platform", "court_register", "charter_city"] = Field(default="municipal_pilot", description="What kind of system it is: a city's points pilot, a company's rating platform, a court's register, or a city charter that keeps public records. Stories say it as `{kind}`.")
    system: str = Field(default="", description="The system's own name as it reads mid-sentence, with its article if it takes one; stories say it as `{system}`. Default: `the` and the title.", examples=["Lantern Credit"])
    app: str = Field(default="", description="The app or portal where citizens meet the system and its Guide, as it reads mid-sentence; stories say it as `{app}`. Default: `the CITY app`.", examples=["the Lantern app"])
    version: str = Field(default="1.0", description="Author's version string.")
    summary: str = Field(default="", description="One or two sentences shown when choosing a rulebook.")
    start_score: int = Field(default=0, description="The score every citizen starts with.")
    transparency: Literal["public", "partial", "secret"] = Field(default="public", description="`public`: every rule readable in game. `partial`: rules marked `hidden` are redacted. `secret`: only outcomes are shown; notices give no reasons.")
    context: Literal["ignored", "weighed"] = Field(default="ignored", description="`ignored`: a behaviour with a circumstance is recorded without it and scored in full. `weighed`: the circumstance is recorded and the points scaled by `context_factor`.")
    context_factor: float = Field(default=0.0, ge=0, le=1, description="With `context = \"weighed\"`, the share of the points kept when a circumstance explains the behaviour.")
    observe: float = Field(default=1.0, ge=0, le=1, description="Default chance that a behaviour is seen and recorded.")
    observe_domains: dict[str, float] = Field(default_factory=dict, description="Chance of being seen per behaviour domain (family = 0.3: visits are rarely noticed), between a value's own `observe` and the default.", examples=[{"family": 0.3, "finance": 1.0}])
    error_rate: float = Field(default=0.0, ge=0, le=1, description="Chance, each turn, that a wrong record (someone else's act) is added to the citizen's dossier.")
    wrong_records: list[str] = Field(default_factory=list, description="Behaviours a wrong record may be of (a namesake's debt). Needed when `error_rate` > 0.")
    announcer: str = Field(default="", description="Who signs the system's notices (the Municipal Credit Office).")


class Value(Strict):
    """How much one behaviour is worth under this rulebook."""

    behaviour: str = Field(description="Catalogue id of the behaviour. A behaviour no value names is not scored at all.")
    points: int = Field(description="Points added when a record of it is made (negative to punish).")
    force: Force | None = Field(default=None, description="Which of Lessig's four forces this consequence is: law, norms, market, architecture. Default: law for illegal behaviours, norms otherwise.")
    observe: float | None = Field(default=None, ge=0, le=1, description="Chance the behaviour is seen (default: the rulebook's `observe`).")
    hidden: bool = Field(default=False, description="With `transparency = \"partial\"`, the rule is redacted in game and its notices give no reason.")
    from_turn: int = Field(default=1, ge=1, description="Turn from which the rule applies (a rule change).")
    until_turn: int | None = Field(default=None, ge=1, description="Last turn the rule applies.")
    announced: bool = Field(default=True, description="Whether a rule that starts after turn 1 is announced when it starts.")
    article: str = Field(default="", description="The article or clause the notice cites.", examples=["Art. 14(2)"])
    reason: str = Field(default="", description="The system's reason, in its own voice.")


class Tier(Strict):
    id: str = Field(pattern=r"^[A-Za-z0-9_+\-]+$", description="Short tier id shown beside the score.", examples=["A"])
    label: str = Field(description="The tier's name.", examples=["Trustworthy"])
    min: int | None = Field(default=None, description="Lowest score in this tier. The lowest tier has none.")
    typical: int | None = Field(default=None, description="A typical score in this tier: where a contact whose standing is this tier's is placed, and the point between which other standings are drawn. Must lie in the tier's band. Default: the middle of the band; for the best and the worst tier, half the narrowest band beyond their edge (with two tiers, 50 points).")


class Sanction(Strict):
    """Closes services while the citizen is in certain tiers."""

    id: str = Field(pattern=ID_PATTERN, description="Stable id.")
    name: str = Field(description="Name shown to the player.", examples=["Travel restriction"])
    tiers: list[str] = Field(description="Active while the citizen's tier is one of these.")
    closes: list[str] = Field(default_factory=list, description="Services it closes.")
    prices: dict[str, float] = Field(default_factory=dict, description="Price factor per service while active (1.5 = half as dear again: a higher loan rate).")
    force: Force = Field(default="architecture", description="Which force enforces it.")
    institution: str = Field(default="", description="Who announces it (default: the rulebook's announcer).")
    reason: str = Field(default="", description="The system's reason.")
    hidden: bool = Field(default=False, description="Redacted under partial transparency.")


class Blacklist(Strict):
    """A list a particular record puts the citizen on, whatever the score."""

    id: str = Field(pattern=ID_PATTERN, description="Stable id.")
    name: str = Field(description="Name shown to the player.", examples=["List of Dishonest Judgement Defaulters"])
    triggers: list[str] = Field(description="Behaviours whose records put the citizen on the list.")
    closes: list[str] = Field(default_factory=list, description="Services it closes.")
    prices: dict[str, float] = Field(default_factory=dict, description="Price factor per service while listed.")
    duration: int | None = Field(default=None, ge=1, description="Turns the listing lasts. None: until `lifted_by` or the end of the life.")
    lifted_by: list[str] = Field(default_factory=list, description="Behaviours that take the citizen off the list (repaying the debt).")
    points: int = Field(default=0, description="Points added when listed; they stop counting when the listing ends.")
    force: Force = Field(default="architecture", description="Which force enforces it.")
    institution: str = Field(default="", description="Who keeps the list.")
    reason: str = Field(default="", description="The system's reason.")
    hidden: bool = Field(default=False, description="Redacted under partial transparency.")


class Privilege(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Stable id.")
    name: str = Field(description="Name shown to the player.", examples=["Deposit-free rental"])
    tiers: list[str] = Field(description="Granted while the citizen's tier is one of these.")
    opens: list[str] = Field(default_factory=list, description="Services it opens (those marked `by_privilege`, or closed ones it overrides).")
    prices: dict[str, float] = Field(default_factory=dict, description="Price factor per service (0.5 = half price).")
    force: Force = Field(default="market", description="Which force delivers it.")
    institution: str = Field(default="", description="Who grants it.")
    hidden: bool = Field(default=False, description="Redacted under partial transparency.")


class Association(Strict):
    """How contacts' scores rub off on the citizen, once per turn."""

    low_below: int | None = Field(default=None, description="A kept contact scored below this costs `low_points` per turn.")
    low_points: int = Field(default=0, description="Points per low-scored contact per turn (negative).")
    high_above: int | None = Field(default=None, description="A kept contact scored above this earns `high_points` per turn.")
    high_points: int = Field(default=0, description="Points per high-scored contact per turn.")
    force: Force = Field(default="norms", description="Which force this is.")
    hidden: bool = Field(default=False, description="Redacted under partial transparency.")
    reason: str = Field(default="", description="The system's reason.")


class DataOffer(Strict):
    """Points for disclosing a data source, and what refusing costs."""

    source: str = Field(description="Data source (location, purchases, contacts, health), as named in the catalogue's `discloses`/`withholds`.")
    share_points: int = Field(default=0, description="Points for a behaviour that discloses the source.")
    refuse_points: int = Field(default=0, description="Points for a behaviour that withholds it.")
    refuse_closes: list[str] = Field(default_factory=list, description="Services closed for the rest of the life after a refusal (a reward withheld).")
    force: Force = Field(default="market", description="Which force this is.")
    hidden: bool = Field(default=False, description="Redacted under partial transparency.")
    reason: str = Field(default="", description="The system's reason.")


class Appeals(Strict):
    kind: Literal["none", "bureaucratic", "fair"] = Field(default="none", description="`none`: no procedure; appeal choices are locked. `bureaucratic`: costs money, takes turns, rarely succeeds. `fair`: an independent review removes wrong records and restores missing context.")
    cost: int = Field(default=0, ge=0, description="Money an appeal costs.")
    delay: int = Field(default=1, ge=0, description="Turns before the decision.")
    success: float = Field(default=1.0, ge=0, le=1, description="Chance an appeal against a disputed record succeeds (bureaucratic).")
    institution: str = Field(default="", description="Who hears appeals.")


class RulebookFile(Strict):
    """One pilot city's policy."""

    rulebook: RulebookMeta = Field(description="Metadata and global settings.")
    value: list[Value] = Field(default_factory=list, description="What each behaviour is worth.")
    tier: list[Tier] = Field(min_length=1, description="Tiers from best to worst; each tier but the last has a `min`.")
    sanction: list[Sanction] = Field(default_factory=list, description="Tier sanctions.")
    blacklist: list[Blacklist] = Field(default_factory=list, description="Record-triggered lists.")
    privilege: list[Privilege] = Field(default_factory=list, description="Tier privileges.")
    association: Association = Field(default_factory=Association, description="Guilt (and credit) by association.")
    data_offer: list[DataOffer] = Field(default_factory=list, description="Data-sharing offers.")
    appeals: Appeals = Field(default_factory=Appeals, description="How a citizen can contest a record.")
