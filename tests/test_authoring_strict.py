"""TOML has types: `citizen check` and the editors' JSON Schemas judge a value the same way.

Each bad file below is one valid base file with one value changed. Both the JSON Schema (what
an editor underlines) and `citizen check` must reject it at the same key; every shipped and
scaffolded file must pass both.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import tomli

from game.authoring import schema
from game.authoring.check import check_paths
from game.authoring.scaffold import create
from game.scenario.diagnostics import format_path
from game.scenario.library import content_root

jsonschema = pytest.importorskip("jsonschema")

BROKEN = Path(__file__).parent / "fixtures" / "broken"
BASES = {
    "scenario": BROKEN / "ok_base.toml",
    "rulebook": BROKEN / "rulebooks" / "ok_rulebook.toml",
    "catalogue": BROKEN / "catalogue.toml",
}

# (kind, old text, new text, key path of the fault)
BAD = [
    # a string where a number, a boolean or a list belongs
    ("scenario", "money = 50", 'money = "110"', ("citizen", "money")),
    ("scenario", "turns = 3", 'turns = "3"', ("calendar", "turns")),
    ("scenario", "once = false", 'once = "false"', ("event", 0, "once")),
    ("scenario", "once = false", 'once = false\nfirst_turn = "6"', ("event", 0, "first_turn")),
    ("scenario", "once = false", 'once = false\nweight = "1.5"', ("event", 0, "weight")),
    ("scenario", "once = false", 'once = false\npriority = "15"', ("event", 0, "priority")),
    ("scenario", "virtues = { care = 0 }", 'virtues = { care = "0" }', ("citizen", "virtues", "care")),
    ("scenario", 'contacts = [{ id = "ana", name = "Ana" }]', 'flags = "rich"', ("citizen", "flags")),
    ("scenario", "effects = { virtues = { care = 1 } }", 'effects = { money = "-5" }', ("event", 0, "choice", 1, "effects", "money")),
    ("scenario", "effects = { virtues = { care = 1 } }", 'needs = "railway"', ("event", 0, "choice", 1, "needs")),
    # a number or a boolean where a string belongs, a float where a whole number belongs
    ("scenario", 'text = "Rest"', "text = 5", ("event", 0, "choice", 0, "text")),
    ("scenario", 'title = "Plain"', "title = true", ("ending", 0, "title")),
    ("scenario", "effects = { virtues = { care = 1 } }", "effects = { virtues = { care = 1.5 } }", ("event", 0, "choice", 1, "effects", "virtues", "care")),
    ("scenario", "effects = { virtues = { care = 1 } }", "effects = { appeal = 3 }", ("event", 0, "choice", 1, "effects", "appeal")),
    # values out of their range or pattern, keys that do not exist
    ("scenario", "turns = 3", "turns = 0", ("calendar", "turns")),
    ("scenario", 'id = "week"', 'id = "Week"', ("event", 0, "id")),
    ("scenario", "once = false", "once = false\nonse = true", ("event", 0)),
    # rulebooks
    ("rulebook", "points = 5", 'points = "8"', ("value", 0, "points")),
    ("rulebook", "points = 5", "points = 5\nobserve = \"0.5\"", ("value", 0, "observe")),
    ("rulebook", "points = 5", 'points = 5\nhidden = "true"', ("value", 0, "hidden")),
    ("rulebook", "min = 10", 'min = "10"', ("tier", 0, "min")),
    ("rulebook", 'city = "Nowhere"', 'city = "Nowhere"\ntransparency = "open"', ("rulebook", "transparency")),
    ("rulebook", 'city = "Nowhere"', 'city = "Nowhere"\nwrong_records = "late_payment"', ("rulebook", "wrong_records")),
    # catalogues
    ("catalogue", 'legal = "lawful"', 'legal = "Lawful"', ("behaviour", 0, "legal")),
    ("catalogue", '[[behaviour]]\nid = "pay_rent"', 'extends = "everything"\n\n[[behaviour]]\nid = "pay_rent"', ("extends",)),
]


def _schema_errors(kind: str, data: dict) -> list[tuple]:
    validator = jsonschema.Draft7Validator(schema.schema_for(kind))
    return [tuple(e.absolute_path) for e in validator.iter_errors(data)]


def _write(tmp_path: Path, kind: str, text: str) -> Path:
    if kind == "rulebook":
        folder = tmp_path / "rulebooks"
        folder.mkdir(exist_ok=True)
        shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
        path = folder / "rb.toml"
    elif kind == "catalogue":
        path = tmp_path / "catalogue.toml"
    else:
        shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
        path = tmp_path / "life.toml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("kind, old, new, where", BAD, ids=lambda x: x if isinstance(x, str) else None)
def test_check_and_the_schema_reject_the_same_bad_value(tmp_path, kind, old, new, where):
    base = BASES[kind].read_text()
    assert old in base, old
    text = base.replace(old, new, 1)
    path = _write(tmp_path, kind, text)
    # the editor's schema
    schema_paths = _schema_errors(kind, tomli.loads(text))
    assert schema_paths, "the JSON Schema accepted it"
    assert any(p[:len(where)] == where for p in schema_paths), schema_paths
    # citizen check
    errors = [d for d in check_paths([path]).errors if d.code in ("E002", "E004")]
    assert errors, "citizen check accepted it"
    assert any(d.path == format_path(where) or d.path.startswith(format_path(where) + ".") for d in errors), errors


@pytest.mark.parametrize("old, new, expected", [
    ("money = 50", 'money = "110"', 'expected a whole number, not the string "110": write money = 110, without quotes'),
    ("once = false", 'once = "false"', 'expected true or false, not the string "false": write once = false, without quotes'),
    ("once = false", 'once = false\nweight = "1.5"', 'expected a number, not the string "1.5": write weight = 1.5, without quotes'),
    ('text = "Rest"', "text = 5", 'expected a string in quotes, not the number 5: write text = "5"'),
    ("effects = { virtues = { care = 1 } }", 'needs = "railway"',
     'expected a list in brackets, [...], not the string "railway": write needs = ["railway"]'),
    ("effects = { virtues = { care = 1 } }", "effects = { appeal = 3 }",
     "expected true or false, or a string in quotes, not the number 3"),
    ("turns = 3", "turns = 0", "must be at least 1, not 0"),
    ('id = "week"', 'id = "Rent Day"', 'an id is lowercase letters, digits and _, starting with a letter; not "Rent Day" (try "rent_day")'),
])
def test_a_wrong_type_says_what_was_expected_and_what_to_write(tmp_path, old, new, expected):
    path = _write(tmp_path, "scenario", BASES["scenario"].read_text().replace(old, new, 1))
    (d,) = check_paths([path]).errors
    assert d.code == "E004" and d.message == expected


def test_a_whole_number_is_a_number():
    """TOML and the schemas let an integer stand where a float belongs; so does check."""
    text = BASES["scenario"].read_text().replace("once = false", "once = false\nweight = 2")
    assert _schema_errors("scenario", tomli.loads(text)) == []
    rb = BASES["rulebook"].read_text().replace("points = 5", "points = 5\nobserve = 1")
    assert _schema_errors("rulebook", tomli.loads(rb)) == []


def test_whole_numbers_in_number_keys_load(tmp_path):
    text = BASES["scenario"].read_text().replace("once = false", "once = false\nweight = 2")
    assert check_paths([_write(tmp_path, "scenario", text)]).diagnostics == []


def _kind_of(path: Path) -> str:
    if path.name == "catalogue.toml":
        return "catalogue"
    return "rulebook" if path.parent.name == "rulebooks" else "scenario"


def _shipped_and_scaffolded(tmp_path_factory) -> list[Path]:
    root = content_root()
    files = sorted(root.rglob("*.toml")) if root.is_dir() else []
    folder = create("agreement", tmp_path_factory.mktemp("scaffold"))
    return files + sorted(folder.rglob("*.toml"))


def test_every_shipped_and_scaffolded_file_passes_both(tmp_path_factory):
    files = _shipped_and_scaffolded(tmp_path_factory)
    assert len(files) >= 8
    for path in files:
        kind = _kind_of(path)
        assert _schema_errors(kind, tomli.loads(path.read_text())) == [], path
    scaffold = [p for p in files if "agreement" in p.parts]
    for target in [content_root(), scaffold[0].parent if scaffold[0].name == "scenario.toml" else scaffold[0].parents[1]]:
        result = check_paths([target])
        assert [d for d in result.errors if d.code in ("E001", "E002", "E003", "E004")] == [], target


def test_committed_schemas_say_integer_where_check_wants_a_whole_number():
    """The schema and the models come from one source: an int field is 'integer', a float
    field 'number', a bool 'boolean'; nothing is left untyped for the editor."""
    data = json.loads((schema.schemas_dir() / "scenario.schema.json").read_text())
    event = data["$defs"]["Event"]["properties"]
    assert event["first_turn"]["type"] == "integer"
    assert event["weight"]["type"] == "number"
    assert event["once"]["type"] == "boolean"
