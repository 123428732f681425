"""Issue 15: content is read through one safe reader (bounded, regular files, contained, BOM,
nesting pre-scanned, text cleaned), and one bad file never takes a listing or a screen down."""

from __future__ import annotations

import os
import shutil
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.scenario import safe_files
from game.scenario.diagnostics import LoadError
from game.scenario.library import resolve, rulebooks, scenarios
from game.scenario.loader import load_catalogue, load_rulebook, load_scenario
from game.scenario.safe_files import MAX_DEPTH, Refused, read_bytes, read_toml, toml_depth
from game.scenario.safe_text import clean, clean_found

from conftest import FIXTURES, MINI

BROKEN = FIXTURES / "broken"
SHIPPED = Path(__file__).resolve().parents[1] / "scenarios"


def content_root(tmp_path: Path) -> Path:
    """A copy of the shipped content to break."""
    root = tmp_path / "content"
    shutil.copytree(SHIPPED, root)
    return root


# --------------------------------------------------------------------------- files that are not read


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "x.toml"
    os.mkfifo(fifo)
    with pytest.raises(Refused) as got:
        read_bytes(fifo, 100)
    assert got.value.code == "E050" and "named pipe" in got.value.reason


def test_a_device_and_a_folder_are_refused(tmp_path):
    if Path("/dev/zero").exists():
        with pytest.raises(Refused, match="device") as got:
            read_bytes("/dev/zero", 100)
        assert got.value.code == "E050"
    with pytest.raises(Refused, match="folder"):
        read_bytes(tmp_path, 100)


def test_size_limit(tmp_path):
    p = tmp_path / "big.toml"
    p.write_bytes(b"x" * 101)
    with pytest.raises(Refused, match="the limit is 100") as got:
        read_bytes(p, 100)
    assert got.value.code == "E052"
    assert read_bytes(p, 101) == b"x" * 101


def test_a_name_too_long_for_the_system_is_a_refusal_not_an_oserror(tmp_path):
    with pytest.raises(Refused) as got:
        read_bytes(tmp_path / ("n" * 300 + ".toml"), 100)
    assert got.value.code == "E005"


def test_links_are_followed_inside_the_folder_only(tmp_path):
    folder = tmp_path / "sc"
    folder.mkdir()
    (folder / "inner.toml").write_text("a = 1\n")
    (folder / "link_in.toml").symlink_to(folder / "inner.toml")
    secret = tmp_path / "secret.toml"
    secret.write_text('api_key = "hunter2"\n')
    (folder / "link_out.toml").symlink_to(secret)
    assert read_bytes(folder / "link_in.toml", 100, inside=folder) == b"a = 1\n"
    with pytest.raises(Refused) as got:
        read_bytes(folder / "link_out.toml", 100, inside=folder)
    assert got.value.code == "E051"


def test_check_reports_a_fifo_a_link_out_and_a_big_file_by_code_and_file(tmp_path, monkeypatch):
    folder = tmp_path / "sc"
    (folder / "events").mkdir(parents=True)
    shutil.copy(BROKEN / "ok_base.toml", folder / "scenario.toml")
    shutil.copy(BROKEN / "catalogue.toml", folder / "catalogue.toml")
    os.mkfifo(folder / "events" / "pipe.toml")
    secret = tmp_path / "secret.toml"
    secret.write_text('api_key = "hunter2-secret"\n')
    (folder / "events" / "out.toml").symlink_to(secret)
    (folder / "events" / "big.toml").write_text("# " + "x" * 2000 + "\n")
    monkeypatch.setattr(safe_files, "MAX_CONTENT_BYTES", 1000)
    from game.authoring.check import check_paths

    result = check_paths([folder])
    by_file = {Path(d.file).name: d for d in result.diagnostics}
    assert by_file["pipe.toml"].code == "E050"
    assert by_file["out.toml"].code == "E051"
    assert by_file["big.toml"].code == "E052"
    assert not any("hunter2" in str(d) for d in result.diagnostics)  # the linked file was never read


# --------------------------------------------------------------------------- nesting, BOM


NESTINGS = {
    "arrays": "x = " + "[" * 5000 + "]" * 5000,
    "inline tables": "x = " + "{a = " * 3000 + "1" + "}" * 3000,
    "dotted keys": "a" + ".a" * 5000 + " = 1",
    "table header": "[" + "a." * 5000 + "a]\nx = 1",
    "array of tables": "[[" + "a." * 5000 + "a]]\nx = 1",
    "mixed": "x = [" + "{a = [" * 600 + "]}" * 600 + "]",
}


