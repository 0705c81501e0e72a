"""The finance data as FollowTheMoney entities keep the accounts a trace follows (not only the names)."""

from __future__ import annotations

from embargo_kit import datasets


def test_every_payment_entity_names_both_accounts_with_their_bank():
    accounts = {e.id: e for e in datasets.entities("BankAccount")}
    bank_name = dict(zip(datasets.banks()["bic"], datasets.banks()["name"]))
    pays = {p["msg_id"]: p for p in datasets.payments().to_dict("records")}
    for e in datasets.entities("Payment"):
        row = pays[e.first("transactionNumber")]
        payer, bene = accounts[e.first("payerAccount")], accounts[e.first("beneficiaryAccount")]
        assert payer.first("accountNumber") == row["debtor_account"]
        assert payer.first("bankName") == bank_name[row["debtor_bank"]] and row["debtor_bank"] in payer.first("notes")
        assert bene.first("accountNumber") == row["creditor_account"]
        assert bene.first("bankName") == bank_name[row["creditor_bank"]] and row["creditor_bank"] in bene.first("notes")


def test_one_company_can_hold_two_accounts():
    """The layering's first receiver pays from a second account too: names alone cannot carry a trace."""
    p = datasets.payments()
    per_debtor = p.groupby("debtor")["debtor_account"].nunique()
    assert (per_debtor >= 2).any()
