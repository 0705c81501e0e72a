"""Benchmark: time to grade a folder of 30 submissions, sandboxed and not, against 30 single runs.

Run with `.venv/bin/python benchmarks/grading.py` (it is not a test). Uses the awareness-02 solution
notebook as every trainee's submission, so every run does the same work.
"""
from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from embargo_kit.exercises.grade import grade_folder

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "exercises" / "solutions" / "awareness" / "awareness-02-regime-as-data.ipynb"


def main(n: int = 30) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subs = Path(tmp) / "subs"
        for i in range(n):
            (subs / f"trainee{i:02d}").mkdir(parents=True)
            shutil.copy(SOLUTION, subs / f"trainee{i:02d}" / SOLUTION.name)
        for mode in ("off", "auto"):
            start = time.perf_counter()
            report = grade_folder(subs, Path(tmp) / f"out-{mode}", workers=2, progress=False, sandbox=mode)
            wall = time.perf_counter() - start
            per = statistics.median(r.seconds for r in report.rows)
            print(f"sandbox={mode:<4} {n} submissions, 2 workers: {wall:6.1f} s wall; "
                  f"median {per:.2f} s per notebook; {report.notice[:60]}...")
        single = Path(tmp) / "single"
        (single / "one").mkdir(parents=True)
        shutil.copy(SOLUTION, single / "one" / SOLUTION.name)
        start = time.perf_counter()
        for _ in range(5):
            grade_folder(single, Path(tmp) / "out-single", workers=1, progress=False, sandbox="auto")
        one = (time.perf_counter() - start) / 5
        print(f"one submission graded alone (sandboxed): {one:.2f} s; x{n} = {one * n:.1f} s as single runs")


if __name__ == "__main__":
    main()
