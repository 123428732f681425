"""JSON Schemas for each file kind, generated from the pydantic models.

Editors with a TOML language server (taplo / Even Better TOML, tombi) read a file's first-line
``#:schema PATH`` directive and then validate and complete keys as the author types. The
schemas are committed in ``schemas/`` and a test fails when they drift from the models; run
``citizen schema`` to write them again.

TOML has no ``null``, so optional keys are described by their value's type alone (leave the
key out to mean "none"), never as "X or null".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import core_schema

from .. import places
from ..scenario.models import Catalogue, RulebookFile, ScenarioFile

#: file kind -> (model, file name in schemas/, title)
KINDS: dict[str, tuple[type[BaseModel], str, str]] = {
    "scenario": (ScenarioFile, "scenario.schema.json", "Model Citizen scenario file"),
    "rulebook": (RulebookFile, "rulebook.schema.json", "Model Citizen rulebook file"),
    "catalogue": (Catalogue, "catalogue.schema.json", "Model Citizen behaviour catalogue"),
}

#: Draft 7 is what the TOML language servers support best; everything emitted below is valid
#: draft 7 (``$defs`` is reached only through ``$ref`` JSON pointers).
DIALECT = "http://json-schema.org/draft-07/schema#"


def schemas_dir() -> Path:
    """The committed ``schemas/`` of a source checkout, or the installed package's copy."""
    return places.schemas_dir()


class TomlJsonSchema(GenerateJsonSchema):
    """Pydantic's generator, minus ``null``: a TOML key is either written or left out."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> dict[str, Any]:
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> dict[str, Any]:
        if self.get_default_value(schema) is None:
            return self.generate_inner(schema["schema"])
        return super().default_schema(schema)


def schema_for(kind: str) -> dict[str, Any]:
    model, _, title = KINDS[kind]
    body = model.model_json_schema(schema_generator=TomlJsonSchema, mode="validation")
    out: dict[str, Any] = {"$schema": DIALECT, "title": title}
    out.update({k: v for k, v in body.items() if k != "title"})
    return out


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), indent=2, ensure_ascii=False) + "\n"


def write_all(folder: Path | None = None) -> list[Path]:
    folder = Path(folder) if folder else schemas_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, (_, name, _) in KINDS.items():
        path = folder / name
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


def drift(folder: Path | None = None) -> list[str]:
    """File names in ``folder`` that differ from what the models generate now."""
    folder = Path(folder) if folder else schemas_dir()
    stale = []
    for kind, (_, name, _) in KINDS.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != render(kind):
            stale.append(name)
    return stale
