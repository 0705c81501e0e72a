"""The reference pages document what the code enforces: every front-matter field, cell tag, directive, check
state, quiz-bank field, dataset loader and Makefile target. A field added to the code without a line in the
handbook fails here, with the name of the page to edit."""
from __future__ import annotations

import re

import pytest

from embargo_kit.content.lint import CELL_TAGS, LEVELS, PARTS, REQUIRED
from handbook_build import DOCS, ROOT

REFERENCE = DOCS / "reference"


def _documented(page: str) -> set[str]:
    """Names a reference page documents: the first cell of a table row or a heading, in backticks."""
    text = (REFERENCE / page).read_text(encoding="utf-8")
    names = set(re.findall(r"^\|\s*`([^`]+)`", text, re.M))
    names |= set(re.findall(r"^#{2,4}\s+`([^`]+)`", text, re.M))
    return names


def _missing(expected, page: str) -> list[str]:
    return sorted(set(expected) - _documented(page))


def test_every_front_matter_field_of_the_lesson_contract_is_documented():
    assert _missing(REQUIRED, "front-matter.md") == [], \
        "reference/front-matter.md lacks a row for these fields of content/lint.py REQUIRED"
    text = (REFERENCE / "front-matter.md").read_text(encoding="utf-8")
    for value in (*PARTS, *LEVELS):
        assert f"`{value}`" in text, f"reference/front-matter.md does not name the allowed value {value!r}"


def test_every_cell_tag_is_documented_and_the_lists_in_code_agree():
    from embargo_kit.exercises.generate import ALLOWED_TAGS

    assert set(ALLOWED_TAGS) == set(CELL_TAGS), "the lint and the generator disagree on the closed list of tags"
    assert _missing(CELL_TAGS, "cell-tags.md") == [], "reference/cell-tags.md lacks a row for these cell tags"
    extra = _documented("cell-tags.md") - set(CELL_TAGS) - {"# BEGIN SOLUTION", "# END SOLUTION"}
    assert extra == set(), f"reference/cell-tags.md documents tags the code rejects: {sorted(extra)}"


class _Recorder:
    """Stands in for the Sphinx app: records the directives and roles the book's extension registers."""

    def __init__(self):
        self.directives: set[str] = set()
        self.roles: set[str] = set()

    def add_directive(self, name, *args, **kwargs):
        self.directives.add(name)

    def add_role(self, name, *args, **kwargs):
        self.roles.add(name)

    def __getattr__(self, name):
        if name.startswith("_"):  # private flags such as quiz's "already set up" marker
            raise AttributeError(name)
        return lambda *args, **kwargs: None


def test_every_directive_and_role_of_the_book_is_documented():
    pytest.importorskip("sphinx")
    from embargo_kit.sphinx import setup

    app = _Recorder()
    setup(app)
    assert {"objectives", "trainer-note", "quiz", "key-points", "lesson-sources"} <= app.directives
    documented = _documented("directives.md")
    missing = sorted({f"{{{d}}}" for d in app.directives} - documented)
    assert not missing, f"reference/directives.md lacks a row for the directives {missing}"
    missing_roles = sorted({f"{{{r}}}" for r in app.roles} - documented)
    assert not missing_roles, f"reference/directives.md lacks a row for the roles {missing_roles}"


def test_check_message_page_shows_lines_exactly_as_the_runtime_prints_them():
    from embargo_kit.exercises.checking import STATES, Result

    text = (REFERENCE / "check-messages.md").read_text(encoding="utf-8")
    for state in STATES:
        assert f"`{state}`" in text, f"reference/check-messages.md does not explain {state}"
    examples = [
        Result("NOT YET", "You flagged 3 of 5 vessels.", "A gap shorter than 12 hours is routine.",
               lesson="port-02", question="q1"),
        Result("PASS", "That is the resolution that first did it.", lesson="awareness-02", question="q1"),
        Result("CAN'T CHECK", "Expected a whole number (int), but your answer is text (str).",
               "Check the type with type(your_answer).", lesson="awareness-02", question="q3"),
    ]
    for example in examples:
        assert example.line() in text, f"reference/check-messages.md should show this line as printed:\n{example.line()}"


def test_every_quiz_bank_field_is_documented():
    from embargo_kit.quizbank import ITEM_TYPES, KNOWN_KEYS, OPTION_KEYS, USES

    assert _missing(KNOWN_KEYS, "quiz-bank.md") == [], "reference/quiz-bank.md lacks a row for these item fields"
    assert _missing({f"options[].{k}" for k in OPTION_KEYS}, "quiz-bank.md") == []
    text = (REFERENCE / "quiz-bank.md").read_text(encoding="utf-8")
    for value in (*ITEM_TYPES, *USES):
        assert f"`{value}`" in text, f"reference/quiz-bank.md does not name the value {value!r}"


def test_every_dataset_loader_is_documented():
    from embargo_kit import datasets

    loaders = {f"datasets.{name}()" for name in datasets.__all__ if callable(getattr(datasets, name))}
    assert _missing(loaders, "datasets.md") == [], "reference/datasets.md lacks a row for these loaders"


def test_every_make_target_is_documented():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {t for t in re.findall(r"^([a-z][a-z0-9-]*):", makefile, re.M)}
    assert {"book", "test"} <= targets
    missing = sorted({f"make {t}" for t in targets} - _documented("make-and-layout.md"))
    assert not missing, f"reference/make-and-layout.md lacks a row for {missing}"
