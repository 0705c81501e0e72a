"""``embargo-kit workshop plan|gain|kit|evaluation``: the trainer's tools (design.md, "CLI").

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


def _inputs(tracks: str, days: Optional[int], start: Optional[str], end: Optional[str], lessons: str, add: str,
            drop: str, lunch: Optional[int], break_: Optional[int], pre_test: Optional[int], post_test: Optional[int],
            no_tests: bool, capstone: Optional[int], paper: Optional[str], plan_file: Optional[Path] = None,
            fewest_days: bool = False):
    """The plan's inputs: the plan file's (if any), with every option given on the command line over them.

    ``fewest_days``: without a plan file or --days, take the fewest days that hold the lessons (days=0)."""
    from ..workshop.pdf import check_paper
    from ..workshop.planfile import PlanFileError, PlanInputs, read_plan

    base = PlanInputs(days=0 if fewest_days else 1)
    if plan_file is not None:
        try:
            base, _ = read_plan(plan_file)
        except PlanFileError as exc:
            _fail(str(exc), 2)
    if paper is not None:
        try:
            check_paper(paper)
        except ValueError as exc:
            _fail(str(exc), 2)
    if no_tests:
        pre_test, post_test = 0, 0
    return base.merged(tracks=_split(tracks), days=days, start=start, end=end, lessons=_split(lessons),
                       add=_split(add), drop=_split(drop), lunch=lunch, break_=break_, pre_test=pre_test,
                       post_test=post_test, capstone=capstone, paper=paper)


# The planner's options, shared by `plan` and `kit` (for `kit` they override the plan file).
TRACKS_OPT = typer.Option("", "--tracks", help="Tracks in teaching order, e.g. awareness,port.")
DAYS_OPT = typer.Option(None, "--days", help="Number of workshop days (plan: default 1; kit without a plan: the fewest that hold the lessons).")
START_OPT = typer.Option(None, "--start", help="Start of each day, HH:MM (default 09:00).")
END_OPT = typer.Option(None, "--end", help="Latest end of each day, HH:MM (default 17:00).")
LESSONS_OPT = typer.Option("", "--lessons", help="Exactly these lessons, in this order (instead of --tracks).")
ADD_OPT = typer.Option("", "--add", help="Lessons to add after the tracks' lessons.")
DROP_OPT = typer.Option("", "--drop", help="Lessons to leave out, e.g. awareness-06,port-05.")
LUNCH_OPT = typer.Option(None, "--lunch", help="Minutes of lunch (default 60).")
BREAK_OPT = typer.Option(None, "--break", help="Minutes of each break (default 15).")
PRE_OPT = typer.Option(None, "--pre-test", help="Minutes of the pre-test slot (default 20; about one item a minute).")
POST_OPT = typer.Option(None, "--post-test", help="Minutes of the post-test slot (default 20).")
NO_TESTS_OPT = typer.Option(False, "--no-tests", help="Leave out the pre-test and post-test sessions.")
CAPSTONE_OPT = typer.Option(None, "--capstone", help="Minutes for the inter-agency capstone (book/capstone) on the last day, e.g. 150.")
PAPER_OPT = typer.Option(None, "--paper", help="Paper size of every PDF: A4 (default) or Letter.")


@workshop_app.command("plan")
def plan_cmd(
    tracks: str = TRACKS_OPT, days: Optional[int] = DAYS_OPT, start: Optional[str] = START_OPT,
    end: Optional[str] = END_OPT, lessons: str = LESSONS_OPT, add: str = ADD_OPT, drop: str = DROP_OPT,
    lunch: Optional[int] = LUNCH_OPT, break_: Optional[int] = BREAK_OPT, pre_test: Optional[int] = PRE_OPT,
    post_test: Optional[int] = POST_OPT, no_tests: bool = NO_TESTS_OPT, capstone: Optional[int] = CAPSTONE_OPT,
    paper: Optional[str] = PAPER_OPT,
    out: Path = typer.Option(Path("agenda"), "--out", help="Folder for plan.json, agenda.md, agenda.html, agenda.pdf, agenda.json."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Also print a PDF with chromium (if installed)."),
    root: Optional[Path] = typer.Option(None, "--root", help="Course repository (default: found from here)."),
) -> None:
    """Lay lessons out over days with clock times, breaks and lunch; write plan.json for `workshop kit --plan`."""
    import json

    from ..workshop.lessons import LessonError
    from ..workshop.pdf import paper_size, write_html_and_pdf
    from ..workshop.planfile import PlanFileError, make_agenda, make_forms, write_plan
    from ..workshop.planner import PlanError, day_summary, to_html, to_markdown

    base = _root(root)
    inputs = _inputs(tracks, days, start, end, lessons, add, drop, lunch, break_, pre_test, post_test, no_tests,
                     capstone, paper)
    t0 = time.perf_counter()
    try:
        agenda = make_agenda(base, inputs)
    except (PlanError, LessonError, PlanFileError) as exc:
        _fail(str(exc))
    seconds = time.perf_counter() - t0
    form_plan = None
    if agenda.settings.pre_test or agenda.settings.post_test:
        try:
            form_plan = make_forms(agenda)
        except ValueError as exc:
            typer.echo(f"note: no pre/post forms: {exc}", err=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "agenda.md").write_text(to_markdown(agenda), encoding="utf-8")
    (out / "agenda.json").write_text(json.dumps(agenda.as_dict(), indent=1, ensure_ascii=False), encoding="utf-8")
    plan_path = write_plan(out, inputs, agenda, form_plan)
    with paper_size(inputs.paper):
        html_path, pdf_path, note = write_html_and_pdf(to_html(agenda), out / "agenda.html", pdf)
    for line in agenda.notes:
        typer.echo(f"note: {line}")
    for day in agenda.days:
        typer.echo(f"day {day.number}: {', '.join(day.lessons)} · {day_summary(day)}")
    if form_plan is not None:
        pre, post = form_plan.forms
        typer.echo(f"pre/post forms: {len(pre.items)} + {len(post.items)} items, no item on both, "
                   f"{len(form_plan.measured)} objectives measured")
        for line in form_plan.notes:
            typer.echo(f"note: {line}")
    typer.echo(f"planned {len(agenda.lessons)} lessons over {len(agenda.days)} day(s) in {1000 * seconds:.0f} ms")
    typer.echo(f"wrote {plan_path}, {out / 'agenda.md'}, {html_path}" + (f", {pdf_path}" if pdf_path else ""))
    typer.echo(f"next: embargo-kit workshop kit --plan {plan_path} --out KITS")
    if pdf and not pdf_path:
        typer.echo(f"note: {note}", err=True)


@workshop_app.command("gain")
def gain_cmd(
    answers: Path = typer.Argument(..., help="CSV with the header trainee,test,item,answer (test: pre or post)."),
    plan_file: Optional[Path] = typer.Option(None, "--plan", help="plan.json of the workshop: its forms were used."),
    track: str = typer.Option("", "--track", help="Instead of --plan: the track whose whole forms were used."),
    out: Path = typer.Option(..., "--out", help="Folder for report.html, report.docx, trainees.csv, objectives.csv, plots."),
    roster: Optional[Path] = typer.Option(None, "--roster", help="Text file, one trainee ID per line: any other ID is an error."),
    root: Optional[Path] = typer.Option(None, "--root", help="Course repository (for objective texts)."),
) -> None:
    """Per-trainee, cohort and per-objective normalised learning gain from pre- and post-test answers."""
    from ..workshop.gain import GainInputError, compute, read_responses, summary_lines, write_report
    from ..workshop.planfile import PlanFileError, read_plan
    from ..workshop.prepost import forms_from_ids, parallel_forms

    if not answers.is_file():
        _fail(f"{answers}: no such file", 2)
    if (plan_file is None) == (not track):
        _fail("give the forms used: --plan DIR/plan.json (the workshop's plan) or --track TRACK", 2)
    try:
        if plan_file is not None:
            _, data = read_plan(plan_file)
            if not data.get("forms"):
                _fail(f"{plan_file}: the plan has no pre/post forms (planned with --no-tests?)", 2)
            f = data["forms"]
            forms = forms_from_ids(f["pre"], f["post"], minutes=f.get("minutes", 20), title=f.get("title", ""))
        else:
            forms = parallel_forms(track)
    except (ValueError, KeyError) as exc:
        _fail(str(exc), 2)
    objectives: dict[str, str] = {}
    here = (root or Path.cwd()).resolve()
    base = next((c for c in (here, *here.parents) if (c / "book").is_dir() and (c / "_toc.yml").exists()), None)
    if base is not None:  # objective texts are a courtesy: the report works with objective IDs alone
        from ..workshop.lessons import LessonError, discover
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
    from ..workshop.evaluation import write_evaluation

    for kind, path in write_evaluation(out, pdf, title).items():
        typer.echo(f"{kind:5} {path}")


@workshop_app.command("kit")
def kit_cmd(
    plan_file: Optional[Path] = typer.Option(None, "--plan", help="plan.json written by `workshop plan` (options below override it)."),
    out: Path = typer.Option(..., "--out", help="Folder for the learner kit and the trainer kit (folders and zips)."),
    tracks: str = TRACKS_OPT, days: Optional[int] = DAYS_OPT, start: Optional[str] = START_OPT,
    end: Optional[str] = END_OPT, lessons: str = LESSONS_OPT, add: str = ADD_OPT, drop: str = DROP_OPT,
    lunch: Optional[int] = LUNCH_OPT, break_: Optional[int] = BREAK_OPT, pre_test: Optional[int] = PRE_OPT,
    post_test: Optional[int] = POST_OPT, no_tests: bool = NO_TESTS_OPT, capstone: Optional[int] = CAPSTONE_OPT,
    paper: Optional[str] = PAPER_OPT,
    wheelhouse: bool = typer.Option(False, "--wheelhouse", help="Add an offline wheelhouse (the package and everything the notebooks need, jupyterlab included; ready-made wheels only, so name matching stays an online extra) for this system and Python; pip must reach a package index now."),
    wheelhouse_python: Optional[list[str]] = typer.Option(None, "--wheelhouse-python", help="With --wheelhouse: a Python (e.g. python3.12) whose pip adds its wheels to the wheelhouse; repeat for each Python the room has (default: the Python running this command)."),
    wheelhouse_from: Optional[Path] = typer.Option(None, "--wheelhouse-from", help="Use this wheelhouse, filled beforehand (pip wheel -w DIR ...), instead of building one."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Also print PDFs with chromium (if installed)."),
    profile: Optional[Path] = typer.Option(None, "--profile", help="National profile YAML: slides, handouts and the contacts sheet name its authorities, laws and reporting channel (build the sites with `embargo-kit profile build FILE` first)."),
    root: Optional[Path] = typer.Option(None, "--root"),
) -> None:
    """Pack the learner kit (no answers) and the trainer kit (answers) of one plan, for a room without internet."""
    from ..workshop.kit import KitError, build_kits, human
    from ..workshop.lessons import LessonError
    from ..workshop.planfile import PlanFileError
    from ..workshop.planner import PlanError

    base = _root(root)
    inputs = _inputs(tracks, days, start, end, lessons, add, drop, lunch, break_, pre_test, post_test, no_tests,
                     capstone, paper, plan_file, fewest_days=True)
    if not inputs.tracks and not inputs.lessons:
        _fail("say what the kit is for: --plan DIR/plan.json (from `embargo-kit workshop plan`), or --tracks/--lessons", 2)
    t0 = time.perf_counter()
    try:
        if wheelhouse_from is not None and not wheelhouse_from.is_dir():
            _fail(f"{wheelhouse_from}: no such folder (--wheelhouse-from takes a folder of wheels)", 2)
        if wheelhouse_python and not wheelhouse:
            _fail("--wheelhouse-python goes with --wheelhouse (it says which Pythons fill the wheelhouse)", 2)
        results = build_kits(base, inputs, out, wheelhouse=wheelhouse_from or wheelhouse, pdf=pdf, profile=profile,
                             wheelhouse_pythons=wheelhouse_python or None)
    except (PlanError, LessonError, KitError, PlanFileError) as exc:
        _fail(str(exc))
    for kind, r in results.items():
        typer.echo(f"{kind} kit: {r.folder} ({r.files} files, {human(r.bytes)}); archive {r.archive} "
                   f"({human(r.archive.stat().st_size) if r.archive else '-'})")
        for note in r.notes:
            typer.echo(f"  note: {note}", err=True)
        for note in r.form_notes:
            typer.echo(f"  pre/post forms: {note}")
    typer.echo(f"kits built in {time.perf_counter() - t0:.1f} s. Give the room only the learner kit.")


# The capstone's scoring lives with the capstone (issue 22); it is one verb of this group.
from ..capstone.cli import score_cmd  # noqa: E402

workshop_app.command("score")(score_cmd)
