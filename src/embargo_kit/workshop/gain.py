"""Learning gain from a workshop's pre- and post-test answers.

Input: one CSV with the header ``trainee,test,item,answer`` (``test`` is ``pre`` or ``post``; ``item`` a quiz-bank
item ID; ``answer`` letters such as ``B`` or ``A,C``, or the words of a short answer). The file is checked
whole before anything is computed: a malformed line, an unknown test or item, a second answer to the same
item, a trainee not on the roster or bytes that are not UTF-8 each give a message naming the line, and the
report is not written. Missing answers are scored as wrong and listed, never dropped silently; a trainee
with only one of the two tests is listed and left out of the gain.

Normalised gain (Hake): g = (post - pre) / (1 - pre), scores as fractions of the items. Per trainee; for the
cohort both as the gain of the average scores and as the average of individual gains; per objective from the
cohort's share of right answers on that objective's items in each test. An objective whose post-test score
is not above its pre-test score is flagged.
"""
from __future__ import annotations

import csv
import html
import io
import random
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean, median

from embargo_kit.quizbank import Item
from embargo_kit.workshop.prepost import LETTERS, Form, answer_problem, key_of, score_answer

COLUMNS = ("trainee", "test", "item", "answer")
MAX_MESSAGES = 25


class GainInputError(ValueError):
    """The answers file cannot be used; ``messages`` holds one sentence per problem, each naming its line."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        shown = messages[:MAX_MESSAGES]
        more = f"\n... and {len(messages) - MAX_MESSAGES} more" if len(messages) > MAX_MESSAGES else ""
        super().__init__("\n".join(shown) + more)


@dataclass
class Responses:
    answers: dict[tuple[str, str, str], str]  # (trainee, test, item) -> answer
    trainees: list[str]
    lines: int


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise GainInputError([
            f"{name} line {line}: byte 0x{data[exc.start]:02x} at column {column} is not UTF-8 text. Save the file "
            "as UTF-8 (in a spreadsheet: 'CSV UTF-8') and run again."]) from None


def read_responses(path: str | Path, forms: tuple[Form, Form], roster: list[str] | None = None) -> Responses:
    """Read and check the answers file against the two forms (and the roster, if given)."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GainInputError([f"{path}: cannot be read ({exc.strerror})"]) from None
    text = _decode(data, name)
    if not text.strip():
        raise GainInputError([f"{name}: the file is empty; it needs the header line trainee,test,item,answer "
                              "and one line per answer"])
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise GainInputError([f"{name} line 1: the header lacks column(s) {', '.join(missing)}; it must be "
                              f"trainee,test,item,answer (found: {','.join(header) or 'nothing'})"])
    col = {c: header.index(c) for c in COLUMNS}
    by_test = {form.test: form for form in forms}
    on_roster = {t.strip() for t in roster} if roster is not None else None
    errors: list[str] = []
    answers: dict[tuple[str, str, str], str] = {}
    first_line: dict[tuple[str, str, str], int] = {}
    trainees: dict[str, None] = {}
    line = 1
    for row in reader:
        line = reader.line_num
        if not row or all(not cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            errors.append(f"{name} line {line}: {len(row)} fields, expected {len(header)} "
                          f"({','.join(header)}); an answer with a comma must be in double quotes")
            continue
        trainee, test, item_id, answer = (row[col[c]].strip() for c in COLUMNS)
        if not trainee:
            errors.append(f"{name} line {line}: no trainee ID")
            continue
        if on_roster is not None and trainee not in on_roster:
            errors.append(f"{name} line {line}: trainee {trainee!r} is not on the roster")
            continue
        test_key = test.lower()
        if test_key not in by_test:
            errors.append(f"{name} line {line}: test {test!r} must be pre or post")
            continue
        form = by_test[test_key]
        item = form.item(item_id)
        if item is None:
            other = next(f for f in forms if f is not form)
            where = (f"it is on the {other.test}-test, not the {test_key}-test" if other.item(item_id)
                     else "it is not on either test of this track")
            errors.append(f"{name} line {line}: item {item_id!r}: {where}")
            continue
        key = (trainee, test_key, item_id)
        if key in answers:
            errors.append(f"{name} line {line}: a second answer from {trainee} to {item_id} in the {test_key}-test "
                          f"(the first is on line {first_line[key]}); keep one")
            continue
        problem = answer_problem(item, answer)
        if problem:
            errors.append(f"{name} line {line}: {problem} ({item_id}, {trainee}, {test_key}-test)")
            continue
        answers[key] = answer
        first_line[key] = line
        trainees.setdefault(trainee)
    if errors:
        raise GainInputError(errors)
    if not answers:
        raise GainInputError([f"{name}: the header is there but no answers follow"])
    return Responses(answers, list(trainees), line)


@dataclass
class TraineeResult:
    trainee: str
    pre: float | None
    post: float | None
    gain: float | None
    missing: dict[str, int] = field(default_factory=dict)  # test -> unanswered items

    @property
    def note(self) -> str:
        if self.pre is None or self.post is None:
            return f"took only the {'post' if self.pre is None else 'pre'}-test: no gain"
        if self.gain is None:
            return "full marks on the pre-test: gain not defined"
        blanks = ", ".join(f"{n} unanswered in the {t}-test" for t, n in self.missing.items() if n)
        return blanks + (" (scored as wrong)" if blanks else "")


@dataclass
class ObjectiveResult:
    objective: str
    text: str
    pre: float
    post: float
    gain: float | None
    n_pre_items: int
    n_post_items: int

    @property
    def improved(self) -> bool:
        return self.post > self.pre

    @property
    def single_item(self) -> bool:
        """Measured by one item on a form: one lucky guess moves it, so its gain is a weak signal."""
        return min(self.n_pre_items, self.n_post_items) <= 1


@dataclass
class GainReport:
    track: str
    trainees: list[TraineeResult]
    objectives: list[ObjectiveResult]
    n_items: dict[str, int]
    messages: list[str]

    @property
    def complete(self) -> list[TraineeResult]:
        return [t for t in self.trainees if t.pre is not None and t.post is not None]

    @property
    def mean_pre(self) -> float:
        return mean(t.pre for t in self.complete)

    @property
    def mean_post(self) -> float:
        return mean(t.post for t in self.complete)

    @property
    def cohort_gain(self) -> float | None:
        """Hake's <g>: the gain of the cohort's average scores."""
        return normalised_gain(self.mean_pre, self.mean_post)

    @property
    def mean_individual_gain(self) -> float | None:
        gains = [t.gain for t in self.complete if t.gain is not None]
        return mean(gains) if gains else None

    @property
    def flagged(self) -> list[ObjectiveResult]:
        return [o for o in self.objectives if not o.improved]

    @property
    def single_item(self) -> list[ObjectiveResult]:
        return [o for o in self.objectives if o.single_item]


def normalised_gain(pre: float, post: float) -> float | None:
    return None if pre >= 1 else (post - pre) / (1 - pre)


def compute(responses: Responses, forms: tuple[Form, Form], objectives: dict[str, str] | None = None) -> GainReport:
    objectives = objectives or {}
    by_test = {form.test: form for form in forms}
    took = {(t, test) for (t, test, _) in responses.answers}
    results, messages = [], []
    right: dict[tuple[str, str], list[int]] = defaultdict(list)  # (objective, test) -> 0/1 per answer
    for trainee in responses.trainees:
        scores: dict[str, float | None] = {}
        missing: dict[str, int] = {}
        for test, form in by_test.items():
            if (trainee, test) not in took:
                scores[test] = None
                continue
            marks, blanks = [], []
            for item in form.items:
                answer = responses.answers.get((trainee, test, item.id), "")
                mark = score_answer(item, answer)
                marks.append(mark)
                if not answer.strip():
                    blanks.append(item.id)
            scores[test] = sum(marks) / len(marks)
            missing[test] = len(blanks)
            if blanks:
                messages.append(f"{trainee}: {len(blanks)} of {len(form.items)} {test}-test item(s) not answered "
                                f"({', '.join(blanks[:6])}{' ...' if len(blanks) > 6 else ''}); scored as wrong")
        pre, post = scores.get("pre"), scores.get("post")
        if pre is None or post is None:
            messages.append(f"{trainee}: has answers only for the {'post' if pre is None else 'pre'}-test, "
                            "so is left out of the gain")
        else:
            for test, form in by_test.items():
                for item in form.items:
                    answer = responses.answers.get((trainee, test, item.id), "")
                    right[(item.objective, test)].append(score_answer(item, answer))
        gain = normalised_gain(pre, post) if pre is not None and post is not None else None
        results.append(TraineeResult(trainee, pre, post, gain, missing))
    if not any(r.pre is not None and r.post is not None for r in results):
        raise GainInputError(["no trainee has answers for both the pre-test and the post-test, "
                              "so no gain can be computed"])
    objective_ids = list(dict.fromkeys(i.objective for form in forms for i in form.items))
    per_objective = []
    for oid in objective_ids:
        pre_marks, post_marks = right.get((oid, "pre"), []), right.get((oid, "post"), [])
        if not pre_marks or not post_marks:
            continue
        pre, post = mean(pre_marks), mean(post_marks)
        per_objective.append(ObjectiveResult(
            oid, objectives.get(oid, ""), pre, post, normalised_gain(pre, post),
            sum(1 for i in by_test["pre"].items if i.objective == oid),
            sum(1 for i in by_test["post"].items if i.objective == oid)))
    return GainReport(forms[0].label, results, per_objective,
                      {t: len(f.items) for t, f in by_test.items()}, messages)


# ------------------------------------------------------------------------------------------- writing


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.0f}%"


