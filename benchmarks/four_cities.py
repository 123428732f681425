"""Prints the final score, tier and ending that one fixed list of Eastgate decisions reaches
under each shipped rulebook: the same life, four verdicts.

    python benchmarks/four_cities.py

Not a speed figure: a measurement of how much of the verdict is the city's. The decisions
were drawn once (`play_one` of seed 0 with the random strategy under points_city, against
Eastgate as it stood in December 2026) and are fixed here; where a recorded choice is locked
or another event comes up, the lives part and the script says so (then draw them again).
"""

from __future__ import annotations

from game.engine.relive import relive
from game.engine.outcome import Decision
from game.report.replay import parting_words
from game.scenario.library import open_rulebook, open_scenario, rulebooks

SEED = 0
LIFE = [  # (week, event, choice)
    (1, "the_letter", "tomas_sets_up"), (2, "misrouted_container", "own_it"), (3, "petition", "leave_it"),
    (4, "mother_fall", "home_help"), (5, "jonas_at_the_door", "lend"), (6, "school_form", "district_school"),
    (7, "parents_evening", "meet_parents"), (8, "lost_wallet", "keep_the_notes"),
    (9, "report_neighbour", "warn_them"), (10, "overpaid", "tell_dana"),
]


def main() -> None:
    scenario = open_scenario("eastgate")
    decisions = [Decision(t, e, c) for t, e, c in LIFE]
    print(f"One life of '{scenario.title}' (seed {SEED}), {len(LIFE)} decisions, under each rulebook:")
    for entry in rulebooks():
        rb = open_rulebook(entry.id, scenario.lexicon)
        lived = relive(scenario, rb, SEED, decisions)
        s = lived.game.state
        label = next((t.label for t in rb.model.tier if t.id == s.tier), s.tier)
        ending = next((e.model.title for e in scenario.endings if e.id == s.ending), "-")
        how = f"ending: {ending}" if lived.complete else f"parted: {parting_words(lived.parting, scenario, rb)}"
        print(f"  {entry.id:<16} score {s.score:>6}  tier {s.tier} ({label}); {how}")


if __name__ == "__main__":
    main()
