"""Checks of finance-02, "Name screening": right, partial, wrong and unusable answers through the ``check``
runtime. The reference numbers are recomputed here with plain loops over the labelled pairs and the list extract
(the matcher the notebook prescribes: fingerprints + rapidfuzz token_sort_ratio, best over name and aliases).
Each leniency the December 2026 review and a trainee found has a regression test (D21-D23, the empty name)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import fingerprints
import pytest
from rapidfuzz import fuzz

from embargo_kit import datasets
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker
from checkkit import never_shows  # noqa: E402  (tests/checks/checkkit.py)

LESSON = "finance-02"
ROOT = Path(__file__).resolve().parents[2]
SOLUTION = ROOT / "exercises" / "solutions" / "finance" / "finance-02-name-screening.ipynb"


def _wilson(k, n, z=1.96):
    p = k / n
    c, h = p + z * z / (2 * n), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (c - h) / (1 + z * z / n), min(1.0, (c + h) / (1 + z * z / n))


@pytest.fixture(scope="module")
def ref() -> dict:
    names = {r["ref"]: [r["name"], *r["aliases"]] for r in datasets.list_extract().to_dict("records")}
    pairs = datasets.screening_pairs().to_dict("records")
    norm = lambda n: fingerprints.generate(n) or ""  # noqa: E731
    scores = {p["pair_id"]: max(fuzz.token_sort_ratio(norm(p["party_name"]), norm(n)) for n in names[p["list_ref"]])
              for p in pairs}
    truth = {p["pair_id"]: bool(p["is_match"]) for p in pairs}
    split = {p["pair_id"]: p["split"] for p in pairs}

    def pr(t, part="tuning"):
        ids = [k for k in scores if part is None or split[k] == part]
        alerts = [k for k in ids if scores[k] >= t]
        tp = sum(truth[k] for k in alerts)
        return (tp / len(alerts) if alerts else 0.0), tp / sum(truth[k] for k in ids)

    ok = [t for t in range(40, 101) if pr(t)[1] >= 0.95]
    best_t = max(ok)
    test_pos = [k for k in scores if split[k] == "test" and truth[k]]
    k = sum(1 for x in test_pos if scores[x] >= best_t)
    return {
        "exact": sum(1 for p in pairs if p["is_match"] and p["party_name"] in names[p["list_ref"]]),
        "positives": sum(truth.values()), "n": len(pairs), "pr": pr, "best_t": best_t, "low_t": min(ok),
        "missed": sorted(k_ for k_, ok_ in truth.items() if ok_ and scores[k_] < best_t),
        "non_match": sorted(k_ for k_, ok_ in truth.items() if not ok_),
        "wilson": _wilson(k, len(test_pos)), "split": split, "truth": truth,
    }


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check, qid, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"


def _why(t):
    return f"Threshold {t} is the highest that keeps recall on the tuning part at or above the floor."


def _judged(ref, t=None):
    t = ref["best_t"] if t is None else t
    p, r = ref["pr"](t, "test")
    lo, hi = ref["wilson"]
    return {"threshold": t, "precision": p, "recall": r, "recall_low": lo, "recall_high": hi}


# ------------------------------------------------------------------------------------------ the data and the key
def test_the_labelled_set_supports_the_lesson(ref):
    assert ref["exact"] < ref["positives"] / 2, "exact matching should miss most real matches"
    assert ref["missed"], "the best threshold should still miss a real match (the Hangul pair)"
    assert ref["pr"](ref["low_t"])[0] < ref["pr"](ref["best_t"])[0], "a lower threshold should cost precision"


def test_the_set_is_split_and_the_test_cannot_show_the_floor(ref):
    """D22: tuning and test parts, each with real matches; the test part's interval is honest about its size."""
    parts = {s for s in ref["split"].values()}
    assert parts == {"tuning", "test"}
    for part in parts:
        assert sum(1 for k, s in ref["split"].items() if s == part and ref["truth"][k]) >= 20
    lo, hi = ref["wilson"]
    assert lo < 0.95 <= hi, "the lesson teaches that this test part is too small to show a recall of 0.95"


def test_no_labelled_pair_decides_an_alert_in_advance():
    """The trainee's finding: an alert q7 asks about must not be a labelled pair (it was labelled a match)."""
    from embargo_kit.checks import finance_02 as mod

    alerts = datasets.screening_alerts().set_index("alert_id")
    assert set(mod.DECISIONS) == set(alerts.index)
    pairs = datasets.screening_pairs()
    labelled = set(zip(pairs["party_name"], pairs["party_details"], pairs["list_ref"]))
    for a, row in alerts.iterrows():
        assert (row["party_name"], row["party_details"], row["list_ref"]) not in labelled
    released = next(a for a, d in mod.DECISIONS.items() if d == "release")
    held = next(a for a, d in mod.DECISIONS.items() if d == "hold")
    entry = datasets.list_extract().set_index("ref").loc[alerts.loc[held, "list_ref"]]
    assert "DPRK" in entry["other_information"] and "DPRK" in alerts.loc[held, "party_details"]
    assert "Republic of Korea" in alerts.loc[released, "party_details"]
    assert "freeze" not in mod.DECISIONS.values(), "D23: nothing here confirms a match; an unresolved one is held"


