"""The workshop planner: lessons and tracks in, an agenda with clock times out.

``plan(root, tracks=["awareness", "port"], days=2, start="09:00")`` reads the lesson contract (front matter:
``teaching`` and ``exercises`` minutes, ``prerequisites``) of every lesson it finds under ``book/``, lays the
lessons out over the days like a conference programme (opening and pre-test on day 1, recap on later days,
breaks and lunch placed by the rules of ``data/workshop/days.yaml``, post-test and evaluation on the last
day, the clock restarting each morning) and returns an :class:`Agenda`; :func:`to_markdown` and
:func:`to_html` render it. An impossible plan raises :class:`PlanError` with a sentence saying what to change.
"""
from __future__ import annotations

import difflib
import html
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from embargo_kit.workshop.lessons import TRACK_NAMES, Lesson, discover, track_lessons

__all__ = ["PlanError", "Settings", "Slot", "Day", "Agenda", "load_settings", "plan", "plan_fewest_days", "to_markdown", "to_html",
           "clock", "parse_clock"]

TEACHING, EXERCISE, BREAK, LUNCH, SESSION = "teaching", "exercise", "break", "lunch", "session"


class PlanError(ValueError):
    """The plan cannot be made as asked; the message says why and what to change."""


def parse_clock(text: str) -> int:
    """``"09:30"`` -> 570 (minutes after midnight)."""
    try:
        hours, minutes = str(text).strip().split(":")
        value = int(hours) * 60 + int(minutes)
        if not (0 <= int(hours) < 24 and 0 <= int(minutes) < 60):
            raise ValueError
    except ValueError:
        raise PlanError(f"{text!r} is not a time of day: write it as HH:MM, e.g. 09:00") from None
    return value


def clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class Settings:
    start: int = 9 * 60
    end: int = 17 * 60
    lunch: int = 60
    lunch_not_before: int = 11 * 60 + 45
    lunch_not_after: int = 13 * 60 + 30
    break_: int = 15
    max_run: int = 120
    opening: int = 15
    pre_test: int = 20
    recap: int = 15
    day_close: int = 10
    post_test: int = 20
    close: int = 15
    capstone: int = 0  # minutes of the inter-agency tabletop (book/capstone) on the last day; 0: none


