"""What a playtest's lives say about a scenario as a campaign: is it worth a second life?

Three figures beside the playtest's own: how varied the openings are (``variety``), whether
the same decisions can be lived to the end under each other shipped city (``other_cities``),
and which rows of THEMES.md the lives reached, read from the run report's measures (each
measure belongs to one row). All are computed from the runs' seeds and decisions alone.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Iterable

from .defaults import THEMES_SAMPLE
from ..engine.outcome import Decision
from ..engine.relive import relive
from ..scenario.content import Rulebook, Scenario

#: How many opening events make an opening, and how many runs are relived elsewhere.
OPENING_TURNS = 5
SAMPLE = THEMES_SAMPLE


def variety(results: Iterable[Any], opening_turns: int = OPENING_TURNS) -> dict[str, Any]:
    """How many different sequences of the first ``opening_turns`` events the lives met, and
    the share of the most common one (over lives that did not crash)."""
    openings = Counter(tuple(ev for _, ev, _ in r.decisions[:opening_turns])
                       for r in results if r.problem is None)
    total = sum(openings.values())
    top = openings.most_common(1)[0][1] if openings else 0
    return {"opening_turns": opening_turns, "distinct_openings": len(openings),
            "most_common_opening_share": round(top / total, 4) if total else 0.0}


def _decisions(r: Any) -> list[Decision]:
    return [Decision(turn, ev, ch) for turn, ev, ch in r.decisions]


def sample_runs(results: list[Any], size: int = SAMPLE) -> list[Any]:
    """The first ``size`` sound runs: a playtest deals its runs to the strategies in turn, so
    every strategy is in, each on the same worlds."""
    return [r for r in results if r.problem is None][:size]


def other_cities(scenario: Scenario, others: dict[str, Rulebook], runs: list[Any]) -> dict[str, Any]:
    """For each other city, the share of ``runs`` whose decisions can all be made again there
    (same seed): a full life, one that does not part from the one played. A run that carries
    its verdicts already (``full_lives``, worked out by the worker that played it, see
    :func:`full_lives`) is not lived again."""
    out: dict[str, Any] = {}
    verdicts = [getattr(r, "full_lives", None) or {} for r in runs]
    for rid in sorted(others):
        full = sum(1 for r, known in zip(runs, verdicts)
                   if (known[rid] if rid in known else _full_life(scenario, others[rid], r)))
        out[rid] = {"full_life_share": round(full / len(runs), 4) if runs else 0.0, "runs": len(runs)}
    return out


def full_lives(scenario: Scenario, others: dict[str, Rulebook], run: Any) -> dict[str, bool]:
    """Other city id -> whether ``run``'s decisions make a full life there (what
    :func:`other_cities` counts)."""
    return {rid: _full_life(scenario, rb, run) for rid, rb in others.items()}


def _full_life(scenario: Scenario, rulebook: Rulebook, run: Any) -> bool:
    return relive(scenario, rulebook, run.seed, _decisions(run), checksums=False, words=False).complete


def themes(scenario: Scenario, rulebook: Rulebook, runs: list[Any],
           others: dict[str, Rulebook] | None = None) -> dict[str, Any]:
    """Which of the thirteen arguments (THEMES rows) the runs reached: a row is reached in a life when any of its
    measures in the run report is not zero."""
    from ..engine.game import play
    from ..report.run import MEASURES, ReportError, build_report

    rows: dict[int, Counter] = {row: Counter() for row, _ in MEASURES.values()}
    reached: Counter = Counter()
    done = 0
    for r in runs:
        decisions = _decisions(r)
        game, _ = play(scenario, rulebook, r.seed, [d.choice for d in decisions])
        try:
            rep = build_report(game, decisions, others or {})
        except ReportError:
            continue
        done += 1
        hit: set[int] = set()
        for mid, m in rep.measures.items():
            if m.value:
                rows[m.row][mid] += 1
                hit.add(m.row)
        reached.update(hit)
    return {
        "runs": done,
        "rows": {str(row): {"runs": reached[row], "share": round(reached[row] / done, 4) if done else 0.0,
                            "measures": dict(sorted(rows[row].items()))}
                 for row in sorted(rows)},
        "unreached": [row for row in sorted(rows) if not reached[row]],
    }


def summary(scenario: Scenario, rulebook: Rulebook, results: list[Any],
            others: dict[str, Rulebook] | None = None, sample: int = SAMPLE,
            with_themes: bool = False) -> dict[str, Any]:
    """The playtest report's campaign keys: ``variety`` and ``other_cities``, and ``themes``
    when asked (it builds a run report per sampled life: about 60 ms each).

    ``others`` default to every other shipped rulebook that loads with the scenario's catalogue."""
    if others is None:
        others = shipped_others(scenario, rulebook)
    runs = sample_runs(results, sample)
    out: dict[str, Any] = {"variety": variety(results), "other_cities": other_cities(scenario, others, runs)}
    if with_themes:
        out["themes"] = themes(scenario, rulebook, runs, others)
    return out


def shipped_others(scenario: Scenario, own: Rulebook) -> dict[str, Rulebook]:
    """The other shipped cities, as the run report compares against them
    (:func:`game.scenario.library.other_rulebooks`, read from the library rather than through
    the report, whose import, ~0.09 s, a playtest would pay before its workers start)."""
    from ..scenario.library import other_rulebooks

    return other_rulebooks(scenario, own)
