"""Checks of finance-04, "Following the money": right, partial, wrong and unusable answers, through the same
``check`` runtime the notebook uses. The trace, the structuring and the nesting are worked out here with plain
Python over the payment rows, following the rules the notebook states, and compared with the world's planted
ground truth (salted hashes). Each leniency the December 2026 review found has a regression test (D28-D30)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from embargo_kit import datasets
from embargo_kit.exercises.checking import CANT_CHECK, NOT_YET, PASS, hashed
from embargo_kit.exercises.checking import _contains_ellipsis  # untouched `...` is NOT YET
from embargo_kit.exercises.runtime import Checker
from checkkit import never_shows  # noqa: E402  (tests/checks/checkkit.py)

LESSON = "finance-04"
ROOT = Path(__file__).resolve().parents[2]
SOLUTION = ROOT / "exercises" / "solutions" / "finance" / "finance-04-following-the-money.ipynb"
LEARNER = ROOT / "exercises" / "finance" / "finance-04-following-the-money.ipynb"


def _trace(rows, start, *, key_out="debtor_account", key_in="creditor_account"):
    """The notebook's rule: candidates from the receiving account within 3 days; follow them all when together
    they pass on 90-100 %; return (trace, end accounts, unresolved)."""
    by_id = {r["msg_id"]: r for r in rows}
    trace, ends, unresolved, todo = [], [], [], [by_id[start]]
    while todo:
        step = todo.pop(0)
        trace.append(step["msg_id"])
        out = [r for r in rows if r[key_out] == step[key_in]
               and step["date"] <= r["date"] <= step["date"] + dt.timedelta(days=3)]
        share = sum(r["instructed_amount"] for r in out) / step["amount"]
        if not out:
            ends.append(step["creditor_account"])
        elif 0.9 <= share <= 1.0:
            todo += sorted(out, key=lambda r: (r["date"], r["msg_id"]))
        else:
            unresolved.append(step["msg_id"])
    return trace, ends, unresolved


@pytest.fixture(scope="module")
def world() -> dict:
    from embargo_kit.checks.finance_04 import START

    rows = datasets.payments().to_dict("records")
    by_id = {r["msg_id"]: r for r in rows}
    trace, ends, unresolved = _trace(rows, START)
    rates = datasets.fx_rates().set_index("currency")["usd_per_unit"].to_dict()
    t = datasets.REPORTING_THRESHOLD_USD
    band = [r for r in rows if 0.9 * t <= r["instructed_amount"] * rates[r["instructed_currency"]] < t]
    debtors = {r["debtor"] for r in band
               if sum(1 for x in band if x["debtor"] == r["debtor"]
                      and r["date"] <= x["date"] <= r["date"] + dt.timedelta(days=14)) >= 3}
    structured = {r["msg_id"] for r in band if r["debtor"] in debtors}
    declared = {b["bic"]: b["clears_through"] for b in datasets.banks().to_dict("records")}
    nested = {r["msg_id"] for r in rows
              if any(v != r["debtor_bank"] and declared.get(r["debtor_bank"]) != v
                     for v in r["previous_instructing_agents"])}

    def planted(name, col="msg_id"):
        hs = set(datasets.planted(name)["hashes"])
        return {m for m in {r[col] for r in rows} if hashed("world", name, m) in hs}

    return {"trace": trace, "ends": ends, "unresolved": unresolved, "structured": structured, "nested": nested,
            "rows": rows, "by_id": by_id, "rates": rates,
            "planted": {"layering_chain": planted("layering_chain"), "structuring": planted("structuring"),
                        "nested": planted("nested"),
                        "layering_end_accounts": planted("layering_end_accounts", "creditor_account")}}


@pytest.fixture()
def check() -> Checker:
    return Checker()


def run(check, qid, answer):
    r = check.evaluate(LESSON, qid, answer)
    return r, f"{r.message} {r.hint}"


# ------------------------------------------------------------------------------------------ the key and the data
def test_the_notebook_rules_recover_the_planted_patterns(world):
    assert set(world["trace"]) == world["planted"]["layering_chain"] and len(world["trace"]) == 6
    assert world["unresolved"] == []
    assert set(world["ends"]) == world["planted"]["layering_end_accounts"] and len(world["ends"]) == 2
    assert world["structured"] == world["planted"]["structuring"] and len(world["structured"]) >= 3
    assert world["nested"] == world["planted"]["nested"] and world["nested"]


def test_the_trace_needs_accounts_splits_and_currencies(world):
    """D29: a rule on names, or one that wants a single next payment, or one that compares across currencies,
    does not find the planted trace."""
    from embargo_kit.checks.finance_04 import START

    by_name, _, unresolved = _trace(world["rows"], START, key_out="debtor", key_in="creditor")
    assert set(by_name) != world["planted"]["layering_chain"] and unresolved
    trace = world["trace"]
    parents = {m: [c for c in trace if world["by_id"][c]["debtor_account"] == world["by_id"][m]["creditor_account"]]
               for m in trace}
    assert any(len(c) == 2 for c in parents.values()), "the trace splits somewhere"
    assert len({world["by_id"][m]["currency"] for m in trace}) >= 3
    assert any(world["by_id"][m]["exchange_rate"] == world["by_id"][m]["exchange_rate"]  # not NaN
               and world["by_id"][m]["instructed_currency"] != world["by_id"][m]["currency"] for m in trace)


def test_payments_carry_agents_in_structured_fields_not_in_free_text(world):
    """D28: no /INS/ (an MT103 field-72 code) in the remittance information of a pacs.008."""
    assert not any("/INS/" in str(r["remittance_info"]) for r in world["rows"])
    banks = set(datasets.banks()["bic"])
    for r in world["rows"]:
        agents = {r["debtor_bank"], r["creditor_bank"], r["instructing_agent"], r["instructed_agent"],
                  *r["previous_instructing_agents"], *r["intermediary_banks"]}
        assert agents <= banks, r["msg_id"]
    assert len({r["currency"] for r in world["rows"]}) >= 5


def test_the_reported_cover_leg_named_in_the_notebook_opens_the_planted_trace(world):
    """Finding 7 (review cf): the correspondent saw only the cover leg; its UETR leads to the trace's first
    customer transfer, which the notebook finds by that UETR rather than naming it."""
    from embargo_kit.checks import finance_04 as mod

    assert mod.START == world["trace"][0] and mod.START in world["planted"]["layering_chain"]
    covers = datasets.cover_payments().set_index("msg_id")
    assert covers.loc[mod.REPORTED_COVER, "uetr"] == world["by_id"][mod.START]["uetr"]
    for nb in (SOLUTION, LEARNER):
        cells = json.loads(nb.read_text("utf-8"))["cells"]
        text = "\n".join("".join(c["source"]) for c in cells)
        assert mod.REPORTED_COVER in text and "/INS/" not in text.replace("`/INS/`", "")
        questions = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        assert mod.START not in questions


def test_the_keys_agree_with_the_lesson_lists_and_the_registry():
    """Every code the key accepts is in the course's indicator list and in the closed list the notebook shows,
    and every citation it requires is one the registry lets a lesson cite by number."""
    from embargo_kit.checks import finance_04 as mod
    from embargo_kit.content import registry

    codes = mod._indicator_codes()
    assert mod.INDICATORS_ALLOWED <= codes and mod.INDICATORS_REQUIRED <= mod.INDICATORS_ALLOWED
    text = "\n".join("".join(c["source"]) for c in json.loads(SOLUTION.read_text("utf-8"))["cells"])
    for c in mod.CITATIONS_ALLOWED:
        assert f"`{c}`" in text
    assert mod.CITATIONS_REQUIRED <= mod.CITATIONS_ALLOWED
    assert "2270" not in mod.CITATIONS_ALLOWED and "FIN-02" not in mod.INDICATORS_ALLOWED  # D30
    for c in mod.CITATIONS_ALLOWED:
        registry.parse_citation(c)  # raises on a paragraph the registry does not let a lesson cite by number


def test_every_question_is_declared():
    from embargo_kit import checks

    assert list(checks.questions(checks.load(LESSON))) == ["q1", "q2", "q3", "q4", "q5", "q6"]


# ------------------------------------------------------------------------------------------ right answers
def test_right_answers_pass(check, world):
    import pandas as pd

    from embargo_kit.checks.finance_04 import START

    trace = world["trace"]
    assert run(check, "q1", trace)[0].state == PASS
    assert run(check, "q1", [START] + list(reversed(trace[1:])))[0].state == PASS  # order of branches is free
    assert run(check, "q2", world["ends"])[0].state == PASS
    assert run(check, "q2", pd.Series(world["ends"]))[0].state == PASS
    assert run(check, "q3", sorted(world["structured"]))[0].state == PASS
    assert run(check, "q4", set(world["nested"]))[0].state == PASS
    ok = {"indicators": ["FIN-01", "fin-05"], "citations": ["2094/11"],
          "reasons": f"The payments from {START} were layered through third-country companies and split in two."}
    assert run(check, "q5", ok)[0].state == PASS


# ------------------------------------------------------------------------------------------ regressions
def test_q1_stopping_at_the_split_is_told_not_accepted(check, world):
    trace = world["trace"]
    r, text = run(check, "q1", trace[:3])
    assert r.state == NOT_YET and "split" in r.hint
    never_shows(text, trace[3:] + world["ends"])
    r, _ = run(check, "q1", trace[1:])
    assert r.state == NOT_YET and "does not start" in r.message
    r, _ = run(check, "q1", trace + trace[-1:])
    assert r.state == NOT_YET


def test_q1_a_trace_by_names_is_not_accepted(check, world):
    from embargo_kit.checks.finance_04 import START

    by_name, _, _ = _trace(world["rows"], START, key_out="debtor", key_in="creditor")
    r, text = run(check, "q1", by_name)
    assert r.state == NOT_YET and "account" in r.hint


def test_q2_names_and_pass_through_accounts_are_not_end_points(check, world):
    names = [world["by_id"][m]["creditor"] for m in world["trace"] if world["by_id"][m]["creditor_account"] in world["ends"]]
    r, text = run(check, "q2", names)
    assert r.state == NOT_YET and "names" in r.message
    never_shows(text, world["ends"])
    middle = world["by_id"][world["trace"][1]]["creditor_account"]
    r, _ = run(check, "q2", [middle])
    assert r.state == NOT_YET and "left some of your accounts" in r.message
    r, _ = run(check, "q2", [])  # the no-answer edge case: an empty list is an answer, and wrong
    assert r.state == NOT_YET


def test_q3_dollar_only_structuring_is_not_enough(check, world):
    usd_only = [m for m in world["structured"] if world["by_id"][m]["instructed_currency"] == "USD"]
    assert 0 < len(usd_only) < len(world["structured"])
    r, text = run(check, "q3", usd_only)
    assert r.state == NOT_YET and "convert" in r.hint
    never_shows(text, sorted(world["structured"]))
    r, _ = run(check, "q3", [])  # no alert at all
    assert r.state == NOT_YET and "0 of" in r.message


def test_q3_hints_do_not_state_the_rule(check, world):
    """A hint teaches the next step; it does not hand over the band, the count and the window."""
    some = sorted(world["structured"])[:2]
    r, _ = run(check, "q3", some)
    assert not ("90" in r.hint and "14" in r.hint and "3" in r.hint)
    assert "section 4" in r.hint, "the hint points to FIU-L's written rule"
    assert not any(w in r.hint.lower() for w in ("two-week", "14 days", "group", "by debtor", "count them"))


def test_q4_declared_downstream_clearing_is_not_nesting_to_report(check, world):
    with_previous = [r["msg_id"] for r in world["rows"] if r["previous_instructing_agents"]]
    assert set(with_previous) > world["nested"]
    r, text = run(check, "q4", with_previous)
    assert r.state == NOT_YET and "declared" in r.hint
    r, _ = run(check, "q4", [])
    assert r.state == NOT_YET


def test_q5_unsupported_reasons_fail(check):
    """D30: no party matches the list (FIN-02) and no bank in the chain is a DPRK bank (2270)."""
    from embargo_kit.checks.finance_04 import START

    reasons = f"Message {START} begins a layered chain through four companies in three countries."
    for extra in ({"indicators": ["FIN-01", "FIN-05", "FIN-02"], "citations": ["2094/11"]},
                  {"indicators": ["FIN-01", "FIN-05"], "citations": ["2094/11", "2270"]},
                  {"indicators": ["FIN-01", "FIN-05"], "citations": ["2094/11", "2371"]}):
        r, _ = run(check, "q5", {**extra, "reasons": reasons})
        assert r.state == NOT_YET, extra


@pytest.mark.parametrize("reasons,why", [
    ("", "empty"), ("Layering and nesting seen.", "write at least 8"),
    ("The money went through several companies and ended in two accounts abroad.", "names none of"),
    (None, "empty"),
])
def test_q5_reasons_need_substance(check, reasons, why):
    r, _ = run(check, "q5", {"indicators": ["FIN-01", "FIN-05"], "citations": ["2094/11"], "reasons": reasons})
    assert r.state == NOT_YET and why in r.message


@pytest.mark.parametrize("qid,answer", [
    ("q1", ...), ("q1", "MSG-1"), ("q1", [1, 2]), ("q2", ...), ("q2", 42), ("q3", None),
    ("q4", "MSG-1"), ("q5", ["FIN-01"]), ("q5", {"indicators": ["FIN-01"], "citations": []}),
])
def test_unusable_answers_cant_be_checked(check, qid, answer):
    assert run(check, qid, answer)[0].state == (NOT_YET if _contains_ellipsis(answer) else CANT_CHECK)


def test_leak_probes_hold_the_answers_but_not_the_start(world):
    from embargo_kit.checks import finance_04 as mod

    probes = mod.leak_probes()
    assert mod.START not in probes["q1"]
    assert set(probes["q1"]) == set(world["trace"]) - {mod.START}
    assert set(probes["q2"]) == set(world["ends"])
    assert set(probes["q3"]) == world["structured"] and set(probes["q4"]) == world["nested"]
    covers = {v for v in _covers_by_hand(world).values() if v}
    assert mod.REPORTED_COVER in covers and set(probes["q6"]) == covers - {mod.REPORTED_COVER}



# ------------------------------------------------------------------------------------------ cover legs and the UETR (D29)
def _covers_by_hand(world) -> dict:
    """q6 with plain Python: each trace payment -> the cover leg carrying its UETR, or None."""
    by_uetr = {c["uetr"]: c["msg_id"] for c in datasets.cover_payments().to_dict("records")}
    return {m: by_uetr.get(world["by_id"][m]["uetr"]) for m in world["trace"]}


def test_cover_legs_carry_the_uetr_and_the_underlying_transfer(world):
    covers = datasets.cover_payments().to_dict("records")
    by_uetr = {r["uetr"]: r for r in world["rows"]}
    assert len(by_uetr) == len(world["rows"]), "every customer transfer has a UETR of its own"
    assert covers and len({c["uetr"] for c in covers}) == len(covers)
    for c in covers:
        p = by_uetr[c["uetr"]]
        assert p["settled_by_cover"] and not p["intermediary_banks"]
        assert (c["underlying_debtor_account"], c["underlying_creditor_account"], c["amount"], c["currency"]) == (
            p["debtor_account"], p["creditor_account"], p["amount"], p["currency"])
        assert c["msg_id"] != p["msg_id"] and c["msg_id"][4:] != p["msg_id"][4:], "only the UETR links them"
    assert sum(r["settled_by_cover"] for r in world["rows"]) == len(covers)
    # serial and cover both occur, in the trace too; the steps of the trace have six different UETRs
    assert any(r["intermediary_banks"] for r in world["rows"])
    mine = _covers_by_hand(world)
    assert 0 < sum(v is not None for v in mine.values()) < len(mine)
    assert len({world["by_id"][m]["uetr"] for m in world["trace"]}) == len(world["trace"])


def test_q6_right_and_partial_answers(check, world):
    from embargo_kit.checks import finance_04 as mod

    expected = _covers_by_hand(world)
    assert mod.cover_of_trace() == expected
    r, _ = run(check, "q6", expected)
    assert r.state == PASS, r.line()
    # only the covered payments: the others are missing, not silently accepted
    covered = {k: v for k, v in expected.items() if v}
    r, text = run(check, "q6", covered)
    assert r.state == NOT_YET and "missing" in r.message
    assert "Section 3" in r.hint and "uetr" not in r.hint.lower(), "the hint points to section 3, not the field"
    # nothing looked up
    r, text = run(check, "q6", {k: None for k in expected})
    assert r.state == NOT_YET and "section 3" in r.hint and "cover" in r.hint
    # the hint points to section 3; it does not name the field to match on
    assert "uetr" not in r.hint.lower()
    never_shows(text, sorted(covered.values()))


def test_q6_a_cover_leg_matched_by_amount_or_bank_is_not_accepted(check, world):
    """Regression (D29): a cover leg given to a serial payment of the trace (matched on something else than the
    UETR) is NOT YET, with a hint back to section 3 that does not name the join."""
    expected = _covers_by_hand(world)
    serial = next(k for k, v in expected.items() if v is None)
    wrong = dict(expected, **{serial: next(v for v in expected.values() if v)})
    r, text = run(check, "q6", wrong)
    assert r.state == NOT_YET and "wrong one" in r.message and "section 3" in r.hint
    assert "uetr" not in (r.message + r.hint).lower() and "join" not in r.hint.lower()
    r, _ = run(check, "q6", {**expected, "MSG-NOT-IN-TRACE": None})
    assert r.state == NOT_YET and "not a payment of the trace" in r.message


@pytest.mark.parametrize("answer", [None, ["COV-1"], "COV-1", {1: None}])
def test_q6_unusable_answers(check, answer):
    assert run(check, "q6", answer)[0].state == CANT_CHECK


def test_a_cover_payment_names_the_correspondent_that_holds_its_cover_leg(world):
    """Finding 15 (review cf): the COVE pacs.008 names its reimbursement agent, the correspondent of the cover leg;
    a serial payment names none."""
    covers = datasets.cover_payments().set_index("uetr")
    for r in world["rows"]:
        if r["settled_by_cover"]:
            assert r["reimbursement_agent"] == covers.loc[r["uetr"], "instructed_agent"], r["msg_id"]
        else:
            assert not isinstance(r["reimbursement_agent"], str), r["msg_id"]
