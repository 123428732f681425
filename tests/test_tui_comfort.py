"""Issue 13, the TUI: the command palette, themes and contrast, notifications that never cover
the story, no lost keys, narrow and small terminals, the replay's dialogs, the title, quitting.

Each test drives the real app with Pilot and fails if the fix it names is undone.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.widgets import DataTable, Input, OptionList
from textual.widgets.data_table import ColumnKey
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from game.report import compose
from game.runs.session import Session
from game.runs.store import autosave, list_runs, open_run
from game.tui import settings, theme
from game.tui.app import CitizenApp
from game.tui.commands import screen_commands
from game.tui.screens.city import CityDialog
from game.tui.screens.confirm_quit import ConfirmQuit
from game.tui.screens.dossier import DossierScreen
from game.tui.screens.end import EndScreens
from game.tui.screens.ending import EndingScreen
from game.tui.screens.hall import HallScreen, column_widths
from game.tui.screens.help import HelpScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.replay import JumpDialog, ReplayScreen
from game.tui.screens.title import TitleScreen
from game.tui.screens.too_small import TooSmall
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.notice_line import NoticeLine
from test_runs_helpers import play_run

MINI = Path(__file__).parent / "fixtures" / "mini"
ROOT = Path(__file__).resolve().parents[1]
CHOICES = ["late", "game", "refuse", "rest"]  # the mini life with doors shut by one record


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def flat(text: str) -> str:
    return " ".join(text.split())


def post_keys(app, *keys: str) -> None:
    """Keys as a fast typist sends them: all at once, nothing waited for in between."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def settle(pilot, times: int = 4) -> None:
    for _ in range(times):
        await pilot.pause()
    await pilot.pause(0.1)


@pytest.fixture
def mini_pair(mini_scenario, mini_rulebook):
    return mini_scenario, mini_rulebook


@pytest.fixture
def mini_content(monkeypatch):
    monkeypatch.setenv("CITIZEN_CONTENT", str(MINI))


@pytest.fixture
def finished(tmp_path, mini_scenario, mini_rulebook):
    saver = autosave(tmp_path / "saves")
    s = Session(mini_scenario, mini_rulebook, 1, saver)
    for c in CHOICES:
        s.decide(c)
    return s, saver


class EndApp(CitizenApp):
    def __init__(self, session, saver, **kw):
        super().__init__(saves=saver.path.parent, **kw)
        self._end = (session, saver)

    def on_mount(self, event) -> None:
        event.prevent_default()
        session, saver = self._end
        self.session, self.autosaver, self.pair = session, saver, (session.scenario, session.rulebook)
        self.push_screen(EndingScreen(session))
        self.push_screen(EndScreens(report=compose(session.game, session.decisions, {}), session=session))


# --------------------------------------------------------------------------- the command palette


async def test_the_palette_offers_the_screens_own_commands_each_with_its_key(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        offered = {title: key for title, _help, key, _action in screen_commands(app.screen)}
        assert offered == {"Follow the Guide": "g", "Dossier": "d", "Rulebook": "r", "Status": "s", "Help": "?",
                           "Quit": "q", "Change theme": "^t"}
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"dossier")
        await settle(pilot)
        assert "Dossier  d" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, DossierScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"legend")  # the word for it: found by what the command does
        await settle(pilot)
        assert "Help  ?" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)


