"""Checks of the capstone decisions (capstone-01, -02, -03): what a player sees for the coordinated answer,
for every other option, for unsupported picks and for unusable answers, through the same ``check`` runtime the
notebooks use. The answers live here, in the tests, never in a learner's kit."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from embargo_kit.datasets import capstone as cap
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker

SUSPECT = sorted({bl for bl in cap.capstone_bills_of_lading()["bl_number"] if bl.startswith("BL-NGB-")})[0]

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "capstone"))
from answer_key import DECISIONS, solution  # noqa: E402

SOLUTIONS = {key: solution(key, SUSPECT) for key in DECISIONS}
WITH_OPTION = [k for k, v in SOLUTIONS.items() if "option" in v]


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check, key, answer):
    r = check.evaluate(*key, answer)
    return r, f"{r.message} {r.hint}"


def test_every_decision_is_declared():
    from embargo_kit import checks

    for lesson in ("capstone-01", "capstone-02", "capstone-03"):
        declared = list(checks.questions(checks.load(lesson)))
        assert declared == [q for (l, q) in SOLUTIONS if l == lesson]


@pytest.mark.parametrize("key", list(SOLUTIONS), ids=lambda k: f"{k[0]}-{k[1]}")
def test_the_coordinated_answer_passes_in_any_order_and_case(check, key):
    r, _ = run(check, key, SOLUTIONS[key])
    assert r.state == PASS, r.line()
    shuffled = {k: (list(reversed(v)) if isinstance(v, list) else v.lower()) for k, v in SOLUTIONS[key].items()}
    shuffled["why"] = "free text is for the debrief"
    assert run(check, key, shuffled)[0].state == PASS


@pytest.mark.parametrize("key", WITH_OPTION, ids=lambda k: f"{k[0]}-{k[1]}")
def test_every_other_option_says_what_happens_and_never_names_the_right_one(check, key):
    right = SOLUTIONS[key]["option"]
    options = cap.capstone_options(*key)
    passed = check.evaluate(*key, SOLUTIONS[key]).message
    for code in sorted(set(options) - {right}):
        r, text = run(check, key, {**SOLUTIONS[key], "option": code})
        assert r.state == NOT_YET, r.line()
        assert r.message.startswith(f"If you choose {code},"), "the consequence of the option should come first"
        assert options[right] not in text and passed not in text
        assert not re.search(rf"\b(option|choose) {right}\b", text, re.IGNORECASE)


@pytest.mark.parametrize("key", [k for k, v in SOLUTIONS.items() if "indicators" in v], ids=lambda k: f"{k[0]}-{k[1]}")
def test_missing_and_unsupported_indicators_are_counted_not_named(check, key):
    sol = SOLUTIONS[key]
    r, text = run(check, key, {**sol, "indicators": sol["indicators"][1:]})
    assert r.state == NOT_YET and f"{len(sol['indicators']) - 1} of the {len(sol['indicators'])}" in r.message
    assert sol["indicators"][0] not in text, "the message names the indicator the player left out"
    r, _ = run(check, key, {**sol, "indicators": sol["indicators"] + ["PORT-15"]})
    assert r.state == NOT_YET and "PORT-15" in r.message


def test_a_suspicion_is_not_an_indicator(check):
    r, _ = run(check, ("capstone-01", "port"), {**SOLUTIONS[("capstone-01", "port")],
                                                 "indicators": ["PORT-01", "PORT-02", "PORT-08", "PORT-10"]})
    assert r.state == NOT_YET and "no DPRK port call is recorded" in r.message


def test_the_wrong_bill_is_not_yet_and_the_hint_says_what_to_compare(check):
    key = ("capstone-01", "customs")
    other = sorted(set(cap.capstone_bills_of_lading()["bl_number"]) - {SUSPECT})[0]
    r, text = run(check, key, {**SOLUTIONS[key], "bl": other})
    assert r.state == NOT_YET and "VGM" in r.hint and SUSPECT not in text


@pytest.mark.parametrize("cite,state", [(["2094/17"], NOT_YET), (["2270/18", "2664/1"], NOT_YET),
                                        (["2270/99"], CANT_CHECK), ("2270/18", CANT_CHECK), ([], NOT_YET)])
def test_citations_must_be_the_basis_of_the_decision(check, cite, state):
    r, _ = run(check, ("capstone-01", "port"), {**SOLUTIONS[("capstone-01", "port")], "cite": cite})
    assert r.state == state, r.line()


def test_the_panel_of_experts_no_longer_receives_anything(check):
    r, _ = run(check, ("capstone-03", "notify"), {"notify": SOLUTIONS[("capstone-03", "notify")]["notify"] + ["PANEL"]})
    assert r.state == NOT_YET and "30 April 2024" in r.message


def test_a_report_must_not_pronounce_guilt_or_expose_officers(check):
    sol = SOLUTIONS[("capstone-03", "report")]
    for bad in ("R-GUILT", "R-OFFICERS"):
        r, _ = run(check, ("capstone-03", "report"), {**sol, "contents": sol["contents"] + [bad]})
        assert r.state == NOT_YET and bad in r.message
    r, _ = run(check, ("capstone-03", "report"), {**sol, "contents": [c for c in sol["contents"] if c != "R-DISPOSAL"]})
    assert r.state == NOT_YET, "the later report on storage and disposal is part of reporting a seizure (E3)"


def test_the_focal_point_never_informs_itself_and_may_reach_the_other_flag_state(check):
    options = cap.capstone_options("capstone-03", "notify")
    assert "NFP" not in options, "the focal point chairs the meeting; it is not its own recipient (E3)"
    assert cap.capstone_scenario()["partner"]["flag"] in options["FLAG_PARTNER"]
    sol = SOLUTIONS[("capstone-03", "notify")]
    r, _ = run(check, ("capstone-03", "notify"), {"notify": ["COMMITTEE", "FLAG", "FLAG_PARTNER", "PROSECUTOR", "MSMT"]})
    assert r.state == PASS, r.line()
    assert run(check, ("capstone-03", "notify"), sol)[0].state == PASS


def test_the_lesson_citation_of_the_freeze_on_economic_resources_is_accepted(check):
    """capstone-02 teaches "the freeze covers economic resources of every kind (2270/12)": citing it never costs (E3)."""
    sol = SOLUTIONS[("capstone-02", "finance")]
    r, _ = run(check, ("capstone-02", "finance"), {**sol, "cite": sol["cite"] + ["2270/12"]})
    assert r.state == PASS, r.line()


def test_refusing_entry_explains_the_rule_as_a_duty_with_its_inspection_exception(check):
    r, text = run(check, ("capstone-01", "port"), {**SOLUTIONS[("capstone-01", "port")], "option": "C"})
    assert r.state == NOT_YET and "shall be denied entry" in text and "2094/17" in text
    assert "nothing bars her" not in text


def test_letting_the_ship_sail_explains_the_duty_to_impound(check):
    r, text = run(check, ("capstone-02", "port"), {**SOLUTIONS[("capstone-02", "port")], "option": "A"})
    assert r.state == NOT_YET and "shall seize and impound" in text and "2397" in text
    for hint in (k.hints.get("cite", "") for k in _keys()):
        assert not re.search(r"\blets states\b", hint)


def _keys():
    from embargo_kit import checks

    for lesson in ("capstone-01", "capstone-02", "capstone-03"):
        yield from checks.load(lesson).KEYS.values()


@pytest.mark.parametrize("answer", [..., None, "B", {"option": "B"}, {"option": "Z", "indicators": [], "cite": []},
                                    {"option": "B", "indicators": "PORT-01", "cite": ["2270/18"]},
                                    {"option": "B", "indicators": [1, 2], "cite": ["2270/18"]}])
def test_unusable_answers_are_cant_check_without_a_traceback(check, answer):
    r, _ = run(check, ("capstone-01", "port"), answer)
    assert r.state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK), r.line()
    assert "Traceback" not in r.message


def test_checks_store_no_answer_in_clear_text():
    from importlib import resources

    for n in ("01", "02", "03"):
        src = (resources.files("embargo_kit") / "checks" / f"capstone_{n}.py").read_text(encoding="utf-8")
        assert SUSPECT not in src
        assert not re.search(r"option\s*=\s*\"[A-D]\"", src)
        assert '"PORT-01"' not in src and '"FIN-18"' not in src and "'PORT-01'" not in src
