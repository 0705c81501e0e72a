"""The finance validators (``embargo_kit.world.validate.finance``): the shipped world passes them, and each
one fails on the shape the finance data had before December 2026 (one currency, an ``/INS/`` code in a
pacs.008's remittance text, no structured agent fields, an unsplit labelled set whose alerts were labelled
pairs), and on the mistakes they exist to stop (a link read backwards, an unknown bank, a notebook naming a
message that does not exist)."""

from __future__ import annotations

import copy

import pytest

from embargo_kit.world import validate


@pytest.fixture(scope="module")
def world() -> dict:
    from embargo_kit.world.generate import build

    return build()


def _kinds(world) -> dict[str, int]:
    return {k.split("/", 1)[1]: n for k, n in validate.counts(validate.run(world, "finance")).items()}


def test_the_shipped_world_passes_every_finance_validator(world):
    findings = validate.run(world, "finance")
    assert not findings, validate.report(findings)


def test_the_old_payment_shape_fails(world):
    """All in USD, /INS/ in the remittance text, no InstgAgt/InstdAgt/PrvsInstgAgt: as shipped before."""
    old = copy.deepcopy(world)
    keep = ("msg_id", "msg_type", "date", "debtor", "debtor_account", "debtor_bank", "creditor", "creditor_account",
            "creditor_bank", "intermediary_banks", "amount", "currency", "purpose", "remittance_info", "fictional")
    rows = []
    for i, p in enumerate(old["tables"]["payments"]):
        row = {k: p[k] for k in keep}
        row["currency"] = "USD"
        if i < 8:
            row["remittance_info"] = "/INS/USTRHKH0 ORDERING CUSTOMER OF DOWNSTREAM BANK"
        rows.append(row)
    old["tables"]["payments"] = rows
    kinds = _kinds(old)
    assert kinds["payment-single-currency"] == 1
    assert kinds["payment-mt-code-in-remittance"] == 8
    assert kinds["payment-agent-field-missing"] == 1


def test_the_old_screening_set_fails(world):
    old = copy.deepcopy(world)
    for p in old["tables"]["screening_pairs"]:
        p.pop("split")
    del old["tables"]["screening_alerts"]
    kinds = _kinds(old)
    assert kinds["screening-set-not-split"] == 1 and kinds["screening-alert-labelled"] == 1
    labelled = copy.deepcopy(world)
    a = labelled["tables"]["screening_alerts"][1]
    labelled["tables"]["screening_pairs"].append({"pair_id": "SP-9999", "party_name": a["party_name"],
                                                  "party_details": a["party_details"], "list_ref": a["list_ref"],
                                                  "is_match": True, "split": "tuning"})
    assert _kinds(labelled)["screening-alert-labelled"] == 1


def test_links_read_backwards_and_ownership_loops_fail(world):
    bad = copy.deepcopy(world)
    links = bad["tables"]["company_links"]
    director = next(l for l in links if l["relation"] == "director_of")
    links.append(dict(director, source_id=director["target_id"], target_id=director["source_id"]))
    owner = next(l for l in links if l["relation"] == "shareholder_of" and str(l["source_id"]).startswith("C-"))
    links.append(dict(owner, source_id=owner["target_id"], target_id=owner["source_id"], share_pct=10.0))
    kinds = _kinds(bad)
    assert kinds["link-direction-wrong"] == 1
    assert kinds["ownership-inconsistent"] >= 1


def test_unknown_banks_invalid_currencies_and_inconsistent_amounts_fail(world):
    bad = copy.deepcopy(world)
    p = bad["tables"]["payments"]
    p[0]["instructing_agent"] = "NOPEXXH0"
    p[1]["currency"] = "XLL"  # Lumeria is fictional: it has no ISO 4217 code
    converted = next(r for r in p if r["exchange_rate"])
    converted["amount"] = round(converted["amount"] * 1.1, 2)
    kinds = _kinds(bad)
    assert kinds["payment-agent-unknown"] >= 1
    assert kinds["payment-currency-invalid"] == 1
    assert kinds["payment-amounts-disagree"] >= 1


def test_a_planted_pattern_the_lesson_rule_does_not_find_fails(world):
    bad = copy.deepcopy(world)
    bad["planted"]["structuring"] = bad["planted"]["structuring"][:-1]
    assert _kinds(bad)["planted-pattern-not-what-the-rule-finds"] == 1


def test_a_notebook_naming_a_missing_message_fails(world):
    """The finance-04 notebook names the reported cover leg, where the trace starts."""
    from embargo_kit.checks.finance_04 import REPORTED_COVER

    bad = copy.deepcopy(world)
    bad["tables"]["cover_payments"] = [c for c in bad["tables"]["cover_payments"] if c["msg_id"] != REPORTED_COVER]
    assert _kinds(bad)["notebook-identifier-unknown"] >= 1


def test_active_currencies_are_iso_4217():
    from embargo_kit.world.validate.finance import active_currencies

    codes = active_currencies()
    assert {"USD", "EUR", "HKD", "CNY", "SGD", "MYR", "AED", "KRW", "JPY", "KPW"} <= codes
    assert "DEM" not in codes and "XLL" not in codes
