"""The language of what formatkern says: German first, English too.

Texts of a format carry both languages themselves (`model.Text`); the words of the program
(headings, labels, messages) live in `MESSAGES` here, one key per phrase.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Mapping
from typing import Final

from formatkern.model import LANGUAGES, Text

DEFAULT_LANG: Final = "de"

MESSAGES: Final[dict[str, dict[str, str]]] = {
    "agenda": {"de": "Ablauf", "en": "Agenda"},
    "participants": {"de": "Teilnehmende", "en": "Participants"},
    "roles": {"de": "Rollen", "en": "Roles"},
    "rules": {"de": "Regeln", "en": "Rules"},
    "modules": {"de": "Module", "en": "Modules"},
    "phases": {"de": "Phasen", "en": "Phases"},
    "sources": {"de": "Quellen", "en": "Sources"},
    "round": {"de": "Runde", "en": "Round"},
    "case": {"de": "Fall", "en": "Case"},
    "minutes": {"de": "Min.", "en": "min"},
    "total": {"de": "Gesamt", "en": "Total"},
    "people": {"de": "Personen", "en": "people"},
    "confidential": {"de": "vertraulich", "en": "confidential"},
    "speaking": {"de": "Es sprechen", "en": "Speaking"},
    "collects": {"de": "Ergebnis", "en": "Collects"},
    "question": {"de": "Frage", "en": "Question"},
    "observer": {"de": "beobachtet", "en": "observes"},
    "observers": {"de": "beobachten", "en": "observe"},
    "within": {"de": "davon", "en": "of them"},
    "voluntary": {"de": "freiwillig", "en": "voluntary"},
    "plan_overrun": {
        "de": "Der Ablauf endet {minutes} Min. nach dem geplanten Ende {end}.",
        "en": "The agenda ends {minutes} min after the planned end {end}.",
    },
    "plan_late": {
        "de": "{block} soll um {at} beginnen, beginnt nach Plan aber erst {minutes} Min. später.",
        "en": "{block} is fixed at {at} but by the plan starts {minutes} min later.",
    },
    "speaker": {"de": "Vortrag", "en": "speaker"},
    "days": {
        "de": "Tage (Abläufe aus mehreren Methoden)",
        "en": "Days (agendas of several methods)",
    },
    "blocks": {"de": "{n} Blöcke", "en": "{n} blocks"},
    "blocks_heading": {"de": "Blöcke", "en": "Blocks"},
    "n_cases": {"de": "{n} Fälle", "en": "{n} cases"},
    "part.talk": {"de": "Vortrag", "en": "talk"},
    "part.break": {"de": "Pause", "en": "break"},
    "part.free": {"de": "freier Block", "en": "free block"},
    "continues": {"de": "setzt {block} fort", "en": "continues {block}"},
    "plenum": {"de": "Plenum", "en": "plenary"},
    "alone": {"de": "Einzelarbeit", "en": "alone"},
    "pairs": {"de": "Paare", "en": "pairs"},
    "groups": {"de": "Gruppen", "en": "groups"},
    "tables": {"de": "Tische", "en": "tables"},
    "stations": {"de": "Stationen", "en": "stations"},
    "hosts_stay": {"de": "Gastgeber:innen bleiben", "en": "hosts stay"},
    "shadows": {"de": "verdeckt {what}", "en": "shadows {what}"},
    "built_in": {"de": "eingebaut", "en": "built-in"},
    "collect.notes": {"de": "Notizen", "en": "notes"},
    "collect.ideas": {"de": "Ideen", "en": "ideas"},
    "collect.key-question": {"de": "Schlüsselfrage", "en": "key question"},
    "collect.choice": {"de": "Auswahl", "en": "choice"},
    "collect.vote": {"de": "Abstimmung", "en": "vote"},
    "collect.harvest": {"de": "Ernte", "en": "harvest"},
    "collect.cases": {"de": "Fälle", "en": "cases"},
}


def lang_from_environment() -> str:
    """`FORMATKERN_LANG`, else the locale's language if it is one we speak, else German."""
    explicit = os.environ.get("FORMATKERN_LANG", "")
    if explicit[:2] in LANGUAGES:
        return explicit[:2]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value[:2] in LANGUAGES:
            return value[:2]
    try:
        current = locale.getlocale(locale.LC_MESSAGES)[0] or ""
    except (AttributeError, ValueError):
        current = ""
    return current[:2] if current[:2] in LANGUAGES else DEFAULT_LANG


def phrase(table: Mapping[str, Mapping[str, str]], key: str, lang: str, **values: object) -> str:
    """Phrase `key` of a table of phrases in `lang` (falling back to German), values filled in.
    The CLI's phrases are `MESSAGES`; the outputs keep a table of their own."""
    entry = table[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**values) if values else text


def t(key: str, lang: str, **values: object) -> str:
    """The program's phrase `key` in `lang` (falling back to German), with values filled in."""
    return phrase(MESSAGES, key, lang, **values)


def pick(text: Text | None, lang: str) -> str:
    """A format's text in `lang`, falling back to the other language."""
    return text.get(lang) if text is not None else ""
