"""The committed learner notebooks are exactly what `embargo-kit exercises build` generates."""

from __future__ import annotations

from pathlib import Path

import pytest

from embargo_kit.exercises.generate import generate_text, learner_notebooks, learner_path, solution_notebooks

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = solution_notebooks(ROOT)


@pytest.mark.parametrize(
    "solution",
    SOLUTIONS or [pytest.param(None, marks=pytest.mark.skip(reason="no solution notebooks under exercises/solutions yet"))],
    ids=lambda p: str(p.relative_to(ROOT)) if p else "none",
)
def test_learner_notebook_is_generated_from_its_solution(solution):
    target = learner_path(solution, ROOT)
    rel = target.relative_to(ROOT)
    assert target.is_file(), f"{rel} is missing: run `embargo-kit exercises build`"
    assert target.read_text(encoding="utf-8") == generate_text(solution, ROOT), (
        f"{rel} is out of date or was edited by hand: run `embargo-kit exercises build`"
    )


def test_every_learner_notebook_has_a_solution():
    expected = {learner_path(s, ROOT) for s in SOLUTIONS}
    orphans = [str(p.relative_to(ROOT)) for p in learner_notebooks(ROOT) if p not in expected]
    assert not orphans, f"learner notebooks without a solution notebook (they are generated): {orphans}"
