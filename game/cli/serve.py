"""``citizen serve``: the game in a web browser, through Textualize's ``textual-serve``.

Each browser connection starts its own ``citizen play`` process, which saves in a folder of
its own under the saves folder (``browser/<when>-<id>``), so two tabs never write one run.
"""

from __future__ import annotations

import ipaddress
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

from .. import places
from .common import exits, fail, saves_dir

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(sub) -> None:
    p = sub.add_parser(
        "serve", help="play in a web browser: serve the game on this machine",
        description="Serve the game to web browsers (one game per browser tab) until Ctrl-C. "
                    "Needs the serve extra: pip install 'model-citizen[serve]'.",
        epilog=exits("0  stopped with Ctrl-C", "2  textual-serve is not installed, or the address cannot be used"),
        formatter_class=__import__("argparse").RawDescriptionHelpFormatter)
    p.add_argument("--host", default=DEFAULT_HOST,
                   help=f"address to listen on (default {DEFAULT_HOST}: this machine only)")
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port to listen on (default {DEFAULT_PORT})")
    p.add_argument("--public-url", metavar="URL",
                   help="the address browsers use, when it is not http://HOST:PORT (behind a proxy, or --host 0.0.0.0)")
    p.set_defaults(func=run)


def is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def play_command(saves: Path) -> str:
    """The shell command each connection runs: this Python, this package, a folder of its own.

    ``-P`` keeps the server's working folder off ``sys.path``, so a ``game/`` folder there
    is never imported instead of the installed game. ``exec`` makes the game the process the
    server waits for, not a shell around it."""
    argv = [sys.executable, "-P", "-m", "game", "--saves", str(saves), "play", "--connection"]
    return subprocess.list2cmdline(argv) if os.name == "nt" else "exec " + shlex.join(argv)


def _connection_class():
    """textual-serve's per-connection process manager, made to wait until its game has exited.

    Without this, Ctrl-C can close the event loop before a game process is reaped, and Python
    prints a traceback from the orphaned subprocess transport on the way out."""
    import asyncio

    from textual_serve.app_service import AppService

    class Connection(AppService):
        async def stop(self) -> None:
            await super().stop()
            process = self._process
            if process is None or process.returncode is not None:
                return
            try:
                await asyncio.wait_for(process.wait(), timeout=5)
            except asyncio.TimeoutError:
                process.kill()
                await process.wait()

    return Connection


def run(args) -> int:
    try:
        from textual_serve import server as textual_serve
    except ImportError:
        return fail("citizen serve needs textual-serve, which is not installed.\n"
                    "  Install it with: pip install 'model-citizen[serve]'  (or pipx inject model-citizen textual-serve)")
    if not 0 < args.port < 65536:
        return fail(f"--port must be between 1 and 65535, not {args.port}")
    if not is_local(args.host):
        print(f"citizen: warning: serving on {args.host}, not on this machine only. Anyone who can reach "
              "this address can play, with no password, and their runs are saved on this machine.",
              file=sys.stderr)
    try:  # say so before printing an address that does not work
        socket.create_server((args.host, args.port)).close()
    except OSError as exc:
        return fail(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}")
    saves = saves_dir(args)

    textual_serve.AppService = _connection_class()  # type: ignore[misc]  # the name Server.handle_websocket uses

    class CitizenServer(textual_serve.Server):
        async def on_startup(self, app) -> None:  # instead of textual-serve's banner
            print(f"Model Citizen is served at {self.public_url}", flush=True)
            print(f"Runs are saved under {saves / places.BROWSER}, one folder per browser connection.")
            print("Press Ctrl-C to stop.", flush=True)

    server = CitizenServer(play_command(saves), host=args.host, port=args.port,
                           title="Model Citizen", public_url=args.public_url)
    try:
        server.serve()
    except OSError as exc:
        return fail(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}")
    print("Stopped.")
    return 0
