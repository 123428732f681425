"""A long read in sections (the rulebook, the dossier, the status): scrolls by keyboard."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

Section = tuple[str, list[RenderableType]]


class Document(VerticalScroll, can_focus=True):
    def __init__(self, sections: list[Section], **kwargs) -> None:
        super().__init__(**kwargs)
        self.sections = sections

    def compose(self) -> ComposeResult:
        for heading, lines in self.sections:
            yield Static(Text(heading, style="bold"), classes="doc-heading")
            yield Static(Group(*lines), classes="doc-body")
