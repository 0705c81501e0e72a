"""The lesson contract: the real book passes the lint, and each kind of mistake is caught and located."""
from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from embargo_kit.content.lint import lint

GOOD = textwrap.dedent("""\
    ---
    id: awareness-01
    title: A lesson
    tracks: [awareness]
    audience_level: basic
    teaching: 20
    exercises: 10
    prerequisites: []
    objectives:
      - id: awareness-01.o1
        text: Do a thing.
    sources:
      - S/RES/1718 (2006)
    as_of: "2026-11-01"
    ---

    (awareness-01)=
    # A lesson

    Text citing {res}`1718`.
    """)


def make_project(tmp_path: Path, lesson: str = GOOD, name: str = "awareness-01-a-lesson.md") -> Path:
    (tmp_path / "book" / "awareness").mkdir(parents=True)
    (tmp_path / "book" / "index.md").write_text("# Home\n")
    (tmp_path / "book" / "awareness" / name).write_text(lesson)
    stem = name.removesuffix(".md")
    (tmp_path / "_toc.yml").write_text(
        f"format: jb-book\nroot: book/index\nparts:\n  - caption: A\n    chapters:\n      - file: book/awareness/{stem}\n")
    (tmp_path / "pyproject.toml").write_text('[tool.embargo_kit]\nrelease = "2026-11-25"\nas_of_horizon_days = 365\n')
    return tmp_path


def messages(root: Path) -> list[str]:
    return [str(p) for p in lint(root)]


def test_the_real_book_passes_the_lint(root):
    problems = messages(root)
    assert not problems, "content lint found problems:\n" + "\n".join(problems)


def test_a_good_lesson_passes(tmp_path):
    assert messages(make_project(tmp_path)) == []


@pytest.mark.parametrize("field", ["id", "tracks", "teaching", "objectives", "sources", "as_of", "prerequisites"])
def test_a_missing_field_is_named_with_its_file(tmp_path, field):
    lines = [line for line in GOOD.splitlines() if not line.startswith(f"{field}:")]
    if field == "objectives":
        lines = [line for line in lines if not line.startswith("  ")]
    found = messages(make_project(tmp_path, "\n".join(lines) + "\n"))
    assert any("awareness-01-a-lesson.md" in m and f"`{field}`" in m and "missing" in m for m in found), found


def test_malformed_yaml_names_file_and_line(tmp_path):
    broken = GOOD.replace("teaching: 20", "teaching: [20")
    found = messages(make_project(tmp_path, broken))
    assert len(found) == 1 and "awareness-01-a-lesson.md:1" in found[0] and "not valid YAML" in found[0], found


def test_unknown_citation_and_unconfirmed_paragraph_fail(tmp_path):
    text = GOOD.replace("{res}`1718`", "{res}`9999` and {res}`1718/99`")
    found = messages(make_project(tmp_path, text))
    assert any("resolution 9999 is not in the registry" in m and ":20:" in m for m in found), found
    assert any("paragraph 99 of S/RES/1718 (2006)" in m for m in found), found


def test_image_without_alt_text_fails(tmp_path):
    found = messages(make_project(tmp_path, GOOD + "\n![](map.png)\n"))
    assert any("map.png has no alt text" in m for m in found), found


def test_prerequisite_must_exist_and_id_must_match_file(tmp_path):
    text = GOOD.replace("prerequisites: []", "prerequisites: [awareness-09]").replace(
        "id: awareness-01\n", "id: awareness-02\n")
    found = messages(make_project(tmp_path, text))
    assert any("awareness-09" in m and "not a lesson" in m for m in found), found
    assert any("file name says 'awareness-01'" in m for m in found), found


def test_an_unquoted_as_of_date_is_refused(tmp_path):
    found = messages(make_project(tmp_path, GOOD.replace('as_of: "2026-11-01"', "as_of: 2026-11-01")))
    assert any("`as_of`" in m and "quoted" in m for m in found), found


def test_as_of_older_than_the_horizon_fails(tmp_path):
    old = GOOD.replace('as_of: "2026-11-01"', 'as_of: "2024-01-01"')
    found = messages(make_project(tmp_path, old))
    assert any("more than 365 days before the release" in m for m in found), found


def test_unknown_cell_tag_in_a_notebook_fails(tmp_path):
    project = make_project(tmp_path)
    nb_dir = project / "exercises" / "awareness"
    nb_dir.mkdir(parents=True)
    (nb_dir / "awareness-01-demo.ipynb").write_text(
        '{"cells": [{"cell_type": "code", "metadata": {"tags": ["answer"]}, "source": "x = 1", '
        '"outputs": [], "execution_count": null}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}')
    found = messages(project)
    assert any("unknown tag(s) ['answer']" in m for m in found), found


def test_the_real_lessons_are_fresh_against_the_release_date(root):
    """As-of dates are compared with the release date in pyproject.toml, never with today's clock."""
    from embargo_kit.content.lint import lesson_files, project_settings
    from embargo_kit.content.frontmatter import read_front_matter

    release = dt.date.fromisoformat(project_settings(root)["release"])
    for path in lesson_files(root):
        as_of = dt.date.fromisoformat(read_front_matter(path)["as_of"])
        assert as_of <= release, f"{path.name}: as_of {as_of} is after the release date"
