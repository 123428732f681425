"""The structure, checked by the tools that know it: the import layers (import-linter, with
no textual or rich below the TUI) and static types (mypy). Both run in the suite, so the
README's test command and .ci/run need nothing else."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_imports_keep_the_layers():
    got = _run(str(BIN / "lint-imports"), "--config", str(ROOT / ".importlinter"))
    assert got.returncode == 0, got.stdout + got.stderr
    assert "0 broken" in got.stdout


def test_mypy_is_clean_on_game():
    got = _run(sys.executable, "-m", "mypy", "game")
    assert got.returncode == 0, got.stdout + got.stderr


def test_the_command_line_and_title_screen_start_without_the_engine_or_the_models():
    """Start-up speed rests on this (benchmarks/startup.py): `citizen` builds its parser and
    opens the title screen without pydantic, the content models or the engine."""
    import subprocess
    import sys

    code = ("import sys, game.cli; game.cli.build_parser(); import game.tui.app, game.tui.screens.title; "
            "print(sorted(m for m in sys.modules if m == 'pydantic' or m.startswith(('game.engine', "
            "'game.scenario.models', 'game.authoring.playtest', 'game.runs.save'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out


def test_the_parsers_strategy_names_are_the_playtests():
    from game.authoring import campaign
    from game.authoring.defaults import STRATEGY_NAMES, THEMES_SAMPLE
    from game.authoring.playtest import STRATEGIES

    assert tuple(STRATEGIES) == STRATEGY_NAMES and campaign.SAMPLE == THEMES_SAMPLE
