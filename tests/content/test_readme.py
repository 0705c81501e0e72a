"""The README is the front door: its syllabus must agree with the lessons' front matter."""
from __future__ import annotations

import re

from embargo_kit.content.frontmatter import read_front_matter
from embargo_kit.content.lint import lesson_files

ROW = re.compile(r"^\| (?P<id>[a-z]+-\d{2}) (?P<title>.+?) \| (?P<teaching>\d+) \+ (?P<exercises>\d+) \|", re.M)


def test_readme_syllabus_matches_every_lesson(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    rows = {m["id"]: m for m in ROW.finditer(readme)}
    lessons = {read_front_matter(p)["id"]: read_front_matter(p) for p in lesson_files(root)}
    assert set(rows) == set(lessons), f"README syllabus lists {sorted(rows)}, the book has {sorted(lessons)}"
    for lesson_id, meta in lessons.items():
        row = rows[lesson_id]
        assert row["title"] == meta["title"], f"{lesson_id}: README title differs from the lesson's"
        assert (int(row["teaching"]), int(row["exercises"])) == (meta["teaching"], meta["exercises"]), (
            f"{lesson_id}: README minutes differ from the front matter")


def test_readme_gives_the_two_commands(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "make book" in readme and "make test" in readme
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
