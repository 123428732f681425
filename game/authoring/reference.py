"""The format reference in ``docs/AUTHORING.md``, generated from the models.

Everything between the two markers in AUTHORING.md is written by :func:`render_reference`:
one section per file kind, one table per TOML table with every key's type, default and
meaning (the pydantic field descriptions), an example block per table, the names a condition
may use, and the diagnostic codes. ``citizen schema`` rewrites it; a test fails when the
committed text differs.

Example values come from the fields' own ``examples`` when the model gives one, otherwise from
:data:`EXAMPLES` below (a test checks every key has one and that it validates).
"""

from __future__ import annotations

import json
import re
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .. import places
from ..scenario import conditions
from ..scenario.diagnostics import CODES
from ..scenario.models import Catalogue, RulebookFile, ScenarioFile

BEGIN = "<!-- BEGIN GENERATED REFERENCE: edit the models, then run `citizen schema` -->"
END = "<!-- END GENERATED REFERENCE -->"


def doc_path() -> Path | None:
    """The checkout's docs/AUTHORING.md; None when installed (no docs ship in the wheel)."""
    return places.authoring_doc()


#: Examples for keys whose model field has none. "Model.field" -> a Python value.
EXAMPLES: dict[str, Any] = {
    # catalogue
    "Catalogue.behaviour": None, "Catalogue.service": None, "Catalogue.extends": "shipped",
    "Behaviour.legal": "lawful",
    "Behaviour.discloses": "location",
    "Behaviour.withholds": "location",
    "Service.by_privilege": False,
    # scenario
    "ScenarioFile.scenario": None, "ScenarioFile.calendar": None, "ScenarioFile.citizen": None,
    "ScenarioFile.event": None, "ScenarioFile.ending": None,
    "ScenarioMeta.title": "The Quiet Year",
    "ScenarioMeta.version": "1.2",
    "ScenarioMeta.author": "R. Okafor",
    "ScenarioMeta.summary": "Ten weeks in Eastgate, with a sick mother and a thin wallet.",
    "Citizen.name": "Mara Velk",
    "Citizen.background": "You repair bicycles in a shop that is not yours.",
    "Citizen.money": 120,
    "Citizen.resources": {"time": 3, "health": 5},
    "Citizen.virtues": {"care": 0, "honesty": 0},
    "Citizen.flags": ["has_bicycle"],
    "Citizen.family": None, "Citizen.contacts": None,
    "Person.name": "Ines",
    "Person.relation": "mother",
    "Contact.name": "Tomas",
    "Contact.relation": "old friend",
    "Contact.standing": 20,
    "Contact.kept": True,
    "Event.title": "Rent day",
    "Event.text": "The landlord's envelope is on the mat again.",
    "Event.when": "money < 100 and not flags.rent_paid",
    "Event.first_turn": 2,
    "Event.last_turn": 8,
    "Event.weight": 2.0,
    "Event.priority": 10,
    "Event.once": False,
    "Event.cooldown": 3,
    "Event.due": False,
    "Event.choice": None,
    "Choice.show_if": "'tomas' in contacts",
    "Choice.enable_if": "resources.time >= 1",
    "Choice.locked_reason": "You have no time left this week.",
    "Choice.needs": ["railway"],
    "Choice.behaviours": ["late_payment"],
    "Choice.context": {"late_payment": "You were in hospital."},
    "Choice.effects": None,
    "Choice.then": "landlord_calls",
    "Choice.outcome": "The landlord takes the envelope without a word.",
    "Effects.money": -50,
    "Effects.resources": {"time": -1},
    "Effects.virtues": {"care": 2},
    "Effects.set": ["rent_paid"],
    "Effects.clear": ["owes_rent"],
    "Effects.add_contacts": ["tomas"],
    "Effects.drop_contacts": ["tomas"],
    "Effects.contact_standing": {"tomas": -10},
    "Effects.appeal": True,
    "Ending.title": "The Quiet Year",
    "Ending.text": "In spring you still ride to the shop. Nobody asks about your score.",
    "Ending.when": "virtues.care >= 5",
    "Ending.priority": 5,
    "Ending.immediate": True,
    # rulebook
    "RulebookFile.rulebook": None, "RulebookFile.value": None, "RulebookFile.tier": None,
    "RulebookFile.sanction": None, "RulebookFile.blacklist": None, "RulebookFile.privilege": None,
    "RulebookFile.association": None, "RulebookFile.data_offer": None, "RulebookFile.appeals": None,
    "RulebookMeta.title": "Points for Trust",
    "RulebookMeta.city": "Velmar",
    "RulebookMeta.kind": "municipal_pilot",
    "RulebookMeta.system": "the Velmar Points for Trust pilot",
    "RulebookMeta.app": "the Velmar Civic app",
    "RulebookMeta.version": "1.0",
    "RulebookMeta.summary": "Every citizen starts with 1000 points.",
    "RulebookMeta.start_score": 1000,
    "RulebookMeta.transparency": "partial",
    "RulebookMeta.context": "weighed",
    "RulebookMeta.context_factor": 0.5,
    "RulebookMeta.observe": 0.9,
    "RulebookMeta.error_rate": 0.05,
    "RulebookMeta.wrong_records": ["late_payment"],
    "RulebookMeta.announcer": "Velmar Municipal Credit Office",
    "Value.behaviour": "late_payment",
    "Value.points": -30,
    "Value.force": "market",
    "Value.observe": 0.8,
    "Value.hidden": True,
    "Value.from_turn": 5,
    "Value.until_turn": 9,
    "Value.announced": False,
    "Value.reason": "Punctuality is the foundation of trust.",
    "Tier.min": 1050,
    "Tier.typical": 1100,
    "Sanction.id": "travel_ban",
    "Sanction.tiers": ["C", "D"],
    "Sanction.closes": ["railway"],
    "Sanction.prices": {"bank_loan": 1.5},
    "Sanction.force": "architecture",
    "Sanction.institution": "Velmar Rail Ticketing Office",
    "Sanction.reason": "Travel is a privilege of the trustworthy.",
    "Sanction.hidden": False,
    "Blacklist.id": "defaulters",
    "Blacklist.triggers": ["debt_default"],
    "Blacklist.closes": ["railway", "hotel"],
    "Blacklist.prices": {"bank_loan": 2.0},
    "Blacklist.duration": 6,
    "Blacklist.lifted_by": ["repay_debt"],
    "Blacklist.points": -100,
    "Blacklist.force": "law",
    "Blacklist.institution": "Velmar District Court",
    "Blacklist.reason": "Judgements must be honoured.",
    "Blacklist.hidden": False,
    "Privilege.id": "fast_lane",
    "Privilege.tiers": ["A"],
    "Privilege.opens": ["fast_visa"],
    "Privilege.prices": {"hotel": 0.5},
    "Privilege.force": "market",
    "Privilege.institution": "Velmar Consular Service",
    "Privilege.hidden": False,
    "Association.low_below": 600,
    "Association.low_points": -5,
    "Association.high_above": 1100,
    "Association.high_points": 3,
    "Association.force": "norms",
    "Association.hidden": True,
    "Association.reason": "A citizen is known by the company they keep.",
    "DataOffer.source": "location",
    "DataOffer.share_points": 15,
    "DataOffer.refuse_points": -5,
    "DataOffer.refuse_closes": ["bank_loan"],
    "DataOffer.force": "market",
    "DataOffer.hidden": False,
    "DataOffer.reason": "Sharing keeps the city safe.",
    "Appeals.kind": "bureaucratic",
    "Appeals.cost": 40,
    "Appeals.delay": 2,
    "Appeals.success": 0.25,
    "Appeals.institution": "Velmar Credit Review Board",
}


