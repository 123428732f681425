"""Page 3: what the system saw and what it missed, each moment named by turn and event."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from ....report.document import seen_and_missed, seen_well
from .base import Page, bullet_list, heading


class SeenPage(Page):
    TITLE = "Seen/missed"

    def compose(self) -> ComposeResult:
        rep = self.report
        groups = seen_and_missed(rep)
        records = sum(1 for r in rep.records if not r.removed)
        t = Text()
        t.append(f"The system kept {records} record{'s' if records != 1 else ''} of this life. ")
        t.append(f"Where it could have told right from wrong, it had it the other way round "
                 f"{int(rep.measures['gaming_index'].vars['disagreements'])} times out of "
                 f"{int(rep.measures['gaming_index'].vars['moments'])}.", style="")
        yield Static(t, classes="page-lead")
        for head, items in groups:
            if items:
                yield Static(heading(f"{head} ({len(items)})"), classes="group-head")
                yield Static(bullet_list(items), classes="group-body")
        quiet = [head for head, items in groups if not items]
        if quiet:
            yield Static(Text("None: " + "; ".join(h.lower() for h in quiet) + ".", style="dim"),
                         classes="group-body")
        yield Static(heading("Where the score and the story agreed"), classes="group-head")
        yield Static(bullet_list(seen_well(rep), "Nowhere."), classes="group-body")
