"""A Saturday morning of Kollegiale Beratung, as the outputs tests tell it.

Six colleagues of a Quartiersmanagement team meet in the Stadtteilbüro Nord on 21 November 2026
at nine. Five cases are named, a dot vote chooses three, and each is consulted in Tietze's six
phases. Ben (case 1) and Fatma (case 3) allow their cases into the protocol at the end; Dora
(case 2) does not. Everything runs on a fake clock and with roles cast by hand, so every export
of it is the same on every machine.
"""

from __future__ import annotations

from collections.abc import Collection

from formatkern.clock import FakeClock
from formatkern.engine import Session
from formatkern.loader import parse_format
from formatkern.participants import People
from formatkern.plan import Settings, make_plan
from formatkern.session_files import format_path

TEAM = ("Anna", "Ben", "Cem", "Dora", "Emil", "Fatma")

PROPOSALS = (
    ("Kita-Übergang", "Ben"),
    ("Nachbarschaftsstreit im Hof", "Dora"),
    ("Ehrenamt ohne Nachwuchs", "Fatma"),
    ("Förderantrag", "Emil"),
    ("Jugendtreff schließt", "Cem"),
)
"""The cases named in the case collection, with who brings each."""

BALLOTS = (
    ("Anna", {"1": 1, "2": 1}),
    ("Ben", {"2": 2}),
    ("Cem", {"1": 1, "3": 1}),
    ("Dora", {"1": 2}),
    ("Emil", {"3": 1, "5": 1}),
    ("Fatma", {"1": 1, "4": 1}),
)
"""Two points each (ceil(5·4 / (2·6)) = 2), stacking allowed, none on one's own case:
Kita-Übergang 5, Nachbarschaftsstreit 3, Ehrenamt 2, Förderantrag 1, Jugendtreff 1."""

SECRET = "Frau K. ist seit März krankgeschrieben"
"""Dora's account in the Spontanerzählung of case 2: it must never leave the session."""

CASTS = {
    1: {"moderator": ["Dora"], "sekretaer": ["Cem"]},
    2: {"moderator": ["Emil"], "sekretaer": ["Anna"]},
    3: {"moderator": ["Anna"], "sekretaer": ["Emil"]},
}

KEY_QUESTIONS = {
    1: "Wie gestalte ich den Übergang von der Kita in die Schule mit den Eltern gemeinsam?",
    2: "Wie bringe ich die Streitparteien an einen Tisch, ohne Partei zu ergreifen?",
    3: "Wie gewinnen wir Jüngere für das Ehrenamt im Nachbarschaftstreff?",
}

MODULES = {1: "hypothesen", 2: "gute-ratschlaege", 3: "erster-kleiner-schritt"}

NOTES = {
    1: "Die Eltern wünschen sich einen festen Ansprechpartner.",
    2: SECRET,
    3: "Der Treff ist nur werktags bis 16 Uhr offen.",
}

IDEAS = {
    1: ("Elterncafé in der Kita vor der Einschulung", "Patenschaften mit Grundschulkindern"),
    2: ("Moderiertes Hofgespräch mit neutraler Person", "Hausverwaltung früh einbinden"),
    3: ("Ehrenamt auf Zeit anbieten", "Jugendliche über die Schule ansprechen"),
}

MINUTES = {
    "casting": 4,
    "spontanerzaehlung": 12,
    "schluesselfrage": 5,
    "methodenwahl": 4,
    "beratung": 10,
    "abschluss": 6,
}
"""How long each phase of a case actually took (the Spontanerzählung always runs over)."""


def beratung(
    clock: FakeClock | None = None, *, consents: Collection[int] = (1, 3), finish: bool = True
) -> Session:
    """The whole session, in memory; `consents` names the cases whose givers agree."""
    clock = clock or FakeClock.local(2026, 11, 21, 9, 0)
    text = format_path("kollegiale-beratung").read_text(encoding="utf-8")
    plan = make_plan(
        parse_format(text), Settings(people=People.of_names(list(TEAM)), start=9 * 3600, cases=3)
    )
    session = Session.create(plan, clock=clock, format_text=text, seed=7)
    session.send({"command": "set_details", "place": "Stadtteilbüro Nord"})
    session.start()

    # Fallsammlung: everyone with a case names it in one sentence.
    for title, owner in PROPOSALS:
        session.send({"command": "propose", "text": title, "owner": owner})
    session.send({"command": "note", "text": "Cem bringt seinen Fall auch beim nächsten Mal ein."})
    clock.advance(9 * 60)
    session.next()

    # Fallauswahl: the rules are announced, everyone puts up their dots, the vote closes.
    session.send({"command": "open_vote"})
    for voter, points in BALLOTS:
        session.send({"command": "vote", "voter": voter, "points": points})
    clock.advance(7 * 60)
    session.send({"command": "close_vote"})

    for case in (1, 2, 3):
        _consult(session, clock, case, give_consent=case in consents)
    if finish:
        session.send({"command": "decision", "text": "Nächstes Treffen am 12. Dezember."})
        session.finish()
    return session


def _consult(session: Session, clock: FakeClock, case: int, *, give_consent: bool) -> None:
    session.next()  # Casting
    session.send({"command": "cast", "roles": CASTS[case]})
    clock.advance(MINUTES["casting"] * 60)
    session.next()  # Spontanerzählung
    session.send({"command": "note", "text": NOTES[case]})
    clock.advance(MINUTES["spontanerzaehlung"] * 60)
    session.next()  # Schlüsselfrage
    session.send({"command": "key_question", "text": KEY_QUESTIONS[case]})
    clock.advance(MINUTES["schluesselfrage"] * 60)
    session.next()  # Methodenwahl
    session.send({"command": "choose", "option": MODULES[case]})
    clock.advance(MINUTES["methodenwahl"] * 60)
    session.next()  # Beratung
    for idea in IDEAS[case]:
        session.send({"command": "idea", "text": idea})
    clock.advance(MINUTES["beratung"] * 60)
    session.next()  # Abschluss
    if give_consent:
        session.send({"command": "consent"})
    clock.advance(MINUTES["abschluss"] * 60)
