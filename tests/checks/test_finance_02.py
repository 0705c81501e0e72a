"""Checks of finance-02, "Name screening": right, partial, wrong and unusable answers through the ``check``
runtime. The reference numbers are recomputed here with plain loops over the labelled pairs and the list extract
(the matcher the notebook prescribes: fingerprints + rapidfuzz token_sort_ratio, best over name and aliases)."""

from __future__ import annotations

import fingerprints
import pytest
from rapidfuzz import fuzz

from embargo_kit import datasets
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker

LESSON = "finance-02"


@pytest.fixture(scope="module")
def ref() -> dict:
    names = {r["ref"]: [r["name"], *r["aliases"]] for r in datasets.list_extract().to_dict("records")}
    pairs = datasets.screening_pairs().to_dict("records")
    norm = lambda n: fingerprints.generate(n) or ""  # noqa: E731
    scores = {p["pair_id"]: max(fuzz.token_sort_ratio(norm(p["party_name"]), norm(n)) for n in names[p["list_ref"]])
              for p in pairs}
    truth = {p["pair_id"]: bool(p["is_match"]) for p in pairs}
    positives = sum(truth.values())

    def pr(t):
        alerts = [k for k, s in scores.items() if s >= t]
        tp = sum(truth[k] for k in alerts)
        return (tp / len(alerts) if alerts else 0.0), tp / positives

    ok = [(pr(t)[0], t) for t in range(40, 101) if pr(t)[1] >= 0.95]
    best_p, best_t = max(ok)
    low = min(t for p, t in ok)
    return {
        "exact": sum(1 for p in pairs if p["is_match"] and p["party_name"] in names[p["list_ref"]]),
        "positives": positives, "n": len(pairs), "pr": pr, "best_t": best_t, "best_p": best_p, "low_t": low,
        "missed": sorted(k for k, ok_ in truth.items() if ok_ and scores[k] < best_t),
        "non_match": sorted(k for k, ok_ in truth.items() if not ok_),
    }


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check, qid, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"


def test_the_labelled_set_supports_the_lesson(ref):
    assert ref["exact"] < ref["positives"] / 2, "exact matching should miss most real matches"
    assert ref["missed"], "the best threshold should still miss a real match (the Hangul pair)"
    assert ref["pr"](ref["low_t"])[0] < ref["best_p"], "a lower threshold should cost precision"


def test_every_question_is_declared():
    from embargo_kit import checks

    assert list(checks.questions(checks.load(LESSON))) == ["q1", "q2", "q3", "q4", "q5", "q6"]


def _pr(alerts, truth):
    a, t = list(map(bool, alerts)), list(map(bool, truth))
    tp = sum(x and y for x, y in zip(a, t))
    return tp / sum(a), tp / sum(t)


def test_right_answers_pass(check, ref):
    p, r = ref["pr"](ref["best_t"])
    assert run(check, "q1", ref["exact"])[0].state == PASS
    assert run(check, "q2", lambda n: fingerprints.generate(n) or "")[0].state == PASS
    assert run(check, "q3", _pr)[0].state == PASS
    assert run(check, "q4", {"threshold": ref["best_t"], "precision": p, "recall": r, "why": "policy"})[0].state == PASS
    assert run(check, "q5", ref["missed"])[0].state == PASS
    assert run(check, "q6", {"SP-0076": "Release", "SP-0040": "hold"})[0].state == PASS


def test_q1_all_matches_is_told_apart(check, ref):
    r, _ = run(check, "q1", ref["positives"])
    assert r.state == NOT_YET and "all real matches" in r.message


def test_q2_a_weak_normaliser_is_named_by_what_it_misses(check):
    r, _ = run(check, "q2", lambda n: n.lower())
    assert r.state == NOT_YET and "capitals and hyphens" in r.message and "Hangul" in r.message
    r, _ = run(check, "q2", lambda n: "x")
    assert r.state == NOT_YET and "removes too much" in r.message
    r, _ = run(check, "q2", lambda n: None)
    assert r.state == CANT_CHECK


def test_q3_swapped_and_wrong(check):
    r, _ = run(check, "q3", lambda a, t: _pr(a, t)[::-1])
    assert r.state == NOT_YET and "recall first" in r.message
    r, _ = run(check, "q3", lambda a, t: (sum(map(bool, a)) / len(list(a)), 0.5))
    assert r.state == NOT_YET and "wrong on" in r.message
    r, _ = run(check, "q3", lambda a: 1)
    assert r.state == CANT_CHECK


def test_q4_policy_is_enforced(check, ref):
    p, r = ref["pr"](100)
    res, text = run(check, "q4", {"threshold": 100, "precision": p, "recall": r})
    assert res.state == NOT_YET and "below the bank's floor" in res.message
    p, r = ref["pr"](ref["low_t"])
    res, text = run(check, "q4", {"threshold": ref["low_t"], "precision": p, "recall": r})
    assert res.state == NOT_YET and "fewer false alarms" in res.message
    assert str(ref["best_t"]) not in text
    res, _ = run(check, "q4", {"threshold": ref["best_t"], "precision": 0.5, "recall": 0.5})
    assert res.state == NOT_YET and "different precision or recall" in res.message
    res, _ = run(check, "q4", {"threshold": ref["best_t"], "precision": 85, "recall": 97})
    assert res.state == NOT_YET and "fractions" in res.message
    res, _ = run(check, "q4", {"threshold": ref["best_t"]})
    assert res.state == CANT_CHECK


def test_q5_partial(check, ref):
    r, text = run(check, "q5", ref["non_match"][:1])
    assert r.state == NOT_YET and f"0 of {len(ref['missed'])}" in r.message and "not real matches" in r.message
    for m in ref["missed"]:
        assert m not in text


def test_q6_one_of_two(check):
    r, _ = run(check, "q6", {"SP-0076": "freeze", "SP-0040": "hold"})
    assert r.state == NOT_YET and "1 of 2" in r.message
    r, _ = run(check, "q6", {"SP-0076": "ignore", "SP-0040": "hold"})
    assert r.state == CANT_CHECK
    r, _ = run(check, "q6", {"SP-0076": "release"})
    assert r.state == CANT_CHECK


@pytest.mark.parametrize("qid,answer", [("q1", ...), ("q1", "3"), ("q2", "normalise"), ("q3", 0.5),
                                        ("q4", ...), ("q5", "SP-0001"), ("q6", ["release"])])
def test_unusable_answers_cant_be_checked(check, qid, answer):
    assert run(check, qid, answer)[0].state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK)


def test_leak_probes_name_the_discrete_answers(ref):
    from embargo_kit.checks import finance_02 as mod

    probes = mod.leak_probes()
    assert probes["q5"] == ref["missed"]
    assert f"'threshold': {ref['best_t']}" in probes["q4"]


def test_the_two_alerts_of_q6_fit_their_expected_decisions():
    """q6 expects 'release' for a namesake and 'hold' for a possible match: the labelled data must say so."""
    from embargo_kit.checks import finance_02 as mod

    pairs = datasets.screening_pairs().set_index("pair_id")
    released, held = (p for p, d in sorted(mod.DECISIONS.items(), key=lambda kv: kv[1] != "release"))
    assert mod.DECISIONS[released] == "release" and mod.DECISIONS[held] == "hold"
    assert not pairs.loc[released, "is_match"] and pairs.loc[held, "is_match"]
    assert pairs.loc[released, "list_ref"] == pairs.loc[held, "list_ref"]
    assert "DPRK" not in str(pairs.loc[released, "party_details"]) and "DPRK" in str(pairs.loc[held, "party_details"])
