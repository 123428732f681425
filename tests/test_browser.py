"""The game in a real browser: `citizen serve` on a free local port, Debian's Chromium driven
by Playwright, two weeks played from the title screen with the keyboard, a screenshot.

The terminal in the page is xterm.js drawing on a canvas, so the test reads the screen
through xterm's own buffer API: an init script catches the page's Terminal object when
textual-serve's client stores it (``this.terminal = new Terminal(...)``).

Without Chromium or Playwright the test is skipped, except under ``CI=true``, where it
fails: ``.ci/run`` installs Debian's chromium when it is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

MINI = Path(__file__).parent / "fixtures" / "mini"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    delete Object.prototype.terminal;
    this.terminal = value;
    window.__terminal = value;
  },
});
"""

READ_SCREEN = """() => {
  const t = window.__terminal;
  if (!t) return "";
  const b = t.buffer.active, lines = [];
  for (let y = 0; y < t.rows; y++) lines.push(b.getLine(b.viewportY + y).translateToString(true));
  return lines.join("\\n");
}"""


def _unavailable(why: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why}; under CI=true the browser test must run (.ci/run installs chromium)")
    pytest.skip(why)


@pytest.fixture(scope="module")
def chromium() -> str:
    path = os.environ.get("CITIZEN_CHROMIUM") or next(
        (p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
    if not path:
        _unavailable("no chromium on this machine (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser(chromium, tmp_path_factory):
    """One headless Chromium for the module, with a fresh profile; each test opens its own tabs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=chromium, headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1100, "height": 720}, accept_downloads=True)
        context.add_init_script(CATCH_TERMINAL)
        yield context
        context.close()


@pytest.fixture
def serve(tmp_path):
    """Starts `citizen serve` on a free port: returns (url, saves folder, process)."""
    started: list[subprocess.Popen] = []

    def start(content: Path | None = None) -> tuple[str, Path, subprocess.Popen]:
        port = _free_port()
        saves = tmp_path / "saves"
        env = {k: v for k, v in os.environ.items() if k not in ("CITIZEN_CONTENT", "CITIZEN_SAVES")}
        if content is not None:
            env["CITIZEN_CONTENT"] = str(content)
        proc = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port), "--saves", str(saves)],
                                cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        started.append(proc)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                return f"http://127.0.0.1:{port}", saves, proc
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"citizen serve stopped at once:\n{proc.stdout.read()}")
                time.sleep(0.1)
        pytest.fail("citizen serve did not start listening in 30 s")

    yield start
    for proc in started:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def _stop(proc: subprocess.Popen) -> str:
    """Ctrl-C, as a person would; the server must stop cleanly and say so."""
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0, out
    assert "Stopped." in out and "Traceback" not in out, out
    return out


def _screen(page) -> str:
    return page.evaluate(READ_SCREEN)


def _wait_for(page, pattern: str, timeout: float = 20.0) -> re.Match:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = _screen(page)
        found = re.search(pattern, text)
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"{pattern!r} never appeared; the screen was:\n{text}")


def _status(page) -> tuple[int, int]:
    """(week, score) from the status bar at the top of the play screen."""
    found = _wait_for(page, r"Week (\d+) of \d+\s+Score (-?\d+)")
    return int(found.group(1)), int(found.group(2))


def _choice_keys(text: str) -> tuple[str, ...]:
    """The Guide's key when it marks a choice (◆), then the choices in order."""
    digits = ("1", "2", "3", "4")
    return ("g", *digits) if "◆" in text else digits


def _decide(page, week: int) -> str:
    """Take the Guide's choice, or the first open one: keys are tried until the week's report
    shows (a locked choice, or a Guide with nothing to recommend, leaves the choices where they are)."""
    text = _wait_for(page, r"(?m)^ ?1  \S").string
    for key in _choice_keys(text):
        page.keyboard.press(key)
        try:
            _wait_for(page, r"⏎ Continue", timeout=6)  # the key bar of a week's report
            return key
        except AssertionError:
            continue
    raise AssertionError(f"no key ended week {week}; the screen was:\n{_screen(page)}")


def _play_a_week(page, go_on: bool = True) -> tuple[int, int]:
    """Decide, and read the report: (score before, score after).

    Waits until the report's score line agrees with the status bar (a wide screen also shows
    last week's line in the side panel)."""
    week, _ = _status(page)
    _decide(page, week)
    page.keyboard.press("End")  # a long week's report scrolls: its score line is at the foot
    deadline = time.monotonic() + 20
    text = ""
    while time.monotonic() < deadline:
        text = _screen(page)
        now = re.search(r"Week (\d+) of \d+\s+Score (-?\d+)", text)
        if now and int(now.group(1)) == week:  # the report's own week, until Enter moves on
            score = int(now.group(2))
            if f"Score {score} (unchanged)" in text:
                moved = (score, score)
                break
            found = [m for m in re.finditer(r"Score (-?\d+) → (-?\d+)", text) if int(m.group(2)) == score]
            if found:
                moved = (int(found[0].group(1)), score)
                break
        time.sleep(0.1)
    else:
        raise AssertionError(f"week {week} did not end with a score line; the screen was:\n{text}")
    if go_on:
        page.keyboard.press("Enter")
        _wait_for(page, rf"Week {week + 1} of")  # the next week's event, before anyone reads the counter
    return moved


def _changed(page, before: str, timeout: float = 4.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _screen(page) != before:
            return True
        time.sleep(0.1)
    return False


def _open(context, url: str):
    page = context.new_page()
    page.route(re.compile(r"^https://fonts\."), lambda route: route.abort())  # no network here
    page.goto(url)
    page.wait_for_function("() => window.__terminal !== undefined", timeout=20_000)
    _wait_for(page, "MODEL CITIZEN")
    page.evaluate("() => window.__terminal.focus()")
    return page


def test_two_weeks_in_chromium_with_the_keyboard(browser, serve, tmp_path):
    url, saves, proc = serve()
    shot = tmp_path / "citizen-serve-two-weeks.png"
    page = _open(browser, url)
    page.keyboard.press("s")  # start the highlighted life under the default city
    _wait_for(page, "begin")
    week, start = _status(page)
    assert week == 1
    page.keyboard.press("Enter")
    moves = [_play_a_week(page), _play_a_week(page, go_on=False)]
    week, score = _status(page)  # on the second week's report, which the counter names
    page.screenshot(path=str(shot))
    print(f"\nscreenshot after two weeks in Chromium: {shot}")
    assert week == 2
    assert score != start or any(a != b for a, b in moves), (start, moves, score)
    assert moves[0][0] == start and moves[1][1] == score

    # A second tab is a second connection: its run goes to a folder of its own.
    other = _open(browser, url)
    other.keyboard.press("s")
    _wait_for(other, "begin")
    other.keyboard.press("Enter")
    _play_a_week(other, go_on=False)
    page.close()
    other.close()

    out = _stop(proc)
    assert f"Model Citizen is served at {url}" in out
    folders = sorted((saves / "browser").iterdir())
    assert len(folders) == 2
    assert [len(list(f.glob("*.json"))) for f in folders] == [1, 1]


def test_w_on_the_end_pages_downloads_the_report(browser, serve, tmp_path):
    url, saves, proc = serve(content=MINI)  # four weeks: quick to finish
    page = _open(browser, url)
    page.keyboard.press("s")
    for _ in range(40):  # choices when there are some, else Enter, until the end pages
        text = _screen(page)
        if "Write report" in text:
            break
        keys = _choice_keys(text) if re.search(r"(?m)^ ?1  \S", text) else ("Enter",)
        for key in keys:
            page.keyboard.press(key)
            if _changed(page, text):
                break
    else:
        raise AssertionError(f"never reached the end pages; the screen was:\n{_screen(page)}")
    with page.expect_download(timeout=20_000) as got:
        page.keyboard.press("w")
    download = got.value
    report = tmp_path / download.suggested_filename
    download.save_as(report)
    assert report.suffix == ".txt"
    assert report.read_text().startswith("MODEL CITIZEN - RUN REPORT")
    page.close()
    _stop(proc)
    (folder,) = (saves / "browser").iterdir()
    assert [p.suffix for p in folder.iterdir() if not p.name.startswith(".")] == [".json"]  # the run (and its hidden lock); no report on the server's disk
