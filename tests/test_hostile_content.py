"""Issue 15: hostile content (tests/hostile.py) played through the TUI at 80x24 and through
every CLI output and report format. No escape byte, no control character, no live link and no
markup action ever comes out; HTML and Markdown are escaped; the SVG is well-formed."""

from __future__ import annotations

import io
import json
import re
import xml.dom.minidom
from pathlib import Path

import pytest
from rich.console import Console

import hostile
from game.cli import main
from game.scenario.safe_files import trust
from game.scenario.loader import load_catalogue, load_rulebook, load_scenario


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    r = hostile.build(tmp_path_factory.mktemp("hostile"))
    trust(r)
    return r


@pytest.fixture
def content(root, monkeypatch):
    monkeypatch.setenv("CITIZEN_CONTENT", str(root))
    return root


@pytest.fixture(scope="module")
def pair(root):
    lex = load_catalogue(root / "catalogue.toml")
    return load_scenario(root / "hostile", lex), load_rulebook(root / "rulebooks" / "hostile_city.toml", lex)


@pytest.fixture
def hostile_save(tmp_path, pair, content):
    """A finished hostile run, with a hostile player name, in tmp_path/saves."""
    from test_runs_helpers import play_run

    s, saver = play_run(*pair, 11, [0, 2, 1, 0], tmp_path / "saves", finish=True)
    saver.close()
    data = json.loads(saver.path.read_text())
    data["player"] = hostile.PLAYER
    saver.path.write_text(json.dumps(data))
    return saver.path


# --------------------------------------------------------------------------- what comes out

_CSI = re.compile(r"\x1b\[[0-9;:?<=>]*[ -/]*[@-~]")


