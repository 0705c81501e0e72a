"""Checks for finance-04, "Following the money" (exercises/solutions/finance/finance-04-following-the-money.ipynb).

Ground truth comes from the shipped synthetic world: the payments of the planted layering trace (with its
split), the accounts where it ends, the structured payments and the payments of the undisclosed nested
relationship are known only as salted hashes (``datasets.planted(...)``); this module finds which messages and
accounts they are by hashing each message ID or account, so no answer is written here. No message states an
expected value, and no hint states the filter or the decision: hints point at the next step. The set questions
(q3, q4) and the written reasons of q5 use the engine's question kinds (``IdSet``, ``Reason``); the trace (q1)
and its end points (q2) keep rules of their own. q6 (``Mapping``): for each payment of the trace, the pacs.009 COV
that settled it (same UETR), or None for those sent serially or between two banks directly.
"""

from __future__ import annotations

import functools
from typing import Any

from embargo_kit.exercises.checking import Result, hashed, question
# _indicator_codes: the tests read the course's codes through this module too
from embargo_kit.checks.finance_03 import _indicator_codes, report_question  # noqa: F401
from embargo_kit.exercises.kinds import Advice, Compared, IdSet, Mapping, read_items

LESSON = "finance-04"
#: the cover leg the correspondent reported to its FIU, which passed it to FIU-L (named in the notebook)
REPORTED_COVER = "COV-20260907-0078"
#: the customer transfer that cover leg settled (same UETR); a cell of the notebook shows it, so not an answer
START = "MSG-20260907-01249"

#: what the payment messages and the registry support (D30: no list match, no DPRK bank in the data)
INDICATORS_REQUIRED = {"FIN-01", "FIN-05"}
INDICATORS_ALLOWED = {"FIN-01", "FIN-05", "FIN-18"}
CITATIONS_REQUIRED = {"2094/11"}
CITATIONS_ALLOWED = {"2094/11", "1718/8(d)"}
REASON_MIN_WORDS = 8


def _datasets():
    from embargo_kit import datasets

    return datasets


@functools.lru_cache(maxsize=1)
def _payments():
    return _datasets().payments()


@functools.lru_cache(maxsize=None)
def planted_ids(name: str) -> tuple[str, ...]:
    """Message IDs of a planted pattern, in date order (found by hashing every message ID)."""
    hashes = {h.lower() for h in _datasets().planted(name)["hashes"]}
    p = _payments()
    hit = p[p["msg_id"].map(lambda m: hashed("world", name, m) in hashes)].sort_values(["date", "msg_id"])
    return tuple(hit["msg_id"])


@functools.lru_cache(maxsize=1)
def end_accounts() -> frozenset[str]:
    hashes = {h.lower() for h in _datasets().planted("layering_end_accounts")["hashes"]}
    return frozenset(a for a in set(_payments()["creditor_account"]) if hashed("world", "layering_end_accounts", a) in hashes)