@pytest.mark.parametrize("kind", sorted(NESTINGS))
def test_deep_nesting_of_any_kind_is_a_diagnostic(tmp_path, kind):
    p = tmp_path / "deep.toml"
    p.write_text("[scenario]\nid = 'deep'\n" + NESTINGS[kind] + "\n")
    got = read_toml(p)
    assert got.data is None
    assert [d.code for d in got.diagnostics] == ["E053"], got.diagnostics


def _deepest(text: str) -> int:
    """The bracket nesting counted one bracket at a time (a close with nothing open ignored)."""
    depth = top = 0
    for c in text:
        if c in "[{":
            depth += 1
            top = max(top, depth)
        elif c in "]}" and depth:
            depth -= 1
    return top


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("[]{}()a é\n\"'")))
def test_the_cheap_bracket_bound_never_undercounts(text):
    got = safe_files._bracket_bound(text)
    assert got >= _deepest(text)
    balanced = text.translate({ord(c): None for c in "()a é\n\"'"})
    while "[]" in balanced or "{}" in balanced or "[}" in balanced or "{]" in balanced:
        balanced = balanced.replace("[]", "").replace("{}", "").replace("[}", "").replace("{]", "")
    if not balanced:  # every bracket closes: the bound is the nesting itself
        assert got == _deepest(text)


def test_the_prescan_finds_where_nesting_goes_too_deep():
    assert toml_depth("x = " + "[" * 40 + "]" * 40) == (MAX_DEPTH + 1, 1, 5 + MAX_DEPTH - 1)
    assert toml_depth('x = "' + "[" * 100 + '"\n# ' + "{" * 100) is None  # strings and comments
    assert toml_depth("x = [[1, [2]], {a = {b = [3]}}]") is None


def test_every_shipped_and_fixture_file_is_far_inside_the_depth_limit():
    files = list(SHIPPED.rglob("*.toml")) + list(FIXTURES.rglob("*.toml"))
    deep = [p for p in files if "E053" not in p.name and toml_depth(p.read_text(), 10) is not None]
    assert deep == []


def test_bom_prefixed_toml_loads(tmp_path):
    p = tmp_path / "bom.toml"
    p.write_bytes(b"\xef\xbb\xbf" + (BROKEN / "ok_base.toml").read_bytes())
    shutil.copy(BROKEN / "catalogue.toml", tmp_path / "catalogue.toml")
    sc = load_scenario(p, load_catalogue(tmp_path / "catalogue.toml"))
    assert sc.id == "broken"


def test_not_utf8_names_the_line_and_column(tmp_path):
    p = tmp_path / "latin.toml"
    p.write_bytes(b'a = 1\nb = "caf\xe9"\n')
    (d,) = read_toml(p).diagnostics
    assert (d.code, d.line, d.col) == ("E005", 2, 9)


# --------------------------------------------------------------------------- limits and text


def test_long_ids_keys_and_texts_are_cut_and_reported(tmp_path):
    p = tmp_path / "long.toml"
    p.write_text(f'id = "{"i" * 65}"\ntext = "{"t" * 20_001}"\n{"k" * 65} = 1\nshort = "fine"\n')
    got = read_toml(p)
    codes = sorted((d.path, d.code) for d in got.diagnostics)
    assert codes == [("id", "E054"), ("k" * 64, "E054"), ("text", "E054")]
    assert len(got.data["id"]) == 64 and len(got.data["text"]) == 20_000


def test_control_characters_and_bidi_are_removed_at_load_and_warned(tmp_path, mini_lexicon):
    from game.authoring.check import check_paths

    result = check_paths([BROKEN / "W150_control_characters.toml", BROKEN / "W151_bidi_override.toml"])
    assert {d.code for d in result.diagnostics} == {"W150", "W151"}
    texts = [e.model.text for s in result.scenarios for e in s.events.values()]
    texts += [c.model.text for s in result.scenarios for e in s.events.values() for c in e.choices]
    assert texts and not any(c in t for t in texts for c in "\x1b\x07\u202e\u202c")


