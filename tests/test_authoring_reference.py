"""The generated reference and JSON Schemas match the models, and their examples are valid."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import pytest
import tomli
from pydantic import TypeAdapter

from game.authoring import reference, schema
from game.scenario.conditions import BOOL, NUM, SET, STR
from game.scenario.loader import scenario_names
from game.scenario.models import Catalogue, Citizen, RulebookFile, ScenarioFile

MINI = Path(__file__).parent / "fixtures" / "mini"


def test_committed_schemas_match_the_models():
    stale = schema.drift()
    assert not stale, f"schemas out of date: {stale}; run `citizen schema`"


def test_authoring_reference_matches_the_models():
    assert reference.doc_is_current(), "docs/AUTHORING.md reference is stale; run `citizen schema`"


def test_drift_is_detected(tmp_path):
    schema.write_all(tmp_path)
    assert schema.drift(tmp_path) == []
    p = tmp_path / "scenario.schema.json"
    p.write_text(p.read_text().replace("How many turns", "How many weeks"))
    assert schema.drift(tmp_path) == ["scenario.schema.json"]
    doc = tmp_path / "A.md"
    doc.write_text("intro\n" + reference.render_reference().replace("Stable id", "Stale id", 1) + "outro\n")
    assert not reference.doc_is_current(doc)
    assert reference.update_doc(doc)
    assert reference.doc_is_current(doc)
    assert doc.read_text().startswith("intro\n") and doc.read_text().endswith("outro\n")


MODELS = [ScenarioFile, RulebookFile, Catalogue]


def _all_tables():
    for model in MODELS:
        yield from reference.tables(model)


@pytest.mark.parametrize("table", list(_all_tables()), ids=lambda t: t.header)
def test_every_key_has_a_valid_example(table):
    for name, field in table.model.model_fields.items():
        if reference._submodel(field.annotation)[0] is not None:
            continue
        value = reference.example_for(table.model, name)
        tp = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        TypeAdapter(tp).validate_python(value)
    block = reference.example_block(table)
    data = tomli.loads(block)
    assert data


def test_condition_names_table_covers_the_loader():
    citizen = Citizen(name="x", resources={"r": 1}, virtues={"v": 0})

    class Lex:
        behaviours = {"b": None}
        services = {}

    names = scenario_names(citizen, [], Lex(), {"f"})
    generic = {n.replace("resources.r", "resources.NAME").replace("virtues.v", "virtues.NAME")
               .replace("flags.f", "flags.NAME").replace("records.b", "records.BEHAVIOUR"): t
               for n, t in names.types.items()}
    words = {NUM: "number", BOOL: "true/false", STR: "string", SET: "set"}
    documented = {n: t for n, t, _ in reference.CONDITION_NAMES}
    assert documented == {n: words[t] for n, t in generic.items()}


def test_fixture_files_validate_against_the_schemas():
    jsonschema = pytest.importorskip("jsonschema")
    for kind, path in [("scenario", MINI / "mini.toml"), ("rulebook", MINI / "rulebooks" / "strict.toml"),
                       ("catalogue", MINI / "catalogue.toml")]:
        sch = schema.schema_for(kind)
        jsonschema.Draft7Validator.check_schema(sch)
        data = tomli.loads(path.read_text())
        assert list(jsonschema.Draft7Validator(sch).iter_errors(data)) == []
        data["nonsense"] = 1
        assert list(jsonschema.Draft7Validator(sch).iter_errors(data))


def test_schema_has_no_null():
    for kind in schema.KINDS:
        assert '"null"' not in schema.render(kind)


def _tutorial_blocks() -> str:
    text = reference.doc_path().read_text()
    part = text[text.index("## A tiny scenario"):text.index("### 4. Playtest it")]
    return "\n".join(re.findall(r"```toml\n(.*?)```", part, re.S))


def test_the_tutorial_scenario_checks_as_the_text_says(tmp_path):
    from game.authoring.check import check_paths

    source = _tutorial_blocks()
    schema.write_all(tmp_path / "schemas")  # the tutorial's `citizen schema --output schemas`
    path = tmp_path / "tiny.toml"
    path.write_text(source)
    codes = {d.code for d in check_paths([path]).diagnostics}
    assert codes == {"E011", "E021"}  # the two deliberate typos
    path.write_text(source.replace("late_paymnet", "late_payment").replace("flags.visitd", "flags.visited"))
    assert [d.code for d in check_paths([path]).diagnostics] == ["W104"]
    path.write_text(path.read_text().replace("virtues.care >= 5", "virtues.care >= 2"))
    assert check_paths([path]).diagnostics == []


def test_condition_examples_in_the_doc_parse():
    from game.scenario.conditions import parse

    text = reference.doc_path().read_text()
    part = text[text.index("## The condition language"):text.index("## Reference")]
    examples = re.findall(r'^(?:when|show_if|enable_if) = "(.*)"', part, re.M)
    assert len(examples) >= 5
    for src in examples:
        parse(src)


def _content_files():
    from game.scenario.library import content_root

    root = content_root()
    return sorted(root.rglob("*.toml")) if root.is_dir() else []


@pytest.mark.parametrize("path", _content_files(), ids=lambda p: p.name)
def test_shipped_files_name_a_schema_that_exists_and_validates_them(path):
    first = path.read_text().splitlines()[0]
    assert first.startswith("#:schema "), f"{path} has no #:schema directive on its first line"
    target = (path.parent / first.split(" ", 1)[1].strip()).resolve()
    assert target.parent == schema.schemas_dir().resolve() and target.is_file(), target
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(json.loads(target.read_text()))
    errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(tomli.loads(path.read_text()))]
    assert errors == []


def test_the_guide_needs_nothing_outside_the_project():
    text = reference.doc_path().read_text()
    for outside in ("THEMES.md", "WRITING.md", "/work/", "seed/"):
        assert outside not in text, outside
    for section in ("## Your own content folder", "CITIZEN_CONTENT", 'extends = "shipped"',
                    "## How the next event is chosen", "## Voice and themes", "**The trap in the virtue bot.**"):
        assert section in text, section


def test_every_playtest_bot_is_explained():
    from game.authoring.playtest import STRATEGIES

    text = reference.doc_path().read_text()
    table = text[text.index("| Strategy | How it chooses |"):text.index("**The trap in the virtue bot.**")]
    assert [row.split("`")[1] for row in table.splitlines()[2:] if row.startswith("| `")] == list(STRATEGIES)


def test_the_tutorial_positions_are_the_real_ones(tmp_path):
    """The tutorial prints check's output; the file:line:col in it must be what check says."""
    from game.authoring.check import check_paths

    text = reference.doc_path().read_text()
    part = text[text.index("## A tiny scenario"):text.index("### 4. Playtest it")]
    printed = set(re.findall(r"^(tiny\.toml:\d+:\d+: [EW]\d{3})", part, re.M))
    schema.write_all(tmp_path / "schemas")
    path = tmp_path / "tiny.toml"
    blocks = re.findall(r"```toml\n(.*?)```", part, re.S)
    seen = set()
    for source in (blocks[0], "\n".join(blocks[:2]).replace("late_paymnet", "late_payment"), "\n".join(blocks), "\n".join(blocks).replace("late_paymnet", "late_payment"),
                   "\n".join(blocks).replace("late_paymnet", "late_payment").replace("flags.visitd", "flags.visited")):
        path.write_text(source)
        seen |= {f"tiny.toml:{d.line}:{d.col}: {d.code}" for d in check_paths([path]).diagnostics}
    assert printed and printed <= seen, printed - seen
