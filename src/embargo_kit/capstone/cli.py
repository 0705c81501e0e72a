"""``embargo-kit workshop score``: the capstone's team and room scores (design.md, "One plan drives a workshop").

Registered on the workshop verb group by one line in the workshop CLI module.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import List, Optional

import typer


def score_cmd(
    submissions: Optional[Path] = typer.Argument(None, help="Folder with one folder per team, and in it one folder "
                                                            "per role (port, customs, finance, focal_point) holding "
                                                            "that laptop's capstone notebooks."),
    paper: List[Path] = typer.Option([], "--paper", help="Paper forms as CSV: team,phase,decision,option,"
                                                         "indicators,citations (repeat for several files)."),
    out: Path = typer.Option(Path("capstone-scores"), "--out", help="Folder for scores.csv and scores.html."),
    team: Optional[str] = typer.Option(None, "--team", help="Print this team's table only."),
) -> None:
    """Score the capstone decisions of every team from its notebooks and paper forms; print a room table and
    each team's table with a sentence per decision for the debrief."""
    from embargo_kit.capstone.score import room_table, score_room, team_table, write_outputs

    if submissions is None and not paper:
        typer.echo("error: give a SUBMISSIONS folder, one or more --paper forms, or both.", err=True)
        raise typer.Exit(2)
    if submissions is not None and not submissions.is_dir():
        typer.echo(f"error: {submissions} is not a folder.", err=True)
        raise typer.Exit(2)
    for p in paper:
        if not p.is_file():
            typer.echo(f"error: paper form {p} does not exist.", err=True)
            raise typer.Exit(2)
    t0 = time.perf_counter()
    room = score_room(submissions, paper)
    if not room.teams:
        typer.echo("error: no team found: put each team's notebooks in SUBMISSIONS/<team>/<role>/, or fill the "
                   "paper form's team column.", err=True)
        raise typer.Exit(1)
    typer.echo(room_table(room))
    for t in sorted(room.teams):
        if team is None or t == team:
            typer.echo("")
            typer.echo(team_table(room, t))
    for p in room.problems:
        typer.echo(f"note: {p}", err=True)
    files = write_outputs(room, out)
    typer.echo("")
    typer.echo(f"scores: {files['csv']}  ·  sheet: {files['html']}  ·  {len(room.teams)} team(s) scored in "
               f"{time.perf_counter() - t0:.1f} s")
