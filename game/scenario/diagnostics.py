"""Problems found in content files, each with a stable code and an exact position."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning", "info"]

#: Every diagnostic code, with its severity and a one-line meaning. AUTHORING.md lists these.
CODES: dict[str, tuple[Severity, str]] = {
    "E001": ("error", "TOML syntax error"),
    "E002": ("error", "unknown key"),
    "E003": ("error", "missing required key"),
    "E004": ("error", "wrong type or value"),
    "E005": ("error", "file cannot be read"),
    "E010": ("error", "duplicate id"),
    "E011": ("error", "unknown behaviour"),
    "E012": ("error", "unknown service"),
    "E013": ("error", "unknown event"),
    "E014": ("error", "unknown contact"),
    "E015": ("error", "unknown resource or virtue"),
    "E016": ("error", "missing section: a scenario needs [scenario], [calendar] and [citizen] exactly once"),
    "E017": ("error", "unknown data source"),
    "E018": ("error", "unknown placeholder in text (the city's voice: {city}, {system}, {kind}, {app}, {announcer})"),
    "E020": ("error", "condition syntax error"),
    "E021": ("error", "condition uses an unknown name"),
    "E022": ("error", "condition compares mismatched types"),
    "E023": ("error", "condition tests membership that can never hold"),
    "E024": ("error", "condition reads a flag that nothing sets (a misspelt flag is E021, with a suggestion)"),
    "E030": ("error", "rulebook names an unknown behaviour"),
    "E031": ("error", "rulebook names an unknown tier"),
    "E032": ("error", "tiers out of order: each tier but the last needs a min lower than the one above"),
    "E033": ("error", "a tier's typical score lies outside its band"),
    "E040": ("error", "not a scenario, rulebook or catalogue file"),
    "E050": ("error", "not a regular file (a folder, a named pipe, a device): it is not read"),
    "E051": ("error", "a link that leads outside its folder: it is not followed"),
    "E052": ("error", "file too large (the limit is in docs/SECURITY.md)"),
    "E053": ("error", "nested too deeply (tables, arrays and dotted keys; the limit is 32 levels)"),
    "E054": ("error", "text, id or key too long (texts 20,000 characters, ids and keys 64)"),
    "E055": ("error", "condition too long (1,000 characters), too deeply nested (32 levels) or with a number too long"),
    "E099": ("error", "internal error in citizen check's analysis (a bug: please report it)"),
    "W101": ("warning", "flag set but never read"),
    "W102": ("warning", "event can never be eligible"),
    "W103": ("warning", "choice can never be selected"),
    "W104": ("warning", "ending can never be reached"),
    "W105": ("warning", "a backslash before a bracket shows on screen (text is never read as markup)"),
    "W106": ("warning", "no fallback ending (an ending without a condition)"),
    "W107": ("warning", "event has one choice or more than four"),
    "W108": ("warning", "a turn may have no eligible event"),
    "W109": ("warning", "event can come up but none of its choices can ever be taken"),
    "W110": ("warning", "a follow-up (then) can take the turn of an event of higher priority, which is then missed"),
    "W111": ("warning", "the #:schema line does not lead to this file kind's JSON Schema"),
    "W150": ("warning", "control characters or terminal escape sequences in text (removed at load)"),
    "W151": ("warning", "bidirectional override characters in text (removed at load)"),
    "I201": ("info", "behaviour the scenario emits that the rulebook never scores"),
    "I202": ("info", "problems in other files not shown, because they may follow from this file failing to load"),
}


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    col: int
    code: str
    path: str
    message: str

    @property
    def severity(self) -> Severity:
        return CODES.get(self.code, ("error", ""))[0]

    def __str__(self) -> str:
        where = f" {self.path}:" if self.path else ""
        return f"{self.file}:{self.line}:{self.col}: {self.code}{where} {self.message}"

    def to_json(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity
        return d


def format_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def did_you_mean(word: str, options: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class LoadError(Exception):
    """Raised when content cannot be used; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        super().__init__("\n".join(str(d) for d in errors) or "content could not be loaded")
