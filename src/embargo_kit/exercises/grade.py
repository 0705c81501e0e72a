"""Grade a folder of submitted notebooks: run each in its own kernel, read the check results, write reports.

``grade_folder(SUBMISSIONS, OUT)`` finds every ``*.ipynb`` under SUBMISSIONS (recursively), runs a copy of
each in a fresh kernel in a temporary folder (a few at a time, each with a time limit), reads the results
the checks published (mimetype ``application/vnd.embargo-kit.check+v1+json``) and writes into OUT:

* ``gradebook.csv`` — one row per trainee-notebook (trainer only);
* ``feedback/<trainee>.html`` — one self-contained page per trainee;
* ``summary.csv``, ``summary.html`` and ``pass_rates.png`` — the room's page: each question by its short wording,
  with PASS / NOT YET / NOT ATTEMPTED / CAN'T CHECK counted apart; files that could not be read are left out
  of the rates and not named;
* ``trainer-note.html`` — the technical note for the trainer only: how the notebooks ran (sandbox or not),
  the files that could not be read and the notebooks that stopped, by name.

Learners see NOT YET for an untouched answer; the gradebook says NOT ATTEMPTED (design.md, "Learners see NOT
YET; the gradebook says more"). CSVs are plain tables: a header and one row per record, nothing else.

Submissions are only read, never written. Nothing here imports pandas; matplotlib is imported only to draw
the chart.
"""

from __future__ import annotations

import base64
import csv
import html
import json
import re
import shutil
import tempfile
import time
import warnings
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import nbformat

from .checking import CANT_CHECK, MIMETYPE, NOT_YET, PASS, UNANSWERED
from .generate import lesson_from_stem
from .runner import DEFAULT_TIMEOUT, RunOutcome, run_notebook, short as _short  # noqa: F401 (re-exported)
from .sandbox import NOTICE  # noqa: F401 (re-exported)

__all__ = [
    "NOTICE",
    "STATUSES",
    "NOT_RUN",
    "NOT_ATTEMPTED",
    "question_labels",
    "RunOutcome",
    "Row",
    "GradeReport",
    "NoSubmissions",
    "find_submissions",
    "read_submission",
    "run_notebook",
    "check_results",
    "grade_file",
    "grade_folder",
    "write_reports",
]

STATUSES = ("graded", "timeout", "crashed", "invalid", "empty", "not-a-notebook")
NOT_RUN = "DID NOT RUN"  # the notebook stopped before this check (crash, timeout)
NOT_ATTEMPTED = "NOT ATTEMPTED"  # the answer is still the learner notebook's `...`
BROKEN = ("invalid", "empty", "not-a-notebook")  # files that could not be read as notebooks
DEFAULT_WORKERS = 2


class NoSubmissions(Exception):
    """The submissions folder holds no ``*.ipynb``."""


def check_results(nb: nbformat.NotebookNode) -> list[dict[str, str]]:
    """Every check result published in the outputs, in notebook order."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            payload = data.get(MIMETYPE)
            if isinstance(payload, str):
                try:
                    payload = json.loads(payload)
                except ValueError:
                    continue
            if isinstance(payload, dict) and payload.get("state") in (PASS, NOT_YET, CANT_CHECK):
                found.append({k: str(payload.get(k, "") or "") for k in ("lesson", "question", "state", "message", "hint")})
    return found


# ---------------------------------------------------------------------------------------- submissions
def find_submissions(folder: Path) -> list[Path]:
    folder = Path(folder)
    return sorted(
        p
        for p in folder.rglob("*.ipynb")
        if p.is_file() and ".ipynb_checkpoints" not in p.relative_to(folder).parts
    )


def read_submission(path: Path) -> tuple[str | None, str, nbformat.NotebookNode | None]:
    """(problem status or None, reason, notebook). Never raises for a bad file."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return "invalid", f"the file could not be read ({exc.__class__.__name__})", None
    if not data.strip():
        return "empty", "the file is empty (0 bytes)" if not data else "the file holds only blank space", None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "not-a-notebook", "the file is not a notebook (it is not text: a renamed file?)", None
    if not text.lstrip().startswith("{"):
        return "not-a-notebook", "the file is not a notebook (no notebook JSON inside: a renamed file?)", None
    try:
        obj = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        where = f" near line {line}" if line else ""
        return "invalid", f"the file is damaged: not valid JSON{where} (cut off or edited by hand?)", None
    if not isinstance(obj, dict) or "nbformat" not in obj or not ("cells" in obj or "worksheets" in obj):
        return "not-a-notebook", "the file is JSON but not a Jupyter notebook", None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4)
            nbformat.validate(nb)
    except Exception as exc:
        msg = getattr(exc, "message", None) or str(exc)
        return "invalid", f"the notebook structure is damaged ({_short(msg, 100)})", None
    if not nb.cells:
        return "empty", "the notebook has no cells", nb
    if not any(c.cell_type == "code" and c.source.strip() for c in nb.cells):
        return "empty", "the notebook has no code to run", nb
    return None, "", nb


