"""The words of the control desk, in German and English.

Kept apart from `formatkern.i18n.MESSAGES` so the engine's vocabulary does not grow with every
button label; the texts of a format itself come from the format file (`i18n.pick`).
"""

from __future__ import annotations

from typing import Final

UI: Final[dict[str, tuple[str, str]]] = {
    # -- the app and its keys (the footer shows these, keep them short) -------------------------
    "app.title": ("formatkern – Moderationspult", "formatkern – control desk"),
    "key.pause": ("Pause", "Pause"),
    "key.next": ("Weiter", "Next"),
    "key.back": ("Zurück", "Back"),
    "key.plus": ("+1 Min.", "+1 min"),
    "key.minus": ("−1 Min.", "−1 min"),
    "key.fit": ("Anpassen", "Fit"),
    "key.regroup": ("Neue Gruppen", "New groups"),
    "key.arrangement": ("Anordnung", "Arrangement"),
    "key.export": ("Export", "Export"),
    "key.projector": ("Beamer", "Projector"),
    "key.help": ("Hilfe", "Help"),
    "key.roles": ("Rollen", "Roles"),
    "key.choose": ("Auswahl", "Choice"),
    "key.note": ("Notiz", "Note"),
    "key.finish": ("Beenden", "Finish"),
    "key.quit": ("Schließen", "Quit"),
    "key.close": ("Schließen", "Close"),
    "key.panel": ("Ansicht", "View"),
    "key.arrive": ("Kommt dazu", "Arrives"),
    "key.leave": ("Geht", "Leaves"),
    "key.goto": ("Springen", "Jump"),
    "key.auto": ("Automatisch weiter", "Auto-advance"),
    # long forms for the help screen and the command palette
    "help.pause": ("Countdown anhalten oder weiterlaufen lassen", "Pause or resume the countdown"),
    "help.next": ("Nächste Phase oder Runde beginnen", "Start the next phase or round"),
    "help.back": ("Zur vorigen Phase zurück (mit voller Zeit)", "Back to the previous phase"),
    "help.plus": ("Eine Minute mehr für diese Phase", "One more minute for this phase"),
    "help.minus": ("Eine Minute weniger für diese Phase", "One minute less for this phase"),
    "help.fit": (
        "Die folgenden Phasen kürzen, damit es pünktlich endet",
        "Shorten the phases ahead to end on time",
    ),
    "help.regroup": ("Die Gruppen dieser Runde neu mischen", "Mix the groups of this round anew"),
    "help.arrangement": (
        "Anordnung ändern (Plenum, Paare, Gruppen, Tische)",
        "Change the arrangement (plenary, pairs, groups, tables)",
    ),
    "help.export": ("Protokoll exportieren", "Export the protocol"),
    "help.projector": ("Beamer-Ansicht ein/aus", "Projector view on/off"),
    "help.help": ("Diese Hilfe", "This help"),
    "help.roles": ("Rollen ansehen und ändern", "See and change the roles"),
    "help.choose": (
        "Auswahl oder Punktabfrage dieser Phase eintragen",
        "Enter this phase's choice or dot vote",
    ),
    "help.note": ("Notiz schreiben (Protokoll)", "Write a note (protocol)"),
    "help.finish": ("Sitzung jetzt beenden", "Finish the session now"),
    "help.panel": ("Anleitung, Gruppen, Notizen, Ablauf", "Instructions, groups, notes, agenda"),
    "help.arrive": ("Jemand kommt später dazu", "Someone arrives late"),
    "help.leave": ("Jemand geht früher", "Someone leaves early"),
    "help.goto": ("Zu einem Schritt springen", "Jump to a step of the agenda"),
    "help.auto": ("Automatisch weiter ein/aus", "Auto-advance on/off"),
    "help.title": ("Tasten", "Keys"),
    "help.intro": (
        "Jede Taste steht auch in der Befehlspalette (Strg+P). Tasten lassen sich über ihre "
        "Kennung umbelegen (siehe docs/tui.md).",
        "Every key is also in the command palette (Ctrl+P). Keys can be remapped by their id "
        "(see docs/tui.md).",
    ),
    "help.market": (
        "Tauschmarkt: In einer Phase mit Angeboten und Bedarfen schreibt ihr ins Notizfeld (w) "
        "„Anna + Fahrradreparatur“ für ein Angebot und „Ben - Hilfe beim Umzug“ für einen "
        "Bedarf. „#1 = #2“ verbindet Angebot 1 von Hand mit Bedarf 2, „#1 != #2“ löst einen "
        "Treffer, „x #3“ löscht Karte 3. Alles andere wird eine Notiz.",
        "Exchange market: in a phase with offers and needs, write into the note field (w) "
        '"Anna + bike repair" for an offer and "Ben - help with moving" for a need. "#1 = #2" '
        'links offer 1 with need 2 by hand, "#1 != #2" undoes a match, "x #3" removes card 3. '
        "Anything else becomes a note.",
    ),
    "help.key": ("Taste", "Key"),
    "help.what": ("Was", "What"),
    "help.id": ("Kennung", "Id"),
    # -- start -------------------------------------------------------------------------------
    "start.formats": ("Methode wählen", "Choose a method"),
    "start.search": ("Suchen …", "Search …"),
    "start.people": ("Teilnehmende", "Participants"),
    "start.people_hint": (
        "Namen eintippen oder einfügen, einer pro Zeile – oder nur eine Zahl",
        "Type or paste names, one per line – or just a number",
    ),
    "start.file": ("Datei mit Namen", "File of names"),
    "start.load": ("Laden", "Load"),
    "start.begin": ("Beginn", "Start"),
    "start.end": ("Ende (optional)", "End (optional)"),
    "start.go": ("Los geht's", "Start"),
    "start.resume": ("Fortsetzen", "Resume"),
    "start.unfinished": ("Unterbrochene Sitzungen", "Unfinished sessions"),
    "start.no_unfinished": ("Keine unterbrochene Sitzung.", "No unfinished session."),
    "start.preview": ("Vorschau", "Preview"),
    "start.no_format": ("Keine Methode gefunden.", "No method found."),
    "start.count": ("{n} Personen", "{n} people"),
    "start.fits": ("Passt: Ende {end}.", "Fits: ends {end}."),
    "start.overrun": (
        "Passt nicht: Der Ablauf endet {minutes} Min. nach {end}.",
        "Does not fit: the agenda ends {minutes} min after {end}.",
    ),
    "start.loaded": ("{n} Namen aus {file} geladen.", "{n} names loaded from {file}."),
    "start.need_people": ("Bitte Teilnehmende eintragen.", "Please enter the participants."),
    "start.duplicate": (
        "„{name}“ steht zweimal in der Liste; bitte unterscheidbar machen (z. B. Initiale).",
        '"{name}" is listed twice; tell them apart (e.g. an initial).',
    ),
    "start.group_size": ("Gruppengröße", "Group size"),
    "start.duration": ("Dauer", "Duration"),
    # -- casting -------------------------------------------------------------------------------
    "cast.title": ("Rollen", "Roles"),
    "cast.intro": (
        "Die Rollen hat formatkern vorgeschlagen. Namen mit Komma trennen; leere Felder füllt "
        "formatkern auf.",
        "formatkern proposed these roles. Separate names with commas; empty fields are filled "
        "by formatkern.",
    ),
    "cast.voluntary": (
        "freiwillig – wer möchte, ohne Begründung",
        "voluntary – whoever wants to, no reason needed",
    ),
    "cast.per_group": ("eine Person pro Tisch/Gruppe", "one per table/group"),
    "cast.rest": ("alle Übrigen", "everyone else"),
    "cast.ok": ("Übernehmen", "Apply"),
    "cast.cancel": ("Abbrechen", "Cancel"),
    "cast.none": ("Diese Methode hat keine Rollen.", "This method has no roles."),
    "cast.unknown": ("„{name}“ nimmt nicht teil.", '"{name}" is not taking part.'),
    # -- running -------------------------------------------------------------------------------
    "run.step": ("Schritt {n}/{total}", "Step {n}/{total}"),
    "run.paused": ("PAUSE", "PAUSED"),
    "run.overtime": ("Überzeit", "Overtime"),
    "run.on_time": ("im Plan", "on time"),
    "run.behind": ("{minutes} Min. hinter Plan", "behind by {minutes} min"),
    "run.ahead": ("{minutes} Min. vor Plan", "ahead by {minutes} min"),
    "run.projected_end": ("voraussichtliches Ende {end}", "projected end {end}"),
    "run.must_end": ("geplant bis {end}", "planned until {end}"),
    "run.question": ("Frage", "Question"),
    "run.instructions": ("Anleitung", "Instructions"),
    "run.read_out": ("Zum Vorlesen", "To read out"),
    "run.groups": ("Gruppen", "Groups"),
    "run.notes": ("Notizen", "Notes"),
    "run.agenda": ("Ablauf", "Agenda"),
    "run.speaking": ("Es sprechen", "Speaking"),
    "run.listening": ("Es hören zu", "Listening"),
    "run.everyone": ("alle", "everyone"),
    "run.roles": ("Rollen", "Roles"),
    "run.plenum": ("Alle im Plenum.", "Everyone together in the plenary."),
    "run.alone": ("Jede:r arbeitet für sich.", "Everyone works alone."),
    "run.table": ("Tisch {n}", "Table {n}"),
    "run.group": ("Gruppe {n}", "Group {n}"),
    "run.pair": ("Paar {n}", "Pair {n}"),
    "run.station": ("Station {n}", "Station {n}"),
    "run.host": ("Gastgeber:in", "host"),
    "run.observers": ("Beobachten", "Observing"),
    "run.note_placeholder": ("Notiz für das Protokoll …", "Note for the protocol …"),
    "run.note_all": ("alle", "all"),
    "run.note_table": ("Tisch", "Table"),
    "run.no_notes": ("Noch keine Notizen.", "No notes yet."),
    "run.confidential": (
        "vertraulich – bleibt außerhalb von Beamer und Export ohne Zustimmung",
        "confidential – kept off the projector and out of exports without consent",
    ),
    "run.planned": ("geplant", "planned"),
    "run.actual": ("tatsächlich", "actual"),
    "run.not_started": ("Noch nicht begonnen.", "Not started yet."),
    "run.minute_added": ("Eine Minute mehr.", "One more minute."),
    "run.minute_taken": ("Eine Minute weniger.", "One minute less."),
    "run.fitted": (
        "Die folgenden Phasen sind gekürzt; Ende {end}.",
        "The phases ahead were shortened; end {end}.",
    ),
    "run.turn": (
        "Person {speaker} von {speakers} spricht · noch {left}",
        "Speaker {speaker} of {speakers} · {left} left",
    ),
    "run.turns_done": ("Alle waren an der Reihe", "Everyone has had a turn"),
    "run.regrouped": ("Neue Gruppen für diese Runde.", "New groups for this round."),
    "run.regroup_same": (
        "Die Engine hat dieselben Gruppen wieder ausgegeben.",
        "The engine gave the same groups again.",
    ),
    "run.no_groups": (
        "In dieser Phase gibt es keine Gruppen zu mischen.",
        "There are no groups to mix in this phase.",
    ),
    "run.time_up": ("Die Zeit ist um.", "Time is up."),
    "run.warning": ("Noch {level} % der Zeit.", "{level} % of the time left."),
    "run.no_choice": (
        "In dieser Phase gibt es nichts auszuwählen.",
        "There is nothing to choose in this phase.",
    ),
    "run.finish_confirm": ("Sitzung wirklich beenden?", "Really finish the session?"),
    "run.yes": ("Ja, beenden", "Yes, finish"),
    "run.no": ("Nein", "No"),
    "run.left": ("noch {minutes} Min.", "{minutes} min left"),
    "run.over_by": ("{minutes} Min. drüber", "{minutes} min over"),
    "run.until": ("bis {end}", "until {end}"),
    "run.case": ("Fall {n}: {title}", "Case {n}: {title}"),
    "run.auto": ("automatisch weiter", "auto-advance"),
    "run.mmss": ("{time} Min.", "{time} min"),
    "run.auto_on": (
        "Automatisch weiter: an. Ist die Zeit um, beginnt der nächste Schritt von selbst.",
        "Auto-advance on: when time is up, the next step starts by itself.",
    ),
    "run.auto_off": (
        "Automatisch weiter: aus. Ist die Zeit um, läuft die Überzeit.",
        "Auto-advance off: when time is up, overtime counts.",
    ),
    # -- late arrivals and early leaves --------------------------------------------------------
    "people.arrive_title": ("Wer kommt dazu?", "Who arrives?"),
    "people.arrive_intro": (
        "Name eintippen und Enter drücken. Ohne Namen bekommt die Person eine Nummer.",
        "Type the name and press Enter. Without a name, the person gets a number.",
    ),
    "people.name": ("Name", "Name"),
    "people.arrive_ok": ("Dazunehmen", "Add"),
    "people.leave_title": ("Wer geht?", "Who leaves?"),
    "people.leave_intro": (
        "Die ersten Buchstaben tippen oder in der Liste wählen, dann Enter.",
        "Type the first letters or pick from the list, then press Enter.",
    ),
    "people.joined_table": ("{name} sitzt an {group}.", "{name} sits at {group}."),
    "people.joined_station": ("{name} ist bei {group}.", "{name} is at {group}."),
    "people.joined_group": ("{name} ist in {group}.", "{name} is in {group}."),
    "people.joined": (
        "{name} ist dazugekommen; jetzt sind es {n} Personen.",
        "{name} has arrived; there are {n} people now.",
    ),
    "people.left_group": (
        "{name} ist gegangen; {group} hat jetzt {n} Personen.",
        "{name} has left; {group} now has {n} people.",
    ),
    "people.left_group_one": (
        "{name} ist gegangen; {group} hat jetzt 1 Person.",
        "{name} has left; {group} now has 1 person.",
    ),
    "people.left": (
        "{name} ist gegangen; jetzt sind es {n} Personen.",
        "{name} has left; there are {n} people now.",
    ),
    "people.new_role": ("Neu als {role}: {names}.", "New {role}: {names}."),
    # -- jumping -------------------------------------------------------------------------------
    "jump.title": ("Springen", "Jump"),
    "jump.intro": (
        "Wähle den Schritt, mit dem es weitergeht; er beginnt mit seiner vollen Zeit. "
        "Übersprungene Schritte bleiben im Ablauf stehen.",
        "Pick the step to go on with; it starts with its full time. Skipped steps stay in "
        "the agenda.",
    ),
    "jump.done": ("Jetzt: {title}.", "Now: {title}."),
    "jump.again": (
        "{title} beginnt neu, mit voller Zeit.",
        "{title} starts again, with full time.",
    ),
    # -- offers and needs (a Tauschmarkt) ------------------------------------------------------
    "run.market_placeholder": (
        "Anna + Angebot · Ben - Bedarf · #1 = #2 verbinden · Notiz …",
        "Anna + offer · Ben - need · #1 = #2 to link · note …",
    ),
    "run.market_how": (
        "„Name + Angebot“, „Name - Bedarf“, „#1 = #2“ verbindet Angebot 1 mit Bedarf 2, "
        "„#1 != #2“ löst die Verbindung, „x #3“ löscht Karte 3.",
        '"name + offer", "name - need", "#1 = #2" links offer 1 with need 2, "#1 != #2" '
        'unlinks them, "x #3" removes card 3.',
    ),
    "run.matches": ("Treffer", "Matches"),
    "run.no_matches": ("Noch keine Treffer.", "No matches yet."),
    "run.cards": ("Karten", "Cards"),
    "run.no_cards": ("Noch keine Karten.", "No cards yet."),
    "run.offer_card": ("#{n} {person} bietet {text}", "#{n} {person} offers {text}"),
    "run.need_card": ("#{n} {person} braucht {text}", "#{n} {person} needs {text}"),
    "run.match": (
        "{giver} bietet {offer} ↔ {taker} braucht {need}",
        "{giver} offers {offer} ↔ {taker} needs {need}",
    ),
    "run.by_hand": ("von Hand", "by hand"),
    "run.pair_matches": ("Warum diese Paare", "Why these pairs"),
    # -- arrangement ---------------------------------------------------------------------------
    "arr.title": ("Anordnung ändern", "Change the arrangement"),
    "arr.intro": (
        "Gilt für diese Phase und ihre weiteren Runden.",
        "Applies to this phase and its further rounds.",
    ),
    "arr.count": ("Anzahl Gruppen/Tische (optional)", "Number of groups/tables (optional)"),
    "arr.ok": ("Übernehmen", "Apply"),
    "arr.done": ("Anordnung: {kind}.", "Arrangement: {kind}."),
    # -- choice and vote -----------------------------------------------------------------------
    "choice.title": ("Auswahl", "Choice"),
    "choice.intro": ("Was hat die Gruppe gewählt?", "What did the group choose?"),
    "choice.done": ("Gewählt: {option}.", "Chosen: {option}."),
    "vote.title": ("Punktabfrage", "Dot voting"),
    "vote.intro": (
        "Ein Fall pro Zeile: Titel, dann optional „– Name“ (wer ihn einbringt) und „= Punkte“.",
        'One case per line: a title, optionally "– name" (who brings it) and "= points".',
    ),
    "vote.points": (
        "{points} Punkte pro Person, {choose} Fall/Fälle werden gewählt.",
        "{points} points per person, {choose} case(s) will be chosen.",
    ),
    "vote.done": ("Gewählt: {cases}.", "Chosen: {cases}."),
    "vote.bad_points": ("„{text}“ ist keine Punktzahl.", '"{text}" is not a number of points.'),
    # -- export and end ------------------------------------------------------------------------
    "export.title": ("Exportieren", "Export"),
    "export.none": (
        "Kein Exportformat geladen (FORMATKERN_LOAD_PLUGINS?). Die Sitzung ist im Journal "
        "gespeichert und lässt sich später mit `formatkern export` exportieren.",
        "No export format is loaded (FORMATKERN_LOAD_PLUGINS?). The session is kept in its "
        "journal and can be exported later with `formatkern export`.",
    ),
    "export.done": ("Gespeichert: {path}", "Saved: {path}"),
    "export.failed": ("Export fehlgeschlagen: {error}", "Export failed: {error}"),
    "end.title": ("Geschafft", "Done"),
    "end.summary": (
        "{title}: {steps} Schritte von {start} bis {end} ({minutes} Min.), {notes} Notizen.",
        "{title}: {steps} steps from {start} to {end} ({minutes} min), {notes} notes.",
    ),
    "end.planned": (
        "Geplant war das Ende um {end}.",
        "The planned end was {end}.",
    ),
    "end.journal": ("Journal: {path}", "Journal: {path}"),
    "end.quit": ("Schließen", "Quit"),
    # -- projector -----------------------------------------------------------------------------
    "proj.waiting": ("Gleich geht's los.", "Starting soon."),
    "proj.finished": ("Danke!", "Thank you!"),
    "proj.no_session": (
        "Keine laufende Sitzung gefunden.",
        "No running session found.",
    ),
    # -- errors --------------------------------------------------------------------------------
    "error.command": ("Geht nicht: {error}", "Not possible: {error}"),
    # what the desk itself sees coming, before it asks the engine
    "refuse.here": (
        "„{name}“ ist schon da; häng zum Unterscheiden etwas an (z. B. eine Initiale).",
        '"{name}" is already here; add something to tell them apart (e.g. an initial).',
    ),
    "refuse.not_here": ("„{name}“ ist nicht da.", '"{name}" is not here.'),
    "refuse.last": (
        "{name} ist als Letzte:r im Raum; beende dann lieber die Sitzung.",
        "{name} is the last one in the room; finish the session instead.",
    ),
    "refuse.dropped": (
        "{title} gehört zu einem Fall, der nicht gewählt wurde.",
        "{title} belongs to a case that was not chosen.",
    ),
    "refuse.first": (
        "{title} ist der erste Schritt; davor gibt es nichts.",
        "{title} is the first step; there is nothing before it.",
    ),
    "refuse.time_up": (
        "Die Zeit ist schon um; da ist nichts mehr abzuziehen.",
        "Time is already up; there is nothing left to take.",
    ),
    "refuse.too_short": (
        "Es ist nur noch {left} übrig; so viel lässt sich nicht abziehen.",
        "Only {left} are left; that much cannot be taken.",
    ),
    "refuse.fits": (
        "Das voraussichtliche Ende {end} liegt nicht nach {must}; es gibt nichts anzupassen.",
        "The projected end {end} is not after {must}; there is nothing to fit.",
    ),
    "refuse.cannot_fit": (
        "Selbst wenn jeder folgende Schritt nur seine Mindestzeit bekommt, endet es {minutes} "
        "Min. nach {must}. Kürze den laufenden Schritt, überspring einen Schritt oder "
        "vereinbare mit der Gruppe ein späteres Ende.",
        "Even with every step ahead at its minimum, it ends {minutes} min after {must}. "
        "Shorten the current step, skip a step, or agree on a later end.",
    ),
}


def ui(key: str, lang: str, **values: object) -> str:
    """The control desk's phrase `key` in `lang` (German unless English is asked for)."""
    de, en = UI[key]
    text = en if lang == "en" else de
    return text.format(**values) if values else text
