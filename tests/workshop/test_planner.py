"""The workshop planner: agendas a trainer can follow, and clear refusals of plans that cannot work."""
from __future__ import annotations

import json
import time

import pytest
from typer.testing import CliRunner

from embargo_kit.cli.workshop import workshop_app
from embargo_kit.workshop.planner import (BREAK, EXERCISE, LUNCH, TEACHING, PlanError, clock, load_settings,
                                          parse_clock, plan,
                                          plan_fewest_days, to_html, to_markdown)
from tests.workshop.bookfixture import make_book

runner = CliRunner()


def _contiguous(day):
    return all(a.end == b.start for a, b in zip(day.slots, day.slots[1:]))


def test_real_awareness_track_is_planned_in_id_order(root):
    t0 = time.perf_counter()
    agenda = plan(root, ["awareness"], days=1, start="09:00", drop=["awareness-07"], end="17:00")
    seconds = time.perf_counter() - t0
    assert seconds < 2, f"planning took {seconds:.2f} s"
    ids = [lesson.id for lesson in agenda.lessons]
    assert ids == sorted(ids) and ids[0] == "awareness-01"
    day = agenda.days[0]
    assert clock(day.start) == "09:00" and day.end <= parse_clock("17:00") and _contiguous(day)
    assert day.total(TEACHING) == sum(lesson.teaching for lesson in agenda.lessons)
    assert day.total(EXERCISE) == sum(lesson.exercises for lesson in agenda.lessons)
    lunch = [s for s in day.slots if s.kind == LUNCH]
    assert len(lunch) == 1 and parse_clock("11:45") <= lunch[0].start <= parse_clock("13:30")


def test_two_days_reset_the_clock_and_total_each_day(book):
    agenda = plan(book, ["awareness", "port"], days=2, start="08:30")
    assert [clock(d.start) for d in agenda.days] == ["08:30", "08:30"]
    assert all(_contiguous(d) for d in agenda.days)
    assert agenda.days[0].slots[0].title.startswith("Opening") and "Pre-test" in agenda.days[0].slots[1].title
    assert agenda.days[1].slots[0].title.startswith("Recap of day 1")
    assert "Post-test" in agenda.days[1].slots[-2].title and "evaluation" in agenda.days[1].slots[-1].title
    md = to_markdown(agenda)
    assert md.count("## Day ") == 2 and "08:30–" in md and "Day 1 total:" in md and "Day 2 total:" in md
    assert sum(d.total(TEACHING) for d in agenda.days) == 25 + 25 + 30 + 30 + 30
    html = to_html(agenda)
    assert "<h2>Day 2</h2>" in html and "http" not in html.replace("http-equiv", "")


def test_no_stretch_without_a_pause_is_longer_than_two_hours(book):
    for day in plan(book, ["awareness", "port"], days=2).days:
        run = 0
        for slot in day.slots:
            run = 0 if slot.kind in (BREAK, LUNCH) else run + slot.minutes
            assert run <= 120 + 45, f"day {day.number}: {run} min without a break at {clock(slot.end)}"


def test_pick_and_drop_lessons(book):
    agenda = plan(book, ["awareness"], drop=["awareness-03"])
    assert [l.id for l in agenda.lessons] == ["awareness-01", "awareness-02"]
    agenda = plan(book, only=["awareness-01", "awareness-03"], add=["port-01"])
    assert [l.id for l in agenda.lessons] == ["awareness-01", "awareness-03", "port-01"]


def test_missing_prerequisite_is_a_note_not_a_refusal(book):
    agenda = plan(book, ["port"])
    assert any("port-01 assumes awareness-03" in note for note in agenda.notes)


@pytest.mark.parametrize("kwargs, words", [
    (dict(only=["awareness-09"]), ["awareness-09", "not a lesson", "Did you mean"]),
    (dict(tracks=["customs"]), ["customs", "no lessons"]),
    (dict(only=["port-01", "awareness-03"]), ["port-01 needs awareness-03 first"]),
    (dict(tracks=["port", "awareness"]), ["needs awareness-03 first"]),
    (dict(tracks=["awareness", "port"], end="12:00"), ["do not fit", "--days 2"]),
    (dict(tracks=["awareness"], days=4), ["day 4 would have no lessons"]),
    (dict(tracks=["awareness"], start="9.00"), ["HH:MM"]),
])
def test_impossible_plans_are_refused_with_a_sentence(book, kwargs, words):
    with pytest.raises(PlanError) as info:
        plan(book, **kwargs)
    for word in words:
        assert word in str(info.value)


def test_a_lesson_longer_than_a_day_is_refused(tmp_path):
    root = make_book(tmp_path, [("awareness-01", "Marathon", "awareness", 400, 100, "")])
    with pytest.raises(PlanError, match="awareness-01 takes 500 min"):
        plan(root, ["awareness"])


def test_fewest_days(book):
    assert len(plan_fewest_days(book, ["awareness", "port"]).days) == 1
    assert len(plan_fewest_days(book, ["awareness", "port"], end="13:00").days) == 2