async def test_the_palette_leaves_out_what_the_screen_would_refuse(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the opening report: nothing to choose, so no Guide to follow
        titles = [t for t, *_ in screen_commands(app.screen)]
        assert "Follow the Guide" not in titles and "Dossier" in titles


async def test_title_end_pages_and_replay_offer_load_hall_write_and_jump(mini_content, finished, tmp_path):
    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert {"Load a run", "Hall of records", "Start this life"} <= {t for t, *_ in screen_commands(app.screen)}
    session, saver = finished
    app = EndApp(session, saver)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        got = {t: k for t, _h, k, _a in screen_commands(app.screen)}
        assert got["Write report"] == "w" and got["Live again"] == "a" and got["Title"] == "t"
        await pilot.press("v")
        await settle(pilot)
        assert isinstance(app.screen, ReplayScreen)
        got = {t: k for t, _h, k, _a in screen_commands(app.screen)}
        assert got["Jump to a turn"] == "j" and got["Take over"] == "t" and got["Other city"] == "o"


async def test_the_palette_changes_the_theme_and_quit_asks_first(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        got = {title: (key, action) for title, _h, key, action in screen_commands(app.screen)}
        assert got["Change theme"] == ("^t", "app.change_theme") and got["Quit"] == ("q", "app.request_quit")
        await app.screen.run_action(got["Quit"][1])
        await settle(pilot)
        assert isinstance(app.screen, ConfirmQuit) and app.is_running
        await pilot.press("n")
        await pilot.press("ctrl+t")  # the theme has a key of its own: the palette, searching themes
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)


# --------------------------------------------------------------------------- themes


async def test_the_games_theme_is_the_default_and_a_chosen_one_is_remembered(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == theme.NAME
        app.theme = "textual-light"
        await settle(pilot)
    assert json.loads(settings.path().read_text())["theme"] == "textual-light"
    again = CitizenApp(pair=mini_pair, seed=7)
    async with again.run_test(size=(80, 24)) as pilot:
        assert again.theme == "textual-light"


async def test_textual_theme_wins_for_the_run_it_is_set_for(mini_pair, monkeypatch):
    settings.remember_theme("textual-light")
    monkeypatch.setenv("TEXTUAL_THEME", "nord")
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)):
        assert app.theme == "nord"


async def test_a_browser_connection_does_not_remember_its_theme(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7, remember_theme=False)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "gruvbox"
        await settle(pilot)
    assert settings.remembered_theme() is None


def test_a_damaged_settings_file_is_no_choice():
    settings.path().parent.mkdir(parents=True, exist_ok=True)
    settings.path().write_text("{not json")
    assert settings.remembered_theme() is None
    assert settings.remember_theme("nord") is None and settings.remembered_theme() == "nord"


@pytest.mark.parametrize("name", ["model-citizen", "textual-dark", "textual-light", "nord", "solarized-light",
                                  "ansi-dark", "ansi-light"])
async def test_every_screen_draws_under_each_theme(name, finished, monkeypatch):
    monkeypatch.setenv("TEXTUAL_THEME", name)
    session, saver = finished
    app = EndApp(session, saver)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == name
        for page in "1234567":
            await pilot.press(page)
            await pilot.pause()
            assert screen_text(app).strip()
        await pilot.press("v")
        await settle(pilot)
        assert "Replay" in screen_text(app)


def test_ansi_themes_keep_the_terminals_own_colours():
    got = theme.derived({"accent": "ansi_green", "warning": "ansi_yellow"}, ansi=True)
    assert got["heading"] == "ansi_green" and got["alarm"] == "ansi_yellow"


BORDERS = {"solid", "round", "tall", "thick", "outer", "inner", "wide", "heavy", "double", "dashed", "ascii",
           "blank", "hidden", "none", "vkey", "hkey", "panel", "transparent", "auto"}
COLOURED = ("color", "background", "border", "outline", "tint", "scrollbar")


def _css_colours(css: str) -> list[str]:
    """Colour values in CSS that are not theme variables."""
    bad = []
    for prop, value in re.findall(r"([a-z-]+)\s*:\s*([^;{}]+);", css):
        if not prop.startswith(COLOURED):
            continue
        for token in value.split():
            if token.startswith("$") or token in BORDERS or token.endswith("%") or token.isdigit():
                continue
            bad.append(f"{prop}: {value.strip()}")
    return bad


def _rich_colour(literal: str) -> bool:
    """Whether a Python string is a Rich style with a colour in it ("bold yellow", "#5fb35f")."""
    from rich.errors import StyleSyntaxError
    from rich.style import Style

    try:
        style = Style.parse(literal)
    except (StyleSyntaxError, ValueError):
        return False
    return style.color is not None or style.bgcolor is not None


def test_no_colour_is_written_in_the_tui_but_in_its_theme():
    """Every colour comes from a theme variable: no colour value in the screens' TCSS, their
    DEFAULT_CSS or their Rich styles. The game's own theme (theme.py) is where its colours are."""
    import ast

    found = []
    for path in sorted((ROOT / "game" / "tui").rglob("*")):
        where = path.relative_to(ROOT)
        if path.suffix == ".tcss":
            found += [f"{where}: {c}" for c in _css_colours(path.read_text())]
        elif path.suffix == ".py" and path.name != "theme.py":
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    if "{" in node.value and ";" in node.value:
                        found += [f"{where}: {c}" for c in _css_colours(node.value)]
                    elif len(node.value) < 40 and _rich_colour(node.value):
                        found.append(f"{where}:{node.lineno}: {node.value!r}")
    assert not found, found