def test_the_quiz_holds_an_unresolved_match():
    """D23: the quiz's right option freezes only a confirmed match and holds one that cannot be told apart."""
    import yaml

    items = yaml.safe_load((ROOT / "src" / "embargo_kit" / "data" / "quizbank" / "finance-02.yaml").read_text("utf-8"))
    items = items["items"] if isinstance(items, dict) else items
    q4 = next(i for i in items if i["id"] == "finance-02.q4")
    right = next(o["text"] for o in q4["options"] if o.get("correct"))
    assert "hold" in right and "cannot be told apart" in right
    assert "freeze and report only if they agree or cannot be told apart" not in right


def test_the_lesson_and_notebook_describe_the_libraries_as_they_behave():
    """D21: fingerprints does not make ASSOC. meet Associated; rigour leaves Corporation in place."""
    from rigour.names import remove_org_types

    assert fingerprints.generate("Green Pine Associated Corporation") != fingerprints.generate("GREEN PINE ASSOC. CORP.")
    assert "Corporation" in remove_org_types("Green Pine Associated Corporation")
    assert "Ltd" not in remove_org_types("Ocean Maritime Management Co., Ltd.")
    lesson = (ROOT / "book" / "finance" / "finance-02-screening-names.md").read_text("utf-8")
    assert '"GREEN PINE ASSOC. CORP." meet)' not in lesson and "`rigour` for names of people" not in lesson
    text = "\n".join("".join(c["source"]) for c in json.loads(SOLUTION.read_text("utf-8"))["cells"])
    assert "*Co., Ltd* and *Corporation* disappear" not in text


def test_every_question_is_declared():
    from embargo_kit import checks

    assert list(checks.questions(checks.load(LESSON))) == ["q1", "q2", "q3", "q4", "q5", "q6", "q7"]


def _pr(alerts, truth):
    a, t = list(map(bool, alerts)), list(map(bool, truth))
    tp = sum(x and y for x, y in zip(a, t))
    return (tp / sum(a) if sum(a) else 0.0), (tp / sum(t) if sum(t) else 0.0)


# ------------------------------------------------------------------------------------------ right answers
def test_right_answers_pass(check, ref):
    p, r = ref["pr"](ref["best_t"])
    assert run(check, "q1", ref["exact"])[0].state == PASS
    assert run(check, "q2", lambda n: fingerprints.generate(n) or "")[0].state == PASS
    assert run(check, "q3", _pr)[0].state == PASS
    ok = {"threshold": ref["best_t"], "precision": p, "recall": r, "why": _why(ref["best_t"])}
    assert run(check, "q4", ok)[0].state == PASS
    assert run(check, "q5", _judged(ref))[0].state == PASS
    assert run(check, "q6", ref["missed"])[0].state == PASS
    assert run(check, "q7", {"AL-0001": "Release", "AL-0002": "hold"})[0].state == PASS


# ------------------------------------------------------------------------------------------ regressions
def test_q2_a_normaliser_that_gives_none_for_an_empty_name_does_not_pass(check):
    """It returned text for every test name, None for "": it used to pass although the question asks for ""."""
    r, text = run(check, "q2", lambda n: fingerprints.generate(n))
    assert r.state == NOT_YET and '""' in r.message
    assert "or ''" not in text  # the hint teaches the next step; it does not hand over the fix
    r, _ = run(check, "q2", lambda n: fingerprints.generate(n) or "?")
    assert r.state == NOT_YET


def test_q2_a_weak_normaliser_is_named_by_what_it_misses(check):
    r, _ = run(check, "q2", lambda n: n.lower())
    assert r.state == NOT_YET and "capitals and hyphens" in r.message and "Hangul" in r.message
    r, _ = run(check, "q2", lambda n: "x")
    assert r.state == NOT_YET and "removes too much" in r.message
    r, _ = run(check, "q2", lambda n: None)
    assert r.state == CANT_CHECK


def test_q3_the_no_alert_case_is_tried(check):
    def divides_by_zero(a, t):
        a, t = list(map(bool, a)), list(map(bool, t))
        tp = sum(x and y for x, y in zip(a, t))
        return tp / sum(a), tp / sum(t)

    r, _ = run(check, "q3", divides_by_zero)
    assert r.state == NOT_YET and "zero" in r.message

    def nan_when_nothing(a, t):
        p, rec = _pr(a, t)
        return (float("nan") if not any(map(bool, a)) else p), rec

    assert run(check, "q3", nan_when_nothing)[0].state == NOT_YET


