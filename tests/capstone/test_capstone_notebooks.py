"""The capstone notebooks: every phase's solution passes its checks in strict mode; the untouched learner
versions run to the end and pass nothing; learner versions carry no answer."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from embargo_kit import datasets
from embargo_kit.exercises.grade import check_results, run_notebook

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = sorted((ROOT / "exercises" / "solutions" / "capstone").glob("capstone-*.ipynb"))
LEARNERS = sorted((ROOT / "exercises" / "capstone").glob("capstone-*.ipynb"))
PHASE_QUESTIONS = {"capstone-01": {"port", "customs", "finance", "focal_point"},
                   "capstone-02": {"customs", "port", "finance", "focal_point"},
                   "capstone-03": {"port", "customs", "finance", "notify", "report"}}


def test_the_capstone_loaders_are_reexported_by_datasets():
    missing = [n for n in ("capstone_scenario", "capstone_injects", "capstone_track", "capstone_bills_of_lading",
                           "capstone_payments", "capstone_options", "capstone_indicators") if not hasattr(datasets, n)]
    assert not missing, ("embargo_kit.datasets does not re-export the capstone loaders; add "
                         "`from embargo_kit.datasets.capstone import *` at the end of datasets/__init__.py")


def test_one_solution_and_one_learner_notebook_per_phase():
    assert [p.name for p in SOLUTIONS] == [p.name for p in LEARNERS]
    assert {p.name[:11] for p in SOLUTIONS} == set(PHASE_QUESTIONS)


def _run(path: Path, tmp_path: Path, strict: bool):
    env = dict(os.environ)
    env.pop("EMBARGO_KIT_STRICT", None)
    if strict:
        env["EMBARGO_KIT_STRICT"] = "1"
    return run_notebook(nbformat.read(path, as_version=4), timeout=300, cwd=tmp_path, env=env)


@pytest.mark.slow
@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_every_phase_solution_passes_every_decision(path, tmp_path):
    out = _run(path, tmp_path, strict=True)
    assert out.status == "graded", out.note
    assert not out.errors, "\n".join(out.errors)
    results = check_results(out.nb)
    assert {r["question"] for r in results} == PHASE_QUESTIONS[path.name[:11]]
    assert all(r["state"] == "PASS" for r in results), [(r["question"], r["message"]) for r in results]


@pytest.mark.slow
@pytest.mark.parametrize("path", LEARNERS, ids=lambda p: p.stem)
def test_untouched_phase_runs_to_the_end_and_passes_nothing(path, tmp_path):
    out = _run(path, tmp_path, strict=False)
    assert out.status == "graded", out.note
    assert not out.errors, "\n".join(out.errors)
    results = check_results(out.nb)
    assert {r["question"] for r in results} == PHASE_QUESTIONS[path.name[:11]]
    assert all(r["state"] in {"NOT YET", "CAN'T CHECK"} for r in results)


@pytest.mark.parametrize("path", LEARNERS, ids=lambda p: p.stem)
def test_learner_versions_hold_no_picks(path):
    """The decision cells keep their fields (so an official fills in blanks, not Python) and hold only `...`."""
    from embargo_kit.capstone.score import notebook_answers

    answers, problems = notebook_answers(path)
    assert not problems and set(answers) == PHASE_QUESTIONS[path.name[:11]]
    for qid, answer in answers.items():
        assert answer, qid
        for value in answer.values():
            assert value is Ellipsis or value == [Ellipsis], (qid, value)
    text = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code")
    assert "BL-NGB-" not in text
