"""Grading a folder of submissions: every kind of broken notebook gets a row with its reason."""

from __future__ import annotations

import copy
import csv
import hashlib
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from embargo_kit.cli import app
from embargo_kit.exercises.checking import MIMETYPE
from embargo_kit.exercises.generate import generate_text
from embargo_kit.exercises.grade import NOTICE, NoSubmissions, grade_folder, read_submission

DEMO_SOLUTION = Path(__file__).parent / "fixtures" / "demo-01-dark-vessels.ipynb"


def _code(src, cid):
    return nbformat.v4.new_code_cell(src, id=cid)


@pytest.fixture
def submissions(tmp_path):
    """A workshop's folder: complete, partial, untouched, hanging, kernel-crashing, corrupt, not a notebook."""
    folder = tmp_path / "submissions"
    (folder / "dave").mkdir(parents=True)
    solution = nbformat.read(DEMO_SOLUTION, as_version=4)
    learner = nbformat.reads(generate_text(DEMO_SOLUTION), as_version=4)

    nbformat.write(solution, folder / "alice.ipynb")  # complete
    partial = copy.deepcopy(learner)
    next(c for c in partial.cells if c.get("id") == "answer-q1").source = "resolution = 1718"
    nbformat.write(partial, folder / "bob.ipynb")
    nbformat.write(learner, folder / "carol.ipynb")  # untouched
    hanging = copy.deepcopy(solution)
    hanging.cells.insert(2, _code("while True:\n    pass", "hang"))
    # a stale PASS saved in the file must not count: only this run's outputs do
    fake = nbformat.v4.new_output("display_data", data={
        "text/plain": "demo-01 q1 · PASS · x",
        MIMETYPE: {"lesson": "demo-01", "question": "q1", "state": "PASS", "message": "x", "hint": ""},
    })
    next(c for c in hanging.cells if c.get("id") == "check-q1").outputs = [fake]
    nbformat.write(hanging, folder / "dave" / "demo-01-dark-vessels.ipynb")  # trainee = folder name
    crashing = copy.deepcopy(solution)
    crashing.cells.insert(5, _code("import os\nos._exit(1)", "crash"))
    nbformat.write(crashing, folder / "erin.ipynb")
    (folder / "frank.ipynb").write_text((folder / "alice.ipynb").read_text()[:400])  # truncated JSON
    (folder / "gina.ipynb").write_text("my answers: see email\n")  # a .txt renamed
    (folder / "hal.ipynb").write_bytes(b"")
    (folder / "ivy.ipynb").write_text('{"cells": "not a list", "nbformat": "x"}')
    (folder / "jo.ipynb").write_text('{"hello": "world"}')
    raising = copy.deepcopy(solution)
    raising.cells.insert(2, _code("1 / 0", "oops"))
    nbformat.write(raising, folder / "kim.ipynb")
    return folder


