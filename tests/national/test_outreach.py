"""The private-sector outreach pack: sound data, one printable page per sector, a book page in sync with the data,
and a half-day session the workshop planner can schedule through lesson national-01."""
from __future__ import annotations

from pathlib import Path


from embargo_kit.content.registry import parse_citation
from embargo_kit.national import outreach

ROOT = Path(__file__).resolve().parents[2]
BRIEF_SECTORS = {"shipping", "registries", "insurers", "forwarders", "banks-msb", "company-agents"}


def test_pack_is_sound():
    assert outreach.problems() == []


def test_every_sector_of_the_brief_has_a_full_sheet():
    sheets = {s["id"]: s for s in outreach.sheets()}
    assert set(sheets) == BRIEF_SECTORS
    for s in sheets.values():
        assert s["means"] and s["red_flags"] and s["do"] and s["report_to"], s["id"]
        for line in s["means"]:
            assert all(parse_citation(c) for c in line["cite"])


def test_problems_catches_a_bad_citation(monkeypatch):
    sheets = outreach.sheets()
    broken = [dict(sheets[0], means=[{"cite": ["2270/99"], "text": "x"}])] + sheets[1:]
    monkeypatch.setattr(outreach, "sheets", lambda: broken)
    assert any("2270" in p and "not in the registry" in p for p in outreach.problems())


def test_book_page_is_in_sync_with_the_data():
    page = (ROOT / "book" / "national" / "outreach-sheets.md").read_text(encoding="utf-8")
    assert page == outreach.sheets_markdown(), (
        "book/national/outreach-sheets.md is stale: python -m embargo_kit.national.outreach > "
        "book/national/outreach-sheets.md")


def test_printable_sheets_one_page_each():
    page = outreach.sheets_html()
    assert page.count('<section class="sheet">') == len(BRIEF_SECTORS)
    assert "section.sheet{break-after:page}" in page
    assert "fictional" in page.lower() and "S/RES/2270 (2016), para 18" in page


def test_pdf_has_one_page_per_sector(tmp_path):
    from tests.conftest import require_tool

    require_tool("chromium", "chromium")
    paths, note = outreach.write_sheets(tmp_path)
    pdf = next(p for p in paths if p.suffix == ".pdf")
    from embargo_kit.national.report import pdf_pages

    assert pdf_pages(pdf) == len(BRIEF_SECTORS), note


def test_session_is_a_half_day_with_the_reporting_block():
    s = outreach.session()
    assert 180 <= s["minutes"] <= 240
    assert sum(b["minutes"] for b in s["blocks"]) == s["minutes"]
    titles = " ".join(b["title"].lower() for b in s["blocks"])
    assert "whom to tell" in titles and "red flags" in titles
    assert any(b["kind"] == "exercise" for b in s["blocks"]) and any(b["kind"] == "break" for b in s["blocks"])


def test_planner_schedules_the_national_lessons():
    from embargo_kit.workshop.planner import plan

    agenda = plan(ROOT, ["national"], days=1)
    assert {"national-01", "national-02"} <= set(agenda.days[0].lessons)
