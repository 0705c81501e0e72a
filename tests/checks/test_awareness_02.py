"""Checks of awareness-02, "The regime as data": what a learner sees for right, partial, wrong and unusable
answers, through the same ``check`` runtime the notebook uses. Expected values are worked out here from the
raw registry YAML with plain Python, independently of the check module's pandas code."""

from __future__ import annotations

from importlib import resources

import pandas as pd
import pytest
import yaml

from embargo_kit import datasets
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker
from checkkit import never_shows  # noqa: E402  (tests/checks/checkkit.py)

LESSON = "awareness-02"


@pytest.fixture(scope="module")
def reg() -> dict:
    text = (resources.files("embargo_kit") / "data" / "registry" / "resolutions.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


@pytest.fixture(scope="module")
def expected(reg) -> dict:
    res = {int(r["number"]): r for r in reg["resolutions"]}
    ms = reg["measures"]
    sts = [m for m in ms if "ship-to-ship" in m["measure"].lower()]
    finance = sorted((str(res[int(m["first"])]["adopted"]), int(m["first"])) for m in ms if m["category"] == "finance")
    per_res: dict[int, int] = {}
    for m in ms:
        per_res[int(m["first"])] = per_res.get(int(m["first"]), 0) + 1
    top = max(per_res.values())
    return {
        "q1": min(int(m["first"]) for m in sts),
        "sts_later": sorted({int(n) for m in sts for n in m.get("later") or []}),
        "q2": sorted(m["id"] for m in ms if "port" in (m.get("agencies") or [])),
        "not_port": sorted(m["id"] for m in ms if "port" not in (m.get("agencies") or [])),
        "q3": sum(1 for r in reg["resolutions"] if str(r["adopted"]).startswith("2017")),
        "n_resolutions": len(reg["resolutions"]),
        "q4": finance[0][1],
        "finance_later_firsts": sorted({n for _, n in finance} - {finance[0][1]}),
        "q5": sorted(n for n, k in per_res.items() if k == top),
        "q5_other": min((n for n, k in per_res.items() if k < top), key=lambda n: per_res[n]),
        "numbers": sorted(res),
    }


@pytest.fixture()
def check() -> Checker:
    return Checker()  # a fresh recorder: no state shared with other tests


def run(check: Checker, qid: str, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"




# ------------------------------------------------------------------------------------ the registry
def test_the_registry_supports_the_questions(expected):
    assert expected["q1"] == 2375, "the STS ban measure should be first imposed by S/RES/2375 (2017) (resolutions.md)"
    assert len(expected["q2"]) >= 5 and expected["not_port"], "q2 needs port and non-port measures to tell apart"


def test_every_question_is_declared():
    from embargo_kit import checks

    assert list(checks.questions(checks.load(LESSON))) == ["q1", "q2", "q3", "q4", "q5"]


# ------------------------------------------------------------------------------------ right answers
def test_right_answers_pass(check, expected):
    m = datasets.measures()
    port_series = m.loc[m["agencies"].apply(lambda a: "port" in a), "id"]
    for qid, answer in [
        ("q1", expected["q1"]),
        ("q2", expected["q2"]),
        ("q2", set(expected["q2"])),
        ("q2", port_series),  # a pandas Series works as well as a list
        ("q2", [f"  {i} " for i in expected["q2"]]),
        ("q3", expected["q3"]),
        ("q4", expected["q4"]),
    ] + [("q5", n) for n in expected["q5"]]:  # on a tie for the most measures, each tied resolution passes
        r, _ = run(check, qid, answer)
        assert r.state == PASS, (qid, r.line())


def test_numpy_integers_are_accepted(check, expected):
    import numpy as np

    assert run(check, "q1", np.int64(expected["q1"]))[0].state == PASS
    assert run(check, "q3", np.int64(expected["q3"]))[0].state == PASS


# ------------------------------------------------------------------------------------ partial and wrong
def test_q2_partial_answer_counts_what_was_found(check, expected):
    port = expected["q2"]
    answer = port[:5] + expected["not_port"][:2] + ["no-such-measure"]
    r, text = run(check, "q2", answer)
    assert r.state == NOT_YET
    assert f"You found 5 of {len(port)}" in r.message
    assert "2 of your IDs are for measures whose agencies do not include 'port'" in r.message
    assert "1 of your IDs is not in the measures table" in r.message
    never_shows(text, port[5:])


def test_q2_all_found_but_one_misspelt(check, expected):
    answer = expected["q2"] + ["sts ban"]
    r, _ = run(check, "q2", answer)
    assert r.state == NOT_YET and "Copy the IDs" in r.hint


def test_q1_a_later_resolution_is_told_apart(check, expected):
    later = [n for n in expected["sts_later"] if n != expected["q1"]]
    assert later, "the STS measure should list a later resolution"
    r, text = run(check, "q1", later[0])
    assert r.state == NOT_YET and "came back to ship-to-ship" in r.message
    never_shows(text, expected["q1"])


@pytest.mark.parametrize("qid", ["q1", "q4", "q5"])
def test_a_number_that_is_no_resolution(check, expected, qid):
    r, text = run(check, qid, 1234)
    assert r.state == NOT_YET and "1234 is not one of the resolutions" in r.message
    never_shows(text, expected["q1"], expected["q4"], expected["q5"])


def test_q1_other_resolution(check, expected):
    wrong = next(n for n in expected["numbers"] if n != expected["q1"] and n not in expected["sts_later"])
    r, text = run(check, "q1", wrong)
    assert r.state == NOT_YET
    never_shows(text, expected["q1"])


def test_q3_common_mistakes(check, expected):
    r, text = run(check, "q3", expected["n_resolutions"])
    assert r.state == NOT_YET and "all resolutions" in r.message
    never_shows(text, expected["q3"])
    wrong = expected["q3"] + 7
    r, text = run(check, "q3", wrong)
    assert r.state == NOT_YET
    never_shows(text.replace(str(wrong), ""), expected["q3"])


def test_q4_a_later_finance_resolution(check, expected):
    assert expected["finance_later_firsts"]
    r, text = run(check, "q4", expected["finance_later_firsts"][0])
    assert r.state == NOT_YET and "not the earliest" in r.message
    never_shows(text, expected["q4"])


def test_q5_another_resolution_gets_its_own_count(check, expected):
    other = expected["q5_other"]
    r, text = run(check, "q5", other)
    assert r.state == NOT_YET and f"Resolution {other} first imposed" in r.message
    never_shows(text, expected["q5"])


# ------------------------------------------------------------------------------------ unusable answers
@pytest.mark.parametrize(
    "qid,answer",
    [
        ("q1", ...),
        ("q1", None),
        ("q1", "S/RES/2375 (2017)"),
        ("q1", True),
        ("q1", 2375.5),
        ("q2", ...),
        ("q2", []),
        ("q2", "sts-ban"),
        ("q2", [1, 2]),
        ("q2", pd.DataFrame({"id": ["sts-ban"]})),
        ("q3", ...),
        ("q3", "four"),
        ("q4", [1718]),
        ("q5", ...),
    ],
)
def test_unusable_answers_cannot_be_checked(check, expected, qid, answer):
    r, text = run(check, qid, answer)
    assert r.state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK), r.line()
    never_shows(text, expected["q1"] if qid != "q1" else [], expected["q3"] if qid == "q3" else [])
    assert "Traceback" not in text


# ------------------------------------------------------------------------------------ leak probes
def test_leak_probes_cover_every_question_with_its_answer(expected):
    """The scan looks for the answers themselves in the learner notebook and its page."""
    from embargo_kit.checks.awareness_02 import leak_probes

    probes = leak_probes()
    assert set(probes) == {"q1", "q2", "q3", "q4", "q5"}
    assert str(expected["q1"]) in probes["q1"]
    assert repr(expected["q2"]) in probes["q2"]
    assert str(expected["q4"]) in probes["q4"]


def test_the_module_source_does_not_spell_out_the_hashed_answer():
    src = (resources.files("embargo_kit") / "checks" / "awareness_02.py").read_text(encoding="utf-8")
    assert "2375" not in src
