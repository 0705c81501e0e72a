"""Learner notebooks generated from solution notebooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from embargo_kit.cli import app
from embargo_kit.exercises.generate import (
    MARKDOWN_PLACEHOLDER,
    GenerationError,
    build,
    generate_text,
    learner_notebook,
    render,
)

DEMO_SOLUTION = Path(__file__).parent / "fixtures" / "demo-01-dark-vessels.ipynb"


@pytest.fixture
def solution():
    return nbformat.read(DEMO_SOLUTION, as_version=4)


def cell(nb, cid):
    return next(c for c in nb.cells if c.get("id") == cid)


def test_solution_cells_become_stubs(solution):
    learner = learner_notebook(solution, "demo", lesson="demo-01")
    q1 = cell(learner, "answer-q1")
    assert q1.source == "# Your answer: the resolution number as an int\n# TODO set `resolution`\nresolution = ..."
    q3 = cell(learner, "answer-q3")
    assert "hours = ...\nmean = ..." in q3.source
    assert "import statistics" in q3.source and "def helper(x):\n    ..." in q3.source
    assert "statistics.mean" not in q3.source and "x * 2" not in q3.source
    assert cell(learner, "free-answer").source == MARKDOWN_PLACEHOLDER


def test_solution_blocks_become_stubs(solution):
    learner = learner_notebook(solution, "demo")
    q2 = cell(learner, "q2").source
    assert "dark = ..." in q2 and "hours > 12" not in q2 and "SOLUTION" not in q2
    assert q2.endswith('check("demo-01", "q2", dark)')
    mean = cell(learner, "def-mean").source
    assert mean == 'def mean_gap(values):\n    """Return the mean of the gaps in hours."""\n    ...'


def test_instructor_cells_dropped_and_notebook_cleaned(solution):
    learner = learner_notebook(solution, "demo", lesson="demo-01")
    ids = [c.get("id") for c in learner.cells]
    assert "trainer" not in ids and len(ids) == len(solution.cells) - 1
    assert set(learner.metadata) == {"kernelspec", "embargo_kit"}
    assert learner.metadata["embargo_kit"]["lesson"] == "demo-01"
    for c in learner.cells:
        assert set(c.metadata) <= {"tags"}
        if c.cell_type == "code":
            assert c.outputs == [] and c.execution_count is None
    assert cell(learner, "check-q1").metadata == {"tags": ["check"]}
    text = render(learner)
    assert "1718" not in text and "Alpha Star" in text  # the data stays, the answer goes
    nbformat.validate(nbformat.reads(text, as_version=4))
    assert solution.cells[3].source.endswith("1718")  # the input was not modified


def test_generation_is_deterministic():
    assert generate_text(DEMO_SOLUTION) == generate_text(DEMO_SOLUTION)


def test_unknown_tag_is_an_error_naming_notebook_and_cell(solution):
    solution.cells[4].metadata["tags"] = ["check", "hide-cell"]
    with pytest.raises(GenerationError, match=r"demo-nb, cell 4: unknown tag\(s\) 'hide-cell'"):
        learner_notebook(solution, "demo-nb")


def test_outputs_in_a_solution_are_an_error(solution):
    solution.cells[4].outputs = [nbformat.v4.new_output("stream", text="demo-01 q1 · PASS · ...\n")]
    with pytest.raises(GenerationError, match=r"cell 4: the solution notebook has outputs committed"):
        learner_notebook(solution, "demo-nb")
    solution.cells[4].outputs = []
    solution.cells[4].execution_count = 3
    with pytest.raises(GenerationError, match="outputs committed"):
        learner_notebook(solution, "demo-nb")


@pytest.mark.parametrize(
    "source, message",
    [
        ("# BEGIN SOLUTION\nx = 1\n", "without a matching"),
        ("x = 1\n# END SOLUTION\n", "without a '# BEGIN SOLUTION'"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\nx = 1\n# END SOLUTION\n", "inside another"),
    ],
)
def test_unbalanced_markers_are_errors(solution, source, message):
    solution.cells[6].source = source
    with pytest.raises(GenerationError, match=message):
        learner_notebook(solution, "demo-nb")


def test_solution_cell_without_assignment_becomes_ellipsis(solution):
    solution.cells[3].source = "# Plot the gaps\nprint(sorted(gaps))"
    learner = learner_notebook(solution, "demo")
    assert cell(learner, "answer-q1").source == "# Plot the gaps\n..."


def test_magics_in_solution_cells_are_handled(solution):
    solution.cells[3].source = "%time resolution = 1718\nanswer: int = 5\na, (b, c) = 1, (2, 3)"
    learner = learner_notebook(solution, "demo")
    src = cell(learner, "answer-q1").source
    assert "answer = ..." in src and "a = ...\nb = ...\nc = ..." in src and "1718" not in src


def _repo(tmp_path: Path) -> Path:
    sol = tmp_path / "exercises" / "solutions" / "demo"
    sol.mkdir(parents=True)
    shutil.copy(DEMO_SOLUTION, sol / DEMO_SOLUTION.name)
    return tmp_path


def test_build_and_check(tmp_path):
    root = _repo(tmp_path)
    target = root / "exercises" / "demo" / DEMO_SOLUTION.name
    report = build(root, check=True)
    assert report.stale == [target] and not report.ok
    report = build(root)
    assert report.written == [target] and target.read_text() == generate_text(DEMO_SOLUTION)
    assert build(root).unchanged == [target]
    assert build(root, check=True).ok


def test_cli_build_check_lists_stale_notebooks(tmp_path):
    root = _repo(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["exercises", "build", "--check", "--root", str(root)])
    assert res.exit_code == 1 and "out of date: exercises/demo/demo-01-dark-vessels.ipynb" in res.output
    res = runner.invoke(app, ["exercises", "build", "--root", str(root)])
    assert res.exit_code == 0, res.output
    assert "wrote exercises/demo/demo-01-dark-vessels.ipynb" in res.output
    res = runner.invoke(app, ["exercises", "build", "--check", "--root", str(root)])
    assert res.exit_code == 0, res.output
    learner = root / "exercises" / "demo" / DEMO_SOLUTION.name
    learner.write_text(learner.read_text().replace("resolution = ...", "resolution = 1"))
    res = runner.invoke(app, ["exercises", "build", "--check", "--root", str(root)])
    assert res.exit_code == 1 and "out of date" in res.output
    (root / "exercises" / "demo" / "demo-09-stray.ipynb").write_text("{}")
    res = runner.invoke(app, ["exercises", "build", "--root", str(root)])
    assert res.exit_code == 0 and "demo-09-stray.ipynb has no solution notebook" in res.output


def test_cli_build_fails_on_solution_with_outputs(tmp_path):
    root = _repo(tmp_path)
    path = root / "exercises" / "solutions" / "demo" / DEMO_SOLUTION.name
    nb = nbformat.read(path, as_version=4)
    nb.cells[1].execution_count = 1
    nbformat.write(nb, path)
    before = path.read_bytes()
    res = CliRunner().invoke(app, ["exercises", "build", "--root", str(root)])
    assert res.exit_code == 1 and "outputs committed" in res.output and "cell 1" in res.output
    assert path.read_bytes() == before
    assert not (root / "exercises" / "demo" / DEMO_SOLUTION.name).exists()
