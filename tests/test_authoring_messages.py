"""Messages as an author reads them: syntax errors, unknown names, duplicate ids, and no
cascade of false errors from a file that failed to load."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tomli

from game.authoring.check import check_paths
from game.scenario import syntax

BROKEN = Path(__file__).parent / "fixtures" / "broken"
BASE = (BROKEN / "ok_base.toml").read_text()


def _check(tmp_path: Path, text: str, name: str = "life.toml"):
    shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
    path = tmp_path / name
    path.write_text(text)
    return check_paths([path]).diagnostics


# --------------------------------------------------------------------------- syntax


@pytest.mark.parametrize("source, line, col, message", [
    ('a = 1\ntext = "The envelope is on the mat.\nb = 2\n', 2, 36,
     'unterminated string: it starts at 2:8 and the line ends before its closing "; for text over several lines use """ ... """'),
    ("a = 1\ntext = 'It is late.\nb = 2\n", 2, 20,
     "unterminated string: it starts at 2:8 and the line ends before its closing '; for text over several lines use ''' ... '''"),
    ('text = """The envelope\nis on the mat.\n', 3, 1, 'unterminated multi-line string: it starts at 1:8; close it with """'),
    ('a = 1\ntext = "The envelope', 2, 21, "unterminated string: it starts at 2:8 and runs to the end of the file"),
    ("a =\nb = 1\n", 1, 4, "missing value after '='"),
    ("unit = week\n", 1, 8, 'text must be in quotes: write unit = "week"'),
    ("once = True\n", 1, 8, "true and false are written in lowercase: true"),
    ('text = "She said "no" twice"\n', 1, 19,
     "the value ends at its closing quote but the line goes on ('no\" twice\"'): a \" inside a \"string\" is written \\\", or quote the text with ' ... '"),
    ("first turn = 3\n", 1, 7, "expected '=' after the key 'first'; a key with spaces must be in quotes (\"first turn\" = ...)"),
    ('needs = ["a" "b"]\n', 1, 14, "unclosed list: a ',' between items or the closing ']' is missing"),
    ('[citizen]\nname = "a"\n[citizen]\n', 3, 9,
     "[citizen] is declared twice in this file: write each table once (a list of tables is written [[citizen]])"),
    ("a = 1\na = 2\n", 2, 6, "the key 'a' is set twice in the same table"),
    ('text = "a \\[b]"\n', 1, 11,
     'a backslash in a "string" starts an escape (\\n, \\", \\\\): write \\\\ for a backslash itself, or use a \'literal string\''),
    ("text = \u201chi\u201d\n", 1, 8, "curly quotes are not TOML quotes: use straight \" or '"),
])
def test_syntax_errors_read_as_authors_think_of_them(source, line, col, message):
    with pytest.raises(tomli.TOMLDecodeError) as info:
        tomli.loads(source)
    assert syntax.explain(info.value, source) == (line, col, message)


def test_the_unclosed_string_of_the_issue(tmp_path):
    text = BASE.replace('text = "A week passes."', 'text = "A week passes.')
    (d,) = _check(tmp_path, text)
    line = text.splitlines().index('text = "A week passes.') + 1
    assert (d.code, d.line, d.col) == ("E001", line, len('text = "A week passes.') + 1)
    assert d.message.startswith(f"unterminated string: it starts at {line}:8 and the line ends")
    assert "Illegal character" not in d.message


def test_open_string_ignores_quotes_in_comments_and_closed_strings():
    text = '# it\'s "quoted"\na = "x" # "y\nb = \'c\'\nd = "open'
    assert syntax.open_string(text, len(text)) == (text.index('"open'), '"')
    assert syntax.open_string(text, text.index("b =")) is None


# --------------------------------------------------------------------------- E021


def test_unknown_name_suggests_by_meaning_and_lists_what_may_be_used(tmp_path):
    text = BASE.replace('once = false', 'once = false\nwhen = "cash > 10"')
    (d,) = _check(tmp_path, text)
    assert d.code == "E021"
    assert d.message.startswith("unknown name 'cash' (did you mean 'money'?) in \"cash > 10\"; a condition may use money, score,")
    for family in ("resources.NAME", "virtues.NAME (care)", "flags.NAME", "records.BEHAVIOUR", "sets contacts, closed"):
        assert family in d.message


@pytest.mark.parametrize("condition, hint", [
    ("care > 1", "did you mean 'virtues.care'"),
    ("virtue.care > 1", "did you mean 'virtues.care'"),
    ("points > 3", "did you mean 'score'"),
    ("ana", "did you mean \"'ana' in contacts\""),
    ("virtues.cares > 1", "did you mean 'virtues.care'"),
])
def test_the_nearest_name(tmp_path, condition, hint):
    (d,) = _check(tmp_path, BASE.replace('once = false', f'once = false\nwhen = "{condition}"'))
    assert d.code == "E021" and hint in d.message


def test_a_family_name_lists_its_members_not_a_misleading_neighbour(tmp_path):
    """'flags.struck' is not near 'flags.pro' because both start with 'flags.'."""
    text = BASE.replace("money = 50", 'money = 50\nflags = ["pro"]').replace(
        'once = false', 'once = false\nwhen = "virtues.kindness > 1 or flags.pro"')
    (d,) = [d for d in _check(tmp_path, text) if d.code.startswith("E")]
    assert d.code == "E021" and "did you mean" not in d.message
    assert d.message.endswith("declared virtues: care (or declare 'kindness' under [citizen.virtues])")
    text = BASE.replace("money = 50", 'money = 50\nflags = ["pro"]').replace(
        'once = false', 'once = false\nwhen = "flags.struck or flags.pro"')
    (d,) = [d for d in _check(tmp_path, text) if d.code.startswith("E")]
    assert d.code == "E024" and "did you mean" not in d.message


# --------------------------------------------------------------------------- E010


def test_duplicate_ids_name_the_first_definition_and_flag_the_later(tmp_path):
    folder = tmp_path / "dup"
    (folder / "events").mkdir(parents=True)
    shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
    head, _, rest = BASE.partition("[[event]]")
    event = "[[event]]" + rest.partition("[[ending]]")[0]
    (folder / "scenario.toml").write_text(head + "[[ending]]" + rest.partition("[[ending]]")[2])
    (folder / "events" / "b_money.toml").write_text(event)
    (folder / "events" / "a_home.toml").write_text("# new file\n\n" + event)
    (d,) = check_paths([folder]).diagnostics
    assert d.code == "E010" and d.file.endswith("b_money.toml") and (d.line, d.col) == (2, 1)
    assert f"first defined at {folder / 'events' / 'a_home.toml'}:4:1" in d.message
    assert "read scenario.toml first, then in name order" in d.message


def test_duplicate_choice_points_at_the_first(tmp_path):
    text = BASE.replace('id = "help"', 'id = "rest"')
    (d,) = _check(tmp_path, text)
    line = text.splitlines().index('id = "rest"') + 1
    assert d.code == "E010" and d.message.endswith(f"first used at {tmp_path / 'life.toml'}:{line}:1")


# --------------------------------------------------------------------------- no cascades


def test_a_file_that_fails_holds_back_what_follows_from_its_absence():
    folder = BROKEN / "I202_held_back"
    ds = check_paths([folder]).diagnostics
    assert [d.code for d in ds] == ["E004", "I202"]
    cause, note = ds
    assert cause.file.endswith("a_strike.toml") and cause.path == "event[0].weight"
    assert (note.file, note.line, note.col) == (cause.file, cause.line, cause.col)
    assert note.message.startswith("3 problems in other files not shown")
    assert "flags.struck" in note.message and "event 'strike'" in note.message


def test_a_real_error_elsewhere_is_still_shown(tmp_path):
    folder = tmp_path / "held"
    shutil.copytree(BROKEN / "I202_held_back", folder)
    shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
    after = folder / "events" / "b_after.toml"
    after.write_text(after.read_text().replace('text = "Shrug"', 'text = "Shrug"\nneeds = ["railwy"]'))
    codes = [(Path(d.file).name, d.code) for d in check_paths([folder]).diagnostics]
    assert codes == [("a_strike.toml", "E004"), ("a_strike.toml", "I202"), ("b_after.toml", "E012")]
    strike = folder / "events" / "a_strike.toml"
    strike.write_text(strike.read_text().replace('weight = "2"', "weight = 2"))
    assert [d.code for d in check_paths([folder]).diagnostics] == ["E012"]


def test_a_syntax_error_holds_back_too(tmp_path):
    folder = tmp_path / "held"
    shutil.copytree(BROKEN / "I202_held_back", folder)
    shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
    strike = folder / "events" / "a_strike.toml"
    strike.write_text(strike.read_text().replace('weight = "2"', "weight = ").replace('text = "The depot', 'text = "The depot'))
    ds = check_paths([folder]).diagnostics
    assert [d.code for d in ds] == ["E001", "I202"] and ds[0].message == "missing value after '='"


def test_a_broken_catalogue_holds_back_every_unknown_behaviour(tmp_path):
    shutil.copy(BROKEN / "ok_base.toml", tmp_path / "life.toml")
    life = tmp_path / "life.toml"
    life.write_text(life.read_text().replace('text = "Rest"', 'text = "Rest"\nbehaviours = ["pay_rent"]'))
    (tmp_path / "rulebooks").mkdir()
    shutil.copy(BROKEN / "rulebooks" / "ok_rulebook.toml", tmp_path / "rulebooks" / "rb.toml")
    cat = (BROKEN / "catalogue.toml").read_text().replace('legal = "lawful"', 'legal = "Lawful"', 1)
    (tmp_path / "catalogue.toml").write_text(cat)
    ds = check_paths([tmp_path]).diagnostics
    assert [d.code for d in ds] == ["E004", "I202"]
    assert Path(ds[0].file).name == "catalogue.toml" and "behaviour 'pay_rent'" in ds[1].message
    assert ds[1].message.startswith("2 problems")  # one in the scenario, one in the rulebook


# --------------------------------------------------------------------------- never a traceback

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(['"', "'", '"""', "'''", "=", "[", "]", "[[", "{", "}", ",", "\n", "#", "\\", " ",
                           "a", "1", "true", "\u201c", "\x07", "x.y", "1979-05-27"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_syntax_explain_never_fails_and_stays_inside_the_text(text):
    try:
        tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        line, col, message = syntax.explain(exc, text)
        assert message and 1 <= line <= text.count("\n") + 1 and col >= 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=len(BASE) - 1), st.integers(min_value=1, max_value=12), _PIECES)
def test_check_never_raises_on_a_damaged_file(tmp_path, at, cut, piece):
    text = BASE[:at] + piece + BASE[at + cut:]
    result = _check(tmp_path, text)
    assert all(d.line >= 1 and d.col >= 1 and d.message for d in result)
