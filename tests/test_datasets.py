"""embargo_kit.datasets: the tables notebooks get, their columns and types, the copies they return, and the
shipped national data (the fictional Republic of Lumeria, its self-assessment) and lesson catalogue."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from embargo_kit import datasets

AGENCIES = {"port", "customs", "finance", "ministries", "aviation"}
AREAS = [
    "Legal basis",
    "Institutions and coordination",
    "Arms-embargo scope in law",
    "Export and import control and licensing",
    "Catch-all controls",
    "Customs and border controls",
    "Maritime and port measures",
    "Flag registry",
    "Financial measures and asset freeze",
    "Transit and trans-shipment",
    "Brokering",
    "Technical assistance",
    "Enforcement and penalties",
    "Reporting to the Committee",
    "Outreach and awareness",
    "International cooperation",
]
PLANNED = [f"{track}-{n:02d}" for track in ("port", "customs", "finance") for n in range(1, 6)]
AWARENESS = [f"awareness-{n:02d}" for n in range(1, 7)]
CITATION = re.compile(r"S/RES/(\d{4}) \((\d{4})\)(?:, paras? ([0-9]+(?:\([a-z]+\))*))?")


# ------------------------------------------------------------------------------------ the registry
def test_resolutions_table():
    r = datasets.resolutions()
    assert list(r.columns) == ["number", "year", "symbol", "adopted", "trigger", "headline", "vote"]
    assert pd.api.types.is_datetime64_any_dtype(r["adopted"])
    assert r["number"].is_unique and r["adopted"].is_monotonic_increasing
    assert {1718, 1874, 2094, 2270, 2321, 2371, 2375, 2397} <= set(r["number"])
    for row in r.itertuples():
        assert row.symbol == f"S/RES/{row.number} ({row.year})"
        assert row.adopted.year == row.year


def test_paragraphs_table():
    p = datasets.paragraphs()
    assert list(p.columns[:6]) == ["number", "symbol", "paragraph", "summary", "themes", "status"]
    assert len(p) > 20
    assert set(p["status"]) <= {"quoted", "confirmed", "verify", "unconfirmed"}
    assert all(isinstance(t, list) for t in p["themes"])
    assert ((p["number"] == 2270) & (p["paragraph"] == "18") & (p["status"].isin(["quoted", "confirmed"]))).any()


def test_measures_table():
    m = datasets.measures()
    assert list(m.columns) == [
        "id", "measure", "category", "first", "first_symbol", "first_adopted", "paragraph", "later", "agencies",
    ]
    assert m["id"].is_unique
    assert pd.api.types.is_datetime64_any_dtype(m["first_adopted"])
    assert m["first_adopted"].notna().all(), "every measure's first resolution is in the registry"
    numbers = set(datasets.resolutions()["number"])
    assert all(isinstance(v, list) for v in m["later"]) and all(isinstance(v, list) for v in m["agencies"])
    assert all(set(v) <= numbers for v in m["later"]), "a `later` resolution is missing from the registry"
    assert all(v and set(v) <= AGENCIES for v in m["agencies"])
    assert set(m["category"]) <= set(datasets.registry()["themes"])
    res = datasets.resolutions().set_index("number")
    for row in m.itertuples():
        assert row.first_symbol == res.loc[row.first, "symbol"]


def test_bodies_and_raw_registry():
    b = datasets.bodies()
    assert {"id", "name", "established", "ended", "role", "source"} <= set(b.columns)
    assert b["name"].str.contains("Panel of Experts").any()
    raw = datasets.registry()
    assert {"as_of", "themes", "resolutions", "measures", "bodies"} <= set(raw)


def test_each_call_returns_a_fresh_copy():
    m = datasets.measures()
    m.loc[0, "category"] = "changed"
    m.loc[0, "agencies"].append("nobody")
    del m["measure"]
    again = datasets.measures()
    assert again.loc[0, "category"] != "changed"
    assert "nobody" not in again.loc[0, "agencies"]
    assert "measure" in again.columns
    raw = datasets.registry()
    raw["resolutions"].clear()
    assert datasets.registry()["resolutions"]
    profile = datasets.lumeria_profile()
    profile["capital"] = "elsewhere"
    assert datasets.lumeria_profile()["capital"] == "Vell"


def test_a_missing_data_file_says_what_to_do(monkeypatch):
    monkeypatch.setattr(datasets, "_REGISTRY", ("registry", "no-such-file.yaml"))
    datasets._yaml.cache_clear()
    try:
        with pytest.raises(FileNotFoundError, match="reinstall the package"):
            datasets.registry()
    finally:
        datasets._yaml.cache_clear()


# ------------------------------------------------------------------------------------ Lumeria
def test_lumeria_profile_is_labelled_fictional():
    p = datasets.lumeria_profile()
    assert p["fictional"] is True
    assert (p["name"], p["capital"], p["trade_profile"]["main_port"]) == ("Republic of Lumeria", "Vell", "Port Anselm")
    assert p["as_of"] and p["population"] > 0
    for key in ("national_focal_point", "customs", "maritime_authority", "fiu", "central_bank"):
        assert p["agencies"][key]["name"]
    assert p["legal_framework"] and p["trade_profile"]["flag_registry"]["vessels"] > 0


def test_checklist_structure():
    c = datasets.selfassessment_checklist()
    assert list(c.columns) == ["id", "area", "question", "why", "weight", "closes_with"]
    assert 30 <= len(c) <= 40
    assert c["id"].is_unique
    assert all(re.fullmatch(r"SA-[A-Z]{3}-\d{2}", i) for i in c["id"])
    assert list(dict.fromkeys(c["area"])) == AREAS, "every area of the brief, in the checklist's order"
    assert set(c["weight"]) <= {1, 2, 3}
    allowed = set(AWARENESS) | set(PLANNED)
    for row in c.itertuples():
        assert row.closes_with and set(row.closes_with) <= allowed, row.id
        assert row.question.endswith("?"), row.id


def test_checklist_citations_are_known_and_confirmed():
    """Every `why` cites a resolution the registry knows; a paragraph is cited only where it is confirmed."""
    paras = datasets.paragraphs()
    confirmed = {(n, p) for n, p, s in zip(paras["number"], paras["paragraph"], paras["status"]) if s in ("quoted", "confirmed")}
    symbols = dict(zip(datasets.resolutions()["number"], datasets.resolutions()["symbol"]))
    for row in datasets.selfassessment_checklist().itertuples():
        cites = CITATION.findall(row.why)
        assert cites, f"{row.id}: `why` cites no resolution"
        for number, year, para in cites:
            assert symbols.get(int(number)) == f"S/RES/{number} ({year})", f"{row.id}: unknown S/RES/{number} ({year})"
            if para:
                assert (int(number), para) in confirmed, f"{row.id}: para {para} of {number} is not confirmed"


def test_lumeria_answers_every_item_once():
    c = datasets.selfassessment_checklist()
    a = datasets.selfassessment_answers()
    assert list(a.columns) == ["id", "answer", "evidence"]
    assert sorted(a["id"]) == sorted(c["id"])
    assert set(a["answer"]) == {"yes", "partly", "no", "unknown"}
    assert a["evidence"].str.len().min() > 10
    assert datasets.selfassessment_answers("Lumeria").equals(a)
    assert set(datasets.ANSWER_CREDIT) == {"yes", "partly", "no", "unknown"}


@pytest.mark.parametrize("country", ["atlantis", "../registry/resolutions", ""])
def test_unknown_country(country):
    with pytest.raises(ValueError):
        datasets.selfassessment_answers(country)


# ------------------------------------------------------------------------------------ lesson catalogue
def test_lesson_catalogue_lists_awareness_and_planned_lessons():
    cat = datasets.lesson_catalogue()
    assert list(cat.columns) == ["id", "title", "track", "minutes", "planned"]
    assert cat["id"].is_unique
    ids = list(cat["id"])
    assert set(AWARENESS + PLANNED) <= set(ids)
    assert ids.index("awareness-06") < ids.index("port-01") < ids.index("customs-01") < ids.index("finance-01")
    assert not cat.set_index("id").loc[AWARENESS, "planned"].any()
    assert cat["title"].notna().all()
    assert (cat["track"] == cat["id"].str.split("-").str[0]).all()


def test_lesson_catalogue_without_a_book_uses_the_shipped_list(monkeypatch, root):
    """An installed wheel has no book/: the shipped catalogue must then agree with the lessons' front matter."""
    from embargo_kit.content.frontmatter import read_front_matter

    monkeypatch.setattr(datasets, "_book_dir", lambda: None)
    cat = datasets.lesson_catalogue().set_index("id")
    for path in sorted((root / "book").glob("*/*-[0-9][0-9]-*.md")):
        meta = read_front_matter(path)
        row = cat.loc[meta["id"]]
        assert row["title"] == meta["title"], f"{meta['id']}: run python -m embargo_kit.content.catalogue"
        assert row["minutes"] == meta["teaching"] + meta["exercises"] and not row["planned"]


def test_lesson_catalogue_reads_front_matter(monkeypatch, tmp_path):
    (tmp_path / "port").mkdir()
    (tmp_path / "port" / "port-03-sts.md").write_text(
        "---\nid: port-03\ntitle: Ship-to-ship transfers at night\ntracks: [port, capstone]\n"
        "teaching: 20\nexercises: 25\n---\n# Body\n",
        encoding="utf-8",
    )
    (tmp_path / "port" / "index.md").write_text("# Port track\n", encoding="utf-8")
    monkeypatch.setattr(datasets, "_book_dir", lambda: tmp_path)
    cat = datasets.lesson_catalogue().set_index("id")
    row = cat.loc["port-03"]
    assert (row["title"], row["track"], row["minutes"], row["planned"]) == (
        "Ship-to-ship transfers at night", "port", 45, False,
    )
