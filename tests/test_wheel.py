"""The wheel works anywhere: built from this tree, installed into a fresh virtual environment,
and started from an unrelated folder, it finds its content and schemas inside the package
and saves in the user data folder.

Built and installed once for the module, offline: the wheel is built without build isolation
(setuptools comes from the test extras), installed with ``--no-deps --no-index``, and the
game's dependencies are lent by this environment's site-packages through a ``.pth`` line
(a plain path entry: the editable install's own ``.pth`` there is not processed, so the
installed game never sees the source tree; a test checks that).
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

from game.authoring import schema
from game.scenario.library import rulebooks, scenarios

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ["pyproject.toml", "setup.py", "README.md", "game", "scenarios", "schemas"]


def _run(cmd: list, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=300, **kw)


class Installed:
    def __init__(self, venv: Path, home: Path) -> None:
        self.venv = venv
        self.bin = venv / ("Scripts" if os.name == "nt" else "bin")
        self.home = home  # the folder commands start from: nothing of the game in it
        self.data = home / "xdg-data"
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("PYTHONPATH", "CITIZEN_CONTENT", "CITIZEN_SAVES", "VIRTUAL_ENV")}
        self.env.update(XDG_DATA_HOME=str(self.data), PYTHONDONTWRITEBYTECODE="1", COLUMNS="200")

    def citizen(self, *args: str | Path, **env: str) -> subprocess.CompletedProcess:
        return _run([self.bin / "citizen", *args], cwd=self.home, env={**self.env, **env})

    def python(self, code: str) -> str:
        out = _run([self.bin / "python", "-c", code], cwd=self.home, env=self.env)
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    @property
    def site_packages(self) -> Path:
        return Path(self.python("import sysconfig; print(sysconfig.get_paths()['purelib'])"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    dist = base / "dist"
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                  "-q", "-w", dist, src])
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = dist.glob("model_citizen-*.whl")
    venv = base / "venv"
    made = _run([sys.executable, "-m", "venv", "--without-pip", venv])
    assert made.returncode == 0, made.stderr
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    got = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel])
    assert got.returncode == 0, got.stdout + got.stderr
    home = base / "elsewhere"
    home.mkdir()
    inst = Installed(venv, home)
    (inst.site_packages / "_lent_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return inst


def test_the_installed_game_is_the_wheel_not_the_source_tree(installed):
    where = Path(installed.python("import game; print(game.__file__)"))
    assert where.is_relative_to(installed.venv), where
    assert installed.python("from game import places; print(places.source_checkout())") == "None"


def test_list_finds_every_shipped_scenario_and_rulebook_inside_the_package(installed):
    out = installed.citizen("list", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert [e["id"] for e in data["scenarios"]] == [e.id for e in scenarios()]
    assert [e["id"] for e in data["rulebooks"]] == [e.id for e in rulebooks()]
    content = installed.site_packages / "game" / "content"
    for entry in data["scenarios"] + data["rulebooks"]:
        assert Path(entry["path"]).is_relative_to(content), entry
    # Every content file of the checkout, byte for byte: nothing dropped, nothing stale.
    source = {p.relative_to(ROOT / "scenarios"): p.read_bytes() for p in (ROOT / "scenarios").rglob("*.toml")}
    packaged = {p.relative_to(content): p.read_bytes() for p in content.rglob("*.toml")}
    assert packaged == source


def test_playtest_and_check_work_on_the_installed_content(installed, tmp_path):
    out = installed.citizen("playtest", "eastgate", "--runs", "10", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["problems"] == []
    checked = installed.citizen("check", installed.site_packages / "game" / "content" / "eastgate")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "0 error(s)" in checked.stdout
    # An author's new scenario, outside the package, is checked against the shipped catalogue.
    made = installed.citizen("new", "my_life")
    assert made.returncode == 0, made.stderr
    mine = installed.citizen("check", "my_life")
    assert mine.returncode == 0, mine.stdout + mine.stderr


def test_schema_writes_only_where_it_is_told(installed):
    packaged = installed.site_packages / "game" / "schemas"
    before = {p.name: p.read_bytes() for p in packaged.iterdir()}
    refused = installed.citizen("schema")
    assert refused.returncode == 2
    assert "citizen schema --output DIR" in refused.stderr and "Traceback" not in refused.stderr
    out = installed.citizen("schema", "--output", "editor-schemas")
    assert out.returncode == 0, out.stderr
    written = installed.home / "editor-schemas"
    assert sorted(p.name for p in written.iterdir()) == sorted(before)
    for p in written.iterdir():  # the models' schemas, equal to the committed ones
        assert p.read_bytes() == (schema.schemas_dir() / p.name).read_bytes()
    assert {p.name: p.read_bytes() for p in packaged.iterdir()} == before


def test_play_saves_in_the_user_data_folder_and_help_says_so(installed):
    out = installed.citizen("play", "--seed", "5",
                            TEXTUAL_DRIVER="textual.drivers.headless_driver:HeadlessDriver",
                            TEXTUAL_PRESS="s,enter,1,q,y")  # start, begin, one decision, quit
    assert out.returncode == 0, out.stderr
    folder = installed.data / "model-citizen" / "saves"
    (save,) = folder.glob("*.json")
    data = json.loads(save.read_text())
    assert data["scenario"]["id"] == "eastgate" and data["seed"] == 5 and len(data["turns"]) == 1
    assert not (installed.home / "saves").exists()
    told = installed.citizen("--help").stdout
    assert f"saves    {folder} (your user data folder)" in told