def _trainee_for(path: Path, folder: Path) -> str:
    rel = path.relative_to(folder)
    return rel.parts[0] if len(rel.parts) > 1 else path.stem


def _declared_lesson(path: Path, nb: nbformat.NotebookNode | None) -> str:
    if nb is not None:
        meta = nb.metadata.get("embargo_kit") or {}
        if isinstance(meta, dict) and isinstance(meta.get("lesson"), str) and meta["lesson"]:
            return meta["lesson"]
    return lesson_from_stem(path.stem) or ""


@dataclass
class Row:
    trainee: str
    notebook: str  # path relative to the submissions folder
    lesson: str
    status: str
    note: str = ""
    results: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)  # last result per question
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    attempts: list[str] = field(default_factory=list)  # what the notebook visibly ran into (sandbox, limits)

    def lessons(self) -> list[str]:
        seen = [self.lesson] if self.lesson else []
        for lesson, _ in self.results:
            if lesson and lesson not in seen:
                seen.append(lesson)
        return seen


def _kernel_never_started(outcome: RunOutcome) -> bool:
    return outcome.status == "crashed" and "before any cell ran" in (outcome.note or "")


def grade_file(path: Path, folder: Path, *, timeout: float = DEFAULT_TIMEOUT, kernel_name: str | None = None,
               protections=None, hide: list[Path] | None = None) -> Row:
    """Grade one submission (a copy runs in a temporary folder; the file itself is only read).

    With ``protections`` of mode "bwrap" or "limits" the copy runs in a child process with resource limits
    (and inside bubblewrap for "bwrap"); ``hide`` lists folders the sandbox must not see.
    """
    from .sandbox import run_isolated, visible_attempts

    path, folder = Path(path), Path(folder)
    trainee = _trainee_for(path, folder)
    rel = path.relative_to(folder).as_posix()
    problem, reason, nb = read_submission(path)
    lesson = _declared_lesson(path, nb)
    if problem is not None or nb is None:
        return Row(trainee, rel, lesson, problem or "invalid", reason)
    for _attempt in (1, 2):
        with tempfile.TemporaryDirectory(prefix="embargo-kit-grade-") as tmp:
            copy = Path(tmp) / "work" / path.name
            copy.parent.mkdir()
            shutil.copyfile(path, copy)
            if protections is not None and protections.mode in ("bwrap", "limits"):
                outcome = run_isolated(copy, copy.parent, timeout, protections, hide or [])
            else:
                outcome = run_notebook(nb, timeout=timeout, cwd=copy.parent, kernel_name=kernel_name)
        # A kernel that died before running any cell (a busy machine) is not the trainee's doing: try once more.
        if not _kernel_never_started(outcome):
            break
    attempts = visible_attempts(outcome.nb)
    results: dict[tuple[str, str], dict[str, str]] = {}
    for res in check_results(outcome.nb):
        results[(res["lesson"], res["question"])] = res
    if not lesson and results:
        lesson = next(iter(results))[0]
    notes = [outcome.note] if outcome.note else []
    if outcome.errors:
        more = f" (+{len(outcome.errors) - 1} more)" if len(outcome.errors) > 1 else ""
        notes.append(outcome.errors[0] + more)
    if attempts:
        notes.append("visible in its outputs: " + ", ".join(attempts))
    if not results:
        notes.append("no checks ran")
    return Row(trainee, rel, lesson, outcome.status, "; ".join(notes), results, outcome.errors, outcome.seconds,
               attempts)