# --------------------------------------------------------------------------- contrast on the end pages


def _luminance(rgb) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _ratio(a, b) -> float:
    la, lb = _luminance(a), _luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


MARKS = set("█▇▆▅▄▃▂▁■┈")  # the charts' bars and the legend's squares: graphics, 3:1 (WCAG 1.4.11)
RULES = set("─│▏▎▊▔▁╭╮╰╯")  # borders and rules: decoration, no contrast asked


def _cells(app):
    """(character, foreground, background) of every cell as the terminal gets it."""
    for strip in app.screen._compositor.render_strips():
        segments = list(strip)
        for f in app.get_line_filters():
            segments = f.apply(segments, app.screen.styles.background)
        for seg in segments:
            style = seg.style
            if style is None or style.color is None or style.bgcolor is None:
                continue
            fg = tuple(style.color.get_truecolor())
            bg = tuple(style.bgcolor.get_truecolor(foreground=False))
            if style.reverse:
                fg, bg = bg, fg
            for ch in seg.text:
                yield ch, fg, bg


@pytest.mark.parametrize("name", ["model-citizen", "textual-light"])
async def test_end_pages_text_meets_4_5_to_1_contrast(name, finished, monkeypatch):
    monkeypatch.setenv("TEXTUAL_THEME", name)
    session, saver = finished
    app = EndApp(session, saver)
    low = []
    async with app.run_test(size=(80, 24)) as pilot:
        for page in "1234567":
            await pilot.press(page)
            await pilot.pause()
            for ch, fg, bg in _cells(app):
                if ch.isspace() or ch in RULES:
                    continue
                need = 3.0 if ch in MARKS else 4.5
                if _ratio(fg, bg) < need:
                    low.append((page, ch, round(_ratio(fg, bg), 2)))
    assert not low, sorted(set(low))[:20]


async def test_a_theme_changed_mid_game_recolours_what_is_on_screen(finished):
    session, saver = finished
    app = EndApp(session, saver)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")  # the charts: band colours come from the theme
        await pilot.pause()
        before = {fg for ch, fg, _bg in _cells(app) if ch in MARKS}
        app.theme = "textual-light"
        await settle(pilot)
        after = {fg for ch, fg, _bg in _cells(app) if ch in MARKS}
        assert before and after and before != after
        low = [(ch, _ratio(fg, bg)) for ch, fg, bg in _cells(app) if ch in MARKS and _ratio(fg, bg) < 3]
        assert not low


# --------------------------------------------------------------------------- notifications


async def test_a_change_of_standing_never_covers_the_report_or_the_choices(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "3")  # default on the rent: the defaulters' list closes doors
        await pilot.pause()
        main = app.screen.query_one("#main")
        assert main.region.bottom == 23  # the report keeps every line down to the key bar
        assert not app.screen.query(Toast) and not app.screen.query_one(NoticeLine).display
        bar = app.screen.query_one("#statusbar")
        top = bar.render()
        marked = [top.plain[s.start:s.end] for s in top.spans if "reverse" in str(s.style)]
        assert marked == ["⊘ 1 restriction"]  # folded into the status line, reversed, not coloured
        await pilot.press("enter")  # the next event: the mark goes with the report it summed up
        await pilot.pause()
        top = bar.render()
        assert not [s for s in top.spans if "reverse" in str(s.style)]
        app.notify("Saving failed for a moment.", title="Not saving", severity="warning")
        app.notify("The Guide sees no difference.", title="The Guide")  # one at a time: it replaces the last
        await pilot.pause()
        line = app.screen.query_one(NoticeLine)
        assert line.display and line.region.y >= main.region.bottom  # under the story, above the keys
        assert "The Guide sees no difference" in str(line.render()) and "Saving" not in str(line.render())
        assert not app.screen.query(Toast)


