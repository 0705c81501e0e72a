"""``embargo-kit profile check|build``: tailor the kit to a country (design.md, "CLI").

Errors are sentences naming the file, the line and the fix, never tracebacks.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

profile_app = typer.Typer(help="Tailor the kit to a country: check a national profile, build the book with it.",
                          no_args_is_help=True)


class Edition(str, Enum):
    learner = "learner"
    instructor = "instructor"
    both = "both"


def _load(path: Path):
    from ..profile import ProfileError, load_profile

    try:
        return load_profile(path)
    except ProfileError as exc:
        typer.echo(f"error: {exc}", err=True)
        typer.echo("Fix these and run `embargo-kit profile check` again; the fields are described in "
                   "src/embargo_kit/data/profiles/spec.yaml.", err=True)
        raise typer.Exit(1)


@profile_app.command("check")
def check_cmd(
    profile: Path = typer.Argument(..., help="The national profile YAML, e.g. a copy of "
                                             "src/embargo_kit/data/profiles/lumeria.yaml."),
) -> None:
    """Validate a national profile and show the wording the lessons will use."""
    from ..profile import summary_lines

    for line in summary_lines(_load(profile)):
        typer.echo(line)


@profile_app.command("build")
def build_cmd(
    profile: Path = typer.Argument(..., help="The national profile YAML."),
    edition: Edition = typer.Option(Edition.both, "--edition", case_sensitive=False,
                                    help="Which edition of the book to build."),
    fresh: bool = typer.Option(False, "--fresh", help="Delete the previous build and caches first."),
) -> None:
    """Build the book editions with a national profile (the same as `python -m embargo_kit.book build --profile`)."""
    from .. import book

    prof = _load(profile)
    typer.echo(f"Building for the national profile: {prof.label}")
    editions = book.EDITIONS if edition is Edition.both else (edition.value,)
    root = book.project_root()
    worst = 0
    for name in editions:
        code, _ = book.build(name, root, fresh=fresh, profile=prof.path)
        worst = max(worst, code)
    if worst:
        raise typer.Exit(worst)
    typer.echo("Built. Every page says which profile it was built for (footer and banner). "
               "`embargo-kit workshop kit --profile` packs these sites with the national contacts sheet.")
