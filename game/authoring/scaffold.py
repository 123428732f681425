"""``citizen new NAME``: a small working scenario folder whose comments teach the format.

The scaffold passes ``citizen check`` with no warning and ``citizen playtest`` with no problem
as created (a test holds it to that). It uses behaviours and services of the shipped
catalogue, so it plays under every shipped rulebook.
"""

from __future__ import annotations

import json
import os
import shlex
import re
from pathlib import Path

from .schema import schemas_dir

SCENARIO_TOML = '''{schema}# {title_comment}: a scenario folder made by `citizen new`.
#
# A scenario is this file (scenario.toml: [scenario], [calendar] and [citizen], once each)
# plus any other .toml files in the folder (events/*.toml here). Ids must be unique across
# the whole folder. Check it with `citizen check {folder}`, play it headless with
# `citizen playtest {folder}`, and play it with `citizen play {folder} --dev`, which reloads
# it each time you save a file. docs/AUTHORING.md has the full reference.

[scenario]
id = "{id}"                      # stable id: saves refer to it; lowercase, digits, _
title = {title}
version = "0.1"
author = ""
summary = "Six weeks, a rent to pay and a mother who calls on Sundays."

[calendar]
turns = 6                        # how many turns the life lasts
unit = "week"                    # what one turn is called

[citizen]
name = "Alex Marren"
background = """\\
You sort parcels at the depot on Ferris Street. Your rent is due on the first of the \\
month, and your mother lives two hours away by train.\\
"""
money = 600                      # starting money; choices with effects.money < 0 cost money
flags = []                       # flags that start set; conditions read them as flags.NAME

# Counted resources and hidden virtues, with their starting values. Conditions read them as
# resources.NAME and virtues.NAME; effects change them. The system never sees virtues: the
# player sees them at the end, beside the score.
[citizen.resources]
time = 3

[citizen.virtues]
care = 0
honesty = 0

# People the system may score you by. Conditions test them with 'sam' in contacts.
[[citizen.contacts]]
id = "sam"
name = "Sam"
relation = "a friend from school"
standing = 20                    # where Sam stands among the city's tiers, 0 (worst) to 100 (best)
'''

EVENTS_TOML = '''{schema}# Events are storylets: each turn the game draws one eligible event. An event is eligible
# between first_turn and last_turn when its `when` condition holds. Higher priority is drawn
# first; among equals, weight decides. once = true (the default) means at most once a life.

[[event]]
id = "rent_day"
title = "Rent day"
text = """\\
The landlord's envelope is on the mat again, your name spelt wrong as always. The rent is \\
three hundred. Your pay came two days late this month, and the bank charges for everything.\\
"""
first_turn = 1
last_turn = 1
priority = 10                    # drawn before anything else in turn 1

[[event.choice]]
id = "pay_now"
text = "Pay it today"
behaviours = ["pay_bill_on_time"]   # what the system sees: catalogue ids, judged by the rulebook
effects = {{ money = -300 }}

[[event.choice]]
id = "pay_late"
text = "Pay next week"
behaviours = ["late_payment"]
# The circumstance behind a behaviour. Some rulebooks weigh it; others record the act without it.
context = {{ late_payment = "Your employer paid your wages two days late." }}
effects = {{ money = -300, virtues = {{ honesty = 1 }} }}
outcome = "You write to the landlord and explain. He does not answer."

[[event]]
id = "mother_calls"
title = "Sunday call"
text = """\\
Your mother calls on Sunday. She has had a fall, nothing broken, she says, twice. The fast \\
train would get you there by lunch.\\
"""
first_turn = 2
priority = 5

[[event.choice]]
id = "take_train"
text = "Take the train"
needs = ["railway"]              # a service: a sanction may close it, and the choice is locked
behaviours = ["visit_parent"]
effects = {{ money = -80, virtues = {{ care = 2 }}, set = ["visited_mother"] }}
then = "mother_thanks"           # bring this event up next turn, if its conditions hold then

[[event.choice]]
id = "call_back"
text = "Call her every evening"
enable_if = "resources.time >= 1"    # shown, but locked unless this holds
locked_reason = "You have no evenings left this week."
effects = {{ resources = {{ time = -1 }}, virtues = {{ care = 1 }} }}

[[event.choice]]
id = "extra_shift"
text = "Take the extra shift"
effects = {{ money = 90 }}

[[event]]
id = "mother_thanks"
title = "A parcel from Harrowfield"
text = "A parcel arrives: a jar of plum jam and a note in your mother's square hand."
when = "flags.visited_mother"    # only after the visit
first_turn = 3

[[event.choice]]
id = "write_back"
text = "Write back the same night"
effects = {{ virtues = {{ care = 1 }} }}

[[event.choice]]
id = "put_it_away"
text = "Put the note in a drawer"

[[event]]
id = "sam_asks"
title = "Sam needs a favour"
text = """\\
Sam is behind on a court fine and asks to borrow eighty until the end of the month. The \\
app on your phone shows Sam's score in amber.\\
"""
first_turn = 2

[[event.choice]]
id = "lend"
text = "Lend the money"
show_if = "'sam' in contacts"    # listed only while you keep Sam as a contact
effects = {{ money = -80, virtues = {{ care = 1 }} }}

[[event.choice]]
id = "refuse"
text = "Say you can't"
effects = {{ virtues = {{ honesty = -1 }} }}

[[event.choice]]
id = "drop_sam"
text = "Stop answering Sam"
show_if = "'sam' in contacts"
effects = {{ drop_contacts = ["sam"] }}

[[event]]
id = "quiet_week"
title = "A quiet week"
text = "Parcels, the night bus, the launderette on Thursday. Nothing much happens."
once = false                     # a repeatable filler, so no turn is ever empty
weight = 0.5

[[event.choice]]
id = "rest"
text = "Rest"
effects = {{ resources = {{ time = 1 }} }}

[[event.choice]]
id = "buy_game"
text = "Buy the new game everyone is playing"
behaviours = ["buy_video_game"]
effects = {{ money = -40 }}

[[event.choice]]
id = "volunteer"
text = "Help at the food bank"
behaviours = ["volunteer_registered"]
effects = {{ resources = {{ time = -1 }}, virtues = {{ care = 1 }} }}
enable_if = "resources.time >= 1"
locked_reason = "You are too tired this week."
'''