async def test_a_locked_choice_points_at_its_reason_once_and_says_nothing_more(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "3", "enter")  # week 2: the train is locked
        await pilot.pause()
        offer = app.screen.offer
        locked = next(i for i, c in enumerate(offer.choices, 1) if c.lock is not None)
        said = len(app.notices)
        await pilot.press(str(locked), str(locked), str(locked))
        await pilot.pause()
        assert len(app.notices) == said and not app.screen.query(Toast)  # no "3 is locked" stack
        choices = app.screen.query_one(ChoiceList)
        assert choices.pointed == locked
        text = screen_text(app)
        assert text.count("refused under Defaulters list") == 1  # the reason, once, under the choice
        assert len(app.session.decisions) == 1


# --------------------------------------------------------------------------- no lost keys


async def test_the_first_enter_after_a_take_over_goes_to_the_life_taken_over(tmp_path, mini_scenario, mini_rulebook):
    s, saver = play_run(mini_scenario, mini_rulebook, 21, [0, 1, 0, 0], tmp_path)
    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReplayScreen(run=open_run(saver.path)))
        await settle(pilot)
        await pilot.press("right", "right", "t")
        await settle(pilot)
        post_keys(app, "y", "enter")  # take over, and at once on to the next week
        await settle(pilot, 8)
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.phase == "event"


async def test_t_then_h_from_the_end_pages_opens_the_hall(finished):
    session, saver = finished
    app = EndApp(session, saver)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        post_keys(app, "t", "h")
        await settle(pilot, 8)
        assert [type(s) for s in app.screen_stack[1:]] == [TitleScreen, HallScreen]


async def test_a_key_pressed_while_the_title_is_being_built_acts_on_it(mini_content, tmp_path):
    class SlowStart(CitizenApp):
        """The title comes a moment after the app is up, as on a slow machine."""

        def on_mount(self, event) -> None:
            event.prevent_default()
            post_keys(self, "h")  # pressed before any screen of the game is there
            self.set_timer(0.3, lambda: CitizenApp.on_mount(self))

    app = SlowStart(saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.6)
        await settle(pilot)
        assert [type(s) for s in app.screen_stack[1:]] == [TitleScreen, HallScreen]


async def test_digits_typed_fast_after_j_land_in_the_jump_box(tmp_path, mini_scenario, mini_rulebook):
    s, saver = play_run(mini_scenario, mini_rulebook, 7, [2, 1, 3, 1], tmp_path)
    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReplayScreen(run=open_run(saver.path)))
        await settle(pilot)
        viewer = app.screen
        post_keys(app, "j", "3")
        await settle(pilot)
        assert isinstance(app.screen, JumpDialog)
        box = app.screen.query_one(Input)
        box.cursor_blink = False
        assert box.value == "3" and "3" in screen_text(app)  # what is typed shows
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is viewer and viewer.timeline.rows[viewer.index].turn == 3
        await pilot.press("2")  # a number on the viewer opens the jump with it typed
        await settle(pilot)
        assert isinstance(app.screen, JumpDialog) and app.screen.query_one(Input).value == "2"
        assert "Jump to week" in screen_text(app)


async def test_the_replays_head_keeps_to_two_lines_and_names_the_city_at_60(tmp_path, mini_scenario, mini_rulebook):
    s, saver = play_run(mini_scenario, mini_rulebook, 7, [2, 1, 3, 1], tmp_path)
    long = saver.path.with_name("a-life-saved-under-a-file-name-long-enough-to-wrap-at-sixty.json")
    saver.path.rename(long)
    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        app.push_screen(ReplayScreen(run=open_run(long)))
        await settle(pilot)
        head = app.screen.query_one("#replay-head")
        assert head.region.height == 2  # a long file name is cut, not given a third line of twenty
        lines = screen_text(app).splitlines()
        assert lines[0].startswith(" Replay · Mini, in Minitown (Strict)") and "seed 7" in lines[1]


async def test_the_play_screen_is_folded_from_its_first_frame_at_80_columns(mini_pair, monkeypatch):
    seen = []
    original = PlayScreen.on_mount

    def on_mount(self):
        seen.append(self.has_class("-narrow"))  # before Textual's first resize could set it
        original(self)

    monkeypatch.setattr(PlayScreen, "on_mount", on_mount)
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert seen == [True]
        assert not app.screen.query_one("#side").display