#: What each name a condition may use means. A test checks this covers exactly what the
#: loader declares (:func:`game.scenario.loader.scenario_names`).
CONDITION_NAMES: list[tuple[str, str, str]] = [
    ("money", "number", "The citizen's money."),
    ("score", "number", "The social score, on the rulebook's own scale: prefer `standing` in stories meant for any city."),
    ("tier", "string", "The current tier id (`\"A\"`); tier ids come from the rulebook, so they are not checked at load. Prefer `standing`."),
    ("standing", "number", "Where the citizen stands among the city's tiers, 0 (the worst tier) to 100 (the best), the same in every city: `standing >= 50`."),
    ("turn", "number", "The current turn, from 1."),
    ("resources.NAME", "number", "A resource declared under `[citizen.resources]`."),
    ("virtues.NAME", "number", "A hidden virtue declared under `[citizen.virtues]`."),
    ("flags.NAME", "true/false", "Whether a flag is set. The flag must be set somewhere: in `[citizen] flags` or by an effect's `set`."),
    ("records.BEHAVIOUR", "number", "How many records of a catalogue behaviour the dossier holds (struck-out ones excluded)."),
    ("disputed", "number", "Records the citizen could appeal: wrong, or recorded without their context."),
    ("listed", "true/false", "Whether the citizen is on any blacklist."),
    ("sanctions", "number", "How many sanctions, blacklistings and withheld rewards are in force."),
    ("restricted", "true/false", "Whether any sanction, blacklisting or withheld reward is in force."),
    ("privileged", "true/false", "Whether the citizen holds any privilege."),
    ("contacts", "set", "Ids of the contacts the citizen keeps: `'tomas' in contacts`."),
    ("closed", "set", "Ids of the services closed to the citizen now: `'railway' in closed`."),
    ("privileges", "set", "Ids of the privileges the citizen holds (rulebook ids, not checked at load)."),
    ("seen", "set", "Ids of the events that have come up so far, the current one included."),
]