def _n(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


# ------------------------------------------------------------------------------------------ questions
@question("q1", expects="a list of message IDs, the reported message first")
def q1(answer: Any) -> Result:
    given = read_items(answer, "a list of message IDs, the reported message first", ordered=True, allow_empty=True,
                       example="trace_table['msg_id'].tolist()")
    if isinstance(given, Result):
        return given
    expected = set(planted_ids("layering_chain"))
    if not given:
        return Result.not_yet("Your trace is empty.", hint="Start the list with the customer transfer that the "
                              "reported cover leg settled.")
    if given[0] != START:
        return Result.not_yet("Your trace does not start with the customer transfer of the reported cover leg.",
                              hint="Put first the message ID of the pacs.008 with the cover leg's UETR.")
    gs = set(given)
    if gs == expected and len(given) == len(gs):
        return Result.passed(f"Right: {len(expected)} transfers in a few days, through two currency conversions and "
                             "a split, each step passing on almost all it received: layering.")
    if len(given) != len(gs):
        return Result.not_yet("Some message IDs appear twice in your trace.", hint="Keep each message once.")
    found, extra = gs & expected, gs - expected
    parts = [f"Your trace holds {len(found)} of the {len(expected)} payments of the trace."]
    if extra:
        parts.append(f"{_n(len(extra), 'of your messages is', 'of your messages are')} not part of it.")
    # where did the learner go wrong: followed names instead of accounts, or stopped at the split?
    p = _payments().set_index("msg_id")
    children: dict[str, set[str]] = {}
    for m in expected:
        children[m] = {c for c in expected if p.loc[c, "debtor_account"] == p.loc[m, "creditor_account"]}
    split_children = set().union(*(c for c in children.values() if len(c) > 1))
    found_receivers = set(p.loc[sorted(found), "creditor"]) if found else set()
    if any(e in p.index and p.loc[e, "debtor"] in found_receivers for e in extra):
        hint = ("A company can pay from more than one account: follow the account the money was paid into, "
                "not the company's name.")
    elif split_children - gs:
        hint = ("Where no single payment passes on most of the money, add up the payments that leave the same "
                "account in the days after: money can be split.")
    else:
        hint = "Compare what came in and what went out in the account's own currency, then follow every branch."
    return Result.not_yet(" ".join(parts), hint=hint)


@question("q2", expects="a list of account numbers (creditor_account values)")
def q2(answer: Any) -> Result:
    given = read_items(answer, "a list of account numbers", allow_empty=True,
                       example="table['creditor_account'].tolist()")
    if isinstance(given, Result):
        return given
    expected = set(end_accounts())
    gs = set(given)
    if gs == expected:
        return Result.passed(f"Right: the money stopped in {len(expected)} accounts. Check who holds them: the "
                             "finance-03 registry will tell you.")
    p = _payments()
    names = set(p["creditor"]) | set(p["debtor"])
    if gs & names:
        return Result.not_yet("You gave names; the question asks for accounts.",
                              hint="Take the creditor_account of the last payment of each branch.")
    accounts = set(p["creditor_account"]) | set(p["debtor_account"])
    unknown = gs - accounts
    parts = [f"{_n(len(gs & expected), 'of your accounts is', 'of your accounts are')} an end point of the trace."]
    if unknown:
        parts.append(f"{_n(len(unknown), 'of your entries is', 'of your entries are')} not an account in the data.")
    chain = set(planted_ids("layering_chain"))
    passed_on = set(p.loc[p["msg_id"].isin(chain), "debtor_account"])
    if gs & passed_on:
        parts.append("Money left some of your accounts again.")
    return Result.not_yet(" ".join(parts), hint="Every branch of the trace ends somewhere: take the account the "
                                                "last payment of each branch was paid into.")


def _message_ids() -> set[str]:
    return set(_payments()["msg_id"])


def _advise_structuring(c: Compared) -> Advice | None:
    p = _payments().set_index("msg_id")
    missed = set(planted_ids("structuring")) - c.found
    if missed and all(p.loc[m, "instructed_currency"] != "USD" for m in missed):
        return Advice(hint="The threshold is in US dollars or the equivalent: convert what was sent before you compare.")
    return None


def _pattern(qid: str, name: str, noun: tuple[str, str], passed: str, hint: str, advise) -> IdSet:
    """q3, q4: the message IDs of a planted pattern (a list; an empty list says "none found")."""
    return IdSet(qid, expected=lambda: set(planted_ids(name)), universe=_message_ids, allow_empty=True,
                 what="a list of message IDs", noun=noun, passed=passed, hint=hint, advise=advise,
                 wrong=("{k} of your messages does not belong to the pattern.",
                        "{k} of your messages do not belong to the pattern."),
                 unknown=("{k} of your IDs is not a message in the data.", "{k} of your IDs are not messages in the data."),
                 example="table['msg_id'].tolist()")


q3 = _pattern("q3", "structuring", ("structured payment", "structured payments"),
              passed="Right: {total} payments from one customer within weeks, each just under the reporting threshold "
                     "once converted to US dollars, from two accounts in two currencies.",
              hint="Re-read FIU-L's written rule in section 4 and apply its three steps in order: which payments "
                   "are in the band, which debtors it says are structuring, and which of their payments to report.",
              advise=_advise_structuring)


def _advise_nesting(c: Compared) -> Advice | None:
    p = _payments().set_index("msg_id")
    declared = {b.bic: b.clears_through for b in _datasets().banks().itertuples(index=False)}
    if any(declared.get(p.loc[e, "debtor_bank"]) for e in c.wrong):
        return Advice(hint="Some downstream banks are declared in the banks' files: look them up before you flag them.")
    return None


q4 = _pattern("q4", "nested", ("payment of the undisclosed nested relationship",
                                "payments of the undisclosed nested relationship"),
              passed="Right: a downstream bank nobody declared pays through another bank's correspondent account. Ask "
                     "the respondent, restrict, report.",
              hint="Look at the structured agent fields: which bank passed each payment on before the correspondent?",
              advise=_advise_nesting)


def evidence_ids() -> set[str]:
    """The message IDs and accounts a reason may name: the reported message and everything the answers find."""
    covers = {v for v in cover_of_trace().values() if v}
    return ({START, *planted_ids("layering_chain"), *planted_ids("structuring"), *planted_ids("nested")}
            | set(end_accounts()) | covers)


q5 = report_question(
    "q5", indicators=(INDICATORS_REQUIRED, INDICATORS_ALLOWED), citations=(CITATIONS_REQUIRED, CITATIONS_ALLOWED),
    evidence=evidence_ids, evidence_noun="message IDs or accounts of your answers",
    shows="what the messages and the registry show",
    missing_indicator=("{k} indicator that describes these payments is missing.",
                       "{k} indicators that describe these payments are missing."),
    missing_citation="The citation of the measure on financial services and transfers is missing.",
    passed="Your reasons hold and name the evidence. What you wrote is kept for the debrief.",
    hint="For each code, ask which message or registry row shows it; leave out what no row shows. Reasons name at "
         "least one message ID or account.",
    example="report = {'indicators': [...], 'citations': [...], 'reasons': '...'}")
reason_problem = q5.reason_problem


def cover_of_trace() -> dict[str, str | None]:
    """q6: each payment of the trace -> the msg_id of the pacs.009 COV with its UETR, or None."""
    p = _payments().set_index("msg_id")
    cover = _datasets().cover_payments().set_index("uetr")["msg_id"].to_dict()
    return {m: cover.get(p.loc[m, "uetr"]) for m in planted_ids("layering_chain")}


def _advise_cover(given: dict, expected: dict) -> Advice | None:
    covered = {k for k, v in expected.items() if v is not None}
    if given and all(v is None for v in given.values()):
        return Advice(hint="Some payments of the trace were settled by cover: section 3 says which column of a "
                      "payment shows that, and which field ties a cover leg to its customer transfer.")
    if {k for k, v in given.items() if v is not None} - covered:
        return Advice("A cover leg belongs to one customer transfer only; some of yours are tied to the wrong one.",
                      hint="Re-read section 3: what ties a cover leg to its customer transfer? An amount, a date "
                           "or a bank can be shared by other payments.")
    return None


q6 = Mapping("q6", expected=cover_of_trace, noun=("payment of the trace", "payments of the trace"),
             what="a dict {message ID of the trace: msg_id of its cover leg, or None}",
             right="{right} of the {total} payments of the trace have the right cover leg (or rightly none).",
             missing=("{k} payment of the trace is missing from your dict.",
                      "{k} payments of the trace are missing from your dict."),
             extra=("{k} key is not a payment of the trace.", "{k} keys are not payments of the trace."),
             passed="Right: the UETR ties each cover leg to the one customer transfer it settles; each step of the "
                    "trace is a new payment with a UETR of its own, so across steps only the accounts link them.",
             hint="Section 3 says what a cover leg shares with the one customer transfer it settles: find that "
                  "field for each message of your trace, then look for it among the cover legs.",
             key_hint="Use the message IDs of your trace as keys.", advise=_advise_cover)


def leak_probes() -> dict[str, list[str]]:
    return {
        "q1": [m for m in planted_ids("layering_chain") if m != START],
        "q2": sorted(end_accounts()),
        "q3": list(planted_ids("structuring")),
        "q4": list(planted_ids("nested")),
        # the reported cover leg is the notebook's given starting point, not an answer (as START in q1)
        "q6": sorted(v for v in cover_of_trace().values() if v and v != REPORTED_COVER),
    }
