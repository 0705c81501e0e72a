"""``embargo-kit``: one verb group per user (see design.md, "CLI").

Heavy modules (nbclient, matplotlib, pandas) are imported inside the commands that need them.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(
    name="embargo-kit",
    help="Training kit for the UN arms embargo on the DPRK: exercises, grading and trainer tools.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _main() -> None:
    """Training kit for the UN arms embargo on the DPRK."""


def _repo_root(start: Optional[Path] = None) -> Path:
    """The nearest folder (from ``start`` or the working directory upwards) with ``exercises/solutions``."""
    here = (start or Path.cwd()).resolve()
    for cand in (here, *here.parents):
        if (cand / "exercises" / "solutions").is_dir():
            return cand
    raise typer.BadParameter(
        f"no exercises/solutions folder in {here} or above; run this inside the course repository or pass --root"
    )


# ------------------------------------------------------------------------------------------ exercises
exercises_app = typer.Typer(help="Author exercise notebooks: generate learner notebooks from solutions.",
                            no_args_is_help=True)
app.add_typer(exercises_app, name="exercises")


@exercises_app.command("build")
def exercises_build(
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if a learner notebook is out of date."),
    root: Optional[Path] = typer.Option(None, "--root", help="Repository root (default: found from the working directory)."),
) -> None:
    """Generate exercises/<part>/*.ipynb from exercises/solutions/<part>/*.ipynb."""
    from .exercises.generate import build, solution_notebooks

    base = _repo_root(root)
    report = build(base, check=check)

    def rel(p: Path) -> str:
        return str(p.relative_to(base)) if p.is_relative_to(base) else str(p)

    for err in report.errors:
        typer.echo(f"error: {err}", err=True)
    for p in report.orphans:
        typer.echo(f"{'error' if check else 'warning'}: {rel(p)} has no solution notebook "
                   "(learner notebooks are generated; delete it or add its solution)", err=True)
    if check:
        for p in report.stale:
            typer.echo(f"out of date: {rel(p)}", err=True)
        if report.stale:
            typer.echo("run `embargo-kit exercises build` to regenerate them", err=True)
        if not report.ok:
            raise typer.Exit(1)
        typer.echo(f"{len(report.unchanged)} learner notebooks up to date")
        return
    for p in report.written:
        typer.echo(f"wrote {rel(p)}")
    n = len(solution_notebooks(base))
    typer.echo(f"{len(report.written)} written, {len(report.unchanged)} unchanged, {n} solution notebooks")
    if report.errors:
        raise typer.Exit(1)


# ---------------------------------------------------------------------------------------------- grade
class Sandbox(str, Enum):
    auto = "auto"
    required = "required"
    off = "off"


@app.command("grade")
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
    from .exercises.grade import NoSubmissions, grade_folder
    from .exercises.sandbox import SandboxUnavailable, protections

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


# --------------------------------------------------------------------------------- other verb groups
# One verb group per user (design.md, "CLI"). Each lives in its own module; imports there stay light
# (heavy libraries are imported inside the commands).
from .cli_data import data_app  # noqa: E402
from .cli_national import national_app  # noqa: E402
from .cli_profile import profile_app  # noqa: E402
from .cli_publish import publish as _publish  # noqa: E402
from .cli_workshop import workshop_app  # noqa: E402

app.add_typer(data_app, name="data")
app.add_typer(workshop_app, name="workshop")
app.add_typer(national_app, name="national")
app.add_typer(profile_app, name="profile")
app.command("publish")(_publish)


if __name__ == "__main__":  # pragma: no cover
    app()
