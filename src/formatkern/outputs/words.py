"""The words of the protocol outputs, German first, English too, and small helpers that read
a record's values (bilingual texts, times) the way every output shows them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from formatkern import i18n

WORDS: Final[dict[str, dict[str, str]]] = {
    "protocol": {"de": "Protokoll", "en": "Protocol"},
    "agenda_title": {"de": "Ablauf", "en": "Agenda"},
    "date": {"de": "Datum", "en": "Date"},
    "place": {"de": "Ort", "en": "Place"},
    "format": {"de": "Format", "en": "Format"},
    "time": {"de": "Zeit", "en": "Time"},
    "planned": {"de": "geplant", "en": "planned"},
    "actual": {"de": "tatsächlich", "en": "actual"},
    "status": {"de": "Stand", "en": "Status"},
    "status.finished": {"de": "beendet", "en": "finished"},
    "status.running": {"de": "läuft noch", "en": "still running"},
    "status.paused": {"de": "pausiert", "en": "paused"},
    "status.ready": {"de": "nicht begonnen", "en": "not started"},
    "participants": {"de": "Teilnehmende", "en": "Participants"},
    "joined": {"de": "Später dazugekommen", "en": "Joined later"},
    "left": {"de": "Früher gegangen", "en": "Left early"},
    "phase": {"de": "Phase", "en": "Phase"},
    "block": {"de": "Block", "en": "Block"},
    "round": {"de": "Runde", "en": "Round"},
    "case": {"de": "Fall", "en": "Case"},
    "minutes_planned": {"de": "Min. geplant", "en": "min planned"},
    "minutes_actual": {"de": "Min. tatsächlich", "en": "min actual"},
    "step.skipped": {"de": "ausgelassen", "en": "skipped"},
    "step.running": {"de": "läuft seit {start}", "en": "running since {start}"},
    "step.ahead": {"de": "steht noch aus", "en": "still ahead"},
    "roles": {"de": "Rollen", "en": "Roles"},
    "cases": {"de": "Fälle", "en": "Cases"},
    "case_giver": {"de": "Fall eingebracht von", "en": "Case brought by"},
    "consent": {"de": "Zustimmung zum Protokoll", "en": "Consent to the protocol"},
    "consent.yes": {"de": "ja ({by}, {time})", "en": "yes ({by}, {time})"},
    "consent.no": {"de": "nein", "en": "no"},
    "key_question": {"de": "Schlüsselfrage", "en": "Key question"},
    "module": {"de": "Modul", "en": "Module"},
    "confidential": {"de": "Inhalt vertraulich", "en": "Content confidential"},
    "confidential.case": {
        "de": "Inhalt vertraulich: Die Fallerzählerin oder der Fallerzähler hat nicht "
        "zugestimmt, dass Inhalte dieses Falls im Protokoll stehen.",
        "en": "Content confidential: the case giver has not agreed that the content of this "
        "case appears in the protocol.",
    },
    "confidential.left_out": {
        "de": "Inhalt vertraulich: {entries} ausgelassen.",
        "en": "Content confidential: {entries} left out.",
    },
    "confidential.count": {
        "de": "Ausgelassen: {entries}.",
        "en": "Left out: {entries}.",
    },
    "confidentiality": {"de": "Vertraulichkeit", "en": "Confidentiality"},
    "confidentiality.rule": {
        "de": "Inhalte vertraulicher Phasen stehen hier nur, wenn die Person, die den Fall "
        "eingebracht hat, zugestimmt hat. Ausgelassen: {entries}.",
        "en": "Content of confidential phases appears here only where the person who brought "
        "the case agreed. Left out: {entries}.",
    },
    "consents": {"de": "Zustimmung gegeben für", "en": "Consent given for"},
    "groups_title": {"de": "Gruppen und Tische", "en": "Groups and tables"},
    "table": {"de": "Tisch", "en": "Table"},
    "people": {"de": "Personen", "en": "People"},
    "host": {"de": "Gastgeber:in", "en": "Host"},
    "station": {"de": "Station", "en": "Station"},
    "observers": {"de": "Beobachten", "en": "Observing"},
    "observer": {"de": "beobachtet", "en": "observes"},
    "votes": {"de": "Abstimmungen", "en": "Votes"},
    "vote.rules": {
        "de": "{points} pro Person; {stacking}; {own}; {anonymous}. {ballots} von {people} "
        "Personen haben abgestimmt.",
        "en": "{points} per person; {stacking}; {own}; {anonymous}. {ballots} of {people} "
        "people voted.",
    },
    "vote.counted": {
        "de": "{points} pro Person; {stacking}; {own}; {anonymous}. Punkte an der Wand gezählt.",
        "en": "{points} per person; {stacking}; {own}; {anonymous}. Points counted on the board.",
    },
    "vote.point": {"de": "1 Punkt", "en": "1 point"},
    "vote.points": {"de": "{n} Punkte", "en": "{n} points"},
    "vote.stacking.yes": {"de": "häufeln erlaubt", "en": "stacking allowed"},
    "vote.stacking.no": {"de": "häufeln nicht erlaubt", "en": "no stacking"},
    "vote.own.yes": {"de": "eigener Vorschlag erlaubt", "en": "own proposal allowed"},
    "vote.own.no": {"de": "eigener Vorschlag nicht erlaubt", "en": "not on one's own proposal"},
    "vote.anonymous.yes": {"de": "anonym", "en": "anonymous"},
    "vote.anonymous.no": {"de": "namentlich", "en": "named"},
    "vote.rank": {"de": "Rang", "en": "Rank"},
    "vote.option": {"de": "Vorschlag", "en": "Proposal"},
    "vote.result": {"de": "Punkte", "en": "Points"},
    "vote.won": {"de": "gewählt", "en": "chosen"},
    "vote.outcome": {"de": "Ergebnis", "en": "Outcome"},
    "vote.open": {"de": "Die Abstimmung läuft noch.", "en": "The vote is still open."},
    "vote.tie": {
        "de": "Gleichstand: {options} (je {points}).",
        "en": "Tie: {options} ({points} each).",
    },
    "vote.voter": {"de": "Person", "en": "Person"},
    "vote.becomes_case": {"de": "→ Fall {case}", "en": "→ case {case}"},
    "market": {"de": "Angebote und Bedarfe", "en": "Offers and needs"},
    "market.matches": {"de": "Treffer", "en": "Matches"},
    "market.match": {
        "de": "{giver} bietet {offer} ↔ {taker} braucht {need}",
        "en": "{giver} offers {offer} ↔ {taker} needs {need}",
    },
    "market.manual": {"de": "von Hand verbunden", "en": "linked by hand"},
    "market.offers": {"de": "Angebote", "en": "Offers"},
    "market.offers.one": {"de": "Angebot", "en": "Offer"},
    "market.needs": {"de": "Bedarfe", "en": "Needs"},
    "market.needs.one": {"de": "Bedarf", "en": "Need"},
    "market.open": {"de": "Offene Bedarfe", "en": "Open needs"},
    "market.number": {"de": "Karte", "en": "Card"},
    "ideas": {"de": "Ideen", "en": "Ideas"},
    "notes": {"de": "Notizen", "en": "Notes"},
    "harvest": {"de": "Ernte", "en": "Harvest"},
    "decisions": {"de": "Entscheidungen", "en": "Decisions"},
    "key_questions": {"de": "Schlüsselfragen", "en": "Key questions"},
    "proposals": {"de": "Vorschläge", "en": "Proposals"},
    "decision.cases": {"de": "Gewählte Fälle: {cases}", "en": "Cases chosen: {cases}"},
    "decision.vote": {"de": "{vote}: gewählt {options}", "en": "{vote}: chosen {options}"},
    "decision.arranged": {
        "de": "{phase}: {kind} statt wie geplant {planned}",
        "en": "{phase}: {kind} instead of {planned} as planned",
    },
    "decision.module": {"de": "{where}: Modul {module}", "en": "{where}: module {module}"},
    "session": {"de": "ganze Sitzung", "en": "whole session"},
    "step": {"de": "Schritt", "en": "Step"},
    "person": {"de": "Person", "en": "Person"},
    "role": {"de": "Rolle", "en": "Role"},
    "csv.round": {"de": "Runde", "en": "round"},
    "csv.phase": {"de": "Phase", "en": "phase"},
    "csv.case": {"de": "Fall", "en": "case"},
    "csv.case_title": {"de": "Thema des Falls", "en": "case title"},
    "csv.table": {"de": "Tisch", "en": "table"},
    "csv.person": {"de": "Person", "en": "person"},
    "csv.role": {"de": "Rolle", "en": "role"},
}


def w(key: str, lang: str, **values: object) -> str:
    """The output's word `key` in `lang` (German when the language is unknown); the names of
    the arrangement kinds (`kind.tables`) are the program's own, from `i18n`."""
    if key.startswith("kind."):
        return i18n.t(key.removeprefix("kind."), lang)
    return i18n.phrase(WORDS, key, lang, **values)


