"""The draft national implementation report: open the DOCX a focal point would edit and check its structure,
that every cited paragraph is in the registry (and confirmed), and that no placeholder is silently dropped."""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from embargo_kit.cli.national import national_app
from embargo_kit.content.registry import load_registry

runner = CliRunner()
NATIONAL = resources.files("embargo_kit") / "data" / "national"
SAMPLE = Path(str(NATIONAL / "selfassessment_lumeria.yaml"))
CITE = re.compile(r"S/RES/(\d{4}) \((\d{4})\)(?:, para (\d+(?:\([a-z]+\))*))?")
PLACEHOLDER = re.compile(r"\[TO COMPLETE: [^\]]+\]")


def _raw(path) -> dict:
    return yaml.safe_load(Path(str(path)).read_text(encoding="utf-8"))


def _docx_text(path: Path) -> tuple[list[tuple[str, str]], str, list]:
    import docx

    d = docx.Document(str(path))
    paras = [(p.style.name, p.text) for p in d.paragraphs]
    cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
    return paras, "\n".join([t for _, t in paras] + cells), d


def _expected_placeholders(answers_doc: dict) -> int:
    """Counted from the raw files: what the answers leave blank, plus the two fixed items (dates of the
    report, gazette references of the laws)."""
    checklist = _raw(NATIONAL / "selfassessment_checklist.yaml")
    roles = checklist["agency_roles"]
    named = answers_doc.get("agencies") or {}
    n = 2
    n += sum(1 for f in ("unit", "name", "address", "email", "phone") if not (answers_doc.get("contact") or {}).get(f))
    n += sum(1 for r in roles if not named.get(r))
    items = {i["id"]: i for i in checklist["items"]}
    for a in answers_doc["answers"]:
        word = {True: "yes", False: "no"}.get(a["answer"], a["answer"])
        n += 0 if a.get("laws") else 1
        n += 0 if a.get("evidence") else 1
        n += 0 if word == "yes" or a.get("action") else 1
        n += sum(1 for r in items[a["id"]]["agencies"] if not named.get(r))
    n += 0 if any(a.get("laws") for a in answers_doc["answers"]) else 1  # annex A: the laws themselves
    # every registry measure no answer reaches: three placeholders (law, authority, practice), one for the
    # measures that concern the Council's own bodies (how the state cooperated)
    asked = {items[a["id"]]["measure"] for a in answers_doc["answers"]}
    for m in load_registry()["measures"]:
        if m["id"] not in asked:
            n += 1 if m["category"] in ("committee", "panel") else 3
    return n


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    result = runner.invoke(national_app, ["report", "lumeria", "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    return out


def test_docx_structure(report):
    paras, _, d = _docx_text(report / "draft-report.docx")
    h1 = [t for s, t in paras if s == "Heading 1"]
    assert h1[:3] == ["1. Introduction", "2. National contact point", "3. Competent authorities"]
    assert h1[3] == "4. General obligations under all the resolutions"
    resolution_sections = [t for t in h1 if "Measures first imposed by" in t]
    years = [int(re.search(r"S/RES/(\d{4})", t).group(1)) for t in resolution_sections]
    assert years == sorted(years) and years[0] == 1718, "sections follow the order of the resolutions"
    assert [t for t in h1 if t.startswith("Annex")][0] == "Annex A. National laws cited"
    assert any(t.startswith("Annex C. Items to complete") for t in h1)
    # every question appears once, under a measure heading, with the four statements
    checklist = _raw(NATIONAL / "selfassessment_checklist.yaml")["items"]
    h3 = [t for s, t in paras if s == "Heading 3"]
    assert sorted(re.search(r"\((SA-[A-Z]{3}-\d\d)\)$", t).group(1) for t in h3) == sorted(i["id"] for i in checklist)
    body = [t for _, t in paras]
    for label in ("Obligation: ", "National legal basis: ", "Competent authority: ", "Implementation ("):
        assert sum(t.startswith(label) for t in body) >= len(checklist), label
    assert "FICTIONAL" in body[0] or any("FICTIONAL" in t for t in body[:3])


def test_every_registry_measure_has_a_section(report):
    """E10: a report must not silently omit part of the regime. Each measure of the registry is a heading; one the
    self-assessment did not ask about says so and holds only placeholders for the ministry."""
    paras, text, _ = _docx_text(report / "draft-report.docx")
    h2 = [t for s, t in paras if s == "Heading 2"]
    registry = load_registry()["measures"]
    for m in registry:
        assert any(t.endswith(" " + m["measure"]) for t in h2), f"no section for {m['id']}"
    unasked = [t for _, t in paras if t.startswith("Not covered by the national self-assessment")]
    checklist = _raw(NATIONAL / "selfassessment_checklist.yaml")["items"]
    asked = {i["measure"] for i in checklist}
    assert len(unasked) == sum(1 for m in registry if m["id"] not in asked) > 0
    assert "travel-ban: national legal basis (law, article)" in text
    assert "aviation-fuel: name of the authority responsible (usually the civil aviation authority" in text


def test_every_cited_paragraph_is_a_confirmed_registry_paragraph(report):
    _, text, _ = _docx_text(report / "draft-report.docx")
    registry = {int(r["number"]): r for r in load_registry()["resolutions"]}
    cites = CITE.findall(text)
    assert len(cites) > 40
    for number, year, para in cites:
        r = registry.get(int(number))
        assert r is not None and int(r["year"]) == int(year), f"S/RES/{number} ({year}) is not in the registry"
        if para:
            entry = (r.get("paragraphs") or {}).get(para)
            assert entry and entry["status"] in ("quoted", "confirmed"), f"S/RES/{number} para {para} is not confirmed"
    # and each question's own paragraphs are all there
    for item in _raw(NATIONAL / "selfassessment_checklist.yaml")["items"]:
        for c in item["paragraphs"]:
            num, _, para = c.partition("/")
            needle = f"S/RES/{num} ({registry[int(num)]['year']})" + (f", para {para}" if para else "")
            assert needle in text, (item["id"], needle)


def test_no_placeholder_is_dropped(report):
    _, _, d = _docx_text(report / "draft-report.docx")
    body = "\n".join(p.text for p in d.paragraphs)
    table_cells = [row.cells for t in d.tables for row in t.rows]
    annex = d.tables[-1]
    in_annex = [row.cells[1].text for row in annex.rows[1:]]
    in_body = PLACEHOLDER.findall(body) + [m for cells in table_cells[: -len(annex.rows)]
                                            for c in cells for m in PLACEHOLDER.findall(c.text)]
    expected = _expected_placeholders(_raw(SAMPLE))
    assert len(in_body) == expected, "every blank in the answers is a visible placeholder in the text"
    assert sorted(in_annex) == sorted(in_body), "annex C lists every placeholder"
    highlighted = [r.text for p in d.paragraphs for r in p.runs if r.font.highlight_color is not None]
    assert all(PLACEHOLDER.fullmatch(t) for t in highlighted) and len(highlighted) > 0


def test_an_answered_gap_loses_its_placeholder_and_shows_the_ministrys_text(tmp_path, report):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    i = next(n for n, ln in enumerate(lines) if "id: SA-BRK-02" in ln)
    lines[i] = lines[i][:-1] + ', action: "Brokering register in the draft Strategic Goods (Amendment) Bill."}'
    answers = tmp_path / "answers.yaml"
    answers.write_text("\n".join(lines), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(national_app, ["report", str(answers), "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    _, text, _ = _docx_text(out / "draft-report.docx")
    assert "Steps planned: Brokering register in the draft Strategic Goods (Amendment) Bill." in text
    assert "SA-BRK-02: steps taken or planned" not in text
    before = len(PLACEHOLDER.findall(_docx_text(report / "draft-report.docx")[1]))
    assert len(PLACEHOLDER.findall(text)) == before - 2, "one fewer in the body and one fewer in annex C"


def test_annex_lists_the_laws_cited(report):
    _, _, d = _docx_text(report / "draft-report.docx")
    answers = _raw(SAMPLE)
    cited = {law for a in answers["answers"] for law in a.get("laws") or []}
    annex_a = next(t for t in d.tables if t.rows[0].cells[0].text == "Law")
    assert {row.cells[0].text for row in annex_a.rows[1:]} == cited
    assert all(row.cells[1].text and "TO COMPLETE" not in row.cells[1].text for row in annex_a.rows[1:])


def test_pdf_prints_with_chromium(tmp_path):
    from tests.conftest import require_tool

    require_tool("chromium", "chromium")
    out = tmp_path / "pdf"
    result = runner.invoke(national_app, ["report", "lumeria", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "draft-report.pdf").read_bytes()[:5] == b"%PDF-"
    pages = int(re.search(r"(\d+) pages", result.output).group(1))
    assert 5 <= pages <= 40, f"{pages} pages"


def test_a_bare_answers_file_gives_a_report_full_of_visible_placeholders(tmp_path):
    """Only ids and answers: no agencies, contact, laws or evidence. Nothing is invented; every blank shows."""
    raw = _raw(SAMPLE)
    bare = {"country": "atlantis", "answers": [{"id": a["id"], "answer": a["answer"]} for a in raw["answers"]]}
    path = tmp_path / "atlantis.yaml"
    path.write_text(yaml.safe_dump(bare, sort_keys=False), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(national_app, ["report", str(path), "--out", str(out), "--no-pdf"])
    assert result.exit_code == 0, result.output
    _, text, d = _docx_text(out / "draft-report.docx")
    body = "\n".join(p.text for p in d.paragraphs)
    assert "Atlantis" in d.paragraphs[0].text and "FICTIONAL" not in text
    assert "Republic of Lumeria" not in text and "LRCA" not in text, "nothing carried over from the sample"
    assert len(PLACEHOLDER.findall(text)) == 2 * _expected_placeholders(bare)  # body + annex C
    assert "National legal basis: [TO COMPLETE:" in body


def test_missing_answers_file_is_a_sentence(tmp_path):
    result = runner.invoke(national_app, ["report", str(tmp_path / "nope.yaml"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1 and "no such answers file" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "o").exists()
