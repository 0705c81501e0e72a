"""Checks for finance-04, "Following the money" (exercises/solutions/finance/finance-04-following-the-money.ipynb).

Ground truth comes from the shipped synthetic world: the payments that form the planted layering chain, the
structured payments and the nested-account payments are known only as salted hashes
(``datasets.planted("layering_chain" | "structuring" | "nested")``); this module finds which messages they are by
hashing each message ID, so no answer is written here. The end point of the chain is derived from the data.
No message states an expected value.
"""

from __future__ import annotations

import functools
from typing import Any

from embargo_kit.exercises.checking import Result, hashed, question, require_type

LESSON = "finance-04"
START = "MSG-20260907-01518"  # the message FIU-L asks about; named in the notebook, so not an answer

INDICATORS_REQUIRED = {"FIN-01", "FIN-05"}
INDICATORS_ALLOWED = {"FIN-01", "FIN-05", "FIN-18", "FIN-07", "FIN-02"}
CITATIONS_REQUIRED = {"2094/11"}
CITATIONS_ALLOWED = {"2094/11", "1718/8(d)", "2270", "2371", "2270/32"}


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


def end_point() -> str:
    p = _payments().set_index("msg_id")
    return str(p.loc[planted_ids("layering_chain")[-1], "creditor"])


def _msg_ids(answer: Any, what: str) -> tuple[list[str] | None, Result | None]:
    if type(answer).__name__ == "DataFrame":
        if "msg_id" in getattr(answer, "columns", []):
            answer = answer["msg_id"]
        else:
            return None, Result.cant_check(f"You gave a table; expected {what}.",
                                           hint="Keep the msg_id column: table['msg_id'].tolist().")
    if isinstance(answer, str):
        return None, Result.cant_check(f"You gave one piece of text; expected {what}.",
                                       hint="Put the message IDs in a list: ['MSG-...', 'MSG-...'].")
    if hasattr(answer, "tolist") and not isinstance(answer, (list, tuple, set, frozenset)):
        answer = answer.tolist()
    if (bad := require_type(answer, (list, tuple, set, frozenset), what)) is not None:
        return None, bad
    if not all(isinstance(v, str) for v in answer):
        return None, Result.cant_check(f"Expected {what}; some items are not text.")
    return [v.strip() for v in answer], None


def _n(k: int, one: str, many: str) -> str:
    return f"{k} {one if k == 1 else many}"


def _set_feedback(given: set[str], expected: set[str], what: str, hint: str) -> Result:
    known = set(_payments()["msg_id"])
    found = given & expected
    unknown = given - known
    extra = given - expected - unknown
    parts = [f"You found {len(found)} of {len(expected)} {what}."]
    if extra:
        parts.append(f"{_n(len(extra), 'of your messages does', 'of your messages do')} not belong to the pattern.")
    if unknown:
        parts.append(f"{_n(len(unknown), 'of your IDs is', 'of your IDs are')} not a message in the data.")
    return Result.not_yet(" ".join(parts), hint=hint)


# ------------------------------------------------------------------------------------------ questions
@question("q1", expects="a list of message IDs, in order, starting with the message FIU-L asked about")
def q1(answer: Any) -> Result:
    given, bad = _msg_ids(answer, "a list of message IDs in the order the money moved")
    if bad is not None:
        return bad
    expected = list(planted_ids("layering_chain"))
    if given == expected:
        return Result.passed(f"Right: {len(expected)} transfers in {len(expected)} days, each passing on almost all "
                             "it received: layering.")
    if set(given) == set(expected):
        return Result.not_yet("You have the right messages in the wrong order.",
                              hint="Give them in the order the money moved: the receiver of one is the sender of the next.")
    if not given or given[0] != START:
        return Result.not_yet("Your chain does not start with the message FIU-L asked about.",
                              hint="Put the starting message ID first.")
    good_prefix = 0
    for a, b in zip(given, expected):
        if a != b:
            break
        good_prefix += 1
    if good_prefix == len(given):
        return Result.not_yet(f"Your chain is right as far as it goes, but the money moved on after step {len(given)}.",
                              hint="Look for a payment by the last receiver within 3 days, for 90 to 100 % of what "
                                   "it received.")
    return Result.not_yet(f"The first {good_prefix} steps of your chain are right; then it follows a different payment.",
                          hint="The next step is a payment whose debtor is the previous creditor, within 3 days, "
                               "for 90 to 100 % of the amount received.")


