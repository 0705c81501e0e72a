"""``embargo-kit grade``: run a folder of submitted notebooks and write a gradebook."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer


class Sandbox(str, Enum):
    auto = "auto"
    required = "required"
    off = "off"


def grade(
    submissions: Path = typer.Argument(..., help="Folder of submitted notebooks (searched recursively).",
                                       exists=True, file_okay=False, dir_okay=True, readable=True),
    out: Path = typer.Option(..., "--out", help="Folder for gradebook.csv, feedback/, summary.html/.csv, pass_rates.png."),
    timeout: float = typer.Option(120.0, "--timeout", min=1, help="Seconds each notebook may run."),
    workers: int = typer.Option(2, "--workers", min=1, help="Notebooks run at the same time."),
    sandbox: Sandbox = typer.Option(Sandbox.auto, "--sandbox", case_sensitive=False,
                                    help="auto: sandbox with bubblewrap where it works, else folder isolation and "
                                         "limits only; required: refuse without bubblewrap; off: local kernels."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Run every notebook in SUBMISSIONS in its own kernel and write a gradebook and feedback pages."""
    from ..exercises.grade import NoSubmissions, grade_folder
    from ..exercises.sandbox import SandboxUnavailable, protections

    try:
        prot = protections(sandbox.value, timeout)
    except SandboxUnavailable as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1)
    typer.echo(prot.statement, err=True)  # said once, at the top
    try:
        report = grade_folder(submissions, out, timeout=timeout, workers=workers, progress=progress,
                              sandbox=sandbox.value)
    except NoSubmissions as exc:
        typer.echo(f"error: {exc}. Put the trainees' .ipynb files (or one folder per trainee) there.", err=True)
        raise typer.Exit(2)
    counts: dict[str, int] = {}
    for row in report.rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    typer.echo(f"graded {len(report.rows)} notebooks in {report.seconds:.1f} s: "
               + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    typer.echo(f"gradebook: {out / 'gradebook.csv'}")
    typer.echo(f"summary:   {out / 'summary.html'}")
    typer.echo(f"feedback:  {out / 'feedback'}")
    typer.echo(report.notice)
