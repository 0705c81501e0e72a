"""Checks of awareness-06, "National self-assessment": right, partial, wrong and unusable answers through the
``check`` runtime, and the properties of Lumeria's data the exercise relies on. Expected values are worked
out here from the raw YAML with plain Python, independently of the check module."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest
import yaml

from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker
from checkkit import never_shows  # noqa: E402  (tests/checks/checkkit.py)

LESSON = "awareness-06"
CREDIT = {"yes": 1.0, "partly": 0.5, "no": 0.0, "unknown": 0.0}


def _yaml(name: str):
    path = resources.files("embargo_kit") / "data" / "national" / name
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _word(v) -> str:
    return {True: "yes", False: "no"}.get(v, v) if isinstance(v, bool) else str(v)


@pytest.fixture(scope="module")
def expected() -> dict:
    items = _yaml("selfassessment_checklist.yaml")["items"]
    answers = {a["id"]: _word(a["answer"]) for a in _yaml("selfassessment_lumeria.yaml")["answers"]}
    gaps = [i for i in items if answers[i["id"]] in ("no", "unknown")]
    points: dict[str, float] = {}
    weights: dict[str, float] = {}
    plain: dict[str, list[float]] = {}
    for i in items:
        points[i["area"]] = points.get(i["area"], 0) + i["weight"] * CREDIT[answers[i["id"]]]
        weights[i["area"]] = weights.get(i["area"], 0) + i["weight"]
        plain.setdefault(i["area"], []).append(CREDIT[answers[i["id"]]])
    readiness = {a: points[a] / weights[a] for a in points}
    by_weight = sorted(gaps, key=lambda i: -i["weight"])
    top = by_weight[:3]
    return {
        "items": items,
        "answers": answers,
        "q1": sorted(i["id"] for i in gaps),
        "yes": sorted(k for k, v in answers.items() if v == "yes"),
        "partly": sorted(k for k, v in answers.items() if v == "partly"),
        "q2": min(readiness, key=readiness.get),
        "readiness": readiness,
        "unweighted": {a: sum(v) / len(v) for a, v in plain.items()},
        "q3": sorted({lesson for i in top for lesson in i["closes_with"]}),
        "fourth_gap_weight": by_weight[3]["weight"],
        "other_lessons": sorted({lesson for i in items for lesson in i["closes_with"]}
                                - {lesson for i in top for lesson in i["closes_with"]}),
    }


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check: Checker, qid: str, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"




# ------------------------------------------------------------------------------------ the data
def test_lumeria_is_a_mixed_picture(expected):
    n = len(expected["items"])
    share = len(expected["q1"]) / n
    assert 0.2 <= share <= 0.45, f"about a third of the items should be gaps, not {share:.0%}"
    assert expected["yes"] and expected["partly"], "a realistic picture has yes and partly answers too"


def test_the_questions_have_one_right_answer(expected):
    r = expected["readiness"]
    assert sorted(r.values())[0] < sorted(r.values())[1], "the weakest area must not be tied"
    weights = sorted((i["weight"] for i in expected["items"] if i["id"] in expected["q1"]), reverse=True)
    assert weights[2] > expected["fourth_gap_weight"], "the top three gaps by weight must not be tied at the cut"
    assert "awareness-06" not in expected["q3"], "the lesson's own ID would be a useless recommendation"


def test_every_question_is_declared():
    from embargo_kit import checks

    assert sorted(checks.questions(checks.load(LESSON))) == ["q1", "q2", "q3", "q4"]


# ------------------------------------------------------------------------------------ right answers
def test_right_answers_pass(check, expected):
    scores = pd.Series(expected["readiness"]).sort_values()
    for qid, answer in [
        ("q1", expected["q1"]),
        ("q1", set(expected["q1"])),
        ("q1", pd.Series(expected["q1"])),
        ("q2", expected["q2"]),
        ("q2", f"  {expected['q2'].upper()} "),
        ("q3", expected["q3"]),
        ("q3", set(expected["q3"])),
        ("q4", scores),
        ("q4", dict(scores)),
        ("q4", {a: round(s, 3) for a, s in expected["readiness"].items()}),  # within the tolerance
    ]:
        r, _ = run(check, qid, answer)
        assert r.state == PASS, (qid, r.line())


# ------------------------------------------------------------------------------------ partial and wrong
def test_q1_partial_counts_gaps_and_wrong_items(check, expected):
    gaps = expected["q1"]
    answer = gaps[:4] + expected["yes"][:2] + expected["partly"][:1]
    r, text = run(check, "q1", answer)
    assert r.state == NOT_YET
    assert r.message.startswith(f"4 of {len(gaps)} gaps found.")
    assert "You included 2 items that Lumeria answered yes." in r.message
    assert "1 item answered partly" in r.message
    never_shows(text, gaps[4:])


def test_q1_forgetting_unknown_gets_a_hint(check, expected):
    only_no = [i for i in expected["q1"] if expected["answers"][i] == "no"]
    assert len(only_no) < len(expected["q1"]), "the data should have 'unknown' gaps"
    r, _ = run(check, "q1", only_no)
    assert r.state == NOT_YET and "'unknown' counts as a gap" in r.hint


def test_q1_counting_partly_as_gaps(check, expected):
    r, text = run(check, "q1", expected["q1"] + expected["partly"])
    assert r.state == NOT_YET
    assert f"{len(expected['q1'])} of {len(expected['q1'])} gaps found." in r.message
    assert f"You included {len(expected['partly'])} items answered partly" in r.message


def test_q2_another_area(check, expected):
    other = max(expected["readiness"], key=expected["readiness"].get)
    r, text = run(check, "q2", other)
    assert r.state == NOT_YET and "not Lumeria's weakest area" in r.message
    assert expected["q2"].casefold() not in text.casefold()
    assert f"{expected['readiness'][other]:.2f}" not in text, "a score is part of the q4 answer"


def test_q2_not_an_area(check, expected):
    r, text = run(check, "q2", "Ports")
    assert r.state == NOT_YET and "not one of the areas" in r.message
    assert expected["q2"].casefold() not in text.casefold()


def test_q3_partial_and_wrong_lessons(check, expected):
    right = expected["q3"]
    answer = right[:1] + expected["other_lessons"][:2] + ["port-99"]
    r, text = run(check, "q3", answer)
    assert r.state == NOT_YET
    assert f"You recommended 1 of the {len(right)} lessons" in r.message
    assert "2 lessons close other items" in r.message
    assert "1 ID is not in any `closes_with` list" in r.message
    never_shows(text, right[1:])


def test_q4_percentages_get_their_own_hint(check, expected):
    r, text = run(check, "q4", {a: 100 * s for a, s in expected["readiness"].items()})
    assert r.state == NOT_YET and "divide by 100" in r.hint


def test_q4_unweighted_scores_get_their_own_hint(check, expected):
    assert expected["unweighted"] != expected["readiness"]
    r, text = run(check, "q4", expected["unweighted"])
    assert r.state == NOT_YET and "weight each item's credit" in r.hint
    right = sum(abs(expected["unweighted"][a] - s) <= 0.01 for a, s in expected["readiness"].items())
    assert r.message.startswith(f"{right} of {len(expected['readiness'])} areas")


def test_q4_missing_and_unknown_areas(check, expected):
    scores = dict(expected["readiness"])
    dropped = sorted(scores)[:2]
    for a in dropped:
        scores.pop(a)
    scores["Ports"] = 0.5
    r, text = run(check, "q4", scores)
    assert r.state == NOT_YET
    assert "2 areas are missing" in r.message and "1 key is not an area" in r.message
    for a in dropped:
        assert f"{expected['readiness'][a]:.2f}" not in text


# ------------------------------------------------------------------------------------ unusable answers
@pytest.mark.parametrize(
    "qid,answer",
    [
        ("q1", ...),
        ("q1", None),
        ("q1", []),
        ("q1", "SA-LEG-01"),
        ("q1", [1, 2, 3]),
        ("q1", [["SA-LEG-01"]]),
        ("q1", pd.DataFrame({"id": ["SA-LEG-01"]})),
        ("q2", ...),
        ("q2", ""),
        ("q2", 3),
        ("q2", ["Legal basis"]),
        ("q3", ...),
        ("q3", set()),
        ("q3", "port-01"),
        ("q4", ...),
        ("q4", {}),
        ("q4", 0.5),
        ("q4", {"Legal basis": "high"}),
        ("q4", pd.DataFrame({"readiness": [0.5]}, index=["Legal basis"])),
    ],
)
def test_unusable_answers_cannot_be_checked(check, expected, qid, answer):
    r, text = run(check, qid, answer)
    assert r.state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK), r.line()
    never_shows(text, expected["q1"] + expected["q3"])
    assert expected["q2"].casefold() not in text.casefold()


# ------------------------------------------------------------------------------------ leak probes
def test_leak_probes_name_the_answered_exercise(expected):
    from embargo_kit.checks.awareness_06 import leak_probes

    probes = leak_probes()
    assert repr(expected["q1"]) in probes["q1"]
    assert repr(expected["q3"]) in probes["q3"]
    assert f"weakest_area = {expected['q2']!r}" in probes["q2"]