@question("q2", expects="the name of a company, as text")
def q2(answer: Any) -> Result:
    if (bad := require_type(answer, str, "the creditor's name as text")) is not None:
        return bad
    given = " ".join(answer.split()).casefold()
    if given == end_point().casefold():
        return Result.passed("Right: that is where the money stopped moving. Check who stands behind it: the finance-03 "
                             "registry will tell you.")
    p = _payments()
    chain = set(planted_ids("layering_chain"))
    in_chain = set(p.loc[p["msg_id"].isin(chain), "debtor"].str.casefold())
    if given in in_chain:
        return Result.not_yet("That company passed the money on; it is not where it stopped.",
                              hint="Take the creditor of the last message of your chain.")
    if given not in set(p["creditor"].str.casefold()) | set(p["debtor"].str.casefold()):
        return Result.not_yet("No payment names that party.", hint="Copy the creditor's name from the data.")
    return Result.not_yet("That is not the creditor at the end of the chain.",
                          hint="Take the creditor of the last message of the chain from question 1.")


@question("q3", expects="a list of message IDs")
def q3(answer: Any) -> Result:
    given, bad = _msg_ids(answer, "a list of message IDs")
    if bad is not None:
        return bad
    expected = set(planted_ids("structuring"))
    if set(given) == expected:
        return Result.passed(f"Right: {len(expected)} payments, each just under the reporting threshold, from one "
                             "customer within two weeks.")
    return _set_feedback(set(given), expected, "structured payments",
                         "Keep payments between 90 % and 100 % of the threshold; flag a debtor with 3 or more of them "
                         "within 14 days, and give all of that debtor's payments in the band.")


@question("q4", expects="a list of message IDs")
def q4(answer: Any) -> Result:
    given, bad = _msg_ids(answer, "a list of message IDs")
    if bad is not None:
        return bad
    expected = set(planted_ids("nested"))
    if set(given) == expected:
        return Result.passed("Right: the respondent bank sends these for another bank's customers, named only in the "
                             "free text. Ask, restrict, report.")
    return _set_feedback(set(given), expected, "payments of the nested relationship",
                         "Read remittance_info: which messages name another bank (after /INS/) than the debtor's bank?")


def _indicator_codes() -> set[str]:
    from importlib import resources

    import yaml

    text = (resources.files("embargo_kit") / "data" / "reference" / "indicators.yaml").read_text(encoding="utf-8")
    return {str(i["code"]) for i in yaml.safe_load(text)["indicators"]}


@question("q5", expects="a dict with 'indicators' and 'citations' (lists of codes)")
def q5(answer: Any) -> Result:
    if (bad := require_type(answer, dict, "a dict with the keys 'indicators' and 'citations'")) is not None:
        return bad
    if not {"indicators", "citations"} <= set(answer):
        return Result.cant_check("Your dict needs the keys 'indicators' and 'citations'.",
                                 hint="report = {'indicators': [...], 'citations': [...], 'note': '...'}")
    out = {}
    for key in ("indicators", "citations"):
        v = answer[key]
        if isinstance(v, str):
            v = [v]
        if (bad := require_type(v, (list, tuple, set, frozenset), f"a list of {key}")) is not None:
            return bad
        if not all(isinstance(x, str) for x in v):
            return Result.cant_check(f"Some of your {key} are not text.")
        out[key] = {" ".join(x.split()).upper() if key == "indicators" else " ".join(x.split()) for x in v}
    inds, cits = out["indicators"], out["citations"]
    problems = []
    unknown = inds - _indicator_codes()
    if unknown:
        problems.append(f"{_n(len(unknown), 'indicator code is', 'indicator codes are')} not in the course's list.")
    missing = INDICATORS_REQUIRED - inds
    if missing:
        problems.append(f"{_n(len(missing), 'indicator that describes these payments is', 'indicators that describe these payments are')} missing.")
    wrong = inds - INDICATORS_ALLOWED - unknown
    if wrong:
        problems.append(f"{_n(len(wrong), 'indicator does', 'indicators do')} not fit what the payment messages show.")
    if not CITATIONS_REQUIRED <= cits:
        problems.append("The citation of the measure on financial services and transfers is missing.")
    bad_cits = cits - CITATIONS_ALLOWED
    if bad_cits:
        problems.append(f"{_n(len(bad_cits), 'citation does', 'citations do')} not apply to these payments.")
    if not problems:
        return Result.passed("Your reasons hold. Your note is kept for the debrief.")
    return Result.not_yet(" ".join(problems), hint="The finance indicators FIN-01 ... FIN-18 are in the lesson; pick the "
                                                   "citations from the closed list above the cell.")


def leak_probes() -> dict[str, list[str]]:
    return {
        "q1": [m for m in planted_ids("layering_chain") if m != START],
        "q2": [end_point()],
        "q3": list(planted_ids("structuring")),
        "q4": list(planted_ids("nested")),
    }
