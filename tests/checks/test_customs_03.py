"""Checks of customs-03, "Does the weight add up?": right, partial, wrong and unusable answers through the same
``check`` runtime the notebook uses. The weight and value screens are cross-checked against the world generator's
own ground truth (``datasets.planted("manifest_flags")``), independent of the check module's pandas code."""

from __future__ import annotations


import pandas as pd
import pytest

from embargo_kit import datasets
from embargo_kit.checks import customs_03 as mod
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS, hashed
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker
from checkkit import never_shows  # noqa: E402  (tests/checks/checkkit.py)

LESSON = "customs-03"


@pytest.fixture(scope="module")
def planted() -> dict[str, set[str]]:
    hashes = set(datasets.planted("manifest_flags")["hashes"])
    bls = datasets.manifests()["bl_number"].unique()
    kinds = ["weight", "unit_value", "description_mismatch", "concealment"]
    return {k: {b for b in bls if hashed("world", "manifest_flags", f"{b}:{k}") in hashes} for k in kinds}


@pytest.fixture(scope="module")
def exp() -> dict:
    dec = mod.expected_decisions()
    return {"q1": sorted(mod.weight_bls()), "q2": sorted(mod.value_bls()), "q3": dec,
            "q4": {bl: sorted(req) for bl, (req, _) in mod.code_rules().items()},
            "q4_full": {bl: sorted(req | ok) for bl, (req, ok) in mod.code_rules().items()}}


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check: Checker, qid: str, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"




# ------------------------------------------------------------------------------------ the data
def test_the_screens_find_what_the_generator_planted(planted, exp):
    assert set(exp["q1"]) == planted["weight"] | planted["concealment"]  # weighed boxes heavier than declared
    # every planted value anomaly is found; the extras are arms codes whose description hides other goods
    assert planted["unit_value"] <= set(exp["q2"])
    assert set(exp["q2"]) - planted["unit_value"] <= planted["description_mismatch"]


def test_the_decisions_mix_inspect_and_question(exp):
    decisions = set(exp["q3"].values())
    assert decisions == {"inspect", "question"}
    assert all(exp["q3"][bl] == "inspect" for bl in exp["q1"]), "every weight anomaly is inspected"


# ------------------------------------------------------------------------------------ right answers
def test_right_answers_pass(check, exp):
    for qid, answer in [("q1", exp["q1"]), ("q1", pd.Series(exp["q1"])), ("q2", set(exp["q2"])), ("q3", exp["q3"]),
                        ("q3", {k: v.upper() for k, v in exp["q3"].items()}), ("q4", exp["q4"]),
                        ("q4", exp["q4_full"]), ("q4", {k: tuple(v) for k, v in exp["q4"].items()})]:
        r, _ = run(check, qid, answer)
        assert r.state == PASS, (qid, r.line())


# ------------------------------------------------------------------------------------ partial and wrong
def test_q1_forgetting_the_tare_is_diagnosed(check, exp):
    per = mod.container_weights()
    heavy_with_tare = per.loc[(per["vgm_kg"] - per["gross_weight_kg"]) > 0.1 * per["gross_weight_kg"], "bl_number"]
    r, text = run(check, "q1", sorted(set(heavy_with_tare)))
    assert r.state == NOT_YET and "tare" in r.hint
    never_shows(text, exp["q1"])


def test_q2_plain_range_is_too_strict(check, exp):
    x = mod.line_values()
    outside = x.loc[(x["usd_per_kg"] < x["usd_per_kg_low"]) | (x["usd_per_kg"] > x["usd_per_kg_high"]), "bl_number"]
    r, text = run(check, "q2", sorted(set(outside)))
    assert r.state == NOT_YET and "HALF" in r.hint
    never_shows(text, exp["q2"])


def test_q2_partial_answer_is_counted(check, exp):
    r, text = run(check, "q2", exp["q2"][:2])
    assert r.state == NOT_YET and f"You found 2 of the {len(exp['q2'])}" in r.message
    never_shows(text, exp["q2"][2:])


def test_q3_inspecting_everything_is_not_the_rule(check, exp):
    r, text = run(check, "q3", {bl: "inspect" for bl in exp["q3"]})
    n_question = sum(1 for d in exp["q3"].values() if d == "question")
    assert r.state == NOT_YET and f"{len(exp['q3']) - n_question} of the {len(exp['q3'])} decisions" in r.message
    never_shows(text, exp["q3"])


def test_q3_clearing_a_weight_anomaly_gets_the_weight_hint(check, exp):
    answer = dict(exp["q3"])
    answer[exp["q1"][0]] = "clear"
    r, text = run(check, "q3", answer)
    assert r.state == NOT_YET and "You cleared 1" in r.message and "weight anomaly always means inspect" in r.hint


