"""The private-sector outreach pack: one printable sheet per sector and a half-day session template.

Data: ``data/national/outreach.yaml``. :func:`sheets_markdown` renders the book page
(``book/national/outreach-sheets.md``, kept in sync by a test: regenerate it with
``python -m embargo_kit.national.outreach > book/national/outreach-sheets.md``); :func:`sheets_html` renders a
printable HTML file, one A4 page per sector, for :func:`embargo_kit.workshop.pdf.html_to_pdf`.
"""
from __future__ import annotations

import functools
import html
from importlib import resources
from pathlib import Path

import yaml

from ..content.registry import parse_citation

SESSION_KINDS = ("opening", "teaching", "break", "exercise", "discussion", "closing")


@functools.lru_cache(maxsize=1)
def _doc() -> dict:
    path = resources.files("embargo_kit") / "data" / "national" / "outreach.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def sheets() -> list[dict]:
    return list(_doc()["sectors"])


def session() -> dict:
    """The half-day outreach session: title, audience, minutes, materials, blocks (minutes, kind, title...)."""
    return dict(_doc()["session"])


def case_exercise() -> dict:
    """The fictional transaction of the session's case-exercise block: setting, facts, questions, debrief."""
    return dict(_doc().get("case") or {})


def sources() -> dict[str, str]:
    return dict(_doc()["sources"])


def problems() -> list[str]:
    """Everything wrong with the pack, as sentences (empty when it is sound)."""
    from .questionnaire import agency_roles

    out = []
    roles = agency_roles()
    srcs = sources()
    for s in sheets():
        for line in s["means"]:
            for c in line["cite"]:
                try:
                    parse_citation(c)
                except Exception as exc:  # CitationError: a sentence already
                    out.append(f"sheet {s['id']}: {exc}")
        for flag in s["red_flags"]:
            if flag["source"] not in srcs:
                out.append(f"sheet {s['id']}: red flag source {flag['source']} is not in `sources`")
        for role in s["report_to"]:
            if role not in roles:
                out.append(f"sheet {s['id']}: report_to role {role} is not an agency role of the checklist")
    sess = session()
    total = sum(int(b["minutes"]) for b in sess["blocks"])
    if total != int(sess["minutes"]):
        out.append(f"session: blocks add up to {total} minutes, not {sess['minutes']}")
    for b in sess["blocks"]:
        if b["kind"] not in SESSION_KINDS:
            out.append(f"session block {b['title']!r}: kind {b['kind']!r} is not one of {', '.join(SESSION_KINDS)}")
    return out


def _lumeria_agencies() -> dict[str, str]:
    from .questionnaire import shipped_answers

    doc = yaml.safe_load(shipped_answers("lumeria").read_text(encoding="utf-8"))
    return dict(doc.get("agencies") or {})


# ---------------------------------------------------------------------------------------------- book page
def sheets_markdown() -> str:
    from .questionnaire import agency_roles

    roles = agency_roles()
    lum = _lumeria_agencies()
    srcs = sources()
    out = ["(national-outreach-sheets)=",
           "# Outreach sheets: one page per sector", "",
           "One page for each sector a focal point briefs: what the resolutions mean for it, the red flags its "
           "staff can see, what to do, and whom to tell. Print the page for the sector in the room (the browser's "
           "print command gives one sheet), or build all six as a PDF with "
           "`embargo_kit.national.outreach.write_sheets`. Red flags are prompts for further checks, not proof: "
           "each has a legitimate explanation often enough. The Lumerian bodies named under *whom to tell* are "
           "fictional examples; put your own country's.", ""]
    for s in sheets():
        out += [f"## {s['title']}", "", f"*For {s['audience']}.*", "", "**What the resolutions mean for you**", ""]
        for line in s["means"]:
            cites = "; ".join(f"{{res}}`{c}`" for c in line["cite"])
            out.append(f"- {line['text']} ({cites})")
        out += ["", "**Red flags you can see**", ""]
        for flag in s["red_flags"]:
            out.append(f"- {flag['text']} ({flag['source']})")
        out += ["", "**What to do**", ""]
        out += [f"- {d}" for d in s["do"]]
        out += ["", "**Whom to tell**", ""]
        for role in s["report_to"]:
            out.append(f"- {roles[role]}; in Lumeria (fictional): {lum.get(role, '-')}.")
        out.append("")
    sess = session()
    out += [f"## {sess['title']}", "",
            f"For {sess['audience']}; {sess['minutes']} minutes. Materials: {'; '.join(sess['materials'])}. The "
            "template is `session` in `src/embargo_kit/data/national/outreach.yaml`; lesson "
            "{doc}`national-01-private-sector-outreach` explains how to run it.", "",
            "| minutes | block | who | notes |", "|---|---|---|---|"]
    for b in sess["blocks"]:
        out.append(f"| {b['minutes']} | {b['title']} | {b.get('who', '')} | {b.get('note', '')} |")
    case = case_exercise()
    if case:
        out += ["", f"## {case['title']}", "", " ".join(str(case["setting"]).split()), ""]
        out += [f"- {f}" for f in case["facts"]]
        out += ["", "**Questions for each group**", ""]
        out += [f"{i}. {q}" for i, q in enumerate(case["questions"], start=1)]
        # the debrief holds the answer: instructor edition only, never the learner site
        out += ["", "```{only} instructor", "**Debrief (instructor edition only).** " + " ".join(str(case["debrief"]).split()),
                "```"]
    out += ["", "## Sources of the red flags", ""]
    out += [f"- **{k}**: {v}" for k, v in srcs.items()]
    out += ["", f"Facts as of {_doc()['as_of']}.", ""]
    return "\n".join(out)


