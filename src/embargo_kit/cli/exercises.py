"""``embargo-kit exercises build``: generate learner notebooks from the authored solutions."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def _repo_root(start: Optional[Path] = None) -> Path:
    """The nearest folder (from ``start`` or the working directory upwards) with ``exercises/solutions``."""
    here = (start or Path.cwd()).resolve()
    for cand in (here, *here.parents):
        if (cand / "exercises" / "solutions").is_dir():
            return cand
    raise typer.BadParameter(
        f"no exercises/solutions folder in {here} or above; run this inside the course repository or pass --root"
    )


exercises_app = typer.Typer(help="Author exercise notebooks: generate learner notebooks from solutions.",
                            no_args_is_help=True)


@exercises_app.command("build")
def exercises_build(
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if a learner notebook is out of date."),
    root: Optional[Path] = typer.Option(None, "--root", help="Repository root (default: found from the working directory)."),
) -> None:
    """Generate exercises/<part>/*.ipynb from exercises/solutions/<part>/*.ipynb."""
    from ..exercises.generate import build, solution_notebooks

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
