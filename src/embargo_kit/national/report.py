"""``embargo-kit national report ANSWERS --out DIR``: a draft national implementation report.

Written from the self-assessment answers: an editable Word document (python-docx) and a PDF (HTML printed by
chromium, :mod:`embargo_kit.workshop.pdf`), both rendered from one document model so they cannot disagree.
The report is organised by resolution and measure; for every question it states the obligation (every
paragraph cited from the registry), the national legal basis, the competent agency and the practice as
answered. Whatever the answers do not give (a law, a planned step for a gap, a contact detail) becomes a
visible placeholder ``[TO COMPLETE: ...]`` for the ministry, never invented text; a closing checklist lists
every placeholder so none is lost in editing.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.registry import parse_citation, resolutions_by_number
from .questionnaire import Answer, Answers, agency_roles, citation_text, measures

PLACEHOLDER_PREFIX = "[TO COMPLETE: "
PLACEHOLDER = re.compile(r"\[TO COMPLETE: [^\]]+\]")
REPORTING_CITES = ("1718", "2094/25")


@dataclass(frozen=True)
class Gap:
    """A visible placeholder: what the ministry must write, and where."""
    text: str

    def __str__(self) -> str:
        return f"{PLACEHOLDER_PREFIX}{self.text}]"


class Label(str):
    """A run printed bold: 'Obligation: ', 'National legal basis: ' ..."""


Segment = "str | Label | Gap"


@dataclass
class Block:
    kind: str                      # h1 | h2 | h3 | p | table | note
    parts: list = field(default_factory=list)     # segments (p, h*, note) or rows of cells (table)
    header: list[str] = field(default_factory=list)


@dataclass
class Draft:
    title: str
    blocks: list[Block]
    placeholders: list[str]
    citations: list[str]           # registry citation IDs used, in order of first use
    laws: list[str]

    def text(self) -> str:
        out = [self.title]
        for b in self.blocks:
            if b.kind == "table":
                out += [" | ".join(b.header)] + [" | ".join(_plain(c) for c in row) for row in b.parts]
            else:
                out.append(_plain(b.parts))
        return "\n".join(out)


_ARTICLE_WORDS = {"Republic", "Kingdom", "United", "Federal", "State", "Commonwealth", "Principality", "Grand",
                  "Sultanate", "Democratic", "Islamic", "Plurinational", "Bolivarian", "Socialist", "Independent",
                  "Union", "Federation", "Netherlands", "Philippines", "Gambia", "Bahamas"}


def the(name: str) -> str:
    """'Republic of Lumeria' -> 'the Republic of Lumeria'; 'Atlantis' -> 'Atlantis'."""
    return f"the {name}" if name.split()[0] in _ARTICLE_WORDS else name


def _plain(parts) -> str:
    if isinstance(parts, (str, Gap)):
        return str(parts)
    return "".join(str(p) for p in parts)


# ----------------------------------------------------------------------------------------------- model
def build_draft(answers: Answers) -> Draft:
    country = the(answers.country_name)
    ms = measures()
    roles = agency_roles()
    blocks: list[Block] = []
    placeholders: list[str] = []
    cites_used: list[str] = []

    def gap(text: str) -> Gap:
        g = Gap(text)
        placeholders.append(str(g))
        return g

    def cite(ids) -> str:
        for c in ids:
            if c not in cites_used:
                cites_used.append(c)
        return "; ".join(citation_text(c) for c in ids)

    def p(*parts) -> None:
        blocks.append(Block("p", list(parts)))

    title = (f"Draft national implementation report of {country} on the measures imposed by the Security "
             "Council on the Democratic People's Republic of Korea")
    blocks.append(Block("note", [
        "DRAFT for the ministry to complete and approve. Generated from the national self-assessment "
        f"({answers.path.name}, answers as of {answers.as_of or 'no date'}). Every text in square brackets "
        "marked TO COMPLETE must be written by the responsible ministry before the report is sent; nothing in "
        "them has been filled in automatically."
        + (" The country, its agencies, laws and answers are FICTIONAL, invented for training." if answers.fictional
           else "")]))

    # 1. introduction
    blocks.append(Block("h1", ["1. Introduction"]))
    p(f"{country[0].upper()}{country[1:]} presents this report to the Security Council Committee established pursuant to resolution "
      f"1718 (2006) on the steps it has taken to implement the measures on the Democratic People's Republic of "
      f"Korea, as called for in {cite(REPORTING_CITES[:1])} and {cite(REPORTING_CITES[1:])} and in the later "
      "resolutions. It follows the order of the resolutions and, within each, of the measures they impose.")
    p(gap("date of the report and of the previous reports submitted, with their document symbols"))

    # 2. contact point
    blocks.append(Block("h1", ["2. National contact point"]))
    rows = []
    for f_, label in (("unit", "Unit"), ("name", "Name and title"), ("address", "Address"), ("email", "E-mail"),
                      ("phone", "Telephone")):
        value = answers.contact.get(f_)
        rows.append([label, [value] if value else [gap(f"{label.lower()} of the contact point")]])
    blocks.append(Block("table", rows, header=["", "Contact point for the 1718 Committee"]))

    # 3. competent authorities
    blocks.append(Block("h1", ["3. Competent authorities"]))
    p("The following national authorities are responsible for implementing the measures set out below.")
    rows = []
    for role, description in roles.items():
        named = answers.agency(role)
        rows.append([description, [named] if named else [gap(f"name of the {description.lower()}")]])
    blocks.append(Block("table", rows, header=["Function", "National authority"]))

    # 4.. by resolution and measure: every registry measure gets a section, asked about or not, so that a report
    # never silently omits part of the regime (a measure the self-assessment did not ask about is all placeholders)
    groups: dict[tuple[bool, int], dict[str, list[Answer]]] = {}
    for a in answers.items:
        m = ms[a.question.measure]
        groups.setdefault((not m.general, m.first if not m.general else 0), {}).setdefault(m.id, []).append(a)
    registry_measures = _registry_measures()
    for mid, m in ms.items():
        if not m.general and mid in registry_measures:
            groups.setdefault((True, m.first), {}).setdefault(mid, [])
    by_number = resolutions_by_number()
    section = 3
    for (specific, first), mgroups in sorted(groups.items()):
        section += 1
        if not specific:
            blocks.append(Block("h1", [f"{section}. General obligations under all the resolutions"]))
        else:
            res = by_number[first]
            blocks.append(Block("h1", [f"{section}. Measures first imposed by {res['symbol']}"]))
        for sub, (mid, items) in enumerate(mgroups.items(), start=1):
            m = ms[mid]
            heading = f"{section}.{sub} {m.text}"
            blocks.append(Block("h2", [heading]))
            if m.paragraph:
                ref = f"{m.first}/{m.paragraph}"
                try:
                    parse_citation(ref)
                    p(Label("Obligation: "), cite([ref]), ".")
                except Exception:
                    p(Label("Obligation: "), cite([str(m.first)]), ".")
            for a in items:
                _answer_blocks(a, answers, blocks, gap, cite)
            if not items:
                if not m.paragraph:
                    p(Label("Obligation: "), cite([str(m.first)]), ".")
                _unasked_blocks(registry_measures[mid], blocks, gap)

    # annexes
    section += 1
    blocks.append(Block("h1", ["Annex A. National laws cited"]))
    law_rows = []
    cited_laws: list[str] = []
    for a in answers.items:
        for law in a.laws:
            if law not in cited_laws:
                cited_laws.append(law)
    summaries = {str(law.get("name")): law.get("summary") for law in answers.laws}
    for law in cited_laws:
        where = ", ".join(a.question.id for a in answers.items if law in a.laws)
        summary = summaries.get(law)
        law_rows.append([law, [summary] if summary else [gap(f"summary of {law}")], where])
    if law_rows:
        blocks.append(Block("table", law_rows, header=["Law", "What it provides", "Cited under"]))
    else:
        p(gap("the laws and regulations that implement the measures"))
    p(gap("full citation (official gazette reference) and an English translation or summary of each law listed"))

    blocks.append(Block("h1", ["Annex B. Resolutions and paragraphs cited"]))
    reg_rows = []
    for c in sorted(cites_used, key=_cite_key):
        parsed = parse_citation(c)
        res = by_number[parsed.number]
        if parsed.paragraph:
            summary = str(res["paragraphs"][parsed.paragraph]["summary"]).strip()
        else:
            summary = str(res.get("headline") or "").strip()
        reg_rows.append([parsed.text, " ".join(summary.split())])
    blocks.append(Block("table", reg_rows, header=["Citation", "What it requires (paraphrase, not the text)"]))

    blocks.append(Block("h1", [f"Annex C. Items to complete before sending ({len(placeholders)})"]))
    p("Every bracketed item in this draft, in order. Delete this annex once each is written.")
    blocks.append(Block("table", [[str(i), ph] for i, ph in enumerate(list(placeholders), start=1)],
                        header=["#", "Item"]))
    return Draft(title, blocks, placeholders, cites_used, cited_laws)


#: registry agency codes -> the words a ministry would recognise
AGENCY_WORDS = {"port": "maritime and port authority", "customs": "customs and border authority",
                "finance": "financial intelligence unit and financial supervisor",
                "ministries": "responsible ministry", "aviation": "civil aviation authority"}
#: measures that bind the Council's own bodies: the state reports its cooperation, not its implementation
COUNCIL_BODY_CATEGORIES = {"committee", "panel"}


def _registry_measures() -> dict[str, dict]:
    from ..content.registry import load_registry

    return {str(m["id"]): m for m in load_registry().get("measures", [])}


def unasked_measures(answers: Answers) -> list[str]:
    """Registry measures the answers do not reach: each becomes a section made of placeholders."""
    asked = {a.question.measure for a in answers.items}
    return [mid for mid in _registry_measures() if mid not in asked]


def _unasked_blocks(m: dict, blocks: list[Block], gap) -> None:
    """A measure the self-assessment did not ask about: say so, and leave every part for the ministry."""
    mid = m["id"]
    blocks.append(Block("note", [
        "Not covered by the national self-assessment: this section is to be written by the responsible ministry."]))
    if m.get("category") in COUNCIL_BODY_CATEGORIES:
        blocks.append(Block("p", [Label("Cooperation: "),
                                  gap(f"{mid}: how the state has cooperated (information supplied, contacts, "
                                      "requests answered)")]))
        return
    who = ", ".join(AGENCY_WORDS.get(str(a), str(a)) for a in m.get("agencies") or [])
    blocks.append(Block("p", [Label("National legal basis: "), gap(f"{mid}: national legal basis (law, article)")]))
    blocks.append(Block("p", [Label("Competent authority: "),
                              gap(f"{mid}: name of the authority responsible (usually the {who})")]))
    blocks.append(Block("p", [Label("Implementation: "),
                              gap(f"{mid}: describe the practice, with figures (cases, refusals, freezes, reports)")]))


def _cite_key(c: str):
    num, _, para = c.partition("/")
    digits = re.match(r"\d*", para).group(0)
    return int(num), int(digits) if digits else -1, para


def _answer_blocks(a: Answer, answers: Answers, blocks: list[Block], gap, cite) -> None:
    q = a.question
    blocks.append(Block("h3", [f"{q.question} ({q.id})"]))
    blocks.append(Block("p", [Label("Obligation: "), cite(a.citations), "."]))
    laws = [", ".join(a.laws)] if a.laws else [gap(f"{q.id}: national legal basis (law, article)")]
    blocks.append(Block("p", [Label("National legal basis: "), *laws]))
    agency_parts: list = []
    for i, role in enumerate(q.agencies):
        if i:
            agency_parts.append("; ")
        named = answers.agency(role)
        agency_parts.append(named if named else gap(f"{q.id}: name of the {agency_roles()[role].lower()}"))
    blocks.append(Block("p", [Label("Competent authority: "), *agency_parts]))
    status = {"yes": "in place", "partly": "partly in place", "no": "not in place",
              "unknown": "not known (to be established)"}[a.answer]
    practice = [a.evidence] if a.evidence else [gap(f"{q.id}: describe the practice")]
    blocks.append(Block("p", [Label(f"Implementation ({status}): "), *practice]))
    if a.answer != "yes":
        step = [a.action] if a.action else [gap(f"{q.id}: steps taken or planned to close this gap, the "
                                                  "responsible authority and a date")]
        blocks.append(Block("p", [Label("Steps planned: "), *step]))


# ------------------------------------------------------------------------------------------- rendering
def to_docx(draft: Draft, path: Path) -> Path:
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = draft.title
    doc.core_properties.subject = "Draft national implementation report (1718 sanctions regime)"
    style = doc.styles["Normal"]
    style.font.name = "Noto Sans"
    style.font.size = Pt(10.5)

    def runs(par, parts) -> None:
        for part in parts if isinstance(parts, list) else [parts]:
            run = par.add_run(str(part))
            if isinstance(part, Gap):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
                run.bold = True
            elif isinstance(part, Label):
                run.bold = True

    doc.add_heading(draft.title, level=0)
    for b in draft.blocks:
        if b.kind in ("h1", "h2", "h3"):
            doc.add_heading(_plain(b.parts), level=int(b.kind[1]))
        elif b.kind == "note":
            par = doc.add_paragraph(style="Intense Quote")
            runs(par, b.parts)
        elif b.kind == "p":
            runs(doc.add_paragraph(), b.parts)
        elif b.kind == "table":
            table = doc.add_table(rows=1, cols=len(b.header))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, b.header):
                cell.text = text
                for r in cell.paragraphs[0].runs:
                    r.bold = True
            for row in b.parts:
                cells = table.add_row().cells
                for cell, value in zip(cells, row):
                    runs(cell.paragraphs[0], value)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


CSS = """
@page{size:A4;margin:18mm 16mm}
body{font-family:"Noto Sans","Noto Sans CJK KR","DejaVu Sans",sans-serif;color:#1b1b1b;line-height:1.4;
max-width:50rem;margin:1.5rem auto;padding:0 1rem;font-size:10.5pt}
h1.title{font-size:17pt;color:#23466e}h1{font-size:13.5pt;color:#23466e;border-bottom:1.5px solid #23466e;
margin-top:1.2rem}h2{font-size:11.5pt;margin:.9rem 0 .2rem;color:#23466e}h3{font-size:10.5pt;margin:.6rem 0 .1rem}
p{margin:.15rem 0}.note{border:1px solid #8a6d00;background:#fff8e1;padding:.4rem .6rem}
mark{background:#ffe566;font-weight:bold}table{border-collapse:collapse;width:100%;margin:.3rem 0}
th,td{border:1px solid #bbb;padding:.2rem .4rem;text-align:left;vertical-align:top}th{background:#eef2f7}
@media print{body{margin:0;max-width:none}}
"""


def to_html(draft: Draft) -> str:
    e = html.escape

    def runs(parts) -> str:
        return "".join(f"<mark>{e(str(x))}</mark>" if isinstance(x, Gap)
                       else f"<strong>{e(str(x))}</strong>" if isinstance(x, Label) else e(str(x))
                       for x in (parts if isinstance(parts, list) else [parts]))

    out = [f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{e(draft.title)}</title>'
           f"<style>{CSS}</style></head><body><main><h1 class=title>{e(draft.title)}</h1>"]
    for b in draft.blocks:
        if b.kind in ("h1", "h2", "h3"):
            out.append(f"<{b.kind}>{runs(b.parts)}</{b.kind}>")
        elif b.kind == "note":
            out.append(f'<p class="note">{runs(b.parts)}</p>')
        elif b.kind == "p":
            out.append(f"<p>{runs(b.parts)}</p>")
        else:
            head = "".join(f'<th scope="col">{e(h)}</th>' for h in b.header)
            body = "".join("<tr>" + "".join(f"<td>{runs(c)}</td>" for c in row) + "</tr>" for row in b.parts)
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    out.append("</main></body></html>")
    return "".join(out)


def write_report(answers: Answers, out: Path, pdf: bool = True) -> tuple[Draft, list[Path], str]:
    """Write draft-report.docx, draft-report.html and (with chromium) draft-report.pdf into ``out``."""
    from ..workshop.pdf import write_html_and_pdf

    draft = build_draft(answers)
    out.mkdir(parents=True, exist_ok=True)
    docx_path = to_docx(draft, out / "draft-report.docx")
    html_path, pdf_path, note = write_html_and_pdf(to_html(draft), out / "draft-report.html", pdf)
    return draft, [p for p in (docx_path, html_path, pdf_path) if p], note


def pdf_pages(path: Path) -> int | None:
    """Page count of a PDF with poppler's pdfinfo (or pypdf); None if neither is there."""
    import shutil
    import subprocess

    if shutil.which("pdfinfo"):
        proc = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, timeout=30)
        m = re.search(r"^Pages:\s+(\d+)", proc.stdout, re.M)
        if m:
            return int(m.group(1))
    try:
        from pypdf import PdfReader

        return len(PdfReader(str(path)).pages)
    except Exception:
        return None