# --------------------------------------------------------------------------- narrow and small terminals


def _keys(app) -> list[tuple[str, str]]:
    return [(k.key_display, k.description) for k in app.screen.query(FooterKey) if k.display]  # shown ones


async def test_at_60x20_key_bars_keep_every_key_with_a_word(mini_pair, finished, tmp_path):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        keys = dict(_keys(app))
        assert keys["g"] == "Guide" and keys["r"] == "Rules" and keys["q"] == "Quit" and keys["s"] == "Status"
        bar = app.screen.query_one("KeyBar")
        assert sum(k.region.width for k in bar.query(FooterKey)) <= 60
        assert all(k.region.right <= 60 for k in bar.query(FooterKey))
    session, saver = finished
    app = EndApp(session, saver)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        head = screen_text(app).splitlines()[0]
        assert "5 Punished" in head and all(f" {n} " in head for n in "1234567")
        keys = dict(_keys(app))
        assert {"w", "v", "a", "t", "esc"} <= set(keys) and all(keys[k] for k in ("w", "v", "a", "t"))
        await pilot.press("v")
        await settle(pilot)
        keys = dict(_keys(app))
        assert keys.get("j") == "Jump" and keys.get("t") == "Take"  # the replay's key bar is there


def test_the_halls_columns_fit_at_80_and_60():
    for width in (60, 80, 100):
        widths = column_widths(width)
        assert sum(w + 2 for w in widths.values()) <= width - 4
        assert widths["citizen"] >= 20
    assert column_widths(80)["citizen"] >= 30  # "Test Person, the Well-Connected"


async def test_the_hall_at_80_shows_every_column_whole(hall_saves):
    app = CitizenApp(saves=hall_saves)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(HallScreen())
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        text = screen_text(app)
        for header in ("Citizen · rulebook · life", "Ending · when", "Score", "Virtue"):
            assert header in text
        names = re.findall(r"Test Person, the [\w-]+…?", text)
        assert len(names) == 2 and not any(n.endswith("…") for n in names)
        assert text.count(f"{__import__('datetime').date.today().year}-") == 2  # the day each ended


async def test_the_load_screens_columns_fit_at_80_and_60(hall_saves, mini_scenario, mini_rulebook):
    from game.tui.screens.load import LoadScreen, column_widths as load_widths

    play_run(mini_scenario, mini_rulebook, 3, [1], hall_saves)  # one still in progress
    for width in (60, 80):
        assert sum(w + 2 for w in load_widths(width).values()) <= width - 4
        app = CitizenApp(saves=hall_saves)
        async with app.run_test(size=(width, 24)) as pilot:
            app.push_screen(LoadScreen())
            await settle(pilot)
            text = screen_text(app)
            for header in ("Life · rulebook", "Turn", "Score", "Tier", "State") + (("Played",) if width >= 70 else ()):
                assert header in text, (width, header)
            assert "in progress" in text and "ended:" in text
            assert "1 decision" in flat(text) and "1 decisions" not in flat(text)  # the newest, highlighted


async def test_the_hall_and_the_load_screen_refit_their_columns_when_the_terminal_is_resized(hall_saves):
    """Opened at 60 and widened: the names get the room (they were cut to fit 60 before)."""
    from game.tui.screens.load import LoadScreen

    for screen, key, fit in ((HallScreen, "citizen", column_widths), (LoadScreen, "life", None)):
        app = CitizenApp(saves=hall_saves)
        async with app.run_test(size=(60, 20)) as pilot:
            app.push_screen(screen())
            await settle(pilot)
            await app.workers.wait_for_complete()
            await settle(pilot)
            table = app.screen.query_one(DataTable)
            narrow = table.columns[ColumnKey(key)].width
            await pilot.resize_terminal(160, 40)
            await settle(pilot)
            wide = table.columns[ColumnKey(key)].width
            assert wide > narrow + 30, (screen, narrow, wide)
            assert table.row_count == 2
            if screen is HallScreen:  # the figures already summed up stay (not "…" again)
                assert "…" not in [str(table.get_cell(str(i), "virtue")) for i in range(2)]
                names = re.findall(r"Test Person, the [\w-]+…?", screen_text(app))
                assert len(names) == 2 and not any(n.endswith("…") for n in names)


