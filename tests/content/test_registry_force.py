"""The registry quotes the Council and holds the force of each rule (design.md, "Settled in December 2026").

Bad input fails with file, line and the fix: a `quoted` paragraph without text, a quote without the force words of
its clauses, a malformed clause. The shipped registry is valid, its quotes are cited, and every paragraph the course
cites as a rule carries force.
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from embargo_kit.content import force, wording
from embargo_kit.content.registry import load_registry, parse_citation

ROOT = Path(__file__).resolve().parents[2]

REGISTRY = textwrap.dedent("""\
    resolutions:
      - number: 2094
        year: 2013
        symbol: S/RES/2094 (2013)
        paragraphs:
          "17":
            summary: Deny port entry to a ship that refused an inspection.
            themes: [maritime]
            status: quoted
            source: test
            text: >-
              Decides that, if any vessel has refused to allow an inspection ..., all States shall deny such a
              vessel entry to their ports
            read_at: https://example.org/2094-17
            force:
              - force: obligation
                act: [deny entry]
                source: text
          "18":
            summary: Calls on states to deny take-off.
            themes: [aviation]
            status: quoted
            source: test
            read_at: https://example.org/2094-18
          "19":
            summary: A clause read from a quote that says something else.
            themes: [reporting]
            status: quoted
            source: test
            text: Requests all States to communicate to the Committee any information
            read_at: https://example.org/2094-19
            force:
              - force: obligation
                act: [report]
                source: text
          "22":
            summary: A clause without act keywords or source.
            themes: [wmd]
            status: confirmed
            source: test
            force:
              - force: maybe
    """)


@pytest.fixture
def bad_registry(tmp_path):
    path = tmp_path / "resolutions.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    return path


def test_good_paragraph_passes_and_bad_ones_fail_with_line_and_fix(bad_registry):
    problems = force.validate_registry(bad_registry)
    messages = [p.message for p in problems]
    text = "\n".join(map(str, problems))
    assert not any(":6:" in str(p) or ":17:" in str(p) for p in problems), text   # 2094/17 is right
    quoted_no_text = next(p for p in problems if "2094 (2013), para 18" in p.message)
    assert quoted_no_text.line == 22 and "has no `text`" in quoted_no_text.message, text
    assert str(quoted_no_text).startswith(f"{bad_registry}:22: ")
    no_force_words = next(p for p in problems if "para 19" in p.message)
    assert no_force_words.line == 33 and '"shall"' in no_force_words.message, text
    assert any("force 'maybe' is not one of" in m for m in messages), text
    assert any("needs `act`" in m for m in messages), text
    assert any("needs `source`" in m for m in messages), text


def test_shipped_registry_is_valid():
    problems = force.validate_registry()
    assert not problems, "\n".join(map(str, problems))


def test_quoted_paragraphs_can_be_cited_and_carry_their_words():
    citation = parse_citation("2094/17")
    assert citation.text == "S/RES/2094 (2013), para 17"
    entry = next(r for r in load_registry()["resolutions"] if r["number"] == 2094)["paragraphs"]["17"]
    assert entry["status"] == "quoted"
    assert "all States shall deny such a vessel entry to their ports" in entry["text"]
    assert entry["read_at"].startswith("https://")


def test_force_reads_the_key_rules_of_the_review():
    """design.md's examples: 2397/9 shall in port, may in territorial waters; 2094/17 shall deny; 2270/8 a duty;
    2664/1 a permission for named providers, asset freeze only."""
    def forces(cite):
        n, _, p = cite.partition("/")
        return {c.force for c in force.clauses_for(int(n), p or None)}
    assert {"obligation", "permission"} <= forces("2397/9")
    assert force.agrees("2397/9", "obligation", "impound the ship in port")
    assert force.agrees("2397/9", "permission", "impound the ship in territorial waters")
    assert not force.agrees("2094/17", "permission", "deny entry")
    assert force.agrees("2094/17", "obligation", "deny entry")
    assert force.agrees("2270/8", "obligation", "the catch-all: prevent the supply")
    carve_out = force.clauses_for(2664, "1")[0]
    assert carve_out.force == "permission" and "asset freezes only" in carve_out.scope
    assert force.agrees("2094/18", "call", "deny take-off")


def _cited_paragraphs() -> set[tuple[int, str | None]]:
    cited = set()
    for unit in wording.course_units(ROOT):
        cited |= wording.citations_in(unit.text)
    return cited


def test_every_cited_paragraph_teaching_a_rule_carries_force():
    registry = {(int(r["number"]), str(k)): v for r in load_registry()["resolutions"]
                for k, v in (r.get("paragraphs") or {}).items()}
    # cited paragraphs that are not rules for states (Committee and Panel set-up, Council intent)
    not_rules = {(1718, "12"), (1874, "26"), (2094, "29"), (2397, "27")}
    missing = sorted(f"{n}/{p}" for n, p in _cited_paragraphs()
                     if p and (n, p) in registry and (n, p) not in not_rules and not registry[(n, p)].get("force"))
    assert not missing, f"cited paragraphs without `force` in the registry: {missing}"


def test_every_resolution_cited_alone_has_force_somewhere():
    known = {int(r["number"]) for r in load_registry()["resolutions"]}
    alone = {n for n, p in _cited_paragraphs() if p is None and n in known}   # others (e.g. 1730) are not DPRK rules
    without = sorted(n for n in alone if not force.clauses_for(n) and n != 2087)   # no 2087 text has been read
    assert not without, f"resolutions cited without a paragraph but with no force clause: {without}"


def test_loader_accepts_the_new_fields_only_with_known_values(tmp_path):
    data = yaml.safe_load(REGISTRY)
    clauses = force.clauses_from(data)
    assert [c.cite for c in clauses] == ["2094/17", "2094/19", "2094/22"]


def test_book_build_warns_on_a_bad_registry_with_file_and_line(monkeypatch, caplog, tmp_path):
    """The Sphinx extension turns each registry problem into a build warning at file:line (-W makes it fatal)."""
    from embargo_kit.sphinx import citations

    problem = force.RegistryProblem(tmp_path / "resolutions.yaml", 12, "S/RES/2094 (2013), para 18 is `quoted` "
                                    "but has no `text`")
    monkeypatch.setattr(citations, "validate_registry", lambda: [problem])
    with caplog.at_level("WARNING"):
        citations.check_registry(None)
    record = next(r for r in caplog.records if "has no `text`" in r.getMessage())
    assert getattr(record, "location", None) == f"{tmp_path / 'resolutions.yaml'}:12"
