"""Team scores for the capstone debrief, from the gradebook that ``embargo-kit grade`` writes.

Put each team's three capstone notebooks in one folder per team (``SUBMISSIONS/<team>/capstone-0N-*.ipynb``),
run ``embargo-kit grade SUBMISSIONS --out RESULTS``, then::

    from embargo_kit.capstone.score import team_scores, score_sheet_html
    scores = team_scores("RESULTS/gradebook.csv")       # [{"team": ..., "decisions": 8, "passed": 6, "points": 18}]
    Path("scores.html").write_text(score_sheet_html(scores))

Each decision that shows PASS scores 3 points (maximum 24); the trainer adds up to 6 coordination points by
hand from the team's "who told whom, when" chart (see the debrief page, instructor edition).
"""

from __future__ import annotations

import csv
import html
from pathlib import Path

POINTS_PER_DECISION = 3
COORDINATION_MAX = 6
DECISIONS = {"capstone-01": ("port", "customs", "finance"), "capstone-02": ("customs", "port", "finance"),
             "capstone-03": ("notify", "report")}


def team_scores(gradebook: str | Path) -> list[dict]:
    """One row per team (the gradebook's ``trainee``): decisions passed and points, in team order."""
    teams: dict[str, dict[str, str]] = {}
    with Path(gradebook).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            team = row.get("trainee") or ""
            if not team or not (row.get("lesson") or "").startswith("capstone-"):
                continue
            states = teams.setdefault(team, {})
            for lesson, qids in DECISIONS.items():
                for q in qids:
                    value = row.get(f"{lesson} {q}") or ""
                    if value and value != "—":
                        states[f"{lesson} {q}"] = value
    out = []
    for team in sorted(teams):
        states = teams[team]
        passed = sum(v == "PASS" for v in states.values())
        out.append({"team": team, "decisions": sum(len(q) for q in DECISIONS.values()), "checked": len(states),
                    "passed": passed, "points": passed * POINTS_PER_DECISION, "states": dict(sorted(states.items()))})
    return out


def score_sheet_html(scores: list[dict]) -> str:
    """A printable score sheet: one row per team, a column per decision, and a box for coordination points."""
    e = html.escape
    keys = [f"{lesson} {q}" for lesson, qids in DECISIONS.items() for q in qids]
    head = "".join(f"<th>{e(k.replace('capstone-0', 'P').replace(' ', ' · '))}</th>" for k in keys)
    rows = []
    for s in scores:
        cells = "".join(f"<td>{e(s['states'].get(k, '—'))}</td>" for k in keys)
        rows.append(f"<tr><th>{e(s['team'])}</th>{cells}<td>{s['points']}</td><td></td><td></td></tr>")
    maximum = sum(len(q) for q in DECISIONS.values()) * POINTS_PER_DECISION
    return ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Capstone score sheet</title>'
            "<style>body{font-family:'Noto Sans','DejaVu Sans',sans-serif;margin:1.5rem}table{border-collapse:"
            "collapse}th,td{border:1px solid #999;padding:3px 6px;font-size:10pt}</style></head><body>"
            "<h1>Operation Grey Anchorage (fictional): team scores</h1>"
            f"<p>{POINTS_PER_DECISION} points per decision that passed (maximum {maximum}); add up to "
            f"{COORDINATION_MAX} coordination points from each team's chart.</p>"
            f"<table><thead><tr><th>team</th>{head}<th>points</th><th>coordination (0-{COORDINATION_MAX})</th>"
            f"<th>total</th></tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>")


def main(argv: list[str] | None = None) -> int:
    """``python -m embargo_kit.capstone.score RESULTS/gradebook.csv [SHEET.html]``: print scores, write a sheet."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: python -m embargo_kit.capstone.score RESULTS/gradebook.csv [score-sheet.html]")
        return 2
    scores = team_scores(args[0])
    for s in scores:
        print(f"{s['team']:<20} {s['passed']}/{s['decisions']} decisions passed, {s['points']} points")
    sheet = Path(args[1]) if len(args) > 1 else Path(args[0]).with_name("capstone-scores.html")
    sheet.write_text(score_sheet_html(scores), encoding="utf-8")
    print(f"score sheet: {sheet}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