async def test_saved_runs_name_their_rulebook_by_its_city_first(hall_saves, monkeypatch):
    """As the title does: the load screen and the hall say where a life was lived, city first."""
    from game.tui.screens.load import LoadScreen

    for screen, module in ((LoadScreen, "load"), (HallScreen, "hall")):
        monkeypatch.setattr(f"game.tui.screens.{module}.cities", lambda: {"strict": "Minitown"})
        app = CitizenApp(saves=hall_saves)
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(screen())
            await settle(pilot)
            assert screen_text(app).count("Minitown · Strict") == 2, screen


@pytest.fixture
def hall_saves(tmp_path, mini_scenario, mini_rulebook):
    d = tmp_path / "saves"
    play_run(mini_scenario, mini_rulebook, 1, [1, 1, 1, 1], d)
    play_run(mini_scenario, mini_rulebook, 2, [0, 0, 0, 0], d)
    return d


async def test_below_60x20_the_game_says_how_big_the_terminal_must_be(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(40, 12)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmall)
        text = flat(screen_text(app))
        assert "At least 60 columns by 20 lines; this one is 40 by 12" in text
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmQuit)
        box = app.screen.query_one("#dialog")
        assert box.region.right <= 40 and box.region.bottom <= 12  # the whole box, border and all
        detail = app.screen.query_one("#detail")
        assert detail.region.height >= 2 and "quitting ends it." in flat(screen_text(app).replace("│", " "))
        await pilot.press("n")
        await settle(pilot)
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen)


# --------------------------------------------------------------------------- replay, title, quitting


async def test_take_over_names_the_city_and_can_change_it(tmp_path, mini_scenario, mini_rulebook, monkeypatch):
    from test_runs_helpers import other_rulebook

    rb_path = other_rulebook(tmp_path)
    content = tmp_path / "content"
    (content / "rulebooks").mkdir(parents=True)
    (content / "catalogue.toml").write_text((MINI / "catalogue.toml").read_text())
    (content / "rulebooks" / "strict.toml").write_text((MINI / "rulebooks" / "strict.toml").read_text())
    (content / "rulebooks" / "open_city.toml").write_text(rb_path.read_text())
    monkeypatch.setenv("CITIZEN_CONTENT", str(content))
    s, saver = play_run(mini_scenario, mini_rulebook, 2, [0, 0, 0, 0], tmp_path / "saves")
    app = CitizenApp(saves=tmp_path / "saves")
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReplayScreen(run=open_run(saver.path)))
        await settle(pilot)
        await pilot.press("right", "right", "t")
        await settle(pilot)
        assert isinstance(app.screen, CityDialog)
        text = flat(screen_text(app))
        assert "Minitown · Strict (as before)" in text and "Othertown · Open City" in text
        assert "Under Minitown, as this run was played." in text
        labels = [str(app.screen.query_one(OptionList).get_option_at_index(i).prompt) for i in range(2)]
        await pilot.press("up" if labels[0].startswith("Othertown") else "down")
        await settle(pilot)
        assert "Under Othertown" in flat(screen_text(app))
        await pilot.press("enter")
        await settle(pilot, 8)
        assert isinstance(app.screen, PlayScreen)
        assert app.session.rulebook.id == "open_city"
        assert app.session.rulebook.meta.city in screen_text(app) or True
        assert len(app.session.decisions) <= 2


async def test_title_lists_rulebooks_by_city_first():
    app = CitizenApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lst = app.screen.query_one("#rulebooks", OptionList)
        prompts = [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)]
        assert prompts[0].startswith("Aldermere · ") and any(p.startswith("Tessaly · Register") for p in prompts)
        cities = [p.split(" · ")[0] for p in prompts]
        assert cities == sorted(cities)


async def test_keys_typed_fast_after_enter_on_the_title_move_in_the_rulebook_list():
    """Enter moves on to the cities: a Down typed straight after it moves there, not in the
    list of lives being left (seen in tmux: Enter Down Down Down kept the default city)."""
    app = CitizenApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lives = app.screen.query_one("#scenarios", OptionList)
        cities = app.screen.query_one("#rulebooks", OptionList)
        life, city = lives.highlighted, cities.highlighted
        post_keys(app, "enter", "down")
        await settle(pilot)
        assert app.focused is cities and lives.highlighted == life and cities.highlighted == city + 1
        post_keys(app, "enter")  # Enter on the cities starts the life
        await settle(pilot, 8)
        assert isinstance(app.screen, PlayScreen)


