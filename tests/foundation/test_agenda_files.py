"""A facilitator writes a whole day as an agenda file and plans it with clock times.

The example days in formats/agendas/ are what the tests plan: the conference for 93 with lunch
at 12:30, the team day with Kollegiale Beratung before and after lunch, the Lernwerkstatt.
Every mistake in an agenda file is one paragraph that names file, line and key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from formatkern.agenda import catalog_resolver, load_agenda, load_any, parse_agenda
from formatkern.cli import cli
from formatkern.errors import FormatError, PlanError
from formatkern.i18n import pick
from formatkern.model import Day, PartKind
from formatkern.participants import People
from formatkern.plan import Plan, Settings, Step, format_clock, make_plan, parse_clock
from formatkern.render import plan_text

ROOT = Path(__file__).resolve().parents[2]
AGENDAS = ROOT / "formats" / "agendas"
CONFERENCE = AGENDAS / "sozialraum-konferenz.toml"
TEAM_DAY = AGENDAS / "qm-teamtag.toml"
WORKSHOP = AGENDAS / "lernwerkstatt.toml"
DAYS = sorted(AGENDAS.glob("*.toml"))

HEAD = 'agenda = 1\nid = "tag"\ntitle = "Tag"\n\n'
"""The head of the small agendas below: their first block starts on line 5."""


def plan_day(path: Path, people: int | list[str], start: str = "09:00", **settings: object) -> Plan:
    who = People(people) if isinstance(people, int) else People.of_names(people)
    return make_plan(load_agenda(path), Settings(who, start=parse_clock(start), **settings))  # type: ignore[arg-type]


def steps_of(plan: Plan, phase_id: str) -> list[Step]:
    return [s for s in plan.steps if s.phase.id == phase_id]


def clock(plan: Plan, seconds: int) -> str:
    return format_clock(plan.start + seconds)


def agenda_problems(body: str, name: str = "tag.toml") -> list[str]:
    with pytest.raises(FormatError) as caught:
        parse_agenda(HEAD + body, name, catalog_resolver(ROOT / "formats"))
    return caught.value.problems


@pytest.fixture
def conference() -> Plan:
    """The conference day for 93 people from 09:30."""
    return plan_day(CONFERENCE, 93, "09:30")


# -- the conference for 93 ---------------------------------------------------------------------


def test_the_conference_starts_at_half_past_nine_with_the_welcome(conference: Plan) -> None:
    first = conference.steps[0]
    assert first.phase.id == "begruessung"
    assert clock(conference, first.start) == "09:30"
    assert conference.late == ()


def test_lunch_is_from_12_30_to_13_30_and_a_buffer_fills_the_gap_before_it(
    conference: Plan,
) -> None:
    (lunch,) = steps_of(conference, "mittagspause")
    assert (clock(conference, lunch.start), clock(conference, lunch.end)) == ("12:30", "13:30")
    buffer = conference.steps[lunch.index - 1]
    assert buffer.phase.id == "mittagspause:buffer"
    assert pick(buffer.phase.title, "de") == "Puffer bis Mittagspause"
    assert buffer.part is None  # the buffer belongs to no block
    assert buffer.seconds > 0
    assert buffer.end == lunch.start
    assert conference.steps[buffer.index - 1].end == buffer.start  # right after the walk


def test_the_group_work_seats_19_groups_for_each_of_the_four_guiding_questions(
    conference: Plan,
) -> None:
    written = tomllib.loads(CONFERENCE.read_text(encoding="utf-8"))
    (block,) = [b for b in written["blocks"] if b.get("id") == "leitfragen"]
    questions = [q["de"] for q in block["rounds"]["questions"]]
    steps = steps_of(conference, "leitfragen")
    assert [(s.round, s.rounds) for s in steps] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert [pick(s.question, "de") for s in steps] == questions
    for step in steps:
        assert len(step.groups) == 19
        assert sum(step.groups) == 93


def test_the_gallery_walk_has_one_station_per_group_of_the_group_work(conference: Plan) -> None:
    walk = steps_of(conference, "galerie.rundgang")
    assert len(walk) == 19  # every team visits every station once
    for step in [*walk, *steps_of(conference, "galerie.rueckkehr")]:
        assert step.arrangement.kind.value == "stations"
        assert step.arrangement.keep == "leitfragen"
        assert len(step.groups) == 19
        assert sum(step.groups) == 93
    assert {s.seconds for s in walk} == {120}  # durations = { rundgang = "2m" }


def test_the_world_cafe_seats_93_at_19_tables_with_a_host_each(conference: Plan) -> None:
    rounds = steps_of(conference, "vertiefung.runden")
    assert len(rounds) == 3
    for step in rounds:
        assert len(step.groups) == 19
        assert step.arrangement.hosts
    assert conference.roles == {"vertiefung.host": 19, "vertiefung.traveller": 74}


def test_the_printed_plan_of_the_conference_shows_its_blocks_and_lunch(conference: Plan) -> None:
    text = plan_text(conference, "de")
    lines = text.splitlines()
    assert lines[0].startswith("Fachtag Sozialraumorientierung — 93 Teilnehmende — 09:30–")
    assert "▸ Galerierundgang über die Ergebnisse (gallery-walk)" in lines
    assert "▸ Themen für den Nachmittag wählen (punktabfrage)" in lines
    assert "▸ Vertiefung im World Café (world-cafe)" in lines
    (lunch,) = [line for line in lines if "Mittagspause" in line and "Puffer" not in line]
    assert lunch.startswith("12:30–13:30")
    assert any(
        line.startswith("12:26–12:30") and "Puffer bis Mittagspause" in line for line in lines
    )
    assert "Rollen (Vertiefung im World Café): Gastgeber:in 19 · Reisende:r 74" in lines
    assert "soll um" not in text  # nothing is late


def test_formatkern_plan_prints_the_conference_day_from_the_command_line() -> None:
    result = CliRunner().invoke(
        cli, ["plan", str(CONFERENCE), "--participants", "93", "--start", "09:30"]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "09:30–" in lines[0]
    assert any("Mittagspause" in line and line.startswith("12:30") for line in lines)


def test_formatkern_check_passes_the_example_days() -> None:
    result = CliRunner().invoke(cli, ["check", *(str(p) for p in DAYS)])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("ok  ") == len(DAYS)


# -- roles per block ---------------------------------------------------------------------------


def test_each_talk_of_the_workshop_has_its_own_speaker_and_audience() -> None:
    plan = plan_day(WORKSHOP, 20)
    assert plan.roles == {
        "input-beteiligung.referent": 1,
        "input-beteiligung.publikum": 19,
        "input-methoden.referent": 1,
        "input-methoden.publikum": 19,
    }
    text = plan_text(plan, "de")
    assert "Rollen (Input: Stufen der Beteiligung): Referent:in 1 · Zuhörende 19" in text
    assert "Rollen (Input: Methoden für schwer erreichbare Gruppen): Referent:in 1" in text


def test_the_afternoon_of_the_team_day_shares_the_roles_of_the_morning() -> None:
    plan = plan_day(TEAM_DAY, 8)
    day = plan.format
    assert isinstance(day, Day)
    morning, afternoon = day.part("vormittag"), day.part("nachmittag")
    assert afternoon.continues == "vormittag"
    assert afternoon.roles == morning.roles
    assert "vormittag.fallerzaehler" in morning.roles
    assert not any(r.id.startswith("nachmittag.") for r in day.roles)
    lines = plan_text(plan, "de").splitlines()
    assert [line for line in lines if line.startswith("Rollen")] == [
        "Rollen (Kollegiale Beratung am Vormittag): Moderator:in 1 · Fallerzähler:in 1 · "
        "Berater:in 6 (davon Sekretär:in 1) · Prozessbeobachter:in 0"
    ]


def test_cases_are_numbered_across_the_day_and_the_afternoon_collects_no_new_cases() -> None:
    plan = plan_day(TEAM_DAY, 8)
    morning = {s.case for s in plan.steps if s.phase.id.startswith("vormittag.")}
    afternoon = {s.case for s in plan.steps if s.phase.id.startswith("nachmittag.")}
    assert morning == {None, 1, 2, 3}  # the collection and the vote belong to no case
    assert afternoon == {4, 5}
    assert plan.cases == 5
    assert not steps_of(plan, "nachmittag.fallsammlung")
    assert not steps_of(plan, "nachmittag.fallauswahl")
    (lunch,) = steps_of(plan, "mittagspause")
    assert clock(plan, lunch.start) == "12:30"


# -- every example day -------------------------------------------------------------------------


@pytest.mark.parametrize("path", DAYS, ids=lambda p: p.stem)
def test_every_example_day_loads_and_plans_for_its_smallest_and_a_large_group(path: Path) -> None:
    day = load_any(path)
    assert isinstance(day, Day)
    limits = day.participants
    assert limits.max is not None
    first = day.parts[0].at
    assert first is not None  # each example day starts at a fixed time
    for n in (limits.min, limits.max):
        plan = make_plan(day, Settings(People(n), start=first))
        assert plan.late == ()
        assert plan.steps[0].start == 0
        for before, after in zip(plan.steps, plan.steps[1:], strict=False):
            assert after.start == before.end
        blocks = {s.part for s in plan.steps if s.part is not None}
        assert blocks == set(range(len(day.parts)))  # no block is lost
        assert all(s.phase.id.endswith(":buffer") for s in plan.steps if s.part is None)
        for part in day.parts:
            if part.at is not None:
                start = next(s.start for s in plan.steps if s.part == day.parts.index(part))
                assert plan.start + start == part.at, part.id
    for n in (limits.min - 1, limits.max + 1):
        with pytest.raises(PlanError, match=f"{day.id} needs at least {limits.min}"):
            make_plan(day, Settings(People(n), start=first))


def test_load_any_reads_a_format_file_as_a_format_and_an_agenda_as_a_day() -> None:
    fmt = load_any(ROOT / "formats" / "world-cafe.toml")
    assert not isinstance(fmt, Day)
    assert fmt.id == "world-cafe"
    day = load_any(TEAM_DAY)
    assert isinstance(day, Day)
    assert [p.kind for p in day.parts][:4] == [
        PartKind.FREE,
        PartKind.FREE,
        PartKind.BREAK,
        PartKind.FORMAT,
    ]


# -- mistakes in agenda files ------------------------------------------------------------------

CAFE = '[[blocks]]\nformat = "world-cafe"\nid = "cafe"\n'
"""A World Café block on lines 5-7; a key added after it is on line 8."""

MISTAKES = {
    "unknown phase in rounds": (
        CAFE + "rounds = { rundne = 3 }\n",
        "tag.toml:8: blocks[0].rounds.rundne: ",
        'world-cafe has no phase "rundne"; did you mean "runden"?',
    ),
    "unknown phase in durations": (
        CAFE + 'durations = { ernet = "10m" }\n',
        "tag.toml:8: blocks[0].durations.ernet: ",
        'did you mean "ernte"?',
    ),
    "rounds out of range": (
        CAFE + "rounds = { runden = 9 }\n",
        "tag.toml:8: blocks[0].rounds.runden: ",
        "runs 3 to 5 rounds, got 9",
    ),
    "duration out of range": (
        CAFE + 'durations = { runden = "2h" }\n',
        "tag.toml:8: blocks[0].durations.runden: ",
        "got 120 min",
    ),
    "bad clock time": (
        CAFE + 'at = "25:00"\n',
        "tag.toml:8: blocks[0].at: ",
        '"25:00" is not a clock time; write it as HH:MM',
    ),
    "bad clock time of a talk": (
        '[[blocks]]\nkind = "talk"\nid = "impuls"\ntitle = "Impuls"\nduration = "5m"\n'
        'at = "9.30"\n',
        "tag.toml:10: blocks[0].at: ",
        '"9.30" is not a clock time',
    ),
    "unknown block kind": (
        '[[blocks]]\nkind = "lunch"\nid = "essen"\nduration = "1h"\n',
        "tag.toml:6: blocks[0].kind: ",
        'is of kind "talk", "break" or "free", got \'lunch\'',
    ),
    "two blocks with the same id": (
        '[[blocks]]\nkind = "break"\nid = "pause"\nduration = "5m"\n\n'
        '[[blocks]]\nkind = "break"\nid = "pause"\nduration = "10m"\n',
        "tag.toml:12: blocks[1].id: ",
        '"pause" is the id of an earlier block',
    ),
    "continues a block of another format": (
        CAFE + '\n[[blocks]]\nformat = "kollegiale-beratung"\nid = "kb"\ncontinues = "cafe"\n',
        "tag.toml:12: blocks[1].continues: ",
        "'cafe' is no earlier block of kollegiale-beratung",
    ),
    "without a phase that is not optional": (
        CAFE + 'without = ["runden"]\n',
        "tag.toml:8: blocks[0].without: ",
        "world-cafe's phase 'runden' is not optional",
    ),
    "keep of a phase that is not earlier": (
        '[[blocks]]\nformat = "gallery-walk"\nid = "galerie"\n'
        'arrangements = { rundgang = { kind = "stations", keep = "leitfragen" } }\n',
        "tag.toml:8: blocks[0].arrangements.rundgang.keep: ",
        "'leitfragen' is no phase of an earlier block",
    ),
    "unknown format id": (
        '[[blocks]]\nformat = "wrold-cafe"\nid = "cafe"\n',
        "tag.toml:6: blocks[0].format: ",
        'no format "wrold-cafe" is known',
    ),
    "format file that is not there": (
        '[[blocks]]\nformat = "eigene.toml"\nid = "eigene"\n',
        "tag.toml:6: blocks[0].format: ",
        "eigene.toml: no such file",
    ),
}


@pytest.mark.parametrize(("body", "where", "what"), MISTAKES.values(), ids=list(MISTAKES))
def test_a_mistake_in_an_agenda_is_one_paragraph_naming_file_line_and_key(
    body: str, where: str, what: str
) -> None:
    (problem,) = agenda_problems(body)
    assert "\n" not in problem
    assert problem.startswith(where), problem
    assert what in problem


def test_an_agenda_without_agenda_1_at_the_top_is_refused() -> None:
    text = 'id = "tag"\ntitle = "Tag"\n\n[[blocks]]\nkind = "break"\nid = "p"\nduration = "5m"\n'
    with pytest.raises(FormatError) as caught:
        parse_agenda(text, "tag.toml", catalog_resolver(ROOT / "formats"))
    assert caught.value.problems == ["tag.toml: the key `agenda = 1` is missing at the top"]
    with pytest.raises(FormatError) as caught:
        parse_agenda("agenda = 2\n" + text, "tag.toml", catalog_resolver(ROOT / "formats"))
    assert caught.value.problems == [
        "tag.toml:1: agenda: version 2 is unknown; this formatkern reads 1"
    ]


def test_every_mistake_of_an_agenda_is_reported_at_once_in_file_order() -> None:
    body = (
        CAFE
        + "rounds = { runden = 9 }\n\n"
        + '[[blocks]]\nkind = "break"\nid = "cafe"\nduration = "5m"\nat = "12.30"\n'
    )
    assert [p.split(": ")[0:2] for p in agenda_problems(body)] == [
        ["tag.toml:8", "blocks[0].rounds.runden"],
        ["tag.toml:14", "blocks[1].at"],
    ]


def test_an_optional_phase_may_be_left_out_of_a_block() -> None:
    day = parse_agenda(
        HEAD + '[[blocks]]\nformat = "impuls"\nid = "input"\nwithout = ["murmelrunde"]\n',
        "tag.toml",
        catalog_resolver(ROOT / "formats"),
    )
    assert day.part("input").phases == ("input.vortrag", "input.fragen")


def test_a_block_of_someone_who_is_not_there_cannot_be_planned(tmp_path: Path) -> None:
    agenda = tmp_path / "tag.toml"
    agenda.write_text(
        HEAD + '[[blocks]]\nkind = "free"\nid = "kern"\ntitle = "Kerngruppe"\n'
        'duration = "20m"\nparticipants = ["Anna", "Zoe"]\n',
        encoding="utf-8",
    )
    with pytest.raises(PlanError, match=r"^block kern: Zoe is not among the participants\.$"):
        plan_day(agenda, ["Anna", "Ben", "Cem"])


def test_a_block_at_a_time_the_plan_cannot_reach_is_listed_as_late(tmp_path: Path) -> None:
    agenda = tmp_path / "tag.toml"
    agenda.write_text(
        HEAD + '[[blocks]]\nkind = "talk"\nid = "vortrag"\ntitle = "Vortrag"\nduration = "1h"\n'
        'at = "09:00"\n\n'
        '[[blocks]]\nkind = "break"\nid = "kaffee"\ntitle = "Kaffeepause"\nduration = "15m"\n'
        'at = "09:30"\n',
        encoding="utf-8",
    )
    plan = plan_day(agenda, 12)
    assert plan.late == (("kaffee", 30 * 60),)
    (coffee,) = steps_of(plan, "kaffee")
    assert clock(plan, coffee.start) == "10:00"  # it follows the talk; no buffer, no gap
    assert not any(s.phase.id.endswith(":buffer") for s in plan.steps)
    text = plan_text(plan, "de")
    assert text.endswith(
        "Kaffeepause soll um 09:30 beginnen, beginnt nach Plan aber erst 30 Min. später."
    )


# -- the facilitator's settings on a day -------------------------------------------------------


def test_rounds_of_a_day_are_set_with_the_blocks_phase_ids(conference: Plan) -> None:
    more = plan_day(CONFERENCE, 93, "09:30", rounds={"vertiefung.runden": 4})
    assert len(steps_of(more, "vertiefung.runden")) == 4
    assert more.end - conference.end == 20 * 60
    with pytest.raises(PlanError, match="has no phase 'runden'"):
        plan_day(CONFERENCE, 93, "09:30", rounds={"runden": 4})
    with pytest.raises(PlanError, match=r"phase vertiefung\.runden runs 3 to 5 rounds, got 9"):
        plan_day(CONFERENCE, 93, "09:30", rounds={"vertiefung.runden": 9})


def test_an_optional_phase_of_one_block_is_left_out_with_its_day_id() -> None:
    plan = plan_day(WORKSHOP, 20, skip=("input-beteiligung.murmelrunde",))
    assert not steps_of(plan, "input-beteiligung.murmelrunde")
    assert steps_of(plan, "input-methoden.murmelrunde")  # the other talk keeps its buzz
    (lunch,) = steps_of(plan, "mittagspause")
    assert clock(plan, lunch.start) == "12:30"  # the buffer grows instead


def test_the_cases_of_a_day_are_set_in_its_file_not_for_the_whole_day() -> None:
    with pytest.raises(PlanError, match="set the number of cases per block in its file"):
        plan_day(TEAM_DAY, 8, cases=2)


def test_show_lists_the_blocks_of_a_day_with_their_times_and_phases() -> None:
    from formatkern.render import format_text

    text = format_text(load_any(AGENDAS / "qm-teamtag.toml"), "de")
    assert "Blöcke:" in text
    assert "12:30  Mittagspause — Pause" in text
    assert (
        "Kollegiale Beratung am Nachmittag — kollegiale-beratung, 2 Fälle, setzt vormittag fort"
        in text
    )
    assert text.index("Fallsammlung") < text.index("Mittagspause")


def test_a_day_may_use_a_method_from_the_facilitators_own_folder(tmp_path: Path) -> None:
    own = tmp_path / "methoden"
    own.mkdir()
    text = (ROOT / "formats" / "impuls.toml").read_text(encoding="utf-8")
    (own / "stille-post.toml").write_text(
        text.replace('id = "impuls"', 'id = "stille-post"', 1), encoding="utf-8"
    )
    day = tmp_path / "tag.toml"
    day.write_text(
        'agenda = 1\nid = "tag"\ntitle = "Tag"\n\n[[blocks]]\nformat = "stille-post"\n',
        encoding="utf-8",
    )
    args = ["--formats-dir", str(own)]
    checked = CliRunner().invoke(cli, [*args, "check", str(day)])
    assert checked.exit_code == 0, checked.output
    planned = CliRunner().invoke(cli, [*args, "plan", str(day), "--participants", "12"])
    assert planned.exit_code == 0, planned.output
    assert "stille-post" in planned.stdout
    without = CliRunner().invoke(cli, ["check", str(day)])
    assert without.exit_code == 1
    assert 'blocks[0].format: no format "stille-post" is known' in without.output