def load_settings(path: str | Path | None = None, **overrides) -> Settings:
    """The day settings: ``data/workshop/days.yaml`` (or ``path``), then ``overrides`` (None values ignored)."""
    if path is None:
        text = resources.files("embargo_kit").joinpath("data/workshop/days.yaml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    raw = yaml.safe_load(text) or {}
    raw.update({k: v for k, v in overrides.items() if v is not None})
    values = {}
    for key, value in raw.items():
        name = "break_" if key == "break" else key
        if name not in Settings.__dataclass_fields__:
            raise PlanError(f"unknown day setting {key!r}; known: "
                            + ", ".join(k.rstrip("_") for k in Settings.__dataclass_fields__))
        if name in ("start", "end", "lunch_not_before", "lunch_not_after"):
            values[name] = parse_clock(value) if not isinstance(value, int) else value
        else:
            if not isinstance(value, int) or value < 0:
                raise PlanError(f"day setting {key!r} must be a whole number of minutes, not {value!r}")
            values[name] = value
    settings = Settings(**values)
    if settings.end <= settings.start:
        raise PlanError(f"the day ends ({clock(settings.end)}) before it starts ({clock(settings.start)})")
    return settings


@dataclass
class Slot:
    start: int
    minutes: int
    kind: str  # teaching | exercise | break | lunch | session
    title: str
    lesson: str = ""

    @property
    def end(self) -> int:
        return self.start + self.minutes

    @property
    def when(self) -> str:
        return f"{clock(self.start)}–{clock(self.end)}"


@dataclass
class Day:
    number: int
    slots: list[Slot] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.slots[0].start

    @property
    def end(self) -> int:
        return self.slots[-1].end

    def total(self, *kinds: str) -> int:
        return sum(s.minutes for s in self.slots if s.kind in kinds)

    @property
    def lessons(self) -> list[str]:
        return list(dict.fromkeys(s.lesson for s in self.slots if s.lesson))


@dataclass
class Agenda:
    tracks: tuple[str, ...]
    lessons: list[Lesson]
    days: list[Day]
    settings: Settings
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        names = [TRACK_NAMES.get(t, t) for t in self.tracks] or ["selected lessons"]
        return "Workshop agenda: " + " and ".join(names)

    def total(self, *kinds: str) -> int:
        return sum(day.total(*kinds) for day in self.days)

    def as_dict(self) -> dict:
        return {
            "title": self.title,
            "tracks": list(self.tracks),
            "lessons": [lesson.id for lesson in self.lessons],
            "notes": self.notes,
            "days": [
                {"day": d.number, "start": clock(d.start), "end": clock(d.end),
                 "teaching": d.total(TEACHING), "exercises": d.total(EXERCISE),
                 "breaks": d.total(BREAK, LUNCH), "sessions": d.total(SESSION),
                 "slots": [{"start": clock(s.start), "end": clock(s.end), "minutes": s.minutes, "kind": s.kind,
                            "title": s.title, "lesson": s.lesson} for s in d.slots]}
                for d in self.days
            ],
        }


# ------------------------------------------------------------------------------------------ selecting


def _unknown(ids: Iterable[str], known: dict[str, Lesson], what: str) -> None:
    for lesson_id in ids:
        if lesson_id not in known:
            close = difflib.get_close_matches(lesson_id, list(known), n=3)
            hint = f" Did you mean {', '.join(close)}?" if close else ""
            raise PlanError(f"{what} {lesson_id!r} is not a lesson of this book.{hint} "
                            f"Known lessons: {', '.join(known) or 'none'}.")


def select(known: dict[str, Lesson], tracks: Sequence[str] = (), only: Sequence[str] = (),
           drop: Sequence[str] = (), add: Sequence[str] = ()) -> list[Lesson]:
    """The lessons of a plan, in teaching order.

    ``only`` (explicit lesson IDs, in the order given) replaces the track selection; otherwise each track's
    lessons come in the order the tracks are named, a lesson shared by two tracks once. ``add`` appends
    lessons, ``drop`` removes them.
    """
    _unknown(only, known, "lesson")
    _unknown(add, known, "lesson")
    _unknown(drop, known, "lesson to drop")
    for track in tracks:
        if not track_lessons(known, track):
            found = sorted({t for lesson in known.values() for t in lesson.tracks})
            raise PlanError(f"track {track!r} has no lessons in this book; tracks with lessons: {', '.join(found)}.")
    if only:
        ids = list(dict.fromkeys(only))
    else:
        ids = list(dict.fromkeys(lesson.id for track in tracks for lesson in track_lessons(known, track)))
    ids += [a for a in add if a not in ids]
    ids = [i for i in ids if i not in set(drop)]
    if not ids:
        raise PlanError("no lessons left to plan: name at least one track (--tracks) or lesson (--lessons)")
    return [known[i] for i in ids]


def check_prerequisites(lessons: list[Lesson], known: dict[str, Lesson]) -> list[str]:
    """Refuse a prerequisite taught after the lesson that needs it; note those left out of the plan."""
    position = {lesson.id: n for n, lesson in enumerate(lessons)}
    notes = []
    for n, lesson in enumerate(lessons):
        for prereq in lesson.prerequisites:
            if prereq in position and position[prereq] > n:
                raise PlanError(f"{lesson.id} needs {prereq} first, but {prereq} comes later in the plan. "
                                f"Teach {prereq} earlier (name its track first in --tracks, or reorder --lessons).")
            if prereq not in position:
                notes.append(f"{lesson.id} assumes {prereq} ({known[prereq].title if prereq in known else 'unknown'}),"
                             " which is not in this plan: check that the room has taken it.")
    return notes


# ------------------------------------------------------------------------------------------ laying out


def _lay_out_day(number: int, lessons: list[Lesson], s: Settings, first: bool, last: bool) -> Day:
    day = Day(number)
    t, run, lunch_taken = s.start, 0, False

    def put(minutes: int, kind: str, title: str, lesson: str = "") -> None:
        nonlocal t, run
        if minutes <= 0:
            return
        day.slots.append(Slot(t, minutes, kind, title, lesson))
        t += minutes
        run = 0 if kind in (BREAK, LUNCH) else run + minutes

    def pause_before(block: int, closing: bool = False) -> None:
        nonlocal lunch_taken
        due = t >= 12 * 60 or (t >= s.lunch_not_before and t + block > s.lunch_not_after)
        if closing:
            due = due and t + block > s.lunch_not_after
        if not lunch_taken and due:
            put(s.lunch, LUNCH, "Lunch")
            lunch_taken = True
        elif run and run + block > s.max_run:
            put(s.break_, BREAK, "Break")

    if first:
        put(s.opening, SESSION, "Opening: introductions, aims of the workshop, logistics")
        put(s.pre_test, SESSION, "Pre-test (knowledge check before the workshop)")
    else:
        put(s.recap, SESSION, f"Recap of day {number - 1} and questions")
    for lesson in lessons:
        pause_before(lesson.minutes)
        put(lesson.teaching, TEACHING, lesson.title, lesson.id)
        put(lesson.exercises, EXERCISE, f"Exercise: {lesson.exercise_label}", lesson.id)
    if last and s.capstone:
        pause_before(s.capstone)
        put(s.capstone, SESSION, "Capstone: inter-agency tabletop exercise (book/capstone; teams by role)")
    if last:
        pause_before(s.post_test + s.close, closing=True)
        put(s.post_test, SESSION, "Post-test (knowledge check after the workshop)")
        put(s.close, SESSION, "Close: questions, next steps for each agency, evaluation questionnaire")
    else:
        put(s.day_close, SESSION, f"End of day {number}: questions, what comes tomorrow")
    return day


def _fits(day: Day, s: Settings) -> bool:
    return day.end <= s.end


def _distribute(lessons: list[Lesson], days: int, s: Settings, balanced: bool) -> list[Day] | None:
    out: list[Day] = []
    rest = list(lessons)
    for number in range(1, days + 1):
        first, last = number == 1, number == days
        target = sum(lesson.minutes for lesson in rest) / (days - number + 1)
        today: list[Lesson] = []
        while rest:
            trial = _lay_out_day(number, today + [rest[0]], s, first, last)
            load = sum(lesson.minutes for lesson in today)
            if not _fits(trial, s):
                break
            if balanced and today and not last and load + rest[0].minutes / 2 > target:
                break
            today.append(rest.pop(0))
        out.append(_lay_out_day(number, today, s, first, last))
    return None if rest else out


def _lay_out(lessons: list[Lesson], days: int, s: Settings) -> list[Day] | None:
    return _distribute(lessons, days, s, balanced=True) or _distribute(lessons, days, s, balanced=False)


def _hours(minutes: int) -> str:
    return f"{minutes // 60} h {minutes % 60:02d} min" if minutes >= 60 else f"{minutes} min"


def room_for_lessons(days: int, s: Settings) -> int:
    """About how many minutes of teaching and exercises ``days`` days hold: each day filled with 5-minute
    pieces, so the fixed sessions, lunch and the breaks the planner would place are taken out. Real lessons
    do not cut so finely, hence "about"."""
    piece = 5
    total = 0
    for number in range(1, days + 1):
        first, last = number == 1, number == days
        fitted = 0
        while True:
            filler = [Lesson(f"piece-{k}", "", (), piece, 0, (), (), Path()) for k in range(fitted + 1)]
            if not _fits(_lay_out_day(number, filler, s, first, last), s):
                break
            fitted += 1
        total += fitted * piece
    return total


def smallest_cuts(lessons: list[Lesson], days: int, s: Settings, most: int = 3, limit: int = 2) -> list[list[Lesson]]:
    """The fewest lessons whose removal makes the plan fit (fewest minutes lost first; at most ``limit`` ways)."""
    from itertools import combinations

    for size in range(1, most + 1):
        fits = []
        for cut in combinations(lessons, size):
            rest = [lesson for lesson in lessons if lesson not in cut]
            if rest and _lay_out(rest, days, s) is not None:
                fits.append(list(cut))
        if fits:
            # a cut that leaves a planned lesson without its prerequisite comes last
            def needed(cut: list[Lesson]) -> bool:
                ids = {lesson.id for lesson in cut}
                return any(p in ids for lesson in lessons if lesson not in cut for p in lesson.prerequisites)

            fits.sort(key=lambda cut: (needed(cut), sum(lesson.minutes for lesson in cut), [lesson.id for lesson in cut]))
            return fits[:limit]
    return []


def latest_end_needed(lessons: list[Lesson], days: int, s: Settings) -> int | None:
    """The earliest end of day (in 15-minute steps, before 20:00) at which the lessons fit, or None."""
    for end in range(s.end + 15, 20 * 60 + 1, 15):
        if _lay_out(lessons, days, replace(s, end=end)) is not None:
            return end
    return None


def refusal(lessons: list[Lesson], days: int, s: Settings) -> str:
    """Why the plan does not fit, the minutes available and asked, and the smallest changes that would fit."""
    need = sum(lesson.minutes for lesson in lessons)
    room = room_for_lessons(days, s)
    ways = [f"drop {' and '.join(lesson.id for lesson in cut)} ({sum(lesson.minutes for lesson in cut)} min)"
            for cut in smallest_cuts(lessons, days, s)]
    ways.append(f"add a day (--days {days + 1})")
    end = latest_end_needed(lessons, days, s)
    if end is not None:
        ways.append(f"end each day at {clock(end)} (--end {clock(end)})")
    return (f"{len(lessons)} lessons ask for {need} min ({_hours(need)}) of teaching and exercises, but {days} day(s) "
            f"of {clock(s.start)}–{clock(s.end)} have about {room} min ({_hours(room)}) for lessons once lunch "
            f"({s.lunch} min), breaks ({s.break_} min each), opening, tests and close are taken out: they do not fit. "
            f"Smallest changes that fit: {'; or '.join(ways)}.")


def plan_fewest_days(root: str | Path, tracks: Sequence[str] = (), max_days: int = 5, **kwargs) -> Agenda:
    """The plan over the fewest days (1 to ``max_days``) that holds the lessons."""
    last: PlanError | None = None
    for days in range(1, max_days + 1):
        try:
            return plan(root, tracks, days=days, **kwargs)
        except PlanError as exc:
            if "do not fit" not in str(exc):
                raise
            last = exc
    raise last  # type: ignore[misc]


def plan(root: str | Path, tracks: Sequence[str] = (), days: int = 1, start: str | None = None,
         end: str | None = None, only: Sequence[str] = (), drop: Sequence[str] = (), add: Sequence[str] = (),
         settings: Settings | None = None, lessons: dict[str, Lesson] | None = None) -> Agenda:
    """Plan a workshop; raise :class:`PlanError` if it cannot be done as asked."""
    if not isinstance(days, int) or days < 1:
        raise PlanError(f"--days must be 1 or more, not {days!r}")
    s = settings or load_settings()
    if start is not None:
        s = replace(s, start=parse_clock(start))
    if end is not None:
        s = replace(s, end=parse_clock(end))
    if s.end <= s.start:
        raise PlanError(f"the day ends ({clock(s.end)}) before it starts ({clock(s.start)})")
    known = lessons if lessons is not None else discover(Path(root))
    chosen = select(known, tracks, only, drop, add)
    notes = check_prerequisites(chosen, known)
    for lesson in chosen:
        alone = _lay_out_day(1, [lesson], s, True, days == 1)
        if not _fits(alone, s):
            raise PlanError(f"{lesson.id} takes {lesson.minutes} min ({lesson.teaching} teaching + "
                            f"{lesson.exercises} exercises) and cannot fit in one day of {clock(s.start)}–"
                            f"{clock(s.end)} with its opening and close: lengthen the day (--end).")
    laid = _lay_out(chosen, days, s)
    if laid is None:
        raise PlanError(refusal(chosen, days, s))
    empty = [d.number for d in laid if not d.lessons]
    if empty:
        raise PlanError(f"day {empty[0]} would have no lessons: {len(chosen)} lessons fill fewer than {days} days; "
                        f"use --days {days - len(empty)} or add lessons.")
    return Agenda(tuple(tracks), chosen, laid, s, notes)


# ------------------------------------------------------------------------------------------- rendering


def _hm(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h} h {m:02d} min" if h else f"{m} min"


def day_summary(day: Day) -> str:
    return (f"{clock(day.start)}–{clock(day.end)} ({_hm(day.end - day.start)}): teaching {day.total(TEACHING)} min, "
            f"exercises {day.total(EXERCISE)} min, opening/tests/close {day.total(SESSION)} min, "
            f"breaks and lunch {day.total(BREAK, LUNCH)} min")


def _slot_md(slot: Slot) -> str:
    if slot.kind == TEACHING:
        return f"**{slot.lesson}** {slot.title}"
    if slot.kind == EXERCISE:
        return f"{slot.lesson} · {slot.title}"
    if slot.kind in (BREAK, LUNCH):
        return f"*{slot.title}*"
    return slot.title


def to_markdown(agenda: Agenda, heading_level: int = 1) -> str:
    h = "#" * heading_level
    lines = [f"{h} {agenda.title}", ""]
    lines.append(f"{len(agenda.days)} day(s), {len(agenda.lessons)} lessons: teaching {agenda.total(TEACHING)} min, "
                 f"exercises {agenda.total(EXERCISE)} min. Times are clock times; each day starts at "
                 f"{clock(agenda.settings.start)}.")
    lines.append("")
    for note in agenda.notes:
        lines.append(f"- Note: {note}")
    if agenda.notes:
        lines.append("")
    for day in agenda.days:
        lines += [f"{h}# Day {day.number}", "", "| time | session | min |", "|---|---|---|"]
        for slot in day.slots:
            lines.append(f"| {slot.when} | {_slot_md(slot).replace('|', '/')} | {slot.minutes} |")
        lines += ["", f"Day {day.number} total: {day_summary(day)}.", ""]
    return "\n".join(lines).rstrip() + "\n"


CSS = """
body{font-family:"Noto Sans","Noto Sans CJK KR","DejaVu Sans",sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b;line-height:1.4}
h1{font-size:1.5rem;margin-bottom:.2rem}h2{font-size:1.15rem;margin:1.6rem 0 .4rem;border-bottom:2px solid #23466e}
table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;border-bottom:1px solid #ccc;vertical-align:top;text-align:left}
td.time{white-space:nowrap;font-variant-numeric:tabular-nums;width:8.5rem}td.min{text-align:right;width:3rem}
tr.break td,tr.lunch td{background:#f1f1f1;font-style:italic}tr.session td{background:#eef3f8}
tr.exercise td.what{padding-left:1.5rem}.id{font-weight:bold;color:#23466e}.total{font-size:.9rem;color:#333}
.note{background:#fff6d6;padding:.4rem .6rem;border-left:4px solid #c9a400}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}.day{break-inside:avoid-page}}
"""


def _slot_html(slot: Slot) -> str:
    title = html.escape(slot.title).replace("*", "")
    if slot.kind == TEACHING:
        return f'<span class="id">{html.escape(slot.lesson)}</span> {title}'
    return title


def to_html(agenda: Agenda, *, standalone: bool = True) -> str:
    parts = []
    if standalone:
        parts.append(f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                     f'<meta name="viewport" content="width=device-width, initial-scale=1">'
                     f"<title>{html.escape(agenda.title)}</title><style>{CSS}</style></head><body><main>")
        parts.append(f"<h1>{html.escape(agenda.title)}</h1>")
    parts.append(f"<p>{len(agenda.days)} day(s), {len(agenda.lessons)} lessons: teaching {agenda.total(TEACHING)} min, "
                 f"exercises {agenda.total(EXERCISE)} min. Each day starts at {clock(agenda.settings.start)}.</p>")
    for note in agenda.notes:
        parts.append(f'<p class="note">Note: {html.escape(note)}</p>')
    for day in agenda.days:
        parts.append(f'<section class="day"><h2>Day {day.number}</h2><table>'
                     '<thead><tr><th scope="col">time</th><th scope="col">session</th><th scope="col">min</th></tr></thead><tbody>')
        for slot in day.slots:
            parts.append(f'<tr class="{slot.kind}"><td class="time">{slot.when}</td>'
                         f'<td class="what">{_slot_html(slot)}</td><td class="min">{slot.minutes}</td></tr>')
        parts.append(f'</tbody></table><p class="total">Day {day.number} total: {html.escape(day_summary(day))}.</p></section>')
    if standalone:
        parts.append("</main></body></html>")
    return "\n".join(parts)