def _g(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def _plots(report: GainReport, out: Path) -> dict[str, Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    paths = {}
    objs = report.objectives
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(objs) + 1.5))
    y = list(range(len(objs)))
    ax.barh([v + 0.2 for v in y], [100 * o.pre for o in objs], height=0.4, label="pre-test", color="#9bb4cf")
    ax.barh([v - 0.2 for v in y], [100 * o.post for o in objs], height=0.4, label="post-test", color="#23466e")
    ax.set_yticks(y, [o.objective + (" (not improved)" if not o.improved else "") for o in objs], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    ax.set_xlabel("share of right answers in the cohort (%)")
    ax.legend(loc="lower right", fontsize=8)
    ax.set_title("Pre- and post-test by objective")
    fig.tight_layout()
    paths["objectives"] = out / "objectives.png"
    fig.savefig(paths["objectives"], dpi=110)
    plt.close(fig)

    fig, ax = plt.subplots(figsize=(5.5, 5))
    done = report.complete
    ax.scatter([100 * t.pre for t in done], [100 * t.post for t in done], color="#23466e")
    ax.plot([0, 100], [0, 100], color="#999", linestyle="--", linewidth=1, label="no change")
    ax.set_xlim(-2, 102)
    ax.set_ylim(-2, 102)
    ax.set_xlabel("pre-test score (%)")
    ax.set_ylabel("post-test score (%)")
    ax.set_title(f"Trainees (n = {len(done)}): above the line = improved")
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    paths["trainees"] = out / "trainees.png"
    fig.savefig(paths["trainees"], dpi=110)
    plt.close(fig)
    return paths


def summary_lines(report: GainReport) -> list[str]:
    done = report.complete
    lines = [
        f"{len(done)} trainees with both tests ({len(report.trainees)} in the file); "
        f"{report.n_items['pre']} pre-test and {report.n_items['post']} post-test items.",
        f"Average score: pre-test {_pct(report.mean_pre)}, post-test {_pct(report.mean_post)}.",
        f"Normalised gain of the cohort <g> = {_g(report.cohort_gain)} (average of individual gains "
        f"{_g(report.mean_individual_gain)}; median {_g(median([t.gain for t in done if t.gain is not None]) if any(t.gain is not None for t in done) else None)}).",
    ]
    if report.flagged:
        lines.append("Objectives that did not improve: " + ", ".join(o.objective for o in report.flagged) + ".")
    else:
        lines.append("Every objective improved from pre- to post-test.")
    if report.single_item:
        lines.append(f"{len(report.single_item)} of {len(report.objectives)} objectives are measured by a single item "
                     "per form, so their gains rest on one question each (marked * in the report): "
                     + ", ".join(o.objective for o in report.single_item) + ".")
    return lines


REPORT_CSS = """body{font-family:"Noto Sans","Noto Sans CJK KR","DejaVu Sans",sans-serif;max-width:56rem;margin:1.5rem auto;padding:0 1rem;line-height:1.4}
table{border-collapse:collapse;margin:.5rem 0 1.2rem}td,th{border-bottom:1px solid #ccc;padding:.25rem .6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}tr.flag td{background:#fde8e8}.msg{background:#fff6d6;padding:.5rem .8rem}
img{max-width:100%}"""


def write_report(report: GainReport, out: str | Path, docx: bool = True) -> dict[str, Path]:
    """report.html (with two plots), trainees.csv, objectives.csv and report.docx in ``out``."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    plots = _plots(report, out)
    written = dict(plots)
    with open(out / "trainees.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["trainee", "pre", "post", "gain", "note"])
        for t in report.trainees:
            w.writerow([t.trainee, "" if t.pre is None else f"{t.pre:.3f}", "" if t.post is None else f"{t.post:.3f}",
                        "" if t.gain is None else f"{t.gain:.3f}", t.note])
    written["trainees_csv"] = out / "trainees.csv"
    with open(out / "objectives.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["objective", "pre", "post", "gain", "improved", "pre_items", "post_items", "text"])
        for o in report.objectives:
            w.writerow([o.objective, f"{o.pre:.3f}", f"{o.post:.3f}", "" if o.gain is None else f"{o.gain:.3f}",
                        "yes" if o.improved else "NO", o.n_pre_items, o.n_post_items, o.text])
    written["objectives_csv"] = out / "objectives.csv"

    e = html.escape
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Learning gain: {e(report.track)}"
             f"</title><style>{REPORT_CSS}</style></head><body><main><h1>Learning gain: {e(report.track)}</h1>"]
    parts += [f"<p>{e(line)}</p>" for line in summary_lines(report)]
    if report.messages:
        parts.append('<div class="msg"><p><strong>Read before using the numbers:</strong></p><ul>'
                     + "".join(f"<li>{e(m)}</li>" for m in report.messages) + "</ul></div>")
    parts.append("<h2>By objective</h2><p>Red rows did not improve: go over them again, or look at the items.</p>"
                 "<table><thead><tr><th>objective</th><th>what the trainee can do</th><th>pre</th><th>post</th>"
                 "<th>gain</th></tr></thead><tbody>")
    for o in report.objectives:
        parts.append(f'<tr class="{"" if o.improved else "flag"}"><td>{e(o.objective)}{" *" if o.single_item else ""}</td><td>{e(o.text)}</td>'
                     f'<td class="n">{_pct(o.pre)}</td><td class="n">{_pct(o.post)}</td><td class="n">{_g(o.gain)}</td></tr>')
    parts.append("</tbody></table>")
    parts.append(f'<img src="objectives.png" alt="Bar chart: for each objective, the share of right answers in the '
                 f'pre-test and the post-test. {len(report.flagged)} objective(s) did not improve.">')
    parts.append("<h2>By trainee</h2><table><thead><tr><th>trainee</th><th>pre</th><th>post</th><th>gain</th>"
                 "<th>note</th></tr></thead><tbody>")
    for t in report.trainees:
        parts.append(f"<tr><td>{e(t.trainee)}</td><td class=\"n\">{_pct(t.pre)}</td><td class=\"n\">{_pct(t.post)}</td>"
                     f"<td class=\"n\">{_g(t.gain)}</td><td>{e(t.note)}</td></tr>")
    parts.append("</tbody></table>")
    parts.append(f'<img src="trainees.png" alt="Scatter plot of each trainee\'s post-test score against the pre-test '
                 f'score; average pre {_pct(report.mean_pre)}, average post {_pct(report.mean_post)}.">')
    parts.append("<p><small>Normalised gain g = (post − pre) / (100% − pre). Unanswered items count as wrong.</small></p>"
                 "</main></body></html>")
    (out / "report.html").write_text("\n".join(parts), encoding="utf-8")
    written["html"] = out / "report.html"
    if docx:
        written["docx"] = _docx(report, out / "report.docx", plots)
    return written


def _docx(report: GainReport, path: Path, plots: dict[str, Path]) -> Path:
    from docx import Document
    from docx.shared import Cm

    doc = Document()
    doc.add_heading(f"Learning gain: {report.track}", 0)
    for line in summary_lines(report):
        doc.add_paragraph(line)
    for m in report.messages:
        doc.add_paragraph(m, style="List Bullet")
    doc.add_heading("By objective", 1)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["objective", "text", "pre", "post", "gain"]):
        cell.text = text
    for o in report.objectives:
        row = table.add_row().cells
        for cell, text in zip(row, [o.objective + ("" if o.improved else " (not improved)"), o.text, _pct(o.pre),
                                    _pct(o.post), _g(o.gain)]):
            cell.text = text
    doc.add_picture(str(plots["objectives"]), width=Cm(16))
    doc.add_heading("By trainee", 1)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["trainee", "pre", "post", "gain", "note"]):
        cell.text = text
    for t in report.trainees:
        row = table.add_row().cells
        for cell, text in zip(row, [t.trainee, _pct(t.pre), _pct(t.post), _g(t.gain), t.note]):
            cell.text = text
    doc.add_picture(str(plots["trainees"]), width=Cm(12))
    doc.save(path)
    return path


# ------------------------------------------------------------------------------------ synthetic cohort


def synthetic_answers(forms: tuple[Form, Form], n: int = 30, seed: int = 1718, weak: tuple[str, ...] = ()) -> str:
    """A fictional cohort's answers as CSV text (trainees T01..Tnn): ability rises between the tests,
    except on the objectives in ``weak``. For demonstrations and tests; no real person's answers."""
    rng = random.Random(seed)
    rows = ["trainee,test,item,answer"]

    def wrong(item: Item) -> str:
        if item.type == "short":
            return "do not know"
        right_letters = set(key_of(item).split(","))
        choices = [LETTERS[k] for k in range(len(item.options)) if LETTERS[k] not in right_letters]
        return rng.choice(choices) if choices else ""

    def right(item: Item) -> str:
        return item.accept[0] if item.type == "short" else key_of(item)

    for k in range(1, n + 1):
        ability = rng.uniform(0.2, 0.6)
        learned = rng.uniform(0.15, 0.45)
        for form in forms:
            for item in form.items:
                p = ability if form.test == "pre" or item.objective in weak else min(0.97, ability + learned)
                if form.test == "post" and item.objective in weak:
                    p = max(0.05, ability * 0.4)
                answer = right(item) if rng.random() < p else wrong(item)
                rows.append(",".join(_q(v) for v in (f"T{k:02d}", form.test, item.id, answer)))
    return "\n".join(rows) + "\n"


def _q(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ',"\n') else value