def test_q3_missing_and_extra_keys(check, exp):
    answer = dict(list(exp["q3"].items())[1:])
    answer["BL-NOT-FLAGGED"] = "question"
    r, _ = run(check, "q3", answer)
    assert r.state == NOT_YET and "1 flagged bill of lading has no decision" in r.message
    assert "1 key is not flagged" in r.message


def test_q4_unsupported_and_missing_codes(check, exp):
    answer = {bl: codes + ["CUS-16"] for bl, codes in exp["q4"].items()}
    r, _ = run(check, "q4", answer)
    assert r.state == NOT_YET and "name an indicator the data do not support" in r.message
    answer = {bl: [] for bl in exp["q4"]}
    r, _ = run(check, "q4", answer)
    assert r.state == NOT_YET and "lack an indicator" in r.message


def test_q4_a_code_outside_the_closed_list(check, exp):
    answer = {bl: codes + ["PORT-99"] for bl, codes in exp["q4"].items()}
    r, _ = run(check, "q4", answer)
    assert r.state == NOT_YET and "not in the closed list" in r.message


# ------------------------------------------------------------------------------------ unusable answers
@pytest.mark.parametrize("qid,answer", [
    ("q1", ...), ("q1", "BL-DAL-26952"), ("q2", [3]), ("q3", ...), ("q3", ["inspect"]), ("q3", {}),
    ("q3", {"BL-X": "seize"}), ("q4", ...), ("q4", {"BL-X": 3}), ("q4", None),
])
def test_unusable_answers_cannot_be_checked(check, exp, qid, answer):
    r, text = run(check, qid, answer)
    assert r.state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK), r.line()
    assert "Traceback" not in text


# ------------------------------------------------------------------------------------ leak probes
def test_leak_probes_hold_every_answer(exp):
    probes = mod.leak_probes()
    assert set(probes) == {"q1", "q2", "q3", "q4"}
    assert ", ".join(exp["q1"]) in probes["q1"] and repr(exp["q2"]) in probes["q2"]
    assert repr(exp["q3"]) in probes["q3"]


# ------------------------------------------------------------------------------------ fixed leniencies (issue 21)
def test_q3_questioning_an_overvalued_ordinary_line_is_not_yet(check, exp):
    """D16: a value far above the range on ordinary goods is overvaluation (no duty saved): inspect, not question.
    The old rule answered it with a question and passed."""
    over = mod.overvalued_bls() - mod.weight_bls()
    assert over, "the world plants an overvalued ordinary consignment"
    answer = dict(exp["q3"])
    for bl in over:
        assert answer[bl] == "inspect"
        answer[bl] = "question"
    r, text = run(check, "q3", answer)
    assert r.state == NOT_YET
    never_shows(text, sorted(over))


def test_q4_cus_04_for_bags_alone_is_not_yet(check, exp):
    """D17: bags are no evidence that crates are under them; CUS-04 needs a box heavier than declared too.
    Before, CUS-04 on any bagged line passed."""
    m = datasets.manifests()
    bagged = set(m.loc[m["package_type"] == "bags", "bl_number"])
    light = [bl for bl in exp["q4"] if bl in bagged and bl not in mod.weight_bls()]
    if not light:  # every inspected bagged consignment is also heavy: try one with only CUS-02
        light = [bl for bl, codes in exp["q4"].items() if "CUS-03" not in codes]
    answer = {bl: codes + (["CUS-04"] if bl in light else []) for bl, codes in exp["q4"].items()}
    r, _ = run(check, "q4", answer)
    assert r.state == NOT_YET and "do not support" in r.message


def test_q1_counts_only_weighed_boxes():
    """D15: a method-2 VGM is the shipper's own sum and cannot show hidden mass."""
    per = mod.container_weights()
    heavy = per[(per["excess_share"] > mod.WEIGHT_SHARE) & (per["excess_kg"] >= mod.WEIGHT_MIN_KG)]
    assert (heavy["vgm_method"] == 1).all() and set(heavy["bl_number"]) == mod.weight_bls()
    assert (per["vgm_method"] == 2).any()


def test_value_per_kg_is_on_net_mass():
    x = mod.line_values()
    assert (x["usd_per_kg"] == x["declared_value_usd"] / x["net_weight_kg"]).all()


@pytest.mark.parametrize("qid,answer", [("q1", []), ("q2", ["BL-X"]), ("q3", {"BL-X": "inspect"}),
                                        ("q4", {"BL-X": ["CUS-03"]})])
def test_hints_do_not_state_the_thresholds_or_the_rule(check, qid, answer):
    r, text = run(check, qid, answer)
    for giveaway in ("10 %", "500 kg", "half the low", "twice the high", "means inspect", "means question"):
        assert giveaway not in text, (qid, giveaway)
