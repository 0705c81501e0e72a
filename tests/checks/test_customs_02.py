"""Checks of customs-02, "Manifest screening": what a learner sees for right, partial, wrong and unusable answers,
through the same ``check`` runtime the notebook uses. The expected sets are cross-checked against the world
generator's own ground truth (``datasets.planted("manifest_flags")``, salted hashes), which is independent of the
check module's screening code."""

from __future__ import annotations


import pandas as pd
import pytest

from embargo_kit import datasets
from embargo_kit.checks import customs_02 as mod
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS, hashed
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker
from checkkit import never_shows  # noqa: E402  (tests/checks/checkkit.py)

LESSON = "customs-02"


@pytest.fixture(scope="module")
def planted() -> dict[str, set[str]]:
    hashes = set(datasets.planted("manifest_flags")["hashes"])
    bls = datasets.manifests()["bl_number"].unique()
    kinds = ["hs_concern", "listed_party", "description_mismatch"]
    return {k: {b for b in bls if hashed("world", "manifest_flags", f"{b}:{k}") in hashes} for k in kinds}


@pytest.fixture(scope="module")
def expected() -> dict[str, list[str]]:
    return {"q1": sorted(mod.concern_bls()), "q2": sorted(mod.listed_bls()), "q3": sorted(mod.mismatch_bls()),
            "q4": sorted(mod.hold_bls())}


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check: Checker, qid: str, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"




# ------------------------------------------------------------------------------------ the data
def test_the_screens_find_what_the_generator_planted(planted, expected):
    assert set(expected["q2"]) == planted["listed_party"], "name screening should find every planted listed party"
    assert set(expected["q3"]) == planted["description_mismatch"]
    # every planted code of concern is found; the only extra is a mismatch line declared under an arms code
    assert planted["hs_concern"] <= set(expected["q1"])
    assert set(expected["q1"]) - planted["hs_concern"] <= planted["description_mismatch"]
    assert len(expected["q4"]) > max(len(expected[q]) for q in ("q1", "q2", "q3"))


def test_name_screening_needs_fuzzy_matching_for_one_alias():
    """One planted party is an abbreviation ('Mgmt'): an exact fingerprint match alone must miss it."""
    import fingerprints

    exact = set(mod.list_fingerprints())
    parties = mod.listed_parties()
    assert any(fingerprints.generate(p) not in exact for p in parties)


def test_every_question_is_declared():
    from embargo_kit import checks

    assert list(checks.questions(checks.load(LESSON))) == ["q1", "q2", "q3", "q4"]


# ------------------------------------------------------------------------------------ right answers
@pytest.mark.parametrize("qid", ["q1", "q2", "q3", "q4"])
def test_right_answers_pass_in_any_collection(check, expected, qid):
    for answer in (expected[qid], set(expected[qid]), pd.Series(expected[qid]), [f" {b} " for b in expected[qid]]):
        r, _ = run(check, qid, answer)
        assert r.state == PASS, r.line()


# ------------------------------------------------------------------------------------ partial and wrong
def test_partial_answer_is_counted_without_naming_the_missing(check, expected):
    q1 = expected["q1"]
    other = sorted(set(datasets.manifests()["bl_number"]) - set(expected["q4"]))[:2]
    r, text = run(check, "q1", q1[:4] + other + ["BL-NOPE-00000"])
    assert r.state == NOT_YET
    assert f"You found 4 of the {len(q1)} bills of lading" in r.message
    assert "2 bills of lading in your answer do not belong" in r.message
    assert "1 item is not in the data" in r.message
    never_shows(text, q1[4:])


def test_q1_every_code_of_concern_is_told_apart(check, expected):
    m = datasets.manifests()
    everything = m.loc[m["hs_code"].str.startswith(tuple(datasets.hs_of_concern()["hs"])), "bl_number"].unique()
    r, text = run(check, "q1", list(everything))
    assert r.state == NOT_YET and "luxury goods and banned DPRK exports" in r.message
    never_shows(text, expected["q1"])


