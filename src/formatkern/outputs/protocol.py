"""What the protocol says, in German or English, made from a (redacted) record.

The record has already lost what is confidential; this module only says so where something
was left out ("Inhalt vertraulich"). It reads keys with defaults throughout, so a plan record
(only the agenda) gives a short protocol of the plan, and an older record still renders.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from formatkern.outputs.document import (
    Block,
    Bullets,
    Document,
    Facts,
    Paragraph,
    Table,
    section,
)
from formatkern.outputs.words import clock, day, entries, minutes, pick, step_label, w

Record = Mapping[str, Any]

ITEM_KINDS = (("idea", "ideas"), ("note", "notes"), ("harvest", "harvest"))
"""Kinds of collected items with a section of their own, and the word of the section."""
SLUGS = {"ideas": "ideen", "notes": "notizen", "harvest": "ernte"}


def protocol(record: Record, lang: str) -> Document:
    """The protocol of a session (or the agenda of a plan) as blocks."""
    return _Protocol(record, lang).document()


class _Protocol:
    def __init__(self, record: Record, lang: str) -> None:
        self.r = record
        self.lang = lang
        self.steps = {s.get("index"): s for s in record.get("agenda") or []}
        self.items: list[Record] = list(record.get("items") or [])

    def w(self, key: str, **values: object) -> str:
        return w(key, self.lang, **values)

    def left_out(self, count: int) -> Paragraph:
        """Where entries were withheld: say so, and how many."""
        text = self.w("confidential.left_out", entries=entries(count, self.lang))
        return Paragraph(text, "confidential")

    def document(self) -> Document:
        fmt_title = pick((self.r.get("format") or {}).get("title"), self.lang)
        title = self.r.get("title") or f"{fmt_title} – {self._kind_word()}"
        blocks: list[Block] = [self.head(fmt_title), *self.confidentiality()]
        blocks += section(self.w("agenda_title"), self.agenda(), "ablauf", "agenda")
        blocks += section(self.w("roles"), self.session_roles(), "rollen", "roles")
        blocks += section(self.w("cases"), self.cases(), "faelle", "cases")
        blocks += section(self.w("groups_title"), self.groups(), "gruppen", "groups")
        blocks += section(self.w("votes"), self.votes(), "abstimmungen", "votes")
        blocks += section(self.w("market"), self.market(), "angebote-und-bedarfe", "market")
        blocks += section(self.w("key_questions"), self.loose("key_question"), "fragen")
        for kind, word in ITEM_KINDS:
            blocks += section(self.w(word), self.loose(kind), SLUGS[word])
        blocks += section(self.w("decisions"), self.decisions(), "entscheidungen")
        subtitle = fmt_title if self.r.get("title") else ""
        return Document(title, self.lang, tuple(blocks), subtitle)

    def _kind_word(self) -> str:
        return self.w("protocol") if self.r.get("kind") == "session" else self.w("agenda_title")

    # -- head ---------------------------------------------------------------------------------

    def head(self, fmt_title: str) -> Facts:
        r = self.r
        rows = [(self.w("date"), day(r, self.lang))]
        if r.get("place"):
            rows.append((self.w("place"), str(r["place"])))
        rows.append((self.w("format"), fmt_title))
        planned = f"{clock(r.get('start'))}–{clock(r.get('end'))}"
        times = r.get("times") or {}
        if times.get("started"):
            actual = f"{clock(times['started'])}–{clock(times.get('finished')) or '…'}"
            rows.append((self.w("time"), f"{actual} ({self.w('planned')} {planned})"))
        else:
            rows.append((self.w("time"), f"{planned} ({self.w('planned')})"))
        status = r.get("status")
        if status and status != "finished":
            rows.append((self.w("status"), self.w(f"status.{status}")))
        people = r.get("participants") or {}
        count = people.get("count", 0)
        names = people.get("names") or []
        rows.append(
            (self.w("participants"), f"{count}: {', '.join(names)}" if names else str(count))
        )
        if names and people.get("joined"):
            rows.append((self.w("joined"), ", ".join(people["joined"])))
        if names and people.get("left"):
            rows.append((self.w("left"), ", ".join(people["left"])))
        return Facts(tuple(rows))

    def confidentiality(self) -> list[Block]:
        secrecy = self.r.get("confidentiality") or {}
        confidential = any(s.get("confidential") for s in self.steps.values())
        if not secrecy.get("rules") and not confidential:
            return []
        rules = " ".join(pick(rule.get("text"), self.lang) for rule in secrecy.get("rules", []))
        left_out = entries(secrecy.get("withheld", 0), self.lang)
        text = self.w("confidentiality.rule", entries=left_out)
        consents = [
            f"{self.w('case')} {c['case']} ({c['by']})" for c in secrecy.get("consents", [])
        ]
        if consents:
            text += f" {self.w('consents')}: {', '.join(consents)}."
        return [Paragraph(f"{rules} {text}".strip(), "confidential")]

    # -- agenda -------------------------------------------------------------------------------

    def agenda(self) -> list[Block]:
        day = any(step.get("block") for step in self.steps.values())
        rows: list[tuple[str, ...]] = []
        for step in self.steps.values():
            if step.get("status") == "dropped":
                continue
            planned = f"{clock(step.get('start'))}–{clock(step.get('end'))}"
            row: tuple[str, ...] = (
                step_label(step, self.lang),
                planned,
                self.actual(step),
                minutes(step.get("seconds")),
                minutes(step.get("actual_seconds")),
            )
            if day:  # a whole day: the block each step belongs to comes first
                block = step.get("block") or {}
                shown = pick(block.get("title"), self.lang) if block.get("kind") == "format" else ""
                row = (shown, *row)
            rows.append(row)
        if not rows:
            return []
        headers: tuple[str, ...] = (
            self.w("phase"),
            self.w("planned"),
            self.w("actual"),
            self.w("minutes_planned"),
            self.w("minutes_actual"),
        )
        if day:
            return [Table((self.w("block"), *headers), tuple(rows), numeric=(4, 5))]
        return [Table(headers, tuple(rows), numeric=(3, 4))]

    def actual(self, step: Record) -> str:
        status = step.get("status")
        if status == "skipped":
            return self.w("step.skipped")
        if status == "running":
            return self.w("step.running", start=clock(step.get("actual_start")))
        if status == "ahead":
            return self.w("step.ahead")
        held = step.get("held") or []
        return ", ".join(f"{clock(h.get('start'))}–{clock(h.get('end'))}" for h in held)

    # -- roles and cases ----------------------------------------------------------------------

    def holders(self, case: int | None) -> dict[str, list[str]]:
        """Role id -> names, for the session (None) or a case."""
        for entry in self.r.get("roles") or []:
            if entry.get("case") == case:
                return {role: list(names) for role, names in entry.get("holders", {}).items()}
        return {}

    def role_rows(self, case: int | None) -> list[tuple[str, str]]:
        titles = self.r.get("role_titles") or {}
        return [
            (pick(titles.get(role), self.lang) or role, ", ".join(names))
            for role, names in self.holders(case).items()
            if names
        ]

    def session_roles(self) -> list[Block]:
        rows = self.role_rows(None)
        return [Facts(tuple(rows))] if rows else []

    def cases(self) -> list[Block]:
        blocks: list[Block] = []
        for case in self.r.get("cases") or []:
            number = case["number"]
            if not case.get("held") and not case.get("title"):
                continue
            label = f"{self.w('case')} {number}"
            if case.get("withheld"):
                title = f"{label}: {self.w('confidential')}"
            else:
                title = f"{label}: {case['title']}" if case.get("title") else label
            blocks += section(title, self.case_blocks(case), f"fall-{number}", "case")
        return blocks

    def case_blocks(self, case: Record) -> list[Block]:
        number = case["number"]
        rows = self.role_rows(number)
        giver = case.get("giver")
        if giver and not any(giver in names for names in self.holders(number).values()):
            rows.insert(0, (self.w("case_giver"), giver))
        if case.get("confidential"):
            consent = case.get("consent")
            answer = (
                self.w("consent.yes", by=consent["by"], time=clock(consent.get("at")))
                if consent
                else self.w("consent.no")
            )
            rows.append((self.w("consent"), answer))
        if case.get("key_question"):
            rows.append((self.w("key_question"), case["key_question"]))
        module = case.get("module")
        if module and not module.get("withheld"):
            rows.append((self.w("module"), pick(module.get("title"), self.lang)))
        blocks: list[Block] = [Facts(tuple(rows))] if rows else []
        mine = [i for i in self.items if i.get("case") == number]
        hidden = sum(1 for i in mine if i.get("withheld"))
        if case.get("withheld") or hidden:
            text = self.w("confidential.case")
            if hidden:
                text += " " + self.w("confidential.count", entries=entries(hidden, self.lang))
            blocks.append(Paragraph(text, "confidential"))
        for kind, word in (*ITEM_KINDS, ("decision", "decisions")):
            shown = [self.item_text(i) for i in mine if i["kind"] == kind and not i["withheld"]]
            if shown:
                blocks += section(self.w(word), [Bullets(tuple(shown))], kind="items")
        return blocks

    # -- what was collected outside cases -------------------------------------------------------

    def item_text(self, item: Record, *, with_case: bool = False) -> str:
        step = self.steps.get(item.get("step"))
        where = []
        if step is not None:
            label = step_label(step, self.lang) if with_case else self.plain_label(step)
            where.append(label)
        if item.get("table") is not None:
            where.append(f"{self.w('table')} {item['table']}")
        prefix = " · ".join(where)
        return f"{prefix}: {item['text']}" if prefix else str(item["text"])

    def plain_label(self, step: Record) -> str:
        """The step's label without its case (inside a case's own section)."""
        return step_label({**step, "case": None}, self.lang)

    def loose(self, kind: str) -> list[Block]:
        """Items of one kind that belong to no case."""
        mine = [i for i in self.items if i.get("kind") == kind and i.get("case") is None]
        shown = [self.item_text(i) for i in mine if not i.get("withheld")]
        hidden = len(mine) - len(shown)
        blocks: list[Block] = [Bullets(tuple(shown))] if shown else []
        if hidden:
            blocks.append(self.left_out(hidden))
        return blocks

    # -- groups -------------------------------------------------------------------------------

    def groups(self) -> list[Block]:
        blocks: list[Block] = []
        for step in self.steps.values():
            seating = step.get("seating")
            if not seating or step.get("status") == "dropped":
                continue
            when = clock(step.get("actual_start")) or clock(step.get("start"))
            title = f"{step_label(step, self.lang)} ({when})"
            inner: list[Block] = []
            question = pick(step.get("question"), self.lang)
            if question:
                inner.append(Paragraph(question, "question"))
            inner.append(self.seating_table(seating))
            if seating.get("observers"):
                observers = ", ".join(seating["observers"])
                inner.append(Paragraph(f"{self.w('observers')}: {observers}"))
            blocks += section(title, inner, f"schritt-{step.get('index')}", "seating")
        return blocks

    def seating_table(self, seating: Record) -> Table:
        hosts: Sequence[str] = seating.get("hosts") or []
        stations: Sequence[int] = seating.get("stations") or []
        headers = [self.w("table"), self.w("people")]
        if hosts:
            headers.append(self.w("host"))
        if stations:
            headers.append(self.w("station"))
        rows = []
        for number, group in enumerate(seating.get("groups") or [], start=1):
            row = [str(number), ", ".join(group)]
            if hosts:
                row.append(hosts[number - 1] if number <= len(hosts) else "")
            if stations:
                row.append(str(stations[number - 1]) if number <= len(stations) else "")
            rows.append(tuple(row))
        return Table(tuple(headers), tuple(rows), numeric=(0,))

    # -- votes --------------------------------------------------------------------------------

    def option_label(self, option: Record, *, long: bool = True) -> str:
        if option.get("withheld"):
            label = f"{self.w('vote.option')} {option['number']}"
            return f"{label}: {self.w('confidential')}" if long else label
        return str(option.get("text"))

    def votes(self) -> list[Block]:
        blocks: list[Block] = []
        for vote in self.r.get("votes") or []:
            step = self.steps.get(vote.get("step"), {})
            title = step_label(step, self.lang) if step else pick(vote.get("title"), self.lang)
            blocks += section(title, self.vote_blocks(vote), f"abstimmung-{vote['step']}", "vote")
        return blocks

    def vote_blocks(self, vote: Record) -> list[Block]:
        rules = vote.get("rules") or {}
        points = rules.get("points", 0)
        values = {
            "points": self.w("vote.point") if points == 1 else self.w("vote.points", n=points),
            "stacking": self.w(f"vote.stacking.{'yes' if rules.get('stacking') else 'no'}"),
            "own": self.w(f"vote.own.{'yes' if rules.get('own') else 'no'}"),
            "anonymous": self.w(f"vote.anonymous.{'yes' if rules.get('anonymous') else 'no'}"),
        }
        if vote.get("counted_on_board"):
            rule_text = self.w("vote.counted", **values)
        else:
            rule_text = self.w(
                "vote.rules", ballots=vote.get("ballots", 0), people=vote.get("people", 0), **values
            )
        blocks: list[Block] = [Paragraph(rule_text)]
        options = {o["number"]: o for o in vote.get("options") or []}
        rows = []
        for number in vote.get("ranking") or []:
            option = options[number]
            label = self.option_label(option)
            if option.get("case") is not None and vote.get("chooses_cases"):
                label += f" {self.w('vote.becomes_case', case=option['case'])}"
            won = self.w("vote.won") if option.get("won") else ""
            rows.append((str(option.get("rank")), label, str(option.get("points")), won))
        headers = (
            self.w("vote.rank"),
            self.w("vote.option"),
            self.w("vote.result"),
            self.w("vote.outcome"),
        )
        blocks.append(Table(headers, tuple(rows), numeric=(0, 2)))
        for group in vote.get("ties") or []:
            names = " / ".join(self.option_label(options[n], long=False) for n in group)
            each = options[group[0]].get("points", 0)
            amount = self.w("vote.point") if each == 1 else self.w("vote.points", n=each)
            blocks.append(Paragraph(self.w("vote.tie", options=names, points=amount)))
        if not vote.get("closed"):
            blocks.append(Paragraph(self.w("vote.open"), "note"))
        named = vote.get("named_ballots") or []
        if named:
            ordered = sorted(options)
            voters: tuple[str, ...] = (
                self.w("vote.voter"),
                *(self.option_label(options[n], long=False) for n in ordered),
            )
            ballot_rows = tuple(
                (str(b.get("voter") or ""), *(str(p) for p in b.get("points", []))) for b in named
            )
            blocks.append(Table(voters, ballot_rows, numeric=tuple(range(1, len(voters)))))
        return blocks

    # -- offers and needs ---------------------------------------------------------------------

    def market(self) -> list[Block]:
        """The matches of offer and need, then the offers, the needs and the open needs."""
        market = self.r.get("market") or {}
        offers: list[Record] = list(market.get("offers") or [])
        needs: list[Record] = list(market.get("needs") or [])
        if not offers and not needs:
            return []
        blocks: list[Block] = []
        lines = []
        for match in market.get("matches") or []:
            line = self.w(
                "market.match",
                giver=match.get("offered_by"),
                offer=self.card_text(match.get("offer_text")),
                taker=match.get("needed_by"),
                need=self.card_text(match.get("need_text")),
            )
            if match.get("manual"):
                line += f" ({self.w('market.manual')})"
            lines.append(line)
        blocks += section(
            self.w("market.matches"), [Bullets(tuple(lines))] if lines else [], kind="items"
        )
        for word, cards in (("market.offers", offers), ("market.needs", needs)):
            rows = tuple(
                (str(c.get("card")), str(c.get("person") or ""), self.card_text(c.get("text")))
                for c in cards
            )
            headers = (self.w("market.number"), self.w("person"), self.w(f"{word}.one"))
            table: list[Block] = [Table(headers, rows, numeric=(0,))] if rows else []
            blocks += section(self.w(word), table, kind="items")
        numbers = set(market.get("open_needs") or [])
        still = [
            f"{c.get('person')}: {self.card_text(c.get('text'))}"
            for c in needs
            if c.get("card") in numbers
        ]
        blocks += section(
            self.w("market.open"), [Bullets(tuple(still))] if still else [], kind="items"
        )
        hidden = sum(1 for c in [*offers, *needs] if c.get("withheld"))
        if hidden:
            blocks.append(self.left_out(hidden))
        return blocks

    def card_text(self, text: object) -> str:
        return str(text) if text is not None else self.w("confidential")

    # -- decisions ----------------------------------------------------------------------------

    def decisions(self) -> list[Block]:
        lines = [
            self.item_text(i, with_case=True)
            for i in self.items
            if i.get("kind") == "decision" and i.get("case") is None and not i.get("withheld")
        ]
        for vote in self.r.get("votes") or []:
            if not vote.get("closed") or not vote.get("winners"):
                continue
            options = {o["number"]: o for o in vote.get("options") or []}
            chosen = ", ".join(self.option_label(options[n], long=False) for n in vote["winners"])
            step = self.steps.get(vote.get("step"), {})
            title = step_label(step, self.lang) if step else ""
            lines.append(self.w("decision.vote", vote=title, options=chosen))
        lines += self.arranged()
        hidden = sum(
            1
            for i in self.items
            if i.get("kind") == "decision" and i.get("case") is None and i.get("withheld")
        )
        blocks: list[Block] = [Bullets(tuple(lines))] if lines else []
        if hidden:
            blocks.append(self.left_out(hidden))
        return blocks

    def arranged(self) -> list[str]:
        """Arrangements decided while running, once per phase and choice."""
        seen: set[tuple[Any, ...]] = set()
        lines = []
        for step in self.steps.values():
            choice = step.get("arranged")
            if not choice or step.get("status") == "dropped":
                continue
            key = (step.get("phase"), step.get("case"), choice.get("kind"), choice.get("count"))
            if key in seen:
                continue
            seen.add(key)
            line = self.w(
                "decision.arranged",
                phase=pick(step.get("title"), self.lang),
                kind=self.w(f"kind.{choice['kind']}"),
                planned=self.w(f"kind.{step.get('arrangement', 'plenum')}"),
            )
            if choice.get("reason"):
                line += f" ({choice['reason']})"
            lines.append(line)
        return lines
