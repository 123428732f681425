"""Headless TUI tests of the side screens: rulebook, dossier, status, quit, ending keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.loader import load_catalogue, load_rulebook, load_scenario
from game.tui.app import CitizenApp
from game.tui.screens.confirm_quit import ConfirmQuit
from game.tui.screens.dossier import DossierScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.rulebook import RulebookScreen
from game.tui.screens.status import StatusScreen
from game.tui.screens.title import TitleScreen

MINI = Path(__file__).parent / "fixtures" / "mini"


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def flat(text: str) -> str:
    """Text with its wrapping undone, for sentences that may break across lines."""
    return " ".join(text.split())


async def document_text(pilot) -> str:
    """All of a scrolling screen's text, read page by page."""
    app = pilot.app
    seen: list[str] = []
    for _ in range(30):
        seen.append(screen_text(app))
        await pilot.press("pagedown")
        await pilot.pause()
        if screen_text(app) == seen[-1]:
            break
    return "\n".join(seen)


@pytest.fixture
def mini_pair():
    lex = load_catalogue(MINI / "catalogue.toml")
    return load_scenario(MINI / "mini.toml", lex), load_rulebook(MINI / "rulebooks" / "strict.toml", lex)


# --------------------------------------------------------------------------- the rulebook


async def test_rulebook_redacts_hidden_rules_under_partial(mini_pair):
    scenario, rulebook = mini_pair
    assert rulebook.meta.transparency == "partial"
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RulebookScreen)
        text = await document_text(pilot)
        assert "█████ ████ — withheld" in text
        assert "Bought a video game" not in text  # the hidden play_games rule
        assert "-60 Paid a bill after its due date" in text  # a public one, with its points
        assert "Art. 1 Pay on time." in text
        assert "Defaulters list" in text and "Travel restriction" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_rulebook_public_shows_every_rule(mini_pair):
    scenario, rulebook = mini_pair
    rulebook.model.rulebook.transparency = "public"
    app = CitizenApp(pair=(scenario, rulebook), seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        text = await document_text(pilot)
        assert "withheld" not in text
        assert "-20 Bought a video game" in text
        assert "Location data: +15 for sharing, -5 for declining" in text
        assert "a week for each contact you keep who scores below 950" in text
        assert "Independent review" in text


async def test_rulebook_secret_shows_only_tier_names(mini_pair):
    scenario, rulebook = mini_pair
    rulebook.model.rulebook.transparency = "secret"
    app = CitizenApp(pair=(scenario, rulebook), seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        text = await document_text(pilot)
        assert "The rules of this municipal pilot are not published." in text
        assert "A · Exemplary" in text and "C · Watched" in text
        for unseen in ("Paid a bill", "1020", "Travel restriction", "Defaulters", "Fast lane"):
            assert unseen not in text, unseen


# --------------------------------------------------------------------------- the dossier


async def test_dossier_marks_a_contextless_record(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "2", "enter")  # pay the rent late, from a hospital bed
        await pilot.pause()
        rec = app.session.game.state.records[0]
        assert (rec.behaviour, rec.truth) == ("late_payment", "contextless")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        text = flat(await document_text(pilot))
        assert "#1 week 1 -60 Paid a bill after its due date" in text
        assert "△ WITHOUT CONTEXT — you know: You were in hospital." in text
        assert "The system holds no circumstances." in text
        # the tier sanction it brought about, with the services it closed
        assert "→ Travel restriction (sanction): closed Rail tickets, Bank loans" in text
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_dossier_marks_wrong_and_struck_out_records(mini_pair):
    scenario, rulebook = mini_pair
    rulebook.model.rulebook.error_rate = 1.0
    rulebook.model.rulebook.wrong_records = ["debt_default"]
    app = CitizenApp(pair=(scenario, rulebook), seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "enter")  # week 2 starts with someone else's default
        await pilot.pause()
        wrong = [r for r in app.session.game.state.records if r.truth == "wrong"]
        assert wrong
        await pilot.press("d")
        await pilot.pause()
        text = flat(await document_text(pilot))
        assert "✗ NOT YOU — someone else's act, filed under your name" in text
        assert "Defaulted on a court-ordered debt" in text
        assert "→ Defaulters list (blacklist): closed Rail tickets, Bank loans" in text


async def test_dossier_shows_a_record_struck_out_on_appeal(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "2", "enter", "2", "enter")  # late rent, then call mother
        await pilot.pause()
        offer = app.screen.offer
        assert offer.event_id == "app"
        number = next(i for i, c in enumerate(offer.choices, 1) if c.id == "appeal")
        await pilot.press(str(number), "enter")  # file the appeal; the fair review decides next week
        await pilot.pause()
        assert app.session.game.state.records[0].removed
        await pilot.press("d")
        await pilot.pause()
        text = flat(await document_text(pilot))
        assert "✓ STRUCK OUT on appeal: it no longer counts" in text
        assert "Record #1: filed week 3, upheld in week 4: struck out" in text


async def test_status_screen_lists_sanctions_with_services(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "3", "enter", "s")
        await pilot.pause()
        assert isinstance(app.screen, StatusScreen)
        text = screen_text(app)
        assert "⊘ Defaulters list" in text
        assert "closed: Rail tickets, Bank loans" in text
        assert "blacklist · Mini Court" in text


# --------------------------------------------------------------------------- quitting


async def test_quit_asks_first_and_n_cancels(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        assert "Quit Model Citizen?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and app.is_running
        await pilot.press("1")  # the game goes on
        await pilot.pause()
        assert len(app.session.decisions) == 1
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_quit_from_the_title_screen(monkeypatch):
    monkeypatch.setenv("CITIZEN_CONTENT", str(MINI))
    app = CitizenApp(seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


# --------------------------------------------------------------------------- the ending


async def test_ending_shows_score_beside_virtues_and_can_start_again(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        for key in ("2", "enter", "2", "enter", "1", "enter", "1", "enter"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        state = app.session.game.state
        text = screen_text(app)
        assert app.session.game.ending().title in text
        assert f"Score  {state.score}" in text
        care = state.virtues["care"]
        # the start, the end value, and how far it moved; then the moves in all: the virtue index
        assert care == 2 and "care           0     2     +2" in text and "Virtue index +2" in text
        first = app.session
        await pilot.press("a", "enter")  # the same city: it is the one highlighted
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.session is not first and app.session.decisions == []
        assert app.session.scenario is first.scenario and app.session.rulebook is first.rulebook


async def test_title_start_reports_content_errors(tmp_path, monkeypatch):
    root = tmp_path / "content"
    (root / "rulebooks").mkdir(parents=True)
    (root / "catalogue.toml").write_text((MINI / "catalogue.toml").read_text())
    (root / "rulebooks" / "strict.toml").write_text((MINI / "rulebooks" / "strict.toml").read_text())
    (root / "broken.toml").write_text('[scenario]\nid = "broken"\ntitle = "Broken"\n[calendar]\nturns = "x"\n')
    monkeypatch.setenv("CITIZEN_CONTENT", str(root))
    app = CitizenApp(seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert "Could not open Broken under Strict" in screen_text(app)


async def test_title_lists_every_rulebook_on_one_line_and_tells_the_highlighted_one():
    from game.scenario.library import rulebooks
    from game.tui.app import CitizenApp
    from textual.widgets import OptionList, Static

    app = CitizenApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lst = app.screen.query_one("#rulebooks", OptionList)
        assert lst.option_count == len(rulebooks())
        await pilot.press("tab", "down")
        await pilot.pause()
        entry = rulebooks()[lst.highlighted]
        summary = str(app.screen.query_one("#summary", Static).render())
        assert entry.summary.split()[0] in summary



async def test_help_explains_forces_and_the_citizens_resources(mini_pair):
    from game.tui.screens.help import HelpScreen

    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = flat(await document_text(pilot))
        assert "(architecture) a door that will not open" in text
        assert "Time: started at 3" in text  # the mini citizen's own resource
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
