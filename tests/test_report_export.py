"""The report as a file: txt, md, html, svg, and ``citizen report SAVE``."""

from __future__ import annotations

import json
from pathlib import Path
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from game.cli import main
from game.engine.game import play
from game.report import compose
from game.report.pages import document, seen_and_missed
from game.report.export import FORMATS, export, to_svg, to_text
from game.report.plot import plot
from game.runs.session import Session
from game.runs.store import autosave

CHOICES = ["late", "game", "refuse", "rest"]


@pytest.fixture(scope="module")
def report(mini_scenario, mini_rulebook):
    game, _ = play(mini_scenario, mini_rulebook, 1, CHOICES)
    return compose(game, others={})


@pytest.fixture
def saved(tmp_path, mini_scenario, mini_rulebook):
    saver = autosave(tmp_path / "saves")
    s = Session(mini_scenario, mini_rulebook, 1, saver)
    for c in CHOICES:
        s.decide(c)
    assert s.game.finished
    return saver.path


def test_plain_text_is_a_readable_ascii_record(report):
    text = to_text(report)
    assert text.isascii()
    assert text.startswith("MODEL CITIZEN - RUN REPORT\n\nTest Person, " + report.epithet)
    for title in ("THE LIFE IN NUMBERS", "WHAT THE SYSTEM SAW AND WHAT IT MISSED", "PUNISHED EVERYWHERE",
                  "OTHER CITIES", "REFLECTION", "THE DOSSIER", "THE METRIC-GAMING INDEX"):
        assert title in text
    # the record behind three closures, with each door
    assert "Paid a bill after its due date" in text and "closed three doors" in text
    for door in ("Rail tickets (Mini Rail Office)", "Bank loans (Mini Savings Bank)", "School places"):
        assert door in text
    assert all(len(line) <= 140 for line in text.splitlines())
    for r in report.reflections:
        assert r.text.split()[0] in text


def test_markdown_has_headings_and_tables(report):
    md = export(report, "md")
    assert md.startswith("# Test Person, ")
    assert "## Punished everywhere" in md and "| City |" in md and "|---" in md


def test_html_is_self_contained_and_well_formed(report):
    page = export(report, "html")

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.stack, self.bad = [], []

        def handle_starttag(self, tag, attrs):
            if tag not in ("meta", "br", "circle", "rect", "line", "polyline"):
                self.stack.append(tag)

        def handle_endtag(self, tag):
            if tag in ("circle", "rect", "line", "polyline"):
                return
            if not self.stack or self.stack.pop() != tag:
                self.bad.append(tag)

    p = Tags()
    p.feed(page)
    assert p.bad == [] and p.stack == []
    assert "<svg" in page and "http" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_svg_is_valid_xml_with_the_summary(report):
    root = ET.fromstring(to_svg(report))
    assert root.tag.endswith("svg")
    texts = " ".join(t.text or "" for t in root.iter() if t.tag.endswith("text"))
    assert report.epithet in texts and str(report.score) in texts and "metric-gaming index" in texts
    assert any(e.tag.endswith("polyline") for e in root.iter())


def test_names_with_markup_are_escaped(report):
    import copy

    rep = copy.deepcopy(report)
    rep.citizen = "<b>&Co</b>"
    assert "<b>&Co" not in export(rep, "html") and "&lt;b&gt;&amp;Co" in export(rep, "html")
    ET.fromstring(to_svg(rep))


def test_every_group_of_seen_and_missed_names_its_moments(report):
    groups = dict(seen_and_missed(report))
    assert groups["Good deeds it punished"][0].text.startswith('Week 1, "Rent day": Pay it late')
    assert groups["Rules you could not read before they counted"][0].text.startswith('Week 2: "Bought a video game"')
    assert [s.heading for s in document(report)][:6] == [
        "Ending", "The life in numbers", "The life, week by week", "Score or conscience: the metric-gaming index",
        "What the system saw and what it missed", "Punished everywhere"]


def test_plot_draws_bands_and_bars():
    p = plot([1000, 940, 930, 920], 8, 6, [("A", 1020), ("B", 960), ("C", None)], ascii=True)
    assert len(p.rows) == 6 and all(len(r) == 8 for r in p.rows)
    assert "B" in p.marks  # the floor of B lies inside the range
    assert p.rows[-1] == "#" * 8  # every turn has a bar at the bottom
    assert "1000" in p.axis and "920" in p.axis  # the highest and lowest values are labelled
    neg = plot([0, 2, -2], 3, 4, baseline=0)
    assert neg.rows[0][1] != " " and neg.rows[-1][2] != " " and neg.rows[-1][1] == " "


# ----------------------------------------------------------------- the command


def test_cli_writes_txt_to_stdout(saved, capsys):
    assert main(["--saves", str(saved.parent), "report", saved.name]) == 0
    out = capsys.readouterr().out
    assert out.startswith("MODEL CITIZEN - RUN REPORT") and "PUNISHED EVERYWHERE" in out


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_writes_each_format_to_a_file(saved, tmp_path, capsys, fmt):
    out = tmp_path / f"report.{fmt}"
    assert main(["report", str(saved), "--output", str(out)]) == 0
    assert f"Report written to {out}" in capsys.readouterr().out
    body = out.read_text()
    assert body.strip()
    if fmt == "svg":
        ET.fromstring(body)


def test_cli_format_flag_wins_over_suffix(saved, tmp_path):
    out = tmp_path / "report.txt"
    assert main(["report", str(saved), "-f", "md", "-o", str(out)]) == 0
    assert out.read_text().startswith("# ")


def test_cli_refuses_a_run_that_no_longer_replays(saved, capsys):
    data = json.loads(saved.read_text())
    data["turns"][1]["checksum"] = "000000000000"
    saved.write_text(json.dumps(data))
    assert main(["report", str(saved)]) == 2
    err = capsys.readouterr().err
    assert "out of sync at turn 2" in err and "Traceback" not in err


def test_cli_missing_save(tmp_path, capsys):
    assert main(["--saves", str(tmp_path), "report", "nope"]) == 2
    assert "no such save" in capsys.readouterr().err


def test_never_shown_rules_repeated_weekly_read_as_one_line(mini_scenario, tmp_path, mini_lexicon):
    from game.report.pages import turns_text, unshown_lines
    from game.scenario.loader import load_rulebook

    text = (Path(__file__).parent / "fixtures" / "mini" / "rulebooks" / "strict.toml").read_text()
    p = tmp_path / "secret.toml"
    p.write_text(text.replace('transparency = "partial"', 'transparency = "secret"'))
    game, _ = play(mini_scenario, load_rulebook(p, mini_lexicon), 1, CHOICES)
    rep = compose(game, others={})
    lines = unshown_lines(rep)
    assert 'Weeks 2-4: "Kept company with low-scored contacts (Ana)": -10 each time, -30 in all' in [x.text for x in lines]
    assert len(lines) == len(rep.unshown()) - 2  # three weekly records, one line
    assert turns_text(rep, [2, 3, 4, 7, 9, 10]) == "Weeks 2-4, 7 and 9, 10"
