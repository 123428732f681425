"""Loading content: positions, codes and did-you-means for every kind of mistake."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.scenario.diagnostics import LoadError
from game.scenario.loader import Reporter, load_catalogue, load_rulebook, load_scenario
from game.scenario.locate import Locator

MINI = Path(__file__).parent / "fixtures" / "mini"

GOOD = (MINI / "mini.toml").read_text()


def load_text(tmp_path: Path, text: str, lexicon):
    p = tmp_path / "s.toml"
    p.write_text(text)
    rep = Reporter()
    try:
        load_scenario(p, lexicon, rep)
    except LoadError:
        pass
    return rep.items


def line_of(text: str, needle: str) -> int:
    return next(i + 1 for i, line in enumerate(text.splitlines()) if needle in line)


def test_shipped_fixture_loads_clean(mini_scenario):
    assert set(mini_scenario.events) == {"rent", "mother", "app", "quiet"}
    assert mini_scenario.content_hash


def test_syntax_error_has_line_and_column(tmp_path, mini_lexicon):
    text = GOOD.replace('title = "Rent day"', 'title = "Rent day')
    [d] = load_text(tmp_path, text, mini_lexicon)
    assert d.code == "E001"
    assert d.line == line_of(GOOD, 'title = "Rent day"')


def test_unknown_key_points_at_the_key_with_a_suggestion(tmp_path, mini_lexicon):
    text = GOOD.replace('text = "Pay the rent"', 'txt = "Pay the rent"')
    diags = load_text(tmp_path, text, mini_lexicon)
    d = next(d for d in diags if d.code == "E002")
    assert d.line == line_of(text, 'txt = "Pay the rent"')
    assert d.col == 1
    assert d.path == "event[0].choice[0].txt"
    assert d.message == "unknown key 'txt' (did you mean 'text'? It is required, and missing here.)"
    # the missing 'text' follows from the misspelling: it is said once, not twice
    assert [x.code for x in diags] == ["E002"]


def test_a_missing_key_with_no_misspelling_nearby_is_its_own_error(tmp_path, mini_lexicon):
    text = GOOD.replace('text = "Pay the rent"', 'outcome = "Paid."')
    assert [x.code for x in load_text(tmp_path, text, mini_lexicon)] == ["E003"]


def test_wrong_type_names_the_path(tmp_path, mini_lexicon):
    text = GOOD.replace("turns = 4", 'turns = "four"')
    [d] = load_text(tmp_path, text, mini_lexicon)
    assert (d.code, d.path, d.line) == ("E004", "calendar.turns", line_of(text, 'turns = "four"'))


def test_unknown_behaviour_in_array_points_at_the_item(tmp_path, mini_lexicon):
    text = GOOD.replace('behaviours = ["pay_rent"]', 'behaviours = ["pay_rnt"]')
    [d] = load_text(tmp_path, text, mini_lexicon)
    assert d.code == "E011"
    assert d.col == text.splitlines()[d.line - 1].index('"pay_rnt"') + 1
    assert "did you mean 'pay_rent'" in d.message


@pytest.mark.parametrize("old, new, code, hint", [
    ('needs = ["railway"]', 'needs = ["railwy"]', "E012", "railway"),
    ('drop_contacts = ["ana"]', 'drop_contacts = ["anna"]', "E014", "ana"),
    ("virtues = { care = 2 }", "virtues = { kare = 2 }", "E015", "care"),
    ('id = "quiet"', 'id = "rent"', "E010", None),
])
def test_cross_references(tmp_path, mini_lexicon, old, new, code, hint):
    diags = load_text(tmp_path, GOOD.replace(old, new, 1), mini_lexicon)
    assert [d.code for d in diags] == [code]
    if hint:
        assert f"did you mean '{hint}'" in diags[0].message


def test_condition_error_points_inside_the_string(tmp_path, mini_lexicon):
    text = GOOD.replace('when = "listed"', 'when = "listed and virtues.car > 1"')
    [d] = load_text(tmp_path, text, mini_lexicon)
    assert d.code == "E021"
    line = text.splitlines()[d.line - 1]
    assert line[d.col - 1:].startswith("virtues.car")
    assert "did you mean 'virtues.care'" in d.message


def test_reading_a_flag_never_set_is_an_error(tmp_path, mini_lexicon):
    text = GOOD.replace('show_if = "flags.defaulted"', 'show_if = "flags.defaultd"')
    [d] = load_text(tmp_path, text, mini_lexicon)
    assert d.code == "E021" and "flags.defaulted" in d.message


def test_scenario_folder_merges_files_and_ids_are_unique_across_it(tmp_path, mini_lexicon):
    folder = tmp_path / "split"
    (folder / "events").mkdir(parents=True)
    head, _, rest = GOOD.partition("[[event]]")
    (folder / "scenario.toml").write_text(head + "\n[[ending]]\nid = \"end\"\ntitle = \"E\"\ntext = \"x\"\n")
    events = "[[event]]" + rest.split("[[ending]]")[0]
    (folder / "events" / "a.toml").write_text(events)
    sc = load_scenario(folder, mini_lexicon)
    assert set(sc.events) == {"rent", "mother", "app", "quiet"}
    (folder / "events" / "b.toml").write_text(events.split("[[event]]")[1].join(["[[event]]", ""]))
    rep = Reporter()
    with pytest.raises(LoadError):
        load_scenario(folder, mini_lexicon, rep)
    dup = [d for d in rep.items if d.code == "E010"]
    assert dup and dup[0].file.endswith("b.toml") and "a.toml" in dup[0].message


def test_rulebook_unknown_behaviour_and_tier(tmp_path, mini_lexicon):
    text = (MINI / "rulebooks" / "strict.toml").read_text()
    text = text.replace('behaviour = "visit_parent"', 'behaviour = "visit_parnt"').replace('tiers = ["C"]', 'tiers = ["Z"]')
    p = tmp_path / "r.toml"
    p.write_text(text)
    rep = Reporter()
    with pytest.raises(LoadError):
        load_rulebook(p, mini_lexicon, rep)
    codes = {d.code: d for d in rep.items}
    assert "did you mean 'visit_parent'" in codes["E030"].message
    assert codes["E030"].line == line_of(text, "visit_parnt")
    assert codes["E031"].path == "sanction[0].tiers[0]"


def test_tiers_must_descend(tmp_path, mini_lexicon):
    text = (MINI / "rulebooks" / "strict.toml").read_text().replace("min = 960", "min = 1100")
    p = tmp_path / "r.toml"
    p.write_text(text)
    rep = Reporter()
    with pytest.raises(LoadError):
        load_rulebook(p, mini_lexicon, rep)
    assert [d.code for d in rep.items] == ["E032"]


def test_catalogue_duplicate(tmp_path):
    p = tmp_path / "catalogue.toml"
    p.write_text((MINI / "catalogue.toml").read_text() + '\n[[service]]\nid = "railway"\nname = "x"\ninstitution = "y"\ndomain = "z"\n')
    with pytest.raises(LoadError) as info:
        load_catalogue(p)
    assert info.value.diagnostics[0].code == "E010"


def test_locator_handles_inline_tables_multiline_strings_and_arrays():
    src = 'a = 1\ntext = """\n[[not]]\nb = 2\n"""\n[[event]]\nid = "x"\neffects = { money = -3, virtues = { care = 1 } }\nlist = [\n  "p",\n  "q",\n]\n[[event]]\nid = "y"\n[[event.choice]]\nid = "c"\n'
    loc = Locator(src)
    assert loc.find(("event", 0, "effects", "money")) == (8, 13)
    assert loc.find(("event", 0, "list", 1)) == (11, 3)
    assert loc.find(("event", 1, "choice", 0, "id")) == (16, 1)
    assert ("not",) not in loc.positions
