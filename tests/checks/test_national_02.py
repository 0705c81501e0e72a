"""Checks of national-02, "Sector risk assessment": right, partial, wrong and unusable answers through the
``check`` runtime, and the properties of Lumeria's risk data the exercise relies on. Expected values are
worked out here from the raw YAML with plain Python, independently of the check module."""
from __future__ import annotations

import re
from importlib import resources

import pandas as pd
import pytest
import yaml

from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS
from embargo_kit.exercises.runtime import Checker

LESSON = "national-02"
FACTORS = ("threat", "vulnerability", "consequence")


def _yaml(name: str):
    path = resources.files("embargo_kit") / "data" / "national" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _word(v) -> str:
    return {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else str(v)


@pytest.fixture(scope="module")
def expected() -> dict:
    doc = _yaml("risk_lumeria.yaml")
    scores, raw, indicators = {}, {}, {}
    for s in doc["sectors"]:
        sums = {f: sum(i["points"] for i in s["indicators"] if i["factor"] == f) for f in FACTORS}
        raw[s["id"]] = {f: 1 + v for f, v in sums.items()}
        scores[s["id"]] = {f: min(5, max(1, 1 + v)) for f, v in sums.items()}
        for i in s["indicators"]:
            indicators[i["code"]] = {**i, "sector": s["id"]}
    risk = {k: (v["threat"] + v["vulnerability"]) / 2 * v["consequence"] for k, v in scores.items()}
    ranking = sorted(risk, key=lambda k: -risk[k])
    answers = {a["id"]: _word(a["answer"]) for a in _yaml("selfassessment_lumeria.yaml")["answers"]}
    items = {i for s in doc["sectors"] if s["id"] in ranking[:2] for i in s["checklist"]}
    return {"doc": doc, "scores": scores, "raw": raw, "risk": risk, "ranking": ranking, "indicators": indicators,
            "act_first": sorted(i for i in items if answers[i] in ("no", "unknown")), "answers": answers}


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check: Checker, qid: str, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"


def frame(scores: dict) -> pd.DataFrame:
    return pd.DataFrame(scores).T[list(FACTORS)]


# ------------------------------------------------------------------------------------ the data
def test_data_is_fictional_and_covers_the_seven_sectors_of_the_brief(expected):
    doc = expected["doc"]
    assert doc["fictional"] is True and doc["country"] == "lumeria"
    assert len(doc["sectors"]) == 7
    for s in doc["sectors"]:
        assert {i["factor"] for i in s["indicators"]} == set(FACTORS), s["id"]
    checklist = {i["id"] for i in _yaml("selfassessment_checklist.yaml")["items"]}
    assert all(set(s["checklist"]) <= checklist for s in doc["sectors"])
    codes = [i["code"] for s in doc["sectors"] for i in s["indicators"]]
    assert len(codes) == len(set(codes))


def test_the_exercise_has_one_clear_lead_and_traps_that_change_the_answer(expected):
    r, ranking = expected["risk"], expected["ranking"]
    assert r[ranking[0]] > r[ranking[1]] > r[ranking[2]], "the first two places must not be tied"
    assert any(v > 5 for s in expected["raw"].values() for v in s.values()), "one score must need the cap at 5"
    # forgetting the mitigating controls lifts the banks above the sector ranked third
    no_mitigation = {}
    for s in expected["doc"]["sectors"]:
        v = {f: min(5, max(1, 1 + sum(i["points"] for i in s["indicators"] if i["factor"] == f and i["points"] > 0)))
             for f in FACTORS}
        no_mitigation[s["id"]] = (v["threat"] + v["vulnerability"]) / 2 * v["consequence"]
    assert sorted(no_mitigation, key=lambda k: -no_mitigation[k]) != ranking
    assert expected["act_first"], "the riskiest sectors must have self-assessment gaps"


def test_every_question_is_declared():
    from embargo_kit import checks

    assert sorted(checks.questions(checks.load(LESSON))) == ["q1", "q2", "q3", "q4"]


# ------------------------------------------------------------------------------------ right answers
def test_right_answers_pass(check, expected):
    top = expected["ranking"][0]
    reasons = [c for c, i in expected["indicators"].items() if i["sector"] == top and i["points"] > 0]
    one_each = [next(c for c in reasons if expected["indicators"][c]["factor"] == f) for f in FACTORS]
    for qid, answer in [
        ("q1", frame(expected["scores"])),
        ("q1", frame(expected["scores"]).astype(float).sample(frac=1, random_state=1)),  # any row order
        ("q2", expected["ranking"]),
        ("q2", tuple(expected["ranking"])),
        ("q3", reasons),
        ("q3", set(one_each)),
        ("q4", expected["act_first"]),
        ("q4", set(expected["act_first"])),
    ]:
        r, _ = run(check, qid, answer)
        assert r.state == PASS, (qid, r.line())


def test_ties_may_come_in_either_order(check, expected, monkeypatch):
    from embargo_kit.checks import national_02

    tied = dict(expected["risk"])
    a, b = expected["ranking"][2], expected["ranking"][3]
    tied[b] = tied[a]
    monkeypatch.setattr(national_02, "_expected_risk", lambda: tied)
    swapped = list(expected["ranking"])
    swapped[2], swapped[3] = b, a
    assert run(check, "q2", swapped)[0].state == PASS
    assert run(check, "q2", expected["ranking"])[0].state == PASS


# ------------------------------------------------------------------------------------ wrong answers
def test_q1_uncapped_and_unmitigated_scores_get_their_hints(check, expected):
    r, text = run(check, "q1", frame(expected["raw"]))
    assert r.state == NOT_YET and "Cap the scores at 5" in r.hint
    doc = expected["doc"]
    unmitigated = {s["id"]: {f: min(5, max(1, 1 + sum(i["points"] for i in s["indicators"]
                                                       if i["factor"] == f and i["points"] > 0))) for f in FACTORS}
                   for s in doc["sectors"]}
    r, _ = run(check, "q1", frame(unmitigated))
    assert r.state == NOT_YET and "mitigating controls" in r.hint
    off_by_one = {s: {f: v - 1 if v > 1 else v for f, v in row.items()} for s, row in expected["scores"].items()}
    r, _ = run(check, "q1", frame(off_by_one))
    assert r.state == NOT_YET and r.message.endswith("sectors have all three scores right.")


def test_q2_wrong_rules_are_recognised(check, expected):
    s = expected["scores"]
    by_sum = sorted(s, key=lambda k: (-sum(s[k].values()), expected["ranking"].index(k)))
    if by_sum != expected["ranking"]:
        r, text = run(check, "q2", by_sum)
        assert r.state == NOT_YET and "added the three scores" in r.hint
    r, _ = run(check, "q2", list(reversed(expected["ranking"])))
    assert r.state == NOT_YET and "lowest risk to the highest" in r.message
    r, _ = run(check, "q2", expected["ranking"][:-1])
    assert r.state == NOT_YET and "1 sector is missing" in r.message
    r, _ = run(check, "q2", set(expected["ranking"]))
    assert r.state == CANT_CHECK


def test_q3_reasons_must_be_the_top_sectors_risk_drivers_on_all_three_factors(check, expected):
    ind, top = expected["indicators"], expected["ranking"][0]
    second = expected["ranking"][1]
    own = [c for c, i in ind.items() if i["sector"] == top and i["points"] > 0]
    other = [c for c, i in ind.items() if i["sector"] == second][:1]
    r, _ = run(check, "q3", own + other)
    assert r.state == NOT_YET and "another sector" in r.message
    only_threat = [c for c in own if ind[c]["factor"] == "threat"]
    r, _ = run(check, "q3", only_threat)
    assert r.state == NOT_YET and "vulnerability or consequence" in r.message
    mitigating_anywhere = [c for c, i in ind.items() if i["points"] < 0 and i["sector"] == top]
    if mitigating_anywhere:
        r, _ = run(check, "q3", own + mitigating_anywhere)
        assert r.state == NOT_YET and "mitigating" in r.message
    r, _ = run(check, "q3", ["XYZ-T9"])
    assert r.state == NOT_YET and "not an indicator code" in r.message


def test_q4_partial_and_unusable(check, expected):
    act = expected["act_first"]
    partly = [k for k, v in expected["answers"].items() if v == "partly"][:1]
    r, text = run(check, "q4", act[:-1] + partly)
    assert r.state == NOT_YET and r.message.startswith(f"{len(act) - 1} of {len(act)} items found.")
    assert "answered yes or partly" in r.message
    assert not re.search(re.escape(act[-1]), text), "the message must not give the missing item"
    for bad in ("SA-FLG-02", pd.DataFrame({"id": act}), 42, None):
        r, _ = run(check, "q4", bad)
        assert r.state == CANT_CHECK, bad


def test_no_message_states_the_ranking(check, expected):
    ranking = expected["ranking"]
    for answer in (list(reversed(ranking)), ranking[1:] + ranking[:1]):
        _, text = run(check, "q2", answer)
        for sector in ranking:
            assert sector not in text
