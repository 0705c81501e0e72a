"""Discover the lessons of the book and read what the trainer tools need from each.

Lessons are found, never listed by hand: every ``book/<part>/<part>-NN-*.md`` with front matter (through
:func:`embargo_kit.content.lint.lesson_files` and :func:`embargo_kit.content.frontmatter.split_front_matter`).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from embargo_kit.content.frontmatter import FrontMatterError, split_front_matter
from embargo_kit.content.lint import LESSON_FILE, PARTS, lesson_files

TRACK_NAMES = {
    "awareness": "Awareness (basic)",
    "port": "Port and maritime",
    "customs": "Customs and borders",
    "finance": "Finance",
    "capstone": "Inter-agency capstone",
    "national": "National focal point tools",
}


class LessonError(ValueError):
    """A lesson page cannot be used by the trainer tools; the message names the file."""


@dataclass
class Lesson:
    id: str
    title: str
    tracks: tuple[str, ...]
    teaching: int
    exercises: int
    prerequisites: tuple[str, ...]
    objectives: tuple[tuple[str, str], ...]  # (objective id, text)
    path: Path
    body: str = field(repr=False, default="")
    notebooks: tuple[str, ...] = ()  # notebook titles, from exercises/<part>/<id>*.ipynb
    has_quiz: bool = False

    @property
    def part(self) -> str:
        return self.id.rsplit("-", 1)[0]

    @property
    def minutes(self) -> int:
        return self.teaching + self.exercises

    @property
    def exercise_label(self) -> str:
        what = [f"notebook *{title}*" for title in self.notebooks]
        if self.has_quiz:
            what.append("quiz")
        return "; ".join(what) if what else "exercise"


def _notebook_title(path: Path) -> str:
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return path.stem
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            for line in "".join(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return path.stem


def _int(meta: dict, key: str, path: Path) -> int:
    value = meta.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise LessonError(f"{path}: front matter `{key}` must be a whole number of minutes, not {value!r}")
    return value


def read_lesson(path: Path, root: Path | None = None) -> Lesson:
    text = path.read_text(encoding="utf-8")
    try:
        meta, body_line = split_front_matter(text, path)
    except FrontMatterError as exc:
        raise LessonError(str(exc)) from None
    match = LESSON_FILE.match(path.name)
    if not meta or not match:
        raise LessonError(f"{path}: not a lesson page (needs <part>-NN-<slug>.md and front matter)")
    lesson_id = str(meta.get("id") or match["id"])
    objectives = tuple(
        (str(o.get("id", "")), str(o.get("text", ""))) for o in meta.get("objectives") or [] if isinstance(o, dict)
    )
    body = "\n".join(text.splitlines()[body_line - 1:])
    notebooks: tuple[str, ...] = ()
    if root is not None:
        folder = root / "exercises" / match["part"]
        notebooks = tuple(_notebook_title(p) for p in sorted(folder.glob(f"{lesson_id}*.ipynb")))
    return Lesson(
        id=lesson_id,
        title=str(meta.get("title") or lesson_id),
        tracks=tuple(meta.get("tracks") or [match["part"]]),
        teaching=_int(meta, "teaching", path),
        exercises=_int(meta, "exercises", path),
        prerequisites=tuple(str(p) for p in meta.get("prerequisites") or []),
        objectives=objectives,
        path=path,
        body=body,
        notebooks=notebooks,
        has_quiz=bool(re.search(r"^```\{quiz\}", body, re.M)),
    )


def discover(root: Path) -> dict[str, Lesson]:
    """Every lesson of the book under ``root``, by ID, in part then ID order."""
    root = Path(root)
    if not (root / "book").is_dir():
        raise LessonError(f"no book/ folder in {root}: run this in the course repository or pass --root")
    lessons: dict[str, Lesson] = {}
    for path in lesson_files(root):
        lesson = read_lesson(path, root)
        lessons[lesson.id] = lesson
    order = {part: n for n, part in enumerate(PARTS)}
    return dict(sorted(lessons.items(), key=lambda kv: (order.get(kv[1].part, 99), kv[0])))


def track_lessons(lessons: dict[str, Lesson], track: str) -> list[Lesson]:
    """The lessons of a track: those whose ``tracks`` name it, in ID order within their part."""
    return [lesson for lesson in lessons.values() if track in lesson.tracks]