ENDINGS_TOML = '''{schema}# Endings: when the calendar runs out, the ending with the highest priority whose `when`
# holds is shown. Keep one ending without `when` as the fallback. An ending with
# immediate = true ends the life as soon as its condition holds.

[[ending]]
id = "close_to_mother"
title = "Plum jam"
text = "In the autumn you take the train again. Nobody at the depot asks about your score."
when = "flags.visited_mother and virtues.care >= 3"
priority = 2

# records.BEHAVIOUR counts what the rulebook recorded. Under a rulebook that never scores a
# late payment nothing is recorded, so this ending cannot happen there (playtest says so).
[[ending]]
id = "on_record"
title = "A line in a file"
text = "The late rent is still in your record, filed without the reason you gave."
when = "records.late_payment > 0"
priority = 1

[[ending]]
id = "another_month"
title = "Another month"
text = "The envelope comes again on the first. You pay it, and the weeks go on."
'''


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, quotes, backslashes and control characters escaped
    (JSON's escapes are all TOML escapes too)."""
    return json.dumps(text, ensure_ascii=False)


def comment_text(text: str) -> str:
    """``text`` safe inside a TOML comment: no line break, no control character."""
    return "".join(c if c.isprintable() else " " for c in text)


def scenario_id(name: str) -> str:
    """A valid id from a name: lowercase, letters, digits and _ (starting with a letter)."""
    sid = re.sub(r"[^a-z0-9_]+", "_", name.strip().lower()).strip("_")
    if not sid or not sid[0].isalpha():
        sid = "s_" + sid
    return sid


def _schema_line(target: Path, kind_file: str) -> str:
    folder = schemas_dir()
    if not (folder / kind_file).is_file():
        return ""
    rel = os.path.relpath(folder / kind_file, target.parent.resolve())
    return f"#:schema {Path(rel).as_posix()}\n"


def create(name: str, where: Path | str = ".", force: bool = False) -> Path:
    """Write the scaffold to ``where/NAME`` and return the folder."""
    folder = Path(where) / Path(name).name
    if folder.exists() and any(folder.iterdir()) and not force:
        raise FileExistsError(f"{folder} already exists and is not empty")
    sid = scenario_id(Path(name).name)
    words = Path(name).name.replace("_", " ").replace("-", " ").split()
    title = " ".join(w[:1].upper() + w[1:] for w in words) or sid
    files = {
        folder / "scenario.toml": SCENARIO_TOML,
        folder / "events" / "weeks.toml": EVENTS_TOML,
        folder / "endings.toml": ENDINGS_TOML,
    }
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        schema = _schema_line(path.resolve(), "scenario.schema.json")
        path.write_text(template.format(schema=schema, id=sid, title=toml_string(title), title_comment=comment_text(title),
                                        folder=comment_text(shlex.quote(folder.as_posix()))), encoding="utf-8")
    return folder
