"""A long read in sections (the rulebook, the dossier): scrolls by keyboard."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from ...report.document import Page
from .. import render
from .doc_view import DocView


def _blocks(blocks: list, styles: render.Styles):
    return render.blocks(blocks, styles)


class Document(VerticalScroll, can_focus=True):
    def __init__(self, pages: list[Page], **kwargs) -> None:
        super().__init__(**kwargs)
        self.pages = pages

    def compose(self) -> ComposeResult:
        for page in self.pages:
            yield Static(Text(page.title, style="bold"), classes="doc-heading")
            yield DocView(partial(_blocks, page.blocks), classes="doc-body")