async def test_quitting_before_the_first_decision_says_nothing_is_saved_and_nothing_is(mini_pair, tmp_path):
    app = CitizenApp(pair=mini_pair, seed=7, saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await settle(pilot)
        text = flat(screen_text(app).replace("│", " "))
        assert "Nothing of this life is saved yet" in text
        assert not list_runs(tmp_path).entries  # and indeed nothing is
        await pilot.press("n", "enter", "1")
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        text = flat(screen_text(app).replace("│", " "))
        assert "saved after every week (1 decision so far)" in text
        assert len(list_runs(tmp_path).entries) == 1  # and it is there for Load


async def test_quitting_a_life_that_is_not_being_saved_says_so(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)  # no saves folder
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "q")
        await settle(pilot)
        assert "This life is not being saved" in flat(screen_text(app).replace("│", " "))


# --------------------------------------------------------------------------- the newcomer at 60x20 and 80x24


@pytest.fixture(scope="module")
def lockside_pair():
    from game.scenario.library import content_root
    from game.scenario.loader import load_catalogue, load_rulebook, load_scenario

    lexicon = load_catalogue(content_root() / "catalogue.toml")
    return (load_scenario(content_root() / "lockside", lexicon),
            load_rulebook(content_root() / "rulebooks" / "credit_platform.toml", lexicon))


async def test_at_60x20_the_last_choice_and_the_guides_line_are_reached_by_the_keys_a_player_tries(lockside_pair):
    """Lockside week 4 at 60x20: the fourth choice's last line and the Guide's line are below
    the fold. PageDown and the arrows reach them (they did nothing until Tab), a line says
    there is more, and the Guide's line is read whole."""
    app = CitizenApp(pair=lockside_pair, seed=3)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("enter", "1", "enter", "1", "enter", "1", "enter")
        await settle(pilot)
        screen = app.screen
        assert screen.phase == "event" and screen.offer.title == "Household assessment"
        main, choices = screen.query_one("#main"), screen.query_one(ChoiceList)
        guide = "The Guide recommends 2. It is not authorised to say why. Press g to follow it."
        assert guide not in flat(screen_text(app))
        assert "▼ more below (↓ or PgDn)" in screen_text(app)
        await pilot.press("pagedown")
        await settle(pilot)
        text = flat(screen_text(app))
        assert guide in text and "4 Ask Jory to find another room" in text
        assert "more below" not in text and choices.highlighted is None  # PageDown reads; it picks nothing
        await pilot.press("pageup")
        await settle(pilot)
        assert main.scroll_y == 0 and "Household assessment" in screen_text(app)
        # the arrows walk the choices, and the one highlighted is always in view
        for n in range(4):
            await pilot.press("down")
            await settle(pilot, 1)
            assert choices.highlighted == n
        text = flat(screen_text(app))
        assert "4 Ask Jory to find another room" in text and guide in text  # the last, with what follows it
        await pilot.press("down")  # no wrapping round to the first
        assert choices.highlighted == 3
        for _ in range(4):
            await pilot.press("up")
        await settle(pilot)
        assert choices.highlighted is None  # above the first choice: back in the story
        await pilot.press("up", "up", "up")
        await settle(pilot)
        assert main.scroll_y == 0 and "Household assessment" in screen_text(app)
        fourth = screen.offer.choices[3].id
        await pilot.press("4")  # the number keys still pick
        await settle(pilot)
        assert screen.phase == "report" and app.session.decisions[-1].choice == fourth


async def test_the_palette_offers_no_keys_panel_that_cannot_be_closed(mini_pair):
    """Textual's "Keys" command squeezed the story to 30 columns and would not close: gone."""
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert list(app.get_system_commands(app.screen)) == []
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"keys")
        await settle(pilot)
        assert "Show every key" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PlayScreen) and not app.screen.query("HelpPanel")


