"""Which quiz-bank items an export holds, in which category, and which it must leave out.

Categories follow the course: use (quiz, or pre/post) / track / lesson / objective; pre/post items are split
into the two parallel forms of :func:`embargo_kit.workshop.prepost.parallel_forms` (form A is the pre-test,
form B the post-test), each its own category, so a trainer can build the two Moodle quizzes from them.
An item that cannot be exported is never changed to fit: it is reported by ID with the reason and left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from embargo_kit import quizbank
from embargo_kit.quizbank import Item

COURSE = "Embargo enforcement kit"
USE_LABELS = {"quiz": "Lesson quizzes", "pre-post": "Pre and post tests"}
FORM_LABELS = {"A": "Pre-test (form A)", "B": "Post-test (form B)", "spare": "Spare (on neither form)"}

# The grade fractions Moodle's question import accepts (question/format.php, get_grade_options): an option's
# weight in a multi-answer item must be one of these (or its negative) or the import fails.
MOODLE_FRACTIONS = (100, 90, 83.33333, 80, 75, 70, 66.66667, 60, 50, 40, 33.33333, 30, 25, 20, 16.66667,
                    14.28571, 12.5, 11.11111, 10, 5)


@dataclass(frozen=True)
class Category:
    use: str
    track: str
    lesson: str
    objective: str
    form: str = ""  # "A", "B" or "spare" for pre/post items

    def parts(self, lesson_titles: dict[str, str] | None = None) -> list[str]:
        """The category path below the course's top category, one name per level."""
        titles = lesson_titles or {}
        from embargo_kit.workshop.lessons import TRACK_NAMES

        out = [f"{COURSE}: {USE_LABELS[self.use]}", TRACK_NAMES.get(self.track, self.track)]
        if self.form:
            out.append(FORM_LABELS[self.form])
        lesson = f"{self.lesson} {titles[self.lesson]}" if titles.get(self.lesson) else self.lesson
        return [*out, lesson, self.objective]


@dataclass
class Selection:
    """The items to export, grouped by category in course order, and the items left out with the reason."""

    groups: list[tuple[Category, list[Item]]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (item id, reason)

    @property
    def items(self) -> list[Item]:
        return [item for _, items in self.groups for item in items]

    def written(self, question, fmt: str):
        """Each category with the questions ``question(item) -> (body, reason)`` could write; an item it cannot
        write is left out, by ID, with ``fmt`` and the reason (never silently changed)."""
        for category, items in self.groups:
            bodies = []
            for item in items:
                body, reason = question(item)
                if reason:
                    self.left_out.append((item.id, f"{fmt}: {reason}"))
                else:
                    bodies.append(body)
            if bodies:
                yield category, bodies


def item_track(item: Item, tracks: Sequence[str]) -> str | None:
    """The first of ``tracks`` the item belongs to (its ``tracks``, else its lesson's part), or None."""
    own = item.tracks or (item.lesson.rsplit("-", 1)[0],)
    return next((t for t in own if t in tracks), None)


def _order(item: Item) -> tuple:
    lesson, _, number = item.id.rpartition(".q")
    return (lesson, int(number) if number.isdigit() else 0, item.id)


def select(tracks: Sequence[str], use: str, bank: list[Item] | None = None) -> Selection:
    """The export of ``tracks`` for ``use`` ("quiz" or "pre-post"); invalid items are left out, by ID."""
    if bank is None:
        bank = quizbank.load_bank()
    selection = Selection()
    chosen: dict[str, list[Item]] = {t: [] for t in tracks}
    for item in bank:
        if use not in item.use:
            continue
        track = item_track(item, tracks)
        if track is None:
            continue
        problems = quizbank.item_errors(item)
        if problems:
            reason = "; ".join(p.split(": ", 2)[-1] for p in problems)
            selection.left_out.append((item.id or item.where, f"not a valid bank item ({reason})"))
            continue
        chosen[track].append(item)
    for track in tracks:
        items = sorted(chosen[track], key=_order)
        if use == "quiz":
            _group(selection, items, lambda item: Category(use, track, item.lesson, item.objective))
            continue
        forms = _forms(track, items)
        for name, form_items in forms.items():
            _group(selection, form_items,
                   lambda item, name=name: Category(use, track, item.lesson, item.objective, form=name))
    return selection


def _forms(track: str, items: list[Item]) -> dict[str, list[Item]]:
    """Pre/post items dealt to forms A and B as the workshop tools deal them; the rest are "spare"."""
    from embargo_kit.workshop.prepost import parallel_forms

    if not items:
        return {}
    try:
        form_a, form_b = parallel_forms(track, items)
    except ValueError:
        return {"spare": items}
    on_a = {i.id for i in form_a.items}
    on_b = {i.id for i in form_b.items}
    out = {"A": [i for i in items if i.id in on_a], "B": [i for i in items if i.id in on_b],
           "spare": [i for i in items if i.id not in on_a | on_b]}
    return {name: found for name, found in out.items() if found}


def _group(selection: Selection, items: list[Item], category_of) -> None:
    """Append ``items`` to their categories, each category once, in the order its first item comes."""
    groups: dict[Category, list[Item]] = {}
    for item in items:
        groups.setdefault(category_of(item), []).append(item)
    selection.groups.extend(groups.items())


def multi_fractions(item: Item) -> list[float] | str:
    """Moodle's weight of each option of a multi item, or the reason there is none.

    The right picks share 100 % equally and the wrong ones share -100 % equally, so ticking every box earns
    nothing; both shares must be grades Moodle accepts.
    """
    n_right = len(item.correct_indices)
    n_wrong = len(item.options) - n_right
    right = _moodle_fraction(100 / n_right)
    wrong = _moodle_fraction(100 / n_wrong) if n_wrong else 0.0
    if right is None:
        return f"{n_right} right options: Moodle has no grade of 100/{n_right} % for each"
    if wrong is None:
        return f"{n_wrong} wrong options: Moodle has no grade of -100/{n_wrong} % for each"
    return [right if option.correct else -wrong for option in item.options]


def _moodle_fraction(value: float) -> float | None:
    return next((f for f in MOODLE_FRACTIONS if abs(f - value) < 1e-4), None)


def lesson_titles(root: Path | None = None) -> dict[str, str]:
    """Lesson ID -> title from the book's front matter, when the book is there (empty in an installed wheel)."""
    from embargo_kit.book import project_root
    from embargo_kit.workshop.lessons import discover

    try:
        return {lesson_id: lesson.title for lesson_id, lesson in discover(root or project_root()).items()}
    except (Exception, SystemExit):  # noqa: BLE001 - titles are a courtesy; IDs alone make valid categories
        return {}
