"""Grading untrusted notebooks: what a trainer would notice after grading a folder with hostile submissions.

Each hostile notebook is bounded on its own (a fork loop stops after 400 tries, an allocation after 8 GiB, a
print loop after 20 s) so that a broken sandbox fails these tests instead of the machine.
"""
from __future__ import annotations

import copy
import csv
import hashlib
import os
import socket
import threading
import time
from pathlib import Path

import nbformat
import pytest

from embargo_kit.exercises import sandbox
from embargo_kit.exercises.grade import grade_folder
from embargo_kit.exercises.sandbox import Limits

from conftest import DEMO_SOLUTION  # noqa: E402  (tests/exercises/conftest.py)

pytestmark = pytest.mark.slow


def _with_cell(nb, source: str, at: int = 2):
    out = copy.deepcopy(nb)
    out.cells.insert(at, nbformat.v4.new_code_cell(source))
    return out


HOSTILE = {
    "writer": "from pathlib import Path\nPath({target!r}).write_text('pwned')\n",
    "overwriter": (
        "import glob, os\n"
        "hits, last = 0, None\n"
        "places = [{submissions!r}, {exercises!r}, os.getcwd(), os.path.expanduser('~'), '/tmp']\n"
        "for place in places:\n"
        "    for path in glob.glob(place + '/**/*.ipynb', recursive=True)[:5000]:\n"
        "        try:\n"
        "            open(path, 'w').write('{{}}'); hits += 1\n"
        "        except OSError as exc:\n"
        "            last = exc\n"
        "print('overwrote', hits, 'notebooks; last refusal:', repr(last))\n"
    ),
    "network": "import socket\ns = socket.create_connection(('127.0.0.1', {port}), timeout=3)\ns.sendall(b'hello')\n",
    "memory": (
        "blocks = []\n"
        "for _ in range(64):  # at most 8 GiB: bounded even if the sandbox is broken\n"
        "    blocks.append(bytearray(128 * 1024 * 1024))\n"
    ),
    "printer": (
        "import time\nt = time.time()\n"
        "while time.time() - t < 20:\n"
        "    print('x' * 10000)\n"
    ),
    "forker": (
        "import os, time\n"
        "made = 0\n"
        "for _ in range(400):  # bounded: a fork bomb that stops by itself\n"
        "    pid = os.fork()\n"
        "    if pid == 0:\n"
        "        time.sleep(15); os._exit(0)\n"
        "    made += 1\n"
        "print('forked', made)\n"
    ),
}