def test_q3_swapped_and_wrong(check):
    r, _ = run(check, "q3", lambda a, t: _pr(a, t)[::-1])
    assert r.state == NOT_YET and "recall first" in r.message
    r, _ = run(check, "q3", lambda a, t: (sum(map(bool, a)) / len(list(a)), 0.5))
    assert r.state == NOT_YET and "wrong on" in r.message
    r, _ = run(check, "q3", lambda a: 1)
    assert r.state == CANT_CHECK


def test_q4_policy_is_enforced_on_the_tuning_part(check, ref):
    t = ref["best_t"]
    p, r = ref["pr"](100)
    res, _ = run(check, "q4", {"threshold": 100, "precision": p, "recall": r, "why": _why(100)})
    assert res.state == NOT_YET and "below the bank's floor" in res.message
    p, r = ref["pr"](ref["low_t"])
    res, text = run(check, "q4", {"threshold": ref["low_t"], "precision": p, "recall": r, "why": _why(ref["low_t"])})
    assert res.state == NOT_YET and "higher threshold" in res.message
    never_shows(text, [t])
    # D22: numbers measured on the whole set or on the test part are not the tuning part's
    for part in (None, "test"):
        p, r = ref["pr"](t, part)
        if (p, r) != ref["pr"](t):
            res, _ = run(check, "q4", {"threshold": t, "precision": p, "recall": r, "why": _why(t)})
            assert res.state == NOT_YET and "another part" in res.message
    res, _ = run(check, "q4", {"threshold": t, "precision": 0.5, "recall": 0.5, "why": _why(t)})
    assert res.state == NOT_YET and "different precision or recall" in res.message
    res, _ = run(check, "q4", {"threshold": t, "precision": 85, "recall": 97, "why": _why(t)})
    assert res.state == NOT_YET and "fractions" in res.message
    res, _ = run(check, "q4", {"threshold": t})
    assert res.state == CANT_CHECK


@pytest.mark.parametrize("why,expect", [
    ("", "empty"), ("Policy threshold.", "shorter"),
    ("We chose it because recall meets the floor of the bank policy.", "which part"),
    (None, "empty"),
])
def test_q4_the_written_reason_is_checked_for_substance(check, ref, why, expect):
    p, r = ref["pr"](ref["best_t"])
    res, _ = run(check, "q4", {"threshold": ref["best_t"], "precision": p, "recall": r, "why": why})
    assert res.state == NOT_YET and expect in res.message


def test_q5_judges_on_the_test_part_with_the_interval(check, ref):
    good = _judged(ref)
    tune_p, tune_r = ref["pr"](ref["best_t"])
    res, _ = run(check, "q5", dict(good, precision=tune_p, recall=tune_r))
    if (tune_p, tune_r) != (good["precision"], good["recall"]):
        assert res.state == NOT_YET and "tuning part" in res.message
    res, _ = run(check, "q5", dict(good, recall_low=good["recall"], recall_high=good["recall"]))
    assert res.state == NOT_YET and "Wilson" in res.message  # a point is not an interval
    res, _ = run(check, "q5", dict(good, threshold=ref["low_t"]))
    assert res.state == NOT_YET
    res, _ = run(check, "q5", {"threshold": ref["best_t"], "recall": 1.0})
    assert res.state == CANT_CHECK
    res, _ = run(check, "q5", good)
    assert res.state == PASS and "too small" in res.message


def test_q6_partial(check, ref):
    r, text = run(check, "q6", ref["non_match"][:1])
    assert r.state == NOT_YET and f"0 of {len(ref['missed'])}" in r.message and "not real matches" in r.message
    never_shows(text, ref["missed"])


def test_q7_freezing_an_unresolved_match_is_not_accepted(check):
    r, _ = run(check, "q7", {"AL-0001": "release", "AL-0002": "freeze"})
    assert r.state == NOT_YET and "1 of 2" in r.message and "confirmed" in r.hint
    r, _ = run(check, "q7", {"AL-0001": "ignore", "AL-0002": "hold"})
    assert r.state == CANT_CHECK
    r, _ = run(check, "q7", {"AL-0001": "release"})
    assert r.state == NOT_YET and "no decision" in r.message


@pytest.mark.parametrize("qid,answer", [("q1", ...), ("q1", "3"), ("q2", "normalise"), ("q3", 0.5),
                                        ("q4", ...), ("q5", ...), ("q6", "SP-0001"), ("q7", ["release"])])
def test_unusable_answers_cant_be_checked(check, qid, answer):
    assert run(check, qid, answer)[0].state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK)


def test_leak_probes_name_the_discrete_answers(ref):
    from embargo_kit.checks import finance_02 as mod

    probes = mod.leak_probes()
    assert probes["q6"] == ref["missed"]
    assert f"'threshold': {ref['best_t']}" in probes["q4"]
