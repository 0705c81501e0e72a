"""Schema checks of the legal registry and the reference shelf.

Files under test (shipped with the package):
  data/registry/resolutions.yaml   resolutions, paragraphs, measures, bodies
  data/reference/glossary.yaml     glossary terms
  data/reference/cases.yaml        documented public cases
  data/reference/indicators.yaml   red-flag indicator codes by role

Every failing assertion names the entry at fault.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import re
from collections import Counter

import pytest
import yaml

THEMES = [
    "arms", "wmd", "luxury", "maritime", "aviation", "cargo", "finance", "trade", "workers",
    "designations", "committee", "panel", "exemptions", "reporting",
]
REQUIRED_RESOLUTIONS = {1718, 1874, 2087, 2094, 2270, 2321, 2356, 2371, 2375, 2397, 2664}
STATUSES = {"quoted", "confirmed", "verify", "unconfirmed"}
AGENCIES = {"port", "customs", "finance", "ministries", "aviation"}
TRACKS = {"awareness", "port", "customs", "finance", "capstone", "national"}
TECHNIQUES = {
    "concealment", "false-declaration", "ship-to-ship", "ais-manipulation", "identity-laundering",
    "front-company", "financial", "cyber", "diplomatic-cover", "overseas-workers", "military-cooperation",
    "transshipment",
}
ROLE_PREFIX = {"port": "PORT", "customs": "CUS", "finance": "FIN"}
MEASURE_CATEGORIES_REQUIRED = {
    "arms", "wmd", "luxury", "maritime", "cargo", "finance", "trade", "workers", "designations",
}
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PARAGRAPH_KEY = re.compile(r"^\d+(\([a-z]+\))*$")


def _load(relpath: str):
    resource = importlib.resources.files("embargo_kit")
    for part in relpath.split("/"):
        resource = resource / part
    assert resource.is_file(), f"{relpath}: file missing from the embargo_kit package"
    return yaml.safe_load(resource.read_text(encoding="utf-8"))


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _nonempty_str(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


@pytest.fixture(scope="module")
def registry():
    return _load("data/registry/resolutions.yaml")


@pytest.fixture(scope="module")
def resolutions(registry):
    return {r["number"]: r for r in registry["resolutions"]}


@pytest.fixture(scope="module")
def glossary():
    return _load("data/reference/glossary.yaml")


@pytest.fixture(scope="module")
def cases():
    return _load("data/reference/cases.yaml")


@pytest.fixture(scope="module")
def indicators():
    return _load("data/reference/indicators.yaml")


# ---------------------------------------------------------------- resolutions.yaml


def test_registry_top_level(registry):
    for key in ("as_of", "themes", "resolutions", "measures", "bodies"):
        assert key in registry, f"resolutions.yaml: top-level key '{key}' missing"
    _as_date(registry["as_of"])
    assert registry["themes"] == THEMES, "resolutions.yaml: 'themes' differs from the agreed list"


def test_registry_holds_every_resolution_once(registry):
    numbers = [r.get("number") for r in registry["resolutions"]]
    dupes = [n for n, c in Counter(numbers).items() if c > 1]
    assert not dupes, f"resolutions.yaml: resolution(s) listed twice: {dupes}"
    missing = REQUIRED_RESOLUTIONS - set(numbers)
    assert not missing, f"resolutions.yaml: resolution(s) missing: {sorted(missing)}"


def test_resolution_entries(registry):
    keys = ("number", "year", "symbol", "adopted", "trigger", "headline", "vote", "source", "paragraphs")
    for res in registry["resolutions"]:
        name = f"resolution {res.get('number')}"
        for key in keys:
            assert key in res, f"{name}: key '{key}' missing"
        for key in ("trigger", "headline", "vote", "source"):
            assert _nonempty_str(res[key]), f"{name}: '{key}' is empty"
        assert res["symbol"] == f"S/RES/{res['number']} ({res['year']})", (
            f"{name}: symbol '{res['symbol']}' does not read S/RES/<number> (<year>)"
        )
        assert _as_date(res["adopted"]).year == res["year"], f"{name}: adopted date not in {res['year']}"
        assert isinstance(res["paragraphs"], dict), f"{name}: 'paragraphs' must be a mapping"


def test_paragraphs(registry):
    for res in registry["resolutions"]:
        for key, para in res["paragraphs"].items():
            name = f"S/RES/{res['number']} para {key!r}"
            assert isinstance(key, str), f"{name}: paragraph key must be a string (quote it in YAML)"
            assert PARAGRAPH_KEY.match(key), f"{name}: key is not a paragraph number like '8' or '8(a)(i)'"
            for field in ("summary", "themes", "status", "source"):
                assert field in para, f"{name}: field '{field}' missing"
            assert _nonempty_str(para["summary"]), f"{name}: empty summary"
            assert _nonempty_str(para["source"]), f"{name}: empty source"
            assert para["status"] in STATUSES, f"{name}: status '{para['status']}' not in {sorted(STATUSES)}"
            assert para["themes"], f"{name}: no themes"
            bad = set(para["themes"]) - set(THEMES)
            assert not bad, f"{name}: unknown theme(s) {sorted(bad)}"


def test_some_paragraphs_are_confirmed(registry):
    statuses = Counter(p["status"] for r in registry["resolutions"] for p in r["paragraphs"].values())
    citable = statuses["confirmed"] + statuses["quoted"]
    assert citable >= 20, f"resolutions.yaml: only {citable} quoted or confirmed paragraphs"
    assert statuses["quoted"] >= 15, f"resolutions.yaml: only {statuses['quoted']} quoted paragraphs"


def test_measures(registry, resolutions):
    measures = registry["measures"]
    assert len(measures) >= 30, f"resolutions.yaml: {len(measures)} measures, at least 30 needed"
    ids = [m.get("id") for m in measures]
    dupes = [i for i, c in Counter(ids).items() if c > 1]
    assert not dupes, f"resolutions.yaml: duplicate measure id(s) {dupes}"
    for m in measures:
        name = f"measure {m.get('id')!r}"
        for field in ("id", "measure", "category", "first", "paragraph", "later", "agencies"):
            assert field in m, f"{name}: field '{field}' missing"
        assert KEBAB.match(str(m["id"])), f"{name}: id is not kebab-case"
        assert _nonempty_str(m["measure"]), f"{name}: empty 'measure'"
        assert m["category"] in THEMES, f"{name}: category '{m['category']}' is not a theme"
        assert m["first"] in resolutions, f"{name}: first={m['first']} is not a resolution in the registry"
        first_date = _as_date(resolutions[m["first"]]["adopted"])
        for later in m["later"]:
            assert later in resolutions, f"{name}: later resolution {later} is not in the registry"
            assert _as_date(resolutions[later]["adopted"]) > first_date, (
                f"{name}: later resolution {later} is not after first={m['first']}"
            )
        assert m["agencies"], f"{name}: no agencies"
        bad = set(m["agencies"]) - AGENCIES
        assert not bad, f"{name}: unknown agencies {sorted(bad)}"


def test_measure_paragraphs_are_confirmed(registry, resolutions):
    for m in registry["measures"]:
        para = m["paragraph"]
        if para is None:
            continue
        name = f"measure {m['id']!r}"
        assert isinstance(para, str), f"{name}: paragraph must be a quoted string or null"
        paragraphs = resolutions[m["first"]]["paragraphs"]
        assert para in paragraphs, f"{name}: paragraph {para!r} not listed under S/RES/{m['first']}"
        status = paragraphs[para]["status"]
        assert status in ("quoted", "confirmed"), (
            f"{name}: paragraph {para!r} of S/RES/{m['first']} is '{status}', only confirmed ones may be cited"
        )


def test_measures_cover_the_regime(registry):
    categories = {m["category"] for m in registry["measures"]}
    missing = MEASURE_CATEGORIES_REQUIRED - categories
    assert not missing, f"resolutions.yaml: no measure for categories {sorted(missing)}"


def test_bodies(registry):
    bodies = {b.get("id"): b for b in registry["bodies"]}
    assert len(bodies) == len(registry["bodies"]), "resolutions.yaml: duplicate body id"
    for body_id, body in bodies.items():
        for field in ("id", "name", "established", "ended", "role", "source"):
            assert field in body, f"body {body_id!r}: field '{field}' missing"
        for field in ("name", "role", "source"):
            assert _nonempty_str(body[field]), f"body {body_id!r}: empty '{field}'"
        _as_date(body["established"])
        if body["ended"] is not None:
            assert _as_date(body["ended"]) > _as_date(body["established"]), f"body {body_id!r}: ends before it starts"
    names = " ".join(b["name"] for b in bodies.values()).lower()
    assert "1718" in names, "resolutions.yaml: bodies lack the 1718 Committee"
    panel = [b for b in bodies.values() if "panel of experts" in b["name"].lower()]
    assert panel, "resolutions.yaml: bodies lack the Panel of Experts"
    assert _as_date(panel[0]["ended"]) == dt.date(2024, 4, 30), "Panel of Experts: mandate ended 30 April 2024"
    assert "veto" in panel[0]["role"].lower(), "Panel of Experts: role should say why it ended (the veto)"
    msmt = [b for b in bodies.values() if "msmt" in b["name"].lower()]
    assert msmt, "resolutions.yaml: bodies lack the MSMT"
    assert msmt[0]["ended"] is None, "MSMT: still active, 'ended' must be null"
    assert _as_date(msmt[0]["established"]) >= dt.date(2024, 10, 1), "MSMT: established from October 2024"


# ---------------------------------------------------------------- glossary.yaml

GLOSSARY_REQUIRED = [
    "AIS", "MMSI", "IMO number", "Going dark", "AIS spoofing", "Ship-to-ship transfer", "Flag of convenience",
    "Flag hopping", "De-flagging", "Port state control", "Bill of lading", "Manifest", "HS code",
    "Catch-all control", "Dual-use", "End-user certificate", "Front company", "Beneficial owner",
    "Correspondent banking", "Nested account", "FIU", "Suspicious transaction report", "Asset freeze",
    "Designation", "1718 List", "Implementation Assistance Notice", "Panel of Experts", "MSMT",
    "National implementation report", "SALW", "Related materiel", "Technical assistance", "Luxury goods",
    "Bunkering", "Transshipment",
]


def test_glossary_terms(glossary):
    terms = glossary["terms"]
    assert len(terms) >= 70, f"glossary.yaml: {len(terms)} terms, at least 70 needed"
    lowered = [t.get("term", "").lower() for t in terms]
    dupes = [t for t, c in Counter(lowered).items() if c > 1]
    assert not dupes, f"glossary.yaml: duplicate term(s) (case-insensitive): {dupes}"
    known = set(lowered)
    for t in terms:
        name = f"glossary term {t.get('term')!r}"
        for field in ("term", "definition", "see_also", "tracks", "source"):
            assert field in t, f"{name}: field '{field}' missing"
        for field in ("term", "definition", "source"):
            assert _nonempty_str(t[field]), f"{name}: empty '{field}'"
        assert len(t["definition"]) <= 600, f"{name}: definition longer than 600 characters"
        assert t["tracks"], f"{name}: no tracks"
        bad = set(t["tracks"]) - TRACKS
        assert not bad, f"{name}: unknown tracks {sorted(bad)}"
        for ref in t["see_also"]:
            assert ref.lower() in known, f"{name}: see_also {ref!r} is not a glossary term"


def test_glossary_covers_required_terms(glossary):
    known = {t["term"].lower() for t in glossary["terms"]}
    missing = [t for t in GLOSSARY_REQUIRED if t.lower() not in known]
    assert not missing, f"glossary.yaml: required term(s) missing: {missing}"


# ---------------------------------------------------------------- cases.yaml


def test_cases(cases):
    entries = cases["cases"]
    assert len(entries) >= 14, f"cases.yaml: {len(entries)} cases, at least 14 needed"
    ids = [c.get("id") for c in entries]
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    assert not dupes, f"cases.yaml: duplicate id(s) {dupes}"
    fields = ("id", "title", "date", "place", "actors", "technique", "detection", "outcome", "lesson_use",
              "sources", "as_of")
    for c in entries:
        name = f"case {c.get('id')!r}"
        for field in fields:
            assert field in c, f"{name}: field '{field}' missing"
        assert re.match(r"^case-[a-z0-9]+(-[a-z0-9]+)*$", str(c["id"])), f"{name}: id must be case-<kebab>"
        for field in ("title", "place", "detection", "outcome"):
            assert _nonempty_str(c[field]), f"{name}: empty '{field}'"
        date = c["date"]
        if not isinstance(date, dt.date):
            assert re.match(r"^\d{4}-\d{2}(-\d{2})?$", str(date)), f"{name}: date {date!r} is not YYYY-MM[-DD]"
        _as_date(c["as_of"])
        assert c["actors"], f"{name}: no actors"
        assert c["technique"], f"{name}: no technique"
        bad = set(c["technique"]) - TECHNIQUES
        assert not bad, f"{name}: technique(s) outside the closed list: {sorted(bad)}"
        bad = set(c["lesson_use"]) - TRACKS
        assert c["lesson_use"] and not bad, f"{name}: lesson_use empty or unknown tracks {sorted(bad)}"
        assert c["sources"] and all(_nonempty_str(s) for s in c["sources"]), f"{name}: needs at least one source"


# ---------------------------------------------------------------- indicators.yaml


def test_indicators(indicators):
    entries = indicators["indicators"]
    codes = [i.get("code") for i in entries]
    dupes = [c for c, n in Counter(codes).items() if n > 1]
    assert not dupes, f"indicators.yaml: duplicate code(s) {dupes}"
    texts = [str(i.get("indicator", "")).strip().lower() for i in entries]
    same = [t for t, n in Counter(texts).items() if n > 1]
    assert not same, f"indicators.yaml: identical indicator text under two codes: {same}"
    for i in entries:
        name = f"indicator {i.get('code')!r}"
        for field in ("code", "role", "indicator", "why", "source"):
            assert field in i, f"{name}: field '{field}' missing"
            assert _nonempty_str(i[field]), f"{name}: empty '{field}'"
        assert i["role"] in ROLE_PREFIX, f"{name}: role '{i['role']}' not in {sorted(ROLE_PREFIX)}"
        assert re.match(rf"^{ROLE_PREFIX[i['role']]}-\d{{2}}$", i["code"]), (
            f"{name}: code does not match role '{i['role']}' ({ROLE_PREFIX[i['role']]}-NN)"
        )


def test_indicators_per_role(indicators):
    counts = Counter(i["role"] for i in indicators["indicators"])
    for role in ROLE_PREFIX:
        assert counts[role] >= 12, f"indicators.yaml: role '{role}' has {counts[role]} indicators, at least 12 needed"


def test_indicator_sources_name_existing_cases(indicators, cases):
    case_ids = {c["id"] for c in cases["cases"]}
    for i in indicators["indicators"]:
        for ref in re.findall(r"case-[a-z0-9]+(?:-[a-z0-9]+)*", i["source"]):
            assert ref in case_ids, f"indicator {i['code']!r}: source cites {ref!r}, which is not in cases.yaml"