def test_clean_removes_whole_escape_sequences_and_keeps_text():
    assert clean("a\x1b[2Jb\x1b]0;title\x07c\x1b]8;;file:///x\x1b\\link\x1b]8;;\x1b\\d") == "abclinkd"
    assert clean("\u202eevil\u202c") == "evil"
    assert clean("x\x00y\x9b31mz") == "x\ufffdyz"
    assert clean("line\r\nnext\ttab") == "line\nnext\ttab"
    assert clean_found("plain")[1] == set()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_clean_leaves_nothing_a_terminal_acts_on(s):
    out = clean(s)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in out)
    assert not any(0x7F <= ord(c) <= 0x9F for c in out)
    assert not any(c in out for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    out.encode("utf-8")  # no lone surrogates
    assert clean(out) == out


def _toml_string(s: str, form: str) -> str:
    """``s`` as a TOML string of the given form, control characters escaped where TOML must."""
    if form == "literal" and not any(c in s for c in "'\n\r") and all(c == "\t" or not (ord(c) < 32 or ord(c) == 127) for c in s):
        return f"'{s}'"
    out = []
    for c in s:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 32 or ord(c) == 127:
            out.append({"\b": "\\b", "\f": "\\f", "\r": "\\r", "\n": "\\n", "\t": "\\t"}.get(c, f"\\u{ord(c):04x}"))
        elif form == "escaped" and ord(c) > 127:
            out.append(f"\\U{ord(c):08x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\x1b\x07\x9b\u202e\u2066\r\x08\x0c")),
                      min_size=1, max_size=4),
       form=st.sampled_from(["basic", "literal", "escaped"]))
def test_no_string_read_holds_a_character_the_game_removes(tmp_path, texts, form):
    """The reader skips the per-string scan when the source text holds no such character and
    no escape that writes one: whatever way a string is written, none gets through."""
    p = tmp_path / "t.toml"
    p.write_text("".join(f"k{i} = {_toml_string(t, form)}\n" for i, t in enumerate(texts)), encoding="utf-8")
    got = read_toml(p)
    assert got.data is not None, got.diagnostics
    for i, t in enumerate(texts):
        assert got.data[f"k{i}"] == clean(t)
        assert safe_files.SUSPECT.search(got.data[f"k{i}"]) is None


# --------------------------------------------------------------------------- loading never crashes

TOML_ATOMS = st.sampled_from(["1", "'s'", '"t"', "true", "[]", "{}", "1.5", "[1, 2]", "{a = 1}",
                              '"\\u001b[2J"', "'[/]'", '"\\u202e"'])


@st.composite
def nested_value(draw, depth=0):
    """A TOML value, sometimes nested far past the limit (arrays and inline tables)."""
    if depth > 3 or draw(st.booleans()):
        n = draw(st.integers(0, 120))
        kind = draw(st.sampled_from(["[", "{a = "]))
        close = "]" if kind == "[" else "}"
        return kind * n + draw(TOML_ATOMS) + close * n
    return "[" + ", ".join(draw(st.lists(nested_value(depth=depth + 1), max_size=3))) + "]"


@st.composite
def toml_documents(draw):
    lines = []
    for _ in range(draw(st.integers(0, 6))):
        key = ".".join(draw(st.lists(st.sampled_from(["a", "b", "id", "text", '"q"']), min_size=1,
                                     max_size=draw(st.sampled_from([3, 60])))))
        form = draw(st.sampled_from(["kv", "table", "aot"]))
        if form == "kv":
            lines.append(f"{key} = {draw(nested_value())}")
        else:
            lines.append(f"[{key}]" if form == "table" else f"[[{key}]]")
    junk = draw(st.text(alphabet=string.printable + "\x00\x1b\u202e", max_size=20))
    return "\n".join(lines) + ("\n" + junk if draw(st.booleans()) else "")


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])
@given(doc=toml_documents(), bom=st.booleans())
def test_reading_any_toml_never_raises(tmp_path, doc, bom):
    p = tmp_path / "any.toml"
    p.write_bytes((b"\xef\xbb\xbf" if bom else b"") + doc.encode("utf-8", "surrogatepass"))
    got = read_toml(p)
    assert got.data is not None or got.problem is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                     HealthCheck.too_slow])
