"""``embargo-kit data``: regenerate (or verify) the synthetic world shipped with the kit."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

data_app = typer.Typer(help="The synthetic practice data: regenerate it from its seed, or check it.",
                       no_args_is_help=True)


@data_app.callback()
def _data() -> None:
    """The synthetic practice data (one seeded world for every track)."""


@data_app.command("regenerate")
def regenerate(
    out: Optional[Path] = typer.Option(None, "--out", help="Write into this folder instead of the package data "
                                       "folder (with --check: the folder to compare)."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if the files differ from a fresh "
                               "generation or a validator of the world finds a fault."),
) -> None:
    """Generate every table of the world from its seed (deterministic, byte for byte). Maintainers only: needs
    the optional name-matching libraries (pip install -e ".[names]")."""
    from ..exercises import optional

    if not optional.available():
        typer.echo("embargo-kit data regenerate is for maintainers and needs the optional name-matching libraries "
                   "(followthemoney, rigour, fingerprints): the generator writes FollowTheMoney entities and keeps "
                   "invented names away from listed ones. Install them with: "
                   f"{optional.install_line()} (in a checkout: pip install -e \".[names]\"; make does this).",
                   err=True)
        raise typer.Exit(2)
    from ..world import SEED, generate

    target = out or generate.default_dir()
    start = time.monotonic()
    if check:
        diffs = generate.differences(target)
        for d in diffs:
            typer.echo(f"out of date: {d}", err=True)
        if diffs:
            typer.echo("run `embargo-kit data regenerate` to regenerate the data", err=True)
            raise typer.Exit(1)
        from ..world import validate

        findings = validate.run(generate.build())
        if findings:
            typer.echo(validate.report(findings), err=True)
            typer.echo(f"{len(findings)} validator findings in the world: fix the generator "
                       "(src/embargo_kit/world/) and regenerate", err=True)
            raise typer.Exit(1)
        typer.echo(f"{len(generate.GENERATED)} data files in {target} match a fresh generation "
                   f"(seed {SEED}, {time.monotonic() - start:.1f} s)")
        return
    files = generate.write(target)
    size = sum(len(b) for b in files.values())
    typer.echo(f"wrote {len(files)} files ({size / 1e6:.1f} MB) to {target} (seed {SEED}, "
               f"{time.monotonic() - start:.1f} s)")
