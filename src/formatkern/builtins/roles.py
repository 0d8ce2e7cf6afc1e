"""Role templates every format can take over with `[[roles]] use = "id"`.

Roles that many methods share, with their titles and tasks written once.
"""

from __future__ import annotations

from collections.abc import Callable

from formatkern.extensions import RoleTemplate
from formatkern.hookspecs import hookimpl
from formatkern.model import Count, Role, Text

TEMPLATES = (
    Role(
        id="moderation",
        title=Text("Moderation", "Facilitator"),
        task=Text(
            "Führt durch die Phasen, achtet auf die Zeit und darauf, dass alle zu Wort kommen.",
            "Leads through the phases, keeps time and sees that everyone gets a say.",
        ),
    ),
    Role(
        id="zeitwaechter",
        title=Text("Zeitwächter:in", "Timekeeper"),
        task=Text(
            "Sagt an, wenn die Hälfte der Zeit um ist und wenn noch zwei Minuten bleiben.",
            "Calls out when half the time is gone and when two minutes are left.",
        ),
    ),
    Role(
        id="protokoll",
        title=Text("Protokoll", "Scribe"),
        task=Text(
            "Schreibt Ergebnisse und Vereinbarungen mit, in Stichworten.",
            "Notes results and agreements in keywords.",
        ),
    ),
    Role(
        id="beobachtung",
        title=Text("Beobachter:in", "Observer"),
        task=Text(
            "Schaut zu, ohne mitzumachen, und gibt auf Wunsch am Ende Rückmeldung zum Ablauf.",
            "Watches without taking part and, if asked, gives feedback on the process at the end.",
        ),
        count=Count(0, 0, None),
        voluntary=True,
    ),
)


@hookimpl
def register_roles(register: Callable[[RoleTemplate], None]) -> None:
    for role in TEMPLATES:
        register(role)