@given(doc=toml_documents(), kind=st.sampled_from(["scenario", "rulebook", "catalogue"]))
def test_the_loader_raises_only_load_errors(tmp_path, mini_lexicon, doc, kind):
    p = tmp_path / f"{kind}.toml"
    base = {"scenario": MINI / "mini.toml", "rulebook": MINI / "rulebooks" / "strict.toml",
            "catalogue": MINI / "catalogue.toml"}[kind].read_text()
    p.write_text(base + "\n" + doc if doc.startswith("[") else doc + "\n" + base)
    try:
        if kind == "scenario":
            load_scenario(p, mini_lexicon)
        elif kind == "rulebook":
            load_rulebook(p, mini_lexicon)
        else:
            load_catalogue(p)
    except LoadError as exc:
        assert exc.diagnostics


# --------------------------------------------------------------------------- listings and screens


def test_a_broken_file_is_listed_with_its_problem_and_hides_nothing(tmp_path):
    root = content_root(tmp_path)
    (root / "deep.toml").write_text("[scenario]\nid = 'deep'\nx = " + "[" * 500 + "]" * 500 + "\n")
    (root / "rulebooks" / "broken.toml").write_text("[rulebook]\nid = 'x'\ntitle = \n")
    good = [e.id for e in scenarios(root)]
    assert good == [e.id for e in scenarios(SHIPPED)] and "deep" not in good
    listed = {e.path.name: e for e in scenarios(root, broken=True)}
    assert listed["deep.toml"].problem.startswith(f"{root / 'deep.toml'}:3:")
    assert "E053" in listed["deep.toml"].problem
    rb = {e.path.name: e for e in rulebooks(root, broken=True)}
    assert "E001" in rb["broken.toml"].problem and rb["points_city.toml"].id == "points_city"


def test_a_link_out_of_the_content_folder_is_not_followed(tmp_path):
    root = content_root(tmp_path)
    outside = tmp_path / "elsewhere"
    shutil.copytree(root / "eastgate", outside)
    (root / "linked").symlink_to(outside)
    listed = {e.path.name: e for e in scenarios(root, broken=True)}
    assert listed["linked"].id == "" and "outside the content folder" in listed["linked"].problem


def test_citizen_list_shows_broken_files_and_never_a_traceback(tmp_path, monkeypatch, capsys):
    root = content_root(tmp_path)
    (root / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    monkeypatch.setenv("CITIZEN_CONTENT", str(root))
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "eastgate" in out and "✗ deep.toml" in out and "E053" in out


async def test_the_title_screen_starts_with_a_broken_file_and_lists_it(tmp_path, monkeypatch):
    from textual.widgets import OptionList, Static

    from game.tui.app import CitizenApp

    root = content_root(tmp_path)
    (root / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (root / "rulebooks" / "deep.toml").write_text("x = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n")
    monkeypatch.setenv("CITIZEN_CONTENT", str(root))
    app = CitizenApp(saves=tmp_path / "saves")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "TitleScreen"
        prompts = [str(o.prompt) for o in app.screen.query_one("#scenarios", OptionList)._options]
        assert prompts[0] == "Eastgate: Ten Weeks on Kestrel Road" and prompts[-1] == "✗ deep.toml"
        message = str(app.screen.query_one("#message", Static).render())
        assert "2 content files cannot be used" in message and "E053" in message
        await pilot.press("s")  # the usable life still starts
        await pilot.pause()
        assert type(app.screen).__name__ == "PlayScreen"


def test_a_name_too_long_is_not_found_rather_than_a_crash(capsys):
    with pytest.raises(Exception) as got:
        resolve("scenario", "x" * 300)
    assert type(got.value).__name__ == "NotFound" and "…" in str(got.value)
    assert main(["check", "x" * 300, str(BROKEN / "ok_base.toml")]) == 1  # the other path is still checked
    out = capsys.readouterr().out
    assert "E005" in out and "1 scenario(s)" in out


def test_a_catalogue_linked_from_outside_the_scenario_folder_is_not_read(tmp_path):
    from game.authoring.check import check_paths

    folder = tmp_path / "sc"
    folder.mkdir()
    shutil.copy(BROKEN / "ok_base.toml", folder / "scenario.toml")
    secret = tmp_path / "secret.toml"
    secret.write_text('api_key = "hunter2-secret"\n')
    (folder / "catalogue.toml").symlink_to(secret)
    result = check_paths([folder])
    assert "E051" in [d.code for d in result.diagnostics]
    assert not any("hunter2" in str(d) or "api_key" in str(d) for d in result.diagnostics)