# ------------------------------------------------------------------------------------------- reports
@dataclass
class GradeReport:
    folder: Path
    out: Path
    rows: list[Row]
    questions: dict[str, list[str]]  # lesson -> question ids in order
    seconds: float = 0.0
    files: dict[str, Path] = field(default_factory=dict)
    notice: str = NOTICE  # which protections were in force, said once at the top of every output

    def columns(self) -> list[tuple[str, str]]:
        return [(lesson, q) for lesson in sorted(self.questions) for q in self.questions[lesson]]

    def cell(self, row: Row, key: tuple[str, str]) -> str:
        """PASS, NOT YET, NOT ATTEMPTED (an untouched `...`), CAN'T CHECK or DID NOT RUN; "" if not its lesson."""
        if key[0] not in row.lessons():
            return ""
        res = row.results.get(key)
        if not res:
            return NOT_RUN
        if res["state"] == NOT_YET and res["message"] == UNANSWERED:
            return NOT_ATTEMPTED
        return res["state"]

    @property
    def readable(self) -> list[Row]:
        """The rows whose file could be read as a notebook (the others stay out of pass rates)."""
        return [r for r in self.rows if r.status not in BROKEN]

    @property
    def broken(self) -> list[Row]:
        return [r for r in self.rows if r.status in BROKEN]

    def counts(self, row: Row) -> tuple[int, int]:
        keys = [k for k in self.columns() if k[0] in row.lessons()]
        return sum(self.cell(row, k) == PASS for k in keys), len(keys)


def _questions_of(lessons: Iterable[str], rows: list[Row]) -> dict[str, list[str]]:
    from . import check_modules as checks

    out: dict[str, list[str]] = {}
    for lesson in sorted(set(lessons)):
        try:
            known = list(checks.questions(checks.load(lesson)))
        except Exception:
            known = []
        seen = [q for r in rows for (ls, q) in r.results if ls == lesson]
        out[lesson] = known + sorted(set(seen) - set(known), key=seen.index)
    return {k: v for k, v in out.items() if v}


_CHECK_CALL = re.compile(r"""check\(\s*["']([\w.-]+)["']\s*,\s*["']([\w.-]+)["']""")
_QUESTION_PREFIX = re.compile(r"^(question\s*\d+[a-z]?|q\d+[a-z]?|\d+[a-z]?)\s*[.:)\-–—]*\s*", re.I)


