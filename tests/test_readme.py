"""The README's two commands are what CI runs, and the commands it lists exist."""

from __future__ import annotations

import re
from pathlib import Path

from game.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```sh\n(.+?)\n```", text)


def test_readme_starts_with_the_two_commands():
    play, tests = readme_commands()[:2]
    assert play.endswith("citizen") and "pip install" in play
    assert tests.endswith("pytest") and '".[test]"' in tests


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text().strip().splitlines()[-1]
    assert ci == readme_commands()[1]


def test_every_command_in_the_readme_exists():
    text = (ROOT / "README.md").read_text()
    listed = set(re.findall(r"`citizen (\w+)", text))
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert listed <= set(sub.choices), listed - set(sub.choices)


def test_ci_installs_chromium_for_the_browser_test_before_the_readme_commands():
    lines = (ROOT / ".ci" / "run").read_text().strip().splitlines()
    guard = next(i for i, line in enumerate(lines) if "apt-get install -y" in line and "chromium" in line)
    assert lines[guard].startswith("command -v chromium >/dev/null ||")
    assert guard < len(lines) - 1
