"""The solution notebooks are executed once, before the instructor edition is built, and the book shows those
outputs: what a maintainer would notice (outputs there, failures reported, nothing re-run when nothing changed)."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import nbformat
import pytest

from embargo_kit import book
from embargo_kit.sphinx import notebooks


def _solution(root: Path, name: str, *sources: str, tags: dict[int, list[str]] | None = None) -> Path:
    cells = [nbformat.v4.new_code_cell(src) for src in sources]
    for index, cell_tags in (tags or {}).items():
        cells[index].metadata["tags"] = cell_tags
    path = root / "exercises" / "solutions" / "demo" / f"{name}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    (root / "exercises" / "demo").mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def _record(out: Path, name: str) -> tuple[dict, dict]:
    nb = nbformat.read(out / "executed" / "demo" / f"{name}.ipynb", as_version=4)
    return nb, nb.metadata["embargo_kit_executed"]


@pytest.mark.slow
def test_solutions_run_once_in_their_learner_folder_and_failures_are_recorded(tmp_path):
    root, out = tmp_path / "repo", tmp_path / "build"
    _solution(root, "demo-01-ok", "import os\nprint(os.path.basename(os.getcwd()))",
              "raise ValueError('expected here')", tags={1: ["raises-exception"]})
    _solution(root, "demo-02-broken", "print('before')", "1 / 0")
    book.execute_solutions(root, out_root=out, quiet=True)

    nb, record = _record(out, "demo-01-ok")
    assert nb["cells"][0]["outputs"][0]["text"].strip() == "demo", "runs in exercises/<part>/, as myst-nb would"
    assert record["problems"] == [], "a cell tagged raises-exception may raise"
    _, record = _record(out, "demo-02-broken")
    assert record["problems"] == ["cell 1 raised ZeroDivisionError: division by zero"]

    stamp = (out / "executed" / "demo" / "demo-01-ok.ipynb").stat().st_mtime_ns
    book.execute_solutions(root, out_root=out, quiet=True)
    assert (out / "executed" / "demo" / "demo-01-ok.ipynb").stat().st_mtime_ns == stamp, "unchanged: not re-run"

    _solution(root, "demo-01-ok", "print('changed')")
    book.execute_solutions(root, out_root=out, quiet=True)
    nb, _ = _record(out, "demo-01-ok")
    assert nb["cells"][0]["outputs"][0]["text"].strip() == "changed"


def _executed_from(solution: Path):
    executed = nbformat.v4.new_notebook()
    executed.metadata["embargo_kit_executed"] = {"solution_sha256": book.solution_digest(solution), "problems": []}
    return executed


def test_the_book_shows_an_executed_copy_only_if_it_was_made_from_the_solution_as_it_is(tmp_path, monkeypatch):
    solution = _solution(tmp_path, "demo-03-x", "print(1)")
    copy = tmp_path / "executed" / "demo" / solution.name
    copy.parent.mkdir(parents=True)
    executed = nbformat.v4.new_notebook()
    executed.metadata["embargo_kit_executed"] = {"solution_sha256": book.solution_digest(solution), "problems": []}
    nbformat.write(executed, copy)
    monkeypatch.setenv(book.EXECUTED_ENV, str(tmp_path / "executed"))
    assert notebooks._executed_copy(solution) == copy
    _solution(tmp_path, "demo-03-x", "print(2)")  # edited since it was executed
    assert notebooks._executed_copy(solution) is None
    monkeypatch.setenv(book.WAIT_ENV, "1")  # while the solutions execute, the page waits for its copy
    late = threading.Timer(0.3, lambda: nbformat.write(_executed_from(solution), copy))
    late.start()
    assert notebooks._executed_copy(solution, patience=30) == copy
    late.join()
    _solution(tmp_path, "demo-03-x", "print(3)")
    assert notebooks._executed_copy(solution, patience=0.5) is None, "gives up when none comes"
    (copy.parent.parent / book.FINISHED).write_text("")
    assert notebooks._executed_copy(solution) is None, "and at once when the executions are over"
    monkeypatch.delenv(book.WAIT_ENV)
    monkeypatch.delenv(book.EXECUTED_ENV)
    assert notebooks._executed_copy(solution) is None, "a plain jupyter-book build executes in Sphinx, as before"
    assert os.environ.get(book.EXECUTED_ENV) is None
