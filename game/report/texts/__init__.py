"""Texts the game ships beside its code: reflection texts and epithets for the end screens.

:func:`load_texts` reads and checks them once (this is the only I/O; the engine's
:mod:`game.report.reflections` and :mod:`game.report.epithet` take the parsed texts).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal

import tomli
from pydantic import BaseModel, ConfigDict, Field

Op = Literal[">=", "<="]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Trigger(_Strict):
    measure: str = Field(description="Id of a report measure (game.report.run.MEASURES).")
    op: Op = Field(default=">=", description="How the measure is compared with the threshold.")
    threshold: float = Field(description="The value at which the text applies.")
    requires: dict[str, float] = Field(default_factory=dict, description="Other measures that must be at least these values.")
    below: dict[str, float] = Field(default_factory=dict, description="Other measures that must be below these values.")


class CityPolicy(_Strict):
    """Which cities a text is true of, by their rulebook's policies (unset: any)."""

    transparency: list[Literal["public", "partial", "secret"]] | None = None
    context: list[Literal["ignored", "weighed"]] | None = None
    appeals: list[Literal["none", "bureaucratic", "fair"]] | None = None


class ReflectionText(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    row: int = Field(ge=1, le=13, description="The THEMES.md row it speaks to.")
    when: Trigger
    city: CityPolicy = Field(default_factory=CityPolicy,
                             description="Only in cities with these policies: a sentence true of one city may be false of another.")
    weight: float = Field(default=1.0, gt=0, description="How much it matters beside the others when choosing.")
    text: str = Field(description="The text; {names} are filled from the measure's moment.")


class Epithet(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str = Field(description="The epithet, with its article: 'the Compliant'.")
    when: Trigger | None = Field(default=None, description="None: the fallback.")
    weight: float = Field(default=1.0, gt=0)


class Texts(_Strict):
    reflection: list[ReflectionText]
    epithet: list[Epithet]


def _read(name: str) -> dict:
    return tomli.loads(resources.files(__package__).joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_texts() -> Texts:
    return Texts(reflection=_read("reflections.toml")["reflection"], epithet=_read("epithets.toml")["epithet"])
