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

import pytest

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


@pytest.fixture
def server(tmp_path):
    """`citizen serve` on a free port; yields (url, saves folder, process); stopped with Ctrl-C."""
    port = _free_port()
    saves = tmp_path / "saves"
    env = {k: v for k, v in os.environ.items() if k not in ("CITIZEN_CONTENT", "CITIZEN_SAVES")}
    proc = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port), "--saves", str(saves)],
                            cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail(f"citizen serve stopped at once:\n{proc.stdout.read()}")
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("citizen serve did not start listening in 30 s")
    yield url, saves, proc
    if proc.poll() is None:
        proc.kill()
        proc.wait()


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


def _play_a_week(page, go_on: bool = True) -> tuple[int, int]:
    """Take the Guide's choice (or the first) and read the report: (score before, after).

    Waits until the week counter has moved on and the report's score line agrees with the
    status bar (a wide screen also shows last week's line in the side panel)."""
    week, _ = _status(page)
    _wait_for(page, r"(?m)^ ?1  \S")
    page.keyboard.press("g" if "Guide" in _screen(page) else "1")
    deadline = time.monotonic() + 20
    text = ""
    while time.monotonic() < deadline:
        text = _screen(page)
        now = re.search(r"Week (\d+) of \d+\s+Score (-?\d+)", text)
        if now and int(now.group(1)) == week + 1:
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
    return moved


def _open(context, url: str):
    page = context.new_page()
    page.route(re.compile(r"^https://fonts\."), lambda route: route.abort())  # no network here
    page.goto(url)
    page.wait_for_function("() => window.__terminal !== undefined", timeout=20_000)
    _wait_for(page, "MODEL CITIZEN")
    page.evaluate("() => window.__terminal.focus()")
    return page


def test_two_weeks_in_chromium_with_the_keyboard(chromium, server, tmp_path):
    from playwright.sync_api import sync_playwright

    url, saves, proc = server
    shot = tmp_path / "citizen-serve-two-weeks.png"
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1100, "height": 720})
        context.add_init_script(CATCH_TERMINAL)
        try:
            page = _open(context, url)
            page.keyboard.press("s")  # start the highlighted life under the default city
            _wait_for(page, "begin")
            week, start = _status(page)
            assert week == 1
            page.keyboard.press("Enter")
            moves = [_play_a_week(page), _play_a_week(page, go_on=False)]
            week, score = _status(page)  # on the second week's report: the counter has moved on
            page.screenshot(path=str(shot))
            print(f"\nscreenshot after two weeks in Chromium: {shot}")
            assert week == 3
            assert score != start or any(a != b for a, b in moves), (start, moves, score)
            assert moves[0][0] == start and moves[1][1] == score

            # A second tab is a second connection: its run goes to a folder of its own.
            other = _open(context, url)
            other.keyboard.press("s")
            _wait_for(other, "begin")
            other.keyboard.press("Enter")
            _play_a_week(other, go_on=False)
        finally:
            context.close()

    proc.send_signal(signal.SIGINT)  # Ctrl-C
    out, _ = proc.communicate(timeout=20)
    assert proc.returncode == 0, out
    assert f"Model Citizen is served at {url}" in out and "Stopped." in out
    assert "Traceback" not in out
    folders = sorted(p for p in (saves / "browser").iterdir())
    assert len(folders) == 2
    runs = [list(f.glob("*.json")) for f in folders]
    assert [len(r) for r in runs] == [1, 1], runs