@pytest.fixture(scope="module")
def listener():
    """A local TCP server that records whether any submission reached it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    hits: list[bytes] = []
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                conn, _ = server.accept()
                hits.append(conn.recv(100))
                conn.close()
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], hits
    stop.set()
    thread.join(2)
    server.close()


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "gradebook.csv").open(encoding="utf-8") as fh:
        return {r["trainee"]: r for r in csv.DictReader(fh) if r["notebook"]}


def _make_folder(tmp_path: Path, port: int, outside: Path) -> Path:
    folder = tmp_path / "submissions"
    folder.mkdir()
    solution = nbformat.read(DEMO_SOLUTION, as_version=4)
    nbformat.write(solution, folder / "honest.ipynb")
    partial = copy.deepcopy(solution)
    next(c for c in partial.cells if c.get("id") == "answer-q1").source = "resolution = 2270"
    nbformat.write(partial, folder / "partial.ipynb")
    exercises = Path(__file__).resolve().parents[2] / "exercises"
    params = {"target": str(outside), "port": port, "submissions": str(folder), "exercises": str(exercises)}
    for name, code in HOSTILE.items():
        nbformat.write(_with_cell(solution, code.format(**params)), folder / f"{name}.ipynb")
    return folder


@pytest.mark.skipif(not sandbox.bwrap_works()[0] and os.environ.get("CI", "").lower() != "true",
                    reason="needs a working bwrap (Debian package `bubblewrap`): apt-get install bubblewrap")
def test_hostile_submissions_are_contained_in_the_sandbox(tmp_path, extra_checks, listener):
    ok, why = sandbox.bwrap_works()
    assert ok, f"CI=true but the sandbox cannot run: {why}"
    port, hits = listener
    # a path the grading user could write to, outside /tmp (which the sandbox replaces with its own)
    outside = Path(__file__).resolve().parent / "victim-must-not-exist.txt"
    outside.unlink(missing_ok=True)
    folder = _make_folder(tmp_path, port, outside)
    before = _tree_digest(folder)
    exercises = _tree_digest(Path(__file__).resolve().parents[2] / "exercises")
    out = tmp_path / "results"
    started = time.perf_counter()
    report = grade_folder(folder, out, timeout=60, workers=2, progress=False, sandbox="auto",
                          limits=Limits(memory_bytes=2 * 1024**3, processes=96))
    elapsed = time.perf_counter() - started

    assert report.notice.startswith("Each notebook ran in a bubblewrap sandbox")
    assert _tree_digest(folder) == before, "a submission file changed during grading"
    assert not outside.exists(), "a submission wrote outside its folder"
    assert _tree_digest(Path(__file__).resolve().parents[2] / "exercises") == exercises
    assert hits == [], "a submission reached a server on the grader's machine"
    rows = _rows(out)
    print({name: (row["status"], row["note"]) for name, row in rows.items()})
    print({r.trainee: round(r.seconds, 1) for r in report.rows})
    assert rows["honest"]["passed"] == rows["honest"]["total"] and rows["honest"]["status"] == "graded"
    assert int(rows["partial"]["passed"]) == int(rows["honest"]["total"]) - 1
    assert "a write outside its folder was refused" in rows["writer"]["note"]
    assert "a write outside its folder was refused" in rows["overwriter"]["note"]
    assert "a network connection was refused" in rows["network"]["note"]
    assert "hit the memory limit" in rows["memory"]["note"] or rows["memory"]["status"] == "crashed"
    # endless printing either fills the 2 MB output cap or drives the kernel into its memory limit
    # (or, under load, the grading process itself dies of the memory limit: the note names the signal)
    assert any(sign in rows["printer"]["note"] for sign in ("printed more than 2 MB", "ran out of memory",
                                                             "most often the memory limit"))
    assert "hit the process limit" in rows["forker"]["note"]
    # the honest notebook's neighbours did not change its grade
    alone = grade_folder(_only(folder, "honest.ipynb", tmp_path), tmp_path / "alone", timeout=60, progress=False,
                         sandbox="auto")
    assert _rows(tmp_path / "alone")["honest"]["passed"] == rows["honest"]["passed"]
    assert alone.rows[0].status == "graded"
    assert elapsed < 240, f"grading 8 notebooks took {elapsed:.0f} s"
    # how the notebooks ran is for the trainer's technical note, not the room's page
    assert "bubblewrap sandbox" in (out / "trainer-note.html").read_text(encoding="utf-8")
    assert "bubblewrap sandbox" not in (out / "summary.html").read_text(encoding="utf-8")


def _only(folder: Path, name: str, tmp_path: Path) -> Path:
    single = tmp_path / "single"
    single.mkdir()
    (single / name).write_bytes((folder / name).read_bytes())
    return single


def test_without_bubblewrap_the_grader_says_so_and_still_applies_limits(tmp_path, extra_checks, monkeypatch):
    monkeypatch.setattr(sandbox, "bwrap_works", lambda: (False, "bubblewrap (bwrap) is not installed"))
    folder = tmp_path / "subs"
    folder.mkdir()
    solution = nbformat.read(DEMO_SOLUTION, as_version=4)
    nbformat.write(solution, folder / "honest.ipynb")
    nbformat.write(_with_cell(solution, "x = bytearray(3 * 1024**3)\n"), folder / "greedy.ipynb")
    before = _tree_digest(folder)
    report = grade_folder(folder, tmp_path / "out", timeout=60, progress=False, sandbox="auto",
                          limits=Limits(memory_bytes=2 * 1024**3))
    assert report.notice.startswith("No sandbox: bubblewrap (bwrap) is not installed")
    assert "could still read and write" in report.notice
    rows = _rows(tmp_path / "out")
    assert rows["honest"]["passed"] == rows["honest"]["total"]
    assert "hit the memory limit" in rows["greedy"]["note"]
    assert _tree_digest(folder) == before
    assert report.notice in (tmp_path / "out" / "trainer-note.html").read_text()
    assert report.notice not in (tmp_path / "out" / "summary.html").read_text()


def test_required_refuses_without_bubblewrap(monkeypatch):
    monkeypatch.setattr(sandbox, "bwrap_works", lambda: (False, "bwrap is installed but refused to run here"))
    with pytest.raises(sandbox.SandboxUnavailable, match="apt-get install bubblewrap"):
        sandbox.protections("required", 60)


def test_a_fatal_signal_is_named_not_shown_as_an_exit_code():
    """A grader killed by SIGSEGV (as Python often is at the address-space limit) says so in words."""
    assert sandbox._signal_note(-11) == "killed by SIGSEGV, most often the memory limit"
    assert sandbox._signal_note(139) == "killed by SIGSEGV, most often the memory limit"  # bubblewrap passes 128+n
    assert sandbox._signal_note(137).startswith("killed by SIGKILL")
    assert sandbox._signal_note(1) == "" and sandbox._signal_note(0) == "" and sandbox._signal_note(None) == ""


def test_a_kernel_that_never_started_is_tried_once_more(tmp_path, monkeypatch):
    """A busy machine can kill a kernel before its first cell; the grader retries once, and only then reports."""
    from embargo_kit.exercises import grade
    from embargo_kit.exercises.runner import RunOutcome

    folder = tmp_path / "subs"
    folder.mkdir()
    nbformat.write(nbformat.read(DEMO_SOLUTION, as_version=4), folder / "honest.ipynb")
    calls = []

    def flaky(nb, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            return RunOutcome("crashed", "the kernel failed before any cell ran (RuntimeError: Kernel died)", nb, [], 0.1)
        return RunOutcome("graded", "", nb, [], 0.2)

    monkeypatch.setattr(grade, "run_notebook", flaky)
    row = grade.grade_file(folder / "honest.ipynb", folder)
    assert len(calls) == 2 and row.status == "graded"
    calls.clear()
    monkeypatch.setattr(grade, "run_notebook", lambda nb, **kw: calls.append(1) or RunOutcome(
        "crashed", "the kernel failed before any cell ran (RuntimeError: Kernel died)", nb, [], 0.1))
    row = grade.grade_file(folder / "honest.ipynb", folder)
    assert len(calls) == 2 and row.status == "crashed", "a kernel that never starts is reported after two tries"