def terminal_problems(app) -> list[str]:
    """What the screen would write to the terminal, beyond Textual's own colours and moves:
    escapes or controls from content, hyperlinks, clickable actions."""
    comp = app.screen._compositor
    problems: list[str] = []
    for y, strip in enumerate(comp.render_strips()):
        for seg in strip:
            bad = [c for c in seg.text if ord(c) < 32 or 0x7F <= ord(c) <= 0x9F]
            if bad:
                problems.append(f"control {bad!r} at row {y}: {seg.text[:40]!r}")
            style = seg.style
            if style is not None and style.link:
                problems.append(f"link {style.link!r} at row {y}")
            if style is not None and style.meta and "@click" in style.meta:
                problems.append(f"action {style.meta['@click']!r} at row {y}")
    console = Console(width=app.size.width, height=app.size.height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", legacy_windows=False)
    stream = comp.render_update(full=True, screen_stack=app._background_screens).render_segments(console)
    rest = _CSI.sub("", stream)
    if "\x1b" in rest or "\x9b" in rest or "\x9d" in rest:
        problems.append(f"escape sequence written: {rest[rest.find(chr(27)) - 10:rest.find(chr(27)) + 20]!r}")
    if "\x07" in stream or "\x1b]" in stream:
        problems.append("OSC (title, hyperlink, clipboard) written")
    return problems


async def visit(app, pilot, keys: str | list[str], seen: list[str]) -> None:
    for k in ([keys] if isinstance(keys, str) else keys):
        await pilot.press(k)
        await pilot.pause()
    seen += [f"{type(app.screen).__name__}: {p}" for p in terminal_problems(app)]


async def test_the_tui_at_80x24_shows_hostile_content_as_plain_text(content, pair, tmp_path):
    from game.tui.app import CitizenApp

    saves = tmp_path / "saves"
    app = CitizenApp(saves=saves, seed=11)
    problems: list[str] = []
    screens: set[str] = set()
    async with app.run_test(size=(80, 24)) as pilot:
        await visit(app, pilot, [], problems)  # the title screen lists the hostile titles
        await visit(app, pilot, ["tab", "s"], problems)  # start: the opening
        turns = 0
        while type(app.screen).__name__ == "PlayScreen" and turns < 30:
            turns += 1
            if app.screen.phase != "event":
                await visit(app, pilot, "enter", problems)  # the opening or the report: on to the event
                continue
            for overlay in ("d", "r", "s", "question_mark"):
                await visit(app, pilot, overlay, problems)
                screens.add(type(app.screen).__name__)
                await visit(app, pilot, "escape", problems)
            await visit(app, pilot, "g" if app.screen.offer and app.screen.offer.guide else "1", problems)
        screens.add(type(app.screen).__name__)  # the ending
        await visit(app, pilot, "enter", problems)  # on to the end pages
        for page in "123456":
            await visit(app, pilot, page, problems)
            screens.add(f"page {page}")
        await visit(app, pilot, "w", problems)  # write the report: the toast names the file
        await visit(app, pilot, "v", problems)  # the replay viewer
        await visit(app, pilot, ["right", "right", "o"], problems)
        await visit(app, pilot, ["down", "enter"], problems)  # the other hostile city
        await visit(app, pilot, ["t"], problems)
        screens.add(type(app.screen).__name__)
        await visit(app, pilot, "escape", problems)
    assert {"EndingScreen", "page 6", "CityDialog"} <= screens, screens
    assert len(screens) >= 8, screens  # the overlays were visited too
    assert problems == []


async def test_the_load_screen_hall_and_take_over_dialog_show_hostile_saves_as_text(content, hostile_save):
    from game.tui.app import CitizenApp

    saves = hostile_save.parent
    link_name = saves / "run[link=file:x]name [@click=app.quit]q \x1b]0;t\x07.json"
    link_name.write_bytes(hostile_save.read_bytes())
    data = json.loads(hostile_save.read_text())
    data["turns"][-1]["tier"] = "[/]"
    data["final"] = None
    (saves / "tier.json").write_text(json.dumps(data))
    app = CitizenApp(saves=saves)
    problems: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await visit(app, pilot, "l", problems)
        names = [e.path.name for e in app.screen.entries]
        for i in range(len(names)):
            app.screen.query_one("#runs").move_cursor(row=i)
            await visit(app, pilot, [], problems)
        row = names.index(link_name.name)
        app.screen.query_one("#runs").move_cursor(row=row)
        await visit(app, pilot, ["r"], problems)
        await visit(app, pilot, ["left", "t"], problems)  # the take-over dialog names the file
        assert type(app.screen).__name__ == "CityDialog"
        await visit(app, pilot, ["n", "escape", "escape"], problems)
        await visit(app, pilot, "h", problems)
        for _ in range(30):
            await pilot.pause(0.05)
        await visit(app, pilot, [], problems)
        assert type(app.screen).__name__ == "HallScreen"
    assert problems == []


# --------------------------------------------------------------------------- the command line


def no_escapes(text: str, where: str) -> None:
    assert hostile.forbidden_in(text) == [], f"{where}: {hostile.forbidden_in(text)}"


def test_every_cli_output_is_free_of_escapes(content, hostile_save, tmp_path, capsys):
    root = content
    runs = [
        ["list"], ["list", "--format", "json"],
        ["check", str(root)], ["check", "--format", "json", str(root)],
        ["playtest", "hostile", "-r", "hostile_city", "--runs", "5"],
        ["playtest", "hostile", "-r", "hostile_city", "--runs", "5", "--format", "json"],
        ["replay", str(hostile_save), "--text"], ["replay", str(hostile_save), "--verify"],
        ["replay", str(hostile_save), "--text", "--rulebook", "hostile_town"],
        ["replay", "\x1b]0;PWNED\x07nope.json", "--text"],
    ] + [["report", str(hostile_save), "-f", f] for f in ("txt", "md", "html", "svg")]
    for argv in runs:
        code = main(["--saves", str(tmp_path / "saves"), *argv])
        out, err = capsys.readouterr()
        assert code in (0, 1, 2)
        no_escapes(out + err, " ".join(argv))
        assert "Traceback" not in err
        if argv[0] == "report":
            check_format(argv[-1], out)
    for fmt in ("txt", "md", "html", "svg"):
        target = tmp_path / f"report.{fmt}"
        assert main(["report", str(hostile_save), "--output", str(target)]) == 0
        text = target.read_text(encoding="utf-8")
        no_escapes(text, str(target))
        check_format(fmt, text)


def check_format(fmt: str, text: str) -> None:
    if fmt == "md":
        assert "<script" not in text and "<img" not in text
        fences = text.split("```")
        assert len(fences) % 2 == 1  # every code block closed where it should be: nothing inside closes one
        prose = "".join(fences[0::2])  # outside code blocks, where Markdown is live
        assert not re.search(r"(?<!\\)\]\(", prose), "a live Markdown link"
        assert "http://evil" not in prose  # broken up as http\://evil
        assert "\u202e" not in text
    if fmt == "html":
        assert "<script" not in text and "<img" not in text and "href=" not in text
        assert "&lt;script&gt;" in text
    if fmt == "svg":
        xml.dom.minidom.parseString(text.encode("utf-8"))  # well-formed
        assert "<script" not in text
    if fmt == "txt":
        assert "[link=file:///etc/passwd]passwd[/link]" in text  # markup shown literally, as written


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "svg"])
def test_each_export_function_escapes_on_its_own(pair, fmt):
    """The escaping is per format, in export.py, not only at load: a report built from
    strings that were never cleaned still comes out safe."""
    from game.engine.game import Game
    from game.report import compose
    from game.report.export import export

    sc, rb = pair
    game = Game(sc, rb, 3)
    while not game.finished:
        offer = game.offer()
        game.decide(next(c.id for c in offer.choices if c.available))
    rep = compose(game, None, {})
    rep.scenario_title = hostile.HOSTILE  # raw, as if cleaning at load had been skipped
    out = export(rep, fmt)
    no_escapes(out, fmt)
    check_format(fmt, out)
