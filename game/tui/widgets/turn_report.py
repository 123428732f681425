"""What just happened: the narration of a decision, then what the system did about it."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from ...engine.game import Game
from ...engine.outcome import Notice, TurnResult
from ..wording import changes_line, guide_line, notice_table, score_move, tier_text

TRANSPARENCY = {
    "public": "Its rules are published: press r to read them.",
    "partial": "Some of its rules are published; others are withheld. Press r to read what is public.",
    "secret": "Its rules are not published.",
}


class TurnReport(Static, can_focus=True):
    """Drawn between turns: the decision's outcome, story changes, notices, score movement."""

    def show_result(self, game: Game, result: TurnResult, title: str, finished: bool,
                    resumed: bool = False) -> None:
        t = Text()
        if resumed:
            t.append("Where you left off\n", style="bold")
        t.append(f"{game.scenario.calendar.unit.capitalize()} {result.turn} · {title}\n", style="dim")
        if result.outcome.strip():
            t.append(f"\n{result.outcome.strip()}\n")
        ch = changes_line(result.changes)
        if ch is not None:
            t.append("\n")
            t.append_text(ch)
            t.append("\n")
        g = guide_line(result)
        if g is not None:
            t.append_text(g)
            t.append("\n")
        end = Text()
        end.append(" Enter ", style="bold reverse")
        end.append(" see how this life ends" if finished else " continue to the next week")
        t.rstrip()
        now = [n for n in result.notices if n.phase != "turn_start"]
        later = [n for n in result.notices if n.phase == "turn_start" and n.kind != "ending"]
        parts: list[RenderableType] = [t, *self._notices(game, "What the system recorded", now)]
        if later:
            unit = game.scenario.calendar.unit
            parts += self._notices(game, f"As {unit} {result.turn + 1} begins", later)
        self.update(Group(*parts, score_move(game, result), Text(""), end))

    def show_opening(self, game: Game) -> None:
        c = game.scenario.citizen
        rb = game.rulebook
        t = Text()
        t.append(f"{game.scenario.title}\n\n", style="bold")
        if c.background.strip():
            t.append(f"{c.name}\n", style="bold")
            t.append(c.background.strip())
        else:
            t.append(f"You are {c.name}.")
        t.append("\n\n")
        t.append(f"Your life is scored under the rulebook {rb.title} ({rb.meta.city}). ")
        t.append(TRANSPARENCY.get(rb.meta.transparency, ""))
        t.append(f" Your life here lasts {game.scenario.calendar.turns} {game.scenario.calendar.unit}s.\n")
        s = game.state
        end = Text()
        end.append("Score ", style="bold")
        end.append(str(s.score))
        end.append("  ·  ")
        end.append("Tier ", style="bold")
        end.append(tier_text(game, s.tier))
        end.append("\n\n")
        end.append(" Enter ", style="bold reverse")
        end.append(" begin")
        t.rstrip()
        self.update(Group(t, *self._notices(game, "What the system holds at the start", game.opening), end))

    def show_summary(self, game: Game, result: TurnResult, title: str) -> None:
        """A short reminder of the last decision's consequences, for the side panel."""
        head = Text(f"Last week: {title}", style="bold underline")
        shown = [n for n in result.notices if n.kind != "ending"]
        body: RenderableType = notice_table(shown, game.judge.announcer) if shown else Text("No entries.", style="dim")
        self.update(Group(head, body, score_move(game, result)))

    @staticmethod
    def _notices(game: Game, heading: str, notices: list[Notice]) -> list[RenderableType]:
        head = Text(f"\n{heading}", style="bold underline")
        head.append(f"  {game.judge.announcer}", style="dim")
        out: list[RenderableType] = [head]
        shown = [n for n in notices if n.kind != "ending"]
        if not shown:
            out.append(Text("No entries.", style="dim"))
        else:
            out.append(notice_table(shown, game.judge.announcer))
        out.append(Text(""))
        return out
