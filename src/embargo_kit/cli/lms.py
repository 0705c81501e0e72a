"""``embargo-kit lms quizbank|scorm``: hand the course to a learning management system (design.md, "LMS hand-off").

Both write trainer material into ``--out``: the quiz bank files hold the answers, so they never go into the
learner site or the learner kit. Errors are sentences, never tracebacks.
"""
from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

lms_app = typer.Typer(help="Hand the course to an LMS: the quiz bank for Moodle, SCORM 1.2 packages.",
                      no_args_is_help=True)

TRACK_HELP = "Tracks to include, comma-separated or repeated (default: every track)."


class Format(str, Enum):
    moodle_xml = "moodle-xml"
    gift = "gift"


class Use(str, Enum):
    quiz = "quiz"
    pre_post = "pre-post"


def _tracks(values: list[str] | None, allowed: tuple[str, ...]) -> list[str]:
    chosen = [t.strip() for value in values or [] for t in value.split(",") if t.strip()]
    unknown = [t for t in chosen if t not in allowed]
    if unknown:
        typer.echo(f"error: unknown track(s) {', '.join(unknown)}; choose from {', '.join(allowed)}.", err=True)
        raise typer.Exit(2)
    return list(dict.fromkeys(chosen)) or list(allowed)


def _refuse_learner_folder(out: Path) -> None:
    """The quiz bank files hold the answers: never write them into the learner edition or a learner kit."""
    parts = out.resolve().parts
    learner = any(p == "learner" and nxt == "_build" for p, nxt in zip(parts, parts[1:])) \
        or any(p.startswith("learner-kit") for p in parts)
    if learner:
        typer.echo(f"error: {out} is inside the learner edition or a learner kit; the quiz bank files hold the "
                   "answers, so write them to a trainer's folder instead (e.g. --out lms/).", err=True)
        raise typer.Exit(2)


@lms_app.command("quizbank")
def quizbank_cmd(
    fmt: Format = typer.Option(..., "--format", case_sensitive=False, help="moodle-xml or gift."),
    out: Path = typer.Option(..., "--out", help="Folder to write quizbank-<use>.xml or .gift.txt into."),
    tracks: list[str] = typer.Option(None, "--tracks", help=TRACK_HELP),
    use: list[Use] = typer.Option(None, "--use", case_sensitive=False,
                                  help="quiz (the lessons' quizzes) or pre-post (the two test forms); default both."),
) -> None:
    """Export the quiz bank for Moodle: categories per track, lesson and objective; pre and post forms apart."""
    from ..lms.quizbank_export import TRACKS, QuizBankError, export, load_bank

    _refuse_learner_folder(out)
    chosen = _tracks(tracks, TRACKS)
    try:
        items = load_bank()
    except QuizBankError as exc:
        typer.echo(f"error: the quiz bank cannot be read: {exc}", err=True)
        raise typer.Exit(1)
    left = 0
    for one in use or list(Use):
        result = export(fmt.value, out, chosen, one.value, items)
        typer.echo(f"{result.path}: {result.count} question(s) for {one.value} ({', '.join(chosen)}).")
        for item_id, reason in result.left_out:
            typer.echo(f"  left out {item_id}: {reason}", err=True)
        left += len(result.left_out)
    if left:
        typer.echo(f"{left} item(s) were left out (above); fix them in src/embargo_kit/data/quizbank/ and export "
                   "again.", err=True)
    typer.echo("These files hold the answers: give them to trainers only, never to learners.")


@lms_app.command("scorm")
def scorm_cmd(
    out: Path = typer.Option(..., "--out", help="Folder to write embargo-kit-<track>-scorm12.zip into."),
    tracks: list[str] = typer.Option(None, "--tracks", help=TRACK_HELP),
    site_url: str = typer.Option("", "--site-url",
                                 help="The published site (https://...): links to other tracks point there. "
                                      "Without it they are shown as plain text."),
) -> None:
    """Package each track as SCORM 1.2 (one SCO per track, resuming where the learner left) from the learner edition."""
    from ..book import html_dir, project_root
    from ..lms.scorm import ScormError, build
    from ..lms.quizbank_export import TRACKS

    if site_url and not site_url.startswith(("https://", "http://")):
        typer.echo(f"error: --site-url {site_url!r} is not a web address such as https://training.example.org/kit/",
                   err=True)
        raise typer.Exit(2)
    root = html_dir("learner", project_root())
    if not (root / "index.html").is_file():
        typer.echo(f"error: no learner edition in {root}: build it first with "
                   "`python -m embargo_kit.book build --edition learner`.", err=True)
        raise typer.Exit(1)
    failed = 0
    for track in _tracks(tracks, TRACKS):
        try:
            package = build(track, root, out, site_url=site_url or None)
        except ScormError as exc:
            typer.echo(f"error: {track}: {exc}", err=True)
            failed += 1
            continue
        where = f"point to {site_url}" if site_url else "are plain text"
        typer.echo(f"{package.path}: {len(package.pages)} page(s), {len(package.files)} file(s), "
                   f"{package.size / 1e6:.1f} MB; {package.offsite_links} link(s) to other tracks {where}.")
    if failed:
        raise typer.Exit(1)
