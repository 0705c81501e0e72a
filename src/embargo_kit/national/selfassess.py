"""``embargo-kit national selfassess ANSWERS --out DIR``: the gap report of a national self-assessment.

Scoring is the one lesson awareness-06 teaches: credit yes = 1, partly = 0.5, no = unknown = 0; a **gap** is a
question answered no or unknown; coverage of a group of questions = sum(weight x credit) / sum(weight).
Coverage is given by measure (the registry's measures and the checklist's general obligations) and by agency
role; every gap lists the lessons that close it and the agency that leads on it.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from .questionnaire import Answer, Answers, agency_roles, citation_text, measures

CSS = """
@page{size:A4;margin:16mm 15mm}
body{font-family:"Noto Sans","Noto Sans CJK KR","DejaVu Sans",sans-serif;color:#1b1b1b;line-height:1.4;
max-width:52rem;margin:1.5rem auto;padding:0 1rem;font-size:10.5pt}
h1{color:#23466e;font-size:19pt;margin:0 0 .3rem}h2{color:#23466e;font-size:13pt;border-bottom:1.5px solid #23466e;
margin-top:1.3rem}h3{font-size:11pt;margin:.8rem 0 .2rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border-bottom:1px solid #ccc;padding:.2rem .4rem;
text-align:left;vertical-align:top}th{background:#eef2f7}td.num{text-align:right;white-space:nowrap}
.bar{display:inline-block;height:.7em;background:#23466e;vertical-align:middle}.barbox{display:inline-block;width:6rem;
background:#dde3ea;margin-right:.3rem}
.gap{break-inside:avoid-page;border-left:4px solid #a4262c;padding:.2rem .6rem;margin:.5rem 0}
.gap.unknown{border-left-color:#8a6d00}.meta,.fictional{color:#444;font-size:9pt}.label{font-weight:bold}
@media print{body{margin:0;max-width:none}}
"""


@dataclass
class Coverage:
    key: str
    label: str
    questions: int
    gaps: int
    partly: int
    score: float     # 0..1


@dataclass
class GapSummary:
    answers: Answers
    overall: float
    by_measure: list[Coverage]
    by_agency: list[Coverage]
    gaps: list[Answer]

    @property
    def tagged_share(self) -> float:
        """Share of questions tagged to at least one registry paragraph (not only a resolution)."""
        qs = [a.question for a in self.answers.items]
        return sum(any("/" in p for p in q.paragraphs) for q in qs) / len(qs)


def _coverage(key: str, label: str, items: list[Answer]) -> Coverage:
    weight = sum(a.question.weight for a in items)
    score = sum(a.question.weight * a.credit for a in items) / weight if weight else 0.0
    return Coverage(key, label, len(items), sum(a.is_gap for a in items), sum(a.answer == "partly" for a in items),
                    score)


def summarise(answers: Answers) -> GapSummary:
    items = answers.items
    ms = measures()
    by_measure: dict[str, list[Answer]] = {}
    for a in items:
        by_measure.setdefault(a.question.measure, []).append(a)
    measure_rows = [_coverage(k, ms[k].text, v) for k, v in by_measure.items()]
    measure_rows.sort(key=lambda c: (c.score, -c.gaps, c.key))
    roles = agency_roles()
    by_role: dict[str, list[Answer]] = {}
    for a in items:
        for role in a.question.agencies:
            by_role.setdefault(role, []).append(a)
    agency_rows = [_coverage(r, answers.agency(r) or roles[r], by_role[r]) for r in roles if r in by_role]
    agency_rows.sort(key=lambda c: (c.score, -c.gaps, c.key))
    gaps = sorted((a for a in items if a.is_gap), key=lambda a: (-a.question.weight, a.question.id))
    overall = _coverage("all", "all", items).score
    return GapSummary(answers, overall, measure_rows, agency_rows, gaps)


def lesson_titles() -> dict[str, tuple[str, bool]]:
    """{lesson id: (title, planned)} from the lesson catalogue; empty when it cannot be read."""
    try:
        from .. import datasets

        cat = datasets.lesson_catalogue()
        return {r.id: (str(r.title), bool(r.planned)) for r in cat.itertuples()}
    except Exception:  # the catalogue is a nicety here; the report stands without titles
        return {}


def lead_agency(answers: Answers, a: Answer) -> str:
    role = a.question.agencies[0] if a.question.agencies else None
    if role is None:
        return "no agency role tagged"
    return answers.agency(role) or f"{agency_roles()[role]} (not named in the answers file)"


def text_summary(s: GapSummary) -> str:
    a = s.answers
    lines = [f"{a.country_name}{' (fictional)' if a.fictional else ''}: {len(a.items)} questions answered, "
             f"{len(s.gaps)} gaps (no or unknown), {sum(x.answer == 'partly' for x in a.items)} partly; "
             f"weighted coverage {s.overall:.0%}.",
             "Weakest measures: " + "; ".join(f"{c.label} {c.score:.0%}" for c in s.by_measure[:3]) + ".",
             "Weakest agencies: " + "; ".join(f"{c.label} {c.score:.0%}" for c in s.by_agency[:3]) + ".",
             "Gaps to close first (weight 3):"]
    for g in [g for g in s.gaps if g.question.weight == 3] or s.gaps[:3]:
        lessons = ", ".join(g.question.closes_with)
        lines.append(f"  {g.question.id} [{g.answer}] {g.question.area}: lead {lead_agency(a, g)}; "
                     f"lessons {lessons}")
    return "\n".join(lines)


def _bar(score: float) -> str:
    return (f'<span class="barbox" aria-hidden="true"><span class="bar" style="width:{score * 100:.0f}%"></span>'
            f'</span>{score:.0%}')


def _table(rows: list[Coverage], first: str) -> str:
    e = html.escape
    out = [f"<table><thead><tr><th scope=\"col\">{first}</th><th scope=\"col\">questions</th>"
           "<th scope=\"col\">gaps</th><th scope=\"col\">partly</th><th scope=\"col\">coverage</th></tr></thead><tbody>"]
    for c in rows:
        out.append(f"<tr><td>{e(c.label)}</td><td class=num>{c.questions}</td><td class=num>{c.gaps}</td>"
                   f"<td class=num>{c.partly}</td><td class=num>{_bar(c.score)}</td></tr>")
    out.append("</tbody></table>")
    return "".join(out)


def to_html(s: GapSummary) -> str:
    e = html.escape
    a = s.answers
    titles = lesson_titles()
    partly = sum(x.answer == "partly" for x in a.items)
    out = ["<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
           f"<title>Gap report: {e(a.country_name)}</title><style>{CSS}</style></head><body><main>",
           f"<h1>Self-assessment gap report: {e(a.country_name)}</h1>",
           f"<p class=meta>UN arms embargo and related measures on the DPRK. Answers as of {e(a.as_of or 'n.d.')}"
           f"{', compiled by ' + e(a.completed_by) if a.completed_by else ''}. Source file: {e(a.path.name)}.</p>"]
    if a.fictional:
        out.append("<p class=fictional><strong>Fictional.</strong> This country, its agencies, laws and answers "
                   "are invented for training.</p>")
    out.append(f"<h2>Summary</h2><p>{len(a.items)} questions answered: "
               f"{sum(x.answer == 'yes' for x in a.items)} yes, {partly} partly, "
               f"{sum(x.answer == 'no' for x in a.items)} no, {sum(x.answer == 'unknown' for x in a.items)} unknown. "
               f"Weighted coverage <strong>{s.overall:.0%}</strong>. A gap is a question answered no or unknown "
               "(unknown counts as a gap: no one could show the measure works). Coverage weighs each question by "
               "its weight (3 core obligation, 2 important, 1 good practice) and gives partly half credit.</p>")
    out.append("<h2>Coverage by measure</h2><p>Weakest first. Measures come from the kit's registry of resolutions; "
               "general obligations run through every resolution.</p>" + _table(s.by_measure, "measure"))
    out.append("<h2>Coverage by agency</h2><p>Each question counts for every agency that answers it.</p>"
               + _table(s.by_agency, "agency"))
    out.append(f"<h2>Gaps and who closes them ({len(s.gaps)})</h2><p>Heaviest first.</p>")
    for g in s.gaps:
        q = g.question
        cites = "; ".join(citation_text(c) for c in g.citations)
        lessons = []
        for lid in q.closes_with:
            title, planned = titles.get(lid, ("", False))
            lessons.append(f"{e(lid)}{' ' + e(title) if title else ''}{' (in preparation)' if planned else ''}")
        helpers = [a.agency(r) or r for r in q.agencies[1:]]
        out.append(
            f'<section class="gap {g.answer}"><h3>{e(q.id)} · {e(q.area)} · answered {e(g.answer)} · weight '
            f"{q.weight}</h3><p>{e(q.question)}</p>"
            f"<p><span class=label>Obligation:</span> {e(cites)}. {e(q.why)}</p>"
            f"<p><span class=label>As answered:</span> {e(g.evidence or 'no evidence note given')}</p>"
            f"<p><span class=label>Lead agency:</span> {e(lead_agency(a, g))}"
            f"{'; with ' + e(', '.join(helpers)) if helpers else ''}.</p>"
            f"<p><span class=label>Lessons that close it:</span> {'; '.join(lessons)}.</p></section>")
    out.append("</main></body></html>")
    return "".join(out)


def write_gap_report(answers: Answers, out: Path, pdf: bool = True) -> tuple[GapSummary, list[Path], str]:
    """Write gap-report.html (and .pdf when chromium is there) into ``out``; return (summary, paths, note)."""
    from ..workshop.pdf import write_html_and_pdf

    s = summarise(answers)
    out.mkdir(parents=True, exist_ok=True)
    html_path, pdf_path, note = write_html_and_pdf(to_html(s), out / "gap-report.html", pdf)
    return s, [p for p in (html_path, pdf_path) if p], note