_TYPE_WORDS = {conditions.NUM: "number", conditions.BOOL: "true/false", conditions.STR: "string", conditions.SET: "set"}


# --------------------------------------------------------------------------- walking models


@dataclass
class Table:
    header: str  # "event.choice"
    array: bool  # [[...]] rather than [...]
    model: type[BaseModel]
    required: bool


def _unwrap_optional(tp: Any) -> tuple[Any, bool]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def _submodel(tp: Any) -> tuple[type[BaseModel] | None, bool]:
    """(model, is_array) when a field holds a table or an array of tables."""
    tp, _ = _unwrap_optional(tp)
    if typing.get_origin(tp) is list:
        inner = typing.get_args(tp)[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner, True
        return None, False
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp, False
    return None, False


def tables(model: type[BaseModel], prefix: str = "") -> list[Table]:
    out: list[Table] = []
    for name, field in model.model_fields.items():
        sub, array = _submodel(field.annotation)
        if sub is None:
            continue
        header = f"{prefix}.{name}" if prefix else name
        out.append(Table(header, array, sub, field.is_required()))
        out += tables(sub, header)
    return out


def type_words(field: FieldInfo) -> str:
    tp, optional = _unwrap_optional(field.annotation)
    words = _type_of(tp)
    bounds = []
    for m in field.metadata:
        for attr, sym in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<")):
            v = getattr(m, attr, None)
            if v is not None:
                bounds.append(f"{sym} {v}")
        if getattr(m, "min_length", None):
            bounds.append(f"at least {m.min_length}")
        pattern = getattr(m, "pattern", None)
        if pattern == r"^[a-z][a-z0-9_]*$":
            words = "id"
        elif pattern:
            words = f"string matching `{pattern}`"
    if bounds:
        words += " (" + ", ".join(bounds) + ")"
    return words


def _type_of(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is Literal:
        return " \\| ".join(f'`"{a}"`' for a in typing.get_args(tp))
    if origin is list:
        inner = typing.get_args(tp)[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return "array of tables"
        return f"array of {_plural(inner)}"
    if origin is dict:
        return f"table of {_plural(typing.get_args(tp)[1])}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return "table"
    return {str: "string", int: "integer", float: "number", bool: "boolean"}.get(tp, str(tp))


def _plural(tp: Any) -> str:
    return {str: "strings", int: "integers", float: "numbers", bool: "booleans"}.get(tp, _type_of(tp) + "s")


def default_words(field: FieldInfo) -> str:
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        value = field.default_factory()  # type: ignore[call-arg]  # our factories take no data
        if isinstance(value, BaseModel):
            return "(its defaults)"
        return f"`{toml_value(value)}`"
    if field.default is None:
        return "none"
    return f"`{toml_value(field.default)}`"


def example_for(model: type[BaseModel], name: str) -> Any:
    field = model.model_fields[name]
    if field.examples:
        return field.examples[0]
    for klass in model.__mro__:
        key = f"{getattr(klass, '__name__', '')}.{name}"
        if key in EXAMPLES:
            return EXAMPLES[key]
    raise KeyError(f"{model.__name__}.{name}")


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {value!r}")


def example_block(table: Table) -> str:
    head = f"[[{table.header}]]" if table.array else f"[{table.header}]"
    lines = [head]
    for name, field in table.model.model_fields.items():
        if _submodel(field.annotation)[0] is not None:
            continue
        lines.append(f"{name} = {toml_value(example_for(table.model, name))}")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_section(table: Table, level: str = "####") -> str:
    head = f"[[{table.header}]]" if table.array else f"[{table.header}]"
    out = [f"{level} `{head}`", ""]
    doc = (table.model.__doc__ or "").strip()
    if doc and table.model.__doc__ is not BaseModel.__doc__ and "pydantic" not in doc.lower():
        out += [" ".join(doc.split()), ""]
    if table.array:
        out += ["An array of tables: write the header once per item.", ""]
    out += ["| Key | Type | Default | Meaning |", "| --- | --- | --- | --- |"]
    for name, field in table.model.model_fields.items():
        sub, array = _submodel(field.annotation)
        if sub is not None:
            child = f"[[{table.header}.{name}]]" if array else f"[{table.header}.{name}]"
            meaning = f"{field.description or ''} See `{child}`."
            out.append(f"| `{name}` | {'array of tables' if array else 'table'} | {default_words(field)} | {_cell(meaning)} |")
            continue
        out.append(f"| `{name}` | {type_words(field)} | {default_words(field)} | {_cell(field.description or '')} |")
    out += ["", "```toml", example_block(table), "```", ""]
    return "\n".join(out)


def _top_level_rows(model: type[BaseModel]) -> list[str]:
    rows = ["| Table | Required | Meaning |", "| --- | --- | --- |"]
    for name, field in model.model_fields.items():
        sub, array = _submodel(field.annotation)
        head = f"[[{name}]]" if array else f"[{name}]"
        desc = field.description or ""
        if sub is None:  # a plain key at the top of the file, before any table
            rows.append(f"| `{name} = {toml_value(example_for(model, name))}` | no | {_cell(desc)} "
                        f"Type: {type_words(field)}; written before any table. |")
            continue
        needed = "yes" if field.is_required() else ("once per scenario" if "Exactly once" in desc else "no")
        rows.append(f"| `{head}` | {needed} | {_cell(desc)} |")
    return rows


FILE_KINDS: list[tuple[str, type[BaseModel], str]] = [
    ("Scenario file", ScenarioFile,
     "A scenario is one `.toml` file, or a folder holding `scenario.toml` and any other `.toml` "
     "files below it (for example `events/*.toml`). `[scenario]`, `[calendar]` and `[citizen]` "
     "appear exactly once across the folder; `[[event]]` and `[[ending]]` may be in any file, and "
     "ids are unique across the whole folder. Editor schema: `schemas/scenario.schema.json`."),
    ("Rulebook file", RulebookFile,
     "One pilot city's policy, one file in `rulebooks/`. Editor schema: `schemas/rulebook.schema.json`."),
    ("Behaviour catalogue", Catalogue,
     "`catalogue.toml`, shared by every scenario and rulebook beside it. Editor schema: "
     "`schemas/catalogue.schema.json`."),
]


def render_reference() -> str:
    out = [BEGIN, ""]
    for title, model, intro in FILE_KINDS:
        out += [f"### {title}", "", intro, ""]
        out += _top_level_rows(model) + [""]
        for table in tables(model):
            out.append(table_section(table))
    out += ["### Names a condition may use", "",
            "| Name | Type | Meaning |", "| --- | --- | --- |"]
    out += [f"| `{n}` | {t} | {_cell(m)} |" for n, t, m in CONDITION_NAMES]
    out += ["", "### Condition grammar", "", "```text", _grammar(), "```", ""]
    out += ["### Diagnostic codes", "",
            "| Code | Severity | Meaning |", "| --- | --- | --- |"]
    out += [f"| `{code}` | {sev} | {_cell(text)} |" for code, (sev, text) in sorted(CODES.items())]
    out += ["", END]
    return "\n".join(out) + "\n"


def _grammar() -> str:
    doc = conditions.__doc__ or ""
    m = re.search(r"::\n\n(.*?)\n\n", doc, re.S)
    lines = (m.group(1) if m else "").splitlines()
    return "\n".join(line[4:] if line.startswith("    ") else line for line in lines)


# --------------------------------------------------------------------------- the document


def splice(document: str, reference: str | None = None) -> str:
    """The document with its generated part replaced by the current reference."""
    reference = reference if reference is not None else render_reference()
    start = document.find(BEGIN)
    end = document.find(END)
    if start < 0 or end < 0:
        raise ValueError("AUTHORING.md has no generated-reference markers")
    return document[:start] + reference + document[end + len(END) + 1:]


def _checkout_doc() -> Path:
    path = doc_path()
    if path is None:
        raise FileNotFoundError("docs/AUTHORING.md is part of a source checkout, not of an installed game")
    return path


def update_doc(path: Path | None = None) -> bool:
    """Rewrite the generated part of AUTHORING.md; True if it changed."""
    path = path or _checkout_doc()
    old = path.read_text(encoding="utf-8")
    new = splice(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old


def doc_is_current(path: Path | None = None) -> bool:
    path = path or _checkout_doc()
    text = path.read_text(encoding="utf-8")
    return splice(text) == text
