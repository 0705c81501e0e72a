"""Every exercise notebook on disk runs: solutions pass every check in strict mode; untouched learner
notebooks run to the end with every check NOT YET or CAN'T CHECK (none PASS)."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from embargo_kit.exercises.grade import check_results, run_notebook

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = ROOT / "exercises"
SOLUTIONS = sorted((EXERCISES / "solutions").glob("*/*.ipynb"))
LEARNERS = sorted(p for p in EXERCISES.glob("*/*.ipynb") if p.parent.name != "solutions")
TIMEOUT = float(os.environ.get("EMBARGO_KIT_NOTEBOOK_TIMEOUT", "300"))


def _params(paths, what):
    if not paths:
        return [pytest.param(None, marks=pytest.mark.skip(reason=f"no {what} notebooks under exercises/ yet"))]
    return [pytest.param(p, id=str(p.relative_to(EXERCISES))) for p in paths]


def _run(path: Path, tmp_path: Path, strict: bool):
    env = dict(os.environ)
    env.pop("EMBARGO_KIT_STRICT", None)
    if strict:
        env["EMBARGO_KIT_STRICT"] = "1"
    nb = nbformat.read(path, as_version=4)
    return run_notebook(nb, timeout=TIMEOUT, cwd=tmp_path, env=env)


@pytest.mark.slow
@pytest.mark.parametrize("path", _params(SOLUTIONS, "solution"))
def test_solution_passes_every_check(path, tmp_path):
    outcome = _run(path, tmp_path, strict=True)
    assert outcome.status == "graded", outcome.note
    assert not outcome.errors, "the solution raised (in strict mode a non-PASS check raises):\n" + "\n".join(outcome.errors)
    results = check_results(outcome.nb)
    assert results, "the solution notebook runs no check"
    failed = [f"{r['lesson']} {r['question']} · {r['state']} · {r['message']}" for r in results if r["state"] != "PASS"]
    assert not failed, "\n".join(failed)


@pytest.mark.slow
@pytest.mark.parametrize("path", _params(LEARNERS, "learner"))
def test_untouched_learner_notebook_runs_and_passes_nothing(path, tmp_path):
    outcome = _run(path, tmp_path, strict=False)
    assert outcome.status == "graded", outcome.note
    assert not outcome.errors, (
        "the learner notebook does not run to the end (put all learner-written code in solution cells or blocks):\n"
        + "\n".join(outcome.errors)
    )
    results = check_results(outcome.nb)
    passed = [f"{r['lesson']} {r['question']}" for r in results if r["state"] == "PASS"]
    assert not passed, f"checks that PASS on an untouched learner notebook (the answer is given away?): {passed}"
    assert all(r["state"] in {"NOT YET", "CAN'T CHECK"} for r in results)