# ----------------------------------------------------------------------------------------------- printable
CSS = """
@page{size:A4;margin:15mm 15mm}
body{font-family:"Noto Sans","Noto Sans CJK KR","DejaVu Sans",sans-serif;color:#1b1b1b;line-height:1.35;
font-size:10.5pt;max-width:48rem;margin:1rem auto;padding:0 1rem}
section.sheet{break-after:page}h1{color:#23466e;font-size:17pt;margin:.2rem 0}h2{color:#23466e;font-size:11.5pt;
border-bottom:1.5px solid #23466e;margin:.7rem 0 .2rem}ul{margin:.1rem 0 .2rem 1.1rem;padding:0}li{margin:.1rem 0}
.meta{color:#444;font-size:9pt}.src{color:#555;font-size:8.5pt}
@media print{body{margin:0;max-width:none}}
"""


def sheets_html(country_agencies: dict[str, str] | None = None, country: str = "Lumeria (fictional)") -> str:
    from .questionnaire import agency_roles, citation_text

    e = html.escape
    roles = agency_roles()
    named = _lumeria_agencies() if country_agencies is None else country_agencies
    srcs = sources()
    out = [f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>DPRK sanctions: outreach sheets'
           f"</title><style>{CSS}</style></head><body><main>"]
    for s in sheets():
        means = "".join(f"<li>{e(m['text'])} <span class=src>({e('; '.join(citation_text(c) for c in m['cite']))})"
                        f"</span></li>" for m in s["means"])
        flags = "".join(f"<li>{e(f['text'])} <span class=src>({e(f['source'])})</span></li>" for f in s["red_flags"])
        do = "".join(f"<li>{e(d)}</li>" for d in s["do"])
        tell = "".join(f"<li>{e(roles[r])}: <strong>{e(named.get(r, '(name your national body)'))}</strong></li>"
                       for r in s["report_to"])
        used = sorted({f["source"] for f in s["red_flags"]})
        out.append(
            f'<section class="sheet"><p class=meta>UN sanctions on the DPRK · outreach sheet · {e(country)}</p>'
            f"<h1>{e(s['title'])}</h1><p class=meta>For {e(s['audience'])}.</p>"
            f"<h2>What the resolutions mean for you</h2><ul>{means}</ul>"
            f"<h2>Red flags you can see</h2><ul>{flags}</ul><p class=meta>A red flag is a reason to ask, not proof.</p>"
            f"<h2>What to do</h2><ul>{do}</ul><h2>Whom to tell</h2><ul>{tell}</ul>"
            f"<p class=src>Sources: {e('; '.join(f'{k}: {srcs[k]}' for k in used))}. Facts as of {_doc()['as_of']}."
            "</p></section>")
    out.append("</main></body></html>")
    return "".join(out)


def write_sheets(out: Path, pdf: bool = True) -> tuple[list[Path], str]:
    """outreach-sheets.html (and .pdf with chromium) in ``out``."""
    from ..workshop.pdf import write_html_and_pdf

    html_path, pdf_path, note = write_html_and_pdf(sheets_html(), Path(out) / "outreach-sheets.html", pdf)
    return [p for p in (html_path, pdf_path) if p], note


if __name__ == "__main__":  # python -m embargo_kit.national.outreach > book/national/outreach-sheets.md
    import sys

    sys.stdout.write(sheets_markdown())
