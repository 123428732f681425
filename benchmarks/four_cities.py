"""Prints the final score, tier and ending that one fixed list of Eastgate decisions reaches
under each shipped rulebook: the same life, four verdicts.

    python benchmarks/four_cities.py

Not a speed figure: a measurement of how much of the verdict is the city's. The decisions
were drawn once (`play_one` of seed 0 with the random strategy under points_city, against
Eastgate as it stood in December 2026; drawn again for draw version 3) and are fixed here;
where a recorded choice is locked or another event comes up, the lives part and the script
says so (then draw them again).
"""

from __future__ import annotations

from game.engine.relive import relive
from game.engine.outcome import Decision
from game.report.replay import parting_words
from game.scenario.library import open_rulebook, open_scenario, rulebooks

SEED = 0
LIFE = [  # (week, event, choice)
    (1, "the_letter", "allow"), (2, "blood_drive", "give"), (3, "premium_offer", "deposit"),
    (4, "mother_fall", "regional_bus"), (5, "jonas_at_the_door", "listen"), (6, "school_form", "district_school"),
    (7, "stairwell", "log_then_carry"), (8, "jonas_van", "refuse"), (9, "fitness_band", "strap_on_tomas"),
    (10, "timesheet", "tell_the_manager"),
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
