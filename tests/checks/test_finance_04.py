"""Checks of finance-04, "Following the money": right, partial, wrong and unusable answers, through the same
``check`` runtime the notebook uses. The chain, the structuring and the nested payments are worked out here with
plain Python over the payment rows, following the rules the notebook states, and compared with the world's planted
ground truth (salted hashes)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from embargo_kit import datasets
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS, hashed
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker
from checkkit import never_shows  # noqa: E402  (tests/checks/checkkit.py)

LESSON = "finance-04"


@pytest.fixture(scope="module")
def world() -> dict:
    from embargo_kit.checks.finance_04 import START

    rows = datasets.payments().to_dict("records")
    by_id = {r["msg_id"]: r for r in rows}
    # the chain, by the notebook's rule
    chain = [START]
    cur = by_id[START]
    while True:
        nxt = [r for r in rows if r["debtor"] == cur["creditor"]
               and cur["date"] <= r["date"] <= cur["date"] + dt.timedelta(days=3)
               and 0.9 * cur["amount"] <= r["amount"] <= cur["amount"]]
        if len(nxt) != 1:
            break
        cur = nxt[0]
        chain.append(cur["msg_id"])
    # structuring, by the notebook's rule
    t = datasets.REPORTING_THRESHOLD_USD
    band = [r for r in rows if 0.9 * t <= r["amount"] < t]
    debtors = set()
    for r in band:
        same = [x for x in band if x["debtor"] == r["debtor"] and r["date"] <= x["date"] <= r["date"] + dt.timedelta(days=14)]
        if len(same) >= 3:
            debtors.add(r["debtor"])
    structured = {r["msg_id"] for r in band if r["debtor"] in debtors}
    # nesting
    nested = set()
    for r in rows:
        m = re.search(r"/INS/([A-Z0-9]{8,11})", str(r["remittance_info"]))
        if m and m.group(1) != r["debtor_bank"]:
            nested.add(r["msg_id"])

    def planted(name):
        hs = set(datasets.planted(name)["hashes"])
        return {m for m in by_id if hashed("world", name, m) in hs}

    return {"chain": chain, "end": by_id[chain[-1]]["creditor"], "structured": structured, "nested": nested,
            "planted": {n: planted(n) for n in ("layering_chain", "structuring", "nested")}, "by_id": by_id}


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check, qid, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"




def test_the_notebook_rules_recover_the_planted_patterns(world):
    assert len(world["chain"]) >= 3 and set(world["chain"]) == world["planted"]["layering_chain"]
    assert world["structured"] == world["planted"]["structuring"] and len(world["structured"]) >= 3
    assert world["nested"] == world["planted"]["nested"] and world["nested"]


def test_every_question_is_declared():
    from embargo_kit import checks

    assert list(checks.questions(checks.load(LESSON))) == ["q1", "q2", "q3", "q4", "q5"]


def test_right_answers_pass(check, world):
    import pandas as pd

    assert run(check, "q1", world["chain"])[0].state == PASS
    assert run(check, "q1", tuple(world["chain"]))[0].state == PASS
    assert run(check, "q2", world["end"])[0].state == PASS
    assert run(check, "q2", "  " + world["end"].upper() + " ")[0].state == PASS
    assert run(check, "q3", sorted(world["structured"]))[0].state == PASS
    assert run(check, "q3", pd.Series(sorted(world["structured"])))[0].state == PASS
    assert run(check, "q4", set(world["nested"]))[0].state == PASS
    ok = {"indicators": ["FIN-01", "fin-05"], "citations": ["2094/11", "2270"], "note": "free text"}
    assert run(check, "q5", ok)[0].state == PASS


def test_q1_order_and_truncation_are_told_apart(check, world):
    chain = world["chain"]
    r, text = run(check, "q1", list(reversed(chain)))
    assert r.state == NOT_YET and "wrong order" in r.message
    r, text = run(check, "q1", chain[:2])
    assert r.state == NOT_YET and "moved on after step 2" in r.message
    never_shows(text, chain[2:] + [world["end"]])
    r, _ = run(check, "q1", chain[1:])
    assert r.state == NOT_YET and "does not start" in r.message
    other = next(m for m in world["by_id"] if m not in chain)
    r, _ = run(check, "q1", chain[:2] + [other])
    assert r.state == NOT_YET and "The first 2 steps of your chain are right" in r.message


def test_q2_an_intermediary_is_not_the_end(check, world):
    middle = world["by_id"][world["chain"][1]]["debtor"]
    r, text = run(check, "q2", middle)
    assert r.state == NOT_YET and "passed the money on" in r.message
    never_shows(text, [world["end"]])
    r, _ = run(check, "q2", "No Such Company Ltd")
    assert r.state == NOT_YET and "No payment names" in r.message


def test_q3_partial_with_an_ordinary_payment_in_the_band(check, world):
    t = datasets.REPORTING_THRESHOLD_USD
    ordinary = next(m for m, r in world["by_id"].items() if 0.9 * t <= r["amount"] < t and m not in world["structured"])
    some = sorted(world["structured"])[:4]
    r, text = run(check, "q3", some + [ordinary, "MSG-0"])
    assert r.state == NOT_YET
    assert f"You found 4 of {len(world['structured'])} structured payments" in r.message
    assert "1 of your messages does not belong" in r.message and "1 of your IDs is not a message" in r.message
    never_shows(text, sorted(world["structured"])[4:])


def test_q4_partial(check, world):
    some = sorted(world["nested"])[:1]
    r, _ = run(check, "q4", some)
    assert r.state == NOT_YET and f"You found 1 of {len(world['nested'])}" in r.message


def test_q5_wrong_reasons(check):
    r, _ = run(check, "q5", {"indicators": ["FIN-11"], "citations": ["2664/1"]})
    assert r.state == NOT_YET
    assert "missing" in r.message and "not fit what the payment messages show" in r.message
    r, _ = run(check, "q5", {"indicators": ["FIN-01"]})
    assert r.state == CANT_CHECK


@pytest.mark.parametrize("qid,answer", [
    ("q1", ...), ("q1", "MSG-1"), ("q1", [1, 2]), ("q2", ...), ("q2", 42), ("q3", None), ("q3", []),
    ("q4", "MSG-1"), ("q5", ["FIN-01"]),
])
def test_unusable_answers_cant_be_checked(check, qid, answer):
    assert run(check, qid, answer)[0].state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK)


def test_leak_probes_hold_the_answers_but_not_the_start(world):
    from embargo_kit.checks import finance_04 as mod

    probes = mod.leak_probes()
    assert mod.START not in probes["q1"]
    assert set(probes["q1"]) == set(world["chain"]) - {mod.START}
    assert probes["q2"] == [world["end"]]
    assert set(probes["q3"]) == world["structured"] and set(probes["q4"]) == world["nested"]


def test_the_start_named_in_the_notebook_opens_the_planted_chain(world):
    import json
    from pathlib import Path

    from embargo_kit.checks import finance_04 as mod

    assert mod.START == world["chain"][0] and mod.START in world["planted"]["layering_chain"]
    root = Path(__file__).resolve().parents[2]
    nb = json.loads((root / "exercises" / "finance" / "finance-04-following-the-money.ipynb").read_text("utf-8"))
    assert mod.START in "\n".join("".join(c["source"]) for c in nb["cells"])
