"""citizen serve, without a browser: the command each connection runs, a saves folder per
connection, the warning for other hosts, and `w` delivering the report as a download."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from game import places
from game.cli import main, serve


CHOICES = ["late", "game", "refuse", "rest"]  # a whole mini life


@pytest.fixture
def finished(tmp_path, mini_scenario, mini_rulebook):
    from game.runs.session import Session
    from game.runs.store import autosave

    saver = autosave(tmp_path / "saves")
    session = Session(mini_scenario, mini_rulebook, 1, saver)
    for c in CHOICES:
        session.decide(c)
    assert session.game.finished
    return session, saver


def test_each_connection_runs_play_with_a_folder_of_its_own(tmp_path):
    argv = shlex.split(serve.play_command(tmp_path / "saves"))
    assert argv[:5] == ["exec", sys.executable, "-P", "-m", "game"]
    assert argv[5:] == ["--saves", str(tmp_path / "saves"), "play", "--connection"]


def test_play_connection_saves_in_a_new_folder_under_browser(monkeypatch, tmp_path):
    import game.tui.app as tui_app

    used = []
    monkeypatch.setattr(tui_app, "run_app", lambda **kw: used.append(kw["saves"]) or 0)
    for _ in range(2):
        assert main(["--saves", str(tmp_path), "play", "--connection"]) == 0
    assert len(set(used)) == 2
    assert all(p.parent == tmp_path / places.BROWSER for p in used)
    assert main(["--saves", str(tmp_path), "play"]) == 0
    assert used[-1] == tmp_path  # a terminal game saves where it always did


@pytest.mark.parametrize("host, local", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                         ("0.0.0.0", False), ("192.0.2.7", False), ("example.org", False)])
def test_only_loopback_hosts_count_as_this_machine(host, local):
    assert serve.is_local(host) is local


def _free_port() -> int:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as s:
        return s.getsockname()[1]


def test_serving_elsewhere_warns_but_serves(monkeypatch, capsys, tmp_path):
    """The port is checked for real (bound and let go at once), then the server is stubbed."""
    from textual_serve import server

    served = []
    monkeypatch.setattr(server, "AppService", server.AppService)  # run() replaces it; put it back after
    monkeypatch.setattr(server.Server, "serve", lambda self, debug=False: served.append((self.host, self.port)))
    port = _free_port()
    assert main(["--saves", str(tmp_path), "serve", "--host", "0.0.0.0", "--port", str(port)]) == 0
    assert served == [("0.0.0.0", port)]
    assert "warning: serving on 0.0.0.0" in capsys.readouterr().err
    assert main(["serve", "--port", str(port)]) == 0
    assert served[-1] == ("127.0.0.1", port)
    assert "warning" not in capsys.readouterr().err


async def test_w_in_a_browser_delivers_the_report_instead_of_writing_it(finished, monkeypatch):
    from game.tui.app import CitizenApp
    from game.tui.screens.end import EndScreens

    session, saver = finished

    class EndApp(CitizenApp):
        def on_mount(self, event) -> None:
            event.prevent_default()
            self.session, self.autosaver = session, saver
            self.push_screen(EndScreens(session=session))

    app = EndApp(saves=saver.path.parent)
    delivered = []
    monkeypatch.setattr(CitizenApp, "is_web", property(lambda self: True))
    monkeypatch.setattr(app, "deliver_text", lambda f, **kw: delivered.append((f.read(), kw)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        (text, kw), = delivered
        assert text.startswith("MODEL CITIZEN - RUN REPORT")
        assert kw["save_filename"] == Path(saver.path).with_suffix(".txt").name
        assert not Path(saver.path).with_suffix(".txt").exists()  # nothing on the server's disk
        assert any("Sent to your browser" in n.message for n in app.notices)


def test_a_port_in_use_is_a_message_not_a_traceback(capsys):
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert f"citizen: cannot serve on 127.0.0.1:{port}:" in err and "Traceback" not in err
