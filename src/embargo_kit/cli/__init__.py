"""``embargo-kit``: one verb group per user (see design.md, "CLI" and "Shape").

The Typer app is assembled here from one module per command group: ``data``, ``exercises``, ``grade``,
``workshop``, ``national``, ``profile``, ``publish``, ``lms``. Imports in those modules stay light; heavy libraries
(nbclient, matplotlib, pandas) are imported inside the commands that need them, so ``--help`` is fast.
``reference`` is not a command group: it writes the handbook's CLI reference from this app
(``python -m embargo_kit.cli.reference``).
"""

from __future__ import annotations

import typer

from .data import data_app
from .exercises import exercises_app
from .grade import grade
from .lms import lms_app
from .national import national_app
from .profile import profile_app
from .publish import publish
from .workshop import workshop_app

app = typer.Typer(
    name="embargo-kit",
    help="Training kit for the UN arms embargo on the DPRK: exercises, grading and trainer tools.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def _main() -> None:
    """Training kit for the UN arms embargo on the DPRK."""


# Registration order is the order `embargo-kit --help` lists them in (kept as before the split).
app.add_typer(exercises_app, name="exercises")
app.command("grade")(grade)
app.add_typer(data_app, name="data")
app.add_typer(workshop_app, name="workshop")
app.add_typer(national_app, name="national")
app.add_typer(profile_app, name="profile")
app.command("publish")(publish)
app.add_typer(lms_app, name="lms")

__all__ = ["app"]