def test_q2_exact_matching_only_misses_a_variant(check, expected):
    import fingerprints

    exact = set(mod.list_fingerprints())
    m = datasets.manifests()
    hit = m[m[["shipper", "consignee", "notify_party"]].map(lambda p: fingerprints.generate(p) in exact).any(axis=1)]
    r, text = run(check, "q2", list(hit["bl_number"].unique()))
    assert r.state == NOT_YET and f"of the {len(expected['q2'])} bills of lading" in r.message
    assert "abbreviation" in r.hint
    never_shows(text, expected["q2"])


def test_q3_all_codes_of_concern_is_not_a_mismatch_list(check, expected):
    r, text = run(check, "q3", expected["q1"])
    assert r.state == NOT_YET and "not only those whose description contradicts" in r.message
    never_shows(text, expected["q3"])


def test_q4_a_missing_part_is_named_by_kind(check, expected):
    r, text = run(check, "q4", sorted(set(expected["q1"]) | set(expected["q3"])))
    assert r.state == NOT_YET and "listed parties" in r.message and "q1 | q2 | q3" in r.hint
    never_shows(text, expected["q2"])


# ------------------------------------------------------------------------------------ unusable answers
@pytest.mark.parametrize("answer", [..., None, "BL-DAL-26944", [1, 2], pd.DataFrame({"bl_number": ["x"]}), 7, [...]])
@pytest.mark.parametrize("qid", ["q1", "q4"])
def test_unusable_answers_cannot_be_checked(check, expected, qid, answer):
    r, text = run(check, qid, answer)
    assert r.state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK), r.line()
    assert "Traceback" not in text
    never_shows(text, expected[qid])


def test_an_empty_list_is_not_a_pass(check):
    r, _ = run(check, "q3", [])
    assert r.state == NOT_YET and "You found 0 of the" in r.message


# ------------------------------------------------------------------------------------ leak probes
def test_leak_probes_hold_every_answer(expected):
    probes = mod.leak_probes()
    assert set(probes) == {"q1", "q2", "q3", "q4"}
    for qid, values in expected.items():
        assert repr(values) in probes[qid] and ", ".join(values) in probes[qid]


def test_the_learner_notebook_does_not_contain_the_answers(expected):
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "exercises" / "customs" / "customs-02-manifest-screening.ipynb"
    if not path.exists():
        pytest.skip("learner notebook not generated yet (embargo-kit exercises build)")
    text = path.read_text(encoding="utf-8")
    for qid, values in expected.items():
        assert ", ".join(values) not in text and repr(values) not in text, qid


# ------------------------------------------------------------------------------------ fixed leniencies (issue 21)
@pytest.mark.parametrize("description,fits", [("mineral water, 500 ml", False), ("gunny bags", False),
                                              ("anti-tank mines", True), ("naval mine", True),
                                              ("shipment of tankers' spares", False)])
def test_q3_words_match_whole_words_only(description, fits):
    """D12: "mine" used to match "mineral", "gun" "gunny", "tank" "tankers"."""
    assert mod.description_fits("930690" if "tank" not in description else "871000", description) is fits


@pytest.mark.parametrize("name,match", [("General Corp", False), ("Ocean Company Limited", False),
                                        ("Korea Trading Corporation", False), ("Ocean Maritime Mgmt Co Ltd", True),
                                        ("Green Pine Associated Corp.", True)])
def test_q2_a_subset_of_common_words_is_not_a_listed_party(name, match):
    """D11: token_set_ratio alone scores 100 for these three against KPe.002, KPe.020 and KPe.001."""
    import fingerprints
    from rapidfuzz import fuzz, process

    fp = fingerprints.generate(name)
    best = process.extractOne(fp, list(mod.list_fingerprints()), scorer=fuzz.token_set_ratio)
    assert best[1] >= mod.MATCH_THRESHOLD  # the subset score alone would hold them all
    assert mod.shares_distinctive_words(fp, best[0]) is match


def test_q3_flags_a_clerical_slip_and_no_concealment():
    """D9: concealment is planted as a harmless code and description, so q3 finds only the clerical slip."""
    hashes = set(datasets.planted("manifest_flags")["hashes"])
    slip = {b for b in mod.mismatch_bls() if hashed("world", "manifest_flags", f"{b}:description_mismatch") in hashes}
    hidden = {b for b in mod.mismatch_bls() if hashed("world", "manifest_flags", f"{b}:concealment") in hashes}
    assert slip == mod.mismatch_bls() and not hidden
