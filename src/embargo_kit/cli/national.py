"""``embargo-kit national selfassess|report``: the national focal point's tools (design.md, "CLI").

ANSWERS is the path of a self-assessment answers file, or ``lumeria`` for the fictional sample that ships.
A bad answers file is refused with the file, the line and the fix, before anything is written.
"""
from __future__ import annotations

import time
from pathlib import Path

import typer

national_app = typer.Typer(help="The national focal point's tools: gap report and draft implementation report.",
                           no_args_is_help=True)


def _load(answers: str):
    from ..national.questionnaire import AnswersError, load_answers

    try:
        return load_answers(answers)
    except AnswersError as exc:
        typer.echo(f"error: {exc}", err=True)
        typer.echo("Nothing was written.", err=True)
        raise typer.Exit(1) from None


@national_app.command("selfassess")
def selfassess_cmd(
    answers: str = typer.Argument(..., help="Answers file (YAML), or 'lumeria' for the fictional sample."),
    out: Path = typer.Option(Path("selfassessment"), "--out", help="Folder for gap-report.html and gap-report.pdf."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Also print a PDF with chromium (if installed)."),
) -> None:
    """Print a gap summary and write a gap report: coverage by measure and by agency, each gap with the
    lessons and the agency that close it."""
    from ..national.selfassess import text_summary, write_gap_report

    t0 = time.perf_counter()
    data = _load(answers)
    summary, paths, note = write_gap_report(data, out, pdf)
    typer.echo(text_summary(summary))
    n = len(data.items)
    cited = sum(bool(a.question.paragraphs) for a in data.items)
    typer.echo(f"{cited} of {n} questions cite the registry; {summary.tagged_share:.0%} cite a confirmed paragraph "
               "number, the rest a resolution whose paragraph is not confirmed")
    typer.echo(f"wrote {', '.join(str(p) for p in paths)} in {time.perf_counter() - t0:.1f} s")
    if pdf and note:
        typer.echo(f"note: {note}", err=True)


@national_app.command("report")
def report_cmd(
    answers: str = typer.Argument(..., help="Answers file (YAML), or 'lumeria' for the fictional sample."),
    out: Path = typer.Option(Path("national-report"), "--out",
                             help="Folder for draft-report.docx, draft-report.html and draft-report.pdf."),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Also print a PDF with chromium (if installed)."),
) -> None:
    """Write a draft national implementation report (editable DOCX and PDF) with every gap left as a visible
    placeholder for the ministry."""
    from ..national.report import pdf_pages, write_report

    t0 = time.perf_counter()
    data = _load(answers)
    draft, paths, note = write_report(data, out, pdf)
    pages = next((pdf_pages(p) for p in paths if p.suffix == ".pdf"), None)
    typer.echo(f"draft report for {data.country_name}: {len(draft.citations)} resolutions and paragraphs cited, "
               f"{len(draft.laws)} laws in the annex, {len(draft.placeholders)} items left to complete"
               + (f", {pages} pages" if pages else ""))
    typer.echo(f"wrote {', '.join(str(p) for p in paths)} in {time.perf_counter() - t0:.1f} s")
    if pdf and note:
        typer.echo(f"note: {note}", err=True)