def _digests(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.mark.slow
def test_grade_a_workshop_folder(submissions, tmp_path, extra_checks, monkeypatch):
    monkeypatch.setenv("EMBARGO_KIT_STRICT", "1")  # the grader must still run kernels non-strict
    before = _digests(submissions)
    out = tmp_path / "out"
    report = grade_folder(submissions, out, timeout=5, workers=2, progress=False)
    assert _digests(submissions) == before  # submissions are never modified
    assert not list(submissions.rglob("*.ipynb.*")) and not (submissions / ".ipynb_checkpoints").exists()

    with (out / "gradebook.csv").open(newline="", encoding="utf-8") as fh:
        lines = list(csv.DictReader(fh))
    assert all(r["notebook"] for r in lines), "the gradebook is a plain table: no prose row"
    rows = {r["trainee"]: r for r in lines}
    assert set(rows) == {"alice", "bob", "carol", "dave", "erin", "frank", "gina", "hal", "ivy", "jo", "kim"}
    q = ["demo-01 q1", "demo-01 q2", "demo-01 q3"]

    def states(name):
        return [rows[name][k] for k in q]

    assert rows["alice"]["status"] == "graded" and states("alice") == ["PASS"] * 3
    assert (rows["alice"]["passed"], rows["alice"]["total"], rows["alice"]["note"]) == ("3", "3", "")
    assert rows["bob"]["status"] == "graded" and states("bob") == ["PASS", "NOT ATTEMPTED", "NOT ATTEMPTED"]
    assert rows["carol"]["status"] == "graded" and "PASS" not in states("carol")
    assert "NOT ATTEMPTED" in states("carol") and set(states("carol")) <= {"NOT ATTEMPTED", "CAN'T CHECK"}
    assert rows["dave"]["status"] == "timeout" and rows["dave"]["notebook"] == "dave/demo-01-dark-vessels.ipynb"
    assert rows["dave"]["note"].startswith("stopped after 5 s: the notebook did not finish (an endless loop?)")
    assert states("dave") == ["DID NOT RUN"] * 3  # the stale PASS in the file was not counted
    assert rows["erin"]["status"] == "crashed" and "kernel stopped while running cell 5" in rows["erin"]["note"]
    assert states("erin") == ["PASS", "DID NOT RUN", "DID NOT RUN"]  # what ran before the crash still counts
    assert rows["frank"]["status"] == "invalid" and "not valid JSON" in rows["frank"]["note"]
    assert rows["gina"]["status"] == "not-a-notebook" and "renamed" in rows["gina"]["note"]
    assert rows["hal"]["status"] == "empty" and "0 bytes" in rows["hal"]["note"]
    assert rows["ivy"]["status"] in {"invalid", "not-a-notebook"}
    assert rows["jo"]["status"] == "not-a-notebook"
    assert rows["kim"]["status"] == "graded" and "cell 2 raised ZeroDivisionError" in rows["kim"]["note"]
    assert states("kim") == ["PASS"] * 3

    feedback = out / "feedback"
    assert {p.stem for p in feedback.glob("*.html")} == set(rows)
    bob = (feedback / "bob.html").read_text()
    assert "replace the `...` with your answer." in bob and NOTICE not in bob
    assert "<script" not in bob and "http://" not in bob and "https://" not in bob  # self-contained
    summary = (out / "summary.html").read_text()
    assert NOTICE not in summary and 'alt="Bar chart of the share of notebooks that passed each question' in summary
    for name in ("frank", "gina", "hal", "ivy", "jo", "dave", "erin"):  # the room's page names no one
        assert f"{name}.ipynb" not in summary and f"{name}:" not in summary and f"{name}/" not in summary
    assert "5 file(s) could not be opened as notebooks and are left out" in summary
    assert "NOT ATTEMPTED" in summary and "CAN'T CHECK" in summary
    note = (out / "trainer-note.html").read_text()
    assert NOTICE in note and all(f"{name}:" in note for name in ("frank", "gina", "hal", "ivy", "jo", "dave", "erin"))
    assert "data:image/png;base64," in summary and "src=\"http" not in summary
    assert (out / "pass_rates.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with (out / "summary.csv").open(newline="", encoding="utf-8") as fh:
        summary_rows = list(csv.DictReader(fh))
    assert all(r["lesson"] == "demo-01" for r in summary_rows), "a plain table: no prose row"
    q1 = next(r for r in summary_rows if r["question"] == "q1")
    assert q1["notebooks"] == "6" and q1["passed"] == "4"  # alice, bob, erin, kim of six that ran
    assert q1["not_attempted"] == "1" and q1["did_not_run"] == "1"  # carol untouched; dave stopped
    assert q1["wording"] and not q1["wording"].lower().startswith("q1")
    assert len(report.rows) == 11


def test_read_submission_reasons(tmp_path):
    cases = {
        "empty.ipynb": (b"", "empty"),
        "blank.ipynb": (b"  \n", "empty"),
        "binary.ipynb": (b"\x89PNG\r\n\x1a\n\x00\x00", "not-a-notebook"),
        "text.ipynb": (b"hello", "not-a-notebook"),
        "cut.ipynb": (b'{"cells": [', "invalid"),
        "json.ipynb": (b"[1, 2]", "not-a-notebook"),
        "nocells.ipynb": (nbformat.writes(nbformat.v4.new_notebook()).encode(), "empty"),
    }
    for name, (data, status) in cases.items():
        (tmp_path / name).write_bytes(data)
        got, reason, _ = read_submission(tmp_path / name)
        assert got == status, (name, got, reason)
        assert reason
    ok = tmp_path / "ok.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), ok)
    assert read_submission(ok)[0] is None


def test_no_notebooks_is_a_clear_error(tmp_path):
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "readme.txt").write_text("x")
    with pytest.raises(NoSubmissions):
        grade_folder(tmp_path / "subs", tmp_path / "out", progress=False)
    res = CliRunner().invoke(app, ["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "out")])
    assert res.exit_code == 2 and "no notebooks" in res.output


def test_sandbox_required_is_refused_clearly_without_bubblewrap(tmp_path, monkeypatch):
    from embargo_kit.exercises import sandbox

    monkeypatch.setattr(sandbox, "bwrap_works", lambda: (False, "bubblewrap (bwrap) is not installed"))
    (tmp_path / "subs").mkdir()
    nbformat.write(nbformat.read(DEMO_SOLUTION, as_version=4), tmp_path / "subs" / "alice.ipynb")
    res = CliRunner().invoke(app, ["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "out"),
                                   "--sandbox", "required"])
    assert res.exit_code == 1 and "--sandbox required" in res.output and "apt-get install bubblewrap" in res.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_cli_grade_writes_the_reports(tmp_path, extra_checks):
    subs = tmp_path / "subs"
    subs.mkdir()
    nbformat.write(nbformat.read(DEMO_SOLUTION, as_version=4), subs / "alice.ipynb")
    res = CliRunner().invoke(app, ["grade", str(subs), "--out", str(tmp_path / "out"), "--timeout", "30",
                                   "--sandbox", "off", "--no-progress"])
    assert res.exit_code == 0, res.output
    assert "graded 1 notebooks" in res.output and NOTICE in res.output
    for name in ("gradebook.csv", "summary.csv", "summary.html", "pass_rates.png", "feedback/alice.html"):
        assert (tmp_path / "out" / name).is_file()


@pytest.mark.slow
def test_endless_output_is_capped(monkeypatch):
    from embargo_kit.exercises import grade, runner

    monkeypatch.setattr(runner, "MAX_OUTPUT_CHARS", 1000)  # the runner the grader uses caps the output
    nb = nbformat.v4.new_notebook(cells=[_code("for i in range(20000):\n    print(i)", "flood"), _code("1 / 0", "after")])
    outcome = grade.run_notebook(nb, timeout=30)
    assert outcome.status == "graded"
    texts = [o.get("text", "") for o in outcome.nb.cells[0].outputs]
    assert sum(map(len, texts)) < 1100 and "further output dropped" in texts[-1]
    assert outcome.errors == ["cell 1 raised ZeroDivisionError: division by zero"]  # errors are always kept
