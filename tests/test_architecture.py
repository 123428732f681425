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
