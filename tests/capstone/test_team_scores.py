"""The debrief's team scores come from a real grading run: a team that played the coordinated response scores
the maximum, a team that handed in untouched notebooks scores nothing, and the score sheet shows both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from embargo_kit.capstone.score import score_sheet_html, team_scores
from embargo_kit.exercises.grade import grade_folder

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_team_scores_from_a_graded_room(tmp_path):
    subs = tmp_path / "submissions"
    for team, src in (("alpha", ROOT / "exercises" / "solutions" / "capstone"), ("bravo", ROOT / "exercises" / "capstone")):
        (subs / team).mkdir(parents=True)
        for nb in sorted(src.glob("capstone-*.ipynb")):
            shutil.copy2(nb, subs / team / nb.name)
    grade_folder(subs, tmp_path / "results", progress=False, workers=1)
    scores = {s["team"]: s for s in team_scores(tmp_path / "results" / "gradebook.csv")}
    assert scores["alpha"]["passed"] == 8 and scores["alpha"]["points"] == 24
    assert scores["bravo"]["passed"] == 0 and scores["bravo"]["checked"] == 8
    sheet = score_sheet_html(list(scores.values()))
    assert "<th>alpha</th>" in sheet and ">24<" in sheet and "coordination" in sheet


def test_rows_of_other_lessons_are_ignored(tmp_path):
    book = tmp_path / "gradebook.csv"
    book.write_text("trainee,notebook,lesson,status,capstone-01 port,port-02 q1,passed,total,note\n"
                    "alpha,a.ipynb,capstone-01,graded,PASS,,1,1,\n"
                    "alpha,b.ipynb,port-02,graded,,PASS,1,1,\n", encoding="utf-8")
    [row] = team_scores(book)
    assert row["passed"] == 1 and row["points"] == 3 and row["checked"] == 1
