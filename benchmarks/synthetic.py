"""A generated scenario of any size, for measuring what a turn and ``citizen check`` cost as a
scenario grows.

    python benchmarks/synthetic.py --events 5000 --out /tmp/synth   # writes the files, prints the path

The same generator at 20, 5,000 and 20,000 events gives scenarios of one shape:

* 60% of the events are *threads* of four steps: a thread starts when some choice sets its
  flag (``flags.s12``), each step needs the one before (``flags.t12_1``), steps are once
  and of priority 1, so a started thread takes precedence;
* 30% are *windowed* (each starts a thread by its first two choices): a window of one to six turns somewhere in the year, priority 0, once
  (a fifth repeatable with a cooldown), with a condition on money, virtues, records, a closed
  service, the turn, a listing or an event seen, or none;
* the rest are *fillers*: the whole year, priority -1, repeatable with a cooldown.

Choices perform behaviours of the shipped catalogue (copied beside the scenario, so the
shipped rulebooks load against it), spend and earn money, move virtues, need services, start
threads and now and then queue a follow-up with ``then``. Contacts are left out, so the
generator does not depend on how a contact's standing is written. Seeded: the same size
gives the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tomllib
from pathlib import Path

TURNS = 52
ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "scenarios" / "catalogue.toml"


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _list(items) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def generate(events: int, turns: int = TURNS, seed: int = 0) -> str:
    """The TOML text of a one-file scenario with ``events`` events."""
    rng = random.Random(f"synthetic:{events}:{turns}:{seed}")
    cat = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))
    behaviours = [b["id"] for b in cat.get("behaviour", [])]
    services = [s["id"] for s in cat.get("service", []) if not s.get("by_privilege")]
    n_thread = max(4, (int(events * 0.6) // 4) * 4)
    n_window = max(1, int(events * 0.3))
    n_filler = max(1, events - n_thread - n_window)
    n_window = events - n_thread - n_filler
    threads = n_thread // 4
    out: list[str] = [
        "[scenario]", f'id = "synthetic_{events}"', f'title = "A generated life ({events} events)"', "",
        "[calendar]", f"turns = {turns}", 'unit = "week"', "",
        "[citizen]", 'name = "Sam Bench"', "money = 800", "flags = [\"s0\"]",
        "resources = { time = 10 }", "virtues = { care = 5, honesty = 5 }", "",
    ]
    ids: list[str] = []

    def choice(cid: str, sets: str | None = None, follow: str | None = None) -> list[str]:
        lines = ["[[event.choice]]", f'id = "{cid}"', f'text = "Do {cid}"']
        if rng.random() < 0.5:
            lines.append(f"behaviours = {_list(rng.sample(behaviours, rng.randint(1, 2)))}")
        if rng.random() < 0.15 and services:
            lines.append(f"needs = {_list([rng.choice(services)])}")
        if rng.random() < 0.15:
            lines.append(f'enable_if = "money >= {rng.randint(1, 12) * 50}"')
            lines.append('locked_reason = "Not enough money."')
        eff = []
        money = rng.choice([0, 0, -20, -50, 30, 60])
        if money:
            eff.append(f"money = {money}")
        v = rng.choice(["care", "honesty"])
        eff.append(f"virtues = {{ {v} = {rng.choice([-1, 1])} }}")
        flags = [sets] if sets else []
        if flags:
            eff.append(f"set = {_list(flags)}")
        lines.append("effects = { " + ", ".join(eff) + " }")
        if follow:
            lines.append(f'then = "{follow}"')
        lines.append(f'outcome = "You did {cid}."')
        return lines

    def event(eid: str, *, when: str | None, first: int = 1, last: int | None = None, priority: int = 0,
              once: bool = True, cooldown: int = 0, sets: str | None = None, follow: str | None = None) -> None:
        ids.append(eid)
        out.extend(["[[event]]", f'id = "{eid}"', f'title = "Event {eid}"', f'text = "Something happens: {eid}."'])
        if when:
            out.append(f"when = {_q(when)}")
        if first > 1:
            out.append(f"first_turn = {first}")
        if last is not None:
            out.append(f"last_turn = {last}")
        if priority:
            out.append(f"priority = {priority}")
        if not once:
            out.append("once = false")
        if cooldown:
            out.append(f"cooldown = {cooldown}")
        out.append(f"weight = {rng.choice([1, 1, 2, 0.5])}")
        out.append("")
        for k in range(rng.randint(2, 4)):
            # a thread goes on (or a windowed event starts one) by the first two choices
            out.extend(choice(f"c{k}", sets=sets if k < 2 else None, follow=follow if k == 0 else None))
            out.append("")

    for k in range(threads):
        for step in range(4):
            need = f"flags.s{k}" if step == 0 else f"flags.t{k}_{step}"
            if rng.random() < 0.3:
                need += rng.choice([" and money > 100", " and virtues.care >= 3", " and not listed"])
            nxt = f"t{k}_{step + 1}" if step < 3 else None
            follow = f"thread_{k}_{step + 1}" if (nxt and rng.random() < 0.2) else None
            event(f"thread_{k}_{step}", when=need, priority=1, sets=nxt, follow=follow)
    conditions = [
        None, None, None, "money >= {m}", "virtues.care >= {v}", "virtues.honesty < {v}",
        "'{svc}' not in closed", "records.{b} == 0", "turn % 3 == {r}", "not listed",
        "'{seen}' in seen", "sanctions == 0 or money > {m}",
    ]
    for k in range(n_window):
        first = rng.randint(1, turns)
        last = min(turns, first + rng.randint(0, 5))
        tpl = rng.choice(conditions)
        when = None if tpl is None else tpl.format(
            m=rng.randint(1, 20) * 50, v=rng.randint(2, 8), svc=rng.choice(services), b=rng.choice(behaviours),
            r=rng.randrange(3), seen=rng.choice(ids) if ids else "thread_0_0")
        repeat = rng.random() < 0.2
        event(f"window_{k}", when=when, first=first, last=last, once=not repeat,
              cooldown=rng.randint(1, 4) if repeat else 0, sets=f"s{k % threads}")
    for k in range(n_filler):
        event(f"filler_{k}", when=None if rng.random() < 0.7 else f"money >= {rng.randint(0, 10) * 50}",
              priority=-1, once=False, cooldown=rng.randint(2, 5))
    out += [
        "[[ending]]", 'id = "kind"', 'title = "Kind"', 'text = "You were kind."', 'when = "virtues.care >= 12"',
        "priority = 2", "",
        "[[ending]]", 'id = "honest"', 'title = "Honest"', 'text = "You were honest."',
        'when = "virtues.honesty >= 12"', "priority = 1", "",
        "[[ending]]", 'id = "listed"', 'title = "Listed"', 'text = "You ended on a list."', 'when = "listed"',
        "priority = 3", "",
        "[[ending]]", 'id = "plain"', 'title = "Plain"', 'text = "The year ends."', "",
    ]
    return "\n".join(out)


def write(folder: Path, events: int, turns: int = TURNS, seed: int = 0) -> Path:
    """Write ``synthetic_EVENTS.toml`` and a copy of the shipped catalogue into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(CATALOGUE, folder / "catalogue.toml")
    path = folder / f"synthetic_{events}.toml"
    path.write_text(generate(events, turns, seed), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=5000)
    ap.add_argument("--turns", type=int, default=TURNS)
    ap.add_argument("--out", type=Path, required=True, help="folder to write into")
    args = ap.parse_args()
    print(write(args.out, args.events, args.turns))


if __name__ == "__main__":
    main()