def test_cli_writes_agenda_and_refuses_cleanly(book, tmp_path):
    out = tmp_path / "agenda"
    result = runner.invoke(workshop_app, ["plan", "--tracks", "awareness,port", "--days", "2", "--start", "09:00",
                                          "--out", str(out), "--no-pdf", "--root", str(book)])
    assert result.exit_code == 0, result.output
    assert "planned 5 lessons over 2 day(s)" in result.output
    data = json.loads((out / "agenda.json").read_text())
    assert [d["start"] for d in data["days"]] == ["09:00", "09:00"]
    assert (out / "agenda.md").exists() and (out / "agenda.html").exists()
    bad = runner.invoke(workshop_app, ["plan", "--tracks", "port,awareness", "--out", str(out), "--root", str(book)])
    assert bad.exit_code == 1 and "needs awareness-03 first" in bad.output and "Traceback" not in bad.output


def test_cli_prints_a_pdf_where_chromium_exists(book, tmp_path):
    from tests.conftest import require_tool

    require_tool("chromium", "chromium")
    out = tmp_path / "agenda"
    result = runner.invoke(workshop_app, ["plan", "--tracks", "awareness", "--out", str(out), "--root", str(book)])
    assert result.exit_code == 0, result.output
    assert (out / "agenda.pdf").read_bytes()[:5] == b"%PDF-"


PORT_PATH = [f"awareness-0{n}" for n in range(1, 6)] + [f"port-0{n}" for n in range(1, 6)]


def test_readme_port_path_fits_two_days_0900_to_1630_with_an_hour_for_lunch(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "port path (awareness-01 to -05, then port-01 to -05) fits two days of 09:00–16:30" in readme
    agenda = plan(root, only=PORT_PATH, days=2, start="09:00", end="16:30",
                  settings=load_settings(lunch=60))
    assert all(d.end <= parse_clock("16:30") for d in agenda.days)
    assert [sum(s.minutes for s in d.slots if s.kind == LUNCH) for d in agenda.days] == [60, 60]


def test_refusal_gives_minutes_available_asked_and_the_smallest_cuts(root):
    with pytest.raises(PlanError) as info:
        plan(root, only=PORT_PATH + ["awareness-06"], days=2, start="09:00", end="16:30")
    text = str(info.value)
    asked = sum(lesson.minutes for lesson in plan(root, only=PORT_PATH + ["awareness-06"], days=3).lessons)
    assert f"ask for {asked} min" in text and "have about" in text
    room = int(text.split("have about ")[1].split(" min")[0])
    assert room < asked, "the minutes available must be fewer than those asked"
    assert "drop awareness-06" in text and "--days 3" in text
    cut = text.split("Smallest changes that fit: drop ")[1].split(" (")[0].split(" and ")
    assert plan(root, only=[i for i in PORT_PATH + ["awareness-06"] if i not in cut], days=2, end="16:30")


def test_lunch_break_and_capstone_slots_are_options(book):
    agenda = plan(book, ["awareness"], days=1, settings=load_settings(lunch=45, **{"break": 20}, capstone=90))
    day = agenda.days[-1]
    assert [s.minutes for s in day.slots if s.kind == LUNCH] == [45]
    assert all(s.minutes == 20 for s in day.slots if s.kind == BREAK)
    capstone = [s for s in day.slots if "Capstone" in s.title]
    assert len(capstone) == 1 and capstone[0].minutes == 90
    assert day.slots.index(capstone[0]) < next(n for n, s in enumerate(day.slots) if "Post-test" in s.title)


def test_plan_file_drives_the_kit_and_options_override_it(book, tmp_path):
    out = tmp_path / "plan"
    result = runner.invoke(workshop_app, ["plan", "--tracks", "awareness,port", "--days", "2", "--lunch", "45",
                                          "--paper", "Letter", "--out", str(out), "--no-pdf", "--root", str(book)])
    assert result.exit_code == 0, result.output
    data = json.loads((out / "plan.json").read_text())
    assert data["schema"] == 1 and data["inputs"]["lunch"] == 45 and data["inputs"]["paper"] == "Letter"
    assert [d["day"] for d in data["agenda"]["days"]] == [1, 2]
    kits = tmp_path / "kits"
    result = runner.invoke(workshop_app, ["kit", "--plan", str(out / "plan.json"), "--drop", "port-01", "--out",
                                          str(kits), "--no-pdf", "--root", str(book)])
    assert result.exit_code == 0, result.output
    agenda = (kits / "trainer-kit-awareness-port" / "agenda" / "agenda.md").read_text()
    assert "awareness-01" in agenda and "**port-01**" not in agenda and "| 45 |" in agenda
    assert not (kits / "learner-kit-awareness-port" / "slides" / "port-01-slides.html").exists()
    bad = runner.invoke(workshop_app, ["kit", "--plan", str(tmp_path / "nope.json"), "--out", str(kits)])
    assert bad.exit_code == 2 and "no such plan file" in bad.output and "Traceback" not in bad.output
    bad = runner.invoke(workshop_app, ["plan", "--tracks", "awareness", "--paper", "A3", "--out", str(out)])
    assert bad.exit_code == 2 and "A4 or Letter" in bad.output