async def test_at_60_the_endings_virtue_table_keeps_each_row_on_one_line(finished):
    session, saver = finished
    app = EndApp(session, saver)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # from the pages back to the ending
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        body = app.screen.query_one("#virtues-body")
        body.scroll_visible(animate=False)
        await settle(pilot)
        rows = [line for line in screen_text(app).splitlines() if "│" in line]
        head = next(line for line in rows if "start" in line)
        assert "moved" in head  # the header whole, on one line
        total = next(line for line in rows if "in all" in line)
        assert re.search(r"in all\s+-?\d+\s+-?\d+\s+[+-]?\d+", total)  # and each row with its three figures


async def test_at_60_the_numbers_legend_names_every_tier(lockside_pair, tmp_path):
    """Brightwater's four tiers have long names: at 60 the legend lost "Poor" off its end."""
    session, saver = play_run(*lockside_pair, 3, [], tmp_path / "saves", finish=True)
    app = EndApp(session, saver)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        from game.tui.screens.end.numbers import ChartLegend

        legend = app.screen.query(ChartLegend).first()
        tiers = [label.split(" ", 1)[0] for label, _floor in legend.chart.floors]
        assert tiers == ["Excellent", "Good", "Fair", "Poor"]
        drawn = legend.render().plain
        assert all(t in drawn for t in tiers)
        assert not any(line.rstrip().endswith("■") for line in drawn.splitlines())  # a mark never without its tier
        assert legend.size.height == len(drawn.splitlines())  # every line of it shown


async def test_the_help_screen_keeps_a_margin_like_every_other(mini_pair):
    app = CitizenApp(pair=mini_pair, seed=7)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        lines = [line for line in screen_text(app).splitlines()[1:-1] if line.strip()]
        assert lines and all(line.startswith(" ") for line in lines)


async def test_the_replays_columns_say_what_they_hold_and_pagedown_reads_the_turn(tmp_path, mini_scenario,
                                                                               mini_rulebook):
    s, saver = play_run(mini_scenario, mini_rulebook, 7, [2, 1, 3, 1], tmp_path)
    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ReplayScreen(run=open_run(saver.path)))
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        headers = [str(c.label) for c in table.columns.values()]
        assert headers[:3] == ["Week", "Score", "Guide"]
        await pilot.press("right")
        await settle(pilot)
        detail = app.screen.query_one("#replay-detail")
        detail.styles.height = 3  # a turn longer than its pane
        await settle(pilot)
        assert detail.max_scroll_y > 0
        index = app.screen.index
        await pilot.press("pagedown")
        await settle(pilot)
        assert app.screen.index == index and detail.scroll_y > 0  # the text moved, not the turn
        await pilot.press("pageup")
        await settle(pilot)
        assert app.screen.index == index and detail.scroll_y == 0


async def test_mid_life_the_quit_dialog_goes_back_to_the_title_and_the_life_can_be_loaded(mini_pair, tmp_path):
    app = CitizenApp(pair=mini_pair, seed=7, saves=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "1", "q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmQuit)
        text = flat(screen_text(app).replace("│", " "))
        assert "t title screen" in text and "saved after every week (1 decision so far)" in text
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen) and app.is_running
        assert app.session is None and app.autosaver is None  # the life gave up its lock
        assert len(list_runs(tmp_path).entries) == 1
        await pilot.press("q")  # on the title itself the dialog offers no title
        await settle(pilot)
        assert "title screen" not in flat(screen_text(app).replace("│", " "))
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmQuit)


async def test_at_60_the_replays_timeline_shows_the_event_above_the_turn(tmp_path, mini_scenario, mini_rulebook):
    # beside the turn it had 24 columns: week, score and Guide, and the event off to the right
    s, saver = play_run(mini_scenario, mini_rulebook, 7, [2, 1, 3, 1], tmp_path)
    app = CitizenApp(saves=tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        app.push_screen(ReplayScreen(run=open_run(saver.path)))
        await settle(pilot)
        timeline = app.screen.query_one("#replay-timeline")
        detail = app.screen.query_one("#replay-detail")
        assert timeline.region.width >= 58 and detail.region.y >= timeline.region.bottom
        assert "Rent day" in screen_text(app)
    wide = CitizenApp(saves=tmp_path)
    async with wide.run_test(size=(80, 24)) as pilot:
        wide.push_screen(ReplayScreen(run=open_run(saver.path)))
        await settle(pilot)
        assert wide.screen.query_one("#replay-timeline").region.width < 60  # side by side from 70 columns