def _plain(text: str) -> str:
    text = re.sub(r"[*`]+", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(text.split())


def _shorten(text: str, limit: int = 70) -> str:
    text = _plain(text)
    first = re.split(r"(?<=[.?!])\s", text, maxsplit=1)[0]
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def question_labels(nb: nbformat.NotebookNode | dict) -> dict[tuple[str, str], str]:
    """Short wording of each checked question of a notebook: the title of the heading above its check cell
    ("### Question 4: choose and justify the threshold" -> "choose and justify the threshold"), or the first
    sentence under that heading when the heading is only a number."""
    labels: dict[tuple[str, str], str] = {}
    heading, body = "", ""
    for cell in nb.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else str(source)
        if cell.get("cell_type") == "markdown":
            lines = source.strip().splitlines()
            if lines and lines[0].startswith("#"):
                heading = lines[0].lstrip("#").strip()
                body = " ".join(line for line in lines[1:] if line.strip() and not line.startswith("#"))
            elif not body:
                body = source
            continue
        if cell.get("cell_type") != "code":
            continue
        for lesson, qid in _CHECK_CALL.findall(source):
            title = _QUESTION_PREFIX.sub("", _plain(heading)).strip()
            label = _shorten(title) if title else _shorten(body) if body else ""
            if label and (lesson, qid) not in labels:
                labels[(lesson, qid)] = label[0].upper() + label[1:]
    return labels


def _labels_for(report: "GradeReport") -> dict[tuple[str, str], str]:
    """The wording of every question, read from the submissions themselves (any readable one will do)."""
    labels: dict[tuple[str, str], str] = {}
    wanted = set(report.columns())
    for row in report.readable:
        if wanted <= set(labels):
            break
        if not any(k[0] in row.lessons() and k not in labels for k in wanted):
            continue
        try:
            nb = json.loads((report.folder / row.notebook).read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        for key, label in question_labels(nb).items():
            labels.setdefault(key, label)
    return labels


def _label(labels: dict[tuple[str, str], str], key: tuple[str, str]) -> str:
    wording = labels.get(key)
    return f"{key[0]} {key[1]}: {wording}" if wording else f"{key[0]} {key[1]}"


def _safe_name(name: str, used: set[str]) -> str:
    base = re.sub(r"[^\w.-]+", "_", name).strip("._") or "trainee"
    cand, n = base, 2
    while cand.lower() in used:
        cand, n = f"{base}_{n}", n + 1
    used.add(cand.lower())
    return cand


_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #c8c8c8;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#f0f0f0}
.notice{border-left:4px solid #8a6d00;background:#fff8e1;padding:.5rem .75rem}
.PASS{color:#0b6b2b;font-weight:600}.NOT-YET{color:#8a4b00;font-weight:600}.CANT-CHECK{color:#6b1f8a;font-weight:600}
.muted{color:#555}img{max-width:100%;height:auto}
"""


def _page(title: str, body: str, notice: str = "") -> str:
    """A self-contained page; ``notice`` (how the notebooks ran) only on the trainer's technical note."""
    note = f"<p class=\"notice\">{html.escape(notice)}</p>\n" if notice else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{html.escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{html.escape(title)}</h1>\n{note}{body}\n</main>\n</body>\n</html>\n"
    )


def _state_html(state: str) -> str:
    cls = {PASS: "PASS", NOT_YET: "NOT-YET", NOT_ATTEMPTED: "NOT-YET", CANT_CHECK: "CANT-CHECK"}.get(state, "muted")
    return f'<span class="{cls}">{html.escape(state)}</span>'


def _feedback_html(trainee: str, rows: list[Row], report: GradeReport,  # noqa: C901
                   labels: dict[tuple[str, str], str] | None = None) -> str:
    parts = []
    for row in rows:
        passed, total = report.counts(row)
        parts.append(f"<h2>{html.escape(row.notebook)}</h2>")
        lesson = f"lesson {html.escape(row.lesson)} · " if row.lesson else ""
        parts.append(f"<p>{lesson}status: <strong>{html.escape(row.status)}</strong> · {passed} of {total} passed</p>")
        if row.note:
            parts.append(f"<p class=\"muted\">{html.escape(row.note)}</p>")
        keys = [k for k in report.columns() if k[0] in row.lessons()]
        if not keys:
            continue
        parts.append("<table><thead><tr><th scope=\"col\">Question</th><th scope=\"col\">State</th>"
                     "<th scope=\"col\">Feedback</th><th scope=\"col\">Hint</th></tr></thead><tbody>")
        for key in keys:
            res = row.results.get(key)
            label = _label(labels or {}, key)
            if res:
                hint = res["hint"] if res["state"] != PASS else ""
                parts.append(
                    f"<tr><th scope=\"row\">{html.escape(label)}</th><td>{_state_html(res['state'])}</td>"
                    f"<td>{html.escape(res['message'])}</td><td>{html.escape(hint)}</td></tr>"
                )
            else:
                parts.append(
                    f"<tr><th scope=\"row\">{html.escape(label)}</th><td>{_state_html(NOT_RUN)}</td>"
                    "<td>This check did not run: not attempted, or the notebook stopped before it.</td><td></td></tr>"
                )
        parts.append("</tbody></table>")
    return _page(f"Feedback for {trainee}", "\n".join(parts))


def _summary_rows(report: GradeReport, labels: dict[tuple[str, str], str] | None = None) -> list[dict[str, Any]]:
    """One row per question over the readable notebooks: the four states and the checks that did not run."""
    out = []
    for key in report.columns():
        rows = [r for r in report.readable if key[0] in r.lessons()]
        cells = [report.cell(r, key) for r in rows]
        n = len(rows)
        passed = cells.count(PASS)
        out.append(
            {
                "lesson": key[0],
                "question": key[1],
                "wording": (labels or {}).get(key, ""),
                "notebooks": n,
                "passed": passed,
                "not_yet": cells.count(NOT_YET),
                "not_attempted": cells.count(NOT_ATTEMPTED),
                "cant_check": cells.count(CANT_CHECK),
                "did_not_run": cells.count(NOT_RUN),
                "pass_rate": round(passed / n, 3) if n else 0.0,
            }
        )
    return out


def _chart(summary: list[dict[str, Any]], path: Path) -> str:
    """Draw pass_rates.png; return its alt text."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = [f"{s['lesson']} {s['question']}" + (f": {s['wording']}" if s.get("wording") else "") for s in summary]
    labels = [lab if len(lab) <= 60 else lab[:59] + "…" for lab in labels]
    rates = [100 * s["pass_rate"] for s in summary]
    fig = Figure(figsize=(9, max(2.0, 0.4 * len(labels) + 1.2)), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    if labels:
        ax.barh(range(len(labels)), rates, color="#2b6cb0")
        ax.set_yticks(range(len(labels)), labels)
        ax.invert_yaxis()
        for i, rate in enumerate(rates):
            ax.text(min(rate + 1, 92), i, f"{rate:.0f}%", va="center", fontsize=9)
    else:
        ax.text(0.5, 0.5, "No check results", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Notebooks that passed the question (%)")
    ax.set_title("Pass rate per question")
    fig.tight_layout()
    fig.savefig(path, format="png")
    if not labels:
        return "Bar chart of pass rates per question: no check results."
    listing = "; ".join(f"{lab} {rate:.0f}%" for lab, rate in zip(labels, rates))
    return f"Bar chart of the share of notebooks that passed each question: {listing}."


def _write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> None:
    """A plain table: the header and one row per record (how the notebooks ran is in trainer-note.html)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def write_reports(report: GradeReport) -> dict[str, Path]:
    out = report.out
    out.mkdir(parents=True, exist_ok=True)
    labels = _labels_for(report)
    cols = report.columns()
    header = ["trainee", "notebook", "lesson", "status"] + [f"{ls} {q}" for ls, q in cols] + ["passed", "total", "note"]
    body = []
    for row in report.rows:
        passed, total = report.counts(row)
        body.append([row.trainee, row.notebook, row.lesson, row.status] + [report.cell(row, k) for k in cols]
                    + [passed, total, row.note])
    files = {"gradebook": out / "gradebook.csv"}
    _write_csv(files["gradebook"], header, body)

    feedback = out / "feedback"
    feedback.mkdir(exist_ok=True)
    used: set[str] = set()
    by_trainee: dict[str, list[Row]] = {}
    for row in report.rows:
        by_trainee.setdefault(row.trainee, []).append(row)
    for trainee, rows in by_trainee.items():
        page = feedback / f"{_safe_name(trainee, used)}.html"
        page.write_text(_feedback_html(trainee, rows, report, labels), encoding="utf-8")
        files[f"feedback:{trainee}"] = page

    summary = _summary_rows(report, labels)
    sheader = ["lesson", "question", "wording", "notebooks", "passed", "not_yet", "not_attempted", "cant_check",
               "did_not_run", "pass_rate"]
    files["summary_csv"] = out / "summary.csv"
    _write_csv(files["summary_csv"], sheader, [[s[k] for k in sheader] for s in summary])
    files["chart"] = out / "pass_rates.png"
    alt = _chart(summary, files["chart"])
    png = base64.b64encode(files["chart"].read_bytes()).decode("ascii")
    readable = report.readable
    trainees = {r.trainee for r in readable}
    broken = report.broken
    parts = [
        f"<p>{len(readable)} notebooks from {len(trainees)} trainees were graded."
        + (f" {len(broken)} file(s) could not be opened as notebooks and are left out of these figures."
           if broken else "") + "</p>",
        "<p class=\"muted\">PASS: right. NOT YET: tried, not right yet. NOT ATTEMPTED: the answer was left as "
        "<code>...</code> (the trainee saw NOT YET). CAN'T CHECK: the answer could not be read (wrong type, empty). "
        "Did not run: the notebook stopped before the check.</p>",
        f'<figure><img src="data:image/png;base64,{png}" alt="{html.escape(alt)}">'
        "<figcaption>Pass rate per question (pass_rates.png)</figcaption></figure>",
        "<table><thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in
                                       ["Question", "Notebooks", "PASS", "NOT YET", "NOT ATTEMPTED", "CAN'T CHECK",
                                        "Did not run", "Pass rate"])
        + "</tr></thead><tbody>",
    ]
    for s in summary:
        parts.append(
            f"<tr><th scope=\"row\">{html.escape(_label(labels, (s['lesson'], s['question'])))}</th>"
            f"<td>{s['notebooks']}</td><td>{s['passed']}</td><td>{s['not_yet']}</td><td>{s['not_attempted']}</td>"
            f"<td>{s['cant_check']}</td><td>{s['did_not_run']}</td><td>{100 * s['pass_rate']:.0f}%</td></tr>"
        )
    parts.append("</tbody></table>")
    files["summary_html"] = out / "summary.html"
    files["summary_html"].write_text(_page("Grading summary", "\n".join(parts)), encoding="utf-8")
    files["trainer_note"] = out / "trainer-note.html"
    files["trainer_note"].write_text(_trainer_note(report), encoding="utf-8")
    report.files = files
    return files


def _trainer_note(report: GradeReport) -> str:
    """How the notebooks ran, and which files and notebooks need the trainer's attention, by name."""
    e = html.escape
    statuses = {s: sum(r.status == s for r in report.rows) for s in STATUSES}
    parts = [f"<p>For the trainer only: this page names trainees. {len(report.rows)} files graded in "
             f"{report.seconds:.0f} s: {e(' · '.join(f'{n} {s}' for s, n in statuses.items() if n))}.</p>"]
    if report.broken:
        parts.append("<h2>Files that could not be opened as notebooks (left out of the pass rates)</h2><ul>")
        parts += [f"<li>{e(r.trainee)}: {e(r.notebook)} ({e(r.status)}): {e(r.note)}</li>" for r in report.broken]
        parts.append("</ul>")
    stopped = [r for r in report.readable if r.status != "graded" or r.errors or r.attempts]
    if stopped:
        parts.append("<h2>Notebooks that did not run cleanly</h2><ul>")
        parts += [f"<li>{e(r.trainee)}: {e(r.notebook)} ({e(r.status)}): {e(r.note)}</li>" for r in stopped]
        parts.append("</ul>")
    if not report.broken and not stopped:
        parts.append("<p>Every file opened and every notebook ran to the end.</p>")
    return _page("Grading: technical note for the trainer", "\n".join(parts), report.notice)


def grade_folder(
    folder: Path,
    out: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = DEFAULT_WORKERS,
    progress: bool = True,
    kernel_name: str | None = None,
    on_row: Callable[[Row], None] | None = None,
    sandbox: str = "off",
    limits=None,
) -> GradeReport:
    """Grade every notebook under ``folder`` and write the reports into ``out``.

    ``sandbox``: "off" runs each copy in a local kernel; "auto" runs it in a child process with resource
    limits, inside bubblewrap where it works; "required" refuses (SandboxUnavailable) without bubblewrap.
    Raises NoSubmissions.
    """
    from .sandbox import protections as make_protections

    folder, out = Path(folder), Path(out)
    paths = find_submissions(folder)
    if not paths:
        raise NoSubmissions(f"no notebooks (*.ipynb) found under {folder}")
    prot = make_protections(sandbox, float(timeout), limits)
    out.mkdir(parents=True, exist_ok=True)  # exists before grading, so the sandbox can hide it
    hide = [folder, out]
    started = time.perf_counter()
    rows: list[Row] = []

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("grading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TextColumn("{task.description}"))
    with Progress(*columns, console=Console(stderr=True), disable=not progress, transient=False) as bar:
        task = bar.add_task("", total=len(paths))
        pool = ThreadPoolExecutor(max_workers=max(1, int(workers)), thread_name_prefix="embargo-kit-grade")
        futures = {pool.submit(grade_file, p, folder, timeout=timeout, kernel_name=kernel_name, protections=prot,
                               hide=hide): p for p in paths}
        try:
            for fut in as_completed(futures):
                path = futures[fut]
                try:
                    row = fut.result()
                except Exception as exc:  # a bug in the grader must not stop the batch
                    rel = path.relative_to(folder).as_posix()
                    row = Row(_trainee_for(path, folder), rel, lesson_from_stem(path.stem) or "", "crashed",
                              f"the grader failed on this file ({exc.__class__.__name__}: {_short(exc, 120)})")
                rows.append(row)
                if on_row:
                    on_row(row)
                bar.update(task, advance=1, description=row.notebook)
        finally:
            # on Ctrl-C: start no new notebook; running ones end within their timeout and their kernels are killed
            pool.shutdown(wait=True, cancel_futures=True)
    rows.sort(key=lambda r: (r.trainee.lower(), r.notebook))
    questions = _questions_of([ls for r in rows for ls in r.lessons()], rows)
    report = GradeReport(folder, out, rows, questions, time.perf_counter() - started, notice=prot.statement)
    write_reports(report)
    return report
