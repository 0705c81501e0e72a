"""The capstone's keys agree with the law and with the lessons.

- The hashed keys in ``checks/capstone_0N.py`` are exactly the clear-text key (``answer_key.py``).
- Every rule a right option applies is an obligation in the registry's ``force`` (S/RES/2270 para 18 inspect,
  2094/17 deny entry except for inspection, 2397 impound in port, 1718/8(d) freeze, ...), and the right option
  does what the obligation requires; no umpire sentence states such a duty with permissive wording.
- A trainee who cites what the lesson page cites for that role's decision is never marked wrong.
- Every accepted citation is on the closed list and citable in the registry.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml

from embargo_kit import checks
from embargo_kit import datasets as d
from embargo_kit.capstone.story import CITATIONS
from embargo_kit.exercises.checking import hashed

sys.path.insert(0, str(Path(__file__).resolve().parent))
from answer_key import DECISIONS  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = yaml.safe_load((ROOT / "src" / "embargo_kit" / "data" / "registry" / "resolutions.yaml")
                          .read_text(encoding="utf-8"))
BY_NUMBER = {int(r["number"]): r for r in REGISTRY["resolutions"]}

#: Used only where the registry does not yet hold ``force`` for a paragraph (the registry's force wins as soon as
#: it is there). From /work/shared/reference/facts/resolution-texts.md (the Council's words, quoted there) and, for
#: 2397, the UN summary quoted in the December review (A1).
FALLBACK = {
    "1718/8(b)": [("obligation", ["procure", "procurement"])],
    "1718/8(d)": [("obligation", ["freeze", "frozen"])],
    "1874/9": [("obligation", ["procure", "financial transactions", "seize"])],
    "1874": [("obligation", ["seize", "seizure", "dispose", "disposal", "report", "inventory"])],
    "2094/11": [("obligation", ["financial services", "prevent", "block", "report"])],
    "2094/17": [("obligation", ["deny entry", "denied entry", "refuse entry"])],
    "2270/12": [("obligation", ["freeze", "frozen"])],
    "2270/18": [("obligation", ["inspect", "inspection", "examine", "examination"])],
    "2270": [("obligation", ["port calls", "inspect", "inspection"])],
    "2397": [("obligation", ["seize", "impound", "impounded", "held", "hold", "detain"]),
             ("permission", ["territorial waters"])],
}
PERMISSIVE = re.compile(r"\b(may|lets|let|can|allowed to|at its discretion|consider|optional)\b", re.IGNORECASE)


def _clauses(cite: str) -> list[tuple[str, list[str]]]:
    number, _, para = cite.partition("/")
    res = BY_NUMBER[int(number)]
    if para:
        found = res["paragraphs"].get(para, {}).get("force") or []
    else:
        found = list(res.get("force") or []) + [c for p in res["paragraphs"].values() for c in (p.get("force") or [])]
    if found:
        return [(c["force"], [a.lower() for a in (c.get("act") or [])]) for c in found]
    return FALLBACK.get(cite, [])


def _accepted(spec: dict, fld: str = "cite") -> set[str]:
    f = spec.get(fld, {})
    return set(f.get("required", [])) | set(f.get("optional", [])) | {c for g in f.get("any_of", []) for c in g}


# ------------------------------------------------------------------------------------------ keys = clear text
@pytest.mark.parametrize("key", list(DECISIONS), ids=lambda k: f"{k[0]}-{k[1]}")
def test_the_hashed_key_is_the_clear_text_key(key):
    lesson, qid = key
    spec, k = DECISIONS[key], checks.load(lesson).KEYS[qid]
    if "option" in spec:
        assert k.option == hashed(lesson, f"{qid}.option", spec["option"])
        assert k.partial == {hashed(lesson, f"{qid}.option", o): p for o, p in spec.get("partial", {}).items()}
    for fld in ("indicators", "cite", "notify", "contents"):
        f = spec.get(fld, {})
        assert k.required.get(fld, frozenset()) == {hashed(lesson, f"{qid}.{fld}", c) for c in f.get("required", [])}
        assert k.optional.get(fld, frozenset()) == {hashed(lesson, f"{qid}.{fld}", c) for c in f.get("optional", [])}
        assert [set(g) for g in k.any_of.get(fld, ())] == \
            [{hashed(lesson, f"{qid}.{fld}", c) for c in g} for g in f.get("any_of", [])]
    assert k.consequences == spec.get("consequences", {}) and k.passed == spec["passed"]


@pytest.mark.parametrize("lesson", ["capstone-01", "capstone-02", "capstone-03"])
def test_the_check_modules_are_what_the_generator_writes_and_hold_only_data(lesson):
    """Regenerate with ``tests/capstone/write_keys.py``; the logic lives in capstone.decisions, not here."""
    import ast

    from write_keys import render

    path = ROOT / "src" / "embargo_kit" / "checks" / f"capstone_{lesson[-2:]}.py"
    text = path.read_text(encoding="utf-8")
    assert text == render(lesson), f"{path.name} is not what write_keys.py writes: run it"
    functions = [getattr(n, "name", "<lambda>") for n in ast.walk(ast.parse(text))
                 if isinstance(n, (ast.FunctionDef, ast.Lambda))]
    assert functions == ["leak_probes"]


# ------------------------------------------------------------------------------------------ keys = the law
@pytest.mark.parametrize("key", [k for k, s in DECISIONS.items() if s.get("duties")], ids=lambda k: f"{k[0]}-{k[1]}")
def test_the_right_option_does_what_the_obligation_requires(key):
    spec = DECISIONS[key]
    options = d.capstone_options(*key)
    right = options[spec["option"]].lower()
    for cite, word in spec["duties"]:
        assert cite in _accepted(spec), f"{key}: the duty's citation {cite} is not accepted"
        clauses = _clauses(cite)
        obligations = [acts for force, acts in clauses if force.startswith("obligation")]
        assert obligations, f"{cite}: no obligation in the registry's force; the key treats it as a duty"
        assert any(word in a or a in right for acts in obligations for a in acts), \
            f"{cite}: '{word}' is not among the acts of its obligation clauses {obligations}"
        assert word in right, f"{key}: the right option does not {word}: {right!r}"


def test_the_entry_rule_keeps_its_inspection_exception_and_the_impounding_rule_its_scope():
    """A2 and A1 of the December review, against the registry (or the quoted text until the registry has force)."""
    number, para = 2094, "17"
    clause = (BY_NUMBER[number]["paragraphs"][para].get("force") or [{}])[0]
    if clause:
        assert clause["force"] == "obligation" and "inspection" in str(clause.get("exceptions", "")).lower()
    entry = d.capstone_options("capstone-01", "port")
    assert "for inspection" in entry[DECISIONS[("capstone-01", "port")]["option"]].lower()
    impound = [f for f, _ in _clauses("2397")]
    assert "obligation" in impound and "permission" in impound, "2397: ports oblige, territorial waters permit"


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+", text) if s]


def test_no_umpire_sentence_states_a_duty_as_a_permission():
    for lesson in ("capstone-01", "capstone-02", "capstone-03"):
        for qid, k in checks.load(lesson).KEYS.items():
            texts = list(k.consequences.values()) + list(k.hints.values()) + [k.passed] + list(k.wrong_why.values())
            for text in texts:
                for sentence in _sentences(text):
                    for cite in re.findall(r"\b(\d{4}(?:/\d+(?:\([a-z]\))?)?)\b", sentence):
                        if cite not in CITATIONS:
                            continue
                        acts = [a for force, a_s in _clauses(cite) if force.startswith("obligation") for a in a_s]
                        if any(a in sentence.lower() for a in acts):
                            assert not PERMISSIVE.search(sentence), f"{lesson} {qid}: {sentence!r}"


def test_every_accepted_citation_is_on_the_closed_list_and_citable():
    for key, spec in DECISIONS.items():
        for cite in _accepted(spec):
            assert cite in CITATIONS, f"{key}: {cite} is not on the closed list"
            number, _, para = cite.partition("/")
            if para:
                status = BY_NUMBER[int(number)]["paragraphs"][para]["status"]
                assert status in ("quoted", "confirmed"), f"{cite} is '{status}': cite the resolution alone"


# ------------------------------------------------------------------------------------------ keys = the lessons
ROLE_SECTIONS = {"Port officer": "port", "Customs officer": "customs", "Bank analyst": "finance",
                 "National focal point": "focal_point"}
PAGES = {"capstone-01": "capstone-01-two-days-out.md", "capstone-02": "capstone-02-alongside.md",
         "capstone-03": "capstone-03-the-state-reports.md"}


@pytest.mark.parametrize("lesson", list(PAGES))
def test_a_trainee_citing_what_the_lesson_cites_is_never_marked_wrong(lesson):
    text = (ROOT / "book" / "capstone" / PAGES[lesson]).read_text(encoding="utf-8")
    checked = 0
    for para in re.split(r"\n\s*\n", text):
        m = re.match(r"\*\*(Port officer|Customs officer|Bank analyst|National focal point)[^*]*\*\*", para.strip())
        if not m:
            continue
        key = (lesson, ROLE_SECTIONS[m.group(1)])
        if key not in DECISIONS:
            continue
        for cite in re.findall(r"\{res\}`([^`]+)`", para):
            assert cite in _accepted(DECISIONS[key]), f"{lesson}: the {m.group(1)} section cites {cite}, the key rejects it"
            checked += 1
    assert checked >= 1


#: (role lesson, a phrase in it, the citation it teaches there, the capstone decisions that must accept it)
ROLE_LESSONS = [
    ("customs/customs-05-inspect-seize-report.md", "seized and disposed of", "1874", [("capstone-02", "customs")]),
    ("customs/customs-05-inspect-seize-report.md", "inspection of DPRK-linked cargo is mandatory", "2270/18",
     [("capstone-01", "customs")]),
    ("port/port-05-pre-arrival-screening.md", "inspect, then seize and impound", "2397",
     [("capstone-01", "port"), ("capstone-02", "port")]),
    ("port/port-05-pre-arrival-screening.md", "the ship refused an inspection authorised by its flag state", "2094/17",
     [("capstone-01", "port")]),
    ("finance/finance-05-from-alert-to-report.md", "Freeze now, report to FIU-L today", "1718/8(d)",
     [("capstone-02", "finance"), ("capstone-03", "finance")]),
    ("finance/finance-03-front-companies.md", "acting for", "1718/8(d)", [("capstone-02", "finance")]),
]


@pytest.mark.parametrize("page,phrase,cite,keys", ROLE_LESSONS, ids=[f"{r[0]}:{r[2]}" for r in ROLE_LESSONS])
def test_the_role_lessons_citations_are_accepted_where_the_capstone_asks_the_same_question(page, phrase, cite, keys):
    text = (ROOT / "book" / page).read_text(encoding="utf-8")
    at = text.find(phrase)
    assert at >= 0, f"{page} no longer says {phrase!r}; update this test with the lesson"
    assert f"{{res}}`{cite}`" in text[at: at + 700], f"{page}: {cite} is no longer cited after {phrase!r}"
    for key in keys:
        assert cite in _accepted(DECISIONS[key]), f"{key} rejects {cite}, which {page} teaches for the same step"