def entries(count: int, lang: str) -> str:
    """ "1 Eintrag", "4 Einträge": how many entries were left out."""
    if lang == "en":
        return "1 entry" if count == 1 else f"{count} entries"
    return "1 Eintrag" if count == 1 else f"{count} Einträge"


def pick(text: object, lang: str) -> str:
    """A record's bilingual text ({"de": ..., "en": ...}) in `lang`, else in the other one."""
    if isinstance(text, str):
        return text
    if not isinstance(text, Mapping):
        return ""
    chosen = text.get(lang)
    if isinstance(chosen, str) and chosen:
        return chosen
    return next((v for v in text.values() if isinstance(v, str) and v), "")


def clock(moment: object) -> str:
    """ "HH:MM" of a record's local time ("2026-11-21T09:05:00"); "" when there is none."""
    if not isinstance(moment, str) or not moment:
        return ""
    try:
        return dt.datetime.fromisoformat(moment).strftime("%H:%M")
    except ValueError:
        return ""


def day(record: Mapping[str, Any], lang: str) -> str:
    """The session's date as people write it: 21.11.2026, or 2026-11-21 in English."""
    value = record.get("date")
    try:
        date = dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return date.strftime("%d.%m.%Y") if lang == "de" else date.isoformat()


def minutes(seconds: object) -> str:
    """Whole minutes of a number of seconds, rounded; "" when unknown."""
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        return ""
    return str(round(seconds / 60))


def step_label(step: Mapping[str, Any], lang: str) -> str:
    """ "Café-Runden · Runde 2/3" or "Beratung · Fall 2": a step as the agenda names it."""
    parts = [pick(step.get("title"), lang) or str(step.get("phase") or "")]
    if step.get("case") is not None:
        parts.append(f"{w('case', lang)} {step['case']}")
    if step.get("round") is not None:
        total = f"/{step['rounds']}" if step.get("rounds") else ""
        parts.append(f"{w('round', lang)} {step['round']}{total}")
    return " · ".join(part for part in parts if part)
