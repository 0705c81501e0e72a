"""``embargo-kit workshop plan|gain|kit|evaluation``: the trainer's tools (design.md, "CLI").

The lead registers it in cli.py:  ``from .cli_workshop import workshop_app; app.add_typer(workshop_app, name="workshop")``.
Every command that writes takes ``--out`` as a folder. Errors are sentences, never tracebacks.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer

workshop_app = typer.Typer(help="Plan a workshop, measure what the room learned, and pack the offline kits.",
                           no_args_is_help=True)


def _root(root: Optional[Path]) -> Path:
    here = (root or Path.cwd()).resolve()
    for cand in (here, *here.parents):
        if (cand / "book").is_dir() and (cand / "_toc.yml").exists():
            return cand
    typer.echo(f"error: no book/ folder with _toc.yml in {here} or above; run this in the course repository "
               "or pass --root", err=True)
    raise typer.Exit(2)


def _split(value: str) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@workshop_app.command("plan")
def plan_cmd(
    tracks: str = typer.Option("", "--tracks", help="Tracks in teaching order, e.g. awareness,port."),
    days: int = typer.Option(1, "--days", help="Number of workshop days."),
    start: Optional[str] = typer.Option(None, "--start", help="Start of each day, HH:MM (default 09:00)."),
    end: Optional[str] = typer.Option(None, "--end", help="Latest end of each day, HH:MM (default 17:00)."),
    lessons: str = typer.Option("", "--lessons", help="Exactly these lessons, in this order (instead of --tracks)."),
    add: str = typer.Option("", "--add", help="Lessons to add after the tracks' lessons."),
    drop: str = typer.Option("", "--drop", help="Lessons to leave out, e.g. awareness-05."),
    no_tests: bool = typer.Option(False, "--no-tests", help="Leave out the pre-test and post-test sessions."),
    out: Path = typer.Option(Path("agenda"), "--out", help="Folder for agenda.md, agenda.html, agenda.pdf, agenda.json."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Also print a PDF with chromium (if installed)."),
    root: Optional[Path] = typer.Option(None, "--root", help="Course repository (default: found from here)."),
) -> None:
    """Lay lessons out over days with clock times, breaks and lunch; refuse a plan that cannot work."""
    import json

    from .workshop.lessons import LessonError
    from .workshop.pdf import write_html_and_pdf
    from .workshop.planner import PlanError, load_settings, plan, to_html, to_markdown

    base = _root(root)
    t0 = time.perf_counter()
    try:
        settings = load_settings(pre_test=0, post_test=0) if no_tests else None
        agenda = plan(base, _split(tracks), days=days, start=start, end=end, only=_split(lessons),
                      drop=_split(drop), add=_split(add), settings=settings)
    except (PlanError, LessonError) as exc:
        _fail(str(exc))
    seconds = time.perf_counter() - t0
    out.mkdir(parents=True, exist_ok=True)
    (out / "agenda.md").write_text(to_markdown(agenda), encoding="utf-8")
    (out / "agenda.json").write_text(json.dumps(agenda.as_dict(), indent=1, ensure_ascii=False), encoding="utf-8")
    html_path, pdf_path, note = write_html_and_pdf(to_html(agenda), out / "agenda.html", pdf)
    for line in agenda.notes:
        typer.echo(f"note: {line}")
    for day in agenda.days:
        from .workshop.planner import day_summary
        typer.echo(f"day {day.number}: {', '.join(day.lessons)} · {day_summary(day)}")
    typer.echo(f"planned {len(agenda.lessons)} lessons over {len(agenda.days)} day(s) in {1000 * seconds:.0f} ms")
    typer.echo(f"wrote {out / 'agenda.md'}, {html_path}" + (f", {pdf_path}" if pdf_path else ""))
    if pdf and not pdf_path:
        typer.echo(f"note: {note}", err=True)


@workshop_app.command("gain")
def gain_cmd(
    answers: Path = typer.Argument(..., help="CSV with the header trainee,test,item,answer (test: pre or post)."),
    track: str = typer.Option(..., "--track", help="The track whose pre/post forms were used, e.g. awareness."),
    out: Path = typer.Option(..., "--out", help="Folder for report.html, report.docx, trainees.csv, objectives.csv, plots."),
    roster: Optional[Path] = typer.Option(None, "--roster", help="Text file, one trainee ID per line: any other ID is an error."),
    root: Optional[Path] = typer.Option(None, "--root", help="Course repository (for objective texts)."),
) -> None:
    """Per-trainee, cohort and per-objective normalised learning gain from pre- and post-test answers."""
    from .workshop.gain import GainInputError, compute, read_responses, summary_lines, write_report
    from .workshop.prepost import parallel_forms

    if not answers.is_file():
        _fail(f"{answers}: no such file", 2)
    try:
        forms = parallel_forms(track)
    except ValueError as exc:
        _fail(str(exc), 2)
    objectives: dict[str, str] = {}
    here = (root or Path.cwd()).resolve()
    base = next((c for c in (here, *here.parents) if (c / "book").is_dir() and (c / "_toc.yml").exists()), None)
    if base is not None:  # objective texts are a courtesy: the report works with objective IDs alone
        from .workshop.lessons import LessonError, discover
        try:
            objectives = {o: t for lesson in discover(base).values() for o, t in lesson.objectives}
        except LessonError as exc:
            typer.echo(f"note: objective texts left out ({exc})", err=True)
    ids = None
    if roster is not None:
        try:
            ids = [line.strip() for line in roster.read_text(encoding="utf-8").splitlines() if line.strip()]
        except (OSError, UnicodeDecodeError) as exc:
            _fail(f"{roster}: cannot read the roster ({exc})", 2)
    try:
        report = compute(read_responses(answers, forms, ids), forms, objectives)
    except GainInputError as exc:
        typer.echo(f"error: {answers.name} was not used; fix these and run again:", err=True)
        for message in exc.messages:
            typer.echo(f"  {message}", err=True)
        raise typer.Exit(1)
    written = write_report(report, out)
    for line in summary_lines(report):
        typer.echo(line)
    for message in report.messages:
        typer.echo(f"note: {message}")
    typer.echo(f"report: {written['html']} (also report.docx, trainees.csv, objectives.csv)")


@workshop_app.command("evaluation")
def evaluation_cmd(
    out: Path = typer.Option(..., "--out", help="Folder for evaluation.html/.pdf/.docx and a blank responses CSV."),
    title: str = typer.Option("", "--title", help="Added to the title, e.g. the workshop's place and date."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Also print PDFs with chromium (if installed)."),
) -> None:
    """Write the end-of-workshop evaluation questionnaire: printable, fillable in a browser, editable."""
    from .workshop.evaluation import write_evaluation

    for kind, path in write_evaluation(out, pdf, title).items():
        typer.echo(f"{kind:5} {path}")


@workshop_app.command("kit")
def kit_cmd(
    tracks: str = typer.Option(..., "--tracks", help="Tracks for the room, e.g. port or awareness,port."),
    out: Path = typer.Option(..., "--out", help="Folder for the learner kit and the trainer kit (folders and zips)."),
    days: int = typer.Option(0, "--days", help="Days for the agenda in the kits (default: the fewest that hold the tracks)."),
    start: Optional[str] = typer.Option(None, "--start", help="Start of each day, HH:MM."),
    wheelhouse: Optional[Path] = typer.Option(None, "--wheelhouse", help="A folder of dependency wheels to add (pip wheel ... -w DIR, made beforehand)."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Also print PDFs with chromium (if installed)."),
    profile: Optional[Path] = typer.Option(None, "--profile", help="National profile YAML: slides, handouts and the contacts sheet name its authorities, laws and reporting channel (build the sites with `embargo-kit profile build FILE` first)."),
    root: Optional[Path] = typer.Option(None, "--root"),
) -> None:
    """Pack the learner kit (no answers) and the trainer kit (answers) for a room without internet."""
    from .workshop.kit import KitError, build_kits, human
    from .workshop.lessons import LessonError
    from .workshop.planner import PlanError

    base = _root(root)
    t0 = time.perf_counter()
    try:
        results = build_kits(base, _split(tracks), out, days=days or None, start=start, wheelhouse=wheelhouse, pdf=pdf,
                             profile=profile)
    except (PlanError, LessonError, KitError) as exc:
        _fail(str(exc))
    for kind, r in results.items():
        typer.echo(f"{kind} kit: {r.folder} ({r.files} files, {human(r.bytes)}); archive {r.archive} "
                   f"({human(r.archive.stat().st_size) if r.archive else '-'})")
        for note in r.notes:
            typer.echo(f"  note: {note}", err=True)
    typer.echo(f"kits built in {time.perf_counter() - t0:.1f} s. Give the room only the learner kit.")


# The capstone's scoring lives with the capstone (issue 22); it is one verb of this group.
from .capstone.cli import score_cmd  # noqa: E402

workshop_app.command("score")(score_cmd)
