"""The trainer pages' directives in a tiny Sphinx project: schedules from the planner, pre/post items only
in the instructor edition."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("myst_parser", reason="needs the book extra (pip install -e .[book])")
from sphinx.application import Sphinx  # noqa: E402

from embargo_kit.workshop.prepost import parallel_forms  # noqa: E402
from tests.workshop.bookfixture import make_book  # noqa: E402

CONF = 'project = "t"\nextensions = ["myst_parser", "embargo_kit.sphinx.workshop"]\nexclude_patterns = ["_build"]\n'
PAGES = {
    "index.md": "# T\n\n```{toctree}\nschedule\ntests\nbad\nbook/awareness/awareness-01-why-it-exists\n"
                "book/awareness/awareness-02-how-it-grew\nbook/awareness/awareness-03-the-embargo-in-detail\n"
                "book/port/port-01-what-ports-must-do\nbook/port/port-02-reading-ais\n```\n",
    "schedule.md": "# Schedule\n\n```{workshop-schedule}\n:tracks: awareness,port\n:days: auto\n```\n",
    "tests.md": "# Tests\n\n```{prepost-test} awareness\n```\n",
    "bad.md": "# Bad\n\n```{workshop-schedule}\n:tracks: port,awareness\n```\n",
}


def _build(tmp_path: Path, instructor: bool):
    src = make_book(tmp_path / "src")
    (src / "conf.py").write_text(CONF)
    for name, text in PAGES.items():
        (src / name).write_text(text)
    # the lesson pages use the course's own directives; this tiny project only needs their titles
    for page in (src / "book").rglob("*-*.md"):
        text = page.read_text()
        page.write_text(text.split("```{objectives}")[0])
    warnings = io.StringIO()
    app = Sphinx(str(src), str(src), str(tmp_path / "out"), str(tmp_path / "doctrees"), "html",
                 status=None, warning=warnings, freshenv=True, tags=["instructor"] if instructor else [])
    app.build()
    return tmp_path / "out", warnings.getvalue()


@pytest.fixture(scope="module")
def learner(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("learner"), instructor=False)


@pytest.fixture(scope="module")
def instructor(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("instructor"), instructor=True)


def test_schedule_page_shows_clock_times_and_links_lessons(learner):
    out, warnings = learner
    page = (out / "schedule.html").read_text()
    assert "Day 1" in page and "09:00–09:15" in page and "Lunch" in page and "Day 1 total:" in page
    assert 'href="book/awareness/awareness-01-why-it-exists.html"' in page


def test_an_impossible_schedule_is_a_build_warning_naming_the_page(learner):
    _, warnings = learner
    assert "bad.md" in warnings and "port-01 needs awareness-03 first" in warnings


def test_prepost_items_only_in_the_instructor_edition(learner, instructor):
    pre, post = parallel_forms("awareness")
    stem = pre.items[0].stem[:50]
    learner_out, _ = learner
    instructor_out, _ = instructor
    learner_page = (learner_out / "tests.html").read_text()
    assert "shown only in the instructor edition" in learner_page and pre.items[0].id not in learner_page
    assert not any(item.id in (learner_out / "searchindex.js").read_text() for item in pre.items)
    instructor_page = (instructor_out / "tests.html").read_text()
    assert pre.items[0].id in instructor_page and post.items[-1].id in instructor_page
    assert "Pre-test" in instructor_page and "(anchor)" not in instructor_page
    assert not {i.id for i in pre.items} & {i.id for i in post.items}
    assert stem.split()[0] in instructor_page
